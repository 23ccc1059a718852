"""Placements the membership may see: staff see the operator's; a supervisor sees those they
supervise and a mentor those of their mentees; partners see none (aggregates only)."""

import functools
import operator

from django.db.models import F, Q, QuerySet
from django.shortcuts import get_object_or_404

from candidates.selectors import display_name
from core.models import Membership
from core.names import full_name
from core.permissions import FOLLOW_UP, STAFF

from ..hooks import placement_followers
from ..models import Placement


def supervised_candidate_ids(membership: Membership) -> QuerySet:
    """Ids of the candidates with a placement the membership's user supervises."""
    return Placement.objects.filter(supervisor_id=membership.user_id).values("candidate_id")


def placements_for(membership: Membership | None) -> QuerySet[Placement]:
    """The placements the membership may see at all."""
    if membership is None:
        return Placement.objects.none()
    placements = Placement.objects.filter(candidate__operator_id=membership.operator_id)
    if membership.role in STAFF:
        return placements
    if membership.role in FOLLOW_UP:
        followed = [Q(candidate_id__in=ids) for ids in placement_followers.results(membership)]
        return placements.filter(
            functools.reduce(operator.or_, followed, Q(supervisor_id=membership.user_id))
        )
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


# What the placement list shows (templates/placements/placement_list.html): the placement's own
# columns and the names of its candidate, unit, programme, cohort and supervisor as annotations,
# one object per row instead of six whole rows (the candidate row alone has some 50 columns).
LIST_COLUMNS = ("candidate_id", "starts_on", "planned_end", "actual_end", "status")


def placement_list_rows(membership: Membership | None) -> QuerySet[Placement]:
    """The placement list's rows: the columns and names it shows, joined in the order
    ``placement_rows`` joins them (the list plans its joins in the written order)."""
    return (
        placements_for(membership)
        .annotate(
            candidate_name=display_name("candidate__"),
            programme_name=F("programme__name"),
            cohort_name=F("cohort__name"),
            host_unit_name=F("host_unit__name"),
            supervisor_name=full_name("supervisor__"),
        )
        .only(*LIST_COLUMNS)
    )
