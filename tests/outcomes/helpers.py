"""Small builders for outcome tests: finished placements and their outcomes, through services."""

import datetime

from placements import services
from placements.models import Outcome, Placement
from placements.services.outcomes import outcome_record
from programs.models import OutcomeKind, Programme
from tests.conftest import World
from tests.factories import CandidateFactory

D = datetime.date
SPRING, WINTER = D(2025, 9, 1), D(2026, 1, 30)
EXIT, M6, M12 = Outcome.Checkpoint.EXIT, Outcome.Checkpoint.MONTHS_6, Outcome.Checkpoint.MONTHS_12


def placement(
    world: World,
    *,
    programme: Programme | None = None,
    candidate=None,  # type: ignore[no-untyped-def]
    starts_on: datetime.date = SPRING,
    ends_on: datetime.date = WINTER,
    status: str = Placement.Status.COMPLETED,
    **names: str,
) -> Placement:
    """A placement of a (new) candidate of the world's operator, moved to ``status``."""
    lead = world.users["lead"]
    placed = services.placement_create(
        candidate=candidate or CandidateFactory(operator=world.operator, **names),
        programme=programme or world.objects["programme"],
        host_unit=world.objects["host_unit"],
        starts_on=starts_on,
        planned_end=ends_on,
        by=lead,
    )
    if status == Placement.Status.PLANNED:
        return placed
    services.placement_start(placement=placed, by=lead)
    if status == Placement.Status.COMPLETED:
        services.placement_complete(placement=placed, by=lead, on=ends_on)
    elif status == Placement.Status.ENDED_EARLY:
        services.placement_end_early(placement=placed, on=ends_on, reason="Flyttet", by=lead)
    return placed


def outcome(
    world: World,
    placed: Placement,
    checkpoint: str = EXIT,
    kind: str = OutcomeKind.PERMANENT_IN_FIELD,
    recorded_on: datetime.date | None = None,
    **extra,  # type: ignore[no-untyped-def]
) -> Outcome:
    return outcome_record(
        candidate=placed.candidate,
        programme=placed.programme,
        placement=placed,
        checkpoint=checkpoint,
        kind=kind,
        recorded_on=recorded_on or placed.actual_end,
        by=world.users["lead"],
        **extra,
    )
