"""Matching in the test world: a job opening in the network programme, a dismissal on the world's
position, and a mentor profile for the world's mentor."""

import datetime

from matching import services
from mentors.models import MentorProfile
from programs.models import HostUnit
from programs.services import job_opening_create
from tests.factories import CandidateFactory, HostUnitFactory


def extend(world) -> None:  # type: ignore[no-untyped-def]
    lead = world.users["lead"]
    employer = HostUnitFactory(
        operator=world.operator, name="Bedrift AS", sector=HostUnit.Sector.PRIVATE
    )
    opening = job_opening_create(
        programme=world.objects["network"],
        by=lead,
        employer=employer,
        title="Utvikler",
        occupation_id="2512",
        starts_on=datetime.date(2027, 1, 4),
    )
    dismissed = CandidateFactory(operator=world.operator, given_name="Olena", family_name="Koval")
    decision = services.match_dismiss(
        candidate=dismissed,
        target=world.objects["position"],
        match=None,
        reason="Har takket nei til stillinger i denne enheten.",
        by=lead,
    )
    profile = MentorProfile.objects.create(
        operator=world.operator, mentor=world.users["mentor"], languages=["ar"], max_mentees=3
    )
    world.objects.update(
        opening=opening, dismissal=decision, dismissed_candidate=dismissed, mentor_profile=profile
    )
