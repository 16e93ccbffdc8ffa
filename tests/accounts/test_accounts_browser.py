"""Accounts in a real Chromium: an invitation accepted, the dashboard, log-out, log-in,
password pages; axe-core on every page; screenshots in test-artifacts/accounts-*.png."""

import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from playwright.sync_api import expect

from accounts.models import RegionRole
from accounts.services import invite_staff
from declarations.lifecycle import Status
from reviews.models import Comment
from tests.browser.conftest import BROWSER_TEST_MARKS, MOBILE
from tests.factories import (
    DeclarationRevisionFactory,
    RegionFactory,
    UserFactory,
    VisionRevisionFactory,
)

pytestmark = BROWSER_TEST_MARKS

PASSWORD = "Setouchi-2026-kaigan"


@pytest.fixture
def region_with_work():
    """A region with a published declaration and vision (verification overdue), a draft
    change, and a reviewer's comment awaiting an answer."""
    region = RegionFactory(slug="setouchi")
    published = DeclarationRevisionFactory(
        declaration__region=region,
        number=1,
        status=Status.PUBLISHED,
        region_name="瀬戸内広域リージョン",
        declared_on=datetime.date(2024, 4, 1),
    )
    DeclarationRevisionFactory(
        declaration=published.declaration, number=2, region_name="瀬戸内広域リージョン"
    )
    # Never verified and first published in 2024: overdue (vision.verification counts from
    # the first publication).
    VisionRevisionFactory(
        vision__region=region,
        number=1,
        status=Status.PUBLISHED,
        declaration_revision=published,
        published_at=datetime.datetime(2024, 5, 1, 9, 0, tzinfo=datetime.UTC),
    )
    Comment.objects.create(
        region=region,
        content_type=ContentType.objects.get_for_model(published),
        object_id=published.pk,
        anchor="members[1]",
        author=UserFactory(username="reviewer"),
        by_reviewer=True,
        body="構成団体の区域の記載を確認してください。",
    )
    return region


@pytest.fixture
def failed_assets(browser_page):
    """Stylesheets, scripts and images of the pages that failed to load (status >= 400)."""
    failed = []
    browser_page.on(
        "response",
        lambda response: (
            response.status >= 400
            and response.request.resource_type != "document"
            and failed.append((response.status, response.url))
        ),
    )
    browser_page.failed_assets = failed
    return failed


def fill_and_check(page, assert_no_axe_violations, screenshot, name):
    page.wait_for_load_state("load")
    # Chromium logs "Failed to load resource" for the /favicon.ico it asks for by itself (the
    # layout links none) and for the 404/410 documents on purpose; a blocked inline style or
    # script (CSP) is logged differently, and a missing asset of the page is caught below.
    errors = [e for e in page.console_errors if not e.startswith("Failed to load resource")]
    assert errors == [], errors
    assert getattr(page, "failed_assets", []) == []
    screenshot(page, f"accounts-{name}")
    assert_no_axe_violations(page)


