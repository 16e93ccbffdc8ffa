"""Every label of the admin is Japanese (issue 13: REGION and CONTENT TYPE column headers,
the English pages of django-axes and django-otp).

The heuristic walks every changelist, every add page and the change page of a first row as an operator (superuser) and as a
reviewer, with a verified second factor, and refuses a column header, a filter title or a form
label written in ASCII letters only (the admin's CSS shows them in capitals: REGION).
"""

import re
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.mfa_helpers import verified_client

pytestmark = pytest.mark.django_db

# ASCII words that are right in Japanese too.
ALLOWED = {"ID", "URL", "IP", "TOTP", "SHA-256", "SMTP"}
ASCII_ONLY = re.compile(r"^[A-Za-z][A-Za-z0-9 _\-./()]*$")


class Labels(HTMLParser):
    """The texts of column headers (``th scope=col``), filter titles and form labels."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._depth = 0  # inside a label or a column header
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "details" and "data-filter-title" in attrs:
            self.found.append(attrs["data-filter-title"])
        if (tag == "th" and attrs.get("scope") == "col") or tag == "label":
            if self._depth == 0:
                self._text = []
            self._depth += 1

    def handle_endtag(self, tag):
        if tag in ("th", "label") and self._depth:
            self._depth -= 1
            if self._depth == 0:
                self.found.append(" ".join("".join(self._text).split()))

    def handle_data(self, data):
        if self._depth:
            self._text.append(data)


def english_labels(html: str) -> set[str]:
    parser = Labels()
    parser.feed(html)
    return {
        text.rstrip(":：")
        for text in parser.found
        if text and ASCII_ONLY.match(text.rstrip(":：")) and text.rstrip(":：") not in ALLOWED
    }


def admin_pages():
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        yield model, model_admin, reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        yield model, model_admin, reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            name = f"admin:{meta.app_label}_{meta.model_name}_change"
            yield model, model_admin, reverse(name, args=[first.pk])


def walk(client) -> dict[str, set[str]]:
    found = {}
    for _model, _admin, url in admin_pages():
        response = client.get(url)
        assert response.status_code in (200, 302, 403), (url, response.status_code)
        if response.status_code != 200:
            continue
        english = english_labels(response.content.decode())
        if english:
            found[url] = english
    return found


def test_the_heuristic_catches_an_english_header():
    html = (
        '<table><thead><tr><th scope="col"><div class="text"><a href="?o=1">region</a></div>'
        '</th><th scope="col">審査</th></tr></thead></table>'
        '<details data-filter-title="content type"></details><label for="x">ID:</label>'
    )
    assert english_labels(html) == {"region", "content type"}


def test_every_admin_page_is_labelled_in_japanese_for_an_operator(superuser, submitted):
    assert walk(verified_client(superuser)) == {}


def test_every_admin_page_is_labelled_in_japanese_for_a_reviewer(reviewer, submitted):
    assert walk(verified_client(reviewer)) == {}


def test_the_app_index_names_every_model_in_japanese(superuser):
    page = verified_client(superuser).get(reverse("admin:index")).content.decode()
    for english in ("Access attempts", "Access logs", "TOTP devices", "Static devices"):
        assert english not in page
