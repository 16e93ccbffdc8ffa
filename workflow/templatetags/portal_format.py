"""Dates, 年度 and 円 in templates: ``{% load portal_format %}``.

Every filter writes through ``filing.formatting`` (ADR 0080, 「何をどの利用者に見せるか」):

``{{ day|wareki }}`` → 令和8年4月1日, ``{{ day|wareki_month }}`` → 令和8年4月,
``{{ 2026|nendo }}`` → 令和8年度 (a date gives the 年度 it falls in),
``{{ 2026|seireki_nendo }}`` → 2026年度, ``{{ amount|yen }}`` → 1,234,567円,
``{{ difference|signed_yen }}`` → +1,000円 / −1,000円 / ±0円,
``{{ amount|short_yen }}`` → 245.7億円.

An empty value (``None`` or ``""``) gives an empty string; a value a filter cannot read
is shown as it is (Django then writes it as it would without the filter).
"""

from datetime import date

from django import template

from filing import formatting

register = template.Library()


def _safe(function, value):
    if value is None or value == "":
        return ""
    try:
        return function(value)
    except (TypeError, ValueError, OverflowError):
        return value


@register.filter
def wareki(value):
    """「令和8年4月1日」 (a datetime is read in Japan time)."""
    return _safe(formatting.wareki, value)


@register.filter
def wareki_month(value):
    """「令和8年4月」."""
    return _safe(formatting.wareki_month, value)


@register.filter
def nendo(value):
    """「令和8年度」 for 2026 (a year number, or a date: the fiscal year it falls in)."""
    if isinstance(value, date):
        return _safe(lambda day: formatting.nendo(formatting.fiscal_year(day)), value)
    return _safe(lambda year: formatting.nendo(int(year)), value)


@register.filter
def seireki_nendo(value):
    """「2026年度」 for 2026."""
    return _safe(lambda year: formatting.seireki_nendo(int(year)), value)


@register.filter
def yen(value):
    """「1,234,567円」."""
    return _safe(lambda amount: formatting.yen(int(amount)), value)


@register.filter
def signed_yen(value):
    """「+1,000円」「−1,000円」「±0円」."""
    return _safe(lambda amount: formatting.signed_yen(int(amount)), value)


@register.filter
def short_yen(value):
    """「245.7億円」「300万円」「5,000円」."""
    return _safe(lambda amount: formatting.short_yen(int(amount)), value)


@register.filter
def figure(value):
    """A target's figure (ADR 0104): 「1,234.5」, no trailing zeros, never an exponent."""
    from decimal import Decimal, InvalidOperation

    from filing.targets import format_value

    try:
        return _safe(lambda number: format_value(Decimal(str(number))), value)
    except InvalidOperation:
        return value
