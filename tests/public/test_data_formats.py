"""What the open data says about time and text (issue 13): ISO 8601 in Japan time
(+09:00) in the API, the CSV and the Atom feed; UTF-8 JSON, not ``\\uXXXX``; HEAD
answered like GET on the API."""

import csv
import io
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest
from django.core.cache import cache

from declarations.models import DeclarationRevision
from filing.formatting import iso_datetime
from tests.public_data import publish_region, skip_pdfs

pytestmark = pytest.mark.django_db

# 令和8年12月2日 6:24:20 in Japan: still 12月1日 in UTC.
MOMENT = datetime(2026, 12, 1, 21, 24, 20, tzinfo=UTC)
JST_TEXT = "2026-12-02T06:24:20+09:00"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def published_early_morning(monkeypatch):
    skip_pdfs(monkeypatch)
    cache.clear()
    result = publish_region("setouchi")
    DeclarationRevision.objects.filter(pk=result.declaration_revision.pk).update(
        published_at=MOMENT
    )
    cache.clear()
    yield result
    cache.clear()


def test_iso_datetime_writes_japan_time_with_its_offset():
    assert iso_datetime(MOMENT) == JST_TEXT
    assert iso_datetime(None) == ""


def test_api_gives_the_publication_time_in_japan_time(client, published_early_morning):
    data = client.get("/api/v1/regions/setouchi").json()

    assert data["region"]["declaration"]["published_at"] == JST_TEXT
    revisions = client.get("/api/v1/regions/setouchi/revisions").json()
    declaration = next(item for item in revisions["items"] if item["document"] == "declaration")
    assert declaration["published_at"] == JST_TEXT


def test_api_list_gives_japan_time(client, published_early_morning):
    items = client.get("/api/v1/regions").json()["items"]

    assert items[0]["published_at"] == JST_TEXT


def test_regions_csv_gives_the_publication_time_in_japan_time(client, published_early_morning):
    response = client.get("/opendata/regions.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

    assert JST_TEXT in rows[1]
    assert "Z" not in "".join(cell for cell in rows[1] if cell.startswith("2026-12"))


def test_atom_feed_dates_are_japan_time(client, published_early_morning):
    root = ET.fromstring(client.get("/feeds/publications.atom").content)

    updated = [e.findtext(f"{ATOM}updated") for e in root.iter(f"{ATOM}entry")]
    assert JST_TEXT in updated
    assert root.findtext(f"{ATOM}updated").endswith("+09:00")


def test_api_returns_japanese_as_utf8_not_escapes(client, published_early_morning):
    response = client.get("/api/v1/regions/setouchi")

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "瀬戸内広域リージョン".encode() in response.content
    assert b"\\u" not in response.content
    assert response.json()["region"]["name"] == "瀬戸内広域リージョン"


def test_openapi_document_is_utf8_too(client):
    response = client.get("/api/v1/openapi.json")

    assert "オープンデータ".encode() in response.content
    assert b"\\u30" not in response.content


@pytest.mark.parametrize(
    "url", ["/api/v1/", "/api/v1/regions", "/api/v1/regions/setouchi", "/api/v1/openapi.json"]
)
def test_head_is_answered_like_get_without_a_body(client, published_early_morning, url):
    get = client.get(url)
    head = client.head(url)

    assert head.status_code == 200 == get.status_code
    assert head["Content-Type"] == get["Content-Type"]
    assert head.content == b""


def test_head_of_an_unknown_region_is_404_like_get(client, published_early_morning):
    assert client.head("/api/v1/regions/nowhere").status_code == 404
    assert client.post("/api/v1/regions").status_code == 405
