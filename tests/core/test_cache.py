"""The Redis cache with one client per connection pool (core/cache.py) works as Django's does."""

import os

import pytest

from core.cache import RedisCache

pytestmark = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs Redis (REDIS_URL); CI always sets it"
)


@pytest.fixture
def store():  # type: ignore[no-untyped-def]
    base = os.environ["REDIS_URL"].rsplit("/", 1)[0]
    store = RedisCache(f"{base}/15", {"KEY_PREFIX": "cache-test"})
    yield store
    store.clear()


def test_one_client_per_pool_and_every_call_through_it(store) -> None:  # type: ignore[no-untyped-def]
    client = store._cache.get_client()
    assert store._cache.get_client(write=True) is client
    assert store._cache.get_client("any key") is client
    store.set("a", {"n": 1}, 30)
    store.set_many({"b": 2, "c": [3]}, 30)
    assert store.get("a") == {"n": 1}
    assert store.get_many(["a", "b", "c", "missing"]) == {"a": {"n": 1}, "b": 2, "c": [3]}
    assert store.incr("b") == 3
    assert store.add("a", "other") is False
    store.delete("a")
    assert store.get("a") is None
    assert store._cache.get_client() is client


def test_each_server_has_its_own_client() -> None:
    base = os.environ["REDIS_URL"].rsplit("/", 1)[0]
    store = RedisCache(f"{base}/15;{base}/14", {})
    writer = store._cache.get_client(write=True)
    assert writer.connection_pool is store._cache._get_connection_pool(True)
    readers = {id(store._cache.get_client()) for _ in range(50)}
    assert len(readers) in (1, 2) and store._cache.get_client(write=True) is writer
    pools = {id(c.connection_pool) for c in store._cache._clients.values()}
    assert len(pools) == len(store._cache._clients)
