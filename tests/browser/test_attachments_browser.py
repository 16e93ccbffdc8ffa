"""Attachments (ADR 0118) in a real Chromium: an editor attaches the minutes of the 協議 to a
vision draft (the unsaved input of the vision form is not sent), a refused file is told by
name; after the 送付 a reviewer downloads the minutes from the admin; once the revisions are
published a visitor downloads the public minutes from the region page and never sees the
reviewers-only file. axe-core finds nothing on the vision page or the region page."""

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from accounts.models import RegionRole
from attachments.models import Attachment
from declarations.lifecycle import Status
from filing.bundle import read_bundle_file
from tests.browser.conftest import BROWSER_TEST_MARKS
from tests.browser.test_review_browser import reviewer_group, switch_to
from tests.factories import UserFactory
from tests.public_data import move
from tests.review_helpers import BUNDLES, submit
from workflow.adapter import filing_import
from workflow.verbs import revision_accept

pytestmark = BROWSER_TEST_MARKS

SLUG = "setouchi"
MINUTES = b"%PDF-1.7\n% minutes of the 3rd meeting\n%%EOF\n"
MEMO = b"%PDF-1.7\n% a note for the reviewers only\n%%EOF\n"


def attachment_reviewer():
    """A reviewer with the group's permissions and ``attachments.view_attachment``
    (attachments 0001), made again after a transactional test flushed the tables."""
    group = reviewer_group()
    create_permissions(django_apps.get_app_config("attachments"), verbosity=0)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="attachments", codename="view_attachment")
    )
    reviewer = UserFactory(username="shinsa", email="shinsa@soumu.example.jp", is_staff=True)
    reviewer.groups.add(group)
    return reviewer


@pytest.fixture
def draft(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    imported = filing_import(read_bundle_file(BUNDLES / "valid_region.json"), slug=SLUG)
    editor = UserFactory(username="editor", email="editor@setouchi.example.jp")
    RegionRole.objects.create(user=editor, region=imported.region, role=RegionRole.Role.EDITOR)
    return imported, editor, attachment_reviewer()


def test_an_editor_attaches_minutes_and_a_reviewer_downloads_them_after_the_sending(
    browser_page, portal_url, sign_in, assert_no_axe_violations, draft, tmp_path
):
    imported, editor, reviewer = draft
    vision = imported.vision_revision
    page = browser_page
    sign_in(editor)
    page.goto(f"{portal_url}/staff/{SLUG}/vision/{vision.number}/")
    section = page.locator("#attachments")
    expect(section.get_by_role("heading", name="添付ファイル")).to_be_visible()

    # A renamed executable is refused by name.
    section.get_by_label("ファイル").set_input_files(
        files=[{"name": "setup.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00" * 16}]
    )
    section.get_by_role("button", name="添付する").click()
    expect(page.locator(".messages")).to_contain_text("「setup.pdf」は添付できません")
    assert not Attachment.objects.exists()

    section = page.locator("#attachments")
    section.get_by_label("ファイル").set_input_files(
        files=[{"name": "第3回協議会 議事録.pdf", "mimeType": "application/pdf", "buffer": MINUTES}]
    )
    section.get_by_label("表題").fill("第3回協議会の議事録")
    section.get_by_label("種類").select_option("consultation_record")
    section.get_by_label(
        "公表する（版が公表されたとき、公開のページからダウンロードできます）"
    ).check()
    section.get_by_role("button", name="添付する").click()
    expect(page.locator(".messages")).to_contain_text("「第3回協議会 議事録.pdf」を添付しました")
    expect(page.locator("#attachments")).to_contain_text("第3回協議会の議事録")
    minutes = Attachment.objects.get()
    assert (minutes.kind, minutes.is_public) == ("consultation_record", True)

    # A second file for the reviewers only (the radio's default).
    section = page.locator("#attachments")
    section.get_by_label("ファイル").set_input_files(
        files=[{"name": "内部メモ.pdf", "mimeType": "application/pdf", "buffer": MEMO}]
    )
    section.get_by_label("表題").fill("審査担当への内部メモ")
    section.get_by_role("button", name="添付する").click()
    expect(page.locator(".messages")).to_contain_text("「内部メモ.pdf」を添付しました")
    assert Attachment.objects.filter(is_public=False).count() == 1
    assert_no_axe_violations(page)
    assert page.console_errors == []

    submit(vision, editor)
    switch_to(page, sign_in, reviewer)
    page.goto(f"{portal_url}/admin/attachments/attachment/")
    with page.expect_download() as info:
        page.get_by_role("link", name="第3回協議会 議事録.pdf").click()
    download = info.value
    assert download.suggested_filename == "第3回協議会 議事録.pdf"
    target = tmp_path / "downloaded.pdf"
    download.save_as(target)
    assert target.read_bytes() == MINUTES

    # Published: a visitor (no session) finds the public minutes on the region page and
    # downloads them; the reviewers-only memo is neither listed nor served.
    move(imported.declaration_revision, Status.PUBLISHED, actor=reviewer)
    revision_accept(revision=vision, actor=reviewer)
    page.context.clear_cookies()
    page.goto(f"{portal_url}/regions/{SLUG}/")
    public = page.locator("#attachments")
    expect(public).to_contain_text("第3回協議会の議事録")
    expect(page.locator("body")).not_to_contain_text("審査担当への内部メモ")
    with page.expect_download() as info:
        public.get_by_role("link", name="第3回協議会の議事録").click()
    target = tmp_path / "public.pdf"
    info.value.save_as(target)
    assert target.read_bytes() == MINUTES
    memo = Attachment.objects.get(is_public=False)
    assert page.request.get(f"{portal_url}/regions/{SLUG}/attachments/{memo.pk}/").status == 404
    assert_no_axe_violations(page)
