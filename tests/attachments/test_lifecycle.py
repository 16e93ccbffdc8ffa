"""Attachments through a revision's life (ADR 0119): recorded at 送付, seen by reviewers as
sent (also once a returned revision is reopened), carried into a change or an abolition as a
starting copy that shares the stored file, and dropped with a project deleted from a draft."""

import pytest

from attachments.models import Attachment, AttachmentEvent, SentAttachment
from attachments.selectors import (
    public_attachments,
    reviewer_attachment,
    reviewer_attachments,
    reviewer_queryset,
    sent_attachments,
)
from attachments.services import attachment_add, attachment_remove
from declarations.lifecycle import Kind
from filing.bundle import read_bundle_file
from tests.attachments.conftest import stored_files, upload
from tests.factories import UserFactory
from tests.staff_helpers import BUNDLES
from workflow.adapter import filing_import
from workflow.drafts import project_delete
from workflow.revisions import revision_start_abolition, revision_start_change
from workflow.verbs import revision_accept, revision_reopen, revision_return, revision_submit

pytestmark = pytest.mark.django_db

MINUTES = b"%PDF-1.7\n% minutes of the members' meeting\n%%EOF\n"
MAP = b"%PDF-1.7\n% a map of the project\n%%EOF\n"


@pytest.fixture
def actor():
    return UserFactory(username="editor")


@pytest.fixture
def imported():
    return filing_import(read_bundle_file(BUNDLES / "valid_region.json"), slug="s")


@pytest.fixture
def attached(imported, actor):
    vision = imported.vision_revision
    project = vision.projects.order_by("position").first()
    return {
        "minutes": attachment_add(
            target=vision,
            upload=upload("議事録.pdf", MINUTES),
            actor=actor,
            title="協議会 議事録",
            kind="consultation_record",
            is_public=True,
        ),
        "map": attachment_add(
            target=project, upload=upload("地図.pdf", MAP), actor=actor, title="事業の地図"
        ),
        "project": project,
    }


def publish_both(imported, actor):
    for revision in (imported.declaration_revision, imported.vision_revision):
        revision_submit(revision=revision, actor=actor)
        revision_accept(revision=revision, actor=actor)
        revision.refresh_from_db()


def test_a_submission_records_what_it_sent_in_order(imported, actor, attached):
    vision = imported.vision_revision
    revision_submit(revision=vision, actor=actor)
    vision.refresh_from_db()

    sent = list(sent_attachments(vision, vision.submitted_at))
    assert [(row.title, row.project_name, row.kind, row.sha256) for row in sent] == [
        ("協議会 議事録", "", "consultation_record", attached["minutes"].sha256),
        ("事業の地図", attached["project"].name, "reference", attached["map"].sha256),
    ]
    assert [row.attachment_id for row in sent] == [attached["minutes"].pk, attached["map"].pk]
    assert sent[0].file.name == attached["minutes"].file.name


def test_reviewers_keep_what_was_sent_once_the_revision_is_reopened(
    imported, actor, attached, _media, django_capture_on_commit_callbacks
):
    vision = imported.vision_revision
    revision_submit(revision=vision, actor=actor)
    revision_return(revision=vision, actor=actor, comment="議事録を差し替えてください")
    revision_reopen(revision=vision, actor=actor)
    vision.refresh_from_db()
    added = attachment_add(target=vision, upload=upload("追加.pdf"), actor=actor, title="追加")

    # What was sent stays in sight, what the draft added since does not (ADR 0119).
    assert set(reviewer_attachments(vision)) == {attached["minutes"], attached["map"]}
    assert reviewer_attachment(attached["minutes"].pk) == attached["minutes"]
    assert reviewer_attachment(added.pk) is None
    assert added not in reviewer_queryset()
    assert attached["minutes"] in reviewer_queryset()

    # The editor drops the sent minutes from the draft: the stored file stays, because
    # the 送付 still names it (its 送付書 and 受付票 list its hash).
    with django_capture_on_commit_callbacks(execute=True):
        attachment_remove(attachment=attached["minutes"], actor=actor)
    assert (_media / attached["minutes"].file.name).exists()
    sent = SentAttachment.objects.get(attachment_id=attached["minutes"].pk)
    with sent.file.open("rb") as handle:
        assert handle.read() == MINUTES


def test_a_reopened_draft_without_a_record_of_its_sending_shows_reviewers_nothing(
    imported, actor, attached
):
    """What reviewers saw of every reopened draft before ADR 0119, and still see of one sent
    before it (no SentAttachment rows): nothing, as of any draft."""
    from declarations.lifecycle import Status

    vision = imported.vision_revision
    for status in (Status.SUBMITTED, Status.RETURNED):
        type(vision).objects.filter(pk=vision.pk).update(status=status)
        vision.refresh_from_db()
        assert set(reviewer_attachments(vision)) == {attached["minutes"], attached["map"]}
    type(vision).objects.filter(pk=vision.pk).update(status=Status.DRAFT)
    vision.refresh_from_db()
    assert list(reviewer_attachments(vision)) == []
    assert reviewer_attachment(attached["minutes"].pk) is None


