"""The published yearly results (実績, ADR 0108) in public: the region page's table and chart,
``/api/v1/regions/{slug}/targets``, targets.csv and the evidence files; only published results,
refreshed at once when one is published (the publication stamp)."""

import csv
import io

import pytest
from django.core.cache import cache

from declarations.lifecycle import Status
from tests.public.results_helpers import PDF, correct, file_result, target_key
from tests.public_data import main_text
from tests.reports.helpers import editor, published, region, shinsa  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

TOURISM = "周遊ルートの観光入込客数"
SHARE = "自家用車による観光移動の割合"


@pytest.fixture
def keys(published):
    revision = published.vision_revision
    return {"tourism": target_key(revision, TOURISM), "share": target_key(revision, SHARE)}


@pytest.fixture
def results(region, editor, shinsa, keys):
    """令和8年度 published (with evidence), 令和9年度 (no target value) published and then a
    correction sent but not accepted, 令和10年度 returned; the share's 令和8年度 a draft."""
    cache.clear()
    first = file_result(
        region,
        editor,
        shinsa,
        keys["tourism"],
        2026,
        "131.5",
        comment="観光統計の速報値",
        evidence_url="https://example.jp/kankou",
        evidence=PDF,
    )
    second = file_result(region, editor, shinsa, keys["tourism"], 2027, 133, comment="確定値")
    pending = correct(second, editor, shinsa, 987.25, comment="訂正中の値")
    returned = file_result(
        region, editor, shinsa, keys["tourism"], 2028, 444.5, status=Status.RETURNED
    )
    draft = file_result(region, editor, shinsa, keys["share"], 2026, 66.5, status=Status.DRAFT)
    submitted = file_result(
        region, editor, shinsa, keys["share"], 2027, 55.5, status=Status.SUBMITTED
    )
    return {
        "first": first,
        "second": second,
        "pending": pending,
        "returned": returned,
        "draft": draft,
        "submitted": submitted,
    }


NEVER = ("987.25", "444.5", "66.5", "55.5", "訂正中の値")


def test_the_page_shows_published_results_only(client, results):
    text = main_text(client.get("/regions/setouchi/"))

    assert f"{TOURISM} の目標と実績" in text
    assert "131.5万人" in text and "観光統計の速報値" in text
    assert "133万人" in text and "確定値" in text  # the published figure stays
    assert "高いほどよい指標です" in text and "低いほどよい指標です" in text
    for secret in NEVER:
        assert secret not in text, secret


def test_the_table_has_a_row_per_year_with_the_baseline_first(client, results):
    html = client.get("/regions/setouchi/").content.decode()
    start = html.index(f"{TOURISM} の年度ごとの目標値と実績値")
    table = main_text_of(html[start : html.index("</table>", start)])

    assert table.index("基準値") < table.index("令和8年度") < table.index("令和9年度")
    assert "令和8年度 125万人 131.5万人" in table
    assert "令和9年度 — 133万人" in table  # a year with a result and no target value
    assert "令和10年度 140万人 —" in table  # returned: not shown
    assert "令和12年度 最終目標 160万人 —" in table


def main_text_of(fragment: str) -> str:
    import html as html_module
    import re

    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_the_chart_is_an_accessible_svg_with_the_figures(client, results):
    html = client.get("/regions/setouchi/").content.decode()
    start = html.rindex("<svg", 0, html.index('<title id="target-chart-2-1-title">'))
    svg = html[start : html.index("</svg>", start)]

    assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    assert f"{TOURISM} の目標と実績（高いほどよい）" in svg
    assert "<title>令和8年度 実績値: 131.5万人</title>" in svg
    assert "<title>令和8年度 目標値: 125万人</title>" in svg
    assert "<title>基準値: 120.5万人</title>" in svg
    assert svg.count('class="chart__result-bar"') == 3  # two bars and the legend's swatch
    assert "目標値（線と四角）" in svg and "実績値（棒）" in svg
    assert "style=" not in svg
    for secret in NEVER:
        assert secret not in svg


def test_evidence_files_are_served_only_for_published_results(client, results):
    first = results["first"]
    response = client.get(f"/regions/setouchi/results/{first.pk}/evidence/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    html = client.get("/regions/setouchi/").content.decode()
    assert f"/regions/setouchi/results/{first.pk}/evidence/" in html
    assert first.evidence_file.url not in html  # never the storage's own address

    assert client.get(f"/regions/other/results/{first.pk}/evidence/").status_code == 404
    assert client.get("/regions/setouchi/results/999999/evidence/").status_code == 404


@pytest.mark.parametrize(
    ("content", "content_type", "disposition"),
    [
        (PDF, "application/pdf", "inline"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 16, "image/png", "inline"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 16, "image/jpeg", "inline"),
        (b"<html><script>alert(1)</script>", "application/octet-stream", "attachment"),
    ],
)
def test_the_evidence_is_shown_only_when_its_content_is_a_pdf_png_or_jpeg(
    client, region, editor, shinsa, keys, content, content_type, disposition
):
    # The service stores what it is given (the staff form checks the upload): the public view
    # tells the kind by the file's first bytes again (filing.evidence), never by its name.
    result = file_result(region, editor, shinsa, keys["tourism"], 2026, 1, evidence=content)
    response = client.get(f"/regions/setouchi/results/{result.pk}/evidence/")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith(disposition)
    assert b"".join(response.streaming_content) == content


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.RETURNED])
def test_an_unpublished_results_evidence_is_404(client, region, editor, shinsa, keys, status):
    result = file_result(
        region, editor, shinsa, keys["tourism"], 2026, 1, status=status, evidence=PDF
    )
    assert result.evidence_file and result.evidence_file.storage.exists(result.evidence_file.name)
    assert client.get(f"/regions/setouchi/results/{result.pk}/evidence/").status_code == 404


