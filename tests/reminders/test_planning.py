"""Planning: which reminders the domain data calls for, for whom and when (frozen time)."""

import datetime

import pytest

from core.models import Membership, Role
from mentors.models import Mentorship, Milestone, MilestoneKind
from placements.models import Outcome, Placement
from placements.services import nav_agreement_set, placement_extend
from programs.models import OutcomeKind
from reminders import services
from reminders.models import Reminder, ReminderKind, SentReminder
from tests.conftest import World
from tests.factories import CandidateFactory, MembershipFactory

from .conftest import oslo, travel

D = datetime.date
Kind = ReminderKind


def rows(kind: str, **filters: object) -> list[Reminder]:
    return list(Reminder.objects.filter(kind=kind, **filters).order_by("recipient_id", "pk"))


def recipients(kind: str, **filters: object) -> set[int]:
    return {r.recipient_id for r in rows(kind, **filters)}


def plan(moment: datetime.datetime) -> services.PlanResult:
    with travel(moment):
        return services.reminders_plan()


# --- Follow-up and evaluations --------------------------------------------------------------


def test_open_milestone_reminds_supervisor_and_active_mentors_a_week_before(world: World) -> None:
    milestone = world.objects["follow_up_milestone"]  # due 2027-03-30, followed placement
    candidate = world.objects["followed_candidate"]
    second = MembershipFactory(operator=world.operator, role=Role.MENTOR).user
    Mentorship.objects.create(mentor=second, candidate=candidate, starts_on=D(2027, 1, 1))
    former = MembershipFactory(operator=world.operator, role=Role.MENTOR).user
    Mentorship.objects.create(
        mentor=former, candidate=candidate, starts_on=D(2026, 1, 1), ends_on=D(2027, 1, 31)
    )
    left = MembershipFactory(operator=world.operator, role=Role.MENTOR, is_active=False).user
    Mentorship.objects.create(mentor=left, candidate=candidate, starts_on=D(2027, 1, 1))

    plan(oslo(2027, 3, 20, 12))

    mine = rows(Kind.MILESTONE_DUE, milestone=milestone)
    # The supervisor is also the first mentor: one reminder each, not two.
    assert {r.recipient_id for r in mine} == {world.users["mentor"].pk, second.pk}
    for reminder in mine:
        assert reminder.event_on == D(2027, 3, 30)
        assert reminder.due_at == oslo(2027, 3, 23, 9)
        assert reminder.operator_id == world.operator.pk
        assert reminder.programme_id == world.objects["programme"].pk
        assert reminder.dedupe_key == f"milestone:{milestone.pk}:u{reminder.recipient_id}:20270330"


def test_milestone_without_supervisor_or_mentor_reminds_nobody(world: World) -> None:
    Milestone.objects.create(
        placement=world.objects["placement"],
        kind=MilestoneKind.FOLLOW_UP,
        label="Oppfølging",
        due_on=D(2027, 3, 30),
    )
    plan(oslo(2027, 3, 20, 12))
    assert rows(Kind.MILESTONE_DUE, placement=world.objects["placement"]) == []


def test_moved_milestone_moves_its_unsent_reminder(world: World) -> None:
    milestone = world.objects["follow_up_milestone"]
    plan(oslo(2027, 3, 20, 12))
    (before,) = rows(Kind.MILESTONE_DUE, milestone=milestone)

    Milestone.objects.filter(pk=milestone.pk).update(due_on=D(2027, 4, 20))
    result = plan(oslo(2027, 3, 21, 12))

    (after,) = rows(Kind.MILESTONE_DUE, milestone=milestone)
    assert after.pk == before.pk
    assert result.moved == 1 and result.created == 0
    assert after.event_on == D(2027, 4, 20)
    assert after.due_at == oslo(2027, 4, 13, 9)
    assert after.dedupe_key.endswith(":20270420")


def test_done_milestone_removes_its_unsent_reminder_but_keeps_the_sent_log(
    world: World, sweep
) -> None:  # type: ignore[no-untyped-def]
    milestone = world.objects["follow_up_milestone"]
    other = Milestone.objects.create(
        placement=world.objects["followed_placement"],
        kind=MilestoneKind.FINAL_EVALUATION,
        label="Sluttevaluering",
        due_on=D(2027, 4, 10),
    )
    plan(oslo(2027, 3, 20, 12))
    with travel(oslo(2027, 3, 23, 9, 1)):
        assert sweep() == 1  # the follow-up reminder went out
    Milestone.objects.filter(pk__in=[milestone.pk, other.pk]).update(done_on=D(2027, 3, 24))

    plan(oslo(2027, 3, 24, 12))

    assert rows(Kind.MILESTONE_DUE, milestone=other) == []
    (sent,) = rows(Kind.MILESTONE_DUE, milestone=milestone)
    assert sent.sent_at is not None
    assert SentReminder.objects.filter(reminder=sent).count() == 1


