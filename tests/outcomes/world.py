"""Outcomes and events in the test world: a placement completed in 2025 with its exit outcome,
and a past inspiration meeting to which the world's candidate is invited."""

import datetime
from zoneinfo import ZoneInfo

from mentors.event_services import attendance_invite, event_create
from mentors.models import Event
from placements.models import Outcome
from placements.services import placement_complete, placement_create, placement_start
from placements.services.outcomes import outcome_record
from programs.models import OutcomeKind
from tests.factories import CandidateFactory

D = datetime.date
OSLO = ZoneInfo("Europe/Oslo")


def extend(world) -> None:  # type: ignore[no-untyped-def]
    lead = world.users["lead"]
    programme = world.objects["programme"]
    candidate = CandidateFactory(operator=world.operator, given_name="Yonas", family_name="Tesfaye")
    placement = placement_create(
        candidate=candidate,
        programme=programme,
        host_unit=world.objects["host_unit"],
        starts_on=D(2025, 1, 6),
        planned_end=D(2025, 6, 30),
        by=lead,
    )
    placement_start(placement=placement, by=lead)
    placement_complete(placement=placement, by=lead, on=D(2025, 6, 30))
    outcome = outcome_record(
        candidate=candidate,
        programme=programme,
        placement=placement,
        checkpoint=Outcome.Checkpoint.EXIT,
        kind=OutcomeKind.PERMANENT_IN_FIELD,
        recorded_on=D(2025, 6, 30),
        by=lead,
    )
    event = event_create(
        operator=world.operator,
        by=lead,
        kind=Event.Kind.INSPIRATION,
        title="Inspirasjonsmøte",
        starts_at=datetime.datetime(2025, 10, 2, 18, 0, tzinfo=OSLO),
        programme=programme,
        location="Biblioteket",
        speakers="Mona Hylton",
    )
    (attendance,) = attendance_invite(event=event, candidates=[world.objects["candidate"]], by=lead)
    world.objects.update(
        outcomes_candidate=candidate,
        outcomes_placement=placement,
        outcomes_outcome=outcome,
        event=event,
        attendance=attendance,
    )
