"""Template filters of the public pages: amounts in 円, dates and 年度 in 令和."""

from datetime import date, datetime

from django import template

from filing import formatting as wareki
from public.charts import short_yen as short_yen_text
from public.charts import yen as yen_text

register = template.Library()


@register.filter
def yen(amount):
    """1234567 → 「1,234,567円」; empty for None."""
    if amount is None or amount == "":
        return ""
    return yen_text(int(amount))


@register.filter
def jdate(value):
    """A date (or a datetime, read in Japan time) as 「令和8年4月1日」."""
    if not isinstance(value, date | datetime):
        return value or ""
    try:
        return wareki.wareki(value)
    except ValueError:
        return value.isoformat()


@register.filter
def nendo(year):
    """2026 → 「令和8年度」."""
    try:
        return wareki.nendo(int(year))
    except (TypeError, ValueError):
        return year or ""


@register.filter
def get_item(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def signed_yen(amount):
    """A difference in 円 with its sign: 「+1,000円」「−1,000円」「±0円」."""
    if amount is None or amount == "":
        return ""
    amount = int(amount)
    if amount > 0:
        return "+" + yen_text(amount)
    if amount < 0:
        return "−" + yen_text(-amount)
    return "±" + yen_text(0)


@register.filter
def short_yen(amount):
    """An amount rounded for a headline: 「245.7億円」."""
    if amount is None or amount == "":
        return ""
    return short_yen_text(int(amount))
