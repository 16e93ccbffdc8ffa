"""The region list and the home page from the cache (issue 14, ADR 0100): the publication
stamp itself is kept in the cache, so a hit takes no SQL at all; a publication clears it at
once; a search reads one precomputed text per region."""

import pytest
from django.core.cache import cache

from public.models import RegionSearchText
from tests.prebuilt import restored
from tests.public_data import (
    change_region,
    generated_filing,
    main_text,
    publish_region,
    published_hokuriku,
    published_setouchi,
    setouchi_change,
    skip_pdfs,
    valid_filing,
)

pytestmark = pytest.mark.django_db  # the cache is emptied before each test (tests/conftest.py)


@pytest.fixture
def two_regions(monkeypatch):
    skip_pdfs(monkeypatch)
    setouchi = restored(published_setouchi)
    restored(published_hokuriku)
    return setouchi


COMMON = [
    "/regions/",
    "/regions/?prefecture=33",
    "/regions/?field=transport",
    "/regions/?kind=company",
    "/regions/?status=active",
    "/regions/?sort=published",
    "/regions/?sort=declared&page=1",
    "/",
]


@pytest.mark.parametrize("url", COMMON)
def test_a_cached_list_or_home_page_takes_no_sql(
    client, two_regions, url, django_assert_num_queries
):
    first = client.get(url)

    with django_assert_num_queries(0):
        again = client.get(url)

    assert again.status_code == 200
    assert again.content == first.content


def test_a_cached_region_page_takes_no_sql(client, two_regions, django_assert_num_queries):
    client.get("/regions/setouchi/")

    with django_assert_num_queries(0):
        assert client.get("/regions/setouchi/").status_code == 200


def test_a_publication_shows_at_once_on_the_cached_list_and_home(client, two_regions):
    assert "2 件の宣言リージョン" in main_text(client.get("/regions/"))
    home = client.get("/").content.decode()

    publish_region("tohoku", generated_filing(4, members=6, projects=2))

    listed = main_text(client.get("/regions/"))
    assert "3 件の宣言リージョン" in listed and "第4広域リージョン" in listed
    assert client.get("/").content.decode() != home


def test_a_change_shows_at_once_on_the_cached_region_page_and_filtered_list(client, two_regions):
    before = main_text(client.get("/regions/?field=transport"))
    assert "瀬戸内広域リージョン" in before
    client.get("/regions/setouchi/")

    change_region(two_regions, setouchi_change(valid_filing()))

    assert "第2版" in main_text(client.get("/regions/setouchi/"))
    assert "造船" in main_text(client.get("/regions/?field=transport"))


def test_conditional_get_of_the_list_answers_304_from_the_cache(
    client, two_regions, django_assert_num_queries
):
    etag = client.get("/regions/")["ETag"]

    with django_assert_num_queries(0):
        assert client.get("/regions/", headers={"if-none-match": etag}).status_code == 304


def test_a_search_is_not_kept_whole_but_is_right_after_a_publication(client, two_regions):
    assert "0 件" in main_text(client.get("/regions/", {"q": "第4広域"}))

    publish_region("tohoku", generated_filing(4, members=6, projects=2))

    assert "1 件の宣言リージョン" in main_text(client.get("/regions/", {"q": "第4広域"}))


def test_an_odd_query_string_is_not_kept_in_the_cache(client, two_regions):
    cache.clear()
    client.get("/regions/?utm_source=x&prefecture=33")
    client.get("/regions/?prefecture=33&field=transport&kind=company")
    client.get("/regions/?q=瀬戸内")

    kept = [key for key in cache._cache if ":public:page:" in key]  # LocMemCache's store
    assert kept == []


def test_a_cached_miss_takes_a_bounded_number_of_queries(
    client, two_regions, django_assert_max_num_queries
):
    for index in range(3):
        publish_region(f"more-{index}", generated_filing(20 + index, members=30, projects=10))
    cache.clear()

    with django_assert_max_num_queries(10):
        assert client.get("/regions/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/regions/", {"q": "くらしき 瀬戸内"}).status_code == 200


# ---------------------------------------------------------------- the search text


def test_the_search_text_is_written_at_publication_folded_to_hiragana(two_regions):
    text = RegionSearchText.objects.get(region=two_regions).text

    assert "瀬戸内広域りーじょん" in text  # the name, katakana folded to hiragana
    assert "瀬戸内工科大学" in text  # a member
    assert "くらしきし" in text  # 倉敷市 by the master data's よみがな
    assert "maas推進ぷろじぇくと" in text  # a project: NFKC, katakana to hiragana, lower case
    assert "高度専門人材の育成" in text  # a field of its own (その他)


def test_the_search_text_follows_the_current_publication(client, two_regions):
    change_region(two_regions, setouchi_change(valid_filing()))

    text = RegionSearchText.objects.get(region=two_regions).text
    assert "造船" in text
    assert "ものづくり・観光・交通の各分野" not in text  # the old aspiration


