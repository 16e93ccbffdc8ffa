"""What a staff form accepts back: exactly what its page rendered (ADR 0085).

A browser posts every field the page shows (only an unchecked box, an empty multiple choice
and an empty file input send nothing) and the management form of every formset as it was
rendered. A POST that says otherwise was forged or cut short. Rather than guess (Django
would blank every absent field, read a negative ``TOTAL_FORMS`` as "no rows" and so delete
them, and render up to ``absolute_max`` empty rows for a huge one), it is refused as a bad
request: ``TamperedForm`` is a ``SuspiciousOperation``, so Django answers 400 with the
portal's page (``templates/400.html``), logs it under ``django.security.TamperedForm``, and
nothing has been saved, because the check runs when the formset is bound and when the form
is validated, before any service is called.

- ``CompleteForm``: every staff document form (declaration, vision, project). ``is_valid``/
  ``errors`` refuse a bound form with a rendered field absent from the data. Row forms are
  checked by their formset when it is bound (below).
- ``BoundedFormSet``: every staff formset. Binding refuses a management form that is missing,
  not plain digits, out of ``0 ≤ INITIAL_FORMS ≤ TOTAL_FORMS ≤ absolute_max``, or inconsistent
  with the rows sent (a row below ``TOTAL_FORMS`` incomplete, a row at or above it present).
  ``add_row`` (the 「行を追加」 buttons and the pick from the master data) is the only way a
  page gets a row that was not sent, and it is one complete row.
"""

import re

from django import forms
from django.core.exceptions import SuspiciousOperation
from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT

_COUNT = re.compile(r"\A[0-9]{1,6}\Z")


class TamperedForm(SuspiciousOperation):
    """A staff form's POST is not what its page could send (400, nothing saved)."""


def _omitted(form, name: str, field) -> bool:
    """True when a browser would have sent ``name`` but the data lacks it. Empty file
    inputs are not sent by browsers, so they never count as omitted."""
    if isinstance(field.widget, forms.FileInput):
        return False
    return field.widget.value_omitted_from_data(form.data, form.files, form.add_prefix(name))


def refuse_incomplete(form) -> None:
    """Raise ``TamperedForm`` when bound ``form`` lacks a field its page renders."""
    missing = [name for name, field in form.fields.items() if _omitted(form, name, field)]
    if missing:
        raise TamperedForm(
            f"{type(form).__name__} posted without {len(missing)} of its fields "
            f"(first: {form.add_prefix(missing[0])})"
        )


class CompleteForm(forms.Form):
    """A staff form whose bound data must hold every field it renders."""

    def full_clean(self):
        if self.is_bound:
            refuse_incomplete(self)
        super().full_clean()


def _count(data, name: str) -> int:
    value = data.get(name)
    if not isinstance(value, str) or not _COUNT.match(value):
        raise TamperedForm(f"{name} is missing or not a count: {str(value)[:20]!r}")
    return int(value)


class BoundedFormSet(forms.BaseFormSet):
    """A formset whose bound management form and rows are what its page rendered.

    ``add_row``: ``None``, or the values of one row to add (``{}`` for a blank row) after the
    rows sent; ``added`` is then that row's prefix, or ``None`` when the formset is full.
    """

    def __init__(self, data=None, *args, add_row: dict | None = None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.added = None
        if not self.is_bound:
            return
        total = self._check_management_form()
        if add_row is not None and total < self.absolute_max:
            self.data = self._with_row(total, add_row)
            self.added = self.add_prefix(total)
        self._check_rows()

    def _check_management_form(self) -> int:
        total = _count(self.data, self.add_prefix(TOTAL_FORM_COUNT))
        initial = _count(self.data, self.add_prefix(INITIAL_FORM_COUNT))
        if not initial <= total <= self.absolute_max:
            raise TamperedForm(
                f"{self.prefix}: {initial} initial of {total} rows (at most {self.absolute_max})"
            )
        row = re.compile(rf"\A{re.escape(self.prefix)}-([0-9]+)-")
        for name in self.data:
            match = row.match(name)
            if match and int(match.group(1)) >= total:
                raise TamperedForm(f"{self.prefix}: {name} sent beyond TOTAL_FORMS={total}")
        return total

    def _with_row(self, total: int, values: dict):
        """A copy of the data with one more row: ``values``, and for every other field what
        a browser sends for a new row (the field's initial value, or nothing typed)."""
        data = self.data.copy()
        data[self.add_prefix(TOTAL_FORM_COUNT)] = str(total + 1)
        blank = self.form(
            auto_id=False, prefix=self.add_prefix(total), **self.get_form_kwargs(None)
        )
        for name, field in blank.fields.items():
            key = blank.add_prefix(name)
            if name in values:
                data[key] = values[name]
            elif not field.widget.value_omitted_from_data({}, {}, key):
                continue  # a box left unchecked sends nothing
            else:
                initial = blank[name].value()
                data[key] = "" if initial is None else str(initial)
        return data

    def _check_rows(self) -> None:
        for row in self.forms:
            refuse_incomplete(row)
