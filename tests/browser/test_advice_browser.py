"""事前相談 (ADR 0116) in a real Chromium: an editor asks on a draft, a reviewer answers in
the admin on an item of the draft, the editor sees the answer; nothing of the draft's status
changes. axe-core finds nothing on the three pages."""

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from accounts.models import RegionRole
from declarations.lifecycle import Status
from filing.bundle import read_bundle_file
from reviews.models import AdviceRequest, Comment
from tests.browser.conftest import BROWSER_TEST_MARKS
from tests.browser.test_review_browser import reviewer_group, switch_to
from tests.factories import UserFactory
from tests.review_helpers import BUNDLES
from workflow.adapter import filing_import

pytestmark = BROWSER_TEST_MARKS

SLUG = "setouchi"


def advice_reviewer():
    """A reviewer with the group's permissions and the 事前相談 one (reviews 0006), made
    again after a transactional test flushed the tables."""
    group = reviewer_group()
    create_permissions(django_apps.get_app_config("reviews"), verbosity=0)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="reviews", codename="view_advicerequest")
    )
    reviewer = UserFactory(
        username="shinsa", email="shinsa@soumu.example.jp", is_staff=True, last_name="審査"
    )
    reviewer.groups.add(group)
    return reviewer


@pytest.fixture
def draft():
    imported = filing_import(read_bundle_file(BUNDLES / "valid_region.json"), slug=SLUG)
    editor = UserFactory(username="editor", email="editor@setouchi.example.jp", last_name="瀬戸")
    RegionRole.objects.create(user=editor, region=imported.region, role=RegionRole.Role.EDITOR)
    return imported.declaration_revision, editor, advice_reviewer()


def test_an_editor_asks_a_reviewer_answers_and_the_editor_reads_it(
    browser_page, portal_url, sign_in, screenshot, assert_no_axe_violations, draft
):
    revision, editor, reviewer = draft
    page = browser_page

    # The editor opens the advice page from the draft and asks about a member.
    sign_in(editor)
    page.goto(f"{portal_url}/staff/{SLUG}/declaration/{revision.number}/")
    page.get_by_role("link", name="事前相談（審査担当に助言を求める）").click()
    page.get_by_label("相談する項目").select_option("members[7]")
    page.get_by_label("相談の内容").fill("経済団体の活動範囲の書き方を教えてください。")
    page.get_by_role("button", name="審査担当に相談する").click()
    expect(page.locator(".messages, [role=status], main").first).to_contain_text(
        "事前相談を送りました"
    )
    expect(page.locator("#advice-threads")).to_contain_text("回答待ち")
    assert_no_axe_violations(page)
    advice = AdviceRequest.objects.get()

    # The reviewer finds it in their own queue and answers on another item of the draft.
    switch_to(page, sign_in, reviewer)
    page.goto(f"{portal_url}/admin/reviews/review/queue/")
    page.get_by_role("navigation", name="審査のメニュー").get_by_role(
        "link", name="事前相談"
    ).click()
    expect(page.locator("table.review-table")).to_contain_text("経済団体の活動範囲")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="経済団体の活動範囲の書き方を教えてください。").click()
    expect(page.locator("#content-section")).to_contain_text("瀬戸内経済連合会")
    page.get_by_label("回答の対象の項目").select_option("declaration.aspiration")
    page.locator("#answer-form").get_by_role("textbox").fill(
        "都道府県の一覧で書いてください。目指す姿も簡潔に。"
    )
    page.get_by_role("button", name="回答する").click()
    expect(page.locator(".messagelist")).to_contain_text("回答しました")
    expect(page.locator(f"#advice-{advice.pk}")).to_contain_text("回答あり")
    screenshot(page, "advice-answered")
    assert_no_axe_violations(page)

    # The editor reads the answer on the draft's advice page; the draft is still a draft.
    switch_to(page, sign_in, editor)
    page.goto(f"{portal_url}/staff/{SLUG}/comments/advice/declaration/{revision.number}/")
    thread = page.locator(f"#advice-{advice.pk}")
    expect(thread).to_contain_text("都道府県の一覧で書いてください。")
    expect(thread).to_contain_text("回答あり")
    assert_no_axe_violations(page)
    revision.refresh_from_db()
    assert revision.status == Status.DRAFT
    assert Comment.objects.get(advice=advice).anchor == "declaration.aspiration"
    assert page.console_errors == []
