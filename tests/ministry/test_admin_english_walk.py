"""The review admin in English (issue 18, ADR 0128): every page a reviewer reaches answers
with the cookie of the header's language switch set to English, is ``<html lang="en">`` with
its header and breadcrumbs in English, and never shows a region's draft that was not sent."""

import pytest
from django.urls import reverse

from declarations.models import DeclarationRevision
from filing.bundle import read_bundle_file
from tests.english_helpers import CHROME, html_lang, in_english, japanese_outside_lang_ja
from tests.ministry.test_admin_labels import admin_pages
from tests.review_helpers import BUNDLES, revision_url
from workflow.adapter import filing_import

pytestmark = pytest.mark.django_db

UNSENT = "送付されていない下書きのリージョン"


@pytest.fixture
def unsent_draft():
    draft = filing_import(read_bundle_file(BUNDLES / "valid_region.json"), slug="unsent")
    DeclarationRevision.objects.filter(pk=draft.declaration_revision.pk).update(region_name=UNSENT)
    return draft


def review_pages(submitted):
    """``(url, chrome)``: the review pages with their breadcrumbs, then every model page
    of the admin with its header (their breadcrumbs name the object as filed, from Django's
    templates)."""
    yield reverse("admin:index"), CHROME
    for name in ("queue", "overview", "audit"):
        yield reverse(f"admin:reviews_{name}"), CHROME
    yield revision_url(submitted.declaration_revision), CHROME
    yield revision_url(submitted.vision_revision), CHROME
    for _model, _admin, url in admin_pages():
        yield url, ("#header",)


def test_every_admin_page_of_a_reviewer_answers_in_english(
    reviewer_client, submitted, unsent_draft
):
    in_english(reviewer_client)
    pages = 0
    for url, chrome in review_pages(submitted):
        response = reviewer_client.get(url)
        assert response.status_code in {200, 302, 403}, (url, response.status_code)
        if response.status_code != 200:
            continue
        pages += 1
        html = response.content.decode()
        assert response["Content-Language"] == "en", url
        assert html_lang(html) == "en", url
        # No page shows an unsent draft: the review pages, the audit trail (which records
        # the draft's import by the region's slug) and the model pages (ADR 0133).
        assert UNSENT not in html, url
        assert japanese_outside_lang_ja(html, within=chrome) == [], url
    assert pages >= 10

    # The queue in English lists what was sent, with English columns; a draft is a 404.
    queue = reviewer_client.get(reverse("admin:reviews_queue") + "?status=").content.decode()
    assert "Review queue" in queue and UNSENT not in queue
    assert reviewer_client.get(revision_url(unsent_draft.declaration_revision)).status_code == 404
