"""The public pages in a real Chromium: axe-core on every page at two widths, keyboard-only
search and filters, the map's table by keyboard, no sideways scrolling, no CSP errors."""

import pytest
from django.core.cache import cache
from playwright.sync_api import Error as PlaywrightError

from tests.browser.conftest import BROWSER_TEST_MARKS, DESKTOP, MOBILE
from tests.prebuilt import restored
from tests.public_data import (
    abolished,
    change_region,
    publish_region,
    setouchi_change,
    skip_pdfs,
    valid_filing,
)

pytestmark = BROWSER_TEST_MARKS


def setouchi_and_an_abolished_region():
    """瀬戸内 (published, then changed) and an abolished region."""
    from dataclasses import replace

    first = publish_region("setouchi")
    change_region(first.region, setouchi_change(valid_filing()))
    filing = valid_filing()
    filing = replace(filing, declaration=replace(filing.declaration, region_name="廃止した地域"))
    gone = publish_region("gone", filing)
    change_region(gone.region, abolished(filing))


@pytest.fixture
def published(monkeypatch):
    """The regions of ``setouchi_and_an_abolished_region``, built once per process (ADR 0132)."""
    skip_pdfs(monkeypatch)
    restored(setouchi_and_an_abolished_region)
    cache.clear()


PAGES = [
    ("home", "/"),
    ("list", "/regions/"),
    ("list-search", "/regions/?q=くらしき&prefecture=33&field=industry&sort=published"),
    ("list-bad-input", "/regions/?prefecture=99&page=abc"),
    ("region", "/regions/setouchi/"),
    ("region-past", "/regions/setouchi/revisions/d1/"),
    ("region-diff", "/regions/setouchi/diff/?from=v1&to=v2"),
    ("region-summary", "/regions/setouchi/summary/"),
    ("region-abolished", "/regions/gone/"),
    ("organization", "/organizations/lg-332020/"),  # 倉敷市 (ADR 0122)
    ("overlaps", "/overlaps/"),
    ("opendata", "/opendata/"),
    ("verify", "/verify/"),
    ("about", "/about/"),
    ("privacy", "/privacy/"),
    ("accessibility", "/accessibility/"),
]


def test_the_accessibility_statement_lists_exactly_the_pages_checked_here():
    """The statement (/accessibility/) publishes these tests' results: its scope is the
    pages this module runs axe-core on, at the widths it uses."""
    from urllib.parse import urlsplit

    from public.views.pages import CHECKED_PAGES, VIEWPORT_WIDTHS

    checked = {urlsplit(path).path for _, path in PAGES}
    assert {path for _, path in CHECKED_PAGES} <= checked
    assert VIEWPORT_WIDTHS == (DESKTOP["width"], MOBILE["width"])


def open_page(page, url):
    response = page.goto(url)
    page.wait_for_load_state("load")
    return response


# Every public page in Japanese (/) and in English (/en/, ADR 0124).
LANGUAGE_PREFIXES = [("ja", ""), ("en", "/en")]


@pytest.mark.parametrize(
    ("language", "prefix"), LANGUAGE_PREFIXES, ids=[code for code, _ in LANGUAGE_PREFIXES]
)
def test_every_public_page_has_no_axe_violations_and_fits_both_widths(
    browser_page, portal_url, assert_no_axe_violations, screenshot, published, language, prefix
):
    """Each page of ``PAGES``, opened at 1280 px and again at 375 px: status 200, ``lang``,
    no axe-core violation at either width, no sideways scrolling at 375 px, nothing in the
    console. One test per language walks all the pages in one browser page (a transactional
    test costs seconds of set-up and flush, docs/performance.md) and reports every page's
    failures together, so one broken page hides no other."""
    page = browser_page
    errors = console_errors_but_favicon(page)
    failures = {}
    for name, path in PAGES:
        errors.clear()
        problems = []
        try:
            check_public_page(
                page,
                portal_url + prefix + path,
                language,
                problems,
                check_axe=assert_no_axe_violations,
                screenshot=screenshot,
                artifact=f"public-{name}-{language}",
            )
        except PlaywrightError as error:
            problems.append(f"the browser gave up: {error}")
        if errors:
            problems.append(f"console (CSP or script): {errors}")
        if problems:
            failures[f"{name} ({prefix}{path})"] = problems
    if failures:
        pytest.fail(
            f"{len(failures)} of {len(PAGES)} public pages ({language}) fail:\n\n"
            + "\n\n".join(
                f"--- {page_name}:\n" + "\n".join(problems)
                for page_name, problems in failures.items()
            ),
            pytrace=False,
        )


