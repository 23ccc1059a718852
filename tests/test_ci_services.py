"""Under CI the suite must run against the real PostgreSQL and Redis, never a stand-in."""

import os

import pytest
from django.conf import settings
from django.core.cache import cache, caches

from tests.conftest import IN_CI

pytestmark = pytest.mark.skipif(not IN_CI, reason="only CI insists on the real services")


def test_database_is_postgresql(db) -> None:  # type: ignore[no-untyped-def]
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def test_cache_and_broker_are_redis() -> None:
    assert os.environ.get("REDIS_URL")
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    cache.set("ci-probe", "ok", 5)
    assert cache.get("ci-probe") == "ok"
    assert type(caches["default"]).__module__ == "core.cache"  # as in production (settings/base.py)
