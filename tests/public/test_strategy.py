"""The published projects in the national strategy's terms (issue 19, ADR 0121): the national
page /strategy/ (a chart with its table per 類型 and per 戦略分野), /api/v1/strategy,
/opendata/strategy.csv, the filters of the region list and the project API, the project's
terms in the project API and projects.csv, and query counts that do not grow with regions."""

import csv
import io
from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from declarations.lifecycle import Status
from tests.public_data import (
    file_revisions,
    generated_filing,
    publish_region,
    skip_pdfs,
    valid_filing,
)

pytestmark = pytest.mark.django_db


def tagged(filing, *terms):
    """``filing`` with its projects carrying ``terms``: (cluster type, 戦略分野) per project."""
    projects = list(filing.vision.projects)
    for index, (cluster, sectors) in enumerate(terms):
        projects[index] = replace(
            projects[index], cluster_type=cluster, strategic_fields=tuple(sectors)
        )
    return replace(filing, vision=replace(filing.vision, projects=tuple(projects)))


@pytest.fixture
def published(monkeypatch):
    """setouchi: project 1 (budget 80M/100M/120M in 2026–2028) 戦略産業クラスター with
    AI・半導体 and 量子; project 2 (no budget) 地場産業支援 with コンテンツ; project 3 (50M a
    year) no type, no 戦略分野. A draft region's project carries 造船, never counted."""
    skip_pdfs(monkeypatch)
    filing = tagged(
        valid_filing(),
        ("strategic_industry_cluster", ["quantum", "ai_semiconductors"]),
        ("local_industry_support", ["content"]),
    )
    publish_region("setouchi", filing)
    file_revisions(
        tagged(valid_filing(), ("strategic_industry_cluster", ["shipbuilding"])),
        slug="draft",
        status=Status.DRAFT,
    )


def row(rows, code):
    return next(r for r in rows if r["code"] == code)


def test_the_api_gives_totals_per_type_and_per_field(client, published):
    body = client.get("/api/v1/strategy").json()

    assert body["license"]["name"]
    assert body["project_count"] == 3
    strategic = row(body["by_cluster_type"], "strategic_industry_cluster")
    assert (strategic["project_count"], strategic["region_count"]) == (1, 1)
    assert strategic["total"] == 300_000_000
    assert [y["fiscal_year"] for y in strategic["by_fiscal_year"]] == [2026, 2027, 2028]
    assert row(body["by_cluster_type"], "local_industry_support")["total"] == 0
    unset = row(body["by_cluster_type"], None)
    assert (unset["label"], unset["project_count"], unset["total"]) == ("未設定", 1, 150_000_000)
    fields = body["by_strategic_field"]
    assert len(fields) == 18  # the 17 戦略分野 and 未設定
    assert (
        row(fields, "quantum")["total"] == row(fields, "ai_semiconductors")["total"] == 300_000_000
    )
    assert row(fields, "shipbuilding")["project_count"] == 0  # only a draft has it
    assert body["strategic_fields"]["version"] == "2025-11-10"
    assert len(body["strategic_fields"]["terms"]) == 17


def test_the_page_shows_each_chart_with_its_table(client, published):
    response = client.get("/strategy/")
    html = response.content.decode()

    assert response.status_code == 200
    assert html.count('role="img"') >= 3  # the type chart, two 戦略分野 charts
    assert 'id="strategy-type-chart-title"' in html and 'id="strategy-field-chart-title"' in html
    assert "類型別のプロジェクトの数と年度別の事業費（円）" in html
    assert "戦略分野別のプロジェクトの数と年度別の事業費（円）" in html
    assert "300,000,000円" in html
    assert "/regions/?strategic_field=quantum" in html
    assert "日本成長戦略会議" in html  # the source of the list
    assert "/opendata/strategy.csv" in html and "/api/v1/strategy" in html