def check_public_page(page, url, language, problems, *, check_axe, screenshot, artifact):
    """Open ``url`` at 1280 px and again at 375 px, adding each failed check's message to
    ``problems`` (the page is left at 375 px); the screenshots are ``artifact``-1280 and -375."""

    def expect(width, condition, message):
        if not condition:
            problems.append(f"{width} px: {message}")

    def no_axe_violations(width):
        try:
            check_axe(page)
        except AssertionError as failure:
            problems.append(f"{width} px: {failure}")

    page.set_viewport_size(DESKTOP)
    response = open_page(page, url)
    expect(DESKTOP["width"], response.status == 200, f"status {response.status}")
    lang = page.get_attribute("html", "lang")
    expect(DESKTOP["width"], lang == language, f'<html lang="{lang}">, not "{language}"')
    no_axe_violations(DESKTOP["width"])
    screenshot(page, f"{artifact}-{DESKTOP['width']}")

    page.set_viewport_size(MOBILE)
    open_page(page, url)
    no_axe_violations(MOBILE["width"])
    screenshot(page, f"{artifact}-{MOBILE['width']}")
    width = page.evaluate("document.documentElement.scrollWidth")
    expect(MOBILE["width"], width <= MOBILE["width"], f"scrolls sideways ({width}px wide)")


def console_errors_but_favicon(page):
    """Console errors from now on, except Chromium's request for /favicon.ico (the portal
    has none; that is the layout's business, not these pages')."""
    errors = []

    def record(message):
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            errors.append(message.text)

    page.on("console", record)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_unknown_region_is_a_404_without_axe_violations(
    browser_page, portal_url, assert_no_axe_violations, published, subtests
):
    for language, prefix in LANGUAGE_PREFIXES:
        with subtests.test(language):
            response = open_page(browser_page, portal_url + prefix + "/regions/nowhere/")

            assert response.status == 404
            assert_no_axe_violations(browser_page)


