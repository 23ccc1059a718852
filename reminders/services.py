"""Writes for reminders: plan rows from the domain data, claim due rows, send each exactly once.

Delivery in three steps, each safe to repeat and to run twice at the same time:

1. ``reminders_plan`` creates, moves and removes unsent rows (idempotent; unique ``dedupe_key``).
2. ``reminders_claim_due`` claims due rows for a lease in one short transaction
   (``SELECT … FOR UPDATE SKIP LOCKED``), so two sweeps never hand out the same row.
3. ``reminders_send`` locks each row again while it sends, and marks it sent in the same
   transaction, with a unique ``SentReminder``. A row whose task was lost (worker killed, broker
   restarted) is claimed again when its lease runs out.

The one duplicate this cannot rule out is a crash after the mail server accepted a message and
before the commit; the re-send then carries the same deterministic Message-ID.
"""

import datetime
import logging
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import mailers
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import User
from core.services import audit_log

from . import planning
from .emails import message_id_for, reminder_message
from .models import Reminder, ReminderKind, ReminderPreference, SentReminder
from .recipients import Preferences

logger = logging.getLogger(__name__)

# How long a claim holds before another sweep may take the row again. Longer than a chunk takes
# to reach and pass a worker; far shorter than the broker's visibility timeout (1 h).
DEFAULT_CLAIM_LEASE = datetime.timedelta(minutes=10)
CLAIM_LIMIT = 1000
CHUNK_SIZE = 25
MAX_ATTEMPTS = 10


def claim_lease() -> datetime.timedelta:
    seconds = getattr(settings, "REMINDERS_CLAIM_LEASE", None)
    return DEFAULT_CLAIM_LEASE if seconds is None else datetime.timedelta(seconds=seconds)


# --- Planning -------------------------------------------------------------------------------


@dataclass
class PlanResult:
    created: int = 0
    moved: int = 0
    removed: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "moved": self.moved, "removed": self.removed}


def _chunks[T](items: Sequence[T], size: int) -> Iterable[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@transaction.atomic
def reminders_plan(
    *, now: datetime.datetime | None = None, scope: planning.Scope | None = None
) -> PlanResult:
    """Make the unsent rows match the domain data; sent rows are never touched.

    Idempotent and safe to run concurrently: a new row is inserted with ``ignore_conflicts`` on
    its unique ``dedupe_key``, and every update or delete is conditional on ``sent_at IS NULL``.
    With a ``scope`` only the named objects are planned.
    """
    now = now or timezone.now()
    today = now.astimezone(planning.local_zone()).date()
    first, last = today - planning.GRACE, today + planning.HORIZON
    result = PlanResult()
    result.removed += Reminder.objects.filter(planning.ORPHANS, sent_at__isnull=True).delete()[0]

    candidates = planning.wanted(today=today, scope=scope)
    preferences = Preferences.load(w.recipient_id for w in candidates)
    wanted = [w for w in candidates if preferences.wants(w.recipient_id, w.kind)]
    unsent = Reminder.objects.filter(sent_at__isnull=True)
    if scope is not None:
        unsent = unsent.filter(scope.rows())
    fields = ("pk", "slot", "dedupe_key", "due_at", "digest", "programme_id", "detail", "sent_at")
    existing = list(unsent.only(*fields))
    by_key: dict[str, Reminder] = {r.dedupe_key: r for r in existing}
    # Rows already sent for a wanted date: kept as they are, never planned again.
    missing = [w.dedupe_key for w in wanted if w.dedupe_key not in by_key]
    for keys in _chunks(missing, 500):
        for row in Reminder.objects.filter(dedupe_key__in=keys).only(*fields):
            by_key[row.dedupe_key] = row
    movable: dict[str, list[Reminder]] = {}
    for row in existing:
        movable.setdefault(row.slot, []).append(row)

    kept: set[int] = set()
    new: list[Reminder] = []
    for w in wanted:
        digest = preferences.digest(w.recipient_id)
        due = planning.due_at(w.kind, w.event_on, digest=digest)
        same = by_key.get(w.dedupe_key)
        if same is not None:
            kept.add(same.pk)
            if same.sent_at is None and (
                same.due_at != due
                or same.digest != digest
                or same.programme_id != w.programme_id
                or same.detail != w.detail
            ):
                _update(
                    same, due_at=due, digest=digest, programme_id=w.programme_id, detail=w.detail
                )
            continue
        spare = [r for r in movable.get(w.slot, []) if r.pk not in kept]
        if spare:
            # The fact moved: move its unsent reminder rather than plan a second one.
            kept.add(spare[0].pk)
            moved = _update(
                spare[0],
                dedupe_key=w.dedupe_key,
                event_on=w.event_on,
                due_at=due,
                digest=digest,
                programme_id=w.programme_id,
                detail=w.detail,
            )
            if moved:
                result.moved += 1
                continue
            kept.discard(spare[0].pk)
        if first <= planning.remind_on(w.kind, w.event_on) <= last:
            new.append(
                Reminder(
                    operator_id=w.operator_id,
                    kind=w.kind,
                    recipient_id=w.recipient_id,
                    programme_id=w.programme_id,
                    milestone_id=w.milestone_id,
                    placement_id=w.placement_id,
                    application_id=w.application_id,
                    detail=w.detail,
                    event_on=w.event_on,
                    due_at=due,
                    digest=digest,
                    slot=w.slot,
                    dedupe_key=w.dedupe_key,
                )
            )
    if new:
        # A concurrent run may have inserted some of the same keys: those rows are already right.
        keys = [r.dedupe_key for r in new]
        before = sum(Reminder.objects.filter(dedupe_key__in=c).count() for c in _chunks(keys, 500))
        Reminder.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)
        after = sum(Reminder.objects.filter(dedupe_key__in=c).count() for c in _chunks(keys, 500))
        result.created += after - before
    obsolete = sorted(r.pk for r in existing if r.pk not in kept)
    if obsolete:
        result.removed += Reminder.objects.filter(pk__in=obsolete, sent_at__isnull=True).delete()[0]
    return result