def test_a_region_is_found_by_the_text_of_a_field_of_its_own(client, two_regions):
    text = main_text(client.get("/regions/", {"q": "高度専門人材"}))

    assert "1 件の宣言リージョン" in text and "瀬戸内広域リージョン" in text


def test_a_word_across_two_parts_of_the_text_finds_nothing(client, two_regions):
    # The name ends in リージョン and the aspiration starts with 瀬戸内海: not one word.
    assert "0 件" in main_text(client.get("/regions/", {"q": "リージョン瀬戸内海を"}))


def test_the_api_list_is_served_from_the_cache_until_a_publication(
    client, two_regions, django_assert_num_queries
):
    first = client.get("/api/v1/regions", {"prefecture": "33"})

    with django_assert_num_queries(0):
        again = client.get("/api/v1/regions", {"prefecture": "33"})
    assert again.json() == first.json()

    publish_region("tohoku", generated_filing(4, members=6, projects=2))
    assert client.get("/api/v1/regions").json()["count"] == 3
    assert client.get("/api/v1/regions", {"q": "第4広域"}).json()["count"] == 1


# ---------------------------------------------------------------- the API list's bytes

API_COMMON = [
    "/api/v1/regions",
    "/api/v1/regions?prefecture=33",
    "/api/v1/regions?status=active&sort=published",
    "/api/v1/regions?kind=company&limit=1&offset=1",
    "/api/v1/regions?q=&field=transport",
]


@pytest.fixture
def renders(monkeypatch):
    """How many times the API's renderer wrote a body (the real renderer still writes it)."""
    from public.api.rendering import PortalJSONRenderer

    calls = []
    real = PortalJSONRenderer.render

    def counting(self, request, data, *, response_status):
        calls.append(response_status)
        return real(self, request, data, response_status=response_status)

    monkeypatch.setattr(PortalJSONRenderer, "render", counting)
    return calls


@pytest.mark.parametrize("url", API_COMMON)
def test_a_cached_api_list_is_the_same_bytes_without_sql_or_serialising(
    client, two_regions, url, renders, django_assert_num_queries
):
    first = client.get(url)
    assert first.status_code == 200 and renders == [200]

    with django_assert_num_queries(0):
        again = client.get(url)

    assert renders == [200]  # the hit wrote no JSON: the stored bytes were sent as they are
    assert again.status_code == 200
    assert again.content == first.content
    assert dict(again.headers) == dict(first.headers)
    assert again["Content-Type"] == "application/json; charset=utf-8"


def test_a_cached_api_list_stays_utf8_json(client, two_regions):
    client.get("/api/v1/regions")
    body = client.get("/api/v1/regions").content

    assert "瀬戸内".encode() in body
    assert b"\\u" not in body


def test_a_publication_changes_the_cached_api_list_at_once(client, two_regions, renders):
    first = client.get("/api/v1/regions")
    client.get("/api/v1/regions")

    publish_region("tohoku", generated_filing(4, members=6, projects=2))
    after = client.get("/api/v1/regions")

    assert after.content != first.content
    assert after.json()["count"] == first.json()["count"] + 1 == 3
    assert len(renders) == 2
    assert client.get("/api/v1/regions").content == after.content
    assert len(renders) == 2


def test_an_api_search_or_odd_query_is_not_kept(
    client, two_regions, renders, django_assert_max_num_queries
):
    for url in (
        "/api/v1/regions?q=瀬戸内",
        "/api/v1/regions?limit=020",
        "/api/v1/regions?utm_source=x",
        "/api/v1/regions?prefecture=33&field=transport",
        "/api/v1/regions?offset=1001",
        "/api/v1/regions?page=2",
    ):
        first = client.get(url)
        again = client.get(url)
        assert again.status_code == first.status_code == 200
        assert again.content == first.content
    assert len(renders) == 12  # every one of them written again
    kept = [key for key in cache._cache if ":public:response:" in key]  # LocMemCache's store
    assert kept == []


def test_head_on_a_cached_api_list_has_the_get_headers_and_no_body(
    client, two_regions, renders, django_assert_num_queries
):
    got = client.get("/api/v1/regions?prefecture=33")

    with django_assert_num_queries(0):
        head = client.head("/api/v1/regions?prefecture=33")

    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Length"] == str(len(got.content))
    assert {k: v for k, v in head.headers.items() if k != "Content-Length"} == {
        k: v for k, v in got.headers.items() if k != "Content-Length"
    }
    assert renders == [200]


def test_a_head_first_keeps_the_whole_body_for_the_next_get(
    client, two_regions, renders, django_assert_num_queries
):
    head = client.head("/api/v1/regions")
    assert head.content == b""

    with django_assert_num_queries(0):
        got = client.get("/api/v1/regions")

    assert got.json()["count"] == 2
    assert head["Content-Length"] == str(len(got.content))
    assert renders == [200]
