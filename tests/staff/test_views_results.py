"""The staff pages of the yearly results (staff.views.results, ADR 0108, 0109): the grid of
a project (ended 年度 only), the draft, the 送付 of a 年度, the returned result fixed, the
訂正, bad input on its field with nothing saved, the evidence file checked by its content
and served to the region's staff only."""

from datetime import UTC, datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import RegionRole
from declarations import clock
from declarations.lifecycle import Status
from declarations.models import StatusChange
from reports.models import TargetResult
from tests.factories import UserFactory
from tests.public_data import publish_region
from tests.reports.helpers import (  # noqa: F401 (fixtures)
    editor,
    published,
    region,
    viewer,
)
from tests.reports.result_helpers import LATER, YEAR, file_results, targets_of

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% evidence\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def later():
    """令和8年度 (2026) has ended, 令和9年度 not yet."""
    with clock.recorded_at(LATER):
        yield


def page_url(region, number=1, name="results_project"):
    return reverse(f"staff:{name}", args=[region.slug, number])


def first_key(published):
    """The key of project 1's target (クラスターへの企業立地件数, 社)."""
    return next(key for key, entry in targets_of(published).items() if entry.number == 1)


def audit_rows():
    return StatusChange.objects.filter(
        content_type=ContentType.objects.get_for_model(TargetResult)
    ).count()


def entry(published, **changes):
    data = {
        "target_key": first_key(published),
        "fiscal_year": str(YEAR),
        "value": "3",
        "comment": "県の企業立地統計による",
        "evidence_url": "",
    }
    data.update(changes)
    return data


def errors_of(response, field):
    """The text of a field's error list (the ids aria-describedby points at)."""
    text = response.text
    start = text.find(f'id="id_{field}_error"')
    assert start != -1, f"no errors on {field}"
    return text[start : text.find("</ul>", start)]


# ---------------------------------------------------------------- the grid


def test_the_overview_lists_the_projects_and_links_the_grid(client, region, editor):
    client.force_login(editor)
    page = client.get(reverse("staff:results", args=[region.slug]))
    assert page.status_code == 200
    assert "瀬戸内先端ものづくりクラスター形成プロジェクト" in page.text
    assert f'href="{page_url(region, 1)}"' in page.text
    assert "令和8年度" in page.text and "未入力 1" in page.text


def test_the_grid_shows_only_the_ended_years(client, published, editor):
    client.force_login(editor)
    page = client.get(page_url(published.region))
    assert page.status_code == 200
    text = page.text
    assert "クラスターへの企業立地件数" in text
    assert 'id="year-2026"' in text and "2026年度" in text
    assert 'id="year-2027"' not in text  # 令和9年度 ends on 2028-03-31
    assert "目標 2社" in text  # the 年度's target in its cell
    assert "この年度の実績を送付" not in text  # no draft yet
    with clock.recorded_at(datetime(2029, 6, 1, tzinfo=UTC)):
        text = client.get(page_url(published.region)).text
    assert all(f'id="year-{year}"' in text for year in (2026, 2027, 2028))
    assert 'id="year-2029"' not in text  # the project ends on 2029-03-31


def test_an_editor_saves_a_draft_from_a_cell(client, published, editor):
    client.force_login(editor)
    key = first_key(published)
    page = client.get(page_url(published.region))
    assert f"?target={key}&amp;year={YEAR}#result-form" in page.text
    page = client.get(page_url(published.region), {"target": key, "year": YEAR})
    assert f'<option value="{key}" selected>' in page.text
    response = client.post(page_url(published.region), entry(published))
    assert response.status_code == 302
    result = TargetResult.objects.get()
    assert (result.status, result.value, result.fiscal_year) == (Status.DRAFT, 3, YEAR)
    assert result.comment == "県の企業立地統計による"
    assert audit_rows() == 1
    page = client.get(response.url)
    assert "下書きとして保存しました" in page.text
    cell = page.text[page.text.find(f'id="cell-{key}-{YEAR}"') :]
    assert "実績 3社" in cell[:800] and "下書き" in cell[:800]
    assert "この年度の実績を送付" in page.text


