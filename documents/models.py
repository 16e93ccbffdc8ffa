from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from declarations.models import AppendOnlyError, AppendOnlyModel, Region


class Document(models.TextChoices):
    """Which document a revision is: the model it belongs to."""

    DECLARATION = "declaration", _("連携宣言書")
    VISION = "vision", _("連携ビジョン")


class Kind(models.TextChoices):
    """The two PDFs made for every submitted revision."""

    DOCUMENT = "document", _("文書")
    COVER = "cover", _("送付書")


class FrozenDocumentError(AppendOnlyError):
    """A frozen PDF (the copy the ministry received) was to be changed or deleted."""


class FrozenDocument(AppendOnlyModel):
    """The PDF of a submitted revision (or its cover letter), made once at each submission.

    The bytes live in Django's default storage (``MEDIA_ROOT``, or object storage in a
    deployment); the row keeps their SHA-256 so that every download can be checked and
    anyone can verify a copy at ``/verify/``. The copy the ministry received: written once,
    never changed or deleted, even in bulk.
    """

    append_only_label = "送付した文書の PDF "  # the space before は, as the UI writes it
    append_only_error = FrozenDocumentError

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

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse(
            "documents:download",
            kwargs={"document": self.document, "pk": self.object_id, "kind": self.kind},
        )

    @property
    def title(self) -> str:
        """「連携宣言書」 or 「連携ビジョン」, or 「送付書（連携宣言書）」."""
        if self.kind == Kind.COVER:
            return f"{Kind.COVER.label}（{self.get_document_display()}）"
        return str(self.get_document_display())


class DocumentBuild(models.Model):
    """The job of making one 送付's PDFs (ADR 0102): written by ``revision_submit``'s
    transaction, done by the background worker (``documents.tasks.documents_make``).

    One row per 送付 (the revision and its ``submitted_at``, as ``FrozenDocument``). ``inputs``
    keeps, at the moment of sending, what the PDFs are made of besides the sent bundle
    (``reviews.Submission.snapshot``): the previous published revision, the declaration
    revision a vision is read against, the 送付書's details. The PDFs are therefore the same
    bytes whenever they are made, even after the revision has been returned and edited.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("作成待ち")
        DONE = "done", _("作成済み")
        FAILED = "failed", _("作成失敗")

    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="document_builds",
        verbose_name=_("広域リージョン"),
    )
    document = models.CharField(_("文書の種類"), max_length=20, choices=Document.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    revision = GenericForeignKey("content_type", "object_id")
    revision_number = models.PositiveIntegerField(_("版"))
    submitted_at = models.DateTimeField(_("送付日時"))
    inputs = models.JSONField(_("作成に使う送付時の値"), default=dict, blank=True)
    status = models.CharField(
        _("状態"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("試行回数"), default=0)
    next_attempt_at = models.DateTimeField(_("次の試行"), default=timezone.now)
    last_error = models.TextField(_("最後のエラー"), blank=True)
    created_at = models.DateTimeField(_("登録日時"), default=timezone.now)
    done_at = models.DateTimeField(_("作成日時"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("PDF の作成")
        verbose_name_plural = _("PDF の作成")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "submitted_at"],
                name="document_build_unique_submission",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["content_type", "object_id"]),
        ]

    def __str__(self):
        return f"{self.region} {self.get_document_display()} 第{self.revision_number}版"