def test_a_corrections_evidence_is_public_only_once_it_is_published(
    client, region, editor, shinsa, keys
):
    first = file_result(region, editor, shinsa, keys["tourism"], 2026, 1, evidence=PDF)
    url = f"/regions/setouchi/results/{first.pk}/evidence/"
    assert client.get(url).status_code == 200
    pending = correct(first, editor, shinsa, 2)
    assert pending.evidence_file  # the correction copies the file
    assert client.get(url).status_code == 200  # not yet accepted: the old figure stands
    assert client.get(f"/regions/setouchi/results/{pending.pk}/evidence/").status_code == 404

    second = file_result(region, editor, shinsa, keys["tourism"], 2027, 1, evidence=PDF)
    published_correction = correct(second, editor, shinsa, 2, publish=True)
    assert client.get(f"/regions/setouchi/results/{second.pk}/evidence/").status_code == 404
    url = f"/regions/setouchi/results/{published_correction.pk}/evidence/"
    assert client.get(url).status_code == 200


def test_the_api_gives_targets_with_published_results(client, results, keys):
    body = client.get("/api/v1/regions/setouchi/targets").json()

    assert body["region"] == "setouchi" and body["vision"]["key"] == "v1"
    assert [p["number"] for p in body["items"]] == [1, 2, 3]
    (tourism,) = body["items"][1]["targets"]
    assert tourism["key"] == keys["tourism"]
    assert tourism["unit"] == "万人" and tourism["better"] == "higher"
    assert tourism["baseline"] == {"value": 120.5, "on": "2025-03-31"}
    years = {y["fiscal_year"]: y for y in tourism["years"]}
    assert sorted(years) == [2026, 2027, 2028, 2030]
    first = years[2026]["result"]
    assert years[2026]["target"] == 125 and first["value"] == 131.5
    assert first["comment"] == "観光統計の速報値"
    assert first["evidence_url"] == "https://example.jp/kankou"
    assert first["evidence_file_url"] == (
        f"http://testserver/regions/setouchi/results/{results['first'].pk}/evidence/"
    )
    assert first["correction"] == 1
    assert years[2027]["target"] is None and years[2027]["result"]["value"] == 133
    assert years[2028]["result"] is None  # returned
    assert years[2030] == {"fiscal_year": 2030, "target": 160, "is_final": True, "result": None}
    share = body["items"][2]["targets"][1]
    assert all(y["result"] is None for y in share["years"])  # a draft and a submitted one
    text = str(body)
    for secret in NEVER:
        assert secret not in text


def test_the_api_is_404_for_unknown_or_unpublished_regions(client, published):
    from tests.public_data import file_revisions, valid_filing

    file_revisions(valid_filing(), slug="pending-one", status=Status.SUBMITTED)
    for slug in ("nowhere", "pending-one", "bad%00slug"):
        response = client.get(f"/api/v1/regions/{slug}/targets")
        assert response.status_code == 404, slug


def test_the_api_schema_documents_the_endpoint(client, published):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/regions/{slug}/targets"]["get"]
    assert "404" in operation["responses"]
    assert "RegionTargetsOut" in schema["components"]["schemas"]
    assert "ResultOut" in schema["components"]["schemas"]


def test_targets_csv_holds_published_results_only(client, results):
    rows = list(
        csv.reader(io.StringIO(client.get("/opendata/targets.csv").content.decode("utf-8-sig")))
    )
    header, body = rows[0], rows[1:]
    index = {name: i for i, name in enumerate(header)}
    tourism = [r for r in body if r[index["指標名"]] == TOURISM]
    assert [
        (r[index["年度"]], r[index["目標値"]], r[index["実績値"]], r[index["実績の備考"]])
        for r in tourism
    ] == [
        ("2026", "125", "131.5", "観光統計の速報値"),
        ("2027", "", "133", "確定値"),
        ("2028", "140", "", ""),
        ("2030", "160", "", ""),
    ]
    text = "\n".join(",".join(r) for r in body)
    for secret in NEVER:
        assert secret not in text


REDIS_URL = "redis://127.0.0.1:6379/3"  # this work's Redis database for the cache tests


@pytest.fixture(params=["local", "redis"])
def any_cache(request, settings):
    """The tests' own cache, and the shared Redis cache the deployment uses (ADR 0100)."""
    if request.param == "redis":
        settings.CACHES = {
            **settings.CACHES,
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": "region-portal-results-tests",
            },
        }
    cache.clear()
    yield request.param
    cache.clear()


def test_publishing_a_result_refreshes_the_cached_page_api_and_csv(
    client, region, editor, shinsa, keys, django_capture_on_commit_callbacks, any_cache
):
    page = client.get("/regions/setouchi/")
    api = client.get("/api/v1/regions/setouchi/targets")
    csv_first = client.get("/opendata/targets.csv")
    assert "131.5万人" not in main_text(page)
    assert client.get("/regions/setouchi/").content == page.content  # served from the cache
    with django_capture_on_commit_callbacks(execute=True):
        file_result(region, editor, shinsa, keys["tourism"], 2026, "131.5")

    again = client.get("/regions/setouchi/", HTTP_IF_NONE_MATCH=page.get("ETag", ""))
    assert again.status_code == 200 and "131.5万人" in main_text(again)
    body = client.get("/api/v1/regions/setouchi/targets").json()
    assert body != api.json()
    assert body["items"][1]["targets"][0]["years"][0]["result"]["value"] == 131.5
    fresh = client.get("/opendata/targets.csv", HTTP_IF_MODIFIED_SINCE=csv_first["Last-Modified"])
    assert fresh.status_code == 200 and "131.5" in fresh.content.decode("utf-8-sig")
