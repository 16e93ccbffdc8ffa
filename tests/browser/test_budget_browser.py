"""The budget grid of a project in a real Chromium (ADR 0097): the period lays out its 年度,
the clerk switches to 千円, types amounts as people write them, sees the sum follow and match
総事業費, saves, and the amounts are stored in 円. axe-core finds nothing at 1280 and 375 px."""

import pytest
from playwright.sync_api import expect

from accounts.models import RegionRole
from projects.models import Project
from tests.browser.conftest import BROWSER_TEST_MARKS, DESKTOP, MOBILE
from tests.factories import RegionFactory, UserFactory

pytestmark = BROWSER_TEST_MARKS

SLUG = "chubu"


@pytest.fixture
def editor():
    region = RegionFactory(slug=SLUG)
    user = UserFactory(username="editor", last_name="中部", first_name="花子")
    RegionRole.objects.create(user=user, region=region, role=RegionRole.Role.EDITOR)
    return user


def new_project(page, portal_url):
    page.goto(f"{portal_url}/staff/{SLUG}/")
    page.get_by_role("button", name="連携宣言書を作成する").click()
    page.goto(f"{portal_url}/staff/{SLUG}/")
    page.get_by_role("button", name="連携ビジョンを作成する").click()
    page.get_by_role("button", name="保存してプロジェクトを追加").click()
    expect(page.locator("#budget-no-period")).to_be_visible()


def test_a_budget_typed_in_thousands_of_yen_in_the_grid(
    browser_page, portal_url, sign_in, editor, assert_no_axe_violations, screenshot
):
    page = browser_page
    sign_in(editor)
    new_project(page, portal_url)

    page.fill("#id_start", "2026-04-01")
    page.fill("#id_end", "2029-03-31")
    page.get_by_role("button", name="期間から年度を並べる").click()
    for year in (2026, 2027, 2028):
        expect(page.locator(f"#id_budget-y{year}")).to_be_visible()
    expect(page.get_by_role("button", name="期間から年度を並べる")).to_be_focused()

    page.get_by_role("button", name="千円単位で入力する").click()
    expect(page.locator("#budget-grid caption")).to_have_text("年度別の事業費（単位: 千円）")
    page.get_by_label("予算措置を伴う").check()
    page.get_by_label("令和8年度の金額（千円）").fill("60,000")
    page.get_by_label("令和9年度の金額（千円）").fill("６０，０００")
    page.get_by_label("令和10年度の金額（千円）").fill("6千万")
    expect(page.locator("[data-budget-grid-sum]")).to_have_text("180,000千円（180,000,000円）")
    page.get_by_label("総事業費（千円）").fill("1億8千万円")
    expect(page.locator("[data-budget-grid-state]")).to_have_text("総事業費と一致しています")
    page.get_by_label("令和10年度の金額（千円）").fill("50,000")
    expect(page.locator("[data-budget-grid-state]")).to_have_text("総事業費と一致していません")
    page.get_by_label("令和10年度の金額（千円）").fill("60,000")
    assert_no_axe_violations(page)
    screenshot(page, "budget-grid-1280")

    page.get_by_role("button", name="プロジェクトを保存").first.click()
    expect(page.locator(".messages")).to_contain_text("保存しました")
    project = Project.objects.get(revision__vision__region__slug=SLUG)
    assert project.budget_total == 180_000_000
    assert list(project.budget_lines.values_list("fiscal_year", "amount")) == [
        (2026, 60_000_000),
        (2027, 60_000_000),
        (2028, 60_000_000),
    ]
    expect(page.locator("#budget-grid caption")).to_have_text("年度別の事業費（単位: 千円）")
    expect(page.locator("#id_budget-y2027")).to_have_value("60,000")
    expect(page.locator("[data-budget-grid-sum]")).to_have_text("180,000千円（180,000,000円）")

    page.get_by_label("令和9年度の金額（千円）").fill("たくさん")
    expect(page.locator("[data-budget-grid-sum]")).to_have_text("（計算できません）")
    page.get_by_role("button", name="プロジェクトを保存").first.click()
    expect(page.locator("#id_budget-y2027_error")).to_contain_text(
        "令和9年度の金額: 数字で入力してください"
    )
    expect(page.locator("#id_budget-y2027")).to_have_value("たくさん")

    page.set_viewport_size(MOBILE)
    page.locator("#budget-grid").scroll_into_view_if_needed()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= MOBILE["width"], f"the page scrolls sideways ({width}px)"
    assert_no_axe_violations(page)
    screenshot(page, "budget-grid-375")
    page.set_viewport_size(DESKTOP)
    assert page.console_errors == []


def test_the_grid_without_javascript(page_without_javascript, portal_url, editor):
    page, sign_in = page_without_javascript
    sign_in(editor)
    new_project(page, portal_url)
    page.fill("#id_start", "2026-04-01")
    page.fill("#id_end", "2028-03-31")
    page.get_by_role("button", name="期間から年度を並べる").click()
    page.get_by_role("button", name="千円単位で入力する").click()
    page.get_by_label("令和8年度の金額（千円）").fill("1億円")
    page.get_by_label("令和9年度の金額（千円）").fill("20,000")
    # no script ran: the sum is the one the server rendered with the grid
    expect(page.locator("[data-budget-grid-sum]")).to_have_text("0千円（0円）")
    page.get_by_role("button", name="プロジェクトを保存").first.click()

    expect(page.locator(".messages")).to_contain_text("保存しました")
    expect(page.locator("[data-budget-grid-sum]")).to_have_text("120,000千円（120,000,000円）")
    project = Project.objects.get(revision__vision__region__slug=SLUG)
    assert list(project.budget_lines.values_list("fiscal_year", "amount")) == [
        (2026, 100_000_000),
        (2027, 20_000_000),
    ]
