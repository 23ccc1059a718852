import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():  # type: ignore[no-untyped-def]
    """Throttle counters live in the cache (locmem, or Redis when REDIS_URL is set)."""
    cache.clear()
    yield
    cache.clear()
