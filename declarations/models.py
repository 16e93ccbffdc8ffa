from django.db import models
from django.utils.translation import gettext_lazy as _


class Prefecture(models.Model):
    """都道府県 (master data, loaded by a data migration)."""

    code = models.CharField(_("JIS都道府県コード"), max_length=2, primary_key=True)
    lg_code = models.CharField(_("全国地方公共団体コード"), max_length=6, unique=True)
    name = models.CharField(_("名称"), max_length=10, unique=True)
    kana = models.CharField(_("よみがな"), max_length=20)
    name_en = models.CharField(_("英語名"), max_length=20)
    block = models.CharField(_("地方"), max_length=20)
    block_name = models.CharField(_("地方名"), max_length=10)

    class Meta:
        ordering = ["code"]
        verbose_name = _("都道府県")
        verbose_name_plural = _("都道府県")

    def __str__(self):
        return self.name


class Municipality(models.Model):
    """市町村 and 特別区 (master data; the wards of designated cities are not here)."""

    lg_code = models.CharField(_("全国地方公共団体コード"), max_length=6, primary_key=True)
    name = models.CharField(_("名称"), max_length=20, db_index=True)
    kana = models.CharField(_("よみがな"), max_length=40, db_index=True)
    prefecture = models.ForeignKey(
        Prefecture,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("都道府県"),
    )

    class Meta:
        ordering = ["lg_code"]
        verbose_name = _("市区町村")
        verbose_name_plural = _("市区町村")

    def __str__(self):
        return f"{self.prefecture.name}{self.name}" if self.prefecture_id else self.name

    @property
    def full_name(self) -> str:
        return str(self)
