"""The 送付書 lists the attachments a 送付 sent, with title, kind, size and SHA-256 (ADR 0119):
the list is part of the frozen letter (its own SHA-256 vouches for it) and is made from what
the 送付 recorded, not from the draft the revision may have become since."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from attachments.models import Attachment
from attachments.services import attachment_add, attachment_remove
from documents.models import DocumentBuild, Kind
from documents.services import build_documents, frozen_documents, read_frozen, render_document
from tests.documents.helpers import flat_text
from tests.review_helpers import make_documents
from workflow.verbs import revision_reopen, revision_return, revision_submit

pytestmark = pytest.mark.django_db

MINUTES = b"%PDF-1.7\n% minutes of the 12th meeting\n%%EOF\n"
MAP = b"%PDF-1.7\n% a map\n%%EOF\n"


def attach(target, actor, name, content, **kwargs):
    return attachment_add(
        target=target, upload=SimpleUploadedFile(name, content), actor=actor, **kwargs
    )


@pytest.fixture
def attached(imported, editor):
    vision = imported.vision_revision
    project = vision.projects.order_by("position").first()
    minutes = attach(
        vision,
        editor,
        "第12回議事録.pdf",
        MINUTES,
        title="第12回 推進会議 議事録",
        kind="consultation_record",
    )
    map_ = attach(project, editor, "地図.pdf", MAP, title="事業区域の地図")
    return {"vision": vision, "project": project, "minutes": minutes, "map": map_}


def submit_vision(imported, editor):
    revision_submit(revision=imported.declaration_revision, actor=editor)
    revision_submit(revision=imported.vision_revision, actor=editor)
    imported.vision_revision.refresh_from_db()


def test_the_frozen_cover_letter_lists_each_attachment_with_its_hash(imported, editor, attached):
    submit_vision(imported, editor)
    make_documents()

    cover = frozen_documents(attached["vision"])[Kind.COVER]
    data = read_frozen(cover)  # the stored bytes match the recorded SHA-256
    assert hashlib.sha256(data).hexdigest() == cover.sha256
    text = flat_text(data)
    assert "添付ファイル（2件）" in text
    assert "第12回推進会議議事録" in text and "協議の記録" in text
    assert f"事業区域の地図（プロジェクト「{attached['project'].name}」）".replace(" ", "") in text
    assert "参考資料" in text
    assert f"{len(MINUTES)}バイト" in text
    assert "ファイル:第12回議事録.pdf" in text
    assert hashlib.sha256(MINUTES).hexdigest() in text
    assert hashlib.sha256(MAP).hexdigest() in text
    # A 送付 without attachments prints no list (the letter keeps to its one page).
    declaration_cover = read_frozen(frozen_documents(imported.declaration_revision)[Kind.COVER])
    assert "添付ファイル" not in flat_text(declaration_cover)


def test_the_cover_letter_is_made_from_what_was_sent_not_from_the_reopened_draft(
    imported, editor, attached, django_capture_on_commit_callbacks
):
    """The worker is late: by the time it makes the PDFs the revision was returned,
    reopened, its minutes dropped and another file attached. The letter still lists what
    the 送付 sent."""
    submit_vision(imported, editor)
    vision = attached["vision"]
    revision_return(revision=vision, actor=editor, comment="議事録を差し替えてください")
    revision_reopen(revision=vision, actor=editor)
    vision.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        attachment_remove(attachment=attached["minutes"], actor=editor)
    attach(vision, editor, "差替え.pdf", b"%PDF-1.7\n% new\n%%EOF\n", title="差し替えた議事録")

    make_documents()

    build = DocumentBuild.objects.get(object_id=vision.pk, document="vision")
    text = flat_text(read_frozen(build_documents(build)[Kind.COVER]))
    assert "第12回推進会議議事録" in text
    assert hashlib.sha256(MINUTES).hexdigest() in text
    assert "差し替えた議事録" not in text
    assert not Attachment.objects.filter(pk=attached["minutes"].pk).exists()


def test_the_draft_preview_of_the_cover_letter_lists_the_attachments_of_now(
    imported, editor, attached
):
    text = flat_text(render_document(attached["vision"], Kind.COVER))
    assert "添付ファイル（2件）" in text
    assert hashlib.sha256(MAP).hexdigest() in text
