"""A reviewer's first log-in in a real Chromium (ADR 0082): the password, then the enrolment
page with its QR code (inline SVG, nothing blocked by the CSP, axe-core finds nothing), a code
computed from the key shown on the page, the recovery codes once, then the review queue."""

import re
from base64 import b32decode

import pytest
from django.test import Client
from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.browser.conftest import BROWSER_TEST_MARKS
from tests.browser.test_review_browser import reviewer_group
from tests.factories import UserFactory

pytestmark = BROWSER_TEST_MARKS

PASSWORD = "correct horse battery staple"
QUEUE = "/admin/reviews/review/queue/"


@pytest.fixture
def reviewer():
    user = UserFactory(username="shinsa", is_staff=True)
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(reviewer_group())
    return user


def app_code(secret: str) -> str:
    """What an authenticator app shows for the key typed in by hand (RFC 6238, 30 s, 6 digits)."""
    totp = TOTP(b32decode(secret.replace(" ", "")), step=30, digits=6)
    return f"{totp.token():06d}"


def test_a_reviewer_enrols_from_the_qr_page_and_reaches_the_queue(
    browser_page, portal_url, reviewer, assert_no_axe_violations, screenshot
):
    page = browser_page
    page.goto(portal_url + QUEUE)
    page.get_by_label("ユーザー名").fill("shinsa")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()

    expect(page.locator("h1")).to_have_text("二段階認証の登録")
    assert "/accounts/mfa/setup/" in page.url
    assert page.locator(".accounts-qr__image").is_visible()
    assert page.locator(".accounts-qr__image").bounding_box()["width"] >= 150
    assert_no_axe_violations(page)
    screenshot(page, "mfa-1-setup")

    secret = page.locator(".accounts-qr__secret").inner_text()
    page.get_by_label("確認コード").fill(app_code(secret))
    page.get_by_role("button", name="登録する").click()

    expect(page.locator("h1")).to_have_text("回復コード")
    codes = page.locator(".accounts-recovery-codes code").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-7]{8}", code) for code in codes)
    assert_no_axe_violations(page)
    page.get_by_role("link", name="控えたので続ける").click()

    expect(page.locator("h1")).to_have_text("審査待ち一覧")
    assert page.url == portal_url + QUEUE
    assert page.console_errors == []
    # The same password in another browser still needs the code.
    other = Client()
    other.post("/admin/login/", {"username": "shinsa", "password": PASSWORD})
    assert other.get(QUEUE).status_code == 302
