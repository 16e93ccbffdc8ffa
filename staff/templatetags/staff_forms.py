"""Template filters of the staff pages: prefecture pickers grouped by 地方.

Dates (令和), 年度 and amounts (円) come from ``{% load portal_format %}`` (workflow).
"""

from django import template

register = template.Library()


@register.filter
def prefecture_groups(bound_field, blocks):
    """The checkboxes of a prefecture field grouped by 地方: [(block name, [subwidget, …])]."""
    by_code = {str(widget.data["value"]): widget for widget in bound_field}
    return [(name, [by_code[code] for code in codes if code in by_code]) for name, codes in blocks]


@register.filter
def prefecture_list(codes, names) -> str:
    """["01", "02"] → 「北海道、青森県」."""
    return "、".join(names.get(str(code), str(code)) for code in codes or ())


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
