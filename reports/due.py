"""Selectors for what is due in documents and exports: attests and references waiting for
approval, and finished exports ready to download. The home worklist reads these."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from core.models import Membership, Role
from core.permissions import STAFF

from .models import Document, ExportJob
from .selectors import documents_for, export_jobs_for
from .services.export_jobs import KEEP_FOR


def documents_awaiting_approval(membership: Membership | None) -> QuerySet[Document]:
    """Drafts of attests and references waiting for someone who may approve them, oldest first:
    staff see the operator's, a supervisor those of the placements they supervise (they approve
    them), mentors and partners none."""
    drafts = documents_for(membership).filter(status=Document.Status.DRAFT)
    if membership is None or membership.role not in STAFF:
        if membership is None or membership.role != Role.SUPERVISOR:
            return drafts.none()
        drafts = drafts.filter(placement__supervisor_id=membership.user_id)
    return drafts.select_related("placement__candidate").order_by("created_at", "pk")


def exports_ready(
    membership: Membership | None, *, now: datetime.datetime | None = None
) -> QuerySet[ExportJob]:
    """The member's own finished exports whose workbook is still kept (purged by creation date)."""
    since = (now or timezone.now()) - KEEP_FOR
    return (
        export_jobs_for(membership)
        .filter(status=ExportJob.Status.DONE, created_at__gte=since)
        .order_by("-finished_at", "-pk")
    )
