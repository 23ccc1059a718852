"""Stored dashboard figures: each programme's (and each of its cohorts') counts kept in
``StoredFigures``, so the dashboard reads one indexed row instead of counting placements,
outcomes and applications on every request.

How they stay right:
- A change to a placement, an outcome, an application or a programme's goal clears the stored
  rows of the programme it touches, in the same transaction (one indexed DELETE), and enqueues
  ``figures_refresh`` for after the commit (once per programme and transaction).
- ``figures_refresh`` counts the programme from scratch and stores the result: idempotent,
  safe to run twice or late.
- A reader that finds no row (cleared and not yet refreshed) counts live and stores it, so a
  dashboard never shows figures older than the last committed change.
- ``figures_recompute_all`` (nightly, and after a bulk load) counts every programme again and
  reports each stored row that disagreed.

Placements ending soon stay a live, scoped read. The count of missing outcomes depends on the
day: it is stored with its day, and the first reader on a later day counts and stores it again.
"""

import datetime
import logging
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from candidates.models import Application
from placements.models import Placement
from placements.selectors.outcomes import (
    CHECKPOINT_MONTHS,
    DistributionRow,
    ProgrammeFigures,
    programme_figures,
    programme_outcomes_due,
)
from programs.models import Cohort, OutcomeKind, Position, Programme

from .models import StoredFigures

logger = logging.getLogger(__name__)
# Raised whenever the stored figures gain or change a field: rows of another format are counted
# again when read (as if cleared), so a release never reads a field its predecessor did not store.
FORMAT = 2


# --- Counting -------------------------------------------------------------------------------


def _funnel(applications: Any) -> dict[str, int]:
    return dict(
        applications.order_by()
        .values_list("stage")
        .annotate(n=Count("pk"))
        .values_list("stage", "n")
    )


def count_programme(programme: Programme) -> dict[str, dict[str, Any]]:
    """Every stored figure of the programme, counted now: ``{"": programme's, "<cohort id>":
    that cohort's}`` (7 queries)."""
    today = timezone.localdate()
    figures = programme_figures(programme)
    cohorts = Cohort.objects.filter(programme=programme).values("pk")
    positions = Position.objects.filter(programme=programme).values("pk")
    applications = Application.objects.filter(
        Q(cohort_id__in=cohorts) | Q(position_id__in=positions)
    )
    whole: dict[str, Any] = {
        "format": FORMAT,
        "participants": figures.participants,
        "active": figures.active,
        "completed": figures.completed,
        "ended_early": figures.ended_early,
        "unemployed": figures.unemployed,
        "in_ordinary_work": figures.in_ordinary_work,
        "goal_reached": figures.goal_reached,
        "outcomes": {
            str(c): {row.kind: row.counts[c] for row in figures.distribution if row.counts[c]}
            for c in CHECKPOINT_MONTHS
        },
        "funnel": _funnel(applications),
        # Depends on the day too: valid on "on" only (the next day's first reader moves it on).
        "missing_outcomes": _missing_on(programme, today),
    }
    result: dict[str, dict[str, Any]] = {"": whole}
    per_cohort = (
        Placement.objects.filter(programme=programme, cohort__isnull=False)
        .order_by()
        .values_list("cohort_id")
        .annotate(
            participants=Count("candidate", distinct=True),
            active=Count("pk", filter=Q(status=Placement.Status.ACTIVE)),
            completed=Count("pk", filter=Q(status=Placement.Status.COMPLETED)),
            ended_early=Count("pk", filter=Q(status=Placement.Status.ENDED_EARLY)),
        )
        .values_list("cohort_id", "participants", "active", "completed", "ended_early")
    )
    for cohort_id in Cohort.objects.filter(programme=programme).values_list("pk", flat=True):
        result[str(cohort_id)] = {
            "participants": 0,
            "active": 0,
            "completed": 0,
            "ended_early": 0,
            "funnel": {},
        }
    for cohort_id, participants, active, completed, ended_early in per_cohort:
        result[str(cohort_id)].update(
            participants=participants, active=active, completed=completed, ended_early=ended_early
        )
    funnels = (
        Application.objects.filter(cohort__programme=programme)
        .order_by()
        .values_list("cohort_id", "stage")
        .annotate(n=Count("pk"))
    )
    for cohort_id, stage, n in funnels:
        result[str(cohort_id)]["funnel"][stage] = n
    return result


def figures_refresh(*, programme_id: int) -> dict[str, dict[str, Any]] | None:
    """Count the programme now and store it (idempotent); None when the programme is gone."""
    programme = Programme.objects.filter(pk=programme_id).first()
    if programme is None:
        return None
    counted = count_programme(programme)
    now = timezone.now()
    with transaction.atomic():
        StoredFigures.objects.filter(programme_id=programme_id).delete()
        StoredFigures.objects.bulk_create(
            StoredFigures(
                programme_id=programme_id,
                cohort_id=int(key) if key else None,
                data=data,
                refreshed_at=now,
            )
            for key, data in counted.items()
        )
    return counted