def _update(row: Reminder, **fields: object) -> bool:
    """Change an unsent row (a moved one is claimable again at its new time)."""
    if "due_at" in fields and fields["due_at"] != row.due_at:
        fields.update(claimed_at=None, claim_token=None)
    try:
        with transaction.atomic():
            return bool(Reminder.objects.filter(pk=row.pk, sent_at__isnull=True).update(**fields))
    except IntegrityError:
        # A concurrent run already planned the new date under its own key: this row is spare.
        return False


# --- Claiming -------------------------------------------------------------------------------


def _group_key(pk: int, recipient_id: int, digest: bool, due: datetime.datetime) -> tuple:  # type: ignore[type-arg]
    """Rows that go out in one e-mail: a recipient's digest rows of one day; else one row."""
    if digest:
        return ("digest", recipient_id, due.astimezone(planning.local_zone()).date())
    return ("single", pk)


def _groups(rows: Iterable[tuple[int, int, bool, datetime.datetime]]) -> list[list[int]]:
    groups: dict[tuple, list[int]] = {}  # type: ignore[type-arg]
    for pk, recipient_id, digest, due in rows:
        groups.setdefault(_group_key(pk, recipient_id, digest, due), []).append(pk)
    return list(groups.values())


def _groups_by_day(rows: Iterable[tuple[int, int, bool, datetime.date]]) -> list[list[int]]:
    """``_groups`` for rows that carry the local day they are due instead of the instant."""
    groups: dict[tuple, list[int]] = {}  # type: ignore[type-arg]
    for pk, recipient_id, digest, day in rows:
        key = ("digest", recipient_id, day) if digest else ("single", pk)
        groups.setdefault(key, []).append(pk)
    return list(groups.values())


def _pack(groups: list[list[int]], size: int = CHUNK_SIZE) -> list[list[int]]:
    """Chunks of about ``size`` ids for the send tasks; a digest is never split."""
    chunks: list[list[int]] = []
    current: list[int] = []
    for group in groups:
        if current and len(current) + len(group) > size:
            chunks.append(current)
            current = []
        current.extend(group)
    if current:
        chunks.append(current)
    return chunks


