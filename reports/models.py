"""検証 records of a published vision (第4(3)) and the reminders sent before one falls due
(ADR 0105). Reports are about a published vision, outside its revisions."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from declarations.lifecycle import RevisionPart
from declarations.models import AppendOnlyModel
from filing.rules import verification as rules
from projects.models import Project
from reports.lifecycle import ReportBase
from visions.models import Vision, VisionRevision


class Conclusion(models.TextChoices):
    CONTINUE = rules.CONTINUE, _("継続")
    CHANGE = rules.CHANGE, _("変更")
    END = rules.END, _("終了")


class Rating(models.TextChoices):
    ON_TRACK = "on_track", _("順調")
    MOSTLY = "mostly", _("おおむね順調")
    DELAYED = "delayed", _("遅れ")
    NOT_STARTED = "not_started", _("未着手")


class Verification(ReportBase):
    """第N回の検証: the region's verification of the effects of its vision's projects, with a
    conclusion (継続・変更・終了). Filed, reviewed and published like a revision; frozen
    once sent. ``vision_revision`` is the published revision whose projects it assesses;
    ``change_revision`` the vision change started from it (conclusion 変更)."""

    vision = models.ForeignKey(
        Vision,
        on_delete=models.PROTECT,
        related_name="verifications",
        verbose_name=_("連携ビジョン"),
    )
    vision_revision = models.ForeignKey(
        VisionRevision,
        on_delete=models.PROTECT,
        related_name="verifications",
        verbose_name=_("検証した連携ビジョンの版"),
    )
    number = models.PositiveIntegerField(_("回"))
    period_start = models.DateField(_("対象期間（始まり）"), null=True, blank=True)
    period_end = models.DateField(_("対象期間（終わり）"), null=True, blank=True)
    verified_on = models.DateField(_("検証を行った日"), null=True, blank=True)
    conclusion = models.CharField(_("結論"), max_length=20, choices=Conclusion.choices, blank=True)
    consulted_on = models.DateField(_("協議の日"), null=True, blank=True)
    summary = models.TextField(_("検証の概要"), max_length=20_000, blank=True)
    change_revision = models.ForeignKey(
        VisionRevision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verifications_leading",
        verbose_name=_("この検証から始めた変更の版"),
    )

    class Meta:
        ordering = ["vision", "number"]
        verbose_name = _("連携ビジョンの検証")
        verbose_name_plural = _("連携ビジョンの検証")
        constraints = [
            models.UniqueConstraint(fields=["vision", "number"], name="verification_unique_number")
        ]
        permissions = [
            ("return_verification", _("検証を差し戻せる")),
            ("accept_verification", _("検証を受理できる")),
        ]

    document = "verification"
    document_label = _("連携ビジョンの検証")

    def __str__(self):
        return self.label

    @property
    def region(self):
        return self.vision.region

    @property
    def region_title(self) -> str:
        return self.vision_revision.region_title

    @property
    def label(self) -> str:
        """「瀬戸内広域リージョン 連携ビジョンの検証 第1回」."""
        return _("%(region)s 連携ビジョンの検証 第%(number)d回") % {
            "region": self.region_title or self.region.slug,
            "number": self.number,
        }

    def get_absolute_url(self) -> str:
        return reverse("staff:verification", args=[self.region.slug, self.number])

    @property
    def consultation_required(self) -> bool:
        return rules.consultation_required(self.conclusion)

    @property
    def offers_change(self) -> bool:
        """A published verification concluding 変更 offers to start the vision change."""
        return (
            self.status == "published"
            and self.conclusion == Conclusion.CHANGE
            and self.change_revision_id is None
        )


class Assessment(RevisionPart):
    """One project's assessment in a verification: a rating and what was found."""

    revision_path = "verification"

    verification = models.ForeignKey(
        Verification,
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("検証"),
    )
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="+", verbose_name=_("プロジェクト")
    )
    position = models.PositiveIntegerField(_("順序"), default=0)
    rating = models.CharField(_("評価の区分"), max_length=20, choices=Rating.choices, blank=True)
    text = models.TextField(_("評価の内容"), max_length=20_000, blank=True)

    class Meta:
        ordering = ["verification", "position"]
        verbose_name = _("プロジェクトの評価")
        verbose_name_plural = _("プロジェクトの評価")
        constraints = [
            models.UniqueConstraint(
                fields=["verification", "project"], name="assessment_unique_project"
            )
        ]

    def __str__(self):
        return str(self.project)