def test_milestone_moved_after_its_reminder_went_out_is_reminded_again_once(
    world: World, sweep
) -> None:  # type: ignore[no-untyped-def]
    milestone = world.objects["follow_up_milestone"]
    plan(oslo(2027, 3, 20, 12))
    with travel(oslo(2027, 3, 23, 9, 1)):
        assert sweep() == 1
    Milestone.objects.filter(pk=milestone.pk).update(due_on=D(2027, 4, 20))
    plan(oslo(2027, 3, 24, 12))
    plan(oslo(2027, 3, 25, 12))

    sent, new = rows(Kind.MILESTONE_DUE, milestone=milestone)
    assert (sent.event_on, sent.sent_at is not None) == (D(2027, 3, 30), True)
    assert (new.event_on, new.sent_at) == (D(2027, 4, 20), None)


# --- Placement and NAV agreement ending -----------------------------------------------------


def test_placement_ending_reminds_supervisor_and_coordinators_14_days_before(
    world: World,
) -> None:
    placement = world.objects["followed_placement"]  # planned end 2028-03-01
    plan(oslo(2028, 2, 1, 12))
    assert recipients(Kind.PLACEMENT_ENDING, placement=placement) == {
        world.users["mentor"].pk,
        world.users["coordinator"].pk,
    }
    assert {r.due_at for r in rows(Kind.PLACEMENT_ENDING, placement=placement)} == {
        oslo(2028, 2, 16, 9)
    }


def test_extended_placement_moves_its_ending_reminder(world: World) -> None:
    placement = world.objects["followed_placement"]
    plan(oslo(2028, 2, 1, 12))
    with travel(oslo(2028, 2, 2, 12)):
        placement_extend(placement=placement, planned_end=D(2028, 3, 31), by=world.users["lead"])
    plan(oslo(2028, 2, 2, 12, 5))
    assert {r.due_at for r in rows(Kind.PLACEMENT_ENDING, placement=placement)} == {
        oslo(2028, 3, 17, 9)
    }
    assert len(rows(Kind.PLACEMENT_ENDING, placement=placement)) == 2


def test_nav_agreement_ending_before_the_placement_is_reminded(world: World) -> None:
    placement = world.objects["followed_placement"]
    nav_agreement_set(
        placement=placement,
        reference="NAV-SECRET-4711",
        benefit="tiltakspenger",
        starts_on=D(2027, 3, 2),
        ends_on=D(2027, 6, 30),
        by=world.users["lead"],
    )
    plan(oslo(2027, 6, 1, 12))
    assert recipients(Kind.NAV_AGREEMENT_ENDING, placement=placement) == {
        world.users["mentor"].pk,
        world.users["coordinator"].pk,
    }
    assert {r.due_at for r in rows(Kind.NAV_AGREEMENT_ENDING)} == {oslo(2027, 6, 16, 9)}

    # Extended to the placement's end: nothing to warn about any more.
    nav_agreement_set(
        placement=placement,
        reference="NAV-SECRET-4711",
        benefit="tiltakspenger",
        starts_on=D(2027, 3, 2),
        ends_on=D(2028, 3, 1),
        by=world.users["lead"],
    )
    plan(oslo(2027, 6, 2, 12))
    assert rows(Kind.NAV_AGREEMENT_ENDING) == []


# --- Outcomes -------------------------------------------------------------------------------


def finished_placement(world: World, ended: datetime.date) -> Placement:
    candidate = CandidateFactory(operator=world.operator)
    return Placement.objects.create(
        candidate=candidate,
        programme=world.objects["programme"],
        host_unit=world.objects["host_unit"],
        starts_on=ended - datetime.timedelta(days=180),
        planned_end=ended,
        actual_end=ended,
        status=Placement.Status.COMPLETED,
    )


def test_missing_outcome_at_6_and_12_months_reminds_coordinators(world: World) -> None:
    placement = finished_placement(world, D(2027, 1, 31))
    plan(oslo(2027, 7, 20, 12))
    (six,) = rows(Kind.OUTCOME_DUE, placement=placement)
    assert (six.detail, six.event_on, six.due_at) == ("6m", D(2027, 7, 31), oslo(2027, 7, 31, 9))
    assert six.recipient_id == world.users["coordinator"].pk

    plan(oslo(2027, 12, 20, 12))
    twelve = rows(Kind.OUTCOME_DUE, placement=placement, detail="12m")
    assert [(r.event_on, r.recipient_id) for r in twelve] == [
        (D(2028, 1, 31), world.users["coordinator"].pk)
    ]


def test_registered_outcome_is_not_reminded(world: World) -> None:
    placement = finished_placement(world, D(2027, 1, 31))
    plan(oslo(2027, 7, 20, 12))
    assert len(rows(Kind.OUTCOME_DUE, placement=placement)) == 1
    Outcome.objects.create(
        candidate=placement.candidate,
        programme=placement.programme,
        placement=placement,
        checkpoint=Outcome.Checkpoint.MONTHS_6,
        kind=OutcomeKind.PERMANENT_IN_FIELD,
        recorded_on=D(2027, 7, 25),
    )
    plan(oslo(2027, 7, 25, 12))
    assert rows(Kind.OUTCOME_DUE, placement=placement) == []


