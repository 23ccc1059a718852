"""Account security: login throttling and session timeouts (ASVS 6.3.1, 7.3.1, 7.3.2).

Throttling counts failed logins per username (case-insensitive) and per client IP in the
cache for a fixed window; once either count reaches the limit, a POST to the login view answers
HTTP 429 before any password is checked. Cache keys and the audit log carry only keyed
hashes, never a username or an IP address.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from .services import audit_log

LOGIN_FAILURE_LIMIT = 5
LOGIN_FAILURE_WINDOW = 15 * 60  # seconds
CACHE_PREFIX = "security:login-failures"

SESSION_LOGIN_AT_KEY = "_security_login_at"
SESSION_LAST_ACTIVITY_KEY = "_security_last_activity"
SESSION_ACTIVITY_RESOLUTION = 60  # seconds


def _digest(kind: str, value: str) -> str:
    """A keyed sha256 of ``value``: stable for counting, useless for recovering the value."""
    return salted_hmac(f"springbrett.security.{kind}", value, algorithm="sha256").hexdigest()


def username_key(username: str) -> str:
    return f"{CACHE_PREFIX}:user:{_digest('username', username.strip().lower())}"


def client_ip(request: HttpRequest | None) -> str:
    """The peer address. Behind a proxy, the proxy must set REMOTE_ADDR to the real client."""
    if request is None:
        return ""
    return request.META.get("REMOTE_ADDR", "") or ""


def ip_hash(ip: str) -> str:
    return _digest("ip", ip)


def ip_key(ip: str) -> str:
    return f"{CACHE_PREFIX}:ip:{ip_hash(ip)}"


def _count(key: str) -> int:
    return int(cache.get(key, 0) or 0)


def _bump(key: str) -> None:
    # A fixed window from the first failure: add() starts it, incr() never extends it.
    cache.add(key, 0, timeout=LOGIN_FAILURE_WINDOW)
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=LOGIN_FAILURE_WINDOW)


def login_throttled(*, username: str, ip: str) -> bool:
    """True when the username or the IP has used up its failed attempts."""
    if username and _count(username_key(username)) >= LOGIN_FAILURE_LIMIT:
        return True
    return bool(ip) and _count(ip_key(ip)) >= LOGIN_FAILURE_LIMIT


@receiver(user_login_failed, dispatch_uid="core.security.login_failed")
def record_login_failure(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username") or "")
    ip = client_ip(request)
    if username:
        _bump(username_key(username))
    if ip:
        _bump(ip_key(ip))
    audit_log(
        actor=None,
        operator=None,
        action="core.login.failed",
        data={"ip_hash": ip_hash(ip) if ip else ""},
    )


@receiver(user_logged_in, dispatch_uid="core.security.logged_in")
def record_login(sender, request, user, **kwargs) -> None:
    """A successful login clears the username's failures and starts the session clocks."""
    cache.delete(username_key(user.get_username()))
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SESSION_LOGIN_AT_KEY] = now
        request.session[SESSION_LAST_ACTIVITY_KEY] = now


class LoginThrottleMiddleware:
    """Answer 429 to a login POST once the username or the IP is throttled."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.path == reverse("accounts:login"):
            username = request.POST.get("username", "")
            if login_throttled(username=username, ip=client_ip(request)):
                message = _(
                    "Too many failed login attempts. Wait 15 minutes and try again, "
                    "or reset your password."
                )
                return render(
                    request, "security/login_throttled.html", {"message": message}, status=429
                )
        return self.get_response(request)


class SessionTimeoutMiddleware:
    """Log out after ``SESSION_IDLE_TIMEOUT`` seconds idle or ``SESSION_COOKIE_AGE`` in total."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            login_at = session.setdefault(SESSION_LOGIN_AT_KEY, now)
            last = session.get(SESSION_LAST_ACTIVITY_KEY, now)
            idle = getattr(settings, "SESSION_IDLE_TIMEOUT", 30 * 60)
            if now - last > idle or now - login_at > settings.SESSION_COOKIE_AGE:
                logout(request)
                messages.info(request, _("Your session has expired. Please log in again."))
                return redirect_to_login(request.get_full_path())
            # Refresh the clock at most once a minute: one session write per minute, not per page.
            if now - last >= SESSION_ACTIVITY_RESOLUTION:
                session[SESSION_LAST_ACTIVITY_KEY] = now
        response = self.get_response(request)
        # The idle-timeout warning (static/js/idle-timeout.js) restarts its clock from this after
        # an htmx request, which refreshed the session too.
        if request.user.is_authenticated and SESSION_LAST_ACTIVITY_KEY in request.session:
            response[IDLE_REMAINING_HEADER] = str(idle_remaining(request))
        return response


IDLE_REMAINING_HEADER = "X-Session-Idle-Remaining"


def idle_remaining(request: HttpRequest) -> int:
    """Seconds until the session ends for being idle, counted from its last recorded activity."""
    idle = getattr(settings, "SESSION_IDLE_TIMEOUT", 30 * 60)
    last = request.session.get(SESSION_LAST_ACTIVITY_KEY, int(time.time()))
    return max(idle - (int(time.time()) - last), 0)


def session_keep_alive(request: HttpRequest) -> int:
    """Record activity now (the "stay signed in" button); returns the seconds left."""
    request.session[SESSION_LAST_ACTIVITY_KEY] = int(time.time())
    return idle_remaining(request)
