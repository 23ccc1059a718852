"""The sweep's claim on PostgreSQL (one written-out statement) hands out exactly the rows the
model's rule (``services._claimable``) names, in due order, once, skipping rows others hold."""

import datetime
import threading
import uuid

import pytest
from django.db import connections, transaction

from reminders import services
from reminders.models import Reminder, ReminderKind
from tests.conftest import World

from .conftest import oslo

# The one-statement claim is PostgreSQL's (SQLite takes the ORM's two statements).
pytestmark = pytest.mark.postgres

NOW = oslo(2027, 3, 23, 9, 0)
HOUR = datetime.timedelta(hours=1)
SECOND = datetime.timedelta(seconds=1)


def make(world: World, name: str, **fields: object) -> Reminder:
    values: dict[str, object] = {
        "operator": world.operator,
        "kind": ReminderKind.MILESTONE_DUE,
        "recipient": world.users["mentor"],
        "event_on": NOW.date(),
        "due_at": NOW - HOUR,
        "slot": name,
        "dedupe_key": name,
    }
    values.update(fields)
    return Reminder.objects.create(**values)


def states(world: World) -> tuple[list[Reminder], list[Reminder]]:
    """Rows in every state around the rule's edges: (claimable in due order, not claimable)."""
    lease = services.claim_lease()
    top = services.MAX_ATTEMPTS
    due = [
        make(world, "oldest", due_at=NOW - 3 * HOUR),
        make(world, "lease-ran-out", due_at=NOW - 2 * HOUR, claimed_at=NOW - lease - SECOND),
        make(world, "tie-first", due_at=NOW - HOUR),
        make(world, "tie-second", due_at=NOW - HOUR, attempts=top - 1),
        make(world, "due-this-instant", due_at=NOW),
    ]
    not_due = [
        make(world, "future", due_at=NOW + SECOND),
        make(world, "sent", due_at=NOW - 4 * HOUR, sent_at=NOW - HOUR),
        make(world, "held", due_at=NOW - 4 * HOUR, claimed_at=NOW - lease + SECOND),
        make(world, "lease-ends-now", due_at=NOW - 4 * HOUR, claimed_at=NOW - lease),
        make(world, "given-up", due_at=NOW - 4 * HOUR, attempts=top),
    ]
    return due, not_due


def claimed(limit: int = services.CLAIM_LIMIT) -> list[int]:
    return [pk for chunk in services.reminders_claim_due(now=NOW, limit=limit) for pk in chunk]


def model_rule(limit: int) -> list[int]:
    rows = Reminder.objects.filter(services._claimable(NOW)).order_by("due_at", "pk")
    return list(rows.values_list("pk", flat=True)[:limit])


@pytest.mark.django_db
@pytest.mark.parametrize("limit", [1, 3, 5, 1000])
def test_claim_hands_out_what_the_model_rule_names_in_due_order(world: World, limit: int) -> None:
    due, _not_due = states(world)
    expected = [r.pk for r in due][:limit]
    assert model_rule(limit) == expected
    assert claimed(limit) == expected


@pytest.mark.django_db
def test_claim_marks_its_rows_and_leaves_the_rest(world: World) -> None:
    due, not_due = states(world)
    before = {r.pk: (r.claimed_at, r.claim_token, r.attempts) for r in not_due}
    assert sorted(claimed()) == sorted(r.pk for r in due)
    rows = Reminder.objects.in_bulk([r.pk for r in due + not_due])
    tokens = {rows[r.pk].claim_token for r in due}
    assert len(tokens) == 1 and None not in tokens
    for r in due:
        assert rows[r.pk].claimed_at == NOW
        assert rows[r.pk].attempts == r.attempts + 1
    after = {pk: (rows[pk].claimed_at, rows[pk].claim_token, rows[pk].attempts) for pk in before}
    assert after == before
    assert claimed() == []  # held for the lease now


@pytest.mark.django_db
def test_digest_rows_of_one_local_day_stay_in_one_chunk(world: World) -> None:
    # 23:30 UTC on the 22nd is already the 23rd in Oslo: one digest with the morning's row.
    late = make(world, "late", digest=True, due_at=oslo(2027, 3, 23, 0, 30))
    morning = make(world, "morning", digest=True, due_at=oslo(2027, 3, 23, 8, 0))
    before = make(world, "day-before", digest=True, due_at=oslo(2027, 3, 22, 23, 30))
    singles = [make(world, f"single-{i}", due_at=oslo(2027, 3, 23, 7, i)) for i in range(30)]
    chunks = services.reminders_claim_due(now=NOW)
    assert sorted(pk for chunk in chunks for pk in chunk) == sorted(
        [late.pk, morning.pk, before.pk, *(r.pk for r in singles)]
    )
    holding = [chunk for chunk in chunks if late.pk in chunk]
    assert len(holding) == 1 and morning.pk in holding[0]
    assert all(len(chunk) <= services.CHUNK_SIZE for chunk in chunks)


@pytest.mark.django_db(transaction=True)
def test_a_row_another_transaction_holds_is_skipped_not_waited_for(world: World) -> None:
    due, _not_due = states(world)
    locked, released = threading.Event(), threading.Event()

    def hold() -> None:
        try:
            with transaction.atomic():
                Reminder.objects.select_for_update().get(pk=due[0].pk)
                locked.set()
                released.wait(timeout=30)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert locked.wait(timeout=30)
        assert claimed() == [r.pk for r in due[1:]]
    finally:
        released.set()
        holder.join(timeout=30)
    assert claimed() == [due[0].pk]
    assert Reminder.objects.get(pk=due[0].pk).claim_token not in (None, uuid.UUID(int=0))
