"""Who sees which attachments (ADR 0118, 0119).

- the region's staff: every attachment of the region's revisions, any state;
- reviewers: every attachment of a revision that has been sent (not a draft), and of a
  draft only what one of its 送付 sent (a returned revision reopened as a draft): never what
  a draft added since, nor the starting copy of a change or an abolition;
- the public: the ``is_public`` ones of a published revision, nothing else.

What a 送付 sent: ``sent_attachments`` (the ``SentAttachment`` rows).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from attachments.models import Attachment, AttachmentEvent, AttachmentKind, SentAttachment
from attachments.targets import (
    attached_to,
    attachment_revision,
    frozen_condition,
    revision_attachments,
)
from declarations.lifecycle import Status
from declarations.models import DeclarationRevision
from projects.models import Project
from visions.models import VisionRevision

__all__ = [
    "attached_to",
    "attachments_as_sent",
    "carried_ids",
    "consultation_record_titles",
    "consultation_recorded",
    "has_consultation_record",
    "public_attachment",
    "public_attachments",
    "reviewer_attachment",
    "reviewer_attachments",
    "reviewer_queryset",
    "sent_attachments",
    "sent_attachments_at",
    "staff_attachment",
    "staff_attachments",
]

REVIEWER_STATUSES = frozenset(
    {Status.SUBMITTED, Status.RETURNED, Status.ACCEPTED, Status.PUBLISHED}
)


def staff_attachments(revision):
    """Every attachment of the revision and its projects, for the region's staff."""
    return revision_attachments(revision).select_related("uploaded_by")


def _sent_ids(revision):
    return SentAttachment.objects.filter(
        content_type=ContentType.objects.get_for_model(revision), object_id=revision.pk
    ).values("attachment_id")


def reviewer_attachments(revision):
    """Every attachment of a sent revision; of a draft, those a 送付 of it sent."""
    if revision.status not in REVIEWER_STATUSES:
        return revision_attachments(revision).filter(pk__in=_sent_ids(revision))
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
    if revision is None:
        return None
    if (
        revision.status in REVIEWER_STATUSES
        or _sent_ids(revision).filter(attachment_id=pk).exists()
    ):
        return attachment
    return None


def public_attachment(slug: str, pk: int) -> Attachment | None:
    attachment = Attachment.objects.filter(region__slug=slug, pk=pk, is_public=True).first()
    if attachment is None:
        return None
    revision = attachment_revision(attachment)
    return attachment if revision is not None and revision.status == Status.PUBLISHED else None


def reviewer_queryset():
    """Every attachment of a sent revision (or of a project of one), and every one a 送付
    sent that a reopened draft still has: the reviewers' list."""
    return Attachment.objects.filter(
        frozen_condition() | Q(pk__in=SentAttachment.objects.values("attachment_id"))
    )


def sent_attachments(revision, submitted_at):
    """What the 送付 of ``revision`` at ``submitted_at`` sent, in the 送付書's order."""
    content_type = ContentType.objects.get_for_model(revision)
    return sent_attachments_at(content_type.pk, revision.pk, submitted_at)


def sent_attachments_at(content_type_id: int, object_id: int, submitted_at):
    """The same, by the revision's content type and pk (a ``documents.DocumentBuild``'s)."""
    return SentAttachment.objects.filter(
        content_type_id=content_type_id, object_id=object_id, submitted_at=submitted_at
    ).order_by("position", "pk")


def attachments_as_sent(revision) -> list[SentAttachment]:
    """The attachments of ``revision`` and its projects as a 送付 lists them (unsaved rows;
    also what a draft's 送付書 preview prints): the revision's own first, then each
    project's in the projects' order."""
    projects = (
        {
            pk: (position, name)
            for pk, position, name in Project.objects.filter(revision=revision).values_list(
                "pk", "position", "name"
            )
        }
        if isinstance(revision, VisionRevision)
        else {}
    )
    project_type = ContentType.objects.get_for_model(Project)

    def order(row):
        if row.content_type_id == project_type.pk:
            position, _name = projects.get(row.object_id, (0, ""))
            return (1, position, row.object_id, row.uploaded_at, row.pk)
        return (0, 0, 0, row.uploaded_at, row.pk)

    rows = sorted(revision_attachments(revision), key=order)
    content_type = ContentType.objects.get_for_model(revision)
    return [
        SentAttachment(
            region_id=row.region_id,
            content_type=content_type,
            object_id=revision.pk,
            submitted_at=revision.submitted_at,
            position=index,
            attachment_id=row.pk,
            project_name=(
                projects.get(row.object_id, (0, ""))[1] or "（名称未記載）"
                if row.content_type_id == project_type.pk
                else ""
            ),
            title=row.title,
            kind=row.kind,
            is_public=row.is_public,
            file=row.file.name,
            original_name=row.original_name,
            media_type=row.media_type,
            size=row.size,
            sha256=row.sha256,
        )
        for index, row in enumerate(rows)
    ]


# ---------------------------------------------------------------- 協議の記録 (ADR 0120)


def _revision_documents() -> dict[int, str]:
    of = ContentType.objects.get_for_model
    return {of(DeclarationRevision).pk: "declaration", of(VisionRevision).pk: "vision"}


def carried_ids():
    """The ids of the attachments that are starting copies carried into a change or an
    abolition (ADR 0119): a carried 協議の記録 records the earlier revision's 協議."""
    return AttachmentEvent.objects.filter(action=AttachmentEvent.Action.CARRIED).values(
        "attachment_id"
    )


def _own_records():
    return Attachment.objects.filter(kind=AttachmentKind.CONSULTATION_RECORD).exclude(
        pk__in=carried_ids()
    )


def consultation_recorded(revisions) -> set[tuple[str, int]]:
    """``(document, pk)`` of each of ``revisions`` (declaration or vision revisions) that has
    an attachment of kind 協議の記録 of its own: not of a project, not carried from the
    revision before (consultation.record). One query for any number of revisions."""
    documents = _revision_documents()
    wanted: dict[int, set[int]] = {}
    for revision in revisions:
        wanted.setdefault(ContentType.objects.get_for_model(revision).pk, set()).add(revision.pk)
    if not wanted:
        return set()
    condition = Q()
    for content_type_id, pks in wanted.items():
        condition |= Q(content_type_id=content_type_id, object_id__in=pks)
    rows = _own_records().filter(condition).values_list("content_type_id", "object_id").distinct()
    return {(documents[content_type_id], pk) for content_type_id, pk in rows}


def has_consultation_record(revision) -> bool:
    return bool(consultation_recorded([revision]))


def consultation_record_titles(revision) -> tuple[str, ...]:
    """The titles of the revision's own 協議の記録 attachments (as ``consultation_recorded``
    counts them), in the order attached: the PDF's 「協議の経過」."""
    own = _own_records().filter(pk__in=attached_to(revision).values("pk"))
    return tuple(own.order_by("uploaded_at", "pk").values_list("title", flat=True))
