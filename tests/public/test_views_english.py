"""The public pages in English (/en/, ADR 0124): the region's English name and summary when
it gave them (lang="en"), else its Japanese as filed (lang="ja"); the prefectures by their
English names from the master data; the municipalities as filed."""

import re
from dataclasses import replace

import pytest
from django.core.cache import cache

from tests.public_data import publish_region, skip_pdfs, valid_filing

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    skip_pdfs(monkeypatch)
    cache.clear()
    yield
    cache.clear()


def english_filing():
    filing = valid_filing()
    return replace(
        filing,
        declaration=replace(
            filing.declaration,
            region_name_en="Setouchi Regional Alliance",
            aspiration_en="Islands working together.",
        ),
    )


def test_the_english_region_page_shows_the_english_name_and_summary(client):
    publish_region("setouchi", english_filing())

    page = client.get("/en/regions/setouchi/").content.decode()

    assert '<h1 class="region-title"><span lang="en">Setouchi Regional Alliance</span>' in page
    assert '<span lang="en">Islands working together.</span>' in page
    assert "<title>Setouchi Regional Alliance |" in page
    # the name as filed stays there, marked Japanese
    assert f'<span lang="ja">{valid_filing().declaration.region_name}</span>' in page


def test_the_japanese_page_stays_as_filed_without_the_english(client):
    publish_region("setouchi", english_filing())

    page = client.get("/regions/setouchi/").content.decode()

    assert "Setouchi Regional Alliance" not in page
    assert "Islands working together." not in page
    assert f'<h1 class="region-title">{valid_filing().declaration.region_name}' in page


def test_without_an_english_name_the_english_page_shows_the_japanese_marked_as_such(client):
    publish_region("setouchi")
    name = valid_filing().declaration.region_name

    page = client.get("/en/regions/setouchi/").content.decode()
    listing = client.get("/en/regions/").content.decode()

    assert f'<h1 class="region-title"><span lang="ja">{name}</span>' in page
    assert f'<span lang="ja">{name}</span></a>' in listing


def test_prefectures_have_their_english_names_and_municipalities_stay_japanese(client):
    publish_region("setouchi")

    page = client.get("/en/regions/setouchi/").content.decode()
    listing = client.get("/en/regions/").content.decode()

    assert "Okayama" in page and "Okayama" in listing
    municipality = next(m for m in valid_filing().members if m.kind == "municipality")
    assert f'<span lang="ja">{municipality.name}</span>' in page
    # the area's table names the prefecture in English, not as 「岡山県」
    assert re.search(r'<th scope="row">Okayama</th>', page)


def test_the_english_list_shows_the_english_name_and_summary(client):
    publish_region("setouchi", english_filing())

    listing = client.get("/en/regions/").content.decode()

    assert '<span lang="en">Setouchi Regional Alliance</span>' in listing
    assert '<span lang="en">Islands working together.</span>' in listing


def test_the_api_gives_the_english_name_and_summary_beside_the_japanese(client):
    publish_region("setouchi", english_filing())

    region = client.get("/api/v1/regions/setouchi").json()["region"]

    assert region["name_en"] == "Setouchi Regional Alliance"
    assert region["aspiration_en"] == "Islands working together."
    assert region["name"] == valid_filing().declaration.region_name
