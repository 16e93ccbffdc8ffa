"""The よみがな of a region's name on the declaration form (ADR 0087)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from filing.kana import READING_RE, normalize_reading
from workflow.forms import CleanedCharField

SHORT_TEXT = 200


class ReadingForm(forms.Form):
    """The reading as typed (カタカナ, ｶﾅ, spaces), cleaned to hiragana; kanji is refused."""

    region_name_kana = CleanedCharField(
        max_length=SHORT_TEXT,
        required=False,
        label=_("名称のよみがな"),
        help_text=_(
            "ひらがなかカタカナで書いてください。公開の一覧の五十音順と、よみがなでの検索に"
            "使います（文書には載りません）。空のまま保存すると、名称から自動で入れます。"
        ),
    )

    def clean_region_name_kana(self):
        reading = normalize_reading(self.cleaned_data["region_name_kana"])
        if reading and not READING_RE.fullmatch(reading):
            raise forms.ValidationError(
                _(
                    "よみがなは、ひらがなかカタカナで書いてください（「・」、英字、数字も使えます）。"
                ),
                code="not_kana",
            )
        return reading
