from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from declarations.models import AppendOnlyError, AppendOnlyModel, Region


class ReviewTrailError(AppendOnlyError):
    """A comment or a reviewer's decision was to be edited or deleted (only a comment's
    resolution may change); like the rest of the audit trail, it is appended to."""


# The only fields of a posted comment that may change afterwards: marking its thread resolved.
RESOLUTION_FIELDS = frozenset({"resolved_at", "resolved_by"})


class ReviewTrailModel(AppendOnlyModel):
    """A row of the review trail: append-only, refused with ``ReviewTrailError``."""

    append_only_error = ReviewTrailError

    class Meta:
        abstract = True


class Comment(ReviewTrailModel):
    """A comment on a submitted revision, threaded (``parent``) and optionally anchored
    to an item by its bundle JSON path (``members[2]``, ``vision.projects[0]``,
    ``declaration.fields``). Reviewers and the region's staff both write comments;
    a reviewer may mark a thread (its root comment) resolved: posted, maybe resolved,
    never edited or deleted."""

    append_only_label = "コメント"
    append_only_mutable_fields = RESOLUTION_FIELDS

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="comments")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    revision = GenericForeignKey("content_type", "object_id")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replies"
    )
    anchor = models.CharField(_("対象の項目"), max_length=200, blank=True)
    # Set on the comments of a 事前相談 thread (ADR 0116); review threads have none.
    advice = models.ForeignKey(
        "AdviceRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("事前相談"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("投稿者"),
    )
    by_reviewer = models.BooleanField(_("審査担当の投稿"), default=False)
    body = models.TextField(_("本文"), max_length=10_000)
    created_at = models.DateTimeField(_("投稿日時"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("解決日時"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("解決とした人"),
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("コメント")
        verbose_name_plural = _("コメント")
        permissions = [("resolve_comment", _("スレッドを解決済みにできる"))]

    def __str__(self):
        return self.body[:40]

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None


class AdviceRequest(ReviewTrailModel):
    """事前相談 (要綱 第5(1), ADR 0116): an editor asks the reviewers for advice on a draft
    revision, optionally about one item (``anchor``, a bundle JSON path as on comments).
    The answers and the follow-ups are ``Comment`` rows with ``advice`` set. Nothing of the
    revision changes; the row is the audit record of the question, never edited or deleted.
    The thread is open while the revision is a draft; after 送付 it stays, read-only."""

    append_only_label = "事前相談"

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="advice_requests")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    revision = GenericForeignKey("content_type", "object_id")
    anchor = models.CharField(_("対象の項目"), max_length=200, blank=True)
    question = models.TextField(_("相談の内容"), max_length=10_000)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("相談した人"),
    )
    asked_at = models.DateTimeField(_("相談日時"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["asked_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("事前相談")
        verbose_name_plural = _("事前相談")

    def __str__(self):
        return self.question[:40]


class Review(ReviewTrailModel):
    """A reviewer's decision on the revision reviewed (STYLE.md §5): returned or accepted.
    Append-only, like the audit trail."""

    append_only_label = "審査の判断"

    class Decision(models.TextChoices):
        RETURNED = "returned", _("差戻し")
        ACCEPTED = "accepted", _("受理")

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="reviews")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    revision = GenericForeignKey("content_type", "object_id")
    decision = models.CharField(_("判断"), max_length=10, choices=Decision.choices)
    comment = models.TextField(_("コメント"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("審査担当"),
        help_text=_("空欄は、画面を通らない操作（コマンドやデモデータの読み込み）による判断です。"),
    )
    publish_on = models.DateField(_("公表予定日"), null=True, blank=True)
    # When the decision was taken: now, or the day of a history recorded afterwards (the demo).
    at = models.DateTimeField(_("日時"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("審査の判断")
        verbose_name_plural = _("審査の判断")
        permissions = [
            ("return_revision", _("版を差し戻せる")),
            ("accept_revision", _("版を受理できる")),
        ]

    def __str__(self):
        return f"{self.get_decision_display()} {self.at:%Y-%m-%d}"


class ReceiptCounter(models.Model):
    """The last 受付番号 serial given in one calendar year (JST): a submission takes the next
    one under the row's lock, so two submissions at the same moment never share a number."""

    year = models.PositiveSmallIntegerField(_("年"), primary_key=True)
    last = models.PositiveIntegerField(_("最後の連番"), default=0)

    class Meta:
        verbose_name = _("受付番号の連番")
        verbose_name_plural = _("受付番号の連番")

    def __str__(self):
        return f"{self.year}: {self.last}"


class Submission(ReviewTrailModel):
    """One 送付 of a revision (ADR 0094): the receipt the region keeps and the state the
    reviewer compares with. A revision returned, reopened and sent again has one row per
    送付, numbered 1, 2, … (``sequence``: 第1回送付, 第2回送付); ``receipt_number`` (受付番号,
    「R8-000123」: the era's initial and year of the day it was sent, then a running number
    within that calendar year) is unique across the portal. ``snapshot`` is the region bundle
    (``filing.bundle.filing_to_bundle``) of what was sent: a vision's with its paired
    declaration. The frozen PDFs of the 送付 are the ``documents.FrozenDocument`` rows with
    the same revision and ``submitted_at``. Append-only, like the rest of the audit trail."""

    append_only_label = "送付の記録"

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="submissions")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    revision = GenericForeignKey("content_type", "object_id")
    sequence = models.PositiveIntegerField(_("送付の回"))
    receipt_number = models.CharField(_("受付番号"), max_length=20, unique=True)
    receipt_year = models.PositiveSmallIntegerField(_("受付の年"))
    receipt_serial = models.PositiveIntegerField(_("受付の連番"))
    submitted_at = models.DateTimeField(_("送付日時"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("送付した人"),
        help_text=_("空欄は、画面を通らない操作（コマンドやデータの移行）による送付です。"),
    )
    # Empty when what was sent is not known: an earlier 送付 of a revision resubmitted before
    # this record existed (the backfill, documents 0002), or a vision with no declaration.
    snapshot = models.JSONField(_("送付した内容（バンドル）"), default=dict, blank=True)

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("送付の記録")
        verbose_name_plural = _("送付の記録")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "sequence"],
                name="submission_unique_sequence",
            ),
            models.UniqueConstraint(
                fields=["receipt_year", "receipt_serial"], name="submission_unique_serial"
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.receipt_number

    @property
    def label(self) -> str:
        """「第2回送付」."""
        return _("第%(sequence)d回送付") % {"sequence": self.sequence}
