"""No personal data in task messages (checks 13): plan and send with a real Redis broker, then
read every message and key in Redis. Needs redis-server; no worker (messages stay queued)."""

import base64
import datetime
import json
from collections.abc import Iterator

import pytest
import redis

from candidates.models import Application, Candidate
from config.celery import app
from mentors import services as mentor_services
from mentors.models import Milestone
from placements.models import Placement
from placements.services import nav_agreement_set, placement_create, placement_start
from reminders import tasks
from reminders.models import Reminder, ReminderKind
from tests.conftest import World
from tests.factories import ApplicationFactory, CandidateFactory

from .conftest import RedisServer, oslo, travel

D = datetime.date
MARKER_GIVEN = "Kanarifugl"
MARKER_FAMILY = "Zzyzxmarkør"
NATIONAL_ID = "17918099837"
NOTE = "CANARY-NOTE: flytter til Bergen i mai"
NAV_REFERENCE = "CANARY-NAV-0042"
FORBIDDEN = [MARKER_GIVEN, MARKER_FAMILY, NATIONAL_ID, NOTE, NAV_REFERENCE]


def _forget_pools(*, close: bool) -> None:
    """Make the app look its pools up again for the current broker URL. The pools live in
    kombu's process-wide registry, keyed by URL: only our own Redis's may be closed."""
    if close and app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker(redis_server: RedisServer) -> Iterator[redis.Redis]:
    """Point the Celery app at our own Redis, not eager, for this test only."""
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=redis_server.url, task_always_eager=False)
    _forget_pools(close=False)
    client = redis.Redis.from_url(redis_server.url)
    yield client
    client.close()
    _forget_pools(close=True)
    app.conf.update(saved)


def plant(world: World) -> Candidate:
    """A candidate with every kind of reminder due on 2027-03-23 10:00, and personal data that
    must not travel: name, national id, a note, a NAV reference."""
    lead, mentor = world.users["lead"], world.users["mentor"]
    candidate = CandidateFactory(
        operator=world.operator, given_name=MARKER_GIVEN, family_name=MARKER_FAMILY
    )
    Candidate.objects.filter(pk=candidate.pk).update(
        national_id=NATIONAL_ID, national_id_kind="fnr"
    )
    placement = placement_create(
        candidate=candidate,
        programme=world.objects["programme"],
        cohort=world.objects["cohort"],
        host_unit=world.objects["host_unit"],
        starts_on=D(2027, 3, 2),
        planned_end=D(2027, 4, 4),
        supervisor=mentor,
        by=lead,
    )
    placement_start(placement=placement, by=lead)
    Milestone.objects.create(
        placement=placement, kind="mid_evaluation", label="Midtveis", due_on=D(2027, 3, 30)
    )
    nav_agreement_set(
        placement=placement,
        reference=NAV_REFERENCE,
        benefit="aap",
        starts_on=D(2027, 3, 2),
        ends_on=D(2027, 4, 1),
        by=lead,
    )
    mentor_services.note_create(
        candidate=candidate,
        placement=placement,
        author=mentor,
        written_on=D(2027, 3, 10),
        kind="conversation",
        text=NOTE,
        confidential=False,
    )
    application = ApplicationFactory(candidate=candidate, position=world.objects["position"])
    Application.objects.filter(pk=application.pk).update(stage_changed_at=oslo(2027, 3, 1, 10))
    Placement.objects.create(
        candidate=candidate,
        programme=world.objects["network"],
        host_unit=world.objects["host_unit"],
        starts_on=D(2026, 3, 1),
        planned_end=D(2026, 9, 20),
        actual_end=D(2026, 9, 20),
        status=Placement.Status.COMPLETED,
    )
    return candidate


def messages_in(client: redis.Redis) -> list[tuple[bytes, dict, list]]:  # type: ignore[type-arg]
    """(raw, envelope, decoded body) of every message queued on the default queue."""
    out = []
    for raw in client.lrange("celery", 0, -1):
        envelope = json.loads(raw)
        body = json.loads(base64.b64decode(envelope["body"]))
        out.append((raw, envelope, body))
    return out


def everything_in(client: redis.Redis) -> bytes:
    """Every value of every key, as bytes, to search for the planted data."""
    dump = []
    for key in client.scan_iter():
        kind = client.type(key)
        if kind == b"string":
            dump.append(client.get(key) or b"")
        elif kind == b"list":
            dump.extend(client.lrange(key, 0, -1))
        elif kind == b"hash":
            dump.extend(v for pair in client.hgetall(key).items() for v in pair)
        elif kind == b"set":
            dump.extend(client.smembers(key))
        elif kind == b"zset":
            dump.extend(client.zrange(key, 0, -1))
        dump.append(key)
    return b"\n".join(dump)


def test_task_messages_carry_ids_only(
    world: World, broker: redis.Redis, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with travel(oslo(2027, 3, 20, 12)):
        plant(world)
    with travel(oslo(2027, 3, 23, 10)), django_capture_on_commit_callbacks(execute=True):
        tasks.plan_reminders.delay()  # as beat would publish it
        tasks.send_due_reminders.delay()
        tasks.plan_reminders()  # and as the worker would run them
        tasks.send_due_reminders()

    due = Reminder.objects.filter(claimed_at__isnull=False)
    assert set(due.values_list("kind", flat=True)) == set(ReminderKind.values)
    queued = messages_in(broker)
    by_task: dict[str, list[list]] = {}  # type: ignore[type-arg]
    for _raw, envelope, (args, kwargs, _embed) in queued:
        by_task.setdefault(envelope["headers"]["task"], []).append(args)
        assert kwargs == {}
    assert sorted(by_task) == [
        "reminders.plan_reminders",
        "reminders.send_due_reminders",
        "reminders.send_reminders",
    ]
    assert by_task["reminders.plan_reminders"] == [[]]
    sent_ids = [i for args in by_task["reminders.send_reminders"] for i in args[0]]
    assert sorted(sent_ids) == sorted(due.values_list("pk", flat=True))
    assert all(isinstance(i, int) for i in sent_ids)

    stored = everything_in(broker)
    assert stored  # the check looked at something
    for value in FORBIDDEN:
        for text in (value, value.upper(), value.lower()):
            assert text.encode() not in stored, value
            assert json.dumps(text).encode() not in stored, value