def _claimable(now: datetime.datetime) -> Q:
    """Due, unsent, not given up on, and not claimed, or claimed longer ago than the lease."""
    return Q(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - claim_lease()),
        sent_at__isnull=True,
        due_at__lte=now,
        attempts__lt=MAX_ATTEMPTS,
    )


def reminders_refresh_due(*, now: datetime.datetime | None = None) -> PlanResult:
    """Re-plan the objects behind the rows about to be claimed, so a milestone moved or done
    since the last planning run does not send a stale reminder."""
    now = now or timezone.now()
    due = (
        Reminder.objects.filter(_claimable(now))
        .only("kind", "milestone_id", "placement_id", "application_id")
        .order_by("due_at", "pk")[:CLAIM_LIMIT]
    )
    return reminders_plan(now=now, scope=planning.Scope.of(due))


def reminders_claim_due(
    *, now: datetime.datetime | None = None, limit: int = CLAIM_LIMIT
) -> list[list[int]]:
    """Claim due, unsent, unclaimed (or lease-expired) rows; return their ids in send chunks.

    One short transaction; rows another sweep holds are skipped, not waited for. Call it inside
    the transaction whose commit enqueues the chunks, so a rollback enqueues nothing.
    """
    now = now or timezone.now()
    token = uuid.uuid4()
    # No savepoint of its own (two round trips): inside the caller's transaction a failure here
    # fails that transaction, which is what the caller wants; alone it is its own transaction.
    with transaction.atomic(savepoint=False):
        if connection.vendor == "postgresql":
            return _pack(_groups_by_day(_claim_in_one_statement(now=now, token=token, limit=limit)))
        due = (
            Reminder.objects.select_for_update(skip_locked=True)
            .filter(_claimable(now))
            .order_by("due_at", "pk")
        )
        rows = list(due.values_list("pk", "recipient_id", "digest", "due_at")[:limit])
        if rows:
            Reminder.objects.filter(pk__in=[r[0] for r in rows]).update(
                claimed_at=now, claim_token=token, attempts=F("attempts") + 1
            )
    return _pack(_groups(rows))


def _claim_statement() -> str:
    """The claim as one statement (PostgreSQL).

    Parameters: lease cutoff, attempts limit, now, row limit; then now, token, time zone. The
    WHERE clause is ``_claimable`` written out (``tests/reminders/test_claiming.py`` holds the
    two equal). Built through the ORM on every sweep, with the limit inlined, the claim of 1,000
    rows of 2,000,000 took 8.4–8.9 ms at the median instead of 7.6–8.1 (same minutes)."""
    table = connection.ops.quote_name(Reminder._meta.db_table)
    # Model metadata only; every value is a parameter:
    return (
        f"WITH due AS (SELECT ctid AS tid FROM {table} "  # noqa: S608  # nosec B608
        "WHERE (claimed_at IS NULL OR claimed_at < %s) AND attempts < %s AND due_at <= %s "
        "AND sent_at IS NULL ORDER BY due_at, id LIMIT %s FOR UPDATE SKIP LOCKED), "
        f"claimed AS (UPDATE {table} AS r SET claimed_at = %s, claim_token = %s, "
        "attempts = r.attempts + 1 FROM due WHERE r.ctid = due.tid "
        "RETURNING r.id, r.recipient_id, r.digest, r.due_at) "
        "SELECT id, recipient_id, digest, (due_at AT TIME ZONE %s)::date FROM claimed "
        "ORDER BY due_at, id"
    )


