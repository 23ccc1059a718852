"""Django's Redis cache with one client object per connection pool.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` for every cache call, and
building one (its table of about 300 reply handlers) costs about 170 µs here, more than the
round trip to Redis itself (about 120 µs). A signed-in page makes two to four cache calls (the
session, the memberships, the home page's sections). This backend keeps one client per pool:
a ``redis.Redis`` holds no connection of its own (it takes one from the pool per command), so
sharing it between threads is what redis-py intends, and the pools already start afresh in a
forked process.
"""

from typing import Any

import redis
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusedClients(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, redis.Redis] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> redis.Redis:
        # (the stubs do not list the base class's private parts)
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        try:
            return self._clients[id(pool)]
        except KeyError:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
            return client


class RedisCache(DjangoRedisCache):
    """``django.core.cache.backends.redis.RedisCache`` with ``ReusedClients``."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ReusedClients
