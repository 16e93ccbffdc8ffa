"""The Redis cache backend of the portal (region_portal.redis_cache, ADR 0106): Django's own,
against the real Redis of the machine, but with one redis-py client kept per connection pool
instead of a new one for every cache call."""

import os
import threading
import uuid

import pytest
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from region_portal.redis_cache import RedisCache

_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
REDIS_URL = f"redis://127.0.0.1:6379/{15 - _WORKER % 8}"


@pytest.fixture
def backend():
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": f"redis-cache-test-{uuid.uuid4().hex[:8]}"})
    try:
        cache._cache.get_client().ping()
    except Exception as error:
        pytest.fail(
            f"Redis が {REDIS_URL} で応答しません（{error}）。redis-server を起動してください。"
        )
    yield cache
    cache.delete_many([f"k{n}" for n in range(3)] + ["page", "stamp"])


def test_it_is_django_s_backend_with_one_client_per_pool(backend):
    assert isinstance(backend, DjangoRedisCache)
    client = backend._cache.get_client()

    assert backend._cache.get_client(write=True) is client
    assert backend._cache.get_client("any-key") is client


def test_it_reads_and_writes_as_django_s_backend_does(backend):
    other = DjangoRedisCache(REDIS_URL, {"KEY_PREFIX": backend.key_prefix})
    backend.set("page", {"stamp": "2026-12-02T06:24:20+00:00", "content": b"<p>x</p>"}, 60)
    backend.set_many({"k0": 1, "k1": "二"}, 60)

    assert other.get("page") == {"stamp": "2026-12-02T06:24:20+00:00", "content": b"<p>x</p>"}
    assert backend.get_many(["k0", "k1", "k2"]) == {"k0": 1, "k1": "二"}
    assert backend.incr("k0") == 2
    other.delete("page")
    assert backend.get("page") is None


def test_threads_share_the_client_safely(backend):
    errors = []

    def work(number):
        try:
            for round_number in range(50):
                backend.set(f"k{number}", round_number, 60)
                assert backend.get(f"k{number}") == round_number
        except Exception as error:
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
