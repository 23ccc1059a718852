"""A cache-based throttle for the feed URL, in fixed windows like core's login throttle.

Calendar clients poll a feed every few minutes to every few hours, so a feed answers at most
``HITS_PER_FEED`` times per window. Unknown tokens count against the client address, so nobody can
try tokens quickly; known tokens do not, as the calendar services share a few addresses. Cache keys
carry keyed hashes only, never a token or an address.
"""

from django.core.cache import cache

from core.security import client_ip, ip_hash

WINDOW = 15 * 60  # seconds
HITS_PER_FEED = 30
MISSES_PER_ADDRESS = 20
PREFIX = "calendars:throttle"


def _bump(key: str) -> int:
    # A fixed window from the first hit: add() starts it, incr() never extends it.
    cache.add(key, 0, timeout=WINDOW)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=WINDOW)
        return 1


def _miss_key(request) -> str:  # type: ignore[no-untyped-def]
    return f"{PREFIX}:miss:{ip_hash(client_ip(request))}"


def misses_exhausted(request) -> bool:  # type: ignore[no-untyped-def]
    """True when the client has tried too many unknown tokens in this window."""
    return int(cache.get(_miss_key(request), 0) or 0) >= MISSES_PER_ADDRESS


def record_miss(request) -> None:  # type: ignore[no-untyped-def]
    _bump(_miss_key(request))


def hit_allowed(feed_id: int) -> bool:
    """Count one fetch of the feed; False once it has been fetched too often in this window."""
    return _bump(f"{PREFIX}:feed:{feed_id}") <= HITS_PER_FEED
