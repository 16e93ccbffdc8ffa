"""A request for new support measures (ADR 0116) in a real Chromium: an editor files it on a
project, a reviewer records the forwarding (検討依頼) and then the ministry's answer in the
admin, the region sees the status and the answer; published with its outcome it shows on
the public region page. axe-core finds nothing on the pages."""

import datetime

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from accounts.models import RegionRole
from declarations.lifecycle import Status
from declarations.services import revision_transition
from filing.bundle import read_bundle_file
from support.models import RequestForwarding, SupportRequest
from tests.browser.conftest import BROWSER_TEST_MARKS
from tests.browser.test_review_browser import reviewer_group, switch_to
from tests.factories import UserFactory
from tests.review_helpers import BUNDLES
from workflow.adapter import filing_import

pytestmark = BROWSER_TEST_MARKS

SLUG = "setouchi"
PROJECT = "瀬戸内MaaS推進プロジェクト"
SUPPORT_PERMISSIONS = [
    "view_supportrequest",
    "publish_supportrequest",
    "view_requestforwarding",
    "add_requestforwarding",
    "change_requestforwarding",
    "view_supportrequestevent",
]


def support_reviewer():
    """A reviewer with the group's permissions and those of support 0003, made again after
    a transactional test flushed the tables."""
    group = reviewer_group()
    create_permissions(django_apps.get_app_config("support"), verbosity=0)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="support", codename__in=SUPPORT_PERMISSIONS
        )
    )
    reviewer = UserFactory(
        username="shinsa", email="shinsa@soumu.example.jp", is_staff=True, last_name="審査"
    )
    reviewer.groups.add(group)
    return reviewer


@pytest.fixture
def published_region():
    imported = filing_import(read_bundle_file(BUNDLES / "valid_region.json"), slug=SLUG)
    for revision in (imported.declaration_revision, imported.vision_revision):
        for status in (Status.SUBMITTED, Status.ACCEPTED, Status.PUBLISHED):
            revision_transition(revision=revision, new=status)
    editor = UserFactory(username="editor", email="editor@setouchi.example.jp", last_name="瀬戸")
    RegionRole.objects.create(user=editor, region=imported.region, role=RegionRole.Role.EDITOR)
    return imported, editor, support_reviewer()


def test_a_request_is_filed_forwarded_answered_and_published(
    browser_page, portal_url, sign_in, screenshot, assert_no_axe_violations, published_region
):
    _, editor, reviewer = published_region
    page = browser_page

    # The editor files the request from the region's page.
    sign_in(editor)
    page.goto(f"{portal_url}/staff/{SLUG}/")
    page.get_by_role("link", name="新たな支援措置の求め（第5(1)）").click()
    page.get_by_role("link", name="新しい求めを作成する").click()
    page.get_by_label("件名").fill("離島航路の運航支援")
    page.get_by_label(PROJECT).check()
    page.get_by_label("求める支援の内容").fill("離島航路の運航費への支援")
    page.get_by_label("既存の支援措置では足りない理由").fill("既存の補助は本土側の路線だけが対象")
    page.get_by_label("関係府省").fill("国土交通省")
    page.get_by_role("button", name="保存して提出する").click()
    expect(page.get_by_role("main")).to_contain_text("提出済み")
    assert_no_axe_violations(page)
    request = SupportRequest.objects.get()

    # The reviewer records the forwarding, then the answer.
    switch_to(page, sign_in, reviewer)
    page.goto(f"{portal_url}/admin/support/supportrequest/{request.pk}/change/")
    form = page.locator("#forward-form")
    form.get_by_label("依頼先の府省").fill("国土交通省")
    form.get_by_label("依頼日").fill(datetime.date(2026, 12, 1).isoformat())
    form.get_by_role("button", name="検討依頼を記録する").click()
    expect(page.locator(".messagelist")).to_contain_text("検討依頼を記録しました")
    forwarding = RequestForwarding.objects.get()
    block = page.locator(f"#forwarding-{forwarding.pk}")
    block.get_by_label("状況").select_option("answered")
    block.get_by_label("回答").fill("令和9年度の制度改正で検討します。")
    block.get_by_role("button", name="状況と回答を記録する").click()
    expect(page.locator(".messagelist")).to_contain_text("検討依頼の状況を記録しました")
    assert_no_axe_violations(page)

    # The region sees the status and the answer.
    switch_to(page, sign_in, editor)
    page.goto(f"{portal_url}/staff/{SLUG}/support/requests/{request.pk}/")
    table = page.get_by_role("table", name="検討依頼の状況と回答")
    expect(table).to_contain_text("回答あり")
    expect(table).to_contain_text("令和9年度の制度改正で検討します。")
    screenshot(page, "support-request-answered")
    assert_no_axe_violations(page)

    # Not public until the reviewer publishes it with its outcome.
    page.context.clear_cookies()
    page.goto(f"{portal_url}/regions/{SLUG}/")
    expect(page.get_by_role("main")).not_to_contain_text("離島航路の運航支援")
    switch_to(page, sign_in, reviewer)
    page.goto(f"{portal_url}/admin/support/supportrequest/{request.pk}/change/")
    page.locator("#publish-form").get_by_label("公表する結果").fill("国土交通省が制度改正を検討中")
    page.get_by_role("button", name="求めと結果を公表する").click()
    expect(page.locator(".messagelist")).to_contain_text("公表しました")
    page.context.clear_cookies()
    page.goto(f"{portal_url}/regions/{SLUG}/")
    page.reload()  # the page seen before is in the browser's cache (Cache-Control max-age)
    section = page.locator("#support-requests")
    expect(section).to_contain_text("離島航路の運航支援")
    expect(section).to_contain_text("国土交通省が制度改正を検討中")
    assert_no_axe_violations(page)
    assert page.console_errors == []
