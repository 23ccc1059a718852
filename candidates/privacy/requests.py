"""Data subject requests: a coordinator records that a candidate asked for a copy of their data
or for erasure; the operator's project lead, the controller, approves or declines and carries it
out. Reads are scoped to the membership's operator; writes are audited with ids only."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import Membership, Role, User
from core.services import audit_log

from ..models import Candidate, SubjectRequest

OPEN = (SubjectRequest.Status.PENDING, SubjectRequest.Status.APPROVED)


# --- Reads ------------------------------------------------------------------------------------


def subject_requests_for(membership: Membership | None) -> QuerySet[SubjectRequest]:
    """The operator's requests, for its lead and coordinators; nobody else sees any."""
    if membership is None or membership.role not in (Role.LEAD, Role.COORDINATOR):
        return SubjectRequest.objects.none()
    return SubjectRequest.objects.filter(
        candidate__operator_id=membership.operator_id
    ).select_related("candidate", "requested_by", "decided_by")


def subject_requests_waiting(membership: Membership | None) -> QuerySet[SubjectRequest]:
    """Requests waiting for the lead's decision or action (pending or approved, not done)."""
    return subject_requests_for(membership).filter(status__in=OPEN).order_by("requested_at", "pk")


def get_subject_request_for(membership: Membership | None, pk: int) -> SubjectRequest:
    """The request, or 404 outside the membership's operator."""
    return get_object_or_404(subject_requests_for(membership), pk=pk)


def subject_requests_of(candidate: Candidate) -> QuerySet[SubjectRequest]:
    return candidate.subject_requests.select_related("requested_by", "decided_by")


# --- Writes -----------------------------------------------------------------------------------


@transaction.atomic
def subject_request_create(
    *, candidate: Candidate, kind: str, received_on: datetime.date, by: User
) -> SubjectRequest:
    """Record a request from the candidate; it waits for the project lead."""
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The date cannot be in the future.")})
    request = SubjectRequest(
        candidate=candidate, kind=kind, received_on=received_on, requested_by=by
    )
    request.full_clean()
    request.save()
    audit_log(
        actor=by,
        operator=candidate.operator_id,
        action="candidates.subject_request.created",
        obj=request,
        data={"candidate": candidate.pk, "kind": kind},
    )
    return request


@transaction.atomic
def subject_request_decide(*, request: SubjectRequest, approve: bool, by: User) -> SubjectRequest:
    """The lead approves or declines a pending request (once)."""
    current = SubjectRequest.objects.select_for_update().get(pk=request.pk)
    if current.status != SubjectRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    current.status = SubjectRequest.Status.APPROVED if approve else SubjectRequest.Status.DECLINED
    current.decided_by, current.decided_at = by, timezone.now()
    current.save(update_fields=["status", "decided_by", "decided_at"])
    audit_log(
        actor=by,
        operator=current.candidate.operator_id,
        action="candidates.subject_request.approved"
        if approve
        else "candidates.subject_request.declined",
        obj=current,
        data={"candidate": current.candidate_id, "kind": current.kind},
    )
    return current


def is_request_id(value: object) -> bool:
    """True for a request id as a form sends it: ASCII digits that fit an integer column."""
    text = str(value or "")
    return text.isascii() and text.isdigit() and len(text) < 10


def approved_request(
    candidate: Candidate, kind: str, pk: int | str | None
) -> SubjectRequest | None:
    """The approved request ``pk`` of this kind for this candidate, or None when none is named.
    A named request that is not approved (or not this candidate's) is refused."""
    if pk in (None, ""):
        return None
    if not is_request_id(pk):
        raise ValidationError(_("This request is not approved, or it was already carried out."))
    found = SubjectRequest.objects.filter(
        pk=pk, candidate=candidate, kind=kind, status=SubjectRequest.Status.APPROVED
    ).first()
    if found is None:
        raise ValidationError(_("This request is not approved, or it was already carried out."))
    return found


def subject_request_done(*, request: SubjectRequest, by: User) -> None:
    """Mark an approved request as carried out (inside the caller's transaction)."""
    SubjectRequest.objects.filter(pk=request.pk).update(
        status=SubjectRequest.Status.DONE, done_at=timezone.now()
    )
    audit_log(
        actor=by,
        operator=request.candidate.operator_id,
        action="candidates.subject_request.done",
        obj=request,
        data={
            "candidate": request.candidate_id,
            "kind": request.kind,
            "requested_by": request.requested_by_id,
            "approved_by": request.decided_by_id,
        },
    )
