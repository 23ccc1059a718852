"""Reads for outcomes: the due-and-missing worklist, programme figures and employers' hires.

Every figure is counted from Placement and Outcome rows in the database, never typed in, and each
read takes a fixed number of queries however many rows there are.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core.models import Membership
from core.permissions import STAFF
from programs.models import ORDINARY_JOB_KINDS, EmployerCommitment, OutcomeKind, Programme

from ..models import Outcome, Placement
from ..services.outcomes import CHECKPOINT_MONTHS, latest_end_due_by, outcome_due_on
from .due import last_finished
from .placements import placements_for

Checkpoint = Outcome.Checkpoint
FINISHED = [Placement.Status.COMPLETED, Placement.Status.ENDED_EARLY]
LIVE = [Placement.Status.PLANNED, Placement.Status.ACTIVE]
# Annotation names on the worklist, one per checkpoint ("6m" is not a valid Python name).
DUE_FIELD = {
    Checkpoint.EXIT: "exit_due",
    Checkpoint.MONTHS_6: "m6_due",
    Checkpoint.MONTHS_12: "m12_due",
}


# --- Outcomes -------------------------------------------------------------------------------


def outcomes_for(membership: Membership | None) -> QuerySet[Outcome]:
    """Outcomes the membership may manage: staff see their operator's, everyone else none."""
    if membership is None or membership.role not in STAFF:
        return Outcome.objects.none()
    return Outcome.objects.filter(programme__operator_id=membership.operator_id)


def outcome_rows(membership: Membership | None) -> QuerySet[Outcome]:
    """Outcomes with everything a list shows loaded in the same query."""
    return outcomes_for(membership).select_related(
        "candidate", "programme", "employer", "placement__host_unit"
    )


def get_outcome_for(membership: Membership | None, pk: int) -> Outcome:
    """The outcome, or 404 when outside the membership's scope."""
    return get_object_or_404(outcome_rows(membership), pk=pk)


# --- The due-and-missing worklist -----------------------------------------------------------


def _recorded(checkpoint: str, programme: Programme | None = None) -> Exists:
    outcomes = Outcome.objects.filter(
        candidate_id=OuterRef("candidate_id"),
        programme_id=OuterRef("programme_id"),
        checkpoint=checkpoint,
    )
    if programme is not None:
        # Redundant for the result, decisive for the plan: PostgreSQL may run an EXISTS inside
        # an OR as one hashed pass over every outcome in the country (200 ms at national size);
        # with the programme named, that pass reads only the programme's outcomes.
        outcomes = outcomes.filter(programme_id=programme.pk)
    return Exists(outcomes)


def outcomes_due(
    membership: Membership | None,
    *,
    today: datetime.date | None = None,
    programme: Programme | None = None,
    flags: bool = True,
) -> QuerySet[Placement]:
    """Finished placements with at least one outcome that is due by ``today`` and not recorded.

    Only a participant's last finished placement in a programme counts, and not while they have a
    planned or active one there: the checkpoints run from when they left the programme. Each row
    carries ``exit_due``, ``m6_due`` and ``m12_due`` (due and missing), all computed in SQL.
    With ``programme``, only that programme's placements (and a far cheaper plan). With
    ``flags=False`` the rows do not carry the three flags (they only filter): for a list that
    does not show them, as PostgreSQL computes selected flags by hashing every outcome in the
    country once per checkpoint (270 ms for the largest operator) even for five rows.
    """
    placements = placements_for(membership)
    if programme is not None:
        placements = placements.filter(programme=programme)
    return _due(placements, today or timezone.localdate(), programme, flags=flags)


def programme_outcomes_due(programme: Programme, *, today: datetime.date) -> QuerySet[Placement]:
    """``outcomes_due`` for the whole programme, as its operator's staff see it (every
    placement of the programme: its candidates are all the operator's). For stored figures."""
    return _due(Placement.objects.filter(programme=programme), today, programme)


def _due(
    placements: QuerySet[Placement],
    today: datetime.date,
    programme: Programme | None,
    *,
    flags: bool = True,
) -> QuerySet[Placement]:
    due = {
        DUE_FIELD[checkpoint]: ExpressionWrapper(
            Q(actual_end__lte=latest_end_due_by(today, checkpoint))
            & ~Q(_recorded(checkpoint, programme)),
            output_field=BooleanField(),
        )
        for checkpoint in CHECKPOINT_MONTHS
    }
    any_due = Q()
    for name in due:
        any_due |= Q(**{name: True})
    finished = last_finished(placements)
    return (
        (finished.annotate(**due) if flags else finished.alias(**due))
        .filter(any_due)
        .select_related("candidate", "programme", "host_unit")
        .order_by("actual_end", "pk")
    )


def only_due(placements: QuerySet[Placement], checkpoint: str) -> QuerySet[Placement]:
    """Narrow the worklist to placements whose ``checkpoint`` outcome is due and missing."""
    return placements.filter(**{DUE_FIELD[Checkpoint(checkpoint)]: True})


@dataclass(frozen=True)
class DueOutcome:
    checkpoint: str
    label: str
    due_on: datetime.date


def missing_of(placement: Placement) -> list[DueOutcome]:
    """The due and missing checkpoints of one worklist row, with their due dates (no query)."""
    ended = placement.actual_end
    if ended is None:  # the worklist holds ended placements only
        return []
    return [
        DueOutcome(checkpoint, str(checkpoint.label), outcome_due_on(ended, checkpoint))
        for checkpoint, name in DUE_FIELD.items()
        if getattr(placement, name, False)
    ]


# --- Programme figures ----------------------------------------------------------------------


