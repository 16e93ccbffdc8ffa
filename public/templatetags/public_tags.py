"""Template filters of the public pages that are not formatting (dates, 年度 and 円 are
written by ``{% load portal_format %}``)."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None
