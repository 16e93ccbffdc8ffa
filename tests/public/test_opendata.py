"""CSV downloads (UTF-8 with BOM for Excel) and the open-data page."""

import csv
import io

import pytest
from django.core.cache import cache
from django.urls import reverse

from declarations.lifecycle import Status
from filing.data import MemberData, MemberKind
from public.datasets import csv_distributions
from public.opendata import safe_cell
from tests.prebuilt import restored
from tests.public_data import (
    changed_setouchi,
    publish_region,
    skip_pdfs,
    valid_filing,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


@pytest.fixture
def setouchi(monkeypatch):
    skip_pdfs(monkeypatch)
    return restored(changed_setouchi)


def read_csv(client, name):
    response = client.get(f"/opendata/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response.content.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM for Excel"
    assert b"\r\n" in response.content
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_regions_csv_has_one_row_per_published_region(client, setouchi, monkeypatch):
    publish_region("draft", status=Status.DRAFT)

    rows = read_csv(client, "regions.csv")

    assert len(rows) == 1
    row = rows[0]
    assert row["識別名"] == "setouchi"
    assert row["名称"] == "瀬戸内広域リージョン"
    assert row["状態"] == "宣言中"
    assert row["区域の都道府県コード"] == "33 34 37"
    assert row["構成団体数"] == "14" and row["プロジェクト数"] == "3"
    assert "造船" in row["目指すべき姿"]
    assert row["URL"].endswith("/regions/setouchi/")


def test_members_csv_lists_the_current_members(client, setouchi):
    rows = read_csv(client, "members.csv")

    assert len(rows) == 14
    keizai = next(r for r in rows if r["種別コード"] == "economic_organization")
    assert keizai["種別"] == "経済団体"
    assert keizai["活動範囲の都道府県（経済団体）"] == "岡山県、広島県、香川県"
    assert keizai["構成員が複数の業種にわたる"] == "1"
    fukuyama = next(r for r in rows if r["名称"] == "福山市")
    assert fukuyama["全国地方公共団体コード"] == "342076"


def test_projects_and_budgets_csv(client, setouchi):
    projects = read_csv(client, "projects.csv")
    budgets = read_csv(client, "budgets.csv")

    assert [p["プロジェクトの名称"] for p in projects] == [
        "瀬戸内先端ものづくりクラスター形成プロジェクト",
        "瀬戸内の島々をめぐる周遊観光プロジェクト",
        "瀬戸内MaaS推進プロジェクト",
    ]
    first = projects[0]
    assert first["総事業費（円）"] == "310000000"
    assert first["年度別事業費（年度:円）"] == "2026:90000000 2027:100000000 2028:120000000"
    assert "瀬戸内造船株式会社" in first["実施主体"]
    assert projects[1]["予算措置"] == "0" and projects[1]["総事業費（円）"] == ""
    assert sum(int(b["事業費（円）"]) for b in budgets) == 460_000_000
    assert {b["年度"] for b in budgets} == {"2026", "2027", "2028"}


def test_long_format_companions_hold_one_value_a_row_by_the_same_keys(client, setouchi):
    """ADR 0129: the multi-valued columns one value a row, keyed like the file they complete."""
    areas = read_csv(client, "region-prefectures.csv")
    assert [(r["リージョン識別名"], r["都道府県コード"], r["都道府県"]) for r in areas] == [
        ("setouchi", "33", "岡山県"),
        ("setouchi", "34", "広島県"),
        ("setouchi", "37", "香川県"),
    ]
    fields = read_csv(client, "region-fields.csv")
    assert [r["分野コード"] for r in fields] == ["industry", "tourism", "transport", "other"]
    assert fields[-1]["分野"] == "その他（高度専門人材の育成）"

    members = read_csv(client, "member-prefectures.csv")
    assert [(r["構成団体のキー"], r["区分"], r["都道府県コード"]) for r in members] == [
        ("koiki_rengo", "区域", "33"),
        ("koiki_rengo", "区域", "34"),
        ("koiki_rengo", "区域", "37"),
        ("keizai", "活動範囲", "33"),
        ("keizai", "活動範囲", "34"),
        ("keizai", "活動範囲", "37"),
    ]
    assert members[3]["構成団体の名称"] == "瀬戸内経済連合会" and members[3]["都道府県"] == "岡山県"

    implementers = read_csv(client, "project-implementers.csv")
    okayama = implementers[0]
    assert (okayama["プロジェクト番号"], okayama["順序"], okayama["構成団体のキー"]) == (
        "1",
        "1",
        "okayama",
    )
    assert (okayama["実施主体の名称"], okayama["全国地方公共団体コード"]) == ("岡山県", "330001")
    outsider = next(r for r in implementers if r["実施主体の名称"] == "瀬戸内旅行業協会")
    assert outsider["構成団体のキー"] == outsider["全国地方公共団体コード"] == ""

    plans = [r for r in read_csv(client, "project-plans.csv") if r["プロジェクト番号"] == "2"]
    assert [(r["順序"], r["計画"], r["参照箇所"], r["備考"]) for r in plans] == [
        ("1", "中国圏広域地方計画", "第2部第3章 観光", ""),
        ("2", "四国圏広域地方計画", "第2部第2章 交流・観光", ""),
    ]
    milestones = read_csv(client, "project-milestones.csv")
    assert (milestones[0]["日付"], milestones[0]["内容"]) == ("2027-03-31", "共同研究拠点の開設")


def test_long_format_companions_of_the_strategy_terms_and_support_measures(client, monkeypatch):
    from tests.public.opendata_helpers import publish_open_data

    skip_pdfs(monkeypatch)
    publish_open_data()

    categories = read_csv(client, "project-categories.csv")
    assert [(r["分類"], r["コード"], r["名称"]) for r in categories] == [
        ("分野", "industry", "A 産業振興"),
        ("分野", "transport", "C 交通"),
        ("戦略分野", "ai_semiconductors", "AI・半導体"),
        ("戦略分野", "shipbuilding", "造船"),
    ]
    measure = read_csv(client, "support-measure-categories.csv")
    assert {r["支援措置の名称"] for r in measure} == {"地域未来交付金"}
    assert [(r["分類"], r["コード"]) for r in measure] == [
        ("分野", "industry"),
        ("分野", "tourism"),
        ("タグ", ""),
        ("タグ", ""),
        ("類型", "strategic_industry_cluster"),
        ("類型", "regional_industry_cluster"),
        ("戦略分野", "ai_semiconductors"),
        ("戦略分野", "quantum"),
    ]
    assert [r["名称"] for r in measure if r["分類"] == "タグ"] == ["広域連携", "人材育成"]
    years = read_csv(client, "support-measure-years.csv")
    assert [(r["府省名"], r["年度"]) for r in years] == [("内閣府", "2026"), ("内閣府", "2027")]


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ('＝HYPERLINK("http://x")', '\'＝HYPERLINK("http://x")'),  # full-width ＝
        ("＋1", "'＋1"),
        ("－1", "'－1"),
        ("＠SUM(A1)", "'＠SUM(A1)"),
        (" =1+1", "' =1+1"),  # a leading space
        ("\u3000=1+1", "'\u3000=1+1"),  # a leading full-width space
        ("\n=1+1", "'\n=1+1"),
        ("  ＝1", "'  ＝1"),
        ("﹦1", "'﹦1"),  # the small equals sign (NFKC: =)
        ("瀬戸内 = 広域", "瀬戸内 = 広域"),
        ("2026-04-01", "2026-04-01"),  # an ISO date written by the portal stays a date
        ("", ""),
        ("   ", "   "),
        ("瀬戸内", "瀬戸内"),
        (-5, "-5"),
        (None, ""),
        (True, "1"),
    ],
)
def test_cells_that_a_spreadsheet_would_run_are_defused(value, written):
    assert safe_cell(value) == written


