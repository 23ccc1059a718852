"""Background work that spans every app (retention). Tasks take ids only and load what they need."""

import functools
import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from core.models import Organisation

from .retention import retention_run

logger = logging.getLogger(__name__)


@shared_task(name="stewardship.retention_nightly", ignore_result=True)
def retention_nightly() -> int:
    """Periodic (beat, 03:15 Europe/Oslo): one retention task per operator, by id."""
    operator_ids = list(Organisation.objects.filter(is_operator=True).values_list("pk", flat=True))
    with transaction.atomic():
        for operator_id in operator_ids:
            # robust: one failed publish must not stop the other operators' runs.
            transaction.on_commit(
                functools.partial(retention_operator.delay, operator_id), robust=True
            )
    return len(operator_ids)


@shared_task(
    name="stewardship.retention_operator", ignore_result=True, soft_time_limit=1800, time_limit=2000
)
def retention_operator(operator_id: int) -> dict[str, int]:
    """Apply one operator's retention policy as of today (Europe/Oslo)."""
    operator = Organisation.objects.get(pk=operator_id, is_operator=True)
    report = retention_run(operator=operator, today=timezone.localdate())
    logger.info("retention for operator %s: %s", operator_id, report.as_dict())
    return report.as_dict()
