from django.db import models
from django.utils.translation import gettext_lazy as _

from declarations.lifecycle import RevisionBase
from declarations.models import DeclarationRevision, Region


class Vision(models.Model):
    """連携ビジョン: a region's vision across all its revisions."""

    region = models.OneToOneField(
        Region, on_delete=models.PROTECT, related_name="vision", verbose_name=_("広域リージョン")
    )

    class Meta:
        verbose_name = _("連携ビジョン")
        verbose_name_plural = _("連携ビジョン")

    def __str__(self):
        return f"{self.region} の連携ビジョン"


class VisionRevision(RevisionBase):
    """One version of the 連携ビジョン (第4(2)①② and its projects ③).

    ``aspiration`` and ``roadmap`` may each be replaced by a reference to a passage
    of 広域地方計画等 (第4(2) なお書き), stored as {"plan", "section", "note"}.
    """

    vision = models.ForeignKey(
        Vision, on_delete=models.PROTECT, related_name="revisions", verbose_name=_("連携ビジョン")
    )
    declaration_revision = models.ForeignKey(
        DeclarationRevision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("前提とする連携宣言書の版"),
    )
    aspiration = models.TextField(
        _("目指すべき姿（中長期的な将来像）"), max_length=20_000, blank=True
    )
    aspiration_plan_reference = models.JSONField(
        _("目指すべき姿に代える計画の参照箇所"), null=True, blank=True
    )
    roadmap = models.TextField(_("ロードマップ"), max_length=20_000, blank=True)
    roadmap_plan_reference = models.JSONField(
        _("ロードマップに代える計画の参照箇所"), null=True, blank=True
    )
    verified_on = models.DateField(_("検証した日"), null=True, blank=True)
    verification_note = models.TextField(_("検証の内容"), max_length=20_000, blank=True)

    class Meta:
        ordering = ["vision", "number"]
        verbose_name = _("連携ビジョンの版")
        verbose_name_plural = _("連携ビジョンの版")
        constraints = [
            models.UniqueConstraint(
                fields=["vision", "number"], name="vision_revision_unique_number"
            )
        ]

    def __str__(self):
        # 「瀬戸内広域リージョン 連携ビジョン 第1版」: the region's name, never its id (issue 13)
        return self.label

    document = "vision"
    document_label = _("連携ビジョン")

    @property
    def region_title(self) -> str:
        """The region's name as its paired declaration revision declares it ("" before pairing:
        ``label`` then shows the region's slug; a vision is paired when it is submitted)."""
        paired = self.declaration_revision if self.declaration_revision_id else None
        return paired.region_name if paired is not None else ""
