"""Write use cases of attachments (ADR 0118): one verb each, each with an AttachmentEvent.

Only a draft revision takes or loses an attachment (a project's revision decides for the
project; ``declarations.lifecycle``). The file is checked by its content
(``filing.evidence.attachment_kind``), written to storage first and the row after it, in
one transaction: when the row cannot be written the stored file is deleted again, and a
storage failure leaves no row (and, best effort, nothing of the partial file).
"""

import hashlib
import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from attachments.models import Attachment, AttachmentEvent, AttachmentKind
from attachments.targets import owning_revision, revision_attachments
from filing.evidence import ATTACHMENT_LABELS, AttachmentRefused, attachment_kind
from filing.evidence import clean_attachment_name as clean_name

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
        region=attachment.region,
        content_type=attachment.content_type,
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


@transaction.atomic
def attachment_remove(*, attachment: Attachment, actor) -> AttachmentEvent:
    """Remove an attachment of a draft: the row goes (its event stays), and the stored file
    once the transaction has committed (a rollback keeps both)."""
    revision = owning_revision(attachment.target)
    type(revision).objects.select_for_update().get(pk=revision.pk).assert_editable()
    event = _event(attachment, AttachmentEvent.Action.REMOVED, actor)
    name = attachment.file.name
    storage = _storage()
    Attachment.objects.filter(pk=attachment.pk).delete()
    transaction.on_commit(lambda: _delete_quietly(storage, name))
    return event
