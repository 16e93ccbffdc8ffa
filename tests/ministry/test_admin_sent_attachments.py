"""Reviewers and a returned revision reopened as a draft (ADR 0119): what the 送付 sent stays
in the admin's list and downloads, what the draft added since is not the reviewers'."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from attachments.models import SentAttachment
from attachments.services import attachment_add, attachment_remove
from tests.review_helpers import submit
from workflow.verbs import revision_reopen, revision_return

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
LIST_URL = "/admin/attachments/attachment/"
SENT_URL = "/admin/attachments/sentattachment/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def attach(target, actor, title):
    upload = SimpleUploadedFile(f"{title}.pdf", PDF)
    return attachment_add(target=target, upload=upload, actor=actor, title=title)


def download_url(attachment):
    return reverse("admin:attachments_attachment_download", args=[attachment.pk])


def test_a_reopened_draft_keeps_what_was_sent_in_the_reviewers_sight(
    reviewer_client, reviewer, imported, editor
):
    vision = imported.vision_revision
    sent = attach(vision, editor, "送付した議事録")
    submit(vision, editor)
    revision_return(revision=vision, actor=reviewer, comment="議事録の日付を確かめてください")
    revision_reopen(revision=vision, actor=editor)
    vision.refresh_from_db()
    added = attach(vision, editor, "後から足した資料")

    listing = reviewer_client.get(LIST_URL).text
    assert "送付した議事録" in listing
    assert "後から足した資料" not in listing
    assert reviewer_client.get(download_url(sent)).status_code == 200
    assert reviewer_client.get(download_url(added)).status_code == 404


def test_what_a_reopened_draft_dropped_is_still_downloaded_as_it_was_sent(
    reviewer_client, reviewer, imported, editor, django_capture_on_commit_callbacks
):
    vision = imported.vision_revision
    sent = attach(vision, editor, "差し替え前の議事録")
    submit(vision, editor)
    revision_return(revision=vision, actor=reviewer, comment="議事録を差し替えてください")
    revision_reopen(revision=vision, actor=editor)
    with django_capture_on_commit_callbacks(execute=True):
        attachment_remove(attachment=sent, actor=editor)

    assert "差し替え前の議事録" not in reviewer_client.get(LIST_URL).text
    listing = reviewer_client.get(SENT_URL).text
    record = SentAttachment.objects.get(attachment_id=sent.pk)
    url = reverse("admin:attachments_sentattachment_download", args=[record.pk])
    assert "差し替え前の議事録" in listing and url in listing
    response = reviewer_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_record_of_what_was_sent_is_read_only_and_not_for_others(
    reviewer_client, client, imported, editor
):
    vision = imported.vision_revision
    attach(vision, editor, "送付した議事録")
    submit(vision, editor)
    record = SentAttachment.objects.get()
    assert reviewer_client.get(f"{SENT_URL}add/").status_code == 403
    change = reviewer_client.get(f"{SENT_URL}{record.pk}/change/")
    assert change.status_code == 200 and 'name="title"' not in change.text
    assert reviewer_client.post(f"{SENT_URL}{record.pk}/delete/").status_code == 403
    url = reverse("admin:attachments_sentattachment_download", args=[record.pk])
    client.force_login(editor)  # a region's editor is no reviewer
    assert client.get(url).status_code in (302, 403, 404)
    assert client.get(SENT_URL).status_code in (302, 403)
