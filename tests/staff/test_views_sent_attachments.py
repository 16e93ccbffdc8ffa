# ruff: noqa: F811 (pytest fixtures imported from tests.staff_helpers)
"""The staff pages and the attachments of ADR 0119: the 受付票 lists what the 送付 sent with
title, kind, size and SHA-256; deleting a project from the draft's page takes its attachments
with it (no row left without its target, no file left behind)."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from attachments.models import Attachment, AttachmentEvent
from attachments.services import attachment_add
from tests.staff_helpers import editor, editor_client, imported, region  # noqa: F401
from workflow.verbs import revision_submit

pytestmark = pytest.mark.django_db

MINUTES = b"%PDF-1.7\n% minutes\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def attach(target, actor, **kwargs):
    upload = SimpleUploadedFile("議事録.pdf", MINUTES)
    return attachment_add(target=target, upload=upload, actor=actor, **kwargs)


def test_the_receipt_lists_the_attachments_the_submission_sent(editor_client, imported, editor):
    revision = imported.declaration_revision
    attach(revision, editor, title="署名した宣言書", kind="signed_declaration", is_public=True)
    revision_submit(revision=revision, actor=editor)

    page = editor_client.get("/staff/setouchi/declaration/1/receipt/1/").content.decode()

    assert "送付した添付ファイル" in page
    assert "署名した宣言書" in page
    assert "署名済みの宣言書（公表する）" in page
    assert f"議事録.pdf（{len(MINUTES)} バイト）" in page
    assert hashlib.sha256(MINUTES).hexdigest() in page


def test_a_receipt_of_a_submission_without_attachments_says_so(editor_client, imported, editor):
    revision_submit(revision=imported.declaration_revision, actor=editor)
    page = editor_client.get("/staff/setouchi/declaration/1/receipt/1/").content.decode()
    assert "この送付には添付ファイルはありません。" in page


def test_deleting_a_project_on_its_page_removes_its_attachments_and_their_files(
    editor_client, imported, editor, _media, django_capture_on_commit_callbacks
):
    vision = imported.vision_revision
    project = vision.projects.order_by("position").first()
    attachment = attach(project, editor)
    stored = _media / attachment.file.name
    assert stored.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"/staff/setouchi/vision/1/projects/{project.pk}/delete/",
            {"confirm": "1", "version": str(vision.version)},
        )

    assert response.status_code == 302
    assert not vision.projects.filter(pk=project.pk).exists()
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    assert not stored.exists()
    event = AttachmentEvent.objects.get(action="removed")
    assert (event.attachment_id, event.actor) == (attachment.pk, editor)
