"""Issuing a cohort's approved documents in the background, and the ZIP of the result."""

import io
import logging
import zipfile

from celery.exceptions import SoftTimeLimitExceeded
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import Membership, User
from core.services import audit_access, audit_log
from programs.models import Cohort

from ..models import BatchJob, Document
from ..pdf import Renderer
from ..renderers import DocumentRenderer
from .documents import document_issue, may_issue, require

logger = logging.getLogger(__name__)


@transaction.atomic
def batch_create(*, cohort: Cohort, membership: Membership) -> BatchJob:
    """A job to issue every approved document of the cohort; the caller enqueues it on commit."""
    require(may_issue(membership, cohort.programme.operator_id))
    documents = list(
        Document.objects.filter(
            operator_id=membership.operator_id,
            placement__cohort=cohort,
            status=Document.Status.APPROVED,
        ).values_list("pk", flat=True)
    )
    if not documents:
        raise ValidationError(_("The cohort has no approved documents to issue."))
    job = BatchJob.objects.create(
        operator_id=membership.operator_id,
        cohort=cohort,
        created_by=membership.user,
        total=len(documents),
    )
    job.documents.set(documents)
    audit_log(
        actor=membership.user,
        operator=membership.operator_id,
        action="reports.batch.created",
        obj=job,
        data={"cohort": cohort.pk, "documents": documents},
    )
    return job


def batch_run(*, job_id: int, renderer: Renderer[Document] | None = None) -> BatchJob:
    """Issue the job's documents one transaction at a time, counting progress as it goes.

    Safe to run again after a crash: issued documents are counted, not issued twice. The job's
    creator must still be a coordinator or lead of the operator when it runs.
    """
    job = BatchJob.objects.select_related("created_by").get(pk=job_id)
    if job.is_finished:
        return job
    membership = (
        Membership.objects.filter(
            user_id=job.created_by_id, operator_id=job.operator_id, is_active=True
        ).first()
        if job.created_by_id is not None
        else None
    )
    BatchJob.objects.filter(pk=job.pk).update(
        status=BatchJob.Status.RUNNING, started_at=timezone.now(), done=0, failed=0
    )
    renderer = renderer or DocumentRenderer()
    for document in job.documents.defer("pdf").order_by("pk"):
        try:
            if not document.is_final:
                document_issue(document=document, membership=membership, renderer=renderer)
        except SoftTimeLimitExceeded:
            BatchJob.objects.filter(pk=job.pk).update(
                status=BatchJob.Status.FAILED, finished_at=timezone.now()
            )
            raise
        except (ValidationError, PermissionDenied):
            logger.warning("batch %s: document %s was not issued", job.pk, document.pk)
            BatchJob.objects.filter(pk=job.pk).update(failed=F("failed") + 1)
        except Exception:
            # One broken document must not stop the others; the traceback goes to the log.
            logger.exception("batch %s: document %s failed to render", job.pk, document.pk)
            BatchJob.objects.filter(pk=job.pk).update(failed=F("failed") + 1)
        else:
            BatchJob.objects.filter(pk=job.pk).update(done=F("done") + 1)
    job.refresh_from_db()
    job.status = BatchJob.Status.DONE if job.done else BatchJob.Status.FAILED
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "finished_at"])
    return job


def batch_zip(*, job: BatchJob, by: User) -> tuple[str, bytes]:
    """One ZIP of the job's issued PDFs; the download is one read in the access log, naming
    every candidate whose document is in it."""
    if not job.is_finished:
        raise ValidationError(_("The batch is not finished yet."))
    documents = (
        job.documents.filter(status__in=Document.FINAL).select_related("placement").order_by("pk")
    )
    buffer = io.BytesIO()
    candidate_ids = []
    # PDFs are compressed already; storing them keeps the ZIP fast to build.
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for document in documents:
            archive.writestr(document.filename, bytes(document.pdf or b""))
            candidate_ids.append(document.placement.candidate_id)
    audit_access(
        actor=by,
        operator=job.operator_id,
        action="reports.batch.downloaded",
        obj=job,
        candidate_ids=candidate_ids,
        data={"what": "document", "documents": len(candidate_ids)},
    )
    return f"documents-cohort-{job.cohort_id}-batch-{job.pk}.zip", buffer.getvalue()
