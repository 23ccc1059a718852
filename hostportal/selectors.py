"""Reads for the host units' pages and the lead's review. A host sees only its own unit's
submissions (another unit's id answers 404); a lead or coordinator only their operator's."""

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from core.models import Membership, User
from programs.models import Cohort, HostUnit, Programme

from .models import Submission


def signed_in_host(pk: int) -> HostUnit | None:
    """The host unit of a host session, unless it has been made inactive since."""
    return HostUnit.objects.select_related("operator").filter(pk=pk, is_active=True).first()


def hosts_with_email(email: str) -> QuerySet[HostUnit]:
    """Active host units whose contact may receive a sign-in link at this address."""
    return HostUnit.objects.filter(contact_email__iexact=email.strip(), is_active=True).exclude(
        contact_email=""
    )


def hosts_supervised_by(user: User) -> QuerySet[HostUnit]:
    """Active host units where the user supervises a placement and is an active member of the
    unit's operator: their own login opens these units' pages."""
    if not user.is_authenticated:
        return HostUnit.objects.none()
    members = Membership.objects.filter(
        user=user, operator_id=OuterRef("operator_id"), is_active=True
    )
    return (
        HostUnit.objects.filter(is_active=True, placements__supervisor=user)
        .filter(Exists(members))
        .select_related("operator")
        .distinct()
        .order_by("name")
    )


def programmes_of_host(unit: HostUnit) -> QuerySet[Programme]:
    """The programmes the unit takes part in: positions, job openings or a commitment."""
    return (
        Programme.objects.filter(operator_id=unit.operator_id)
        .filter(
            Q(positions__host_unit=unit)
            | Q(openings__employer=unit)
            | Q(commitments__employer=unit)
        )
        .distinct()
        .order_by("name")
    )


def cohorts_open_for_needs(unit: HostUnit, today: datetime.date) -> QuerySet[Cohort]:
    """Cohorts of the operator's trainee, mentor and practice programmes that have not started:
    the ones a host unit can report needs for."""
    return (
        Cohort.objects.filter(programme__operator_id=unit.operator_id, starts_on__gt=today)
        .exclude(programme__kind=Programme.Kind.NETWORK)
        .select_related("programme")
        .order_by("starts_on", "programme__name", "name")
    )


def networks_for(unit: HostUnit, today: datetime.date) -> QuerySet[Programme]:
    """The operator's employer networks that are still running."""
    return (
        Programme.objects.filter(operator_id=unit.operator_id, kind=Programme.Kind.NETWORK)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .order_by("name")
    )


def _submissions() -> QuerySet[Submission]:
    return Submission.objects.select_related(
        "programme", "cohort", "occupation", "host_unit", "work_municipality"
    )


def submissions_of(unit: HostUnit) -> QuerySet[Submission]:
    """The unit's own submissions, newest first."""
    return _submissions().filter(host_unit=unit)


def get_submission_of(unit: HostUnit, pk: int) -> Submission:
    """One of the unit's own submissions, or 404 (another unit's id included)."""
    return get_object_or_404(submissions_of(unit), pk=pk)


def submissions_for(membership: Membership | None) -> QuerySet[Submission]:
    """The operator's submissions for the review list (pending first, oldest first)."""
    if membership is None:
        return Submission.objects.none()
    return _submissions().filter(programme__operator_id=membership.operator_id)


def pending_for(membership: Membership | None) -> QuerySet[Submission]:
    """The operator's submissions waiting for an answer, oldest first."""
    return (
        submissions_for(membership)
        .filter(status=Submission.Status.PENDING)
        .order_by("submitted_at", "pk")
    )


def get_submission_for(membership: Membership | None, pk: int) -> Submission:
    """One of the operator's submissions, or 404."""
    if membership is None:
        raise Http404
    return get_object_or_404(submissions_for(membership), pk=pk)
