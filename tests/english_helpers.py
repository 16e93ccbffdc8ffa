"""Helpers of the tests that walk the staff pages and the admin in English (ADR 0124, 0128).

``in_english(client)`` gives a test client the cookie the header's language switch sets.
``japanese_outside_lang_ja(html, within=...)`` finds the Japanese text of a page that no
element marks ``lang="ja"``: on an English page it is either fixed UI text that was not
translated or filed content without its ``lang`` (both read wrong by a screen reader).
"""

import re
from html.parser import HTMLParser

from django.conf import settings

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff60]")
VOID_TAGS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
# The parts of every page that are the portal's own UI: the header with its menu, the
# breadcrumbs and the footer (the admin's header is #header, its breadcrumbs .breadcrumbs).
CHROME = (".site-header", ".site-footer", "#header", ".breadcrumbs", ".review-threads__crumbs")


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def html_lang(html: str) -> str | None:
    match = re.search(r"<html[^>]*\slang=\"([^\"]+)\"", html)
    return match.group(1) if match else None


def _matches(tag: str, attrs: dict, selector: str) -> bool:
    if selector.startswith("#"):
        return attrs.get("id") == selector[1:]
    if selector.startswith("."):
        return selector[1:] in (attrs.get("class") or "").split()
    return tag == selector


class _Texts(HTMLParser):
    def __init__(self, within):
        super().__init__(convert_charrefs=True)
        self.within = within
        self.stack: list[tuple[str, str, bool]] = []  # (tag, language, inside ``within``)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID_TAGS:
            return
        attrs = dict(attrs)
        language, inside = self.stack[-1][1:] if self.stack else ("", not self.within)
        inside = inside or any(_matches(tag, attrs, s) for s in self.within)
        self.stack.append((tag, attrs.get("lang") or language, inside))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if not self.stack or self.stack[-1][0] in {"script", "style", "title"}:
            return
        _tag, language, inside = self.stack[-1]
        if inside and language != "ja" and JAPANESE.search(data):
            self.found.append(" ".join(data.split()))


def japanese_outside_lang_ja(html: str, within=CHROME) -> list[str]:
    """The texts with Japanese in them that no ``lang="ja"`` element holds, inside the
    elements ``within`` names (tag names, ``#id`` or ``.class``; ``()`` for the whole page)."""
    parser = _Texts(within)
    parser.feed(html)
    return parser.found
