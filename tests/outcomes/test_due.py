"""The due-and-missing worklist and the outcome forms, with frozen time."""

import datetime
import re
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from placements.models import Outcome, Placement
from placements.selectors.outcomes import outcomes_due
from programs.models import OutcomeKind
from tests.conftest import World
from tests.factories import CandidateFactory, ProgrammeFactory
from tests.querybudget import assert_constant_queries

from .helpers import EXIT, M6, M12, D, outcome, placement

OSLO = ZoneInfo("Europe/Oslo")
DUE = reverse("placements:outcomes_due")
CREATE = reverse("placements:outcome_create")


def on(day: datetime.date):  # type: ignore[no-untyped-def]
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(12), OSLO), tick=False)


def due_of(world: World, placed: Placement, today: datetime.date) -> set[str]:
    """The checkpoints the worklist says are due and missing for the placement (empty: absent)."""
    membership = world.users["coordinator"].memberships.get()
    row = outcomes_due(membership, today=today).filter(pk=placed.pk).first()
    if row is None:
        return set()
    return {c for c, f in [(EXIT, "exit_due"), (M6, "m6_due"), (M12, "m12_due")] if getattr(row, f)}


def page(world: World, url: str, role: str = "coordinator") -> str:
    response = world.client_for(role, HTTP_ACCEPT_LANGUAGE="en").get(url)
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def test_checkpoints_fall_due_at_the_end_and_six_and_twelve_months_after(world: World) -> None:
    placed = placement(world, ends_on=D(2026, 1, 30))
    assert due_of(world, placed, D(2026, 1, 29)) == set()
    assert due_of(world, placed, D(2026, 1, 30)) == {EXIT}
    outcome(world, placed, EXIT, OutcomeKind.TEMPORARY_JOB)
    assert due_of(world, placed, D(2026, 7, 29)) == set()
    assert due_of(world, placed, D(2026, 7, 30)) == {M6}
    assert due_of(world, placed, D(2027, 1, 30)) == {M6, M12}
    with on(D(2026, 8, 3)):
        outcome(world, placed, M6, OutcomeKind.TEMPORARY_JOB, D(2026, 8, 3))
    assert due_of(world, placed, D(2027, 1, 29)) == set()
    assert due_of(world, placed, D(2027, 1, 30)) == {M12}


def test_without_flags_the_same_rows_and_no_flag_columns(world: World) -> None:
    early = placement(world, ends_on=D(2026, 1, 30))
    late = placement(world, ends_on=D(2026, 3, 31))
    placement(world, ends_on=D(2026, 9, 30))  # not ended yet on the day asked
    outcome(world, early, EXIT, OutcomeKind.TEMPORARY_JOB)
    membership = world.users["coordinator"].memberships.get()
    for day in (D(2026, 1, 29), D(2026, 4, 1), D(2026, 7, 30), D(2027, 4, 1)):
        flagged = list(outcomes_due(membership, today=day).values_list("pk", flat=True))
        plain = outcomes_due(membership, today=day, flags=False)
        assert list(plain.values_list("pk", flat=True)) == flagged, day
        assert "exit_due" not in str(plain.query).split(" FROM ")[0]
    assert set(flagged) >= {early.pk, late.pk}


def test_a_month_end_falls_due_on_the_last_day_of_a_shorter_month(world: World) -> None:
    placed = placement(world, starts_on=D(2025, 3, 3), ends_on=D(2025, 8, 31))
    outcome(world, placed, EXIT)
    assert due_of(world, placed, D(2026, 2, 27)) == set()
    assert due_of(world, placed, D(2026, 2, 28)) == {M6}


def test_ended_early_counts_and_planned_or_active_do_not(world: World) -> None:
    ended = placement(world, status=Placement.Status.ENDED_EARLY, ends_on=D(2025, 11, 14))
    active = placement(world, status=Placement.Status.ACTIVE)
    planned = placement(world, status=Placement.Status.PLANNED)
    assert due_of(world, ended, D(2026, 1, 1)) == {EXIT}
    assert due_of(world, active, D(2026, 6, 1)) == set()
    assert due_of(world, planned, D(2026, 6, 1)) == set()


