"""Background work for documents. Tasks take ids only; the services do the work."""

from celery import shared_task

from . import figures, services

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


@shared_task(name="reports.build_export", acks_late=True, soft_time_limit=1800, time_limit=1900)
def build_export(job_id: int) -> None:
    """Build the export job's spreadsheet (safe to run twice: a finished job is skipped)."""
    services.export_job_run(job_id=job_id)


@shared_task(name="reports.refresh_figures", acks_late=True, soft_time_limit=300, time_limit=360)
def refresh_figures(programme_id: int) -> None:
    """Count the programme's dashboard figures again and store them (idempotent)."""
    figures.figures_refresh(programme_id=programme_id)


@shared_task(
    name="reports.recompute_figures", acks_late=True, soft_time_limit=3000, time_limit=3300
)
def recompute_figures() -> int:
    """Nightly: count every programme's figures again; returns how many disagreed."""
    return figures.figures_recompute_all()