# --- Applications ---------------------------------------------------------------------------


def test_application_waiting_14_days_reminds_coordinators_and_leads(world: World) -> None:
    application = world.objects["application"]
    type(application).objects.filter(pk=application.pk).update(
        stage_changed_at=oslo(2027, 3, 1, 10)
    )
    plan(oslo(2027, 3, 10, 12))
    assert recipients(Kind.APPLICATION_WAITING, application=application) == {
        world.users["coordinator"].pk,
        world.users["lead"].pk,
    }
    assert {r.due_at for r in rows(Kind.APPLICATION_WAITING, application=application)} == {
        oslo(2027, 3, 15, 9)
    }

    type(application).objects.filter(pk=application.pk).update(stage="interview")
    plan(oslo(2027, 3, 11, 12))
    assert rows(Kind.APPLICATION_WAITING, application=application) == []


# --- Scope, window and idempotence ----------------------------------------------------------


def test_planning_twice_changes_nothing(world: World) -> None:
    first = plan(oslo(2027, 3, 20, 12))
    snapshot = list(Reminder.objects.values().order_by("pk"))
    second = plan(oslo(2027, 3, 20, 12))
    assert first.created > 0
    assert second.as_dict() == {"created": 0, "moved": 0, "removed": 0}
    assert list(Reminder.objects.values().order_by("pk")) == snapshot


def test_a_first_run_on_old_data_sends_no_flood(world: World) -> None:
    """Facts whose reminder went by more than two weeks ago are not planned any more."""
    Milestone.objects.filter(pk=world.objects["follow_up_milestone"].pk).update(
        due_on=D(2027, 2, 1)
    )
    plan(oslo(2027, 3, 20, 12))
    assert rows(Kind.MILESTONE_DUE, milestone=world.objects["follow_up_milestone"]) == []


def test_reminders_stay_within_the_operator(world: World) -> None:
    plan(oslo(2027, 3, 20, 12))
    other_lead = world.users["other_lead"]
    assert not Reminder.objects.filter(recipient=other_lead).exists()
    assert set(Reminder.objects.values_list("operator_id", flat=True)) == {world.operator.pk}


def test_deactivated_member_gets_no_more_reminders(world: World) -> None:
    plan(oslo(2027, 3, 20, 12))
    assert Reminder.objects.filter(recipient=world.users["mentor"], sent_at__isnull=True).exists()
    Membership.objects.filter(user=world.users["mentor"]).update(is_active=False)
    plan(oslo(2027, 3, 20, 13))
    assert not Reminder.objects.filter(
        recipient=world.users["mentor"], sent_at__isnull=True
    ).exists()


@pytest.mark.parametrize("kind", [Kind.MILESTONE_DUE, Kind.PLACEMENT_ENDING])
def test_opted_out_kind_is_neither_planned_nor_kept(world: World, kind: str) -> None:
    mentor = world.users["mentor"]
    # Both kinds fall due in the window of 2028-02-10: a milestone and the placement's end.
    Milestone.objects.create(
        placement=world.objects["followed_placement"],
        kind=MilestoneKind.FINAL_EVALUATION,
        label="Sluttevaluering",
        due_on=D(2028, 2, 20),
    )
    colleague = MembershipFactory(operator=world.operator, role=Role.MENTOR).user
    Mentorship.objects.create(
        mentor=colleague, candidate=world.objects["followed_candidate"], starts_on=D(2027, 1, 1)
    )
    plan(oslo(2028, 2, 10, 12))
    assert Reminder.objects.filter(recipient=mentor, kind=kind).exists()
    with travel(oslo(2028, 2, 10, 12, 30)):
        services.preference_update(
            user=mentor, delivery="immediate", muted_kinds=[kind], language="nb"
        )
    assert not Reminder.objects.filter(recipient=mentor, kind=kind).exists()
    plan(oslo(2028, 2, 10, 13))
    assert not Reminder.objects.filter(recipient=mentor, kind=kind).exists()
    # Only that kind, and only for them.
    assert Reminder.objects.filter(recipient=mentor).exclude(kind=kind).exists()
    assert Reminder.objects.filter(kind=kind).exclude(recipient=mentor).exists()


def test_digest_moves_reminders_to_0700_and_back(world: World) -> None:
    mentor = world.users["mentor"]
    plan(oslo(2027, 3, 20, 12))
    with travel(oslo(2027, 3, 20, 12, 30)):
        services.preference_update(user=mentor, delivery="digest", muted_kinds=[], language="en")
    (row,) = rows(Kind.MILESTONE_DUE, recipient=mentor)
    assert (row.digest, row.due_at) == (True, oslo(2027, 3, 23, 7))
    with travel(oslo(2027, 3, 20, 12, 40)):
        services.preference_update(user=mentor, delivery="immediate", muted_kinds=[], language="en")
    (row,) = rows(Kind.MILESTONE_DUE, recipient=mentor)
    assert (row.digest, row.due_at) == (False, oslo(2027, 3, 23, 9))
