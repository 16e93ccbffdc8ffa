from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from declarations.models import Region


class Document(models.TextChoices):
    """Which document a revision is: the model it belongs to."""

    DECLARATION = "declaration", _("連携宣言書")
    VISION = "vision", _("連携ビジョン")


class Kind(models.TextChoices):
    """The two PDFs made for every submitted revision."""

    DOCUMENT = "document", _("文書")
    COVER = "cover", _("送付書")


class FrozenDocumentError(Exception):
    """A frozen PDF (the copy the ministry received) was to be changed or deleted."""


class FrozenDocumentQuerySet(models.QuerySet):
    """A frozen PDF is the copy the ministry received: written once, never changed or deleted."""

    def update(self, **kwargs):
        raise FrozenDocumentError("送付した文書の PDF は書き換えられません。")

    def delete(self):
        raise FrozenDocumentError("送付した文書の PDF は削除できません。")


class FrozenDocument(models.Model):
    """The PDF of a submitted revision (or its cover letter), made once at each submission.

    The bytes live in Django's default storage (``MEDIA_ROOT``, or object storage in a
    deployment); the row keeps their SHA-256 so that every download can be checked and
    anyone can verify a copy at ``/verify/``.
    """

    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="frozen_documents",
        verbose_name=_("広域リージョン"),
    )
    document = models.CharField(_("文書の種類"), max_length=20, choices=Document.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    revision = GenericForeignKey("content_type", "object_id")
    revision_number = models.PositiveIntegerField(_("版"))
    # A returned revision is reopened, edited and submitted again: each submission has its
    # own PDFs, told apart by the revision's submission time they were made for.
    submitted_at = models.DateTimeField(_("送付日時"), null=True, blank=True)
    kind = models.CharField(_("区分"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("PDF ファイル"), max_length=300)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("大きさ（バイト）"))
    pages = models.PositiveIntegerField(_("ページ数"))
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    objects = FrozenDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["region", "document", "revision_number", "kind"]
        verbose_name = _("送付文書の PDF")
        verbose_name_plural = _("送付文書の PDF")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "submitted_at", "kind"],
                name="frozen_document_unique_submission_kind",
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.region} {self.get_document_display()} 第{self.revision_number}版 {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise FrozenDocumentError("送付した文書の PDF は書き換えられません。")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse(
            "documents:download",
            kwargs={"document": self.document, "pk": self.object_id, "kind": self.kind},
        )

    def delete(self, *args, **kwargs):
        raise FrozenDocumentError("送付した文書の PDF は削除できません。")

    @property
    def title(self) -> str:
        """「連携宣言書」 or 「連携ビジョン」, or 「送付書（連携宣言書）」."""
        if self.kind == Kind.COVER:
            return f"{Kind.COVER.label}（{self.get_document_display()}）"
        return str(self.get_document_display())
