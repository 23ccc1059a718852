"""Selectors for what is due in selection and consent: the home worklist and the reminder
planner both read these, so "what is due" is decided once."""

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from core.models import Membership
from core.names import person_order
from core.permissions import STAFF

from .models import Application, Candidate, Consent
from .selectors import candidates_for

# Stages where the operator must act on an application; after WAITING_DAYS it is waiting too long.
WAITING_STAGES = (Application.Stage.APPLIED, Application.Stage.SCREENED)
WAITING_DAYS = 14


def applications_waiting(
    applications: QuerySet[Application] | None = None,
) -> QuerySet[Application]:
    """Applications in a stage where someone must act (applied or screened)."""
    base = Application.objects.all() if applications is None else applications
    return base.filter(stage__in=WAITING_STAGES)


def applications_waiting_for(
    membership: Membership | None,
    *,
    now: datetime.datetime | None = None,
    days: int = WAITING_DAYS,
) -> QuerySet[Application]:
    """The operator's applications that have waited more than ``days`` in their stage, oldest
    first, with candidate and programme loaded (staff only)."""
    if membership is None or membership.role not in STAFF:
        return Application.objects.none()
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    return (
        applications_waiting(
            Application.objects.filter(candidate__operator_id=membership.operator_id)
        )
        .filter(stage_changed_at__lt=cutoff)
        .select_related("candidate", "cohort", "position")
        .order_by("stage_changed_at", "pk")
    )


def candidates_without_consent(
    membership: Membership | None, *, today: datetime.date | None = None
) -> QuerySet[Candidate]:
    """Current candidates (active or participant) with no standing consent to processing."""
    if membership is None or membership.role not in STAFF:
        return Candidate.objects.none()
    today = today or timezone.localdate()
    standing = Consent.objects.filter(
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=today),
        candidate_id=OuterRef("pk"),
        purpose=Consent.Purpose.PROCESSING,
        given_on__lte=today,
    )
    return (
        candidates_for(membership)
        .filter(status__in=(Candidate.Status.ACTIVE, Candidate.Status.PARTICIPANT))
        .exclude(Exists(standing))
        .order_by(*person_order("family_name", "given_name"), "pk")
    )
