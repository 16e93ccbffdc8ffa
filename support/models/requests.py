"""Requests for new support measures (要綱 第5(1): 「新たな支援措置の求めがあった場合には、
必要に応じ関係府省に対して検討依頼を行う」, ADR 0116).

A region's editor files a ``SupportRequest`` about one or more of its projects (by name, as
``filing.diff`` matches projects across revisions); reviewers record each forwarding
(検討依頼) to a ministry as a ``RequestForwarding`` with its status and answer. Requests are
not public until a reviewer publishes one with its outcome. Every verb leaves one
``SupportRequestEvent`` (append-only, part of the audit trail).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from declarations.models import AppendOnlyModel, Region

__all__ = [
    "ForwardingStatus",
    "RequestForwarding",
    "RequestStatus",
    "SupportRequest",
    "SupportRequestEvent",
    "SupportRequestQuerySet",
]


class RequestStatus(models.TextChoices):
    DRAFT = "draft", _("下書き")
    SUBMITTED = "submitted", _("提出済み")


class ForwardingStatus(models.TextChoices):
    REQUESTED = "requested", _("依頼済み")
    ANSWERED = "answered", _("回答あり")
    DONE = "done", _("対応済み")
    DECLINED = "declined", _("見送り")


class SupportRequestQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, status=RequestStatus.SUBMITTED)


class SupportRequest(models.Model):
    """新たな支援措置の求め: what a region needs, why the measures that exist do not fit it,
    and the ministries it concerns. ``project_names``: the names of the region's projects it
    is about (the identity of a project across revisions, as ``filing.diff`` pairs them)."""

    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="support_requests",
        verbose_name=_("広域リージョン"),
    )
    title = models.CharField(_("件名"), max_length=200, blank=True)
    project_names = models.JSONField(_("対象のプロジェクト"), default=list, blank=True)
    needed = models.TextField(_("求める支援の内容"), max_length=10_000, blank=True)
    reason = models.TextField(_("既存の支援措置では足りない理由"), max_length=10_000, blank=True)
    ministries = models.JSONField(_("関係府省"), default=list, blank=True)
    status = models.CharField(
        _("状態"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.DRAFT
    )
    is_published = models.BooleanField(_("公表する"), default=False)
    outcome = models.TextField(_("公表する結果"), max_length=10_000, blank=True)
    published_at = models.DateTimeField(_("公表日時"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("作成した人"),
    )
    created_at = models.DateTimeField(_("作成日時"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("更新日時"), default=timezone.now)
    submitted_at = models.DateTimeField(_("提出日時"), null=True, blank=True)

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        permissions = [("publish_supportrequest", _("求めと結果を公表できる"))]
        verbose_name = _("新たな支援措置の求め")
        verbose_name_plural = _("新たな支援措置の求め")

    def __str__(self):
        return self.title or str(_("（件名なし）"))

    @property
    def is_draft(self) -> bool:
        return self.status == RequestStatus.DRAFT


class RequestForwarding(models.Model):
    """検討依頼: a reviewer forwarded a request to one ministry on a day; its status and
    the ministry's answer as the reviewer records them."""

    request = models.ForeignKey(
        SupportRequest,
        on_delete=models.PROTECT,
        related_name="forwardings",
        verbose_name=_("新たな支援措置の求め"),
    )
    ministry = models.CharField(_("依頼先の府省"), max_length=100)
    forwarded_on = models.DateField(_("依頼日"))
    status = models.CharField(
        _("状況"),
        max_length=20,
        choices=ForwardingStatus.choices,
        default=ForwardingStatus.REQUESTED,
    )
    answer = models.TextField(_("回答"), max_length=10_000, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("記録した人"),
    )
    updated_at = models.DateTimeField(_("更新日時"), default=timezone.now)

    class Meta:
        ordering = ["forwarded_on", "pk"]
        verbose_name = _("検討依頼")
        verbose_name_plural = _("検討依頼")

    def __str__(self):
        return f"{self.ministry}（{self.get_status_display()}）"


class SupportRequestEvent(AppendOnlyModel):
    """The audit row of one verb on a request (saved, submitted, forwarded, …)."""

    class Verb(models.TextChoices):
        SAVED = "saved", _("求めを保存")
        SUBMITTED = "submitted", _("求めを提出")
        FORWARDED = "forwarded", _("検討依頼を記録")
        FORWARDING_UPDATED = "forwarding_updated", _("検討依頼の状況を更新")
        PUBLISHED = "published", _("求めと結果を公表")
        UNPUBLISHED = "unpublished", _("公表を取りやめ")

    request = models.ForeignKey(
        SupportRequest, on_delete=models.PROTECT, related_name="events", verbose_name=_("求め")
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    verb = models.CharField(_("操作"), max_length=30, choices=Verb.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("操作した人"),
    )
    at = models.DateTimeField(_("日時"), default=timezone.now)
    detail = models.TextField(_("内容"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("新たな支援措置の求めの記録")
        verbose_name_plural = _("新たな支援措置の求めの記録")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_verb_display()}"
