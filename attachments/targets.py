"""What an attachment hangs on: a DeclarationRevision, a VisionRevision or a Project, and
the revision that decides for it (a project's vision revision)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from attachments.models import Attachment
from declarations.lifecycle import EDITABLE_STATUSES
from declarations.models import DeclarationRevision
from projects.models import Project
from visions.models import VisionRevision

TARGET_MODELS = (DeclarationRevision, VisionRevision, Project)


def owning_revision(target):
    """The revision whose state decides for ``target``."""
    if isinstance(target, Project):
        return target.revision
    if isinstance(target, (DeclarationRevision, VisionRevision)):
        return target
    raise TypeError(f"attachments hang on a revision or a project, not {type(target)!r}")


def attached_to(target):
    """The attachments of ``target`` itself."""
    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    )


def revision_attachments(revision):
    """The attachments of ``revision`` and, for a vision, of its projects."""
    condition = Q(content_type=ContentType.objects.get_for_model(revision), object_id=revision.pk)
    if isinstance(revision, VisionRevision):
        condition |= Q(
            content_type=ContentType.objects.get_for_model(Project),
            object_id__in=Project.objects.filter(revision=revision).values("pk"),
        )
    return Attachment.objects.filter(condition)


def attachment_revision(attachment: Attachment):
    """The revision that decides for ``attachment`` (None if its target is gone)."""
    target = attachment.target
    return None if target is None else owning_revision(target)


def frozen_condition() -> Q:
    """The attachments of a revision that has left draft (sent, returned, accepted,
    published), or of a project of one: the frozen ones, and what reviewers see."""
    of = ContentType.objects.get_for_model
    frozen = {"status__in": EDITABLE_STATUSES}
    return (
        Q(
            content_type=of(DeclarationRevision),
            object_id__in=DeclarationRevision.objects.exclude(**frozen).values("pk"),
        )
        | Q(
            content_type=of(VisionRevision),
            object_id__in=VisionRevision.objects.exclude(**frozen).values("pk"),
        )
        | Q(
            content_type=of(Project),
            object_id__in=Project.objects.exclude(revision__status__in=EDITABLE_STATUSES).values(
                "pk"
            ),
        )
    )
