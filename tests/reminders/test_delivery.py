"""Fault injection with real parts (checks 17): PostgreSQL, a private redis-server, a Celery
worker in its own processes and an SMTP server (aiosmtpd).

200 reminders are due. The beat task fires twice at the same moment; the worker is killed with
SIGKILL mid-run and started again; Redis is restarted (losing every queued message) while the new
worker runs; and once, a worker process kills itself right after the mail server accepted a
message and before the commit. Every reminder must arrive; a second copy may only come from a
crash after acceptance, and then carries the same Message-ID.

Needs PostgreSQL (the worker and the test share the test database) and redis-server: skipped
locally without them, a failure under CI.
"""

import collections
import contextlib
import datetime
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from celery import Celery
from django.conf import settings
from django.db import connection
from django.utils import timezone

from mentors.models import Milestone
from reminders import planning, services
from reminders.models import Reminder, SentReminder
from tests.conftest import World, require

from .conftest import RedisServer

pytestmark = pytest.mark.django_db(transaction=True)

COUNT = 200
LEASE_SECONDS = 5
SMTP_DELAY = 0.02
DEADLINE = 150  # seconds for the whole scenario; it takes about 20


def database_url() -> str:
    """The test database, as the worker must reach it."""
    s = connection.settings_dict
    user = quote(s["USER"] or "", safe="")
    password = f":{quote(s['PASSWORD'], safe='')}" if s.get("PASSWORD") else ""
    host = s.get("HOST") or "127.0.0.1"
    port = f":{s['PORT']}" if s.get("PORT") else ""
    return f"postgres://{user}{password}@{host}{port}/{s['NAME']}"