def test_the_year_is_sent_as_one_batch_with_an_audit_row_each(client, published, editor):
    client.force_login(editor)
    [draft] = file_results(published, editor, status=Status.DRAFT, keys=[first_key(published)])
    before = audit_rows()
    response = client.post(
        page_url(published.region, name="results_submit"), {"fiscal_year": str(YEAR)}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    rows = StatusChange.objects.filter(
        content_type=ContentType.objects.get_for_model(TargetResult), object_id=draft.pk
    )
    assert [(r.old, r.new) for r in rows][-1] == (Status.DRAFT, Status.SUBMITTED)
    assert audit_rows() == before + 1
    page = client.get(response.url)
    assert "実績 1 件を送付しました" in page.text
    assert "送付済み" in page.text
    assert "?result=" not in page.text  # a sent result cannot be fixed


def test_a_year_outside_the_columns_is_not_sent(client, published, editor):
    client.force_login(editor)
    file_results(published, editor, status=Status.DRAFT, keys=[first_key(published)])
    for year in ("2027", "abc", ""):
        response = client.post(
            page_url(published.region, name="results_submit"), {"fiscal_year": year}
        )
        assert response.status_code == 302
    assert not TargetResult.objects.exclude(status=Status.DRAFT).exists()


def test_a_returned_result_shows_the_comment_and_is_fixed_again(client, published, editor):
    client.force_login(editor)
    [result] = file_results(published, editor, status=Status.RETURNED, keys=[first_key(published)])
    page = client.get(page_url(published.region))
    assert "差戻しのコメント" in page.text and "根拠が不足しています。" in page.text
    page = client.get(page_url(published.region), {"result": result.pk})
    assert 'id="result-entry"' in page.text and "差し戻された実績です" in page.text
    response = client.post(
        page_url(published.region),
        {"result": result.pk, "version": result.version, "value": "4", "comment": "集計を直した"},
    )
    assert response.status_code == 302
    result.refresh_from_db()
    assert (result.status, result.value, result.comment) == (Status.DRAFT, 4, "集計を直した")


def test_a_published_result_is_corrected_by_a_new_draft(client, published, editor):
    client.force_login(editor)
    [result] = file_results(published, editor, status=Status.PUBLISHED, keys=[first_key(published)])
    page = client.get(page_url(published.region))
    assert "訂正する" in page.text and "公表" in page.text
    response = client.post(
        page_url(published.region, name="results_correct"), {"result": result.pk}
    )
    correction = TargetResult.objects.get(number=2)
    assert response.status_code == 302
    assert response.url.endswith(f"?result={correction.pk}#result-form")
    assert (correction.status, correction.supersedes_id) == (Status.DRAFT, result.pk)
    page = client.get(response.url)
    assert "訂正 2" in page.text and 'id="result-entry"' in page.text
    assert "公開中の値: 3社（訂正が公表されるまで）" in page.text
    client.post(
        page_url(published.region),
        {"result": correction.pk, "version": correction.version, "value": "5"},
    )
    correction.refresh_from_db()
    result.refresh_from_db()
    assert (correction.value, result.value, result.status) == (5, 3, Status.PUBLISHED)


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        pytest.param({"value": "-3"}, "value", "マイナスにできません", id="negative-count"),
        pytest.param({"value": "2.5"}, "value", "整数にしてください", id="fraction-of-a-count"),
        pytest.param({"value": "たくさん"}, "value", "数字で入力してください", id="garbage"),
        pytest.param({"value": "1" + "0" * 30}, "value", "兆以下の値にしてください", id="huge"),
        pytest.param({"value": ""}, "value", "実績値を入力してください", id="no-value"),
        pytest.param({"fiscal_year": "2031"}, "fiscal_year", "プロジェクトの期間", id="outside"),
        pytest.param(
            {"fiscal_year": "2027"}, "fiscal_year", "まだ終わっていません", id="not-ended"
        ),
        pytest.param({"fiscal_year": "abc"}, "fiscal_year", "西暦（例: 2026）か令和", id="abc"),
        pytest.param({"fiscal_year": "99999999999"}, "fiscal_year", "西暦", id="huge-year"),
        pytest.param(
            {"target_key": "t-nothere"}, "target_key", "目標（指標）から選んで", id="target"
        ),
        pytest.param({"evidence_url": "javascript:alert(1)"}, "evidence_url", "http://", id="js"),
        pytest.param({"evidence_url": "ftp://example.jp/a"}, "evidence_url", "http://", id="ftp"),
    ],
)
def test_bad_input_is_told_on_the_field_nothing_saved_the_typed_value_kept(
    client, published, editor, changes, field, message
):
    client.force_login(editor)
    before = audit_rows()
    response = client.post(page_url(published.region), entry(published, **changes))
    assert response.status_code == 200
    assert "入力内容にエラーがあります" in response.text
    assert message in errors_of(response, field)
    assert not TargetResult.objects.exists() and audit_rows() == before
    assert "県の企業立地統計による" in response.text  # the comment typed stays
    typed = changes[field]
    if typed and field != "target_key":
        assert f'value="{typed}"' in response.text


def test_the_errors_of_every_rule_come_at_once(client, published, editor):
    client.force_login(editor)
    response = client.post(
        page_url(published.region), entry(published, fiscal_year="2031", value="-1")
    )
    assert "プロジェクトの期間" in errors_of(response, "fiscal_year")
    assert "マイナスにできません" in errors_of(response, "value")


