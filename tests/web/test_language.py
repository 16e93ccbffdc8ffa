# ruff: noqa: F811 (pytest fixtures imported from tests.staff_helpers)
"""The language of a page (web.language, ADR 0124): the public pages by address (/ Japanese,
/en/ English) with the switch and the hreflang alternates; the staff pages and the admin by
the visitor's choice (set_language); the API, the CSVs and the feed always Japanese."""

import re

import pytest
from django.conf import settings
from django.core.cache import cache

from tests.prebuilt import restored
from tests.public_data import published_setouchi, skip_pdfs
from tests.staff_helpers import editor, editor_client, region  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def published(monkeypatch):
    skip_pdfs(monkeypatch)
    return restored(published_setouchi)


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def alternates(response) -> dict[str, str]:
    found = re.findall(
        r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', response.content.decode()
    )
    return dict(found)


PUBLIC_PAGES = ["/", "/regions/", "/regions/setouchi/", "/opendata/", "/support/", "/about/"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_public_page_is_japanese_at_its_address_and_english_under_en(client, published, path):
    japanese = client.get(path)
    english = client.get(f"/en{path}")

    assert japanese.status_code == english.status_code == 200
    assert html_lang(japanese) == "ja" and japanese["Content-Language"] == "ja"
    assert html_lang(english) == "en" and english["Content-Language"] == "en"


@pytest.mark.parametrize("path", ["/regions/setouchi/", "/regions/?sort=name"])
def test_public_pages_name_themselves_in_each_language_and_japanese_as_default(
    client, published, path
):
    for response in (client.get(path), client.get(f"/en{path}")):
        links = alternates(response)
        # from PORTAL_BASE_URL (a whole page is kept for every Host that asks), the page itself
        # without the query
        base, page = settings.PORTAL_BASE_URL.rstrip("/"), path.partition("?")[0]
        assert links == {
            "ja": f"{base}{page}",
            "en": f"{base}/en{page}",
            "x-default": f"{base}{page}",
        }


def test_the_switch_links_to_the_same_page_in_the_other_language_named_in_itself(client, published):
    japanese = client.get("/regions/setouchi/").content.decode()
    english = client.get("/en/regions/setouchi/").content.decode()

    assert '<a href="/en/regions/setouchi/" hreflang="en" lang="en">English</a>' in japanese
    assert '<span class="language-switch__current" lang="ja" aria-current="true">日本語</span>' in (
        japanese
    )
    assert '<a href="/regions/setouchi/" hreflang="ja" lang="ja">日本語</a>' in english


def test_the_switch_keeps_the_visitors_filters(client, published):
    page = client.get("/regions/?sort=name").content.decode()

    assert '<a href="/en/regions/?sort=name" hreflang="en" lang="en">English</a>' in page


def test_a_browser_asking_for_english_still_gets_japanese_at_the_japanese_address(
    client, published
):
    response = client.get("/regions/", headers={"accept-language": "en"})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with_cookie = client.get("/regions/")

    assert html_lang(response) == "ja" and html_lang(with_cookie) == "ja"


def test_english_pages_are_translated_by_the_catalogue(client, published):
    english = client.get("/en/regions/").content.decode()

    # the header's menu item 「宣言リージョン一覧」 through the English catalogue
    assert "宣言リージョン一覧" not in english


def test_the_staff_pages_follow_the_language_chosen_with_set_language(editor_client):
    before = editor_client.get("/staff/")
    assert html_lang(before) == "ja"
    page = before.content.decode()
    assert 'action="/i18n/setlang/"' in page and 'name="language" value="en"' in page

    chosen = editor_client.post("/i18n/setlang/", {"language": "en", "next": "/staff/"})

    assert chosen.status_code == 302 and chosen["Location"] == "/staff/"
    after = editor_client.get("/staff/")
    assert html_lang(after) == "en" and after["Content-Language"] == "en"
    assert "Cookie" in after["Vary"]
    assert 'lang="en" aria-current="true">English</span>' in after.content.decode()
    assert ">Dashboard<" in after.content.decode()


def test_choosing_english_on_a_public_page_sends_the_visitor_to_its_english_address(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/regions/"})

    assert response["Location"] == "/en/regions/"


def test_an_unknown_language_in_the_cookie_is_ignored(editor_client):
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"

    assert html_lang(editor_client.get("/staff/")) == "ja"


def test_the_admin_log_in_follows_the_choice_too(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get("/admin/login/")

    assert response.status_code == 200 and html_lang(response) == "en"
    # the switch back to Japanese is on the admin's pages too
    assert 'name="language" value="ja" lang="ja">日本語</button>' in response.content.decode()


def test_the_api_the_csvs_and_the_feed_stay_japanese_whatever_was_chosen(client, published):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    api = client.get("/api/v1/regions/setouchi")
    csv = client.get("/opendata/regions.csv")
    feed = client.get("/feeds/publications.atom")

    assert api["Content-Language"] == csv["Content-Language"] == feed["Content-Language"] == "ja"
    assert client.get("/en/api/v1/regions/setouchi").status_code == 404
    assert client.get("/en/opendata/regions.csv").status_code == 404
    assert api.json()["region"]["prefectures"][0]["name_en"]
