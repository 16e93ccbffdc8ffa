"""The Atom feed of publications, /feeds/publications.atom."""

import xml.etree.ElementTree as ET

import pytest
from django.conf import settings

from declarations.lifecycle import Status
from tests.prebuilt import restored
from tests.public_data import (
    change_region,
    changed_setouchi,
    setouchi_change,
    skip_pdfs,
    valid_filing,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def setouchi(monkeypatch):
    skip_pdfs(monkeypatch)
    return restored(changed_setouchi)


def read_feed(client):
    response = client.get("/feeds/publications.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def test_feed_lists_every_publication_newest_first(client, setouchi):
    feed = read_feed(client)

    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert titles == [
        "瀬戸内広域リージョン: 連携ビジョン 第2版（変更）を公表",
        "瀬戸内広域リージョン: 連携宣言書 第2版（変更）を公表",
        "瀬戸内広域リージョン: 連携ビジョン 第1版（策定）を公表",
        "瀬戸内広域リージョン: 連携宣言書 第1版（策定）を公表",
    ]


def test_each_entry_links_the_state_it_announces_and_has_a_stable_id(client, setouchi):
    entry = next(read_feed(client).iter(f"{ATOM}entry"))

    assert entry.find(f"{ATOM}link").get("href").endswith("/regions/setouchi/revisions/v2/")
    assert entry.findtext(f"{ATOM}id") == "tag:region-portal,2026:setouchi/v2"
    assert "構成団体の追加" in entry.findtext(f"{ATOM}summary")
    assert entry.findtext(f"{ATOM}updated")


def test_feed_states_the_licence_and_names_no_person(client, setouchi):
    feed = read_feed(client)

    assert settings.DATA_LICENCE["url"] in feed.findtext(f"{ATOM}rights")
    authors = [a.findtext(f"{ATOM}name") for a in feed.iter(f"{ATOM}author")]
    assert set(authors) <= {settings.PORTAL_NAME}
    assert "public-data-reviewer" not in ET.tostring(feed, encoding="unicode")


def test_feed_leaves_out_what_is_not_published(client, setouchi, monkeypatch):
    change_region(setouchi, setouchi_change(valid_filing()), status=Status.SUBMITTED)

    titles = [e.findtext(f"{ATOM}title") for e in read_feed(client).iter(f"{ATOM}entry")]

    assert len(titles) == 4
    assert not any("第3版" in title for title in titles)


def test_empty_feed_is_valid_atom(client):
    feed = read_feed(client)

    assert feed.tag == f"{ATOM}feed"
    assert list(feed.iter(f"{ATOM}entry")) == []


def test_feed_is_linked_from_the_region_page(client, setouchi):
    assert 'type="application/atom+xml" href="/feeds/publications.atom"' in (
        client.get("/regions/setouchi/").content.decode()
    )
