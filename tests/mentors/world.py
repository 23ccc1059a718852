"""Mentoring in the test world: the world's mentor mentors the candidate they supervise, a note by
the mentor and a confidential note by the coordinator, milestones on both placements, an open
candidate evaluation link, and a second programme with a milestone plan (kept off the world's
programme so other areas' milestone counts stay as they are)."""

import datetime

from mentors import services
from mentors.models import Milestone, MilestoneKind
from tests.factories import ProgrammeFactory

D = datetime.date


def extend(world) -> None:  # type: ignore[no-untyped-def]
    lead, coordinator, mentor = (world.users[r] for r in ("lead", "coordinator", "mentor"))
    followed = world.objects["followed_candidate"]
    followed_placement = world.objects["followed_placement"]
    mentorship = services.mentorship_create(
        mentor=mentor, candidate=followed, starts_on=D(2026, 3, 2), by=lead
    )
    note = services.note_create(
        candidate=followed,
        placement=followed_placement,
        author=mentor,
        written_on=D(2026, 3, 10),
        kind="conversation",
        text="Første oppfølgingssamtale gikk bra.",
        confidential=False,
    )
    confidential_note = services.note_create(
        candidate=followed,
        author=coordinator,
        written_on=D(2026, 3, 11),
        kind="phone",
        text="Fortrolig: helseopplysninger.",
        confidential=True,
    )
    # The world's programme has no milestone plan; these milestones stand on their own.
    follow_up = Milestone.objects.create(
        placement=followed_placement,
        kind=MilestoneKind.FOLLOW_UP,
        label="Oppfølging",
        due_on=D(2027, 3, 30),
    )
    mid = Milestone.objects.create(
        placement=followed_placement,
        kind=MilestoneKind.MID_EVALUATION,
        label="Midtveisevaluering",
        due_on=D(2027, 9, 1),
    )
    other_mid = Milestone.objects.create(
        placement=world.objects["placement"],
        kind=MilestoneKind.MID_EVALUATION,
        label="Midtveisevaluering",
        due_on=D(2027, 9, 1),
    )
    token = services.evaluation_invite_candidate(milestone=mid, by=mentor)
    plan_programme = ProgrammeFactory(
        operator=world.operator, name="Mentorordning Testby", kind="mentor"
    )
    template = services.milestone_template_add(
        programme=plan_programme,
        kind=MilestoneKind.FOLLOW_UP,
        label="Oppfølging",
        offset_days=28,
        repeat_every_days=28,
        by=lead,
    )
    world.objects.update(
        mentorship=mentorship,
        note=note,
        confidential_note=confidential_note,
        follow_up_milestone=follow_up,
        mid_milestone=mid,
        other_mid_milestone=other_mid,
        evaluation_token=token,
        plan_programme=plan_programme,
        milestone_template=template,
    )
