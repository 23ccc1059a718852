"""Background work for reminders. Tasks take ids only, never personal data, and are enqueued
after commit; no countdown or ETA (the Redis visibility timeout would redeliver them)."""

import functools

from celery import shared_task
from django.db import transaction

from . import services


@shared_task(name="reminders.plan_reminders", ignore_result=True)
def plan_reminders() -> dict[str, int]:
    """Periodic: create, move and remove unsent reminders from the domain data."""
    return services.reminders_plan().as_dict()


@shared_task(name="reminders.send_due_reminders", ignore_result=True)
def send_due_reminders() -> int:
    """Periodic (one beat): claim due reminders and fan them out in chunks of ids.

    The chunks are enqueued when the claim commits; a rolled-back claim enqueues nothing, and a
    chunk whose message is lost is claimed again when its lease runs out.
    """
    services.reminders_refresh_due()
    with transaction.atomic():
        chunks = services.reminders_claim_due()
        for ids in chunks:
            # robust: one failed publish (broker down) must not stop the others; its rows are
            # claimed again after the lease.
            transaction.on_commit(functools.partial(send_reminders.delay, ids), robust=True)
    return sum(len(ids) for ids in chunks)


@shared_task(
    name="reminders.send_reminders", ignore_result=True, soft_time_limit=240, time_limit=300
)
def send_reminders(ids: list[int]) -> int:
    """Send these reminders, each exactly once; ids only."""
    return services.reminders_send(ids=ids)
