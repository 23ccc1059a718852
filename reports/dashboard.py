"""Reads for the programme dashboard, the public wall of fame and the figures API.

Everything here is an aggregate counted from the database; the one list with names (placements
ending soon) is only built for staff. Partner viewers get counts under 5 suppressed.
"""

import datetime
import math
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from candidates.models import Application
from candidates.selectors import full_name
from core.models import Membership
from core.permissions import STAFF
from placements.models import Placement
from placements.selectors.outcomes import (
    LIVE,
    ProgrammeFigures,
    outcomes_due,
    wall_of_fame,
)
from programs.models import Cohort, EmployerCommitment, Position, Programme
from reports.exports import Cell, suppress_small_cells
from reports.figures import stored_programme_figures

ENDING_SOON_DAYS = 30

# National reference, shown next to the outcome figures (static text with its source).
NATIONAL_REFERENCE = _(
    "SSB: 65 % of former introduction-programme participants were in work or education a year "
    "later; national target 70 %."
)
NATIONAL_REFERENCE_SOURCE = (
    "https://www.ssb.no/utdanning/voksenopplaering/statistikk/introduksjonsordningen"
)


# --- Goal trajectory ------------------------------------------------------------------------


@dataclass(frozen=True)
class Trajectory:
    """Where the goal is heading at the average rate since the programme started."""

    target: int
    reached: int
    deadline: datetime.date | None
    projected_on: datetime.date | None  # None: reached already, or no progress to project from
    status: str  # "reached", "on_track", "behind", "no_progress"

    @property
    def on_track(self) -> bool:
        return self.status in {"reached", "on_track"}


def goal_trajectory(
    *,
    target: int,
    reached: int,
    starts_on: datetime.date,
    deadline: datetime.date | None,
    today: datetime.date,
) -> Trajectory:
    """Project the date the target is reached from reached / days elapsed since ``starts_on``.

    The projection is rounded up to a whole day; it is "on track" when it falls on or before the
    deadline (a goal without a deadline is on track whenever there is progress).
    """
    if reached >= target:
        return Trajectory(target, reached, deadline, None, "reached")
    elapsed = (today - starts_on).days
    if reached <= 0 or elapsed <= 0:
        return Trajectory(target, reached, deadline, None, "no_progress")
    per_day = reached / elapsed
    projected = today + datetime.timedelta(days=math.ceil((target - reached) / per_day))
    on_track = deadline is None or projected <= deadline
    return Trajectory(target, reached, deadline, projected, "on_track" if on_track else "behind")


# --- Funnel ---------------------------------------------------------------------------------


def funnel_counts(programme: Programme) -> list[tuple[str, str, int]]:
    """Applications per stage for the programme's cohorts and positions (one query):
    ``(stage, label, count)`` in the order of the stages, zero where there are none."""
    # Ids from two small subqueries rather than OR across two joins: the OR kept PostgreSQL
    # from using either index and made it read every application in the country (110 ms).
    cohorts = Cohort.objects.filter(programme=programme).values("pk")
    positions = Position.objects.filter(programme=programme).values("pk")
    grouped = dict(
        Application.objects.filter(Q(cohort_id__in=cohorts) | Q(position_id__in=positions))
        .order_by()
        .values_list("stage")
        .annotate(n=Count("pk"))
        .values_list("stage", "n")
    )
    return [
        (stage.value, str(stage.label), grouped.get(stage.value, 0)) for stage in Application.Stage
    ]


# --- Placements ending and missing outcomes -------------------------------------------------


# Placements ending soon listed on the dashboard; the rest are counted.
ENDING_SHOWN = 20


def ending_soon(programme: Programme, today: datetime.date) -> QuerySet[Placement]:
    """Planned or active placements whose planned end falls within the next 30 days."""
    return (
        Placement.objects.filter(
            programme=programme,
            status__in=LIVE,
            planned_end__gte=today,
            planned_end__lte=today + datetime.timedelta(days=ENDING_SOON_DAYS),
        )
        .select_related("candidate", "host_unit")
        .order_by("planned_end", "pk")
    )


# --- The dashboard --------------------------------------------------------------------------


@dataclass
class Dashboard:
    programme: Programme
    figures: ProgrammeFigures
    suppressed: bool
    kpis: list[tuple[str, Cell]]
    outcome_rows: list[tuple[str, list[Cell]]]
    outcome_totals: list[Cell]
    funnel: list[tuple[str, Cell]]
    trajectory: Trajectory | None
    goal_reached: Cell
    ending_count: Cell
    ending: list[Placement] = field(default_factory=list)

    @property
    def ending_more(self) -> int:
        """How many placements ending soon are counted but not listed."""
        if not self.ending or not isinstance(self.ending_count.value, int):
            return 0
        return max(0, self.ending_count.value - len(self.ending))

    missing_outcomes: int | None = None

    @property
    def checkpoint_labels(self) -> list[str]:
        return [label for _code, label in self.figures.checkpoints]

    def outcome_chart(self) -> dict[str, Any]:
        """Chart.js data for the outcome distribution: the same numbers as the table."""
        return {
            "labels": self.checkpoint_labels,
            "datasets": [
                {"label": label, "data": [c.value for c in cells]}
                for label, cells in self.outcome_rows
            ],
        }

    def funnel_chart(self) -> dict[str, Any]:
        """Chart.js data for the selection funnel: the same numbers as the table."""
        return {
            "labels": [label for label, _cell in self.funnel],
            "datasets": [
                {"label": str(_("Applications")), "data": [c.value for _l, c in self.funnel]}
            ],
        }


