"""Writes for calendar feeds: make, rotate and revoke the secret URL.

Every service is atomic, validates before it saves and writes one audit entry with ids only.
The token is returned once to show to its owner; only its hash is stored.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import Membership, User
from core.services import audit_log

from .models import CalendarFeed
from .selectors import token_hash

TOKEN_BYTES = 32  # 256 bits: the URL is the only key


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, token_hash(token)


@transaction.atomic
def feed_create(*, membership: Membership, language: str, by: User) -> str:
    """Make the membership's feed and return its secret token (shown once, stored hashed)."""
    if CalendarFeed.objects.filter(membership=membership).exists():
        raise ValidationError(_("You already have a calendar feed. Make a new address instead."))
    token, digest = _new_token()
    feed = CalendarFeed(
        membership=membership, token_hash=digest, language=language, created_at=timezone.now()
    )
    feed.full_clean()
    feed.save()
    audit_log(actor=by, operator=membership.operator_id, action="calendars.feed.created", obj=feed)
    return token


@transaction.atomic
def feed_rotate(*, feed: CalendarFeed, language: str, by: User) -> str:
    """Replace the feed's secret: the old address answers 404 from now on. Returns the new token."""
    token, digest = _new_token()
    feed.token_hash = digest
    feed.language = language
    feed.created_at = timezone.now()
    feed.full_clean()
    feed.save(update_fields=["token_hash", "language", "created_at"])
    audit_log(
        actor=by, operator=feed.membership.operator_id, action="calendars.feed.rotated", obj=feed
    )
    return token


@transaction.atomic
def feed_revoke(*, feed: CalendarFeed, by: User) -> None:
    """Delete the feed: its address answers 404 from now on."""
    audit_log(
        actor=by,
        operator=feed.membership.operator_id,
        action="calendars.feed.revoked",
        data={"feed": feed.pk},
    )
    feed.delete()