def test_a_member_name_starting_with_a_formula_is_written_as_text(client, monkeypatch):
    from dataclasses import replace

    skip_pdfs(monkeypatch)
    filing = valid_filing()
    formula = MemberData("dmo", "=1+1 観光推進協議会", MemberKind.OTHER)
    filing = replace(
        filing, members=tuple(formula if m.key == "dmo" else m for m in filing.members)
    )
    publish_region("formula", filing)

    names = [row["名称"] for row in read_csv(client, "members.csv")]

    assert "'=1+1 観光推進協議会" in names


def test_empty_site_gives_header_only_files(client):
    # strategy.csv lists every term of the national strategy, with zero counts
    for item in csv_distributions():
        if item.title != "strategy.csv":
            assert read_csv(client, item.title) == [], item.title


def test_csv_answers_if_modified_since(client, setouchi):
    # every CSV, the long-format companions too (ADR 0129): stamped by the latest publication
    for item in csv_distributions():
        first = client.get(reverse(item.url_name))

        again = client.get(
            reverse(item.url_name), headers={"if-modified-since": first["Last-Modified"]}
        )

        assert again.status_code == 304, item.title


def test_open_data_page_links_every_download_the_api_and_the_licence(client):
    html = client.get("/opendata/").content.decode()

    for link in (
        *(reverse(item.url_name) for item in csv_distributions()),  # the companions too
        "/api/v1/",
        "/api/v1/openapi.json",
        "/feeds/publications.atom",
        "https://creativecommons.org/licenses/by/4.0/deed.ja",
    ):
        assert f'href="{link}"' in html, link
    assert 'id="credits"' in html and "@svg-maps/japan" in html


def test_csv_queries_do_not_grow_with_regions(client, monkeypatch, django_assert_max_num_queries):
    from tests.public_data import generated_filing

    skip_pdfs(monkeypatch)
    for index in range(3):
        publish_region(f"r{index}", generated_filing(index, members=20, projects=6))
    client.get("/opendata/regions.csv")

    for name, limit in (
        ("regions", 8),
        ("members", 4),
        ("projects", 12),
        ("budgets", 12),
        # the long-format companions (ADR 0129)
        ("region-prefectures", 8),
        ("region-fields", 8),
        ("member-prefectures", 4),
        ("project-implementers", 13),
        ("project-plans", 12),
        ("project-milestones", 12),
        ("project-categories", 12),
    ):
        with django_assert_max_num_queries(limit):
            client.get(f"/opendata/{name}.csv")


def test_projects_csv_gives_each_projects_own_fields(client, monkeypatch):
    """分野 (ADR 0115): the project's own fields as the documents write them; empty when it
    names none (it then serves every field of its region)."""
    from dataclasses import replace

    from filing.data import FieldCode

    skip_pdfs(monkeypatch)
    filing = valid_filing()
    first, *rest = filing.vision.projects
    first = replace(first, fields=(FieldCode.TRANSPORT, FieldCode.INDUSTRY))
    vision = replace(filing.vision, projects=(first, *rest))
    publish_region("setouchi", replace(filing, vision=vision))

    projects = read_csv(client, "projects.csv")

    assert projects[0]["分野"] == "A 産業振興、C 交通"
    assert projects[1]["分野"] == ""
