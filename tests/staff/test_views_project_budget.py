# ruff: noqa: F811 (pytest fixtures imported from tests.staff_helpers)
"""オ 事業費 as a grid on the staff project page (ADR 0097): one row per 年度 of the project's
キ 期間, all at once; 円 or 千円; amounts as people write them; blank = no line; years
outside the period kept and flagged; the whole grid saved by one POST without JavaScript."""

from datetime import date

import pytest

from projects.models import BudgetLine, Project
from tests.staff_helpers import (  # noqa: F401 (fixtures)
    editor,
    editor_client,
    form_values,
    imported,
    region,
    single,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(imported):
    return list(imported.vision_revision.projects.order_by("position"))


def url_of(project):
    return f"/staff/setouchi/vision/1/projects/{project.pk}/"


def page_data(client, url):
    return form_values(client.get(url), "project-form")


def lines(project):
    return list(BudgetLine.objects.filter(project=project).values_list("fiscal_year", "amount"))


def test_every_fiscal_year_of_the_period_is_a_row_at_once(editor_client, projects):
    # 2026-04-01 〜 2031-03-31, no budget yet: five 年度, nothing to add row by row
    page = editor_client.get(url_of(projects[1]))

    html = page.content.decode()
    for year, name in zip(
        range(2026, 2031),
        ("令和8年度", "令和9年度", "令和10年度", "令和11年度", "令和12年度"),
        strict=True,
    ):
        assert f'name="budget-y{year}"' in html
        assert name in html
    assert 'name="budget-y2025"' not in html and 'name="budget-y2031"' not in html
    assert "年度を追加" not in html
    assert "単位: 円" in html


def test_the_grid_is_filled_from_the_stored_lines(editor_client, projects):
    data = page_data(editor_client, url_of(projects[0]))

    assert data["budget-years"] == ["2026,2027,2028"]
    assert data["budget-y2026"] == ["80,000,000"]
    assert data["budget-y2028"] == ["120,000,000"]
    assert data["budget_total"] == ["300,000,000"]


def test_the_whole_grid_is_saved_by_one_post_without_javascript(editor_client, projects):
    project = projects[1]
    url = url_of(project)
    data = page_data(editor_client, url)

    response = editor_client.post(
        url,
        single(
            data,
            save="1",
            has_budget="on",
            budget_total="500,000,000",
            **{f"budget__y{year}": "100,000,000" for year in range(2026, 2031)},
        ),
    )

    assert response.status_code == 302
    assert lines(project) == [(year, 100_000_000) for year in range(2026, 2031)]
    assert Project.objects.get(pk=project.pk).budget_total == 500_000_000


def test_a_blank_year_is_no_line_and_zero_is_a_line_of_zero(editor_client, projects):
    project = projects[0]
    url = url_of(project)
    data = page_data(editor_client, url)

    editor_client.post(url, single(data, save="1", budget__y2027="", budget__y2028="0"))

    assert lines(project) == [(2026, 80_000_000), (2028, 0)]


def test_amounts_are_accepted_as_people_write_them(editor_client, projects):
    project = projects[0]
    url = url_of(project)
    data = page_data(editor_client, url)

    response = editor_client.post(
        url,
        single(
            data,
            save="1",
            budget_total="３億円",
            budget__y2026="８千万",
            budget__y2027="1億円",
            budget__y2028="1億2000万",
        ),
    )

    assert response.status_code == 302
    assert lines(project) == [(2026, 80_000_000), (2027, 100_000_000), (2028, 120_000_000)]
    assert Project.objects.get(pk=project.pk).budget_total == 300_000_000


def test_input_in_thousands_of_yen_is_stored_in_yen_and_the_choice_is_remembered(
    editor_client, projects
):
    project = projects[0]
    url = url_of(project)
    data = page_data(editor_client, url)

    switched = editor_client.post(url, single(data, budget_unit_to="thousand", content="入力中"))

    html = switched.content.decode()
    assert switched.status_code == 200
    assert "単位: 千円" in html and "入力中" in html  # nothing typed is lost
    data = form_values(switched, "project-form")
    assert data["budget-unit"] == ["thousand"]
    assert data["budget-y2026"] == ["80,000"]  # the amounts typed so far, now in 千円
    assert data["budget_total"] == ["300,000"]
    assert lines(project)[0] == (2026, 80_000_000)  # switching saves nothing

    response = editor_client.post(
        url,
        single(
            data,
            save="1",
            budget_total="360,000",
            budget__y2026="140,000",
            budget__y2027="100,000.5",
        ),
    )

    assert response.status_code == 302
    assert lines(project) == [(2026, 140_000_000), (2027, 100_000_500), (2028, 120_000_000)]
    assert Project.objects.get(pk=project.pk).budget_total == 360_000_000
    again = page_data(editor_client, url)
    assert again["budget-unit"] == ["thousand"]
    assert again["budget-y2027"] == ["100,000.5"]


def test_bad_input_keeps_what_was_typed_and_names_the_year(editor_client, projects):
    project = projects[0]
    url = url_of(project)
    data = page_data(editor_client, url)

    response = editor_client.post(
        url, single(data, save="1", budget__y2027="たくさん", budget__y2028="-5", budget_total="x")
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "令和9年度の金額: 数字で入力してください（例: 1億8千万、180000000）" in html
    assert "令和10年度の金額: 0円以上の金額を入力してください" in html
    assert "総事業費（円）: 数字で入力してください" in html
    assert "の金額: 令和" not in html  # the year is named once
    summary = html[html.index('id="error-summary"') : html.index('id="project-form"')]
    assert 'href="#id_budget-y2027"' in summary and "令和9年度の金額" in summary
    assert 'value="たくさん"' in html and 'value="-5"' in html
    assert 'aria-describedby="id_budget-y2027_error"' in html
    assert lines(project)[1] == (2027, 100_000_000)


def test_a_fraction_of_a_yen_is_refused(editor_client, projects):
    url = url_of(projects[0])
    data = single(page_data(editor_client, url), budget_unit_to="thousand")
    data = form_values(editor_client.post(url, data), "project-form")

    response = editor_client.post(url, single(data, save="1", budget__y2026="1.2345"))

    assert "令和8年度の金額: 1円未満の端数が出ます" in response.content.decode()


def test_a_stored_year_outside_the_period_is_shown_and_flagged(editor_client, projects):
    project = projects[0]  # 2026-04-01 〜 2029-03-31
    BudgetLine.objects.create(project=project, fiscal_year=2031, amount=5)
    url = url_of(project)

    page = editor_client.get(url)

    html = page.content.decode()
    assert 'name="budget-y2031"' in html
    assert 'name="budget-y2029"' not in html and 'name="budget-y2030"' not in html
    row = html[html.index('id="budget-row-2031"') :]
    row = row[: row.index("</tr>")]
    assert "期間外" in row and "令和13年度" in row
    assert "期間外" not in html[html.index('id="budget-row-2028"') :].split("</tr>")[0]

    data = page_data(editor_client, url)
    editor_client.post(url, single(data, save="1"))
    assert (2031, 5) in lines(project)  # kept until the clerk clears it


def test_a_new_period_lays_out_its_years_without_saving(editor_client, projects):
    project = projects[0]
    url = url_of(project)
    data = page_data(editor_client, url)

    response = editor_client.post(
        url,
        single(data, budget_refresh="1", start="2027-04-01", end="2031-03-31", budget__y2027="99"),
    )

    html = response.content.decode()
    data = form_values(response, "project-form")
    assert data["budget-years"] == ["2026,2027,2028,2029,2030"]  # 2026 kept: it has an amount
    assert data["budget-y2027"] == ["99"] and data["budget-y2030"] == [""]
    assert "期間外" in html.split('id="budget-row-2026"')[1].split("</tr>")[0]
    assert Project.objects.get(pk=project.pk).start == date(2026, 4, 1)

    data = single(data, budget__y2026="")
    response = editor_client.post(url, single(data, budget_refresh="1"))
    assert form_values(response, "project-form")["budget-years"] == ["2027,2028,2029,2030"]


def test_without_a_period_the_page_says_how_to_get_the_rows(editor_client, projects):
    project = projects[1]
    Project.objects.filter(pk=project.pk).update(start=None, end=None)

    html = editor_client.get(url_of(project)).content.decode()

    assert "期間から年度を並べる" in html
    assert "キ 期間の開始日と終了日を入力して" in html


@pytest.mark.parametrize(
    "forged",
    [
        {"budget-years": "2026,abc"},
        {"budget-years": "1800"},
        {"budget-years": ",".join(str(y) for y in range(1900, 2001))},
        {"budget-unit": "ドル"},
        {"budget-y2031": "5"},
    ],
)
def test_a_forged_grid_is_a_bad_request(editor_client, projects, forged):
    url = url_of(projects[0])
    data = page_data(editor_client, url)

    response = editor_client.post(url, {**data, "save": "1", **forged})

    assert response.status_code == 400
    assert lines(projects[0])[0] == (2026, 80_000_000)


def test_the_grid_queries_do_not_grow_with_the_years(
    editor_client, projects, django_assert_max_num_queries
):
    short, long = projects[0], projects[1]
    Project.objects.filter(pk=long.pk).update(end=date(2046, 3, 31))
    with django_assert_max_num_queries(60) as few:
        editor_client.get(url_of(short))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = editor_client.get(url_of(long))
    assert 'name="budget-y2045"' in page.content.decode()
