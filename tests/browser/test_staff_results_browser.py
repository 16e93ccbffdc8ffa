"""The staff grid of the yearly results (ADR 0109) in a real Chromium: an editor opens it from
the region page, enters a result from a cell, a negative count is told on its field with the
typed values kept (nothing saved), the fixed figure is saved and the 年度 sent; axe-core finds
nothing at both widths and the page does not scroll sideways on a phone."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import RegionRole
from declarations.lifecycle import Status
from filing.formatting import nendo
from reports.models import TargetResult
from tests.browser.conftest import BROWSER_TEST_MARKS, MOBILE
from tests.factories import UserFactory
from tests.public_data import publish_region, skip_pdfs
from tests.reports.result_helpers import past_filing

pytestmark = BROWSER_TEST_MARKS


@pytest.fixture
def editor_and_year(monkeypatch):
    """Region ``setouchi`` whose projects began two 年度 ago (that 年度 has ended, today)."""
    skip_pdfs(monkeypatch)
    filing, year = past_filing()
    region = publish_region("setouchi", filing).region
    user = UserFactory(username="editor", email="editor@setouchi.example.jp")
    RegionRole.objects.create(user=user, region=region, role=RegionRole.Role.EDITOR)
    return user, year


def test_an_editor_enters_and_sends_a_year_of_results(
    browser_page, portal_url, sign_in, editor_and_year, assert_no_axe_violations
):
    editor, year = editor_and_year
    page = browser_page
    sign_in(editor)
    page.goto(f"{portal_url}/staff/setouchi/")
    page.get_by_role("link", name="目標の実績（年度ごと）").click()
    page.locator("table a").first.click()
    expect(page.get_by_role("columnheader", name=nendo(year))).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name=re.compile(f"^入力する\\s*（立地企業数 {nendo(year)}）$")).click()
    page.get_by_label("実績値").fill("-1")
    page.get_by_label("備考").fill("道県の企業立地統計")
    page.get_by_role("button", name="下書きを保存").click()
    expect(page.locator(".error-summary")).to_contain_text("マイナスにできません")
    expect(page.get_by_label("実績値")).to_have_value("-1")
    expect(page.get_by_label("備考")).to_have_value("道県の企業立地統計")
    assert not TargetResult.objects.exists()
    assert_no_axe_violations(page)

    page.get_by_label("実績値").fill("3")
    page.get_by_role("button", name="下書きを保存").click()
    expect(page.locator(".messages")).to_contain_text("下書きとして保存しました")
    page.get_by_role(
        "button", name=re.compile(f"^この年度の実績を送付\\s*（{nendo(year)}）$")
    ).click()
    expect(page.locator(".messages")).to_contain_text("実績 1 件を送付しました")
    assert TargetResult.objects.get().status == Status.SUBMITTED
    assert_no_axe_violations(page)

    page.set_viewport_size(MOBILE)
    page.reload()
    assert_no_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
    assert page.console_errors == []
