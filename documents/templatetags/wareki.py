"""Template filters for Japanese dates and amounts: ``{% load wareki %}``.

``{{ day|wareki }}`` → 令和8年4月1日, ``{{ day|wareki_month }}`` → 令和8年4月,
``{{ 2026|nendo }}`` → 令和8年度, ``{{ amount|yen }}`` → 1,234,567円. An empty value
gives an empty string; a value the filter cannot read is shown as it is.
"""

from datetime import date

from django import template

from filing import formatting as calendar

register = template.Library()


def _safe(function, value):
    if value in (None, ""):
        return ""
    try:
        return function(value)
    except (TypeError, ValueError, OverflowError):
        return value


@register.filter
def wareki(value):
    """「令和8年4月1日」 (a datetime is read in the current time zone)."""
    return _safe(calendar.wareki, value)


@register.filter
def wareki_month(value):
    """「令和8年4月」."""
    return _safe(calendar.wareki_month, value)


@register.filter
def nendo(value):
    """「令和8年度」 for 2026 (a year number, or a date: the fiscal year it falls in)."""
    if isinstance(value, date):
        return _safe(lambda day: calendar.nendo(calendar.fiscal_year(day)), value)
    return _safe(lambda year: calendar.nendo(int(year)), value)


@register.filter
def yen(value):
    """「1,234,567円」."""
    return _safe(lambda amount: f"{int(amount):,}円", value)
