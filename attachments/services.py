"""Write use cases of attachments (ADR 0118): one verb each, each with an AttachmentEvent.

Only a draft revision takes or loses an attachment (a project's revision decides for the
project; ``declarations.lifecycle``). The file is checked by its content
(``filing.evidence.attachment_kind``), written to storage first and the row after it, in
one transaction: when the row cannot be written the stored file is deleted again, and a
storage failure leaves no row (and, best effort, nothing of the partial file).

ADR 0119: a 送付 records what it sent (``sent_attachments_record``, ``SentAttachment``); a
change or an abolition starts with a copy of the published revision's attachments
(``attachments_carry``: new rows that share the stored file); deleting a project from a draft
removes its attachments (``project_attachments_remove``). A stored file is deleted only after
the commit and only when no attachment and no 送付 names it any more (``_release``).
"""

import hashlib
import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from attachments.models import Attachment, AttachmentEvent, AttachmentKind, SentAttachment
from attachments.selectors import attachments_as_sent
from attachments.targets import attached_to, owning_revision, revision_attachments
from filing.evidence import ATTACHMENT_LABELS, AttachmentRefused, attachment_kind
from filing.evidence import clean_attachment_name as clean_name
from projects.models import Project

TITLE_MAX = 200


class AttachmentError(ValueError):
    """An attachment refused: the message names the file and says why."""


def _shown(name: str) -> str:
    """The file's name as a message may quote it (no control characters, not too long)."""
    text = "".join(c if c.isprintable() else "?" for c in (name or ""))
    return text[:100] or "（名前なし）"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def _storage():
    return Attachment._meta.get_field("file").storage


def storage_name() -> str:
    """``attachments/<yyyy>/<uuid4 hex>``: nothing of the region, the file or its name."""
    return f"attachments/{timezone.now():%Y}/{uuid.uuid4().hex}"


def _read(upload, name: str) -> bytes:
    limit = settings.ATTACHMENT_MAX_BYTES
    if getattr(upload, "size", None) is not None and upload.size > limit:
        raise AttachmentError(f"「{name}」は大きすぎます（1 ファイル {_megabytes(limit)} まで）。")
    if hasattr(upload, "seek"):
        upload.seek(0)
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise AttachmentError(f"「{name}」は大きすぎます（1 ファイル {_megabytes(limit)} まで）。")
    return content


def _event(attachment: Attachment, action: str, actor) -> AttachmentEvent:
    return AttachmentEvent.objects.create(
        region_id=attachment.region_id,
        content_type_id=attachment.content_type_id,
        object_id=attachment.object_id,
        action=action,
        attachment_id=attachment.pk,
        title=attachment.title,
        original_name=attachment.original_name,
        sha256=attachment.sha256,
        size=attachment.size,
        actor=actor,
    )


def attachment_add(
    *,
    target,
    upload,
    actor,
    title: str = "",
    kind: str = AttachmentKind.REFERENCE,
    is_public: bool = False,
) -> Attachment:
    """Attach ``upload`` (an UploadedFile, or any file object with ``name``) to ``target``,
    a DeclarationRevision, a VisionRevision or a Project, whose revision is a draft.

    Raises ``AttachmentError`` (the message names the file), or ``FrozenRevisionError``.
    """
    revision = owning_revision(target)
    revision.assert_editable()
    given = getattr(upload, "name", "") or ""
    try:
        name = clean_name(given)
    except AttachmentRefused as error:
        raise AttachmentError(f"「{_shown(given)}」は添付できません: {error}") from error
    if kind not in AttachmentKind.values:
        raise AttachmentError(f"「{name}」: 種類を選んでください。")
    content = _read(upload, name)
    try:
        detected = attachment_kind(content)
    except AttachmentRefused as error:
        raise AttachmentError(
            f"「{name}」は添付できません: {error}（添付できる形式は {ATTACHMENT_LABELS}）"
        ) from error
    title = " ".join((title or "").split())[:TITLE_MAX] or name.rsplit(".", 1)[0][:TITLE_MAX]
    storage = _storage()
    requested = storage_name()
    stored = None
    try:
        with transaction.atomic():
            # Lock the revision: two uploads at once cannot both pass the total limit, and
            # a submission waits for the upload (or the upload sees the frozen revision).
            locked = type(revision).objects.select_for_update().get(pk=revision.pk)
            locked.assert_editable()
            used = sum(revision_attachments(locked).values_list("size", flat=True))
            limit = settings.ATTACHMENT_MAX_REVISION_BYTES
            if used + len(content) > limit:
                raise AttachmentError(
                    f"「{name}」を添付すると、この版の添付ファイルの合計が上限"
                    f"（{_megabytes(limit)}）を超えます。"
                )
            try:
                stored = storage.save(requested, ContentFile(content))
            except Exception:
                stored = requested  # a partial file may be left under the asked name
                raise
            attachment = Attachment(
                region=revision.region,
                content_type=ContentType.objects.get_for_model(target),
                object_id=target.pk,
                title=title,
                kind=kind,
                is_public=bool(is_public),
                original_name=name,
                media_type=detected.content_type,
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                uploaded_by=actor,
            )
            attachment.file.name = stored
            attachment.save()
            _event(attachment, AttachmentEvent.Action.ADDED, actor)
    except BaseException:
        if stored is not None:
            _delete_quietly(storage, stored)
        raise
    return attachment


