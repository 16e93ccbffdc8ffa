"""Attachments of a revision (連携宣言書・連携ビジョンの版) or of a project (ADR 0118).

The file lives in Django's storage (``default_storage``: ``MEDIA_ROOT`` or object storage)
under a name that reveals nothing (``attachments/<yyyy>/<uuid4 hex>``); what people see is
``original_name`` (cleaned), ``media_type`` (told by content, ``filing.evidence``), ``size``
and ``sha256``. Rows are written and removed only by ``attachments.services``, each with an
``AttachmentEvent`` (append-only). An attachment of a revision that is no longer a draft
cannot be saved, changed or deleted (``FrozenAttachmentError``, also in bulk), and what each
送付 sent is kept in ``SentAttachment`` rows (append-only, ADR 0119).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from declarations.lifecycle import EDITABLE_STATUSES, FrozenRevisionError
from declarations.models import AppendOnlyModel, Region


class AttachmentKind(models.TextChoices):
    CONSULTATION_RECORD = "consultation_record", _("協議の記録")
    SIGNED_DECLARATION = "signed_declaration", _("署名済みの宣言書")
    REFERENCE = "reference", _("参考資料")
    OTHER = "other", _("その他")


class FrozenAttachmentError(FrozenRevisionError):
    """An attachment of a sent revision (or of a project of one) was to be saved, changed or
    deleted: it is frozen with its revision (ADR 0119)."""

    def __init__(self, attachment, revision):
        super().__init__(revision)
        self.attachment = attachment
        self.args = (
            f"添付ファイル「{attachment.title}」は {revision} の添付ファイルで、その版は"
            f"「{revision.get_status_display()}」のため変更も削除もできません"
            "（送付した版の添付ファイルは凍結されます）。",
        )


def _frozen_revision(attachment):
    """The revision that freezes ``attachment`` (a non-draft one, read from the database),
    or None when its revision is a draft or its target is gone."""
    from attachments.targets import attachment_revision

    revision = attachment_revision(attachment)
    if revision is None:
        return None
    stored = type(revision).objects.filter(pk=revision.pk).values_list("status", flat=True).first()
    if stored is None or stored in EDITABLE_STATUSES:
        return None
    revision.status = stored  # an object loaded earlier may be stale; the message names this
    return revision


class AttachmentQuerySet(models.QuerySet):
    """Bulk writes refuse the attachments of sent revisions, as ``save``/``delete`` do."""

    def _refuse_frozen(self):
        from attachments.targets import frozen_condition

        frozen = self.filter(frozen_condition()).first()
        if frozen is not None:
            raise FrozenAttachmentError(frozen, _frozen_revision(frozen) or frozen.target)

    def update(self, **kwargs):
        self._refuse_frozen()
        return super().update(**kwargs)

    def delete(self):
        self._refuse_frozen()
        return super().delete()


class Attachment(models.Model):
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="attachments",
        verbose_name=_("広域リージョン"),
    )
    # A DeclarationRevision, a VisionRevision or a Project (reviews.models.Comment's pattern).
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, verbose_name=_("添付先の種類")
    )
    object_id = models.PositiveBigIntegerField(_("添付先のID"))
    target = GenericForeignKey("content_type", "object_id")
    title = models.CharField(_("表題"), max_length=200)
    kind = models.CharField(
        _("種類"), max_length=30, choices=AttachmentKind.choices, default=AttachmentKind.REFERENCE
    )
    is_public = models.BooleanField(
        _("公表"),
        default=False,
        choices=[(True, _("公表する")), (False, _("審査担当だけ"))],
    )
    file = models.FileField(_("ファイル"), max_length=200)
    original_name = models.CharField(_("元のファイル名"), max_length=200)
    media_type = models.CharField(_("形式"), max_length=100)
    size = models.PositiveBigIntegerField(_("大きさ（バイト）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("添付した人"),
    )
    uploaded_at = models.DateTimeField(_("添付日時"), auto_now_add=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("添付ファイル")
        verbose_name_plural = _("添付ファイル")

    def __str__(self):
        return f"{self.title}（{self.original_name}）"

    def save(self, *args, **kwargs):
        self._refuse_if_frozen()
        if not self._state.adding:
            # Nor may a row be moved out of a sent revision.
            stored = type(self).objects.filter(pk=self.pk).first()
            if stored is not None:
                stored._refuse_if_frozen()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_frozen()
        return super().delete(*args, **kwargs)

    def _refuse_if_frozen(self):
        revision = _frozen_revision(self)
        if revision is not None:
            raise FrozenAttachmentError(self, revision)


class AttachmentEvent(AppendOnlyModel):
    """Audit row of ``attachment_add`` / ``attachment_remove``: kept after the file is gone."""

    append_only_label = "添付ファイルの履歴"

    class Action(models.TextChoices):
        ADDED = "added", _("添付")
        REMOVED = "removed", _("削除")
        CARRIED = "carried", _("引継ぎ")  # copied into a change or an abolition (ADR 0119)

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("広域リージョン")
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, verbose_name=_("添付先の種類")
    )
    object_id = models.PositiveBigIntegerField(_("添付先のID"))
    target = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("操作"), max_length=20, choices=Action.choices)
    # No foreign key: the attachment's row is deleted on removal, its event stays.
    attachment_id = models.PositiveBigIntegerField(_("添付ファイルのID"))
    title = models.CharField(_("表題"), max_length=200)
    original_name = models.CharField(_("元のファイル名"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("大きさ（バイト）"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("操作した人"),
    )
    at = models.DateTimeField(_("日時"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("添付ファイルの履歴")
        verbose_name_plural = _("添付ファイルの履歴")

    def __str__(self):
        return f"{self.get_action_display()}: {self.title}"


class SentAttachment(AppendOnlyModel):
    """An attachment as one 送付 sent it (ADR 0119): written with the ``reviews.Submission``
    (``attachments.services.sent_attachments_record``), one row per attachment of the revision
    and its projects, keyed like ``documents.FrozenDocument`` (the revision and its
    ``submitted_at``). The 送付書 and the 受付票 list these, and the stored file they name is
    never deleted, even when a returned and reopened draft drops the attachment. Append-only."""

    append_only_label = "送付した添付ファイルの記録"

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("広域リージョン")
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, verbose_name=_("文書の種類")
    )
    object_id = models.PositiveBigIntegerField(_("版のID"))
    revision = GenericForeignKey("content_type", "object_id")
    submitted_at = models.DateTimeField(_("送付日時"))
    position = models.PositiveIntegerField(_("順番"))
    # No foreign key: the attachment may be removed from a reopened draft, this row stays.
    attachment_id = models.PositiveBigIntegerField(_("添付ファイルのID"))
    project_name = models.CharField(
        _("プロジェクト"), max_length=200, blank=True, help_text=_("空欄は版そのものの添付です。")
    )
    title = models.CharField(_("表題"), max_length=200)
    kind = models.CharField(_("種類"), max_length=30, choices=AttachmentKind.choices)
    is_public = models.BooleanField(_("公表"), default=False)
    file = models.FileField(_("ファイル"), max_length=200)
    original_name = models.CharField(_("元のファイル名"), max_length=200)
    media_type = models.CharField(_("形式"), max_length=100)
    size = models.PositiveBigIntegerField(_("大きさ（バイト）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        ordering = ["submitted_at", "position", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "submitted_at"])]
        verbose_name = _("送付した添付ファイル")
        verbose_name_plural = _("送付した添付ファイル")

    def __str__(self):
        return f"{self.title}（{self.sha256[:12]}…）"
