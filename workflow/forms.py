"""The one text cleaner (``filing.text``, ADR 0084) as Django form fields, for every client
that takes text in a form: the staff forms (``staff.forms``) and the admin's draft forms
(``ministry.admin.drafts``). A character the cleaner refuses is the field's error."""

from django import forms

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
