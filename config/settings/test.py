"""Test settings: fast hashing, e-mail in memory, tasks in-process unless a test starts a worker."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-key-not-for-production-use-0123456789-abcdefghijklmnop"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
ALLOW_SYNTHETIC_IDS = True
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Serve static files straight from static/ (browser tests) without collectstatic.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# With Redis, the test cache lives in its own database (broker database + 8), so the per-test
# cache.clear() in tests/conftest.py never touches queued tasks, and runs on different broker
# databases (redis://…/0, …/1) never clear each other's cache.
if REDIS_URL:  # noqa: F405
    from urllib.parse import urlsplit, urlunsplit

    _redis = urlsplit(REDIS_URL)  # noqa: F405
    _cache_db = (int(_redis.path.strip("/") or 0) + 8) % 16
    CACHES = {
        "default": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": urlunsplit(_redis._replace(path=f"/{_cache_db}")),
        }
    }
