"""The support-measure catalogue (ADR 0114) in a real Chromium: an operator imports a CSV in
the admin — first a file with errors, refused with each error's row and column, then the
corrected file — and the measure shows on /support/, filtered by its field, and under a
published project it serves on the public region page (issue 16's path: imported by CSV,
shown on a matching project). axe-core finds nothing on the import page (with its errors),
the public list nor the region page."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from support.models import SupportMeasure
from tests.browser.conftest import BROWSER_TEST_MARKS
from tests.factories import UserFactory
from tests.public_data import publish_region, skip_pdfs, valid_filing

pytestmark = BROWSER_TEST_MARKS

HEADER = "名称,府省名,種類,分野,タグ,年度,URL,広域リージョン優先,公募中,概要,公表"
GOOD = (
    "地域未来交付金,内閣府,交付金,industry tourism,広域連携,令和8,"
    "https://www.chisou.go.jp/,1,1,地域独自の取組を後押しする交付金,1"
)
BAD = "観光の事業,観光庁,補助事業,sightseeing,,2026,,0,1,,1"


def upload(page, name: str, *lines: str) -> None:
    content = ("\ufeff" + "\r\n".join([HEADER, *lines]) + "\r\n").encode("utf-8")
    page.get_by_label("CSV ファイル").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content}
    )
    page.get_by_role("button", name="取り込む").click()


@pytest.fixture
def published_region(monkeypatch):
    """瀬戸内 published; its projects name no field of their own, so each serves every field
    of its declaration (A 産業振興 among them)."""
    skip_pdfs(monkeypatch)
    region = publish_region("setouchi", valid_filing()).region
    cache.clear()
    return region


def test_an_operator_imports_a_csv_and_the_measure_is_public(
    browser_page, portal_url, sign_in, screenshot, assert_no_axe_violations, published_region
):
    page = browser_page
    sign_in(UserFactory(username="unyou", is_staff=True, is_superuser=True))

    page.goto(f"{portal_url}/admin/support/supportmeasure/")
    page.get_by_role("link", name="CSV を取り込む").click()
    assert_no_axe_violations(page)

    upload(page, "bad.csv", GOOD, BAD)
    expect(page.get_by_role("alert")).to_contain_text(
        "1 件の誤りがあるため、何も取り込みませんでした"
    )
    row = page.locator("table.import-errors tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(0)).to_have_text("3行目")
    expect(row.locator("td").nth(1)).to_have_text("分野")
    expect(row.locator("td").nth(2)).to_contain_text("sightseeing")
    assert_no_axe_violations(page)
    screenshot(page, "support-import-errors")
    assert not SupportMeasure.objects.exists()

    upload(page, "good.csv", GOOD, BAD.replace("sightseeing", "観光"))
    expect(page.locator(".messagelist")).to_contain_text("追加 2 件、更新 0 件")
    expect(page.get_by_role("link", name="地域未来交付金")).to_be_visible()

    public = page.context.new_page()  # the same browser, but the page is public
    public.goto(f"{portal_url}/support/")
    expect(public.get_by_role("heading", name="国の支援措置", level=1)).to_be_visible()
    expect(public.get_by_text("2 件の支援措置")).to_be_visible()
    public.get_by_label("分野").select_option("industry")
    public.get_by_role("button", name="この条件で絞り込む").click()
    expect(public.get_by_text("1 件の支援措置")).to_be_visible()
    card = public.locator(".region-card").filter(has_text="地域未来交付金")
    expect(card).to_contain_text("令和8年度")
    expect(card).to_contain_text("広域リージョン優先")
    expect(
        card.get_by_role("link", name=re.compile(r"^地域未来交付金\s*（外部サイト）$"))
    ).to_have_attribute("href", "https://www.chisou.go.jp/")
    assert_no_axe_violations(public)
    screenshot(public, "support-public-list")
    # only the refused import's answer (400); no blocked style or script
    assert all("status of 400" in error for error in page.console_errors), page.console_errors

    # The imported measure serves A 産業振興: the region page lists it under the projects.
    public.goto(f"{portal_url}/regions/setouchi/")
    project = public.locator("article.project").first
    match = project.locator("section.support-matches li.support-matches__item").filter(
        has_text="地域未来交付金"
    )
    expect(match).to_have_count(1)
    expect(match).to_contain_text("分野: A 産業振興")
    assert_no_axe_violations(public)