def test_only_the_last_placement_in_a_programme_counts(world: World) -> None:
    candidate = CandidateFactory(operator=world.operator)
    first = placement(
        world,
        candidate=candidate,
        status=Placement.Status.ENDED_EARLY,
        starts_on=D(2025, 1, 6),
        ends_on=D(2025, 3, 31),
    )
    again = placement(
        world, candidate=candidate, status=Placement.Status.ACTIVE, starts_on=D(2025, 9, 1)
    )
    # Back in a placement: the participant has not left the programme.
    assert due_of(world, first, D(2026, 1, 1)) == set()
    Placement.objects.filter(pk=again.pk).update(
        status=Placement.Status.COMPLETED, actual_end=D(2026, 1, 30)
    )
    assert due_of(world, first, D(2026, 6, 1)) == set()
    assert due_of(world, again, D(2026, 6, 1)) == {EXIT}


@on(D(2026, 8, 10))
def test_worklist_page_lists_due_outcomes_with_links_and_filters(world: World) -> None:
    other_programme = ProgrammeFactory(operator=world.operator, name="Praksis 2026")
    waiting = placement(world, ends_on=D(2026, 1, 30), given_name="Hiwet", family_name="Kidane")
    outcome(world, waiting, EXIT)
    fresh = placement(
        world,
        programme=other_programme,
        ends_on=D(2026, 8, 7),
        given_name="Olena",
        family_name="Kovalenko",
    )
    html = page(world, DUE)
    assert "Hiwet Kidane" in html and "Olena Kovalenko" in html
    assert "Register “After 6 months”" in html and "due 30 Jul 2026" in html
    assert f"placement={waiting.pk}&amp;checkpoint=6m" in html
    assert f"placement={fresh.pk}&amp;checkpoint=exit" in html
    # The world's own completed placement (2025, exit recorded) is due at 6 and 12 months.
    assert world.objects["outcomes_candidate"].family_name in html
    html = page(world, f"{DUE}?checkpoint=exit")
    assert "Olena Kovalenko" in html and "Hiwet Kidane" not in html
    html = page(world, f"{DUE}?programme={other_programme.pk}")
    assert "Olena Kovalenko" in html and "Hiwet Kidane" not in html
    assert "Olena" not in page(world, DUE, role="other_lead")


@on(D(2026, 8, 10))
def test_register_an_outcome_from_the_worklist(world: World) -> None:
    placed = placement(world, ends_on=D(2026, 1, 30), given_name="Hiwet", family_name="Kidane")
    query = urlencode({"placement": placed.pk, "checkpoint": "exit", "next": f"{DUE}?page=1"})
    html = page(world, f"{CREATE}?{query}")
    assert "Hiwet Kidane" in html and 'value="exit" selected' in html
    client = world.client_for("coordinator", HTTP_ACCEPT_LANGUAGE="en")
    response = client.post(
        f"{CREATE}?{query}",
        {
            "placement": placed.pk,
            "checkpoint": "exit",
            "kind": OutcomeKind.PERMANENT_IN_FIELD,
            "recorded_on": "2026-02-02",
            "employer_name": "Telemark Data AS",
            "next": f"{DUE}?page=1",
        },
    )
    assert response.status_code == 302 and response["Location"] == f"{DUE}?page=1"
    recorded = Outcome.objects.get(candidate=placed.candidate)
    assert (recorded.kind, recorded.placement, recorded.recorded_by) == (
        OutcomeKind.PERMANENT_IN_FIELD,
        placed,
        world.users["coordinator"],
    )