def _delete_quietly(storage, name: str) -> None:
    try:
        storage.delete(name)
    except Exception:
        pass


def _release(name: str) -> None:
    """Delete the stored file ``name`` once the transaction has committed, unless another
    attachment (a carried copy, or the row it was carried from) or a 送付 still names it."""
    storage = _storage()

    def release():
        if Attachment.objects.filter(file=name).exists():
            return
        if SentAttachment.objects.filter(file=name).exists():
            return
        _delete_quietly(storage, name)

    transaction.on_commit(release)


def _drop(attachment: Attachment, actor) -> AttachmentEvent:
    event = _event(attachment, AttachmentEvent.Action.REMOVED, actor)
    Attachment.objects.filter(pk=attachment.pk).delete()
    _release(attachment.file.name)
    return event


@transaction.atomic
def attachment_remove(*, attachment: Attachment, actor) -> AttachmentEvent:
    """Remove an attachment of a draft: the row goes (its event stays), and the stored file
    once the transaction has committed (a rollback keeps both) if nothing else names it."""
    revision = owning_revision(attachment.target)
    type(revision).objects.select_for_update().get(pk=revision.pk).assert_editable()
    return _drop(attachment, actor)


@transaction.atomic
def project_attachments_remove(*, project: Project, actor) -> list[AttachmentEvent]:
    """Remove every attachment of ``project`` (of a draft), with an event each: what deleting
    the project from its draft does first (``workflow.drafts.project_delete``)."""
    revision = project.revision
    type(revision).objects.select_for_update().get(pk=revision.pk).assert_editable()
    return [_drop(attachment, actor) for attachment in attached_to(project).order_by("pk")]


def sent_attachments_record(*, revision) -> list[SentAttachment]:
    """Record what the 送付 that just moved ``revision`` to submitted (its ``submitted_at``)
    sends with it: called by ``reviews.services.submission_record`` in the same transaction.
    From then on the rows are frozen with the revision, and their files are kept for good."""
    return SentAttachment.objects.bulk_create(attachments_as_sent(revision))


@transaction.atomic
def attachments_carry(*, base, revision, projects: dict[int, Project], actor) -> list:
    """The starting copy of a change or an abolition (``workflow.revisions``): every
    attachment of the published ``base`` and of its projects on the new draft ``revision``
    and on its copies of those projects (``projects`` maps a base project's pk to its copy).
    The copy shares the stored file (same name, content, size and SHA-256); each gets a
    「引継ぎ」 event. The editor keeps or drops each one (``attachment_remove``): dropping a
    copy never deletes the file of the row it came from (``_release``)."""
    revision.assert_editable()
    project_type = ContentType.objects.get_for_model(Project)
    revision_type = ContentType.objects.get_for_model(revision)
    carried = []
    for row in revision_attachments(base).order_by("uploaded_at", "pk"):
        if row.content_type_id == project_type.pk:
            target = projects.get(row.object_id)
            if target is None:
                continue
            content_type, object_id = project_type, target.pk
        else:
            content_type, object_id = revision_type, revision.pk
        copy = Attachment(
            region_id=row.region_id,
            content_type=content_type,
            object_id=object_id,
            title=row.title,
            kind=row.kind,
            is_public=row.is_public,
            original_name=row.original_name,
            media_type=row.media_type,
            size=row.size,
            sha256=row.sha256,
            uploaded_by_id=row.uploaded_by_id,
        )
        copy.file.name = row.file.name
        copy.save()
        _event(copy, AttachmentEvent.Action.CARRIED, actor)
        carried.append(copy)
    return carried