class Workers:
    """Celery workers as subprocesses, each in its own process group so SIGKILL takes them all."""

    def __init__(self, env: dict[str, str], logdir: Path) -> None:
        self.env = env
        self.logdir = logdir
        self.started: list[subprocess.Popen] = []  # type: ignore[type-arg]

    def start(self) -> subprocess.Popen:  # type: ignore[type-arg]
        n = len(self.started) + 1
        log = self.logdir / f"worker-{n}.log"
        celery = Path(sys.executable).parent / "celery"
        process = subprocess.Popen(
            [
                str(celery),
                "-A",
                "config",
                "worker",
                "--pool",
                "prefork",
                "-c",
                "2",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "-n",
                f"reminders-test-{n}@%h",
            ],
            cwd=settings.BASE_DIR,
            env=self.env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.started.append(process)
        wait_for(lambda: " ready." in log.read_text(errors="replace"), 60, f"worker {n} ready", log)
        return process

    @staticmethod
    def kill(process: subprocess.Popen) -> None:  # type: ignore[type-arg]
        """SIGKILL the worker and its pool processes at once: no goodbye, no acks."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in self.started:
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                    process.wait(timeout=10)
                except (ProcessLookupError, subprocess.TimeoutExpired):
                    self.kill(process)

    def logs(self) -> str:
        return "\n".join(
            f"--- {p.name}\n" + p.read_text(errors="replace")[-4000:]
            for p in sorted(self.logdir.glob("worker-*.log"))
        )


def wait_for(
    condition: Callable[[], bool], seconds: float, what: str, log: Path | None = None
) -> None:
    if wait_for_or_timeout(condition, seconds):
        return
    tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    raise AssertionError(f"timed out waiting for {what}\n{tail}")


def wait_for_or_timeout(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


@pytest.fixture
def workers(tmp_path: Path) -> Iterator[Callable[[dict[str, str]], Workers]]:
    made: list[Workers] = []

    def make(env: dict[str, str]) -> Workers:
        made.append(Workers(env, tmp_path))
        return made[-1]

    yield make
    for w in made:
        w.stop_all()


def due_reminders(world: World, count: int) -> list[int]:
    """``count`` milestones whose reminders went due yesterday at 09:00, planned by the planner
    (the world's mentor supervises and mentors the placement: one reminder each)."""
    due_on = timezone.localdate() + datetime.timedelta(
        days=planning.DAYS_BEFORE["milestone_due"] - 1
    )
    milestones = Milestone.objects.bulk_create(
        Milestone(
            placement=world.objects["followed_placement"],
            kind="follow_up",
            label=f"Oppfølging {n}",
            due_on=due_on,
        )
        for n in range(count)
    )
    scope = planning.Scope(milestone_ids=frozenset(m.pk for m in milestones))
    assert services.reminders_plan(scope=scope).created == count
    ids = sorted(Reminder.objects.filter(milestone__in=milestones).values_list("pk", flat=True))
    assert len(ids) == count
    assert Reminder.objects.filter(pk__in=ids, due_at__lte=timezone.now()).count() == count
    return ids


def test_every_reminder_arrives_once_through_kills_restarts_and_double_ticks(
    world: World, redis_server: RedisServer, smtp_server, workers, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    require(
        settings.USING_POSTGRES,
        "the worker must share the test database: set DATABASE_URL to PostgreSQL",
    )
    started = time.monotonic()
    phases: dict[str, float] = {}

    def mark(name: str) -> None:
        phases[name] = round(time.monotonic() - started, 1)

    ids = due_reminders(world, COUNT)
    crash_id = f"<reminder-{ids[COUNT * 3 // 4]}@{settings.SITE_DOMAIN.split(':')[0]}>"
    crash_marker = tmp_path / "crashed"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))},
        "PYTHONPATH": str(settings.BASE_DIR),
        "DJANGO_SETTINGS_MODULE": "tests.reminders.worker_settings",
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_server.url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "REMINDERS_SMTP_HOST": smtp_server.host,
        "REMINDERS_SMTP_PORT": str(smtp_server.port),
        "REMINDERS_SMTP_DELAY": str(SMTP_DELAY),
        "REMINDERS_CLAIM_LEASE": str(LEASE_SECONDS),
        "REMINDERS_CRASH_AFTER": crash_id,
        "REMINDERS_CRASH_MARKER": str(crash_marker),
        "LOG_LEVEL": "WARNING",
    }
    pool = workers(env)
    # The test plays beat: it publishes the periodic task, as beat would, by name only.
    beat = Celery("beat", broker=redis_server.url)
    beat.conf.update(broker_connection_retry_on_startup=True, broker_connection_timeout=2)

    def tick() -> None:
        # While Redis restarts a tick may fail; the next one comes half a second later.
        with contextlib.suppress(Exception):
            beat.send_task(
                "reminders.send_due_reminders",
                retry=True,
                retry_policy={"max_retries": 2, "interval_start": 0.1, "interval_step": 0.2},
            )

    def ticking_until(condition: Callable[[], bool], seconds: float) -> None:
        """Beat's ticks, every half second (the real schedule: every five minutes)."""
        deadline = time.monotonic() + seconds
        while not condition() and time.monotonic() < deadline:
            tick()
            wait_for_or_timeout(condition, 0.5)

    unsent = Reminder.objects.filter(pk__in=ids, sent_at__isnull=True)

    def arrived() -> collections.Counter[str]:
        return collections.Counter(str(m["Message-ID"]) for m in list(smtp_server.messages))

    try:
        first = pool.start()
        mark("worker 1 ready")
        # The periodic task fires twice at the same moment: two sweeps run side by side.
        tick()
        tick()
        wait_for(
            lambda: Reminder.objects.filter(pk__in=ids, claimed_at__isnull=False).count() == COUNT,
            20,
            "the double tick to claim every row",
        )
        attempts = set(Reminder.objects.filter(pk__in=ids).values_list("attempts", flat=True))
        assert attempts == {1}, "two sweeps claimed the same row"
        mark("claimed")

        # Kill the worker in mid-run, with chunks queued, reserved and half-sent.
        wait_for(lambda: len(arrived()) >= COUNT // 4, 60, "the first quarter to arrive")
        Workers.kill(first)
        at_kill = len(arrived())
        mark("worker 1 killed")
        assert at_kill < COUNT, "the worker finished before it could be killed"

        second = pool.start()
        mark("worker 2 ready")
        ticking_until(lambda: len(arrived()) >= COUNT // 2, 60)
        # Restart Redis under the running worker: every queued and unacked message is lost.
        redis_server.restart()
        at_restart = len(arrived())
        mark("redis restarted")

        ticking_until(lambda: not unsent.exists(), DEADLINE)
        mark("all sent")
        # A last look for stragglers: a redelivered chunk must not send anything again.
        tick()
        time.sleep(LEASE_SECONDS + 1)
        assert second.poll() is None, "the restarted worker died"
    except BaseException:
        print(pool.logs())
        raise
    elapsed = time.monotonic() - started

    assert not unsent.exists(), pool.logs()
    received = arrived()
    log = dict(
        SentReminder.objects.filter(reminder_id__in=ids).values_list("reminder_id", "message_id")
    )
    # Every reminder sent exactly once by the database's account, and arrived at the server.
    assert sorted(log) == ids
    assert set(received) == set(log.values())
    duplicates = {mid: n - 1 for mid, n in received.items() if n > 1}
    # A copy can only come from a crash between acceptance and commit: the planted one, and at
    # most one in-flight message per pool process when the worker was killed.
    assert crash_marker.exists(), "the planted crash after acceptance did not happen"
    assert duplicates.get(crash_id) == 1, duplicates
    assert sum(duplicates.values()) <= 1 + 2, duplicates
    for mid in duplicates:
        copies = [m for m in smtp_server.messages if m["Message-ID"] == mid]
        assert len({m.get_body(("plain",)).get_content() for m in copies}) == 1
    print(
        f"\nreminder delivery: {COUNT} reminders, {sum(received.values())} messages received, "
        f"{sum(duplicates.values())} duplicate(s) {sorted(duplicates)}, "
        f"killed at {at_kill}, Redis restarted at {at_restart}, {elapsed:.1f} s {phases}"
    )
