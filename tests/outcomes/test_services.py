"""Outcome and event services: what they accept, what they refuse, and what they audit."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from core.models import AuditEntry
from mentors import event_services
from mentors.models import Attendance, Event
from placements.models import Outcome
from placements.services.outcomes import (
    add_months,
    latest_end_due_by,
    outcome_due_on,
    outcome_record,
    outcome_update,
)
from programs.models import OutcomeKind
from tests.conftest import World
from tests.factories import CandidateFactory, HostUnitFactory, ProgrammeFactory

from .helpers import EXIT, M6, M12, D, outcome, placement

OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture(autouse=True)
def english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


# --- Due dates ------------------------------------------------------------------------------


def test_months_are_added_as_on_a_calendar() -> None:
    assert add_months(D(2026, 1, 30), 6) == D(2026, 7, 30)
    assert add_months(D(2026, 8, 31), 6) == D(2027, 2, 28)
    assert add_months(D(2027, 8, 31), 6) == D(2028, 2, 29)
    assert add_months(D(2026, 11, 15), 12) == D(2027, 11, 15)
    assert add_months(D(2026, 3, 31), -1) == D(2026, 2, 28)
    assert outcome_due_on(D(2026, 5, 29), EXIT) == D(2026, 5, 29)
    assert outcome_due_on(D(2026, 5, 29), M12) == D(2027, 5, 29)


@given(
    end=st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31)),
    today=st.dates(min_value=D(2020, 1, 1), max_value=D(2032, 12, 31)),
    checkpoint=st.sampled_from([EXIT, M6, M12]),
)
def test_the_sql_threshold_is_the_exact_inverse_of_the_due_date(end, today, checkpoint) -> None:  # type: ignore[no-untyped-def]
    """The worklist compares actual_end with one date; it must agree with the due date."""
    due = outcome_due_on(end, checkpoint) <= today
    assert due == (end <= latest_end_due_by(today, checkpoint))


# --- Recording outcomes ---------------------------------------------------------------------


def test_record_exit_outcome_and_audit_ids_only(world: World) -> None:
    placed = placement(world, given_name="Hiwet", family_name="Kidane")
    recorded = outcome(world, placed, kind=OutcomeKind.APPRENTICESHIP, employer_name="Elektro AS")
    assert (recorded.checkpoint, recorded.kind, recorded.placement) == (
        EXIT,
        OutcomeKind.APPRENTICESHIP,
        placed,
    )
    entry = AuditEntry.objects.get(action="placements.outcome.recorded", object_id=recorded.pk)
    assert entry.data == {
        "candidate": placed.candidate_id,
        "programme": placed.programme_id,
        "placement": placed.pk,
        "checkpoint": "exit",
    }
    assert "Hiwet" not in str(entry.data) and "Elektro" not in str(entry.data)


def test_placement_is_found_when_not_given(world: World) -> None:
    placed = placement(world)
    recorded = outcome_record(
        candidate=placed.candidate,
        programme=placed.programme,
        checkpoint=EXIT,
        kind=OutcomeKind.EDUCATION,
        recorded_on=D(2026, 2, 1),
        by=world.users["lead"],
    )
    assert recorded.placement == placed


def test_candidate_and_programme_must_share_the_operator(world: World) -> None:
    placed = placement(world)
    foreign = ProgrammeFactory(operator=world.other_operator)
    with pytest.raises(ValidationError, match="different operators"):
        outcome_record(
            candidate=placed.candidate,
            programme=foreign,
            checkpoint=EXIT,
            kind=OutcomeKind.EDUCATION,
            recorded_on=D(2026, 2, 1),
            by=world.users["lead"],
        )


def test_candidate_without_a_placement_in_the_programme_has_no_outcome(world: World) -> None:
    with pytest.raises(ValidationError, match="no placement in this programme"):
        outcome_record(
            candidate=CandidateFactory(operator=world.operator),
            programme=world.objects["programme"],
            checkpoint=EXIT,
            kind=OutcomeKind.EDUCATION,
            recorded_on=D(2026, 2, 1),
            by=world.users["lead"],
        )


def test_placement_must_be_the_candidates_in_the_programme(world: World) -> None:
    mine, theirs = placement(world), placement(world)
    with pytest.raises(ValidationError) as exc:
        outcome_record(
            candidate=mine.candidate,
            programme=mine.programme,
            placement=theirs,
            checkpoint=EXIT,
            kind=OutcomeKind.EDUCATION,
            recorded_on=D(2026, 2, 1),
            by=world.users["lead"],
        )
    assert "placement" in exc.value.message_dict


@time_machine.travel(datetime.datetime(2027, 6, 1, 12, 0, tzinfo=OSLO), tick=False)
def test_six_and_twelve_months_need_the_exit_outcome_first(world: World) -> None:
    placed = placement(world)
    for checkpoint in (M6, M12):
        with pytest.raises(ValidationError) as exc:
            outcome(world, placed, checkpoint, recorded_on=D(2026, 8, 1))
        assert exc.value.message_dict["checkpoint"] == [
            "Register the outcome at exit first; the 6- and 12-month outcomes follow it."
        ]
    outcome(world, placed, EXIT)
    outcome(world, placed, M12, recorded_on=D(2027, 2, 1))
    outcome(world, placed, M6, recorded_on=D(2026, 8, 1))
    assert Outcome.objects.filter(candidate=placed.candidate).count() == 3


def test_dates_keep_the_order_of_the_checkpoints(world: World) -> None:
    placed = placement(world)
    outcome(world, placed, EXIT, recorded_on=D(2026, 2, 1))
    with pytest.raises(ValidationError) as exc:
        outcome(world, placed, M6, recorded_on=D(2026, 1, 15))
    assert "recorded_on" in exc.value.message_dict
    six = outcome(world, placed, M6, recorded_on=D(2026, 8, 1))
    exit_outcome = Outcome.objects.get(candidate=placed.candidate, checkpoint=EXIT)
    with pytest.raises(ValidationError):
        outcome_update(
            outcome=exit_outcome,
            kind=OutcomeKind.EDUCATION,
            recorded_on=D(2026, 9, 1),
            by=world.users["lead"],
        )
    assert six.pk


def test_an_outcome_is_registered_once_per_checkpoint(world: World) -> None:
    placed = placement(world)
    outcome(world, placed, EXIT)
    with pytest.raises(ValidationError, match="already registered"):
        outcome(world, placed, EXIT, kind=OutcomeKind.UNEMPLOYED)


@time_machine.travel(datetime.datetime(2026, 3, 1, 12, 0, tzinfo=OSLO), tick=False)
def test_an_outcome_cannot_be_dated_in_the_future(world: World) -> None:
    placed = placement(world)
    with pytest.raises(ValidationError) as exc:
        outcome(world, placed, EXIT, recorded_on=D(2026, 3, 2))
    assert "recorded_on" in exc.value.message_dict
    assert outcome(world, placed, EXIT, recorded_on=D(2026, 3, 1)).pk


def test_the_employer_must_be_the_operators(world: World) -> None:
    placed = placement(world)
    foreign = HostUnitFactory(operator=world.other_operator)
    with pytest.raises(ValidationError) as exc:
        outcome(world, placed, EXIT, employer=foreign)
    assert "employer" in exc.value.message_dict


def test_update_corrects_kind_and_employer_and_is_audited(world: World) -> None:
    placed = placement(world)
    recorded = outcome(world, placed, EXIT, kind=OutcomeKind.UNKNOWN)
    employer = HostUnitFactory(operator=world.operator, name="REMA 1000")
    outcome_update(
        outcome=recorded,
        kind=OutcomeKind.TEMPORARY_JOB,
        recorded_on=D(2026, 2, 2),
        employer=employer,
        by=world.users["coordinator"],
    )
    recorded.refresh_from_db()
    assert (recorded.kind, recorded.employer, recorded.checkpoint) == (
        OutcomeKind.TEMPORARY_JOB,
        employer,
        EXIT,
    )
    entry = AuditEntry.objects.get(action="placements.outcome.changed")
    assert entry.actor == world.users["coordinator"]
    assert set(entry.data) == {"candidate", "programme", "checkpoint"}


# --- Events and attendance ------------------------------------------------------------------


def new_event(world: World, at: datetime.datetime, **extra) -> Event:  # type: ignore[no-untyped-def]
    return event_services.event_create(
        operator=world.operator,
        by=world.users["lead"],
        kind=Event.Kind.LANGUAGE,
        title="Språkkafé",
        starts_at=at,
        **extra,
    )


def test_event_programme_must_be_the_operators(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        new_event(
            world,
            datetime.datetime(2026, 5, 1, 18, tzinfo=OSLO),
            programme=ProgrammeFactory(operator=world.other_operator),
        )
    assert "programme" in exc.value.message_dict


def test_event_update_changes_details(world: World) -> None:
    event = new_event(world, datetime.datetime(2026, 5, 1, 18, tzinfo=OSLO))
    event_services.event_update(
        event=event,
        by=world.users["lead"],
        kind=Event.Kind.CONFERENCE,
        title=" Mangfoldskonferansen ",
        starts_at=datetime.datetime(2026, 10, 27, 9, tzinfo=OSLO),
        speakers="Politikere og arbeidsgivere",
    )
    event.refresh_from_db()
    assert (event.kind, event.title, event.speakers) == (
        Event.Kind.CONFERENCE,
        "Mangfoldskonferansen",
        "Politikere og arbeidsgivere",
    )


def test_invite_is_idempotent_and_only_for_the_operators_candidates(world: World) -> None:
    event = new_event(world, datetime.datetime(2026, 5, 1, 18, tzinfo=OSLO))
    first, second = (
        CandidateFactory(operator=world.operator),
        CandidateFactory(operator=world.operator),
    )
    assert len(event_services.attendance_invite(event=event, candidates=[first], by=None)) == 1
    again = event_services.attendance_invite(
        event=event, candidates=[first, second], by=world.users["lead"]
    )
    assert [a.candidate for a in again] == [second]
    assert event.attendances.count() == 2
    with pytest.raises(ValidationError, match="operator's own candidates"):
        event_services.attendance_invite(
            event=event,
            candidates=[CandidateFactory(operator=world.other_operator)],
            by=world.users["lead"],
        )
    entry = AuditEntry.objects.filter(action="mentors.attendance.invited").order_by("pk").last()
    assert entry.data == {"candidates": [second.pk]}


def test_attendance_is_marked_once_the_event_has_begun(world: World) -> None:
    event = new_event(world, datetime.datetime(2026, 5, 1, 18, tzinfo=OSLO))
    (attendance,) = event_services.attendance_invite(
        event=event, candidates=[world.objects["candidate"]], by=world.users["lead"]
    )
    before = time_machine.travel(datetime.datetime(2026, 5, 1, 12, tzinfo=OSLO), tick=False)
    with before, pytest.raises(ValidationError, match="once the event has begun"):
        event_services.attendance_mark(
            attendance=attendance, status=Attendance.Status.ATTENDED, by=world.users["lead"]
        )
    with time_machine.travel(datetime.datetime(2026, 5, 1, 19, tzinfo=OSLO), tick=False):
        event_services.attendance_mark(
            attendance=attendance, status=Attendance.Status.ATTENDED, by=world.users["lead"]
        )
    attendance.refresh_from_db()
    assert attendance.status == Attendance.Status.ATTENDED
    with pytest.raises(ValidationError):
        event_services.attendance_mark(
            attendance=attendance, status="maybe", by=world.users["lead"]
        )