def test_a_change_starts_with_a_copy_of_the_attachments_sharing_the_files(
    imported, actor, attached, _media
):
    publish_both(imported, actor)
    files_before = stored_files(_media)

    change = revision_start_change(document="vision", region=imported.region, actor=actor)

    copies = {
        row.title: row
        for row in Attachment.objects.exclude(pk__in=[attached["minutes"].pk, attached["map"].pk])
    }
    assert set(copies) == {"協議会 議事録", "事業の地図"}
    minutes, map_ = copies["協議会 議事録"], copies["事業の地図"]
    assert minutes.target == change
    assert map_.target.revision == change and map_.target.name == attached["project"].name
    for copy, original in ((minutes, attached["minutes"]), (map_, attached["map"])):
        assert (copy.file.name, copy.sha256, copy.size, copy.kind, copy.is_public) == (
            original.file.name,
            original.sha256,
            original.size,
            original.kind,
            original.is_public,
        )
    assert stored_files(_media) == files_before, "shared, not copied"
    carried = AttachmentEvent.objects.filter(action="carried")
    assert sorted(carried.values_list("attachment_id", flat=True)) == sorted([minutes.pk, map_.pk])
    assert {event.actor for event in carried} == {actor}


def test_the_editor_drops_a_carried_copy_without_touching_the_published_file(
    imported, actor, attached, _media, django_capture_on_commit_callbacks
):
    publish_both(imported, actor)
    change = revision_start_change(document="vision", region=imported.region, actor=actor)
    copy = Attachment.objects.get(content_type__model="visionrevision", object_id=change.pk)

    with django_capture_on_commit_callbacks(execute=True):
        attachment_remove(attachment=copy, actor=actor)

    assert not Attachment.objects.filter(pk=copy.pk).exists()
    with attached["minutes"].file.open("rb") as handle:
        assert handle.read() == MINUTES
    assert list(public_attachments(imported.vision_revision)) == [attached["minutes"]]


def test_reviewers_see_the_published_attachments_but_not_the_change_drafts_copies(
    imported, actor, attached
):
    publish_both(imported, actor)
    change = revision_start_change(document="vision", region=imported.region, actor=actor)
    copies = set(Attachment.objects.exclude(pk__in=[attached["minutes"].pk, attached["map"].pk]))
    assert len(copies) == 2

    assert list(reviewer_attachments(change)) == []
    assert all(reviewer_attachment(copy.pk) is None for copy in copies)
    assert set(reviewer_queryset()) == {attached["minutes"], attached["map"]}
    assert set(reviewer_attachments(imported.vision_revision)) == {
        attached["minutes"],
        attached["map"],
    }


def test_an_abolition_carries_the_attachments_too(imported, actor, attached):
    publish_both(imported, actor)
    abolition = revision_start_abolition(
        document="vision", region=imported.region, actor=actor, reason="目的を達成したため"
    )
    assert abolition.kind == Kind.ABOLISHED
    assert Attachment.objects.filter(object_id=abolition.pk, content_type__model="visionrevision")
    assert AttachmentEvent.objects.filter(action="carried").count() == 2


def test_deleting_a_project_from_a_draft_removes_its_attachments(
    imported, actor, attached, _media, django_capture_on_commit_callbacks
):
    project = attached["project"]
    vision = imported.vision_revision
    vision.refresh_from_db()
    name = attached["map"].file.name

    with django_capture_on_commit_callbacks(execute=True):
        project_delete(project=project, version=vision.version, actor=actor)

    assert not Attachment.objects.filter(pk=attached["map"].pk).exists()
    assert Attachment.objects.filter(pk=attached["minutes"].pk).exists()
    assert not (_media / name).exists()
    event = AttachmentEvent.objects.filter(action="removed").get()
    assert (event.attachment_id, event.actor) == (attached["map"].pk, actor)


def test_a_stale_project_deletion_keeps_the_project_and_its_attachments(
    imported, actor, attached, _media, django_capture_on_commit_callbacks
):
    from declarations.services import DraftConflict

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(DraftConflict):
            project_delete(project=attached["project"], version=0, actor=actor)

    assert Attachment.objects.filter(pk=attached["map"].pk).exists()
    assert (_media / attached["map"].file.name).exists()
    assert not AttachmentEvent.objects.filter(action="removed").exists()


def test_a_declaration_change_carries_the_declarations_attachments(imported, actor):
    signed = attachment_add(
        target=imported.declaration_revision,
        upload=upload("宣言書.pdf"),
        actor=actor,
        kind="signed_declaration",
        is_public=True,
    )
    publish_both(imported, actor)

    change = revision_start_change(document="declaration", region=imported.region, actor=actor)

    copy = Attachment.objects.exclude(pk=signed.pk).get()
    assert copy.target == change
    assert (copy.kind, copy.is_public, copy.file.name) == (
        "signed_declaration",
        True,
        signed.file.name,
    )
    assert list(public_attachments(imported.declaration_revision)) == [signed]
    assert list(public_attachments(change)) == []
