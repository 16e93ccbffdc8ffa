"""attachments.services: attach and remove, draft only, limits, storage failures."""

import hashlib

import pytest
from django.core.files.storage import FileSystemStorage

from attachments.models import Attachment, AttachmentEvent, AttachmentKind
from attachments.services import AttachmentError, attachment_add, attachment_remove
from declarations.lifecycle import FrozenRevisionError, Status
from declarations.models import AppendOnlyError
from tests.attachments.conftest import PDF, stored_files, upload
from tests.factories import (
    DeclarationRevisionFactory,
    ProjectFactory,
    UserFactory,
    VisionRevisionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory(username="editor")


@pytest.fixture
def revision():
    return DeclarationRevisionFactory()


def freeze(revision, status=Status.SUBMITTED):
    type(revision).objects.filter(pk=revision.pk).update(status=status)
    revision.refresh_from_db()
    return revision


def test_attach_stores_under_a_name_that_reveals_nothing(revision, user, _media):
    attachment = attachment_add(
        target=revision,
        upload=upload("setouchi 協議の記録.pdf"),
        actor=user,
        title="第3回 協議会 議事録",
        kind=AttachmentKind.CONSULTATION_RECORD,
        is_public=True,
    )
    attachment.refresh_from_db()
    assert attachment.region == revision.region
    assert attachment.target == revision
    assert attachment.original_name == "setouchi 協議の記録.pdf"
    assert attachment.media_type == "application/pdf"
    assert attachment.size == len(PDF)
    assert attachment.sha256 == hashlib.sha256(PDF).hexdigest()
    name = attachment.file.name
    assert name.startswith("attachments/")
    assert "setouchi" not in name and "pdf" not in name and "協議" not in name
    assert len(name.rsplit("/", 1)[-1]) == 32
    with attachment.file.open("rb") as handle:
        assert handle.read() == PDF
    event = AttachmentEvent.objects.get()
    assert (event.action, event.attachment_id, event.actor) == ("added", attachment.pk, user)
    assert event.sha256 == attachment.sha256


def test_title_defaults_to_the_file_stem(revision, user):
    attachment = attachment_add(target=revision, upload=upload("地図.pdf"), actor=user)
    assert attachment.title == "地図"


def test_project_and_vision_take_attachments(user):
    project = ProjectFactory()
    on_project = attachment_add(target=project, upload=upload(), actor=user)
    on_vision = attachment_add(target=project.revision, upload=upload(), actor=user)
    assert on_project.target == project
    assert on_project.region == project.revision.region
    assert on_vision.target == project.revision


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.ACCEPTED, Status.PUBLISHED])
def test_only_a_draft_takes_an_attachment(revision, user, status, _media):
    freeze(revision, status)
    with pytest.raises(FrozenRevisionError):
        attachment_add(target=revision, upload=upload(), actor=user)
    assert not Attachment.objects.exists()
    assert stored_files(_media) == []


def test_a_frozen_projects_revision_decides(user):
    project = ProjectFactory()
    freeze(project.revision)
    with pytest.raises(FrozenRevisionError):
        attachment_add(target=project, upload=upload(), actor=user)


def test_a_renamed_executable_is_refused_naming_the_file(revision, user, _media):
    with pytest.raises(AttachmentError, match=r"「setup\.pdf」"):
        attachment_add(target=revision, upload=upload("setup.pdf", b"MZ\x90\x00" * 8), actor=user)
    assert not Attachment.objects.exists()
    assert stored_files(_media) == []


def test_a_bad_name_is_refused(revision, user):
    with pytest.raises(AttachmentError, match="制御文字"):
        attachment_add(target=revision, upload=upload("a\x07b.pdf"), actor=user)


def test_the_file_limit(revision, user, settings, _media):
    settings.ATTACHMENT_MAX_BYTES = len(PDF) - 1
    with pytest.raises(AttachmentError, match="大きすぎます"):
        attachment_add(target=revision, upload=upload(), actor=user)
    settings.ATTACHMENT_MAX_BYTES = len(PDF)
    attachment_add(target=revision, upload=upload(), actor=user)


def test_the_revision_limit_counts_its_projects(user, settings, _media):
    project = ProjectFactory()
    settings.ATTACHMENT_MAX_REVISION_BYTES = 2 * len(PDF)
    attachment_add(target=project.revision, upload=upload(), actor=user)
    attachment_add(target=project, upload=upload(), actor=user)
    with pytest.raises(AttachmentError, match="合計が上限"):
        attachment_add(target=project.revision, upload=upload("三つ目.pdf"), actor=user)
    assert Attachment.objects.count() == 2
    assert len(stored_files(_media)) == 2
    # Another revision has its own total.
    attachment_add(target=VisionRevisionFactory(), upload=upload(), actor=user)


class BreaksMidWrite(FileSystemStorage):
    """A real file system storage that writes half of the file, then fails."""

    def _save(self, name, content):
        path = self.path(name)
        import os

        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = content.read()
        with open(path, "wb") as handle:
            handle.write(data[: len(data) // 2])
        raise OSError("disk full")


def test_a_storage_failure_leaves_no_row_and_no_orphan(revision, user, settings, _media):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": f"{__name__}.BreaksMidWrite"},
    }
    with pytest.raises(OSError, match="disk full"):
        attachment_add(target=revision, upload=upload(), actor=user)
    assert not Attachment.objects.exists()
    assert not AttachmentEvent.objects.exists()
    assert stored_files(_media) == []


def test_a_row_that_cannot_be_written_deletes_the_stored_file(revision, _media):
    unsaved = UserFactory.build(username="ghost")
    with pytest.raises(ValueError):
        attachment_add(target=revision, upload=upload(), actor=unsaved)
    assert not Attachment.objects.exists()
    assert stored_files(_media) == []


def test_remove_deletes_row_and_file_and_keeps_the_event(
    revision, user, _media, django_capture_on_commit_callbacks
):
    attachment = attachment_add(target=revision, upload=upload(), actor=user)
    assert len(stored_files(_media)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        attachment_remove(attachment=attachment, actor=user)
    assert not Attachment.objects.exists()
    assert stored_files(_media) == []
    assert list(AttachmentEvent.objects.values_list("action", flat=True)) == ["added", "removed"]


def test_remove_only_from_a_draft(revision, user, _media):
    attachment = attachment_add(target=revision, upload=upload(), actor=user)
    freeze(revision)
    with pytest.raises(FrozenRevisionError):
        attachment_remove(attachment=attachment, actor=user)
    assert Attachment.objects.count() == 1
    assert len(stored_files(_media)) == 1


def test_events_are_append_only(revision, user):
    attachment_add(target=revision, upload=upload(), actor=user)
    with pytest.raises(AppendOnlyError):
        AttachmentEvent.objects.update(title="x")
    with pytest.raises(AppendOnlyError):
        AttachmentEvent.objects.get().delete()
