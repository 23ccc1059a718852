"""Reads for documents, scoped to the membership. The PDF bytes are deferred everywhere except
where a PDF is actually served, so lists never drag tens of kilobytes per row."""

import re

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from candidates.selectors import name_order
from core.models import Membership, Organisation
from core.permissions import STAFF
from placements.models import Placement
from placements.selectors import placements_for
from programs.models import Cohort

from .models import BatchJob, Document, ExportJob, Letterhead

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud and typed by hand
CODE_LENGTH = 10


def documents_for(membership: Membership | None) -> QuerySet[Document]:
    """Documents of the placements the membership may see (staff: all of the operator's)."""
    if membership is None:
        return Document.objects.none()
    return Document.objects.filter(
        operator_id=membership.operator_id, placement__in=placements_for(membership)
    ).defer("pdf")


def document_rows(membership: Membership | None) -> QuerySet[Document]:
    """Documents with what a list or detail page shows loaded in the same query."""
    return documents_for(membership).select_related(
        "placement__candidate",
        "placement__host_unit",
        "placement__programme",
        "created_by",
        "approved_by",
        "issued_by",
        "next_version",
    )


def get_document_for(membership: Membership | None, pk: int) -> Document:
    """The document, or 404 when outside the membership's scope."""
    return get_object_or_404(document_rows(membership), pk=pk)


def documents_of_placement(membership: Membership | None, placement: Placement) -> QuerySet:
    """Every document and version of one placement, newest first within each kind."""
    return (
        documents_for(membership)
        .filter(placement=placement)
        .select_related("created_by", "approved_by", "issued_by")
        .order_by("kind", "-version", "-pk")
    )


def cohort_documents(membership: Membership | None, cohort: Cohort) -> QuerySet[Document]:
    """The cohort's documents for staff, with candidate and host unit loaded."""
    if membership is None or membership.role not in STAFF:
        return Document.objects.none()
    return (
        documents_for(membership)
        .filter(placement__cohort=cohort)
        .select_related("placement__candidate", "placement__host_unit")
        .order_by(*name_order(prefix="placement__candidate__"), "pk")
    )


def batches_for(membership: Membership | None) -> QuerySet[BatchJob]:
    """Batch jobs of the operator, for staff only."""
    if membership is None or membership.role not in STAFF:
        return BatchJob.objects.none()
    return BatchJob.objects.filter(operator_id=membership.operator_id)


def get_batch_for(membership: Membership | None, pk: int) -> BatchJob:
    """The batch job with its cohort, or 404 when outside the membership's scope."""
    return get_object_or_404(batches_for(membership).select_related("cohort"), pk=pk)


def letterhead_of(operator: Organisation | int) -> Letterhead | None:
    """The operator's letterhead, if it has set one up."""
    operator_id = operator.pk if isinstance(operator, Organisation) else operator
    return Letterhead.objects.filter(operator_id=operator_id).first()


def normalise_code(raw: str) -> str:
    """What the user typed or the link carried, as a stored code: upper case, no separators."""
    return re.sub(r"[^0-9A-Za-z]", "", raw or "").upper()[:32]


def document_by_code(raw: str) -> Document | None:
    """The issued or superseded document with this verification code, with only public fields."""
    code = normalise_code(raw)
    if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
        return None
    return (
        Document.objects.filter(verification_code=code, status__in=Document.FINAL)
        .only(
            "kind",
            "status",
            "holder_name",
            "holder_name_latin",
            "issuer_name",
            "issued_on",
            "superseded_at",
            "verification_code",
            "sha256",
            "version",
            "language",
        )
        .first()
    )


def export_jobs_for(membership: Membership | None) -> QuerySet[ExportJob]:
    """The membership's own export jobs: an export holds what its requester's filter chose."""
    if membership is None or membership.role not in STAFF:
        return ExportJob.objects.none()
    return ExportJob.objects.filter(
        operator_id=membership.operator_id, created_by_id=membership.user_id
    ).defer("content")


def get_export_job_for(membership: Membership | None, pk: int) -> ExportJob:
    """The user's own export job, or 404."""
    return get_object_or_404(export_jobs_for(membership), pk=pk)
