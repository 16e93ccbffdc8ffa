from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from declarations.models import AppendOnlyQuerySet, Region

REVIEWER_GROUP = "reviewer"


class Comment(models.Model):
    """A comment on a submitted revision, threaded (``parent``) and optionally anchored
    to an item by its bundle JSON path (``members[2]``, ``vision.projects[0]``,
    ``declaration.fields``). Reviewers and the region's staff both write comments;
    a reviewer may mark a thread (its root comment) resolved."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="comments")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    revision = GenericForeignKey("content_type", "object_id")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replies"
    )
    anchor = models.CharField(_("対象の項目"), max_length=200, blank=True)
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

    def __str__(self):
        return self.body[:40]


class Review(models.Model):
    """A reviewer's decision on the revision reviewed (STYLE.md §5): returned or accepted.
    Append-only, like the audit trail."""

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
        related_name="+",
        verbose_name=_("審査担当"),
    )
    publish_on = models.DateField(_("公表予定日"), null=True, blank=True)
    at = models.DateTimeField(_("日時"), auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("審査の判断")
        verbose_name_plural = _("審査の判断")

    def __str__(self):
        return f"{self.get_decision_display()} {self.at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("審査の判断は書き換えられません。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("審査の判断は削除できません。")
