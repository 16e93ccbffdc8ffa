"""Who sees which attachments (ADR 0118).

- the region's staff: every attachment of the region's revisions, any state;
- reviewers: every attachment of a revision that has been sent (not a draft);
- the public: the ``is_public`` ones of a published revision, nothing else.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from attachments.models import Attachment
from attachments.targets import attached_to, attachment_revision, revision_attachments
from declarations.lifecycle import Status
from declarations.models import DeclarationRevision
from projects.models import Project
from visions.models import VisionRevision

__all__ = [
    "attached_to",
    "public_attachment",
    "public_attachments",
    "reviewer_attachment",
    "reviewer_attachments",
    "reviewer_queryset",
    "staff_attachment",
    "staff_attachments",
]

REVIEWER_STATUSES = frozenset(
    {Status.SUBMITTED, Status.RETURNED, Status.ACCEPTED, Status.PUBLISHED}
)


def staff_attachments(revision):
    """Every attachment of the revision and its projects, for the region's staff."""
    return revision_attachments(revision).select_related("uploaded_by")


def reviewer_attachments(revision):
    if revision.status not in REVIEWER_STATUSES:
        return Attachment.objects.none()
    return revision_attachments(revision)


def public_attachments(revision):
    """The published attachments of a published revision (none of any other)."""
    if revision.status != Status.PUBLISHED:
        return Attachment.objects.none()
    return revision_attachments(revision).filter(is_public=True)


def staff_attachment(region, pk: int) -> Attachment | None:
    return Attachment.objects.filter(region=region, pk=pk).first()


def reviewer_attachment(pk: int) -> Attachment | None:
    attachment = Attachment.objects.filter(pk=pk).first()
    if attachment is None:
        return None
    revision = attachment_revision(attachment)
    return attachment if revision is not None and revision.status in REVIEWER_STATUSES else None


def public_attachment(slug: str, pk: int) -> Attachment | None:
    attachment = Attachment.objects.filter(region__slug=slug, pk=pk, is_public=True).first()
    if attachment is None:
        return None
    revision = attachment_revision(attachment)
    return attachment if revision is not None and revision.status == Status.PUBLISHED else None


def reviewer_queryset():
    """Every attachment of a sent revision (or of a project of one): the reviewers' list."""
    sent = {"status__in": REVIEWER_STATUSES}
    of = ContentType.objects.get_for_model
    return Attachment.objects.filter(
        Q(
            content_type=of(DeclarationRevision),
            object_id__in=DeclarationRevision.objects.filter(**sent).values("pk"),
        )
        | Q(
            content_type=of(VisionRevision),
            object_id__in=VisionRevision.objects.filter(**sent).values("pk"),
        )
        | Q(
            content_type=of(Project),
            object_id__in=Project.objects.filter(revision__status__in=REVIEWER_STATUSES).values(
                "pk"
            ),
        )
    )