@on(D(2026, 8, 10))
def test_six_months_before_exit_shows_a_clear_message(world: World) -> None:
    placed = placement(world, ends_on=D(2026, 1, 30))
    client = world.client_for("lead", HTTP_ACCEPT_LANGUAGE="en")
    response = client.post(
        CREATE,
        {
            "placement": placed.pk,
            "checkpoint": "6m",
            "kind": OutcomeKind.EDUCATION,
            "recorded_on": "2026-08-01",
        },
    )
    assert response.status_code == 200
    assert "Register the outcome at exit first" in response.content.decode()
    assert not Outcome.objects.filter(candidate=placed.candidate).exists()


def test_another_operators_placement_is_404(world: World) -> None:
    placed = world.objects["outcomes_placement"]
    response = world.client_for("other_lead").get(f"{CREATE}?placement={placed.pk}")
    assert response.status_code == 404
    response = world.client_for("other_lead").post(
        CREATE,
        {
            "placement": placed.pk,
            "checkpoint": "6m",
            "kind": OutcomeKind.EDUCATION,
            "recorded_on": "2025-12-30",
        },
    )
    assert response.status_code == 200  # the form refuses a placement it does not offer
    assert not Outcome.objects.filter(candidate=placed.candidate, checkpoint="6m").exists()


def test_edit_an_outcome(world: World) -> None:
    recorded = world.objects["outcomes_outcome"]
    url = reverse("placements:outcome_edit", kwargs={"pk": recorded.pk})
    assert world.objects["outcomes_candidate"].given_name in page(world, url)
    response = world.client_for("lead").post(
        url, {"kind": OutcomeKind.TEMPORARY_JOB, "recorded_on": "2025-07-01"}
    )
    assert response.status_code == 302
    recorded.refresh_from_db()
    assert (recorded.kind, recorded.recorded_on) == (OutcomeKind.TEMPORARY_JOB, D(2025, 7, 1))


def test_outcome_list_filters_by_kind(world: World) -> None:
    placed = placement(world, given_name="Olena", family_name="Kovalenko")
    outcome(world, placed, EXIT, OutcomeKind.EDUCATION)
    html = page(world, reverse("placements:outcome_list") + "?kind=education")
    assert "Olena Kovalenko" in html and world.objects["outcomes_candidate"].given_name not in html


@on(D(2026, 8, 10))
def test_worklist_query_budget(world: World) -> None:
    def add(n: int) -> None:
        for _ in range(n):
            outcome(world, placement(world, ends_on=D(2026, 1, 30)), EXIT)

    # user, count, page of placements (+candidate,
    # programme, host unit, due flags as EXISTS), the programme filter's choices
    assert_constant_queries(world.client_for("coordinator"), DUE, add, expected=4)


def test_outcome_list_query_budget(world: World) -> None:
    def add(n: int) -> None:
        for _ in range(n):
            outcome(world, placement(world), EXIT)

    # user, count, page of outcomes (+candidate,
    # programme, employer, placement, host unit), the programme filter's choices
    assert_constant_queries(
        world.client_for("coordinator"), reverse("placements:outcome_list"), add, expected=4
    )


def test_outcome_form_query_budget(world: World) -> None:
    def add(n: int) -> None:
        for _ in range(n):
            placement(world)

    # user, placement choices (+candidate,
    # programme, host unit), employer choices
    assert_constant_queries(world.client_for("coordinator"), CREATE, add, expected=3)


def test_a_malformed_placement_in_the_link_or_next_is_no_server_error(world: World) -> None:
    """Found by tests/security/test_form_fuzzing.py: "²" passes str.isdigit() but not int(), and
    a ``next`` that is no URL made redirect() look it up as a view name; both were a 500."""
    client = world.client_for("coordinator")
    assert client.get(f"{CREATE}?placement=²").status_code == 200
    placed = placement(world, ends_on=D(2026, 1, 30))
    response = client.post(
        CREATE,
        {
            "placement": placed.pk,
            "checkpoint": "exit",
            "kind": OutcomeKind.PERMANENT_IN_FIELD,
            "recorded_on": "2026-02-02",
            "employer_name": "Telemark Data AS",
            "next": "abc def",
        },
    )
    assert response.status_code == 302
    assert Outcome.objects.filter(candidate=placed.candidate).exists()