def _one(value: int, suppress: bool) -> Cell:
    return suppress_small_cells([value], active=suppress)[0]


def programme_dashboard(
    programme: Programme, membership: Membership | None, *, today: datetime.date | None = None
) -> Dashboard:
    """Everything the dashboard shows for the membership (staff: lists; partners: counts only)."""
    today = today or timezone.localdate()
    staff = membership is not None and membership.role in STAFF
    suppress = not staff
    figures, funnel, missing = stored_programme_figures(programme)
    kpis = [
        (str(_("Participants")), figures.participants),
        (str(_("Active placements")), figures.active),
        (str(_("Completed placements")), figures.completed),
        (str(_("Placements ended early")), figures.ended_early),
        (str(_("In ordinary work (latest outcome)")), figures.in_ordinary_work),
        (str(_("Unemployed (latest outcome)")), figures.unemployed),
    ]
    # Suppression runs per checkpoint column: the column total is what could give cells away.
    columns = [
        suppress_small_cells([row.counts[c] for row in figures.distribution], active=suppress)
        for c, _label in figures.checkpoints
    ]
    outcome_rows = [
        (row.label, [column[i] for column in columns]) for i, row in enumerate(figures.distribution)
    ]
    stages = [
        (stage.value, str(stage.label), funnel.get(stage.value, 0)) for stage in Application.Stage
    ]
    funnel_cells = suppress_small_cells([n for _s, _l, n in stages], active=suppress)
    trajectory = None
    if figures.goal_target:
        trajectory = goal_trajectory(
            target=figures.goal_target,
            reached=figures.goal_reached,
            starts_on=programme.starts_on,
            deadline=figures.goal_deadline,
            today=today,
        )
    soon = ending_soon(programme, today)
    dashboard = Dashboard(
        programme=programme,
        figures=figures,
        suppressed=suppress,
        kpis=[(label, _one(value, suppress)) for label, value in kpis],
        outcome_rows=outcome_rows,
        outcome_totals=[_one(total, suppress) for total in figures.totals],
        funnel=[(label, cell) for (_s, label, _n), cell in zip(stages, funnel_cells, strict=True)],
        trajectory=trajectory,
        goal_reached=_one(figures.goal_reached, suppress),
        ending_count=_one(soon.count(), suppress) if suppress else Cell(0),
    )
    if staff:
        # The first rows and the number in all, never the whole programme's list, in one query:
        # the first ids are picked from placements alone and only they are joined to names; the
        # count of all is an uncorrelated subquery PostgreSQL runs once.
        plain = soon.select_related(None).order_by()
        first = plain.order_by("planned_end", "pk").values("pk")[:ENDING_SHOWN]
        total = plain.values("programme").annotate(n=Count("pk")).values("n")
        # names computed in the query: one object per row, not three whole rows
        shown = soon.filter(pk__in=Subquery(first)).select_related(None).only("planned_end")
        named = shown.annotate(
            candidate_name=full_name("candidate__"),
            host_unit_name=F("host_unit__name"),
        )
        rows: list[Any] = list(named.annotate(total=Subquery(total)))
        dashboard.ending = rows
        dashboard.ending_count = Cell(rows[0].total if rows else 0)
        if missing["on"] == today.isoformat():  # staff see every placement of the programme
            dashboard.missing_outcomes = missing["count"]
        else:
            dashboard.missing_outcomes = outcomes_due(
                membership, today=today, programme=programme
            ).count()
    return dashboard


# --- Public wall of fame and the API --------------------------------------------------------


def is_public_wall(programme: Programme) -> bool:
    """The wall of fame is public only for a network programme whose lead chose to publish it."""
    return programme.kind == Programme.Kind.NETWORK and programme.wall_of_fame_public


def public_wall(programme: Programme) -> list[EmployerCommitment]:
    """Employers with at least one hire that agreed to be named; names and hire counts only."""
    return list(wall_of_fame(programme).filter(named_publicly=True))


def api_figures(programme: Programme) -> dict[str, Any]:
    """The aggregate figures the API returns: counts only, never a person."""
    figures, _funnel, _missing = stored_programme_figures(programme)
    return {
        "programme": {"id": programme.pk, "name": programme.name, "kind": programme.kind},
        "participants": figures.participants,
        "active": figures.active,
        "completed": figures.completed,
        "ended_early": figures.ended_early,
        "unemployed": figures.unemployed,
        "in_ordinary_work": figures.in_ordinary_work,
        "outcomes": {
            code: {row.kind: row.counts[code] for row in figures.distribution}
            for code, _label in figures.checkpoints
        },
        "goal": {
            "target": figures.goal_target,
            "reached": figures.goal_reached if figures.goal_target else None,
            "deadline": figures.goal_deadline.isoformat() if figures.goal_deadline else None,
        },
    }
