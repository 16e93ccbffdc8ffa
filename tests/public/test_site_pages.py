"""The portal's own pages and what leads to them (issue 13): the navigation reaches the
open data and /verify/, the footer the operator, the privacy policy and the
accessibility statement; the home page no longer says it is under construction; the
home budget chart shows one bar per year (the total), not three equal ones."""

import re

import pytest
from django.core.cache import cache
from django.test import override_settings

from tests.public.test_layout import get_page
from tests.public_data import publish_region, skip_pdfs

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def links_in(page, container):
    return {
        a.text.strip(): a.attrs.get("href") for a in page.find_all("a") if container in a.ancestors
    }


def test_navigation_leads_to_the_open_data_and_the_pdf_check(client):
    _, page = get_page(client)

    nav = links_in(page, "nav")
    assert nav["オープンデータ"] == "/opendata/"
    assert nav["PDFの照合"] == "/verify/"


def test_footer_leads_to_the_operator_privacy_and_accessibility_pages(client):
    _, page = get_page(client)

    footer = links_in(page, "footer")
    assert footer["運営者・お問い合わせ"] == "/about/"
    assert footer["プライバシーポリシー"] == "/privacy/"
    assert footer["アクセシビリティ方針"] == "/accessibility/"
    assert footer["オープンデータ"] == "/opendata/"
    assert footer["PDFの照合"] == "/verify/"


def test_home_page_no_longer_says_it_is_under_construction(client):
    _, page = get_page(client)

    main = page.first("main").text
    assert "整備中" not in main
    assert "/verify/" in [a.attrs.get("href") for a in page.find_all("a") if "main" in a.ancestors]


@override_settings(
    PORTAL_OPERATOR="テスト県 広域連携課",
    PORTAL_CONTACT_EMAIL="portal@example.jp",
    PORTAL_CONTACT_PHONE="03-0000-0000",
)
def test_about_page_names_the_operator_and_contact_from_settings(client):
    response, page = get_page(client, "/about/")

    assert response.status_code == 200
    main = page.first("main").text
    assert "運営者・お問い合わせ" in page.first("h1").text
    assert "テスト県 広域連携課" in main
    assert "03-0000-0000" in main
    assert "mailto:portal@example.jp" in [a.attrs.get("href") for a in page.find_all("a")]


@override_settings(PORTAL_CONTACT_EMAIL="", PORTAL_CONTACT_PHONE="")
def test_about_page_without_a_contact_says_where_to_ask_instead(client):
    response, page = get_page(client, "/about/")

    assert response.status_code == 200
    assert "mailto:" not in response.content.decode()
    assert "お問い合わせ先は準備中です" in page.first("main").text


def test_privacy_policy_states_what_is_collected_and_why(client):
    response, page = get_page(client, "/privacy/")

    main = page.first("main").text
    assert response.status_code == 200
    for words in ("Cookie", "アクセスログ", "ログイン", "第三者", "閲覧だけなら"):
        assert words in main


def test_accessibility_statement_states_level_scope_method_results_and_date(client):
    response, page = get_page(client, "/accessibility/")

    main = page.first("main").text
    assert response.status_code == 200
    assert "JIS X 8341-3:2016" in main
    assert "適合レベル AA" in main
    assert "axe-core" in main
    assert "1280" in main and "375" in main
    assert re.search(r"令和\d+年\d+月\d+日", main), "the date of the statement, in 和暦"
    # The pages the browser tests check are listed as the scope and the results.
    for path in ("/regions/", "/opendata/", "/verify/", "/accessibility/"):
        assert path in main
    assert "違反 0 件" in main


@pytest.mark.parametrize("url", ["/about/", "/privacy/", "/accessibility/"])
def test_site_pages_answer_head_and_refuse_post(client, url):
    assert client.head(url).status_code == 200
    assert client.post(url).status_code == 405


def test_home_budget_chart_shows_one_total_bar_per_year(client, monkeypatch):
    skip_pdfs(monkeypatch)
    publish_region("setouchi")  # declares three fields: 産業振興, 観光, 交通

    html = client.get("/").content.decode()

    chart = html[html.index('id="budget-chart-title"') :]
    chart = chart[: chart.index("</svg>")]
    years = chart.count('class="chart__axis-label" x=') - chart.count('text-anchor="end"')
    bars = chart.count('class="chart__bar ')
    assert bars == years > 0, "one bar per fiscal year"
    assert "chart__bar--total" in chart
    assert (
        "chart__bar--industry" not in html
        and "A 産業振興" not in html[html.index("budget-title") :]
    )
