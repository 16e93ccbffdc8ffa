"""The review in a real Chromium: a reviewer comments on a member and returns the declaration;
the region's editor reads the comment on the staff page and replies; the editor fixes the
revision and submits it again through the staff forms (reopen, edit, save, submit);
the reviewer reads the reply, resolves the thread and accepts. axe-core finds nothing on
the reviewers' admin pages and on the staff's comment page."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts.models import REVIEWER_GROUP, RegionRole
from declarations.lifecycle import Status
from declarations.models import DeclarationRevision
from filing.bundle import read_bundle_file
from reviews.models import Comment, Review
from tests.browser.conftest import BROWSER_TEST_MARKS, MOBILE
from tests.factories import UserFactory
from tests.review_helpers import BUNDLES, submit
from workflow.adapter import filing_import

pytestmark = BROWSER_TEST_MARKS


def reviewer_group() -> Group:
    """The ``reviewer`` group with its permissions, as every ``migrate`` leaves it and as the
    flush after a transactional test gives it back (accounts.reviewer_group)."""
    return Group.objects.get(name=REVIEWER_GROUP)


@pytest.fixture
def people():
    reviewer = UserFactory(
        username="shinsa",
        email="shinsa@soumu.example.jp",
        is_staff=True,
        last_name="審査",
        first_name="花子",
    )
    reviewer.groups.add(reviewer_group())
    editor = UserFactory(
        username="editor", email="editor@setouchi.example.jp", last_name="瀬戸", first_name="太郎"
    )
    return reviewer, editor


@pytest.fixture
def region(people):
    _, editor = people
    imported = filing_import(read_bundle_file(BUNDLES / "valid_region.json"), slug="setouchi")
    RegionRole.objects.create(user=editor, region=imported.region, role=RegionRole.Role.EDITOR)
    submit(imported.declaration_revision, editor)
    submit(imported.vision_revision, editor)
    return imported


def csp_errors(page):
    """Console errors other than the expected failed loads (the refused form answers 400; the
    admin has no favicon): a style or script blocked by the CSP would show up here."""
    return [e for e in page.console_errors if not e.startswith("Failed to load resource")]


def switch_to(page, sign_in, user):
    page.context.clear_cookies()
    sign_in(user)


def test_a_reviewer_returns_the_editor_fixes_and_the_reviewer_accepts(
    browser_page, portal_url, sign_in, screenshot, assert_no_axe_violations, people, region
):
    reviewer, editor = people
    page = browser_page
    declaration = region.declaration_revision

    # The reviewer finds the declaration in the queue.
    switch_to(page, sign_in, reviewer)
    page.goto(portal_url + "/admin/")
    page.get_by_role("link", name="審査待ち一覧").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("審査待ち一覧")
    rows = page.locator("table.review-queue tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("連携宣言書 第1版")
    screenshot(page, "review-queue")
    assert_no_axe_violations(page)

    rows.first.get_by_role("link", name="瀬戸内広域リージョン").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"^瀬戸内広域リージョン 連携宣言書 第1版・第1回送付（受付番号 R\d+-\d{6}）$")
    )
    assert_no_axe_violations(page)
    screenshot(page, "review-revision-declaration")

    # A comment on the 経済団体 (the 8th member), through the member's own link.
    member_row = page.locator("#item-members-7")
    member_row.get_by_role("link", name=re.compile("この項目にコメント")).click()
    expect(page.get_by_label("対象の項目")).to_have_value("members[7]")
    page.locator("#comment-form").get_by_label("コメント").fill(
        "経済団体の活動範囲の根拠となる資料を示してください。"
    )
    page.get_by_role("button", name="コメントを付ける").click()
    thread = page.locator("article.review-thread").first
    expect(thread).to_contain_text("構成団体 8: 瀬戸内経済連合会")
    expect(thread).to_contain_text("未解決")

    # Returning without a comment is refused; with one, it is done.
    page.get_by_role("button", name="差し戻す").click()
    expect(page.locator(".review-form--return")).to_contain_text("差戻しにはコメントが必要です")
    assert_no_axe_violations(page)  # the page with the form's error
    page.get_by_label("差戻しの理由（必須）").fill(
        "経済団体の活動範囲について、コメントに答えてください。"
    )
    page.get_by_role("button", name="差し戻す").click()
    expect(page.locator(".messagelist")).to_contain_text("差し戻しました")
    expect(page.locator(".review-summary")).to_contain_text("差戻し")
    screenshot(page, "review-revision-returned")

    # The editor reads the comment and the return on the staff page and replies.
    switch_to(page, sign_in, editor)
    page.goto(f"{portal_url}/staff/setouchi/comments/")
    page.get_by_role("link", name="連携宣言書 第1版").click()
    expect(page.locator("#review-threads")).to_contain_text("経済団体の活動範囲の根拠")
    expect(page.locator("#review-threads")).to_contain_text("コメントに答えてください")
    assert_no_axe_violations(page)
    page.get_by_label("このスレッドに返信").fill("活動範囲は3県です。定款を添付して再提出します。")
    page.get_by_role("button", name="返信する").click()
    expect(page.locator(".messages")).to_contain_text("返信しました")
    expect(page.locator("#review-threads")).to_contain_text("定款を添付して再提出します")
    screenshot(page, "review-staff-threads")
    page.set_viewport_size(MOBILE)
    assert_no_axe_violations(page)  # with the flash message shown
    screenshot(page, "review-staff-threads-375")
    page.set_viewport_size({"width": 1280, "height": 800})

    # The same threads on the staff forms' page of the revision.
    page.goto(f"{portal_url}/staff/setouchi/declaration/{declaration.number}/")
    expect(page.locator("#review-threads")).to_contain_text("定款を添付して再提出します")
    assert_no_axe_violations(page, context={"include": [["#review-threads"]]})
    screenshot(page, "review-staff-declaration")

    # The editor's fix, through the staff forms: reopen, edit the draft, save, submit again.
    page.locator("#submit").get_by_role("button", name="編集を再開する").click()
    page.get_by_label("区域の補足").fill(
        "岡山県・広島県・香川県の瀬戸内海沿岸（経済団体の活動範囲と同じ）"
    )
    page.get_by_role("button", name="下書きを保存").first.click()
    page.get_by_role("button", name="連携宣言書を総務省へ送付する").click()
    # 送付 lands on the 受付票 of this second submission (ADR 0094)
    expect(page.get_by_role("heading", level=1)).to_have_text("受付票")
    expect(page.get_by_role("main")).to_contain_text("第2回送付")
    declaration.refresh_from_db()
    assert declaration.status == Status.SUBMITTED
    assert declaration.area_note.startswith("岡山県・広島県・香川県の瀬戸内海沿岸")

    # The reviewer sees the reply, resolves the thread and accepts.
    switch_to(page, sign_in, reviewer)
    page.goto(f"{portal_url}/admin/reviews/review/revisions/declaration/{declaration.pk}/")
    thread = page.locator("article.review-thread").first
    expect(thread).to_contain_text("定款を添付して再提出します")
    expect(page.locator(".review-summary")).to_contain_text("送付済み（審査中）")
    thread.get_by_role("button", name="解決済みにする").click()
    expect(page.locator("article.review-thread").first).to_contain_text("解決済み")
    page.get_by_role("button", name="受理する").click()
    expect(page.locator(".messagelist")).to_contain_text("受理し、公表しました")
    expect(page.locator(".review-summary")).to_contain_text("公表")
    screenshot(page, "review-revision-accepted")
    assert_no_axe_violations(page)

    declaration.refresh_from_db()
    assert declaration.status == Status.PUBLISHED and declaration.published_at is not None
    assert list(Review.objects.values_list("decision", flat=True)) == ["returned", "accepted"]
    assert Comment.objects.filter(by_reviewer=False, author=editor).count() == 1
    assert csp_errors(page) == []

    # The audit trail shows the whole story.
    page.goto(f"{portal_url}/admin/reviews/review/audit/")
    audit = page.locator("table.review-audit")
    for text in ("差戻し", "受理 → 公表", "返信（リージョンの担当者）", "スレッドを解決済みにした"):
        expect(audit).to_contain_text(text)
    assert_no_axe_violations(page)
    screenshot(page, "review-audit")


def test_the_overview_and_its_map_have_no_axe_violations(
    browser_page, portal_url, sign_in, screenshot, assert_no_axe_violations, people, region
):
    reviewer, _ = people
    from workflow.verbs import revision_accept

    revision_accept(revision=region.declaration_revision, actor=reviewer)
    sign_in(reviewer)
    browser_page.goto(portal_url + "/admin/reviews/review/overview/")
    expect(browser_page.get_by_role("heading", name="都道府県と宣言リージョン")).to_be_visible()
    expect(browser_page.locator("svg.coverage-map__svg")).to_be_visible()
    hiroshima = browser_page.locator("svg.coverage-map__svg #hiroshima")
    assert "coverage-map__prefecture--published" in hiroshima.get_attribute("class")
    fill = hiroshima.evaluate("element => getComputedStyle(element).fill")
    okinawa = browser_page.locator("svg.coverage-map__svg #okinawa")
    assert fill != okinawa.evaluate("element => getComputedStyle(element).fill")
    assert_no_axe_violations(browser_page)
    screenshot(browser_page, "review-overview")
    assert csp_errors(browser_page) == []


def test_the_queue_in_dark_mode_and_at_a_narrow_width_has_no_axe_violations(
    browser_page, portal_url, sign_in, screenshot, assert_no_axe_violations, people, region
):
    reviewer, _ = people
    sign_in(reviewer)
    browser_page.emulate_media(color_scheme="dark")
    browser_page.goto(
        portal_url + f"/admin/reviews/review/revisions/vision/{region.vision_revision.pk}/"
    )
    assert_no_axe_violations(browser_page)
    screenshot(browser_page, "review-revision-vision-dark")
    browser_page.set_viewport_size(MOBILE)
    browser_page.goto(portal_url + "/admin/reviews/review/queue/")
    assert_no_axe_violations(browser_page)
    screenshot(browser_page, "review-queue-375-dark")
    assert DeclarationRevision.objects.filter(status=Status.SUBMITTED).count() == 1
