"""A returned revision leads with the reason (ADR 0099), in a real Chromium: the box at the
top names the reason and links each open comment to the item it targets, where the comment
is shown beside the member row with a link to its thread. axe-core finds nothing at 1280 and
375 px."""

import pytest
from playwright.sync_api import expect

from accounts.models import RegionRole
from filing.bundle import read_bundle_file
from reviews.services import comment_post
from tests.browser.conftest import BROWSER_TEST_MARKS, DESKTOP, MOBILE
from tests.browser.test_review_browser import reviewer_group
from tests.factories import UserFactory
from tests.review_helpers import BUNDLES, submit
from workflow.adapter import filing_import
from workflow.verbs import revision_reopen, revision_return

pytestmark = BROWSER_TEST_MARKS

SLUG = "setouchi"


@pytest.fixture
def returned_draft():
    imported = filing_import(read_bundle_file(BUNDLES / "valid_region.json"), slug=SLUG)
    editor = UserFactory(username="editor")
    RegionRole.objects.create(user=editor, region=imported.region, role=RegionRole.Role.EDITOR)
    reviewer = UserFactory(username="shinsa", email="shinsa@soumu.example.jp")
    reviewer.groups.add(reviewer_group())
    revision = imported.declaration_revision
    submit(revision, editor)
    thread = comment_post(
        revision=revision,
        author=reviewer,
        body="活動範囲を確認してください。",
        anchor="members[7]",
        by_reviewer=True,
        valid_anchors=["members[7]"],
    )
    revision_return(revision=revision, actor=reviewer, comment="構成団体を確認してください。")
    revision_reopen(revision=revision, actor=editor)
    return editor, thread


def test_the_returned_draft_leads_with_the_reason_and_the_comment_beside_its_row(
    browser_page, portal_url, sign_in, returned_draft, assert_no_axe_violations
):
    editor, thread = returned_draft
    page = browser_page
    sign_in(editor)
    page.goto(f"{portal_url}/staff/{SLUG}/declaration/1/")

    box = page.locator("#returned")
    expect(box).to_be_in_viewport()
    expect(box).to_contain_text("差し戻されました（令和")
    expect(box).to_contain_text("構成団体を確認してください。")
    expect(box).to_contain_text("未解決のコメント（1 件）")
    assert_no_axe_violations(page)

    box.get_by_role("link", name="構成団体 8: 瀬戸内経済連合会").click()
    marker = page.locator(f"#mark-{thread.pk}")
    expect(marker).to_be_in_viewport()
    expect(marker).to_contain_text("未解決")
    expect(page.locator("#member-keizai")).to_contain_text("活動範囲を確認してください。")

    marker.get_by_role("link", name="スレッドを開く", exact=False).click()
    expect(page.locator(f"#thread-{thread.pk}")).to_be_in_viewport()

    page.set_viewport_size(MOBILE)
    page.goto(f"{portal_url}/staff/{SLUG}/declaration/1/")
    expect(page.locator("#returned")).to_be_visible()
    assert_no_axe_violations(page)
    page.set_viewport_size(DESKTOP)
    assert page.console_errors == []
