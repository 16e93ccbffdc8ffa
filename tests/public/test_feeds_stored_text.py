"""The Atom feed never fails on text already stored: what XML 1.0 cannot carry (a control
character, NUL, a lone surrogate written by a script or before the one cleaner) is
removed at output (issue 12, item 2)."""

import xml.etree.ElementTree as ET

import pytest
from django.db import DataError, connection, transaction
from django.db.models import QuerySet

from declarations.models import DeclarationRevision
from tests.public_data import (
    change_region,
    publish_region,
    setouchi_change,
    skip_pdfs,
    valid_filing,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def stored(**lookup):
    return QuerySet(DeclarationRevision).filter(**lookup)


@pytest.mark.parametrize("bad", ["\x0b", "\x00", "\x1b", "\ufffe"])
def test_a_stored_control_character_in_a_region_name_does_not_break_the_feed(
    client, monkeypatch, bad
):
    skip_pdfs(monkeypatch)
    first = publish_region("setouchi")
    # Written directly (past the frozen-revision guard), as a script or an old import would.
    if bad == "\x00" and connection.vendor == "postgresql":
        # PostgreSQL itself refuses NUL in text, so no stored name can hold one there.
        with pytest.raises(DataError), transaction.atomic():
            stored(pk=first.declaration_revision.pk).update(region_name=f"瀬戸内{bad}広域")
        return
    stored(pk=first.declaration_revision.pk).update(region_name=f"瀬戸内{bad}広域リージョン")

    response = client.get("/feeds/publications.atom")

    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert any(title.startswith("瀬戸内") and "広域リージョン" in title for title in titles)
    assert bad.encode("utf-8") not in response.content


def test_the_feed_holds_after_a_corrected_change_is_published(client, monkeypatch):
    skip_pdfs(monkeypatch)
    first = publish_region("setouchi")
    stored(pk=first.declaration_revision.pk).update(
        region_name="瀬戸内\x0b広域リージョン", reason="理由\x0b"
    )
    change_region(first.region, setouchi_change(valid_filing()))

    response = client.get("/feeds/publications.atom")

    assert response.status_code == 200
    ET.fromstring(response.content)
