"""Errors where the eye is (ADR 0096), in a real Chromium: after a failed save the error
summary at the top has the focus (not the member search box), its link leads to the field,
and what was typed is kept; after a member is picked the focus is back in the search box;
a reviewer's 差し戻す without a reason lands on the summary too. axe-core finds nothing."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from accounts.models import RegionRole
from filing.bundle import read_bundle_file
from tests.browser.conftest import BROWSER_TEST_MARKS, DESKTOP
from tests.browser.test_review_browser import reviewer_group
from tests.factories import RegionFactory, UserFactory
from tests.review_helpers import BUNDLES, submit
from workflow.adapter import filing_import

pytestmark = BROWSER_TEST_MARKS

SLUG = "kita-tohoku"


@pytest.fixture
def editor():
    region = RegionFactory(slug=SLUG)
    user = UserFactory(username="editor")
    RegionRole.objects.create(user=user, region=region, role=RegionRole.Role.EDITOR)
    return user


def start_declaration(page, portal_url):
    page.goto(f"{portal_url}/staff/{SLUG}/")
    page.get_by_role("button", name="連携宣言書を作成する").click()
    expect(page.get_by_role("heading", name="連携宣言書 第1版")).to_be_visible()
    page.wait_for_load_state("load")


def test_after_a_pick_the_search_box_and_after_a_failed_save_the_summary_has_the_focus(
    browser_page, portal_url, sign_in, editor, assert_no_axe_violations, screenshot
):
    page = browser_page
    page.on("dialog", lambda dialog: page.console_errors.append(f"dialog: {dialog.message}"))
    sign_in(editor)
    start_declaration(page, portal_url)
    page.fill("#id_region_name", "北東北広域リージョン")
    page.fill("#master-q", "ひろさき")
    page.locator('button[name="pick"][value="022021"]').click()
    expect(page.locator("#id_lg-0-name")).to_have_value("弘前市")
    expect(page.locator("#master-q")).to_be_focused()
    page.keyboard.type("はちのへ")  # the next member is typed at once (the old query selected)
    page.locator('button[name="pick"][value="022039"]').click()
    expect(page.locator("#id_lg-1-name")).to_have_value("八戸市")
    expect(page.locator("#master-q")).to_be_focused()

    page.fill("#id_declared_on", "1800-01-01")  # out of range
    page.get_by_role("button", name="下書きを保存").first.click()

    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("入力内容にエラーがあります（1件）")
    expect(summary).to_be_in_viewport()
    expect(page.locator("#master-q")).not_to_be_focused()
    assert page.input_value("#id_region_name") == "北東北広域リージョン"  # kept
    assert 0 <= summary.bounding_box()["y"] < 200  # at the top of the screen
    expect(page.locator("#master-q")).not_to_be_in_viewport()  # not at the search box
    assert_no_axe_violations(page)
    screenshot(page, "staff-error-summary")

    summary.get_by_role("link", name="連携宣言の日: ", exact=False).click()
    expect(page.locator("#id_declared_on")).to_be_focused()
    expect(page.locator("#id_declared_on")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("label[for=id_declared_on]")).to_be_in_viewport()
    assert page.console_errors == []


def test_without_javascript_the_summary_still_takes_the_focus(
    browser, portal_url, client, editor, live_server
):
    context = browser.new_context(java_script_enabled=False, locale="ja-JP", viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(10_000)
    client.force_login(editor)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": portal_url}]
    )
    try:
        start_declaration(page, portal_url)
        page.fill("#id_declared_on", "1800-01-01")  # out of range
        page.get_by_role("button", name="下書きを保存").first.click()
        expect(page.locator("#error-summary")).to_be_focused()  # autofocus, no script
    finally:
        context.close()


def test_a_return_without_a_reason_lands_on_the_summary_with_the_reason_kept(
    browser_page, portal_url, sign_in, assert_no_axe_violations, screenshot
):
    reviewer = UserFactory(username="shinsa", is_staff=True)
    reviewer.groups.add(reviewer_group())
    editor = UserFactory(username="editor")
    imported = filing_import(read_bundle_file(BUNDLES / "valid_region.json"), slug="setouchi")
    submit(imported.declaration_revision, editor)
    page = browser_page
    sign_in(reviewer)
    page.goto(
        f"{portal_url}/admin/reviews/review/revisions/declaration/{imported.declaration_revision.pk}/"
    )

    page.fill("#id_return_comment", "   ")
    page.get_by_role("button", name="差し戻す", exact=True).click()

    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(summary).to_contain_text("差戻しの理由（必須）: 差戻しにはコメントが必要です。")
    assert 0 <= summary.bounding_box()["y"] < 300
    assert_no_axe_violations(page)
    screenshot(page, "review-return-error-summary")
    summary.get_by_role("link").click()
    expect(page.locator("#id_return_comment")).to_be_focused()
    assert page.input_value("#id_return_comment") == "   "
