"""Where regions overlap (ADR 0122) in a real Chromium: a visitor follows a municipality
from one region to another through its organisation's page, by the keyboard; the pages pass
axe-core at both widths and do not scroll sideways."""

from dataclasses import replace

import pytest
from django.core.cache import cache

from tests.browser.conftest import BROWSER_TEST_MARKS
from tests.browser.test_public_browser import check_public_page
from tests.prebuilt import restored
from tests.public_data import publish_region, skip_pdfs, valid_filing

pytestmark = BROWSER_TEST_MARKS

KURASHIKI = "/organizations/lg-332020/"


def setouchi_and_kibi():
    """瀬戸内 (岡山・広島・香川) and 吉備 (岡山・広島), both with 倉敷市 as a member."""
    publish_region("setouchi")
    filing = valid_filing()
    members = tuple(
        replace(m, area_prefectures=("33", "34")) if m.key == "koiki_rengo" else m
        for m in filing.members
        if m.key != "kagawa"
    )
    members = tuple(
        replace(m, activity_prefectures=("33", "34")) if m.key == "keizai" else m for m in members
    )
    projects = tuple(
        replace(p, implementers=tuple(i for i in p.implementers if i.member != "kagawa"))
        for p in filing.vision.projects
    )
    filing = replace(
        filing,
        declaration=replace(filing.declaration, region_name="吉備広域リージョン"),
        members=members,
        vision=replace(filing.vision, projects=projects),
    )
    publish_region("kibi", filing)


@pytest.fixture
def two_regions(monkeypatch):
    """The regions of ``setouchi_and_kibi``, built once per process (ADR 0132)."""
    skip_pdfs(monkeypatch)
    restored(setouchi_and_kibi)
    cache.clear()


def open_page(page, url):
    response = page.goto(url)
    page.wait_for_load_state("load")
    return response


def focus_link(page, selector, limit=200):
    """Press Tab until the link ``selector`` has the focus (fails after ``limit`` presses)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"{selector} never got the keyboard focus")


def test_a_municipality_leads_from_one_region_to_another_through_its_page(
    browser_page, portal_url, assert_no_axe_violations, two_regions
):
    page = browser_page
    open_page(page, portal_url + "/regions/setouchi/")
    assert page.locator("h1").inner_text().startswith("瀬戸内広域リージョン")
    # The section on the regions it overlaps names 吉備 and what they share.
    overlaps = page.locator("#overlaps-table")
    assert "吉備広域リージョン" in overlaps.inner_text()
    assert "岡山県、広島県" in overlaps.inner_text()

    # By the keyboard: the member list's 倉敷市 → its page.
    focus_link(page, f'.member-list a[href="{KURASHIKI}"]')
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{KURASHIKI}")
    assert page.locator("h1").inner_text() == "倉敷市"
    table = page.locator("#memberships-title + .table-scroll table")
    assert "瀬戸内広域リージョン" in table.inner_text()
    assert "吉備広域リージョン" in table.inner_text()
    assert_no_axe_violations(page)

    # … and on to the other region, by its link in the table.
    focus_link(page, 'table a[href="/regions/kibi/"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/regions/kibi/")
    assert page.locator("h1").inner_text().startswith("吉備広域リージョン")
    assert "瀬戸内広域リージョン" in page.locator("#overlaps-table").inner_text()

    # A project link on the organisation's page lands on the project.
    open_page(page, portal_url + KURASHIKI)
    page.locator('a[href="/regions/setouchi/#project-1"]').first.click()
    page.wait_for_url("**/regions/setouchi/#project-1")
    assert page.locator("#project-1").is_visible()


def test_overlap_pages_pass_axe_and_fit_both_widths(
    browser_page, portal_url, assert_no_axe_violations, screenshot, two_regions
):
    """倉敷市's page, the overlaps and 瀬戸内 with 吉備 overlapping it, each at 1280 and 375 px
    (the checks of test_public_browser.py, every page's failures reported together)."""
    failures = {}
    for name, path in [
        ("organization", KURASHIKI),
        ("overlaps", "/overlaps/"),
        ("region", "/regions/setouchi/"),
    ]:
        problems = []
        check_public_page(
            browser_page,
            portal_url + path,
            "ja",
            problems,
            check_axe=assert_no_axe_violations,
            screenshot=screenshot,
            artifact=f"overlap-{name}",
        )
        if problems:
            failures[path] = problems
    assert failures == {}, "\n\n".join(
        f"--- {path}:\n" + "\n".join(problems) for path, problems in failures.items()
    )


def test_the_national_map_is_shaded_by_the_number_of_regions(browser_page, portal_url, two_regions):
    open_page(browser_page, portal_url + "/overlaps/")

    def level(code):
        return browser_page.locator(f'svg.japan-map path[data-prefecture="{code}"]').get_attribute(
            "class"
        )

    assert level("33").endswith("level-2") and level("37").endswith("level-1")
    assert level("13").endswith("level-0")
    row = browser_page.locator('#overlap-coverage tr[data-prefecture="33"]')
    assert "2" in row.locator("td.number").inner_text()
