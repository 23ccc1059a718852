"""The beat schedule lives in the database, and the Celery settings make a lost task harmless
(checks 19: acks late, requeue on worker loss, no ETA or countdown, time limits under the
visibility timeout)."""

import ast
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

import reminders
from config.celery import app
from reminders import tasks
from reminders.models import Reminder
from tests.conftest import World

from .conftest import oslo, travel


def test_the_schedule_is_installed_by_migration(db) -> None:  # type: ignore[no-untyped-def]
    schedule = {t.task: t for t in PeriodicTask.objects.filter(task__startswith="reminders.")}
    assert set(schedule) == {"reminders.send_due_reminders", "reminders.plan_reminders"}
    send, plan = schedule["reminders.send_due_reminders"], schedule["reminders.plan_reminders"]
    # Interval ticks, not wall-clock crontabs: no DST hour to skip or repeat.
    assert (send.interval.every, send.interval.period, send.crontab) == (5, "minutes", None)
    assert (plan.interval.every, plan.interval.period, plan.crontab) == (15, "minutes", None)
    assert send.enabled and plan.enabled
    assert send.expire_seconds < send.interval.every * 60
    assert (send.args, send.kwargs) == ("[]", "{}")
    for name in schedule:
        assert name in app.tasks


def test_celery_settings_never_lose_or_loop_a_task() -> None:
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True
    assert settings.CELERY_TASK_SERIALIZER == "json"
    assert settings.CELERY_BEAT_SCHEDULER.startswith("django_celery_beat.")
    assert settings.USE_TZ is True
    timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert tasks.send_reminders.time_limit < timeout


def test_no_task_is_scheduled_with_an_eta_or_countdown() -> None:
    """An ETA beyond Redis's visibility timeout is redelivered in a loop; we use none at all."""
    for path in Path(reminders.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                names = {k.arg for k in node.keywords}
                assert not names & {"eta", "countdown"}, f"{path}:{node.lineno}"


def test_commands_run_the_same_services_in_process(
    world: World, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    """The embedded default: no Redis, cron calls the commands, tasks run in this process."""
    with travel(oslo(2027, 3, 20, 12)):
        call_command("plan_reminders", verbosity=2, stdout=StringIO())
    assert Reminder.objects.filter(sent_at__isnull=True).exists()
    out = StringIO()
    with travel(oslo(2027, 3, 23, 9, 1)), django_capture_on_commit_callbacks(execute=True):
        call_command("send_due_reminders", verbosity=2, stdout=out)
    assert "1 reminders claimed" in out.getvalue()
    assert len(mail.outbox) == 1