class ReminderBase(AppendOnlyModel):
    """A reminder mailed to a vision's region's editors: when, to whom and the outbox row
    (none when no editor had an address). Append-only: a reminder is never sent twice."""

    append_only_label = "督促の記録"

    vision = models.ForeignKey(
        Vision, on_delete=models.PROTECT, related_name="+", verbose_name=_("連携ビジョン")
    )
    sent_at = models.DateTimeField(_("送信日時"))
    recipients = models.JSONField(_("宛先"), default=list)
    mail = models.ForeignKey(
        "outbox.Mail",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("メール"),
        help_text=_("空欄は、編集者にメールアドレスがなく送らなかったことを表します。"),
    )

    class Meta:
        abstract = True
        ordering = ["-sent_at", "pk"]


class VerificationReminder(ReminderBase):
    """A reminder mailed to the region's editors: before a verification falls due
    (``DUE_SOON``) or once it is overdue (``OVERDUE``); one row per vision, due day and
    kind, so no reminder is ever sent twice. Append-only."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("期限の前")
        OVERDUE = "overdue", _("期限の超過")

    due_on = models.DateField(_("検証の期限"))
    kind = models.CharField(_("種類"), max_length=20, choices=Kind.choices)

    class Meta(ReminderBase.Meta):
        verbose_name = _("検証の督促")
        verbose_name_plural = _("検証の督促")
        constraints = [
            models.UniqueConstraint(
                fields=["vision", "due_on", "kind"], name="verification_reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.vision} {self.due_on} {self.get_kind_display()}"


# ---------------------------------------------------------------- yearly results (ADR 0108)


class TargetResult(ReportBase):
    """実績: the figure a region reports for one target (by its key, ADR 0108) and 年度, with
    a comment and an optional evidence (a link or a file). A report about the published
    vision, reviewed like a filing and published when accepted; frozen once sent. A
    published result is corrected by a new one (``number`` + 1, ``supersedes``): the public
    figure is the latest published; both stay with their audit rows."""

    vision = models.ForeignKey(
        Vision, on_delete=models.PROTECT, related_name="results", verbose_name=_("連携ビジョン")
    )
    target_key = models.CharField(_("目標のキー"), max_length=40)
    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    number = models.PositiveSmallIntegerField(
        _("訂正の回"), default=1, help_text=_("1 は最初の実績、2 以降はその訂正です。")
    )
    # What the target was called when the result was written (the admin, the mails).
    project_name = models.CharField(_("プロジェクトの名称"), max_length=200, blank=True)
    target_name = models.CharField(_("指標名"), max_length=200, blank=True)
    unit = models.CharField(_("単位"), max_length=20, blank=True)
    value = models.DecimalField(_("実績値"), max_digits=20, decimal_places=4, null=True)
    comment = models.TextField(_("備考"), max_length=2_000, blank=True)
    evidence_url = models.URLField(_("根拠のリンク"), max_length=500, blank=True)
    evidence_file = models.FileField(
        _("根拠のファイル"), max_length=300, blank=True, upload_to="results/%Y/"
    )
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("訂正した実績"),
    )

    class Meta:
        ordering = ["vision", "target_key", "fiscal_year", "number"]
        verbose_name = _("目標の実績")
        verbose_name_plural = _("目標の実績")
        constraints = [
            models.UniqueConstraint(
                fields=["vision", "target_key", "fiscal_year", "number"],
                name="target_result_unique_number",
            )
        ]
        permissions = [
            ("return_targetresult", _("実績を差し戻せる")),
            ("accept_targetresult", _("実績を受理できる")),
        ]

    document = "result"
    document_label = _("目標の実績")

    def __str__(self):
        return self.label

    @property
    def region(self):
        return self.vision.region

    @property
    def label(self) -> str:
        """「観光客数（万人） 令和7年度の実績」 (「（訂正 2）」 for a correction)."""
        from filing.formatting import nendo

        name = f"{self.target_name}（{self.unit}）" if self.unit else self.target_name
        text = _("%(target)s %(nendo)sの実績") % {"target": name, "nendo": nendo(self.fiscal_year)}
        return text + (_("（訂正 %(n)d）") % {"n": self.number} if self.number > 1 else "")


class ResultReminder(ReminderBase):
    """A reminder mailed to the region's editors that a 年度's results are missing after
    its end; once per vision and 年度 (``RESULT_REMINDER_DAYS`` after 3月31日). Append-only."""

    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    missing = models.JSONField(_("実績のない目標"), default=list)

    class Meta(ReminderBase.Meta):
        verbose_name = _("実績の督促")
        verbose_name_plural = _("実績の督促")
        constraints = [
            models.UniqueConstraint(fields=["vision", "fiscal_year"], name="result_reminder_once")
        ]

    def __str__(self):
        return f"{self.vision} {self.fiscal_year}"
