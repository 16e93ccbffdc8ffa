"""The public pages on the shared Redis cache (issue 14, ADR 0100), against the real Redis of
the machine (127.0.0.1:6379, database 15, or 14, 13 … for the parallel test processes of
pytest-xdist, since a clear is a FLUSHDB of the whole database; .ci/run starts it).

Two cache connections stand for two app processes: what one stores or clears, the other
sees at once."""

import os

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

from public.cache import site_stamp
from tests.public_data import generated_filing, main_text, publish_region, skip_pdfs

pytestmark = pytest.mark.django_db

_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
REDIS_URL = f"redis://127.0.0.1:6379/{15 - _WORKER % 8}"
PREFIX = "region-portal-tests"
SHARED = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": REDIS_URL,
    "KEY_PREFIX": PREFIX,
}


def other_process_cache() -> RedisCache:
    """A second, separate connection to the same Redis, as another gunicorn worker has."""
    return RedisCache(REDIS_URL, {"KEY_PREFIX": PREFIX})


@pytest.fixture
def redis_cache(settings):
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError as error:
        pytest.fail(
            f"Redis が {REDIS_URL} で応答しません（{error}）。.ci/run のように redis-server を"
            "インストールして起動してください（apt-get install redis-server; redis-server --daemonize yes）。"
        )
    settings.CACHES = {**settings.CACHES, "default": SHARED}
    cache = caches["default"]
    assert isinstance(cache, RedisCache)
    cache.clear()  # FLUSHDB of this process's database only
    yield cache
    cache.clear()


@pytest.fixture
def published(monkeypatch, redis_cache):
    skip_pdfs(monkeypatch)
    publish_region("setouchi")
    redis_cache.clear()


@pytest.mark.parametrize("url", ["/regions/", "/regions/?prefecture=33", "/", "/regions/setouchi/"])
def test_a_hit_on_redis_takes_no_sql(client, published, url, django_assert_num_queries):
    client.get(url)

    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200


def test_another_process_sees_the_stamp_and_the_page_one_process_stored(client, published):
    client.get("/regions/")
    other = other_process_cache()

    stored = [key for key in other._cache.get_client().keys(f"{PREFIX}:*")]
    assert any(b":public:stamp:site" in key for key in stored)
    assert any(b":public:page:" in key for key in stored)
    assert other.get("public:stamp:site")  # the same value, through another connection


def test_a_publication_is_seen_at_once_through_another_connection(client, published):
    assert "1 件の宣言リージョン" in main_text(client.get("/regions/"))
    other = other_process_cache()
    assert other.get("public:stamp:site")

    publish_region("tohoku", generated_filing(4, members=6, projects=2))

    # The publication cleared the stamp for every process, not just in this one's memory.
    assert other.get("public:stamp:site") is None
    listed = main_text(client.get("/regions/"))
    assert "2 件の宣言リージョン" in listed and "第4広域リージョン" in listed


def test_a_stale_page_another_process_stored_is_not_served(client, published, rf):
    client.get("/regions/")
    stamp_before = other_process_cache().get("public:stamp:site")

    publish_region("tohoku", generated_filing(4, members=6, projects=2))
    # Another process answers first and stores the new stamp …
    request = rf.get("/regions/")
    new_stamp = site_stamp(request)
    assert new_stamp.isoformat() != stamp_before.partition("#")[0]
    # the time, and the token of this write (ADR 0106)
    assert other_process_cache().get("public:stamp:site").partition("#")[0] == new_stamp.isoformat()

    # … this one finds its old page under the same address, but with the old stamp.
    assert "第4広域リージョン" in main_text(client.get("/regions/"))
