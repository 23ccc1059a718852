"""Placements in the test world: one for the world's candidate (no supervisor), and one for a
second candidate supervised by the world's mentor, so scope can be tested both ways."""

import datetime

from placements.services import placement_create, placement_start
from tests.factories import CandidateFactory

D = datetime.date


def extend(world) -> None:  # type: ignore[no-untyped-def]
    lead = world.users["lead"]
    common = {
        "programme": world.objects["programme"],
        "cohort": world.objects["cohort"],
        "host_unit": world.objects["host_unit"],
        "starts_on": D(2027, 3, 2),
        "planned_end": D(2028, 3, 1),
        "by": lead,
    }
    placement = placement_create(candidate=world.objects["candidate"], **common)
    followed = CandidateFactory(operator=world.operator, given_name="Tesfay", family_name="Hayle")
    followed_placement = placement_create(
        candidate=followed, supervisor=world.users["mentor"], **common
    )
    placement_start(placement=followed_placement, by=lead)
    world.objects.update(
        placement=placement, followed_candidate=followed, followed_placement=followed_placement
    )