def _is_latest(deadline: datetime.date | None = None) -> Q:
    """The outcome is its participant's latest in the programme (as of ``deadline`` if given):
    no outcome at a later checkpoint exists (written per checkpoint, so no annotation is
    referenced from the subquery and the whole test stays inside one aggregate)."""
    siblings = Outcome.objects.filter(
        candidate_id=OuterRef("candidate_id"), programme_id=OuterRef("programme_id")
    )
    if deadline is not None:
        siblings = siblings.filter(recorded_on__lte=deadline)
    order = list(CHECKPOINT_MONTHS)
    latest = Q()
    for i, checkpoint in enumerate(order):
        later = order[i + 1 :]
        if later:
            latest |= Q(~Exists(siblings.filter(checkpoint__in=later)), checkpoint=checkpoint)
        else:
            latest |= Q(checkpoint=checkpoint)
    return latest


@dataclass
class DistributionRow:
    kind: str
    label: str
    counts: dict[str, int]  # checkpoint → number of participants

    @property
    def cells(self) -> list[int]:
        return [self.counts[c] for c in CHECKPOINT_MONTHS]


@dataclass
class ProgrammeFigures:
    participants: int
    active: int
    completed: int
    ended_early: int
    unemployed: int
    in_ordinary_work: int
    distribution: list[DistributionRow]
    totals: list[int]
    checkpoints: list[tuple[str, str]] = field(
        default_factory=lambda: [(c.value, str(c.label)) for c in CHECKPOINT_MONTHS]
    )
    goal_target: int | None = None
    goal_reached: int = 0
    goal_deadline: datetime.date | None = None

    @property
    def goal_percent(self) -> int:
        if not self.goal_target:
            return 0
        return min(100, round(100 * self.goal_reached / self.goal_target))


def programme_figures(programme: Programme) -> ProgrammeFigures:
    """The programme's headline figures, counted from its placements and outcomes (3 queries).

    Unemployment and the goal use each participant's latest checkpoint; the goal counts those
    whose latest outcome recorded by the deadline is one of the kinds the goal counts.
    """
    placements = Placement.objects.filter(programme=programme).aggregate(
        participants=Count("candidate", distinct=True),
        active=Count("pk", filter=Q(status=Placement.Status.ACTIVE)),
        completed=Count("pk", filter=Q(status=Placement.Status.COMPLETED)),
        ended_early=Count("pk", filter=Q(status=Placement.Status.ENDED_EARLY)),
    )
    grouped = (
        Outcome.objects.filter(programme=programme)
        .order_by()
        .values_list("checkpoint", "kind")
        .annotate(n=Count("pk"))
    )
    counts: dict[tuple[str, str], int] = {(c, k): n for c, k, n in grouped}
    distribution = [
        DistributionRow(
            kind.value,
            str(kind.label),
            {c: counts.get((c, kind.value), 0) for c in CHECKPOINT_MONTHS},
        )
        for kind in OutcomeKind
    ]
    totals = [sum(row.counts[c] for row in distribution) for c in CHECKPOINT_MONTHS]

    goal_kinds = list(programme.goal_outcome_kinds or [])
    deadline = programme.goal_deadline
    aggregates = {
        "unemployed": Count(
            "candidate", distinct=True, filter=Q(_is_latest(), kind=OutcomeKind.UNEMPLOYED)
        ),
        "in_ordinary_work": Count(
            "candidate", distinct=True, filter=Q(_is_latest(), kind__in=ORDINARY_JOB_KINDS)
        ),
    }
    if goal_kinds:
        goal_filter = Q(_is_latest(deadline), kind__in=goal_kinds)
        if deadline is not None:
            goal_filter &= Q(recorded_on__lte=deadline)
        aggregates["goal"] = Count("candidate", distinct=True, filter=goal_filter)
    latest = Outcome.objects.filter(programme=programme).aggregate(**aggregates)
    return ProgrammeFigures(
        participants=placements["participants"],
        active=placements["active"],
        completed=placements["completed"],
        ended_early=placements["ended_early"],
        unemployed=latest["unemployed"],
        in_ordinary_work=latest["in_ordinary_work"],
        distribution=distribution,
        totals=totals,
        goal_target=programme.goal_target,
        goal_reached=latest.get("goal", 0),
        goal_deadline=deadline,
    )


# --- Employers' hires (the wall of fame) ----------------------------------------------------


def hires_by_employer(programme: Programme, outer: str = "employer") -> Coalesce:
    """Per employer, the participants of ``programme`` with an ordinary job there (0 when none).

    An expression to annotate rows that have an employer (``outer`` names the host-unit field),
    e.g. ``programme.commitments.annotate(hires=hires_by_employer(programme))``. A participant is
    counted once per employer however many checkpoints name it.
    """
    inner = (
        Outcome.objects.filter(
            programme=programme, employer_id=OuterRef(outer), kind__in=ORDINARY_JOB_KINDS
        )
        .order_by()
        .values("employer_id")
        .annotate(n=Count("candidate_id", distinct=True))
        .values("n")[:1]
    )
    return Coalesce(Subquery(inner, output_field=IntegerField()), Value(0))


def commitments_of(programme: Programme) -> QuerySet[EmployerCommitment]:
    """A network programme's employer commitments, each with the hires it has turned into:
    participants whose registered outcome is an ordinary job at that employer."""
    return programme.commitments.select_related("employer").annotate(
        hires=hires_by_employer(programme)
    )


def wall_of_fame(programme: Programme) -> QuerySet[EmployerCommitment]:
    """Employers whose commitment has turned into at least one hire."""
    return (
        programme.commitments.select_related("employer")
        .annotate(hires=hires_by_employer(programme))
        .filter(hires__gte=1)
        .order_by("-hires", "employer__name")
    )
