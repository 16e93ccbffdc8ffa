"""attachments.models: an attachment is frozen with its revision, also at the model level
(ADR 0119), and what a 送付 sent (SentAttachment) is append-only."""

import pytest
from django.utils import timezone

from attachments.models import Attachment, FrozenAttachmentError, SentAttachment
from attachments.services import attachment_add, sent_attachments_record
from declarations.lifecycle import FrozenRevisionError, Status
from declarations.models import AppendOnlyError
from tests.attachments.conftest import upload
from tests.factories import DeclarationRevisionFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


def move(revision, status):
    type(revision).objects.filter(pk=revision.pk).update(status=status, submitted_at=timezone.now())
    revision.refresh_from_db()
    return revision


@pytest.fixture
def user():
    return UserFactory(username="editor")


@pytest.mark.parametrize(
    "status", [Status.SUBMITTED, Status.RETURNED, Status.ACCEPTED, Status.PUBLISHED]
)
def test_an_attachment_of_a_sent_revision_can_be_neither_saved_nor_deleted(user, status):
    revision = DeclarationRevisionFactory()
    attachment = attachment_add(target=revision, upload=upload(), actor=user, title="議事録")
    move(revision, status)

    attachment.title = "書き換えた表題"
    with pytest.raises(FrozenAttachmentError, match="変更も削除もできません") as refused:
        attachment.save()
    assert f"「{status.label}」" in str(refused.value)
    with pytest.raises(FrozenAttachmentError):
        attachment.delete()
    with pytest.raises(FrozenAttachmentError):
        Attachment.objects.filter(pk=attachment.pk).update(title="x")
    with pytest.raises(FrozenAttachmentError):
        Attachment.objects.all().delete()
    attachment.refresh_from_db()
    assert attachment.title == "議事録"
    # It is a FrozenRevisionError, which the views already turn into a message.
    assert issubclass(FrozenAttachmentError, FrozenRevisionError)


def test_a_projects_attachment_is_frozen_with_the_vision(user):
    project = ProjectFactory()
    attachment = attachment_add(target=project, upload=upload(), actor=user)
    move(project.revision, Status.SUBMITTED)
    with pytest.raises(FrozenAttachmentError):
        attachment.delete()
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_no_row_is_moved_out_of_or_into_a_sent_revision(user):
    sent = DeclarationRevisionFactory()
    draft = DeclarationRevisionFactory()
    frozen = attachment_add(target=sent, upload=upload(), actor=user)
    loose = attachment_add(target=draft, upload=upload(), actor=user)
    move(sent, Status.SUBMITTED)
    frozen.object_id = draft.pk
    with pytest.raises(FrozenAttachmentError):
        frozen.save()
    loose.object_id = sent.pk
    with pytest.raises(FrozenAttachmentError):
        loose.save()


def test_an_attachment_of_a_draft_may_change(user):
    revision = DeclarationRevisionFactory()
    attachment = attachment_add(target=revision, upload=upload(), actor=user)
    attachment.title = "新しい表題"
    attachment.save()
    Attachment.objects.filter(pk=attachment.pk).update(is_public=True)
    attachment.refresh_from_db()
    assert (attachment.title, attachment.is_public) == ("新しい表題", True)


def test_what_a_submission_sent_is_append_only(user):
    revision = DeclarationRevisionFactory()
    attachment_add(target=revision, upload=upload(), actor=user)
    move(revision, Status.SUBMITTED)
    [row] = sent_attachments_record(revision=revision)
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        SentAttachment.objects.update(title="x")
    with pytest.raises(AppendOnlyError):
        SentAttachment.objects.all().delete()
