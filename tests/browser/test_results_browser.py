"""The published yearly results (ADR 0108, 0111) on the region page in a real Chromium: axe-core
at both widths with the results and their charts, no sideways scrolling, the chart coloured by
the stylesheet, the evidence link opening the file."""

import pytest
from django.core.cache import cache

from tests.browser.conftest import BROWSER_TEST_MARKS, MOBILE
from tests.factories import UserFactory
from tests.public.results_helpers import PDF, file_result, target_key
from tests.public_data import publish_region, skip_pdfs

pytestmark = BROWSER_TEST_MARKS


@pytest.fixture
def with_results(monkeypatch):
    skip_pdfs(monkeypatch)
    cache.clear()
    published = publish_region("setouchi")
    actor = UserFactory(username="results-browser", is_staff=True)
    revision = published.vision_revision
    tourism = target_key(revision, "周遊ルートの観光入込客数")
    share = target_key(revision, "自家用車による観光移動の割合")
    file_result(
        published.region,
        actor,
        actor,
        tourism,
        2026,
        "131.5",
        comment="観光統計の速報値",
        evidence_url="https://example.jp/kankou",
        evidence=PDF,
    )
    file_result(published.region, actor, actor, tourism, 2027, 133)
    file_result(published.region, actor, actor, share, 2028, "61.5", comment="調査の確定値")
    cache.clear()
    return published


def test_the_region_page_with_results_has_no_axe_violations_at_both_widths(
    browser_page, portal_url, assert_no_axe_violations, screenshot, with_results
):
    browser_page.goto(portal_url + "/regions/setouchi/")
    assert browser_page.get_by_role(
        "heading", name="周遊ルートの観光入込客数 の目標と実績"
    ).is_visible()
    assert_no_axe_violations(browser_page)
    screenshot(browser_page, "public-region-results-1280")

    browser_page.set_viewport_size(MOBILE)
    browser_page.goto(portal_url + "/regions/setouchi/")
    assert_no_axe_violations(browser_page)
    screenshot(browser_page, "public-region-results-375")
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]


def test_the_results_chart_is_coloured_by_the_stylesheet(browser_page, portal_url, with_results):
    browser_page.goto(portal_url + "/regions/setouchi/")
    colours = browser_page.evaluate(
        """() => {
          const style = (selector) => getComputedStyle(document.querySelector(selector));
          return {
            bar: style('#project-2 .chart__result-bar').fill,
            line: style('#project-2 .chart__target-line').stroke,
            dashes: style('#project-2 polyline.chart__target-line').strokeDasharray,
            baseline: style('#project-2 circle.chart__baseline-point').fill,
          };
        }"""
    )
    assert colours["bar"] == "rgb(0, 23, 193)"  # --color-primitive-blue-900
    assert colours["line"] == "rgb(199, 71, 0)"  # --color-primitive-orange-800
    assert colours["dashes"] not in ("", "none")
    assert colours["baseline"] == "rgb(255, 255, 255)"


def test_the_evidence_link_opens_the_file(browser_page, portal_url, with_results):
    browser_page.goto(portal_url + "/regions/setouchi/")
    href = browser_page.get_by_role("link", name="根拠のファイル").first.get_attribute("href")
    response = browser_page.request.get(portal_url + href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body() == PDF
