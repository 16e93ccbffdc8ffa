"""A reviewer's pins and hides of the support measures matched to a project (要綱 第5(1)②,
ADR 0115).

The match itself is the pure rule of ``filing.support``; a ``SupportMatchDecision`` only
changes how one measure shows under one project: ``pin`` puts it first with the reviewer's
note (even when the rule would not match it), ``hide`` leaves it out. A project is named as
``filing.diff`` pairs projects across vision revisions and as requests name them (ADR 0116):
by its region and its name, so a decision survives every revision that keeps the name (a
renamed project starts without decisions; the old ones stay, listed in the admin).

Every verb (pin, hide, clear) writes one ``SupportMatchEvent`` (append-only, the audit row).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from declarations.models import AppendOnlyModel, Region
from support.models.measures import SupportMeasure

__all__ = ["MatchAction", "SupportMatchDecision", "SupportMatchEvent"]


class MatchAction(models.TextChoices):
    PIN = "pin", _("固定（先頭に表示）")
    HIDE = "hide", _("非表示")


class SupportMatchDecision(models.Model):
    """How one measure shows under one project of a region (the latest pin or hide)."""

    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        related_name="support_match_decisions",
        verbose_name=_("広域リージョン"),
    )
    project_name = models.CharField(_("プロジェクトの名称"), max_length=200)
    measure = models.ForeignKey(
        SupportMeasure,
        on_delete=models.CASCADE,
        related_name="match_decisions",
        verbose_name=_("国の支援措置"),
    )
    action = models.CharField(_("扱い"), max_length=10, choices=MatchAction.choices)
    note = models.TextField(_("メモ"), max_length=1_000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("決めた人"),
    )
    decided_at = models.DateTimeField(_("決めた日時"), default=timezone.now)

    class Meta:
        ordering = ["region", "project_name", "measure"]
        verbose_name = _("支援措置の固定・非表示")
        verbose_name_plural = _("支援措置の固定・非表示")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "project_name", "measure"], name="support_match_one_decision"
            )
        ]

    def __str__(self):
        return f"{self.project_name}: {self.measure}（{self.get_action_display()}）"


class SupportMatchEvent(AppendOnlyModel):
    """The audit row of one pin, hide or clear (append-only)."""

    append_only_label = "支援措置の固定・非表示の履歴"

    class Verb(models.TextChoices):
        PIN = "pin", _("固定した")
        HIDE = "hide", _("非表示にした")
        CLEAR = "clear", _("固定・非表示を解除した")

    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="support_match_events",
        verbose_name=_("広域リージョン"),
    )
    project_name = models.CharField(_("プロジェクトの名称"), max_length=200)
    # The measure may be deleted from the catalogue later: its name stays in the row.
    measure = models.ForeignKey(
        SupportMeasure,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="match_events",
        verbose_name=_("国の支援措置"),
    )
    measure_name = models.CharField(_("支援措置の名称"), max_length=320)
    verb = models.CharField(_("操作"), max_length=10, choices=Verb.choices)
    note = models.TextField(_("メモ"), max_length=1_000, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("操作した人"),
    )
    at = models.DateTimeField(_("日時"))

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("支援措置の固定・非表示の履歴")
        verbose_name_plural = _("支援措置の固定・非表示の履歴")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.project_name}: {self.get_verb_display()}"
