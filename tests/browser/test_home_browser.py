"""The home page in a real Chromium: accessibility, keyboard, layout at two widths."""

from importlib import import_module

import pytest
from django.contrib.auth import views as auth_views
from django.urls import path

from tests.browser.conftest import BROWSER_TEST_MARKS, DESKTOP, MOBILE

pytestmark = BROWSER_TEST_MARKS


def open_home(page, portal_url):
    page.goto(portal_url + "/")
    page.wait_for_load_state("load")
    return page


def test_home_page_has_no_axe_violations_at_desktop_and_mobile_width(
    browser_page, portal_url, assert_no_axe_violations
):
    open_home(browser_page, portal_url)
    assert_no_axe_violations(browser_page)

    browser_page.set_viewport_size(MOBILE)
    assert_no_axe_violations(browser_page)


def test_unknown_page_has_no_axe_violations(browser_page, portal_url, assert_no_axe_violations):
    response = browser_page.goto(portal_url + "/no-such-page/")

    assert response.status == 404
    assert_no_axe_violations(browser_page)


def test_skip_link_is_the_first_tab_stop_and_enter_moves_focus_to_main(
    browser_page, portal_url, screenshot
):
    open_home(browser_page, portal_url)
    skip_link = browser_page.locator("a.skip-link")

    browser_page.keyboard.press("Tab")
    screenshot(browser_page, "home-1280-skip-link-focused")

    assert skip_link.evaluate("element => element === document.activeElement")
    box = skip_link.bounding_box()
    assert box is not None and box["y"] >= 0 and box["x"] >= 0, "the focused skip link is on screen"

    browser_page.keyboard.press("Enter")

    assert browser_page.evaluate("document.activeElement.id") == "main"
    assert browser_page.url.endswith("#main")


def test_skip_link_is_off_screen_until_focused(browser_page, portal_url):
    open_home(browser_page, portal_url)

    box = browser_page.locator("a.skip-link").bounding_box()

    assert box["y"] + box["height"] <= 0


def test_design_tokens_are_applied_and_nothing_is_blocked_by_the_csp(browser_page, portal_url):
    response = browser_page.goto(portal_url + "/")

    assert "style-src 'self'" in response.headers["content-security-policy"]
    styles = browser_page.evaluate(
        """() => {
          const header = getComputedStyle(document.querySelector('.site-header'));
          const body = getComputedStyle(document.body);
          return {accent: header.borderTopColor, size: body.fontSize, colour: body.color};
        }"""
    )
    # --color-primitive-blue-900 (#0017c1), --font-size-16, --color-neutral-solid-gray-800 (#333).
    assert styles == {"accent": "rgb(0, 23, 193)", "size": "16px", "colour": "rgb(51, 51, 51)"}
    assert browser_page.console_errors == []


def test_home_page_fits_the_screen_width(browser_page, portal_url, screenshot, subtests):
    """At 1280 and 375 px, each width a subtest of one test (a transactional test costs seconds
    of set-up and flush)."""
    for name, viewport in [("home-1280", DESKTOP), ("home-375", MOBILE)]:
        with subtests.test(name):
            browser_page.set_viewport_size(viewport)
            open_home(browser_page, portal_url)

            screenshot(browser_page, name)

            scroll_width = browser_page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= viewport["width"], "no sideways scrolling"
            assert browser_page.get_by_role("heading", level=1).is_visible()
            assert browser_page.get_by_role("navigation", name="メインメニュー").is_visible()


def test_axe_check_fails_and_names_the_rule_when_a_page_breaks_one(
    browser_page, portal_url, assert_no_axe_violations
):
    open_home(browser_page, portal_url)
    browser_page.evaluate(
        """() => {
          const image = document.createElement('img');
          image.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
          document.querySelector('main').append(image);
        }"""
    )

    with pytest.raises(AssertionError, match="image-alt"):
        assert_no_axe_violations(browser_page)


class UrlsWithLogout:
    """The portal's URLs plus Django's logout view, until the accounts pages exist."""

    # the portal's own list, not an include: i18n_patterns (ADR 0124) belong to the root URLconf
    urlpatterns = [
        *import_module("region_portal.urls").urlpatterns,
        path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    ]


def test_signed_in_staff_header_shows_name_logout_and_admin_link(
    browser_page,
    portal_url,
    sign_in,
    settings,
    django_user_model,
    screenshot,
    assert_no_axe_violations,
):
    settings.ROOT_URLCONF = UrlsWithLogout
    sign_in(
        django_user_model.objects.create_user(
            "somu-shinsa", password="x", last_name="総務", first_name="花子", is_staff=True
        )
    )
    browser_page.set_viewport_size(MOBILE)
    open_home(browser_page, portal_url)
    header = browser_page.get_by_role("banner")

    assert header.get_by_text("総務 花子 さん").is_visible()
    assert header.get_by_role("button", name="ログアウト").is_visible()
    assert browser_page.get_by_role("navigation").get_by_role("link", name="管理画面").is_visible()
    screenshot(browser_page, "home-375-signed-in-staff")
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
    assert_no_axe_violations(browser_page)

    header.get_by_role("button", name="ログアウト").click()
    browser_page.goto(portal_url + "/")

    assert browser_page.get_by_role("banner").get_by_text("総務 花子 さん").count() == 0
