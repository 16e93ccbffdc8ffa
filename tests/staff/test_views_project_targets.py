# ruff: noqa: F811 (pytest fixtures imported from tests.staff_helpers)
"""目標（指標）on the staff project page (ADR 0104): a block per target with a cell per 年度 of
the キ 期間; figures as people write them; a figure outside its unit's range refused on its
cell with nothing saved and the typed value kept; copied into a change revision."""

from decimal import Decimal

import pytest

from projects.models import ProjectTarget
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


def stored(project):
    return [
        (t.name, t.unit, t.value_list(), t.final_year, t.final_value)
        for t in ProjectTarget.objects.filter(project=project).order_by("position")
    ]


def test_the_targets_of_the_bundle_are_shown_with_a_cell_per_year_of_the_period(
    editor_client, projects
):
    # project 0: 2026-04-01 〜 2029-03-31 → 2026, 2027, 2028 年度
    data = page_data(editor_client, url_of(projects[0]))

    assert data["targets-0-name"] == ["クラスターへの企業立地件数"]
    assert data["targets-0-unit"] == ["社"]
    assert data["targets-0-y2026"] == ["2"] and data["targets-0-y2028"] == [""]
    assert "targets-0-y2025" not in data and "targets-0-y2029" not in data
    assert data["targets-0-final_year"] == ["2028"] and data["targets-0-final_value"] == ["6"]
    assert data["targets-0-better"] == ["higher"]


def test_a_target_is_added_and_saved_with_its_values(editor_client, projects):
    project = projects[0]
    url = url_of(project)
    added = editor_client.post(url, single(page_data(editor_client, url), add="targets"))
    data = form_values(added, "project-form")
    assert data["targets-TOTAL_FORMS"] == ["2"] and data["targets-1-y2027"] == [""]

    response = editor_client.post(
        url,
        single(
            data,
            save="1",
            targets__1__name="共同研究の件数",
            targets__1__unit="件",
            targets__1__y2026="１，２００",
            targets__1__y2027="1,500",
            targets__1__final_year="2028",
            targets__1__final_value="2000",
            targets__1__source="事務局の集計",
        ),
    )

    assert response.status_code == 302
    assert stored(project)[1] == (
        "共同研究の件数",
        "件",
        [(2026, Decimal(1200)), (2027, Decimal(1500))],
        2028,
        Decimal(2000),
    )


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"targets__0__y2027": "-3"}, "targets-0-y2027", "マイナスにできません"),
        ({"targets__0__y2027": "2.5"}, "targets-0-y2027", "整数にしてください"),
        ({"targets__0__y2027": "abc"}, "targets-0-y2027", "数字で入力してください"),
        (
            {"targets__0__unit": "%", "targets__0__final_value": "120"},
            "targets-0-final_value",
            "0〜100",
        ),
        ({"targets__0__baseline_value": "0.00001"}, "targets-0-baseline_value", "小数は 4 桁まで"),
    ],
)
def test_a_bad_figure_is_refused_on_its_field_nothing_saved_and_typed_value_kept(
    editor_client, projects, changes, field, words
):
    project = projects[0]
    url = url_of(project)
    before = stored(project)

    response = editor_client.post(url, single(page_data(editor_client, url), save="1", **changes))

    assert response.status_code == 200
    assert stored(project) == before
    html = response.content.decode()
    assert words in html
    assert 'class="error-summary' in html or "error-summary" in html
    typed = next(iter(changes.values())) if field.endswith(("y2027", "baseline_value")) else "120"
    assert form_values(response, "project-form")[field] == [typed]


def test_a_year_the_period_adds_gets_a_blank_cell_and_a_blank_one_it_drops_goes(
    editor_client, projects
):
    project = projects[0]
    url = url_of(project)
    data = page_data(editor_client, url)

    response = editor_client.post(
        url, single(data, budget_refresh="1", start="2027-04-01", end="2030-03-31")
    )

    after = form_values(response, "project-form")
    assert after["targets-0-y2029"] == [""]
    assert after["targets-0-y2026"] == ["2"]  # typed, kept (and flagged 期間外)
    assert "targets-0-y2028" in after
    assert "期間外" in response.content.decode()


def test_cells_out_of_range_or_unlike_the_other_rows_are_refused(editor_client, projects):
    url = url_of(projects[2])  # two targets
    data = page_data(editor_client, url)

    assert editor_client.post(url, single(data, save="1", targets__0__y1800="5")).status_code == 400
    assert editor_client.post(url, single(data, save="1", targets__0__y2030="5")).status_code == 400


def test_a_value_outside_the_period_is_kept_flagged_and_reported_at_submission(
    editor_client, projects
):
    project = projects[0]
    url = url_of(project)
    data = page_data(editor_client, url)

    editor_client.post(url, single(data, save="1", targets__0__y2031="5"))

    assert (2031, Decimal(5)) in stored(project)[0][2]
    html = editor_client.get(url).content.decode()
    assert "期間外" in html
    assert "2031年度の目標値が期間" in html


def test_a_deleted_target_is_gone_after_saving(editor_client, projects):
    project = projects[2]
    url = url_of(project)
    data = page_data(editor_client, url)

    editor_client.post(url, single(data, save="1", targets__0__DELETE="on"))

    assert [name for name, *_ in stored(project)] == ["自家用車による観光移動の割合"]


def test_the_checklist_names_a_target_without_unit(editor_client, projects):
    project = projects[0]
    url = url_of(project)
    editor_client.post(url, single(page_data(editor_client, url), save="1", targets__0__unit=""))

    html = editor_client.get(url).content.decode()
    assert "単位が記載されていません" in html
    assert "#p-targets" in html
