"""Placements the membership may see: staff see the operator's; a supervisor sees those they
supervise and a mentor those of their mentees; partners see none (aggregates only)."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from candidates.models import Candidate
from core.models import Membership
from core.permissions import FOLLOW_UP, STAFF
from mentors.models import Mentorship

from ..models import Placement


def followed_candidate_ids(membership: Membership) -> QuerySet:
    """Ids of the candidates a supervisor or mentor follows at the membership's operator."""
    mentees = current_mentorships(membership.user_id).values("candidate_id")
    return Candidate.objects.filter(
        Q(placements__supervisor_id=membership.user_id) | Q(pk__in=mentees),
        operator_id=membership.operator_id,
    ).values("pk")


def current_mentorships(user_id: int) -> QuerySet[Mentorship]:
    """A mentor's access lasts as long as the mentorship: ended ones open nothing."""
    today = timezone.localdate()
    return Mentorship.objects.filter(mentor_id=user_id).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )


def placements_for(membership: Membership | None) -> QuerySet[Placement]:
    """The placements the membership may see at all."""
    if membership is None:
        return Placement.objects.none()
    placements = Placement.objects.filter(candidate__operator_id=membership.operator_id)
    if membership.role in STAFF:
        return placements
    if membership.role in FOLLOW_UP:
        mentees = current_mentorships(membership.user_id).values("candidate_id")
        return placements.filter(Q(supervisor_id=membership.user_id) | Q(candidate_id__in=mentees))
    return placements.none()


def placement_rows(membership: Membership | None) -> QuerySet[Placement]:
    """Placements with everything a list shows loaded in the same query.

    Only what pages show: each join costs planning time on every request (the NAV agreement,
    shown on the detail page only and read there by itself, cost a seventh join)."""
    return placements_for(membership).select_related(
        "candidate", "host_unit", "programme", "cohort", "supervisor"
    )


def get_placement_for(membership: Membership | None, pk: int) -> Placement:
    """The placement, or 404 when outside the membership's scope."""
    return get_object_or_404(placement_rows(membership), pk=pk)