def test_a_duplicate_year_is_refused_on_the_year(client, published, editor):
    client.force_login(editor)
    file_results(published, editor, status=Status.SUBMITTED, keys=[first_key(published)])
    before = (TargetResult.objects.count(), audit_rows())
    response = client.post(page_url(published.region), entry(published, value="7"))
    assert response.status_code == 200
    assert "実績はすでにあります" in errors_of(response, "fiscal_year")
    assert (TargetResult.objects.count(), audit_rows()) == before
    assert 'value="7"' in response.text


def test_a_target_of_another_project_is_refused(client, published, editor):
    client.force_login(editor)
    other = next(key for key, entry in targets_of(published).items() if entry.number == 2)
    response = client.post(page_url(published.region), entry(published, target_key=other))
    assert "目標（指標）から選んで" in errors_of(response, "target_key")
    assert not TargetResult.objects.exists()


@pytest.mark.parametrize("result", ["abc", "-1", "99999999999", "0"])
def test_a_tampered_result_id_is_404_not_500(client, published, editor, result):
    client.force_login(editor)
    assert (
        client.post(page_url(published.region), {"result": result, "value": "1"}).status_code == 404
    )
    assert client.get(page_url(published.region), {"result": result}).status_code == 404
    status = client.post(page_url(published.region, name="results_correct"), {"result": result})
    assert status.status_code == 404
    assert not TargetResult.objects.exists()


def test_an_unknown_project_is_404(client, published, editor):
    client.force_login(editor)
    assert client.get(page_url(published.region, 99)).status_code == 404
    assert client.get(page_url(published.region, 0)).status_code == 404


# ---------------------------------------------------------------- evidence


