"""Attachments of a revision (連携宣言書・連携ビジョンの版) or of a project (ADR 0118).

The file lives in Django's storage (``default_storage``: ``MEDIA_ROOT`` or object storage)
under a name that reveals nothing (``attachments/<yyyy>/<uuid4 hex>``); what people see is
``original_name`` (cleaned), ``media_type`` (told by content, ``filing.evidence``), ``size``
and ``sha256``. Rows are written and removed only by ``attachments.services``, each with an
``AttachmentEvent`` (append-only).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from declarations.models import AppendOnlyQuerySet, Region


class AttachmentKind(models.TextChoices):
    CONSULTATION_RECORD = "consultation_record", _("協議の記録")
    SIGNED_DECLARATION = "signed_declaration", _("署名済みの宣言書")
    REFERENCE = "reference", _("参考資料")
    OTHER = "other", _("その他")


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

    class Meta:
        ordering = ["uploaded_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("添付ファイル")
        verbose_name_plural = _("添付ファイル")

    def __str__(self):
        return f"{self.title}（{self.original_name}）"


class AttachmentEvent(models.Model):
    """Audit row of ``attachment_add`` / ``attachment_remove``: kept after the file is gone."""

    class Action(models.TextChoices):
        ADDED = "added", _("添付")
        REMOVED = "removed", _("削除")

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

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("添付ファイルの履歴")
        verbose_name_plural = _("添付ファイルの履歴")

    def __str__(self):
        return f"{self.get_action_display()}: {self.title}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            from declarations.models import AppendOnlyError

            raise AppendOnlyError("添付ファイルの履歴は書き換えられません。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        from declarations.models import AppendOnlyError

        raise AppendOnlyError("添付ファイルの履歴は削除できません。")
