"""Reads for candidates and selection, scoped to the active membership.

Leads and coordinators see every candidate of their operator. Supervisors and mentors see only the
people they follow; anything else answers 404, so they cannot even learn that it exists.
"""

import functools
import operator
from typing import Any

from django.db.models import BigIntegerField, F, OrderBy, Q, QuerySet, Value
from django.db.models.functions import Cast, Coalesce, Concat, NullIf
from django.http import Http404
from django.shortcuts import get_object_or_404

from core.models import Membership
from core.names import fold, person_order
from core.permissions import FOLLOW_UP, STAFF
from core.queries import subquery_count

from .hooks import candidate_followers
from .models import Application, Candidate, StageChange
from .national_id import InvalidNationalId, parse_national_id


def display_name(prefix: str = "") -> Concat:
    """``Candidate.display_name`` computed in the query, for list rows that need no candidate
    object: ``annotate(candidate_name=display_name("candidate__"))``."""
    given = Coalesce(NullIf(F(prefix + "preferred_name"), Value("")), F(prefix + "given_name"))
    return Concat(given, Value(" "), F(prefix + "family_name"))


def full_name(prefix: str = "") -> Concat:
    """``Candidate.full_name`` (the names as registered) computed in the query."""
    return Concat(F(prefix + "given_name"), Value(" "), F(prefix + "family_name"))


def candidates_for(membership: Membership | None) -> QuerySet[Candidate]:
    """The candidates the membership may see at all."""
    if membership is None:
        return Candidate.objects.none()
    # Typed as the column is (bigint): the name search's trigram index leads with the operator
    # (btree_gin, candidates migration 0011), and btree_gin has no int4 = int8 operator, so an
    # untyped literal would leave the operator out of the index scan.
    operator_id = Cast(Value(membership.operator_id), BigIntegerField())
    candidates = Candidate.objects.filter(operator_id=operator_id)
    if membership.role in STAFF:
        return candidates
    if membership.role in FOLLOW_UP:
        return candidates.filter(followed_by(membership))
    return candidates.none()


def followed_by(membership: Membership) -> Q:
    """The candidates a supervisor or mentor follows, as the apps above say (none when none do)."""
    ids = candidate_followers.results(membership)
    if not ids:
        return Q(pk__in=[])
    return functools.reduce(operator.or_, (Q(pk__in=each) for each in ids))


def name_order(descending: bool = False, prefix: str = "") -> list[OrderBy]:
    """Candidates by family then given name, in Norwegian alphabetical order (core.names);
    ``prefix`` reaches the candidate through a relation, e.g. ``"candidate__"``."""
    return person_order(prefix + "family_name", prefix + "given_name", descending=descending)


def search(candidates: QuerySet[Candidate], query: str) -> QuerySet[Candidate]:
    """Every word must occur in a name, as written or transliterated (trigram index on PG);
    the query is folded as the stored names are (core.names.fold)."""
    for word in fold(query).split():
        candidates = candidates.filter(search_name__contains=word)
    return candidates


# The columns the candidate list shows (templates/candidates/candidate_list.html), of some 50.
LIST_COLUMNS = (
    "given_name",
    "family_name",
    "given_name_latin",
    "family_name_latin",
    "norwegian_level",
    "status",
    "profession__name",
)


def candidate_rows(membership: Membership | None) -> QuerySet[Candidate]:
    """The candidate list: profession loaded and open applications counted in the same query.

    The count is a correlated subquery, not a JOIN + GROUP BY: it runs for the page's rows only,
    and a count of the list stays a plain count of candidates (a GROUP BY over a big operator's
    candidates and applications cost 150 ms at national size)."""
    open_stages = [
        Application.Stage.APPLIED,
        Application.Stage.SCREENED,
        Application.Stage.INTERVIEW,
        Application.Stage.OFFERED,
    ]
    return (
        candidates_for(membership)
        .select_related("profession")
        .only(*LIST_COLUMNS)
        .annotate(
            # the code as stored: the list names it with ``country_name``, not a Country per row
            nationality_code=F("nationality"),
            open_applications=subquery_count(
                Application.objects.filter(stage__in=open_stages), "candidate"
            ),
        )
    )


def get_candidate_for(membership: Membership | None, pk: int) -> Candidate:
    """The candidate, or 404 when outside the membership's scope."""
    return get_object_or_404(candidates_for(membership).select_related("profession"), pk=pk)


# What a page that only names the candidate reads of their row (a heading, a breadcrumb and the
# access log's operator): not the other 45 columns and the profession.
NAME_COLUMNS = ("operator_id", "given_name", "preferred_name", "family_name")


def get_candidate_named_for(membership: Membership | None, pk: int) -> Candidate:
    """The candidate with their name loaded, or 404 when outside the membership's scope."""
    return get_object_or_404(candidates_for(membership).only(*NAME_COLUMNS), pk=pk)


def find_by_national_id(membership: Membership | None, raw: str) -> Candidate | None:
    """Exact match on a normalised id within what the membership may see; None when invalid."""
    try:
        value = parse_national_id(raw, allow_synthetic=True).value
    except InvalidNationalId:
        return None
    return candidates_for(membership).filter(national_id=value).first()


def applications_of(candidate: Candidate) -> QuerySet[Application]:
    return candidate.applications.select_related(
        "cohort__programme", "position__host_unit", "position__programme", "opening__employer"
    ).order_by("-applied_on", "-pk")


def opening_applications(opening: Any) -> QuerySet[Application]:
    """The applications proposed for an employer's job opening, with their candidates."""
    applications = Application.objects.filter(opening=opening).select_related("candidate")
    return applications.order_by(*name_order(prefix="candidate__"))


def stage_history_of(candidate: Candidate) -> QuerySet[StageChange]:
    return (
        StageChange.objects.filter(application__candidate=candidate)
        .select_related("by", "application")
        .order_by("-at", "-pk")
    )


def board_applications(*, cohort=None, position=None) -> QuerySet[Application]:  # type: ignore[no-untyped-def]
    """A selection board's applications with their candidates, ordered by name."""
    applications = Application.objects.select_related("candidate", "position")
    if cohort is not None:
        applications = applications.filter(cohort=cohort)
    if position is not None:
        applications = applications.filter(position=position)
    return applications.order_by(*name_order(prefix="candidate__"))


def get_application_for(membership: Membership | None, pk: int) -> Application:
    """An application of a candidate the membership may manage, or 404."""
    if membership is None or membership.role not in STAFF:
        raise Http404
    return get_object_or_404(
        Application.objects.select_related("candidate__operator", "cohort", "position"),
        pk=pk,
        candidate__operator_id=membership.operator_id,
    )


def can_see_sensitive(membership: Membership | None) -> bool:
    """National id (masked) and NAV details are for staff, not for supervisors and mentors."""
    return membership is not None and membership.role in STAFF