def upload(data, name, content_type="application/pdf"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.mark.parametrize(
    ("data", "name", "content_type"),
    [
        pytest.param(b"just some text, not an image", "graph.png", "image/png", id="text-as-png"),
        pytest.param(b"just some text, not a pdf", "report.pdf", "application/pdf", id="text-pdf"),
        pytest.param(b"MZ\x90\x00\x03" + b"\x00" * 64, "setup.pdf", "application/pdf", id="exe"),
        pytest.param(b"<svg xmlns='http://www.w3.org/2000/svg'/>", "a.png", "image/png", id="svg"),
    ],
)
def test_evidence_is_recognised_by_its_content_not_its_name(
    client, published, editor, data, name, content_type
):
    client.force_login(editor)
    data_in = {**entry(published), "evidence_file": upload(data, name, content_type)}
    response = client.post(page_url(published.region), data_in)
    assert response.status_code == 200
    assert "PDF・PNG・JPEG のファイルではありません" in errors_of(response, "evidence_file")
    assert "もう一度ファイルを選んでください" in response.text
    assert not TargetResult.objects.exists()


def test_too_large_evidence_is_refused(client, published, editor, settings):
    settings.RESULT_EVIDENCE_MAX_BYTES = 1024
    client.force_login(editor)
    big = upload(PDF + b"0" * 1024, "big.pdf")
    response = client.post(page_url(published.region), {**entry(published), "evidence_file": big})
    assert "ファイルが大きすぎます" in errors_of(response, "evidence_file")
    assert not TargetResult.objects.exists()


def test_evidence_is_stored_and_served_to_the_regions_staff_only(client, published, editor, viewer):
    client.force_login(editor)
    png = upload(PNG, "グラフ.pdf", "application/pdf")  # a PNG with a wrong name
    response = client.post(page_url(published.region), {**entry(published), "evidence_file": png})
    assert response.status_code == 302
    result = TargetResult.objects.get()
    assert result.evidence_file.name.endswith(".png")  # named by what it is
    url = reverse("staff:result_evidence", args=[published.region.slug, result.pk])
    assert f'href="{url}"' in client.get(page_url(published.region)).text
    for user in (editor, viewer):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PNG
        assert response["Content-Type"] == "image/png"
        assert response["Content-Disposition"].startswith("attachment")
        assert response["Cache-Control"] == "private, no-store"
    other = publish_region("kansai")
    stranger = UserFactory(username="stranger")
    RegionRole.objects.create(user=stranger, region=other.region, role=RegionRole.Role.EDITOR)
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    foreign = reverse("staff:result_evidence", args=[other.region.slug, result.pk])
    assert client.get(foreign).status_code == 404


def test_a_stored_file_is_kept_replaced_or_taken_off(client, published, editor):
    client.force_login(editor)
    pdf = upload(PDF, "根拠.pdf")
    client.post(page_url(published.region), {**entry(published), "evidence_file": pdf})
    result = TargetResult.objects.get()
    stored = result.evidence_file.name
    page = client.get(page_url(published.region), {"result": result.pk})
    assert "登録した根拠のファイル" in page.text and "根拠" in page.text
    client.post(
        page_url(published.region), {"result": result.pk, "version": result.version, "value": "4"}
    )
    result.refresh_from_db()
    assert (result.value, result.evidence_file.name) == (4, stored)
    client.post(
        page_url(published.region),
        {"result": result.pk, "version": result.version, "value": "4", "clear_file": "on"},
    )
    result.refresh_from_db()
    assert not result.evidence_file


# ---------------------------------------------------------------- who may


def test_a_viewer_reads_the_grid_but_cannot_post(client, published, editor, viewer):
    file_results(published, editor, status=Status.DRAFT, keys=[first_key(published)])
    client.force_login(viewer)
    page = client.get(page_url(published.region))
    assert page.status_code == 200
    assert "実績 3社" in page.text
    assert 'id="result-entry"' not in page.text and "入力する" not in page.text
    assert "この年度の実績を送付" not in page.text
    assert client.post(page_url(published.region), entry(published)).status_code == 404
    submit = client.post(page_url(published.region, name="results_submit"), {"fiscal_year": YEAR})
    assert submit.status_code == 404
    assert not TargetResult.objects.exclude(status=Status.DRAFT).exists()
    assert TargetResult.objects.count() == 1


def test_staff_of_another_region_get_404(client, published, editor):
    other = publish_region("kansai")
    stranger = UserFactory(username="stranger")
    RegionRole.objects.create(user=stranger, region=other.region, role=RegionRole.Role.EDITOR)
    client.force_login(stranger)
    assert client.get(page_url(published.region)).status_code == 404
    assert client.get(reverse("staff:results", args=[published.region.slug])).status_code == 404
    assert client.post(page_url(published.region), entry(published)).status_code == 404
    assert not TargetResult.objects.exists()


def test_the_region_page_links_the_results(client, region, editor):
    client.force_login(editor)
    page = client.get(reverse("staff:region", args=[region.slug]))
    assert reverse("staff:results", args=[region.slug]) in page.text


def test_the_dashboard_links_the_results(client, region, editor):
    client.force_login(editor)
    page = client.get(reverse("staff_dashboard"))
    assert reverse("staff:results", args=[region.slug]) in page.text


def test_the_grid_reads_in_a_fixed_number_of_queries(
    client, published, editor, django_assert_max_num_queries
):
    client.force_login(editor)
    file_results(published, editor, status=Status.RETURNED)
    with django_assert_max_num_queries(12):
        page = client.get(page_url(published.region, 3))
    assert page.status_code == 200


def test_a_save_by_someone_else_is_told_and_the_typed_value_kept(client, published, editor):
    client.force_login(editor)
    [result] = file_results(published, editor, status=Status.DRAFT, keys=[first_key(published)])
    stale = result.version
    client.post(page_url(published.region), {"result": result.pk, "version": stale, "value": "4"})
    response = client.post(
        page_url(published.region), {"result": result.pk, "version": stale, "value": "9"}
    )
    assert response.status_code == 200
    assert "別の人がこの実績を保存しました" in response.text and 'value="9"' in response.text
    result.refresh_from_db()
    assert result.value == 4


def test_a_sent_result_is_not_changed_by_a_late_post(client, published, editor):
    client.force_login(editor)
    [result] = file_results(published, editor, keys=[first_key(published)])
    response = client.post(
        page_url(published.region), {"result": result.pk, "version": result.version, "value": "9"}
    )
    assert response.status_code == 302
    result.refresh_from_db()
    assert (result.status, result.value) == (Status.SUBMITTED, 3)
    assert "直せません" in client.get(page_url(published.region), {"result": result.pk}).text


def test_without_a_published_vision_there_is_nothing_to_enter(client):
    from tests.factories import RegionFactory

    region = RegionFactory(slug="mada")
    user = UserFactory(username="mada-editor")
    RegionRole.objects.create(user=user, region=region, role=RegionRole.Role.EDITOR)
    client.force_login(user)
    page = client.get(reverse("staff:results", args=[region.slug]))
    assert page.status_code == 200 and "公表中の連携ビジョンがないため" in page.text
    assert client.get(page_url(region)).status_code == 404
    assert client.post(page_url(region, name="results_submit")).status_code == 404


def test_evidence_goes_to_the_object_storage_and_back(client, published, editor, object_storage):
    client.force_login(editor)
    pdf = upload(PDF, "根拠.pdf")
    response = client.post(page_url(published.region), {**entry(published), "evidence_file": pdf})
    assert response.status_code == 302
    result = TargetResult.objects.get()
    stored = object_storage.objects()
    assert stored[f"{object_storage.prefix}/{result.evidence_file.name}"] == PDF
    url = reverse("staff:result_evidence", args=[published.region.slug, result.pk])
    response = client.get(url)
    assert b"".join(response.streaming_content) == PDF
    assert object_storage.name not in client.get(page_url(published.region)).text
