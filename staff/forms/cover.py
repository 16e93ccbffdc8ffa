"""The 送付書's own fields of the staff forms (文書番号, 担当部署・連絡先), shared by the
declaration and vision forms (ADR 0093)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from declarations.lifecycle import COVER_FIELDS
from declarations.models import DeclarationRevision
from workflow.forms import CleanedCharField


class CoverFieldsMixin:
    """The 送付書's own fields (文書番号, 担当部署・連絡先), on every revision of both documents:
    printed on the letter made at 送付, none required (ADR 0093)."""

    def add_cover_fields(self) -> None:
        model = DeclarationRevision._meta
        self.fields["cover_number"] = CleanedCharField(
            required=False,
            label=_("送付書の文書番号"),
            max_length=model.get_field("cover_number").max_length,
            help_text=_("送付の前に、貴団体の文書番号（例: 瀬戸内広域第12号）を記入します。"),
        )
        self.fields["contact_department"] = CleanedCharField(
            required=False,
            label=_("担当部署"),
            max_length=model.get_field("contact_department").max_length,
            help_text=_(
                "送付書の「担当部署・連絡先」に載ります。送付書は公表した版とともに公開されます。"
            ),
        )
        self.fields["contact_person"] = CleanedCharField(
            required=False,
            label=_("担当者"),
            max_length=model.get_field("contact_person").max_length,
        )
        self.fields["contact_phone"] = CleanedCharField(
            required=False,
            label=_("電話番号"),
            max_length=model.get_field("contact_phone").max_length,
            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        )
        self.fields["contact_email"] = forms.EmailField(
            label=_("電子メール"),
            required=False,
            max_length=model.get_field("contact_email").max_length,
            error_messages={"invalid": _("電子メールのアドレスを正しく入力してください。")},
            widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        )

    def cover_values(self) -> dict:
        return {name: self.cleaned_data.get(name, "") for name in COVER_FIELDS}