def focus_by_tab(page, selector, limit=80):
    """Press Tab until ``selector`` has the focus (fails after ``limit`` presses)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"{selector} never got the keyboard focus")


def test_search_and_filters_work_with_the_keyboard_only(
    browser_page, portal_url, screenshot, published
):
    open_page(browser_page, portal_url + "/regions/")

    focus_by_tab(browser_page, "#id_q")
    browser_page.keyboard.type("くらしき")
    focus_by_tab(browser_page, "#id_status")
    browser_page.keyboard.press("ArrowDown")  # すべて → 宣言中
    focus_by_tab(browser_page, "button[type=submit]")
    screenshot(browser_page, "public-list-keyboard-focus-on-submit")
    with browser_page.expect_navigation():
        browser_page.keyboard.press("Enter")

    assert "q=" in browser_page.url and "status=active" in browser_page.url
    heading = browser_page.get_by_role("heading", level=2, name="1 件の宣言リージョン")
    assert heading.is_visible()
    assert browser_page.get_by_role("link", name="瀬戸内広域リージョン").is_visible()
    assert browser_page.get_by_role("link", name="廃止した地域").count() == 0

    focus_by_tab(browser_page, "a[href='/regions/setouchi/']")
    with browser_page.expect_navigation():
        browser_page.keyboard.press("Enter")
    assert browser_page.url.endswith("/regions/setouchi/")


def test_map_table_is_reachable_and_scrollable_by_keyboard(
    browser_page, portal_url, screenshot, published
):
    browser_page.set_viewport_size(MOBILE)
    open_page(browser_page, portal_url + "/regions/setouchi/")

    focus_by_tab(browser_page, "[aria-labelledby='area-table-caption']")
    focused = browser_page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focused != "none", "the focused table region shows where the focus is"
    screenshot(browser_page, "public-region-375-map-table-focused")
    table = browser_page.get_by_role(
        "table", name="区域の都道府県と、そこに区域を持つ地方公共団体の構成団体"
    )
    assert table.get_by_role("rowheader").all_inner_texts() == ["岡山県", "広島県", "香川県"]


def test_home_coverage_table_links_lead_to_the_filtered_list(browser_page, portal_url, published):
    browser_page.set_viewport_size(DESKTOP)
    open_page(browser_page, portal_url + "/")

    focus_by_tab(browser_page, "a[href='/regions/?prefecture=34&status=active']", limit=120)
    with browser_page.expect_navigation():
        browser_page.keyboard.press("Enter")

    assert browser_page.url.endswith("/regions/?prefecture=34&status=active")
    assert browser_page.locator("#id_prefecture").input_value() == "34"
    assert browser_page.get_by_role("heading", level=2, name="1 件の宣言リージョン").is_visible()


def test_compare_form_opens_the_difference_by_keyboard(browser_page, portal_url, published):
    open_page(browser_page, portal_url + "/regions/setouchi/")

    focus_by_tab(browser_page, "#compare-from", limit=150)
    focus_by_tab(browser_page, ".compare-form button", limit=5)
    with browser_page.expect_navigation():
        browser_page.keyboard.press("Enter")

    assert "/regions/setouchi/diff/" in browser_page.url
    assert browser_page.get_by_role("heading", level=1).inner_text().endswith("の版の違い")


def test_map_and_charts_are_coloured_by_the_stylesheet(browser_page, portal_url, published):
    open_page(browser_page, portal_url + "/")

    colours = browser_page.evaluate(
        """() => {
          const fill = (selector) => getComputedStyle(document.querySelector(selector)).fill;
          return {
            covered: fill('.japan-map__prefecture--level-1'),
            empty: fill('.japan-map__prefecture--level-0'),
            total: fill('.chart__bar--total'),
          };
        }"""
    )

    assert colours["covered"] == "rgb(157, 183, 249)"  # --color-primitive-blue-300
    assert colours["empty"] != colours["covered"]
    assert colours["total"] == "rgb(0, 23, 193)"  # --color-primitive-blue-900


def test_roadmap_milestones_are_readable_on_a_phone(
    browser_page, portal_url, screenshot, published
):
    """Issue 13: at 375 px the milestone column was 48 px wide, one character per line.
    Each project's milestones now get (nearly) the whole width of the screen."""
    browser_page.set_viewport_size(MOBILE)
    open_page(browser_page, portal_url + "/regions/setouchi/")

    cells = browser_page.locator(".roadmap-table__milestones")
    assert cells.count() == 3
    widths = [cells.nth(i).bounding_box()["width"] for i in range(cells.count())]
    screenshot(browser_page, "public-region-375-roadmap")
    assert min(widths) >= 280, widths
    first = browser_page.locator(".roadmap-table__milestones li").first
    line = float(first.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
    assert first.bounding_box()["height"] <= 3 * line, "a milestone takes a line or two"
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]

    browser_page.set_viewport_size(DESKTOP)
    open_page(browser_page, portal_url + "/regions/setouchi/")
    assert browser_page.locator(".roadmap-table thead").is_visible()
    assert cells.first.bounding_box()["width"] >= 200