def test_invited_person_accepts_logs_out_and_logs_in_again(
    browser_page, portal_url, region_with_work, assert_no_axe_violations, screenshot, failed_assets
):
    page = browser_page
    sent = invite_staff(
        email="suzuki@example.jp", region=region_with_work, role="editor", base_url=portal_url
    )
    (message,) = mail.outbox
    link = re.search(r"http://\S+/accounts/invitations/\S+/", message.body).group(0)
    assert link == sent.url

    # The invitation page.
    page.goto(link)
    assert page.locator("h1").inner_text() == "担当者としての招待"
    fill_and_check(page, assert_no_axe_violations, screenshot, "1-invitation")

    # A mistake first: the passwords differ; the page says so next to the field.
    page.get_by_label("ユーザー名").fill("suzuki")
    page.get_by_label("姓").fill("鈴木")
    page.get_by_label("名", exact=True).fill("花子")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD + "x")
    page.get_by_role("button", name="アカウントを作成して招待を受ける").click()
    # In the list of errors at the top (a link to the field) and next to the field.
    assert (
        page.locator("#id_password2_error")
        .get_by_text("確認用パスワードが一致しません")
        .is_visible()
    )
    page.get_by_role("link", name="パスワード(確認用): 確認用パスワードが一致しません。").click()
    assert page.evaluate("document.activeElement.id") == "id_password2"
    assert page.get_by_label("ユーザー名").input_value() == "suzuki"
    fill_and_check(page, assert_no_axe_violations, screenshot, "2-invitation-error")

    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="アカウントを作成して招待を受ける").click()

    # The dashboard, signed in (the browser keeps the #fragment of the error link).
    page.wait_for_url(re.compile(rf"{re.escape(portal_url)}/staff/(#.*)?$"))
    assert page.get_by_text("「瀬戸内広域リージョン」の担当者（編集者）になりました").is_visible()
    assert page.get_by_role("heading", name="瀬戸内広域リージョン").is_visible()
    assert page.get_by_text("あなたの役割: 編集者").is_visible()
    assert page.get_by_text("構成団体の区域の記載を確認してください。").is_visible()
    assert page.get_by_text("連携ビジョンの検証の期限を過ぎています").is_visible()
    assert page.locator('nav a[aria-current="page"]').inner_text() == "ダッシュボード"
    fill_and_check(page, assert_no_axe_violations, screenshot, "3-dashboard")
    page.set_viewport_size(MOBILE)
    fill_and_check(page, assert_no_axe_violations, screenshot, "3-dashboard-mobile")
    page.set_viewport_size({"width": 1280, "height": 800})

    # The link cannot be used again.
    response = page.goto(link)
    assert response.status == 410
    fill_and_check(page, assert_no_axe_violations, screenshot, "4-invitation-used")
    page.goto(f"{portal_url}/staff/")

    # Log out with the header's button.
    page.get_by_role("button", name="ログアウト").click()
    page.wait_for_url(f"{portal_url}/accounts/login/")
    assert page.get_by_text("ログアウトしました。").is_visible()
    fill_and_check(page, assert_no_axe_violations, screenshot, "5-logged-out")

    # Log in again: a wrong password first, then the right one.
    page.get_by_label("ユーザー名").fill("suzuki")
    page.get_by_label("パスワード").fill("wrong-password")
    page.get_by_role("button", name="ログイン").click()
    # the error summary (ADR 0096) says what went wrong and takes the focus
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#error-summary")).to_contain_text("入力内容にエラーがあります")
    fill_and_check(page, assert_no_axe_violations, screenshot, "6-login-error")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(f"{portal_url}/staff/")
    assert page.get_by_role("heading", name="ダッシュボード").is_visible()
    assert RegionRole.objects.get(user__username="suzuki").role == "editor"


def test_password_pages_and_a_used_up_or_unknown_link_have_no_axe_violations(
    browser_page, portal_url, sign_in, assert_no_axe_violations, screenshot, failed_assets
):
    page = browser_page
    for path, name in (
        ("/accounts/password/reset/", "password-reset"),
        ("/accounts/invitations/no-such-token/", "invitation-unknown"),
    ):
        page.goto(portal_url + path)
        fill_and_check(page, assert_no_axe_violations, screenshot, name)

    page.goto(portal_url + "/accounts/password/reset/")
    page.get_by_label("メールアドレス").fill("nobody@example.jp")
    page.get_by_role("button", name="再設定のメールを送る").click()
    page.wait_for_url(f"{portal_url}/accounts/password/reset/done/")
    fill_and_check(page, assert_no_axe_violations, screenshot, "password-reset-done")

    user = UserFactory(username="tanaka")
    RegionRole.objects.create(user=user, region=RegionFactory(slug="tohoku"), role="viewer")
    sign_in(user)
    page.goto(portal_url + "/accounts/password/change/")
    fill_and_check(page, assert_no_axe_violations, screenshot, "password-change")
    page.goto(portal_url + "/staff/")
    assert page.get_by_text("あなたの役割: 閲覧者").is_visible()
    fill_and_check(page, assert_no_axe_violations, screenshot, "dashboard-viewer-empty-region")
