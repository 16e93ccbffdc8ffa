"""Template filters of the staff pages: prefecture pickers grouped by 地方, and the error
summary with field errors that name their field (ADR 0096; the review admin loads it too).

Dates (令和), 年度 and amounts (円) come from ``{% load portal_format %}`` (workflow).
"""

from dataclasses import dataclass

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from web.language import in_language_of_record

register = template.Library()


@register.filter
def prefecture_groups(bound_field, blocks):
    """The checkboxes of a prefecture field grouped by 地方 (``filing.master.PickerBlock``):
    [(block name, [subwidget, …], note)]."""
    by_code = {str(widget.data["value"]): widget for widget in bound_field}
    return [
        (block.name, [by_code[code] for code in block.codes if code in by_code], block.note)
        for block in blocks
    ]


@register.filter
def prefecture_list(codes, names) -> str:
    """["01", "02"] → 「北海道、青森県」 ("Hokkaido, Aomori" on an English page)."""
    separator = "、" if in_language_of_record() else ", "
    return separator.join(names.get(str(code), str(code)) for code in codes or ())


@register.filter
def get_item(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def prefecture_of(lg_code, names) -> str:
    """The prefecture of a 全国地方公共団体コード: "022021" → 「青森県」 (nothing if unknown)."""
    code = str(lg_code or "")
    return names.get(code[:2], "") if len(code) == 6 and code.isdigit() else ""


# ---------------------------------------------------------------- error summary (ADR 0096)


@dataclass(frozen=True)
class ErrorItem:
    """One line of the error summary: 「<field label>: <message>」 linking to ``target``."""

    target: str
    text: str


def field_target(bound_field) -> str:
    """The id a summary link points at: the input itself, the first checkbox of a group
    (the <fieldset> when there is none), or nothing for a hidden field."""
    if bound_field.is_hidden or not bound_field.auto_id:
        return ""
    if bound_field.use_fieldset or not bound_field.id_for_label:
        subwidgets = bound_field.subwidgets
        return subwidgets[0].id_for_label if subwidgets else bound_field.auto_id
    return bound_field.id_for_label


def _named(name: str, message) -> str:
    return _("%(name)s: %(message)s") % {"name": name, "message": message} if name else message


def form_error_items(form, *, prefix: str = "", fallback: str = "") -> list[ErrorItem]:
    """The errors of one bound form: its own (non-field) errors, then each field's, in the
    order of the form's fields. ``prefix`` names the row (「構成団体 3行目」), ``fallback`` is
    the id for errors that have no field of their own."""
    if form is None or not form.is_bound:
        return []
    items = []
    visible = [f for f in form.visible_fields() if f.name != "DELETE"]
    first = field_target(visible[0]) if visible and prefix else ""
    for message in form.non_field_errors():
        items.append(ErrorItem(first or fallback, _named(prefix, message)))
    for bound_field in list(form.hidden_fields()) + visible:
        name = " ".join(part for part in (prefix, str(bound_field.label or "")) if part)
        for message in bound_field.errors:
            items.append(
                ErrorItem(field_target(bound_field) or first or fallback, _named(name, message))
            )
    return items


def formset_title(formset) -> str:
    section = getattr(formset, "section", None)
    return str(getattr(section, "title", None) or getattr(formset, "title", "") or "")


def formset_error_items(formset, *, container: str = "") -> list[ErrorItem]:
    """The errors of a formset: its own (too many rows …) linking to ``container``, then each
    row's as 「<title> <n>行目 <label>: <message>」. Rows marked for deletion are left out."""
    if formset is None or not formset.is_bound:
        return []
    title = formset_title(formset)
    items = [ErrorItem(container, _named(title, m)) for m in formset.non_form_errors()]
    for number, row in enumerate(formset.forms, start=1):
        if formset.can_delete and formset._should_delete_form(row):
            continue
        row_name = _("%(title)s %(number)d行目") % {"title": title, "number": number}
        items += form_error_items(row, prefix=row_name, fallback=container)
    return items


# posts that only re-render the form (a row added, a member picked, a search without
# JavaScript): the summary is shown but the focus stays where that request puts it
RE_RENDERS = ("add", "pick", "search")


@register.inclusion_tag("includes/error_summary.html", takes_context=True)
def error_summary(context, *forms, formsets=(), rows="rows-", form_id=""):
    """The error summary of the デジタル庁デザインシステム at the top of a page whose save
    failed: 「入力内容にエラーがあります（N件）」 and one link per error to its field.

    ``forms``: the page's forms (unbound ones or ``None`` add nothing); ``formsets``: row
    formsets, whose own errors link to ``<rows><prefix>`` (the block of rows); ``form_id``:
    where errors without a field of their own point."""
    items = []
    for form in forms:
        items += form_error_items(form, fallback=form_id)
    for formset in formsets or ():
        items += formset_error_items(formset, container=f"{rows}{formset.prefix}")
    request = context.get("request")
    post = getattr(request, "POST", {}) if getattr(request, "method", "") == "POST" else {}
    return {"items": items, "count": len(items), "focus": not any(k in post for k in RE_RENDERS)}


@register.simple_tag
def field_errors(bound_field):
    """The errors of one field, each naming it (「名称: 入力してください。」); the list's id is
    the one Django's aria-describedby on the widget points at."""
    errors = bound_field.errors
    if not errors:
        return ""
    label = str(bound_field.label or "")
    lines = format_html_join(
        "",
        '<li><span class="errorlist__field">{}</span>{}</li>',
        (((_("%(name)s: ") % {"name": label}) if label else "", message) for message in errors),
    )
    return format_html('<ul class="errorlist" id="{}_error">{}</ul>', bound_field.auto_id, lines)
