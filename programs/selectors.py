"""Reads for programmes, cohorts, host units and positions, scoped to the active membership.

Lookups answer 404 for anything outside the membership's scope: another operator's objects, and
for partner viewers any programme their organisation is not a partner in.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from core.models import Membership, Organisation, Role
from core.queries import subquery_count, subquery_sum

from .models import (
    Cohort,
    EmployerCommitment,
    FundingShare,
    HostUnit,
    JobOpening,
    Occupation,
    Position,
    Programme,
)

FILLED = Position.Status.FILLED
OPENISH = [Position.Status.OPEN]


def programmes_for(membership: Membership | None) -> QuerySet[Programme]:
    """Programmes the membership may see: the operator's, or for partners only their own."""
    if membership is None:
        return Programme.objects.none()
    programmes = Programme.objects.filter(operator_id=membership.operator_id)
    if membership.role == Role.PARTNER:
        if membership.partner_organisation_id is None:
            return programmes.none()
        programmes = programmes.filter(partners=membership.partner_organisation_id)
    return programmes


def _with_position_figures(queryset: QuerySet, link: str) -> QuerySet:
    positions = Position.objects.exclude(status=Position.Status.CLOSED)
    return queryset.annotate(
        position_count=subquery_count(positions, link),
        slots_total=subquery_sum(positions, link, "slots"),
        slots_filled=subquery_sum(Position.objects.filter(status=FILLED), link, "slots"),
        open_positions=subquery_count(Position.objects.filter(status__in=OPENISH), link),
    )


def programme_rows(membership: Membership | None) -> QuerySet[Programme]:
    """The programme list with cohort and position figures, one query for any number of rows."""
    programmes = _with_position_figures(programmes_for(membership), "programme")
    return programmes.annotate(cohort_count=subquery_count(Cohort.objects.all(), "programme"))


def get_programme_for(membership: Membership | None, pk: int) -> Programme:
    """The programme, or 404 when it is outside the membership's scope."""
    return get_object_or_404(
        _with_position_figures(programmes_for(membership), "programme").select_related("operator"),
        pk=pk,
    )


def get_programme_alone_for(membership: Membership | None, pk: int) -> Programme:
    """The programme's own row (no position figures, no operator), or 404 outside the scope:
    for pages that show figures of their own, like the dashboard."""
    return get_object_or_404(programmes_for(membership), pk=pk)


def cohorts_of(programme: Programme) -> QuerySet[Cohort]:
    """A programme's cohorts with their position and slot figures."""
    return _with_position_figures(programme.cohorts.all(), "cohort")


def get_cohort_for(membership: Membership | None, pk: int) -> Cohort:
    """The cohort, or 404 when its programme is outside the membership's scope."""
    cohorts = _with_position_figures(
        Cohort.objects.filter(programme__in=programmes_for(membership)), "cohort"
    )
    return get_object_or_404(cohorts.select_related("programme"), pk=pk)


def positions_of(
    *,
    programme: Programme | None = None,
    cohort: Cohort | None = None,
    host_unit: HostUnit | None = None,
) -> QuerySet[Position]:
    """Positions with their host unit, occupation and cohort loaded."""
    positions = Position.objects.select_related("host_unit", "occupation", "cohort", "programme")
    if programme is not None:
        positions = positions.filter(programme=programme)
    if cohort is not None:
        positions = positions.filter(cohort=cohort)
    if host_unit is not None:
        positions = positions.filter(host_unit=host_unit)
    return positions.order_by("host_unit__name", "title")


def openings_of(programme: Programme) -> QuerySet[JobOpening]:
    """A network programme's job openings with their employer loaded (at most 50 listed)."""
    return programme.openings.select_related("employer").order_by("employer__name", "title")[:50]


def get_opening_for(membership: Membership | None, pk: int) -> JobOpening:
    """The job opening, or 404 when its programme belongs to another operator."""
    if membership is None:
        raise Http404
    openings = JobOpening.objects.select_related(
        "employer", "occupation", "work_municipality", "programme__operator"
    )
    return get_object_or_404(openings.filter(programme__operator_id=membership.operator_id), pk=pk)


def get_position_for(membership: Membership | None, pk: int) -> Position:
    """The position, or 404 when it belongs to another operator."""
    if membership is None:
        raise Http404
    return get_object_or_404(
        positions_of().filter(programme__operator_id=membership.operator_id), pk=pk
    )


def funding_of(programme: Programme) -> QuerySet[FundingShare]:
    return programme.funding.select_related("party")


def partners_of(operator: Organisation) -> QuerySet[Organisation]:
    """The partner organisations in the operator's register."""
    return Organisation.objects.filter(operator=operator).order_by("name")


def funding_parties(operator: Organisation) -> QuerySet[Organisation]:
    """Who can fund a programme: the operator itself and its partners."""
    return Organisation.objects.filter(Q(pk=operator.pk) | Q(operator=operator)).order_by("name")


def hostunits_for(membership: Membership | None) -> QuerySet[HostUnit]:
    """The operator's host units and employers with their position figures."""
    if membership is None:
        return HostUnit.objects.none()
    units = HostUnit.objects.filter(operator_id=membership.operator_id).select_related(
        "municipality"
    )
    return _with_position_figures(units, "host_unit")


def get_hostunit_for(membership: Membership | None, pk: int) -> HostUnit:
    """The host unit, or 404 when it belongs to another operator."""
    return get_object_or_404(hostunits_for(membership), pk=pk)


def search_occupations(query: str, *, limit: int = 20) -> QuerySet[Occupation]:
    """Level-4 STYRK-08 codes whose code starts with, or whose name contains, the query."""
    query = query.strip()
    occupations = Occupation.objects.filter(level=4)
    if not query or "\x00" in query:  # PostgreSQL refuses a NUL byte in a text comparison
        return occupations.none()
    if query[:1].isdigit():
        return occupations.filter(code__startswith=query.split()[0])[:limit]
    return occupations.filter(name__icontains=query)[:limit]


def commitment_of(programme: Programme, employer: HostUnit) -> EmployerCommitment | None:
    """The employer's commitment to the programme, if it has made one."""
    return (
        EmployerCommitment.objects.select_related("programme__operator")
        .filter(programme=programme, employer=employer)
        .first()
    )