def stored_of(programme_id: int) -> dict[str, dict[str, Any]]:
    """What is stored for the programme, keyed like ``count_programme``."""
    return {
        str(cohort_id or ""): data
        for cohort_id, data in StoredFigures.objects.filter(programme_id=programme_id).values_list(
            "cohort_id", "data"
        )
    }


def figures_recompute_all() -> int:
    """Count every programme again and store it; returns how many stored rows disagreed (a
    disagreement is logged with the programme id: it means a write path missed a refresh)."""
    drifted = 0
    for programme_id in Programme.objects.order_by("pk").values_list("pk", flat=True):
        before = stored_of(programme_id)
        after = figures_refresh(programme_id=programme_id)
        if before and before != after:
            drifted += 1
            logger.warning("stored figures of programme %s disagreed", programme_id)
    return drifted


# --- Reading --------------------------------------------------------------------------------


def stored_programme_figures(
    programme: Programme,
) -> tuple[ProgrammeFigures, dict[str, int], dict[str, Any]]:
    """The programme's figures, funnel and missing outcomes (``{"on": iso date, "count": n}``)
    from the stored row (one query), counted and stored first when the row was cleared by a
    change not yet refreshed."""
    data = (
        StoredFigures.objects.filter(programme=programme, cohort__isnull=True)
        .values_list("data", flat=True)
        .first()
    )
    if data is None or data.get("format") != FORMAT:
        data = figures_refresh(programme_id=programme.pk)[""]  # type: ignore[index]
    outcomes = data["outcomes"]
    distribution = [
        DistributionRow(
            kind.value,
            str(kind.label),
            {c: outcomes.get(str(c), {}).get(kind.value, 0) for c in CHECKPOINT_MONTHS},
        )
        for kind in OutcomeKind
    ]
    figures = ProgrammeFigures(
        participants=data["participants"],
        active=data["active"],
        completed=data["completed"],
        ended_early=data["ended_early"],
        unemployed=data["unemployed"],
        in_ordinary_work=data["in_ordinary_work"],
        distribution=distribution,
        totals=[sum(row.counts[c] for row in distribution) for c in CHECKPOINT_MONTHS],
        goal_target=programme.goal_target,
        goal_reached=data["goal_reached"] if programme.goal_outcome_kinds else 0,
        goal_deadline=programme.goal_deadline,
    )
    return figures, data["funnel"], _missing_today(programme, data["missing_outcomes"])


def _missing_on(programme: Programme, day: datetime.date) -> dict[str, Any]:
    """The programme's count of missing outcomes on ``day``, as it is stored."""
    return {"on": day.isoformat(), "count": programme_outcomes_due(programme, today=day).count()}


def _missing_today(programme: Programme, missing: dict[str, Any]) -> dict[str, Any]:
    """The stored count of missing outcomes, counted again and stored when it is of an earlier
    day: the first reader after midnight pays for the count, not every reader until the nightly
    recompute. The row is locked to store it; a change committed meanwhile has deleted the row
    (``figures_clear``) and its refresh counts the day itself, so nothing older is written."""
    today = timezone.localdate()
    if missing.get("on") == today.isoformat():
        return missing
    fresh = _missing_on(programme, today)
    with transaction.atomic():
        row = (
            StoredFigures.objects.select_for_update()
            .filter(programme=programme, cohort__isnull=True)
            .first()
        )
        if row is not None and row.data.get("missing_outcomes", {}).get("on") != fresh["on"]:
            row.data["missing_outcomes"] = fresh
            row.save(update_fields=["data"])
    return fresh


# --- Keeping them right ---------------------------------------------------------------------


def figures_clear(programme_ids: set[int | None]) -> set[int]:
    """Clear the programmes' stored figures in the current transaction (one indexed DELETE), so
    no reader sees figures older than this change; returns the ids to refresh after commit."""
    ids = {pk for pk in programme_ids if pk}
    if ids:
        StoredFigures.objects.filter(programme_id__in=ids).delete()
    return ids


def programmes_of_application(application: Application) -> set[int | None]:
    """The programmes whose funnel counts the application (its cohort's and its position's)."""
    ids: set[int | None] = set()
    if application.cohort_id:
        ids.add(
            Cohort.objects.filter(pk=application.cohort_id)
            .values_list("programme_id", flat=True)
            .first()
        )
    if application.position_id:
        ids.add(
            Position.objects.filter(pk=application.position_id)
            .values_list("programme_id", flat=True)
            .first()
        )
    return ids
