"""Check 11: failed logins are throttled per username and per IP (ASVS 6.3.1)."""

from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.test import Client
from django.urls import reverse

from core.models import AuditEntry
from core.security import LOGIN_FAILURE_LIMIT, ip_key, username_key
from tests.conftest import World

RIGHT = "secret-password-123"
URL = "workday:home"


def attempt(username: str, password: str, ip: str = "10.0.0.1"):  # type: ignore[no-untyped-def]
    client = Client(REMOTE_ADDR=ip, HTTP_ACCEPT_LANGUAGE="en")
    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    return client, response


def test_sixth_attempt_answers_429_even_with_the_right_password(world: World) -> None:
    for _ in range(LOGIN_FAILURE_LIMIT):
        assert attempt("lead@example.org", "wrong")[1].status_code == 200
    client, response = attempt("lead@example.org", RIGHT)
    assert response.status_code == 429
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The throttled attempt never reached the password check: no sixth failure was recorded.
    assert AuditEntry.objects.filter(action="core.login.failed").count() == LOGIN_FAILURE_LIMIT


def test_username_counter_is_case_insensitive_and_spans_ips(world: World) -> None:
    for n, name in enumerate(["lead@example.org", "LEAD@example.org", "Lead@Example.org"] * 2):
        if n == LOGIN_FAILURE_LIMIT:
            break
        attempt(name, "wrong", ip=f"10.0.1.{n}")
    assert attempt("lead@example.org", RIGHT, ip="10.0.2.1")[1].status_code == 429
    # Another account from a fresh address is not affected.
    assert attempt("coordinator@example.org", RIGHT, ip="10.0.2.2")[1].status_code == 302


def test_ip_counter_spans_usernames(world: World) -> None:
    for n in range(LOGIN_FAILURE_LIMIT):
        attempt(f"nobody{n}@example.org", "wrong", ip="10.0.3.1")
    assert attempt("coordinator@example.org", RIGHT, ip="10.0.3.1")[1].status_code == 429
    assert attempt("coordinator@example.org", RIGHT, ip="10.0.3.2")[1].status_code == 302


def test_successful_login_resets_the_username_counter(world: World) -> None:
    for n in range(LOGIN_FAILURE_LIMIT - 1):
        attempt("lead@example.org", "wrong", ip=f"10.0.4.{n}")
    assert attempt("lead@example.org", RIGHT, ip="10.0.4.100")[1].status_code == 302
    assert cache.get(username_key("lead@example.org")) is None
    for n in range(LOGIN_FAILURE_LIMIT - 1):
        attempt("lead@example.org", "wrong", ip=f"10.0.5.{n}")
    assert attempt("lead@example.org", RIGHT, ip="10.0.5.100")[1].status_code == 302


def _every_cache_key() -> list[str]:
    """Every key the cache really holds, from locmem's dict or from Redis itself."""
    backend = caches["default"]
    if isinstance(backend, LocMemCache):
        return list(backend._cache)
    if isinstance(backend, RedisCache):
        return [key.decode() for key in backend._cache.get_client().keys("*")]
    raise AssertionError(f"unexpected cache backend {type(backend).__name__}")


def test_cache_keys_and_audit_hold_no_username_or_ip(world: World) -> None:
    for _ in range(3):
        attempt("Lead@Example.org", "wrong", ip="10.0.6.1")
    user_key, address_key = username_key("lead@example.org"), ip_key("10.0.6.1")
    assert cache.get(user_key) == 3 and cache.get(address_key) == 3
    for key in (user_key, address_key):
        assert "lead" not in key.lower() and "example" not in key and "10.0.6.1" not in key
    for key in _every_cache_key():
        assert "lead" not in key.lower() and "10.0.6.1" not in key
    entries = AuditEntry.objects.filter(action="core.login.failed")
    assert entries.count() == 3
    for entry in entries:
        assert entry.actor_id is None and entry.operator_id is None
        assert set(entry.data) == {"ip_hash"} and len(entry.data["ip_hash"]) == 64
        assert "lead" not in str(entry.data).lower() and "10.0.6.1" not in str(entry.data)


def test_force_login_is_not_throttled(world: World) -> None:
    for _ in range(LOGIN_FAILURE_LIMIT):
        attempt("lead@example.org", "wrong", ip="127.0.0.1")
    assert world.client_for("lead").get(reverse(URL)).status_code == 200