def _claim_in_one_statement(
    *, now: datetime.datetime, token: uuid.UUID, limit: int
) -> list[tuple[int, int, bool, datetime.date]]:
    """Lock and mark the rows in one statement (PostgreSQL): the locking SELECT runs once as a
    CTE and the UPDATE joins its ids, instead of a second statement finding 1,000 rows again by
    id. With reminders' fillfactor (migration 0003) the update is HOT: 9 ms for 1,000 rows out of
    2,000,000 at national size, against 20–100 ms for SELECT then UPDATE … WHERE id IN (…).

    The CTE hands over each locked row's physical address (``ctid``), so the UPDATE reaches it
    by a TID scan instead of 1,000 primary-key lookups (4,000 fewer buffer reads); a locked row
    cannot move before this statement's own update.

    The rows come back in claim order (due first) with the local day each is due, which is all
    the grouping needs: 1,000 dates instead of 1,000 time-zone-aware datetimes to build and a
    sort in Python (together about a third of this function's Python time)."""
    params: list[Any] = [
        now - claim_lease(),
        MAX_ATTEMPTS,
        now,
        limit,
        now,
        token,
        planning.local_zone().key,
    ]
    with connection.cursor() as cursor:
        cursor.execute(_claim_statement(), params)
        return cursor.fetchall()


# --- Sending --------------------------------------------------------------------------------


def reminders_send(*, ids: Sequence[int]) -> int:
    """Send each of these reminders that is still due and unsent, exactly once.

    Returns the number of e-mails sent. A failure is recorded on its rows (``last_error``) and
    they keep their claim, so the next sweep after the lease tries again.
    """
    now = timezone.now()
    preview = Reminder.objects.filter(
        pk__in=list(ids), sent_at__isnull=True, due_at__lte=now
    ).order_by("due_at", "pk")
    groups = _groups(preview.values_list("pk", "recipient_id", "digest", "due_at"))
    if not groups:
        return 0
    sent = 0
    mailer = mailers.default
    try:
        # One connection for the chunk; if it cannot be opened, each send tries its own and
        # records the error on its rows.
        mailer.open()
    except Exception:
        logger.exception("Could not connect to the mail server")
    try:
        for group in groups:
            try:
                sent += _send_group(group, mailer)
            except Exception as exc:
                logger.exception("Reminders %s not sent", group)
                error = f"{type(exc).__name__}: {exc}"[:300]
                Reminder.objects.filter(pk__in=group, sent_at__isnull=True).update(last_error=error)
                mailer.close()
    finally:
        mailer.close()
    return sent


def _send_group(group: list[int], mailer) -> int:  # type: ignore[no-untyped-def]
    with transaction.atomic():
        # Locked while the message goes out; a concurrent sender skips these rows, and after
        # our commit no longer sees them as unsent.
        rows = list(
            Reminder.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk__in=group, sent_at__isnull=True, due_at__lte=timezone.now())
            .select_related(
                "recipient__reminder_preference",
                "operator",
                "programme",
                "milestone",
                "application",
            )
            .order_by("due_at", "pk")
        )
        if not rows:
            return 0
        message = reminder_message(rows)
        mailer.send_messages([message])
        at = timezone.now()
        message_id = message_id_for(rows)
        SentReminder.objects.bulk_create(
            [SentReminder(reminder=row, message_id=message_id, sent_at=at) for row in rows]
        )
        Reminder.objects.filter(pk__in=[row.pk for row in rows]).update(sent_at=at, last_error="")
    return 1


# --- Preferences ----------------------------------------------------------------------------


@transaction.atomic
def preference_update(
    *, user: User, delivery: str, muted_kinds: Iterable[str], language: str
) -> ReminderPreference:
    """Save how the user wants reminders, and re-plan their unsent ones at once."""
    muted = sorted(set(muted_kinds))
    unknown = set(muted) - set(ReminderKind.values)
    if unknown:
        raise ValidationError({"muted_kinds": _("Unknown kind of reminder.")})
    preference, _created = ReminderPreference.objects.select_for_update().get_or_create(user=user)
    preference.delivery = delivery
    preference.muted_kinds = muted
    preference.language = language
    preference.full_clean()
    preference.save()
    audit_log(
        actor=user,
        operator=None,
        action="reminders.preference.changed",
        obj=preference,
        data={"delivery": delivery, "muted_kinds": muted, "language": language},
    )
    mine = Reminder.objects.filter(recipient=user, sent_at__isnull=True).only(
        "kind", "milestone_id", "placement_id", "application_id"
    )
    reminders_plan(scope=planning.Scope.of(mine))
    return preference
