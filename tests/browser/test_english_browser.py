# ruff: noqa: F811 (pytest fixtures imported from tests.browser.test_review_browser)
"""The staff pages and the review admin in English in a real Chromium (issue 18, ADR 0128).

The region's editor and a reviewer switch to English with the button in the header, as a
person does, and walk their main pages: each is ``<html lang="en">``, its header, menu,
breadcrumbs and footer have no Japanese outside an element marked ``lang="ja"`` (what the
region filed stays Japanese, marked so), and axe-core finds nothing at 1280 and 375 px.
The people and the region are the Japanese review walk's (test_review_browser.py).
"""

import re

from playwright.sync_api import expect

from tests.browser.conftest import BROWSER_TEST_MARKS, DESKTOP, MOBILE
from tests.browser.test_review_browser import (  # noqa: F401 (fixtures)
    csp_errors,
    people,
    region,
)
from tests.english_helpers import japanese_outside_lang_ja
from workflow.verbs import revision_return

pytestmark = BROWSER_TEST_MARKS


def switch_to_english(page):
    page.get_by_role("button", name="English", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def check_in_english(page, check, shoot, name, *, fits_a_phone=True):
    """The page as it is now: English, its UI text English, no axe violation at either width."""
    assert page.get_attribute("html", "lang") == "en", page.url
    assert japanese_outside_lang_ja(page.content()) == [], page.url
    check(page)
    shoot(page, f"english-{name}-1280")
    page.set_viewport_size(MOBILE)
    check(page)
    if fits_a_phone:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= MOBILE["width"], f"{page.url} scrolls sideways ({width}px)"
    shoot(page, f"english-{name}-375")
    page.set_viewport_size(DESKTOP)


def test_the_editor_walks_the_staff_pages_in_english(
    browser_page, portal_url, sign_in, screenshot, assert_no_axe_violations, people, region
):
    reviewer, editor = people
    revision_return(
        revision=region.declaration_revision, actor=reviewer, comment="区域の補足を直してください。"
    )
    page = browser_page
    sign_in(editor)
    page.goto(f"{portal_url}/staff/setouchi/")
    switch_to_english(page)
    expect(page.locator(".site-nav")).to_contain_text("Dashboard")
    expect(page.locator(".breadcrumbs")).to_contain_text("Your regions")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    # the region's name as filed, marked Japanese for screen readers
    expect(page.locator('h1 [lang="ja"]')).to_have_text("瀬戸内広域リージョン")
    check_in_english(page, assert_no_axe_violations, screenshot, "staff-region")

    project = region.vision_revision.projects.order_by("pk").first()
    for name, path in (
        ("staff-vision", "vision/1/"),
        ("staff-project", f"vision/1/projects/{project.pk}/"),
        ("staff-receipt", "declaration/1/receipt/1/"),
        ("staff-comments", "comments/"),
    ):
        page.goto(f"{portal_url}/staff/setouchi/{path}")
        check_in_english(page, assert_no_axe_violations, screenshot, name)

    # The declaration's form with its checklist, once editing is resumed.
    page.goto(f"{portal_url}/staff/setouchi/declaration/1/")
    page.locator("#submit").get_by_role("button", name="Resume editing").click()
    expect(page.get_by_role("button", name="Save draft").first).to_be_visible()
    expect(page.locator("#checklist")).to_be_visible()
    page.wait_for_load_state("load")
    check_in_english(page, assert_no_axe_violations, screenshot, "staff-declaration-form")
    assert csp_errors(page) == []


def test_the_reviewer_walks_the_review_admin_in_english(
    browser_page, portal_url, sign_in, screenshot, assert_no_axe_violations, people, region
):
    reviewer, _editor = people
    page = browser_page
    sign_in(reviewer)
    page.goto(portal_url + "/admin/")
    switch_to_english(page)
    page.get_by_role("link", name="Review queue").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review queue")
    rows = page.locator("table.review-queue tbody tr")
    expect(rows).to_have_count(2)
    check_in_english(page, assert_no_axe_violations, screenshot, "review-queue", fits_a_phone=False)

    rows.first.get_by_role("link", name="瀬戸内広域リージョン").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(re.compile(r"^瀬戸内広域リージョン .*Declaration"))
    expect(heading.locator('[lang="ja"]')).to_have_text("瀬戸内広域リージョン")
    expect(page.get_by_role("button", name="Accept")).to_be_visible()
    check_in_english(
        page, assert_no_axe_violations, screenshot, "review-revision", fits_a_phone=False
    )

    # Returning without a reason is refused: the form with its error, in English.
    page.get_by_role("button", name="Return", exact=True).click()
    expect(
        page.locator(".review-form--return .errorlist, .review-form--return [role=alert]").first
    ).to_be_visible()
    check_in_english(
        page, assert_no_axe_violations, screenshot, "review-return-refused", fits_a_phone=False
    )
    assert csp_errors(page) == []
