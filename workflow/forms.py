"""The one text cleaner (``filing.text``, ADR 0084) as Django form fields, for every client
that takes text in a form: the staff forms (``staff.forms``) and the admin's draft forms
(``ministry.admin.drafts``). A character the cleaner refuses is the field's error."""

from django import forms

from filing.amounts import INVALID, YEN, AmountError, format_amount, parse_amount
from filing.text import TextRefused, clean_text


def cleaned(value: str, *, multiline: bool = True) -> str:
    """``value`` through the one text cleaner; ``ValidationError`` for NUL or a lone surrogate."""
    try:
        return clean_text(value, multiline=multiline)
    except TextRefused as error:
        raise forms.ValidationError(error.message, code="refused_character") from None


class CleanedCharField(forms.CharField):
    """A ``CharField`` whose text goes through the one cleaner before any other check: a
    single line unless its widget is a text area."""

    def to_python(self, value):
        if isinstance(value, str):
            value = cleaned(value, multiline=isinstance(self.widget, forms.Textarea))
        return super().to_python(value)


class AmountInput(forms.TextInput):
    """A text box for an amount: 「1億8千万」 needs the kanji keyboard, so no numeric
    ``inputmode``; an amount is written with its thousands separators in the field's unit."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"autocomplete": "off", "spellcheck": "false", **(attrs or {})})


class AmountField(forms.Field):
    """An amount in 円 as people write it (``filing.amounts``): 全角 digits, commas, 「1億8千万」,
    「180,000千円」; a bare number counts in ``unit`` (円 or 千円). A blank is ``None``.
    An amount that cannot be read is refused with the reason (「数字で入力してください（…）」);
    the one error renderer (``field_errors``, ADR 0096) puts the field's label before it, so
    a label such as 「令和8年度の金額」 names the field and the year."""

    widget = AmountInput

    def __init__(self, *, unit: int = YEN, required=False, **kwargs):
        self.unit = unit
        super().__init__(required=required, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return format_amount(value, self.unit)
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not isinstance(value, str):
            raise forms.ValidationError(INVALID, code="invalid")
        try:
            return parse_amount(cleaned(value, multiline=False), unit=self.unit)
        except AmountError as error:
            raise forms.ValidationError(error.reason, code="invalid") from None
