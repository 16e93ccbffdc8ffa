"""Django's Redis cache, with one ``redis.Redis`` client per connection pool (issue 14, ADR 0106).

Django's ``RedisCacheClient.get_client`` makes a new ``redis.Redis`` for every cache call. In
redis-py 5 and later that builds its table of about 170 response callbacks each time, which
cost more CPU than the rest of a cached public page's answer (``docs/performance.md``). A
``redis.Redis`` is safe to share between threads (each command borrows a connection from the
pool), so it is made once per pool and kept. Everything else is Django's backend unchanged:
the same settings (``LOCATION``, ``KEY_PREFIX``, ``OPTIONS``), serializer and commands.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusedClient(RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClient
