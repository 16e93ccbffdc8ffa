from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from declarations.lifecycle import RevisionPart
from filing.formatting import seireki_nendo, yen
from visions.models import VisionRevision


class Project(RevisionPart):
    """プロジェクト of a vision revision, with the items ア–ク of 第4(2)③."""

    revision = models.ForeignKey(
        VisionRevision,
        on_delete=models.CASCADE,
        related_name="projects",
        verbose_name=_("連携ビジョンの版"),
    )
    position = models.PositiveIntegerField(_("順序"), default=0)
    name = models.CharField(_("ア プロジェクトの名称"), max_length=200, blank=True)
    # The 分野 the project serves (ADR 0115): codes of its declaration's fields (industry,
    # tourism, transport, other), in the 要綱's order; empty: every field of its region.
    fields = models.JSONField(_("分野"), default=list, blank=True)
    # The national strategy's terms (ADR 0121): a cluster type code ("" for none) and
    # 戦略分野 codes (filing.strategy; the labels live in StrategyTerm).
    cluster_type = models.CharField(_("類型"), max_length=40, blank=True, default="")
    strategic_fields = models.JSONField(_("戦略分野"), default=list, blank=True)
    joint_body_of = models.JSONField(
        _("共同で設立した法人の設立団体"),
        null=True,
        blank=True,
        help_text=_(
            "実施主体が複数かつ多様な構成団体により設立された法人である場合、その設立団体のキー。"
        ),
    )
    content = models.TextField(_("エ 具体的内容"), max_length=20_000, blank=True)
    has_budget = models.BooleanField(_("予算措置を伴う"), default=False)
    budget_total = models.BigIntegerField(_("オ 総事業費（円）"), null=True, blank=True)
    effects = models.TextField(_("カ 期待される効果"), max_length=20_000, blank=True)
    start = models.DateField(_("キ 期間（開始）"), null=True, blank=True)
    end = models.DateField(_("キ 期間（終了）"), null=True, blank=True)
    other = models.TextField(_("ク その他"), max_length=20_000, blank=True)

    class Meta:
        ordering = ["revision", "position"]
        verbose_name = _("プロジェクト")
        verbose_name_plural = _("プロジェクト")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budget_total__isnull=True) | models.Q(budget_total__gte=0),
                name="project_budget_total_not_negative",
            ),
        ]

    def __str__(self):
        return self.name or _("（名称未入力）")

    @property
    def fields_text(self) -> str:
        """The project's own 分野 as the pages write them (「A 産業振興、B 観光」; "" for none)."""
        from filing.fields import fields_text

        return fields_text(code for code in (self.fields or ()) if isinstance(code, str))

    @property
    def strategy_text(self) -> str:
        """「類型: 戦略産業クラスター／戦略分野: AI・半導体」 ("" when it carries neither)."""
        from filing.strategy import strategy_text

        return strategy_text(self.cluster_type, self.strategic_fields or ())


class Implementer(RevisionPart):
    """イ 実施主体: a region member (by its key) or an outside body (by name)."""

    revision_path = "project__revision"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="implementers")
    position = models.PositiveIntegerField(_("順序"), default=0)
    member_key = models.CharField(_("構成団体のキー"), max_length=80, blank=True)
    name = models.CharField(_("構成団体以外の主体の名称"), max_length=200, blank=True)

    class Meta:
        ordering = ["project", "position"]
        verbose_name = _("実施主体")
        verbose_name_plural = _("実施主体")

    def __str__(self):
        return self.member_key or self.name


class PlanReference(RevisionPart):
    """ウ 広域地方計画等における関連する記載."""

    revision_path = "project__revision"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="plan_references")
    position = models.PositiveIntegerField(_("順序"), default=0)
    plan = models.CharField(_("計画"), max_length=200)
    section = models.CharField(_("参照箇所"), max_length=200, blank=True)
    note = models.CharField(_("備考"), max_length=200, blank=True)

    class Meta:
        ordering = ["project", "position"]
        verbose_name = _("計画の参照箇所")
        verbose_name_plural = _("計画の参照箇所")

    def __str__(self):
        return f"{self.plan} {self.section}".strip()


class BudgetLine(RevisionPart):
    """オ 事業費 of one fiscal year (年度: April of ``fiscal_year`` to March of the next)."""

    revision_path = "project__revision"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget_lines")
    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    amount = models.BigIntegerField(_("事業費（円）"))

    class Meta:
        ordering = ["project", "fiscal_year"]
        verbose_name = _("年度別事業費")
        verbose_name_plural = _("年度別事業費")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "fiscal_year"], name="budget_line_unique_year"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="budget_line_amount_not_negative"
            ),
        ]

    def __str__(self):
        return f"{seireki_nendo(self.fiscal_year)} {yen(self.amount)}"


