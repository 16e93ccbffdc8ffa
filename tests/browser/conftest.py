"""Fixtures for browser tests: Debian's Chromium driven by pytest-playwright, axe-core checks.

Mark browser tests with ``pytestmark = BROWSER_TEST_MARKS`` (or the same marks by hand)
and ask for ``browser_page`` (a Playwright page, Japanese locale, 1280×800, that records
console errors such as CSP violations), ``portal_url`` (the live server's address) and
``assert_no_axe_violations`` (call it with the page once the page shows what to check),
``sign_in`` (``sign_in(user)`` gives the browser that user's session) and ``screenshot``
(taken only with ``PORTAL_SCREENSHOTS=1``).

Each browser test is transactional (the live server's thread sees committed rows); the
flush after it empties the tables, and tests/conftest.py loads the master data again
before the next one (the reviewer group comes back through post_migrate).
"""

import os
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings

from tests.mfa_helpers import verified_client

BROWSER_TEST_MARKS = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# WCAG 2.0 and 2.1, levels A and AA: what JIS X 8341-3:2016 level AA asks for, and more.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 375, "height": 812}


def chromium_path():
    """Debian's Chromium binary (the package `chromium`); Playwright downloads no browser."""
    for candidate in (
        os.environ.get("CHROMIUM_PATH"),
        "/usr/lib/chromium/chromium",
        shutil.which("chromium"),
        "/usr/bin/chromium",
    ):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    pytest.fail(
        "Chromium が見つかりません。`apt-get install chromium`（scripts/debian-packages.txt）"
        "で導入するか、CHROMIUM_PATH で場所を指定してください。",
        pytrace=False,
    )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": chromium_path(), "headless": True}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "ja-JP", "viewport": DESKTOP}


@pytest.fixture
def portal_url(live_server):
    return live_server.url


@pytest.fixture
def browser_page(page):
    """pytest-playwright's page, with short time-outs and its console errors in
    ``page.console_errors`` (a blocked inline style or script shows up there)."""
    page.set_default_timeout(10_000)
    page.console_errors = []
    page.on(
        "console",
        lambda message: message.type == "error" and page.console_errors.append(message.text),
    )
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    return page


@pytest.fixture
def sign_in(browser_page, portal_url, client):
    """``sign_in(user)``: the browser page is signed in as ``user`` (no login form needed);
    a reviewer or an operator also with a verified second factor, as the admin requires."""

    def sign_in(user):
        verified_client(user, client)
        session = client.cookies[settings.SESSION_COOKIE_NAME]
        browser_page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session.value, "url": portal_url}]
        )

    return sign_in


@pytest.fixture
def page_without_javascript(browser, portal_url, client):
    """``(page, sign_in)``: a page of a new browser context with JavaScript turned off (the
    no-JS path: every button a full-page post), and ``sign_in(user)`` for it."""
    context = browser.new_context(java_script_enabled=False, locale="ja-JP", viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(10_000)

    def sign_in(user):
        verified_client(user, client)
        session = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session.value, "url": portal_url}]
        )

    yield page, sign_in
    context.close()


class AxeOncePerDocument(Axe):
    """axe-playwright-python's ``Axe``, except that its script (570 KB) goes into a document
    once: checking the same page again (at the other width, after a click) runs axe-core
    again without sending and compiling the script again. A new page load needs it again."""

    def run(self, page, context=None, options=None):
        if not page.evaluate("typeof window.axe === 'object' && typeof axe.run === 'function'"):
            page.evaluate(self.axe_script)
        arguments = self._format_script_args(context=context, options=options)
        return AxeResults(page.evaluate(f"axe.run({arguments}).then(results => results)"))


@pytest.fixture(scope="session")
def axe():
    return AxeOncePerDocument()


@pytest.fixture
def assert_no_axe_violations(axe):
    """``assert_no_axe_violations(page, context=None)``: run axe-core (bundled by the
    axe-playwright-python package, no network) with the WCAG 2.0/2.1 A and AA rules on the
    page as it is now, and fail with the list of violations."""

    def check(page, context=None):
        options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
        results = axe.run(page, context=context, options=options)
        assert results.violations_count == 0, (
            f"{page.url}: axe-core {results.response['testEngine']['version']}\n"
            + results.generate_report()
        )
        return results

    return check


@pytest.fixture
def screenshot():
    """``screenshot(page, name)``: with ``PORTAL_SCREENSHOTS=1`` in the environment, save a
    full-page PNG under test-artifacts/ (gitignored) for a person to look at, and return its
    path; otherwise do nothing (a screenshot checks nothing and costs Chromium a second or two
    per page: docs/performance.md)."""

    def take(page, name):
        if os.environ.get("PORTAL_SCREENSHOTS") != "1":
            return None
        ARTIFACTS.mkdir(exist_ok=True)
        target = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(target), full_page=True)
        return target

    return take
