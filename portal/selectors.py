"""Reads for the portal: everything is scoped to the one signed-in candidate, so another
candidate's ids (consents, documents) answer 404."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from candidates.models import Candidate, Consent
from core.models import Membership, Role
from mentors.models import Evaluation, Event, Mentorship, Milestone
from mentors.selectors import evaluations_addressed_to, with_states
from placements.models import Placement
from reports.models import Document
from stewardship.retention import finished_due, policy_for, rejected_due


def signed_in_candidate(pk: int) -> Candidate | None:
    """The candidate for a portal session, unless their data has been erased."""
    return (
        Candidate.objects.select_related("operator").filter(pk=pk, erased_at__isnull=True).first()
    )


def candidates_with_email(email: str) -> QuerySet[Candidate]:
    """Candidates who may receive a sign-in link at this address (never erased ones)."""
    return Candidate.objects.filter(email__iexact=email.strip(), erased_at__isnull=True).exclude(
        email=""
    )


def past_retention(candidate: Candidate, today: datetime.date | None = None) -> bool:
    """True when the operator's retention period for the candidate has run out (their programme
    ended, or their application closed, long enough ago): the retention run's own rule, so a
    candidate it is about to anonymise cannot sign in meanwhile."""
    today = today or timezone.localdate()
    policy = policy_for(candidate.operator)
    return (
        finished_due(policy, today).filter(pk=candidate.pk).exists()
        or rejected_due(policy, today).filter(pk=candidate.pk).exists()
    )


@dataclass
class CandidatePage:
    placements: list[Placement]
    mentorships: list[Mentorship]
    consents: list[Consent]
    documents: list[Document]
    to_answer: list[Evaluation]


def candidate_page(candidate: Candidate) -> CandidatePage:
    """What the candidate's page shows, in a fixed number of queries."""
    placements = list(
        Placement.objects.filter(candidate=candidate)
        .select_related("programme", "cohort", "host_unit", "supervisor")
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "pk"))
        )
        .order_by("-starts_on", "-pk")
    )
    for placement in placements:
        placement.plan = with_states(placement.milestones.all())  # type: ignore[attr-defined]
    mentorships = list(
        Mentorship.objects.filter(candidate=candidate)
        .select_related("mentor", "programme")
        .order_by("ends_on", "-starts_on")
    )
    return CandidatePage(
        placements=placements,
        mentorships=mentorships,
        consents=list(candidate.consents.order_by("withdrawn_on", "-given_on", "pk")),
        documents=list(documents_of(candidate)),
        to_answer=list(evaluations_addressed_to(candidate)),
    )


def documents_of(candidate: Candidate) -> QuerySet[Document]:
    """The candidate's issued documents (current versions only), newest first; no PDF bytes."""
    return (
        Document.objects.filter(placement__candidate=candidate, status=Document.Status.ISSUED)
        .defer("pdf")
        .order_by("-issued_at", "-pk")
    )


def get_document_of(candidate: Candidate, pk: int) -> Document:
    """One of the candidate's issued documents, or 404 (another person's id included)."""
    return get_object_or_404(documents_of(candidate).select_related("placement__candidate"), pk=pk)


def get_consent_of(candidate: Candidate, pk: int) -> Consent:
    """One of the candidate's consents, or 404."""
    return get_object_or_404(
        Consent.objects.select_related("candidate"), candidate=candidate, pk=pk
    )


def leads_of(candidate: Candidate) -> list[str]:
    """E-mail addresses of the active leads at the candidate's operator."""
    return list(
        Membership.objects.filter(
            operator_id=candidate.operator_id, role=Role.LEAD, is_active=True, user__is_active=True
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
        .distinct()
    )


# What "my dates" holds: from today to a year ahead (the staff feeds' horizon).
DATES_AHEAD = 366
LIVE = (Placement.Status.PLANNED, Placement.Status.ACTIVE)


@dataclass
class CandidateDates:
    milestones: list[Milestone]
    events: list[Event]


def candidate_dates(candidate: Candidate, today: datetime.date | None = None) -> CandidateDates:
    """The candidate's coming dates: open milestones of their live placements (with the
    workplace and the supervisor, whose first name only is shown) and the events they are
    invited to. Two queries however many."""
    today = today or timezone.localdate()
    end = today + datetime.timedelta(days=DATES_AHEAD)
    milestones = list(
        Milestone.objects.filter(
            placement__candidate=candidate,
            placement__status__in=LIVE,
            done_on__isnull=True,
            due_on__range=(today, end),
        )
        .select_related("placement__host_unit", "placement__supervisor")
        .order_by("due_on", "pk")
    )
    events = list(
        Event.objects.filter(
            attendances__candidate=candidate, starts_at__date__range=(today, end)
        ).order_by("starts_at", "pk")
    )
    return CandidateDates(milestones=milestones, events=events)
