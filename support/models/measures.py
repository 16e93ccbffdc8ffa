"""The catalogue of national support measures (要綱 第5(1)②, 第5(2)): kept by operators and
reviewers in the admin, public once published (ADR 0114)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from filing import strategy
from filing import support_catalogue as catalogue

__all__ = ["MeasureKind", "SupportMeasure", "SupportMeasureQuerySet"]


class MeasureKind(models.TextChoices):
    GRANT = catalogue.MeasureKind.GRANT, _("交付金")
    SUBSIDY = catalogue.MeasureKind.SUBSIDY, _("補助事業")
    TAX = catalogue.MeasureKind.TAX, _("税制")
    FINANCE = catalogue.MeasureKind.FINANCE, _("金融")
    REGULATION = catalogue.MeasureKind.REGULATION, _("規制の特例")
    OTHER = catalogue.MeasureKind.OTHER, _("その他")


class SupportMeasureQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class SupportMeasure(models.Model):
    """One national support measure (交付金・補助事業・税制…) with the fields it serves.
    ``(name, ministry)`` identifies a measure: the CSV import updates by it."""

    name = models.CharField(_("支援措置の名称"), max_length=200)
    ministry = models.CharField(_("府省名"), max_length=100)
    kind = models.CharField(
        _("種類"), max_length=20, choices=MeasureKind.choices, default=MeasureKind.SUBSIDY
    )
    # filing.data.FieldCode values: "industry", "tourism", "transport", "other".
    fields = models.JSONField(_("対象分野"), default=list, blank=True)
    tags = models.JSONField(_("タグ"), default=list, blank=True)
    # The national strategy's terms it serves (ADR 0121): filing.strategy codes.
    cluster_types = models.JSONField(_("類型"), default=list, blank=True)
    strategic_fields = models.JSONField(_("戦略分野"), default=list, blank=True)
    # 西暦 fiscal years (2026 = 令和8年度).
    fiscal_years = models.JSONField(_("年度"), default=list, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    gives_priority = models.BooleanField(_("広域リージョン優先"), default=False)
    is_open = models.BooleanField(_("公募中"), default=True)
    is_published = models.BooleanField(_("公表する"), default=False)
    is_demo = models.BooleanField(_("デモデータ"), default=False)
    summary = models.TextField(_("概要"), max_length=5_000, blank=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    objects = SupportMeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("国の支援措置")
        verbose_name_plural = _("国の支援措置")
        ordering = ["ministry", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "ministry"], name="support_measure_name_ministry"
            )
        ]

    def __str__(self):
        return f"{self.name}（{self.ministry}）" if self.ministry else self.name

    def to_data(self) -> catalogue.MeasureData:
        """The measure as the filing core's plain value (matching, CSV export). A value the
        form and the import would refuse (written by a script) is left out, never an error."""
        kinds, codes = set(catalogue.MeasureKind), set(catalogue.FieldCode)
        return catalogue.MeasureData(
            name=self.name,
            ministry=self.ministry,
            kind=catalogue.MeasureKind(self.kind if self.kind in kinds else "other"),
            fields=tuple(catalogue.FieldCode(c) for c in self.fields or () if c in codes),
            tags=tuple(str(tag) for tag in self.tags or ()),
            fiscal_years=tuple(y for y in self.fiscal_years or () if isinstance(y, int)),
            url=self.url,
            gives_priority=self.gives_priority,
            is_open=self.is_open,
            summary=self.summary,
            cluster_types=_known(strategy.CLUSTER, self.cluster_types),
            strategic_fields=_known(strategy.SECTOR, self.strategic_fields),
        )


def _known(kind: str, values) -> tuple[str, ...]:
    known = set(strategy.known_codes(kind))
    return strategy.ordered(kind, (v for v in values or () if isinstance(v, str) and v in known))
