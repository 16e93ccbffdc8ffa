"""What the public site keeps of its own: one search text per region (ADR 0100)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from declarations.models import Region


class RegionSearchText(models.Model):
    """The words a search of the region list reads, from the region's current publication:
    its name and よみがな, aspiration, area, fields, members (and their master よみがな) and
    project names, folded like a query (NFKC, katakana to hiragana, lower case) and joined by
    line breaks (a query word never spans two parts). Written at each publication
    (``public.search_index``), never edited by hand."""

    region = models.OneToOneField(
        Region, on_delete=models.CASCADE, primary_key=True, related_name="search_text"
    )
    text = models.TextField(_("検索用の文字列"))
    version = models.PositiveSmallIntegerField(_("形式の版"), default=1)

    class Meta:
        verbose_name = _("検索用の文字列")
        verbose_name_plural = _("検索用の文字列")

    def __str__(self):
        return f"{self.region_id}"
