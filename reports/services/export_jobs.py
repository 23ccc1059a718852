"""Large spreadsheets built in the background: create the job, run it with progress, read it."""

import datetime
import logging
from collections.abc import Iterable, Iterator, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.models import Membership
from core.permissions import has_capability
from core.services import audit_access, audit_log
from placements.models import Placement

from .. import exports
from ..export_forms import PlacementReportFilter
from ..models import ExportJob

logger = logging.getLogger(__name__)

# Progress is written every this many rows: one UPDATE per step, not per row.
PROGRESS_STEP = 2000
# Finished workbooks are kept this long, then their bytes are dropped.
KEEP_FOR = datetime.timedelta(days=7)


def placement_report_rows(membership: Membership, query: str) -> QuerySet[Placement]:
    """The placement report's filtered queryset for ``query``, scoped to the membership."""
    report = PlacementReportFilter(
        QueryDict(query),
        queryset=exports.placement_report(membership),
        operator_id=membership.operator_id,
    )
    return report.qs


@transaction.atomic
def export_job_create(*, membership: Membership, query: str, language: str) -> ExportJob:
    """A queued job for the placement report under ``query``; the caller enqueues it on commit."""
    if not has_capability(membership, "placements.manage"):
        raise PermissionDenied
    # Stored re-encoded: the same filters, and no raw NUL byte (PostgreSQL refuses it in text).
    query = QueryDict(query).urlencode()
    total = placement_report_rows(membership, query).count()
    if total == 0:
        raise ValidationError(_("The report has no rows to export."))
    job = ExportJob.objects.create(
        operator_id=membership.operator_id,
        created_by=membership.user,
        report=ExportJob.Report.PLACEMENTS,
        query=query[:2000],
        language=language,
        total=total,
    )
    audit_log(
        actor=membership.user,
        operator=membership.operator_id,
        action="reports.export_job.created",
        obj=job,
        data={"report": job.report, "format": "xlsx", "rows": total},
    )
    return job


class _Progress:
    """Counts rows as the workbook takes them, writing the count every PROGRESS_STEP rows."""

    def __init__(self, job_id: int, total: int) -> None:
        self.job_id, self.total, self.done = job_id, total, 0

    def count(self, rows: Iterable[Sequence[object]]) -> Iterator[Sequence[object]]:
        for row in rows:
            yield row
            self.done += 1
            if self.done % PROGRESS_STEP == 0:
                ExportJob.objects.filter(pk=self.job_id).update(done=min(self.done, self.total))


def export_job_run(*, job_id: int) -> ExportJob:
    """Build the job's workbook. The requester must still be staff of the operator when it runs.

    Safe to run twice: a finished job is left as it is.
    """
    purge_old_exports()
    job = ExportJob.objects.defer("content").get(pk=job_id)
    if job.is_finished:
        return job
    membership = (
        Membership.objects.select_related("user")
        .filter(user_id=job.created_by_id, operator_id=job.operator_id, is_active=True)
        .first()
    )
    if membership is None or not has_capability(membership, "placements.manage"):
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.FAILED, finished_at=timezone.now()
        )
        return ExportJob.objects.defer("content").get(pk=job.pk)
    placements = placement_report_rows(membership, job.query)
    # Rows added since the job was created make it longer: the total follows the data.
    progress = _Progress(job.pk, placements.count())
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.RUNNING, started_at=timezone.now(), done=0, total=progress.total
    )
    try:
        with translation.override(job.language):
            body = exports.placements_xlsx(progress.count(exports.report_rows(placements)))
    except Exception:
        logger.exception("export job %s failed", job.pk)
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.FAILED, finished_at=timezone.now()
        )
        raise
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.DONE,
        total=progress.done,
        done=progress.done,
        content=body,
        finished_at=timezone.now(),
    )
    return ExportJob.objects.defer("content").get(pk=job.pk)


def export_job_content(*, job: ExportJob, membership: Membership) -> tuple[str, bytes]:
    """The finished workbook and its file name; the read is logged like a direct download,
    naming each candidate the requester's filter holds now."""
    if job.status != ExportJob.Status.DONE:
        raise ValidationError(_("The spreadsheet is not ready yet."))
    content = ExportJob.objects.filter(pk=job.pk).values_list("content", flat=True).first()
    if content is None:
        raise ValidationError(_("The spreadsheet has expired. Export it again."))
    candidates = placement_report_rows(membership, job.query).values_list("candidate_id", flat=True)
    audit_access(
        actor=membership.user,
        operator=job.operator_id,
        action="reports.export",
        obj=job,
        candidate_ids=candidates,
        data={"report": job.report, "format": "xlsx", "rows": job.done},
        filters=QueryDict(job.query).dict(),
    )
    return f"{job.report}-{job.created_at:%Y-%m-%d}-{job.pk}.xlsx", bytes(content)


def purge_old_exports(*, now: datetime.datetime | None = None) -> int:
    """Drop the bytes of workbooks older than KEEP_FOR; the job rows stay as a record."""
    cutoff = (now or timezone.now()) - KEEP_FOR
    return ExportJob.objects.filter(created_at__lt=cutoff, content__isnull=False).update(
        content=None
    )
