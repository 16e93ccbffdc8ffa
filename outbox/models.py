"""The outbox: one row per e-mail, written in the transaction of the move it tells about
(ADR 0081). The worker delivers it; the row says how that went."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Mail(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("送信待ち")
        SENT = "sent", _("送信済み")
        FAILED = "failed", _("送信失敗")

    subject = models.CharField(_("件名"), max_length=300)
    body = models.TextField(_("本文"), blank=True)
    recipients = models.JSONField(_("宛先"), default=list)
    status = models.CharField(
        _("状態"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("試行回数"), default=0)
    next_attempt_at = models.DateTimeField(_("次の試行"), default=timezone.now)
    last_error = models.TextField(_("最後のエラー"), blank=True)
    created_at = models.DateTimeField(_("作成日時"), default=timezone.now)
    sent_at = models.DateTimeField(_("送信日時"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        verbose_name = _("送信メール")
        verbose_name_plural = _("送信メール")

    def __str__(self):
        return self.subject