class Milestone(RevisionPart):
    """A roadmap milestone of a project: a date and a target (第4(2)②)."""

    revision_path = "project__revision"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    position = models.PositiveIntegerField(_("順序"), default=0)
    date = models.DateField(_("時期"), null=True, blank=True)
    target = models.CharField(_("目標"), max_length=200, blank=True)

    class Meta:
        # date order everywhere they are read, the undated last, the author's order among
        # equal dates (filing.milestones for what does not come from a query; ADR 0096)
        ordering = ["project", models.F("date").asc(nulls_last=True), "position"]
        verbose_name = _("マイルストーン")
        verbose_name_plural = _("マイルストーン")

    def __str__(self):
        return f"{self.date} {self.target}"


class ProjectTarget(RevisionPart):
    """目標（指標）of a project (第4(2)②「各プロジェクトの…目標等」, ADR 0104): a figure with its
    unit, baseline, target values by 年度 and final target. Part of the vision revision."""

    class Better(models.TextChoices):
        HIGHER = "higher", _("高いほどよい")
        LOWER = "lower", _("低いほどよい")

    revision_path = "project__revision"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="targets")
    position = models.PositiveIntegerField(_("順序"), default=0)
    # The target's identity across the vision's revisions (ADR 0108): given by the server
    # (``workflow.rows``), carried into a change's copy; the yearly results point at it.
    key = models.CharField(_("目標のキー"), max_length=40, blank=True, db_index=True)
    name = models.CharField(_("指標名"), max_length=200, blank=True)
    unit = models.CharField(_("単位"), max_length=20, blank=True)
    baseline_value = models.DecimalField(
        _("基準値"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    baseline_on = models.DateField(_("基準値の時点"), null=True, blank=True)
    # 年度 (text, "2026") → target value (a decimal as text, "130.5"): read and written with
    # the target, never queried by year (ADR 0104).
    values = models.JSONField(_("年度別の目標値"), default=dict, blank=True)
    final_year = models.PositiveSmallIntegerField(_("最終目標の年度"), null=True, blank=True)
    final_value = models.DecimalField(
        _("最終目標の値"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    source = models.CharField(_("出典"), max_length=200, blank=True)
    better = models.CharField(
        _("目標の向き"), max_length=6, choices=Better.choices, default=Better.HIGHER
    )

    class Meta:
        ordering = ["project", "position"]
        verbose_name = _("目標（指標）")
        verbose_name_plural = _("目標（指標）")

    def __str__(self):
        return f"{self.name}（{self.unit}）" if self.unit else self.name

    def value_list(self) -> list[tuple[int, Decimal]]:
        """(年度, target value) by 年度."""
        return sorted((int(year), Decimal(value)) for year, value in (self.values or {}).items())


# The rows read with a project wherever it is shown, checked or copied (one prefetch query each).
PROJECT_CHILDREN = ("implementers", "plan_references", "budget_lines", "milestones", "targets")


class StrategyList(models.Model):
    """One version of a national-strategy list (ADR 0121): the cluster types or the 17
    戦略分野, with its source and date. Loaded by a data migration from ``filing.strategy``;
    operators amend labels, source and date in the admin, and a revised list is a new
    version (the codes of older versions keep their meaning)."""

    class Kind(models.TextChoices):
        CLUSTER_TYPE = "cluster_type", _("類型（クラスターの類型）")
        STRATEGIC_FIELD = "strategic_field", _("戦略分野")

    kind = models.CharField(_("種類"), max_length=20, choices=Kind.choices)
    version = models.CharField(_("版"), max_length=40)
    source = models.CharField(_("出典"), max_length=300)
    decided_on = models.DateField(_("決定日"))
    is_current = models.BooleanField(
        _("現行の版"), default=True, help_text=_("種類ごとに一つ。職員の画面の選択肢になる版。")
    )

    class Meta:
        ordering = ["kind", "-decided_on", "-pk"]
        verbose_name = _("国の戦略の一覧（類型・戦略分野）")
        verbose_name_plural = _("国の戦略の一覧（類型・戦略分野）")
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="strategy_list_unique"),
            models.UniqueConstraint(
                fields=["kind"],
                condition=models.Q(is_current=True),
                name="strategy_list_one_current",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.version}"


class StrategyTerm(models.Model):
    """One term of a ``StrategyList``: a stable code and its label."""

    strategy_list = models.ForeignKey(
        StrategyList, on_delete=models.CASCADE, related_name="terms", verbose_name=_("一覧")
    )
    position = models.PositiveIntegerField(_("順序"), default=0)
    code = models.CharField(_("コード"), max_length=40)
    label = models.CharField(_("名称"), max_length=100)

    class Meta:
        ordering = ["strategy_list", "position", "pk"]
        verbose_name = _("類型・戦略分野")
        verbose_name_plural = _("類型・戦略分野")
        constraints = [
            models.UniqueConstraint(
                fields=["strategy_list", "code"], name="strategy_term_unique_code"
            ),
        ]

    def __str__(self):
        return self.label
