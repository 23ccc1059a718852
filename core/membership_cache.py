"""The signed-in user's memberships from the shared cache: every page needs them (the active
operator, the switcher), and reading them through the ORM cost about 1 ms a request, a third of it
planning a three-table join.

Each user has a *stamp* in the cache, and so have all organisations together; a cached list is
used only while both stamps are the ones it was read under. Saving or deleting a membership gives
its user a new stamp, saving or deleting an organisation gives all of them one (at once and again
after the transaction commits). Changes must therefore go through ``save()`` and ``delete()``
(as every service does); a bulk ``update()`` of memberships sends no signal, and
``forget(user_id)`` is the way to follow one. A stamp is a random token, not a counter: when the
cache drops a stamp, the next reader makes a new one and every list read under the old one is
stale, so nothing read before a change can outlive it, whatever the order of reader and writer.

Where the cache is one per process (no REDIS_URL), a change in one process could not reach the
others: ``MEMBERSHIP_CACHE`` is off in production without Redis (config/settings/production.py).
"""

import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Membership, Organisation

TIMEOUT = 60 * 60
ORGANISATIONS = "memberships:stamp:organisations"


def _stamp_key(user_id: int) -> str:
    return f"memberships:stamp:user:{user_id}"


def _list_key(user_id: int) -> str:
    return f"memberships:list:{user_id}"


def memberships(user_id: int, load: Callable[[], list[Membership]]) -> list[Membership]:
    """The user's memberships as ``load`` reads them, from the cache while they are current."""
    if not settings.MEMBERSHIP_CACHE:
        return load()
    keys = [_stamp_key(user_id), ORGANISATIONS, _list_key(user_id)]
    found = cache.get_many(keys)
    stamps = (found.get(keys[0]), found.get(keys[1]))
    entry = found.get(keys[2])
    if entry is not None and None not in stamps and entry[0] == stamps:
        return entry[1]
    stamps = (
        stamps[0] or _new_stamp(keys[0], only_if_missing=True),
        stamps[1] or _new_stamp(keys[1], only_if_missing=True),
    )
    rows = load()
    cache.set(keys[2], (stamps, rows), TIMEOUT)
    return rows


def _new_stamp(key: str, *, only_if_missing: bool = False) -> str:
    stamp = secrets.token_hex(8)
    if not only_if_missing:
        cache.set(key, stamp, None)
        return stamp
    if cache.add(key, stamp, None):
        return stamp
    # Another request made one first: use theirs (or, should it be gone again, a fresh one
    # that matches nothing cached).
    return cache.get(key) or stamp


def _renew(key: str) -> None:
    """A new stamp now, so that this transaction's own next read sees the change, and again after
    the commit, so that nothing another request read before the commit is used after it."""
    _new_stamp(key)
    transaction.on_commit(lambda: _new_stamp(key))


def forget(user_id: int) -> None:
    """Drop what is kept for the user (after a change that sent no signal)."""
    _renew(_stamp_key(user_id))


@receiver(post_save, sender=Membership, dispatch_uid="core.membership_cache.membership_saved")
@receiver(post_delete, sender=Membership, dispatch_uid="core.membership_cache.membership_gone")
def _membership_changed(sender: type, instance: Membership, **kwargs: object) -> None:
    _renew(_stamp_key(instance.user_id))


@receiver(post_save, sender=Organisation, dispatch_uid="core.membership_cache.organisation_saved")
@receiver(post_delete, sender=Organisation, dispatch_uid="core.membership_cache.organisation_gone")
def _organisation_changed(sender: type, instance: Organisation, **kwargs: object) -> None:
    if kwargs.get("created"):
        return  # no membership names an organisation that did not exist
    _renew(ORGANISATIONS)
