"""Sign-in by e-mailed link, shared by the candidates' portal and the host units' pages.

A link carries a random token; only its SHA-256 is stored (``OneTimeToken``), it is bound to one
person by the subclass's foreign key, it expires after ``TOKEN_LIFETIME`` and is spent once, even
under concurrent requests (``token_spend``). Requests for links and wrong tokens are counted per
address and per client IP in a fixed window (``Throttle``); cache keys hold keyed hashes only.
A ``LinkSession`` keeps the signed-in person's id under its own session key, apart from staff
sign-in, and ends after an idle time and a maximum age. ``LinkThrottle`` holds the throttles
of one kind of link and ``LinkPages`` the two pages every kind has (ask for a link, use it),
rendered with ``partials/magiclink.html`` inside each app's own layout.
"""

import datetime
import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.views.decorators.http import require_http_methods

from .security import client_ip
from .services import audit_log

TOKEN_LIFETIME = datetime.timedelta(minutes=15)
WINDOW = 15 * 60  # seconds: the throttles' fixed window


class LinkUnusable(Exception):
    """The token is unknown (``gone`` False) or used, expired or for someone no longer there."""

    def __init__(self, *, gone: bool) -> None:
        super().__init__("gone" if gone else "unknown")
        self.gone = gone


class OneTimeToken(models.Model):
    """A sign-in link's stored half: the token's hash, when it was made, expires and was used."""

    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def usable(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_new[T: OneTimeToken](row: T) -> tuple[T, str]:
    """Fill a fresh token into ``row`` (not saved): its hash, now and the expiry; the token."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    row.token_hash = token_hash(token)
    row.created_at = now
    row.expires_at = now + TOKEN_LIFETIME
    return row, token


def token_find[T: OneTimeToken](queryset: models.QuerySet[T], token: str) -> T:
    """The token's row if it can still be used; raises LinkUnusable otherwise."""
    row = queryset.filter(token_hash=token_hash(token)).first()
    if row is None:
        raise LinkUnusable(gone=False)
    if not row.usable:
        raise LinkUnusable(gone=True)
    return row


def token_spend(row: OneTimeToken) -> None:
    """Mark the row used; a second request for the same token (even at once) finds it spent."""
    spent = (
        type(row)
        ._default_manager.filter(pk=row.pk, used_at__isnull=True)
        .update(used_at=timezone.now())
    )
    if not spent:
        raise LinkUnusable(gone=True)


@transaction.atomic
def token_redeem[S: models.Model](
    row: OneTimeToken, load: Callable[[], S | None], *, action: str
) -> S:
    """Spend the token (once, even under concurrent requests) and return whom it signs in:
    ``load()`` gives the person or unit, None when they may no longer sign in. The sign-in is
    written to the audit log as ``action`` (ids only)."""
    token_spend(row)
    subject = load()
    if subject is None:
        raise LinkUnusable(gone=True)
    audit_log(
        actor=None,
        operator=subject.operator_id,  # type: ignore[attr-defined]
        action=action,
        obj=subject,
        data={"token": row.pk},
    )
    return subject


class Throttle:
    """Counts per kind and value (an address, an IP) in a fixed window under ``prefix``."""

    def __init__(self, prefix: str, *, window: int = WINDOW) -> None:
        self.prefix = prefix
        self.window = window

    def key(self, kind: str, value: str) -> str:
        digest = salted_hmac(f"springbrett.{self.prefix}.{kind}", value, algorithm="sha256")
        return f"{self.prefix}:throttle:{kind}:{digest.hexdigest()}"

    def count(self, kind: str, value: str) -> int:
        return int(cache.get(self.key(kind, value), 0) or 0)

    def reached(self, kind: str, value: str, limit: int) -> bool:
        return bool(value) and self.count(kind, value) >= limit

    def bump(self, kind: str, value: str) -> None:
        if not value:
            return
        key = self.key(kind, value)
        cache.add(key, 0, timeout=self.window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=self.window)


class LinkThrottle:
    """The throttles of one kind of link: requests per address and per client IP, and wrong,
    spent or expired tokens per IP, each in a fixed window."""

    def __init__(
        self, prefix: str, *, per_address: int = 3, per_ip: int = 20, bad_tokens_per_ip: int = 10
    ) -> None:
        self.counts = Throttle(prefix)
        self.per_address = per_address
        self.per_ip = per_ip
        self.bad_tokens_per_ip = bad_tokens_per_ip

    def requests_reached(self, *, email: str, ip: str) -> bool:
        """True when the address or the IP has asked for too many links in the window."""
        address = email.strip().lower()
        return self.counts.reached("address", address, self.per_address) or self.counts.reached(
            "ip", ip, self.per_ip
        )

    def request_counted(self, *, email: str, ip: str) -> None:
        self.counts.bump("address", email.strip().lower())
        self.counts.bump("ip", ip)

    def tokens_reached(self, *, ip: str) -> bool:
        return self.counts.reached("token-ip", ip, self.bad_tokens_per_ip)

    def token_bad(self, *, ip: str) -> None:
        """Count a wrong, spent or expired token from this IP (brute force is throttled)."""
        self.counts.bump("token-ip", ip)


@dataclass(frozen=True)
class LinkPages:
    """The sign-in pages of one kind of link. ``templates`` is the app's template folder (its
    ``signin.html``, ``sent.html`` and ``link.html`` extend the app's layout and include the
    partial); the callables are the app's services; ``home`` is the URL name after sign-in."""

    templates: str
    throttle: LinkThrottle
    request_link: Callable[..., None]  # (*, email, ip): sends the links, if any
    find: Callable[[str], object]  # raises LinkUnusable
    use: Callable[..., Any]  # (*, token) -> the signed-in person or unit; raises LinkUnusable
    sign_in: Callable[[HttpRequest, Any], None]
    home: str

    def _throttled(
        self, request: HttpRequest, page: str, context: dict[str, object]
    ) -> HttpResponse:
        context["throttled"] = True
        response = render(request, f"{self.templates}/{page}", context, status=429)
        response["Retry-After"] = str(self.throttle.counts.window)
        return response

    def signin(self, request: HttpRequest, form: forms.Form) -> HttpResponse:
        """Ask for a link. The answer is the same whether or not the address is registered."""
        if request.method == "POST" and form.is_valid():
            email = form.cleaned_data["email"]
            ip = client_ip(request)
            if self.throttle.requests_reached(email=email, ip=ip):
                return self._throttled(request, "signin.html", {"form": form})
            self.request_link(email=email, ip=ip)
            return render(request, f"{self.templates}/sent.html", {"email": email})
        return render(request, f"{self.templates}/signin.html", {"form": form})

    def link(self, request: HttpRequest, token: str) -> HttpResponse:
        """The e-mailed link: GET shows a button (mail scanners follow links), POST signs in."""
        ip = client_ip(request)
        if self.throttle.tokens_reached(ip=ip):
            return self._throttled(request, "link.html", {})
        try:
            if request.method == "POST":
                self.sign_in(request, self.use(token=token))
                return redirect(self.home)
            self.find(token)
        except LinkUnusable as exc:
            self.throttle.token_bad(ip=ip)
            status = 410 if exc.gone else 404
            return render(request, f"{self.templates}/link.html", {"gone": True}, status=status)
        return render(request, f"{self.templates}/link.html", {})

    def views(
        self, form_class: type[forms.Form]
    ) -> tuple[Callable[[HttpRequest], HttpResponse], Callable[[HttpRequest, str], HttpResponse]]:
        """The two views for the app's URLs: ask for a link, and the e-mailed link."""

        @login_not_required
        @require_http_methods(["GET", "POST"])
        def signin(request: HttpRequest) -> HttpResponse:
            return self.signin(request, form_class(request.POST or None))

        @login_not_required
        @require_http_methods(["GET", "POST"])
        def link(request: HttpRequest, token: str) -> HttpResponse:
            return self.link(request, token)

        return signin, link


class LinkSession:
    """A link-signed-in person's id in the session under ``prefix``, apart from staff sign-in.

    ``start`` flushes the session (a staff sign-in in the same browser ends) unless ``keep``;
    ``current`` answers None once the session idled ``idle`` seconds or is ``max_age`` old.
    """

    # At most one session write a minute for activity.
    RESOLUTION = 60

    def __init__(self, prefix: str, *, idle: int, max_age: int, id_name: str = "id") -> None:
        self.id_key = f"_{prefix}_{id_name}"
        self.started_key = f"_{prefix}_started"
        self.last_key = f"_{prefix}_last"
        self.idle = idle
        self.max_age = max_age

    @property
    def keys(self) -> tuple[str, str, str]:
        return (self.id_key, self.started_key, self.last_key)

    def start(self, request: HttpRequest, pk: int, *, keep: bool = False) -> None:
        if keep:
            request.session.cycle_key()
        else:
            request.session.flush()
        now = int(time.time())
        request.session[self.id_key] = pk
        request.session[self.started_key] = now
        request.session[self.last_key] = now

    def end(self, request: HttpRequest, *, keep: bool = False) -> None:
        if keep:
            for key in self.keys:
                request.session.pop(key, None)
        else:
            request.session.flush()

    def current(self, request: HttpRequest) -> int | None:
        """The signed-in id, or None when there is none or the session has run out (ended)."""
        pk = request.session.get(self.id_key)
        if not isinstance(pk, int):
            return None
        now = int(time.time())
        started = request.session.get(self.started_key, 0)
        last = request.session.get(self.last_key, 0)
        if now - last > self.idle or now - started > self.max_age:
            self.end(request, keep=request.user.is_authenticated)
            return None
        if now - last >= self.RESOLUTION:
            request.session[self.last_key] = now
        return pk
