"""Background work for documents. Tasks take ids only; the services do the work."""

from celery import shared_task

from . import services

# WeasyPrint has no time limit of its own: the task's limits bound a batch (about 0.5 s per
# document when warm, so 10 minutes is generous for a cohort).
SOFT_TIME_LIMIT = 600


@shared_task(
    name="reports.issue_batch",
    acks_late=True,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=SOFT_TIME_LIMIT + 60,
)
def issue_batch(job_id: int) -> None:
    """Issue every document of the batch job (safe to run twice: issued ones are skipped)."""
    services.batch_run(job_id=job_id)
