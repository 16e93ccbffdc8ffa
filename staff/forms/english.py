"""The optional English name and summary of a region on the declaration form (ADR 0124)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from declarations.models import DeclarationRevision
from workflow.forms import CleanedCharField

NAME_EN_LENGTH = DeclarationRevision._meta.get_field("region_name_en").max_length
SUMMARY_EN_LENGTH = DeclarationRevision._meta.get_field("aspiration_en").max_length


class EnglishForm(forms.Form):
    """Shown on the English public pages; reviewed and published with the revision, not
    part of the 連携宣言書 (its PDF stays Japanese). Both may be left empty."""

    region_name_en = CleanedCharField(
        max_length=NAME_EN_LENGTH,
        required=False,
        label=_("名称（英語）"),
        help_text=_(
            "任意。英語の公開ページに載ります（連携宣言書には載りません）。"
            "空のときは日本語の名称を載せます。"
        ),
        widget=forms.TextInput(attrs={"lang": "en", "autocomplete": "off"}),
    )
    aspiration_en = CleanedCharField(
        max_length=SUMMARY_EN_LENGTH,
        required=False,
        label=_("目指すべき姿の要約（英語）"),
        help_text=_(
            "任意。2,000 文字以内。英語の公開ページに載ります（連携宣言書には載りません）。"
            "空のときは日本語の目指すべき姿を載せます。"
        ),
        widget=forms.Textarea(attrs={"rows": 4, "lang": "en"}),
    )


def english_initial(revision: DeclarationRevision) -> dict:
    return {"region_name_en": revision.region_name_en, "aspiration_en": revision.aspiration_en}


def english_values(data: dict) -> dict:
    return {name: data[name] for name in ("region_name_en", "aspiration_en") if name in data}
