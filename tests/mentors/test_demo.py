import datetime
import importlib.util

import time_machine

from candidates import demo as candidates_demo
from candidates.models import Application
from core import demo as core_demo
from mentors import demo
from mentors.models import (
    EvaluationTemplate,
    FollowUpNote,
    Mentorship,
    Milestone,
    MilestoneTemplate,
)
from placements.models import Placement
from placements.services import placement_create, placement_start
from programs import demo as programs_demo
from programs.models import Cohort

D = datetime.date


def counts() -> dict[str, int]:
    models = [EvaluationTemplate, FollowUpNote, Mentorship, Milestone, MilestoneTemplate]
    return {model.__name__: model.objects.count() for model in models}


def world_with_a_supervised_trainee() -> core_demo.DemoWorld:
    world = core_demo.DemoWorld()
    for seed in (core_demo.seed, programs_demo.seed, candidates_demo.seed):
        seed(world)
    if importlib.util.find_spec("placements.demo"):
        importlib.import_module("placements.demo").seed(world)
    cohort = Cohort.objects.get(programme__operator=world.operators["baerum"], name="Kull 2027")
    supervisor = world.users["veileder@baerum.demo"]
    if not Placement.objects.filter(cohort=cohort, supervisor=supervisor).exists():
        accepted = Application.objects.filter(cohort=cohort, stage="accepted").first()
        placement = placement_create(
            candidate=accepted.candidate,
            programme=cohort.programme,
            cohort=cohort,
            host_unit=cohort.programme.positions.first().host_unit,
            starts_on=cohort.starts_on,
            planned_end=D(2028, 3, 1),
            supervisor=supervisor,
            by=world.users_by_operator("baerum"),
        )
        placement_start(placement=placement, by=world.users_by_operator("baerum"))
    return world


def test_demo_seeds_plans_forms_mentorships_and_notes_once(db) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(datetime.datetime(2027, 6, 1, 12, tzinfo=datetime.UTC), tick=False):
        world = world_with_a_supervised_trainee()
        demo.seed(world)
        first = counts()
        demo.seed(world)
        assert counts() == first

    trainee = Cohort.objects.get(name="Kull 2027").programme
    plan = MilestoneTemplate.objects.filter(programme=trainee)
    assert {(t.kind, t.anchor, t.offset_days, t.repeat_every_days) for t in plan} == {
        ("follow_up", "start", 28, 28),
        ("mid_evaluation", "mid", 0, None),
        ("final_evaluation", "end", 14, None),
        ("attest", "end", 14, None),
    }
    supervised = Placement.objects.filter(supervisor=world.users["veileder@baerum.demo"])
    for placement in supervised:
        assert placement.milestones.filter(kind="mid_evaluation").count() == 1
        assert placement.milestones.filter(kind="follow_up").count() >= 12
    supervisor_notes = FollowUpNote.objects.filter(author=world.users["veileder@baerum.demo"])
    assert supervisor_notes.count() == 4 * supervised.count()
    assert supervisor_notes.filter(confidential=True).exists()

    mentor = world.users["mentor@kia.demo"]
    mentorships = Mentorship.objects.filter(mentor=mentor)
    assert mentorships.count() == 3
    assert {m.candidate.operator for m in mentorships} == {world.operators["kia"]}
    assert FollowUpNote.objects.filter(author=mentor).count() == 9
    names = set(EvaluationTemplate.objects.values_list("name", flat=True))
    assert names == {"Midtveisevaluering", "Sluttevaluering"}
    assert EvaluationTemplate.objects.count() == 2 * len(world.operators)


def test_demo_writes_no_notes_from_the_future(db) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC), tick=False):
        world = world_with_a_supervised_trainee()
        demo.seed(world)
    assert not FollowUpNote.objects.filter(written_on__gt=D(2026, 3, 1)).exists()
    assert FollowUpNote.objects.filter(author=world.users["mentor@kia.demo"]).count() == 3
