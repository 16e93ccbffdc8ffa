"""What a staff edit form (declaration, vision, project) was opened with, for the three-way
merge of a save that another editor's save overtook (ADR 0095).

- ``form_data(editor)``: what the page of an unbound editor posts when nothing is changed
  (field names → value lists, the way a browser sends them).
- ``sign_base``/``read_base``: that data, signed with the version it was read at, travels in
  the form's hidden ``base`` field; a token that is forged, of another object or of
  another version reads as ``None`` (no base: every difference becomes a conflict).
- ``units(editor)``: the units the merge compares: each field of the form, and each list of
  rows (a formset, or the project's budget grid) as one.
- ``canonical(editor)``: the values of a bound editor per unit, as its fields clean them
  (so that 「2026/04/01」 and 「2026-04-01」, or CRLF and LF, are the same value).
- ``replaced(data, source, unit)``: ``data`` with one unit's keys taken from ``source``.
- ``shown(editor, unit, value)``: a unit's value as the conflict panel shows it.
"""

from dataclasses import dataclass
from datetime import date

from django import forms
from django.core import signing
from django.http import QueryDict
from django.utils.translation import gettext as _

from filing.formatting import wareki

SALT = "staff.forms.snapshot.base"
RAW = "raw"  # marks a value its field could not clean (compared as typed)


@dataclass(frozen=True)
class Unit:
    name: str  # a field name, or a formset prefix
    label: str
    rows: bool = False


def parts(editor):
    """(the main form, its formsets) of an editor, or of a plain form (the vision's)."""
    return getattr(editor, "form", editor), list(getattr(editor, "formsets", ()))


def _grid(editor):
    """The project's budget grid (one form of 年度 cells under the prefix ``budget``)."""
    grid = getattr(editor, "budget", None)
    return grid if isinstance(grid, forms.BaseForm) and hasattr(grid, "lines") else None


def _formset_title(formset) -> str:
    title = getattr(formset, "title", None)
    if title is None and hasattr(formset, "section"):
        title = formset.section.title
    return str(title or formset.prefix)


def units(editor) -> list[Unit]:
    form, formsets = parts(editor)
    found = [Unit(name, str(field.label or name)) for name, field in form.fields.items()]
    found += [Unit(f.prefix, _formset_title(f), rows=True) for f in formsets]
    if (grid := _grid(editor)) is not None:
        found.append(Unit(grid.prefix, _("年度別の事業費"), rows=True))
    return found


def _sent(bound) -> list[str]:
    """What a browser sends for ``bound`` as rendered (unchecked boxes send nothing)."""
    widget = bound.field.widget
    value = bound.value()
    if isinstance(widget, forms.CheckboxInput):
        return ["on"] if widget.check_test(value) else []
    if isinstance(widget, forms.widgets.ChoiceWidget):
        return [str(v) for v in widget.format_value(value)]
    formatted = widget.format_value(value)
    return ["" if formatted is None else str(formatted)]


def form_data(editor) -> dict[str, list[str]]:
    form, formsets = parts(editor)
    data: dict[str, list[str]] = {}
    bounds = list(form)
    for formset in formsets:
        bounds += list(formset.management_form)
        for row in formset.forms:
            bounds += list(row)
    if (grid := _grid(editor)) is not None:
        bounds += list(grid)
    for bound in bounds:
        sent = _sent(bound)
        if sent:
            data[bound.html_name] = sent
    return data


def as_query(data) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, values in data.items():
        query.setlist(name, list(values))
    return query


def sign_base(data: dict, *, version, scope: str) -> str:
    return signing.dumps({"v": str(version), "d": data}, salt=f"{SALT}:{scope}", compress=True)


def read_base(token, *, version, scope: str) -> dict[str, list[str]] | None:
    try:
        payload = signing.loads(str(token or ""), salt=f"{SALT}:{scope}")
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("v") != str(version):
        return None
    data = payload.get("d")
    if not isinstance(data, dict):
        return None
    return data


def _keys(unit: Unit, data) -> list[str]:
    if unit.rows:
        return [name for name in data if name.startswith(f"{unit.name}-")]
    return [unit.name] if unit.name in data else []