def test_the_csv_is_long_format_with_a_unit_column_and_western_fiscal_years(client, published):
    response = client.get("/opendata/strategy.csv")

    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response["Link"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0]) == ["集計の軸", "一覧の版", "コード", "名称", "項目", "年度", "値", "単位"]
    budgets = [
        (r["年度"], r["値"], r["単位"])
        for r in rows
        if r["集計の軸"] == "戦略分野" and r["コード"] == "quantum" and r["項目"] == "事業費"
    ]
    assert budgets == [
        ("2026", "80000000", "円"),
        ("2027", "100000000", "円"),
        ("2028", "120000000", "円"),
    ]
    counts = {(r["集計の軸"], r["コード"]): r["値"] for r in rows if r["項目"] == "プロジェクト数"}
    assert counts[("類型", "strategic_industry_cluster")] == "1"
    assert counts[("類型", "")] == "1"
    assert counts[("戦略分野", "shipbuilding")] == "0"


def test_regions_and_projects_are_filtered_by_type_and_field(client, published):
    listed = client.get("/regions/?strategic_field=quantum").content.decode()
    assert "/regions/setouchi/" in listed
    none = client.get("/regions/?strategic_field=shipbuilding").content.decode()
    assert "/regions/setouchi/" not in none and "/regions/draft/" not in none
    api = client.get("/api/v1/regions?cluster_type=local_industry_support").json()
    assert [item["slug"] for item in api["items"]] == ["setouchi"]
    projects = client.get("/api/v1/projects?strategic_field=content").json()
    assert projects["count"] == 1
    assert projects["items"][0]["cluster_type"] == "local_industry_support"
    assert projects["items"][0]["strategic_fields"] == ["content"]
    every = client.get("/api/v1/projects").json()["items"]
    assert every[0]["strategic_fields"] == ["ai_semiconductors", "quantum"]
    assert every[2]["cluster_type"] is None and every[2]["strategic_fields"] == []


def test_an_unknown_value_gives_a_clear_message_never_500(client, published):
    page = client.get("/regions/?strategic_field=robots&cluster_type=%00")
    assert page.status_code == 200
    assert "robots" in page.content.decode() and "候補にありません" in page.content.decode()
    for url in ("/api/v1/regions?strategic_field=robots", "/api/v1/projects?cluster_type=big"):
        response = client.get(url)
        assert response.status_code == 422
        assert "使えるコード" in str(response.json()["detail"])


def test_projects_csv_has_the_type_and_fields_last(client, published):
    response = client.get("/opendata/projects.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    columns = list(rows[0])
    assert columns.index("類型") > columns.index("その他")  # after the earlier columns
    assert columns.index("戦略分野") == columns.index("類型") + 1
    assert (rows[0]["類型"], rows[0]["戦略分野"]) == ("戦略産業クラスター", "AI・半導体、量子")
    assert (rows[2]["類型"], rows[2]["戦略分野"]) == ("", "")


def test_the_region_page_shows_a_projects_terms(client, published):
    html = client.get("/regions/setouchi/").content.decode()
    assert "類型: 戦略産業クラスター／戦略分野: AI・半導体、量子" in html


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/strategy/",
        "/api/v1/strategy",
        "/opendata/strategy.csv",
        "/regions/?strategic_field=quantum",
        "/api/v1/projects?strategic_field=quantum",
    ],
)
def test_query_counts_do_not_grow_with_the_number_of_regions(client, monkeypatch, url):
    skip_pdfs(monkeypatch)

    def add(index):
        filing = generated_filing(index, members=8, projects=4)
        publish_region(f"g{index}", tagged(filing, ("strategic_industry_cluster", ["quantum"])))

    add(0)
    client.get(url)  # warm the per-process caches (master data, stamps)
    one = _queries(client, url)
    for index in range(1, 5):
        add(index)
    client.get(url)  # the new publications' stamps, read once
    assert _queries(client, url) <= one
