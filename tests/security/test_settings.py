"""Password hashing and middleware order in the base settings (the test settings use MD5)."""

import importlib.util

from config.settings import base

HAS_ARGON2 = importlib.util.find_spec("argon2") is not None


def test_argon2_is_the_first_hasher_in_base_settings() -> None:
    hashers = getattr(base, "PASSWORD_HASHERS", [])
    assert hashers and hashers[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_security_middleware_runs_after_authentication_and_tenancy() -> None:
    order = base.MIDDLEWARE
    for name in ("core.security.SessionTimeoutMiddleware", "core.security.LoginThrottleMiddleware"):
        assert order.index(name) > order.index("core.middleware.ActiveOperatorMiddleware")
        assert order.index(name) > order.index(
            "django.contrib.messages.middleware.MessageMiddleware"
        )
        assert order.index(name) < order.index("core.middleware.PrivateCacheMiddleware")