def replaced(data, source, unit: Unit) -> QueryDict:
    """A copy of ``data`` whose keys of ``unit`` are those of ``source``."""
    result = data.copy() if isinstance(data, QueryDict) else as_query(data)
    for name in _keys(unit, result):
        del result[name]
    for name in _keys(unit, source):
        values = source.getlist(name) if isinstance(source, QueryDict) else source[name]
        result.setlist(name, list(values))
    return result


def _plain(value):
    if isinstance(value, list | tuple | set):
        return tuple(_plain(v) for v in value)
    return value


def _value(field, value):
    """A cleaned value to compare: the boxes ticked of a multiple choice in the order of its
    choices (the page posts them in that order; the stored order may differ)."""
    if isinstance(field, forms.MultipleChoiceField) and isinstance(value, list | tuple):
        order = {str(key): index for index, (key, _label) in enumerate(field.choices)}
        return tuple(sorted(value, key=lambda v: order.get(str(v), len(order))))
    return _plain(value)


def _raw(form, prefix_of) -> tuple:
    return (
        RAW,
        tuple(
            (name, tuple(form.data.getlist(name))) for name in sorted(form.data) if prefix_of(name)
        ),
    )


def canonical(editor) -> dict:
    """The values of bound ``editor`` per unit (``TamperedForm`` if its data is cut short)."""
    editor.is_valid()
    form, formsets = parts(editor)
    cleaned = getattr(form, "cleaned_data", {})
    values = {}
    for name in form.fields:
        if name in form.errors or name not in cleaned:
            values[name] = _raw(form, lambda key, name=name: key == name)
        else:
            values[name] = _value(form.fields[name], cleaned[name])
    for formset in formsets:
        rows = []
        for row in formset.forms:
            if formset.can_delete and formset._should_delete_form(row):
                continue
            if not row.is_valid():
                rows.append(_raw(row, lambda key, p=row.prefix: key.startswith(f"{p}-")))
                continue
            if getattr(row, "is_blank", lambda: False)():
                continue
            rows.append(
                tuple(
                    (name, _value(row.fields[name], row.cleaned_data[name]))
                    for name in row.fields
                    if name != "DELETE" and name in row.cleaned_data
                )
            )
        values[formset.prefix] = tuple(rows)
    if (grid := _grid(editor)) is not None:
        if grid.is_valid():
            values[grid.prefix] = (("lines", grid.lines()),)
        else:
            values[grid.prefix] = (_raw(grid, lambda key, p=grid.prefix: key.startswith(f"{p}-")),)
    return values


def _shown_value(field, value) -> str:
    if isinstance(value, tuple) and value[:1] == (RAW,):
        return "、".join(v for _name, values in value[1] for v in values if v)
    if value is None or value == "" or value == ():
        return ""
    if isinstance(value, bool):
        return _("はい") if value else _("いいえ")
    if isinstance(value, date):
        return wareki(value)
    choices = dict(getattr(field, "choices", None) or ()) if field is not None else {}
    if isinstance(value, tuple):
        return "、".join(str(choices.get(v, v)) for v in value)
    if isinstance(value, list):
        return "\n".join(value)
    return str(choices.get(value, value))


def shown(editor, unit: Unit, value) -> str:
    """``value`` of ``unit`` for people: one line per row for a list of rows."""
    form, formsets = parts(editor)
    if not unit.rows:
        return _shown_value(form.fields.get(unit.name), value) or _("（空欄）")
    formset = next((f for f in formsets if f.prefix == unit.name), None)
    fields = formset.empty_form.fields if formset is not None else {}
    lines = []
    for row in value or ():
        if row[:1] == ("lines",):
            lines += [
                _("%(year)s年度 %(amount)s円") % {"year": year, "amount": f"{amount:,}"}
                for year, amount in row[1]
            ]
            continue
        if row[:1] == (RAW,):
            lines.append(_shown_value(None, row))
            continue
        parts_shown = []
        for name, item in row:
            field = fields.get(name)
            if name == "key" or item in (None, "", (), False):
                continue
            if item is True:
                parts_shown.append(str(field.label) if field is not None else name)
            else:
                parts_shown.append(_shown_value(field, item))
        lines.append("、".join(p for p in parts_shown if p))
    return "\n".join(lines) or _("（行なし）")
