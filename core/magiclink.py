"""Sign-in by e-mailed link, shared by the candidates' portal and the host units' pages.

A link carries a random token; only its SHA-256 is stored (``OneTimeToken``), it is bound to one
person by the subclass's foreign key, it expires after ``TOKEN_LIFETIME`` and is spent once, even
under concurrent requests (``token_spend``). Requests for links and wrong tokens are counted per
address and per client IP in a fixed window (``Throttle``); cache keys hold keyed hashes only.
A ``LinkSession`` keeps the signed-in person's id under its own session key, apart from staff
sign-in, and ends after an idle time and a maximum age.
"""

import datetime
import hashlib
import secrets
import time

from django.core.cache import cache
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

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
