"""Template filters of the public pages that are not formatting (dates, 年度 and 円 are
written by ``{% load portal_format %}``)."""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import conditional_escape, format_html
from django.utils.text import Truncator

from web.language import in_language_of_record

register = template.Library()


@register.filter
def get_item(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None


# ---------------------------------------------------------------- content as filed (ADR 0124)


def _english_value(obj, name: str) -> str:
    """``obj.<name>_en`` (the optional English of a filed text) on a page not in Japanese."""
    if in_language_of_record():
        return ""
    return getattr(obj, f"{name}_en", "") or ""


@register.filter
def shown(obj, spec: str):
    """The filed text ``obj.<name>`` (``spec`` "name" or "name:length" to cut it) as the page
    shows it: on a Japanese page as it is; on an English page its English (``<name>_en``,
    ``lang="en"``) when the region gave one, else the Japanese with ``lang="ja"``. Line
    breaks become ``<br>``."""
    name, _sep, length = spec.partition(":")
    english = _english_value(obj, name)
    text = english or getattr(obj, name, "") or ""
    if length:
        text = Truncator(text).chars(int(length))
    html = linebreaksbr(text, autoescape=True)
    if in_language_of_record():
        return html
    return format_html('<span lang="{}">{}</span>', "en" if english else "ja", html)


@register.filter
def shown_text(obj, name: str) -> str:
    """Plain text for a ``<title>`` or an attribute: the English of ``obj.<name>`` on an
    English page when there is one, else the filed text."""
    return _english_value(obj, name) or getattr(obj, name, "") or ""


@register.filter
def prefectures_shown(prefectures) -> str:
    """Prefectures by name, joined as the page's language joins them: 「北海道、青森県」 on a
    Japanese page, "Hokkaido, Aomori" (their English names, master data) on an English one."""
    if in_language_of_record():
        return "、".join(p.name for p in prefectures)
    return ", ".join(p.name_en or p.name for p in prefectures)


@register.filter
def as_filed(value):
    """A text as filed (Japanese): on an English page inside ``<span lang="ja">``."""
    if value in (None, ""):
        return ""
    if in_language_of_record():
        return conditional_escape(value)
    return format_html('<span lang="ja">{}</span>', value)


@register.filter
def listed(values) -> str:
    """Labels joined as the page's language joins them (「、」 or ", ")."""
    return ("、" if in_language_of_record() else ", ").join(str(value) for value in values)
