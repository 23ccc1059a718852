"""Stored dashboard figures agree with a full recompute after any sequence of changes made
through the services (hypothesis), whether or not the after-commit refresh has run yet."""

import datetime

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from candidates.models import Application
from candidates.services import application_create, application_move
from placements import services
from placements.models import Outcome, Placement
from placements.selectors.outcomes import programme_outcomes_due
from placements.services.outcomes import outcome_record, outcome_update
from programs.models import OutcomeKind
from programs.services import programme_update
from reports.figures import count_programme, figures_recompute_all, stored_of
from reports.figures import stored_programme_figures as stored_read
from reports.models import StoredFigures
from tests.conftest import World
from tests.factories import CandidateFactory, CohortFactory

D = datetime.date
CHECKPOINTS = [c.value for c in Outcome.Checkpoint]
KINDS = [k.value for k in OutcomeKind]
STAGES = [s.value for s in Application.Stage]

index = st.integers(min_value=0, max_value=7)
operations = st.one_of(
    st.tuples(st.just("place"), index, st.booleans()),
    st.tuples(st.just("start"), index),
    st.tuples(st.just("complete"), index),
    st.tuples(st.just("end_early"), index),
    st.tuples(st.just("outcome"), index, st.sampled_from(CHECKPOINTS), st.sampled_from(KINDS)),
    st.tuples(st.just("outcome_update"), index, st.sampled_from(KINDS)),
    st.tuples(st.just("apply"), index, st.booleans()),
    st.tuples(st.just("move"), index, st.sampled_from(STAGES)),
    st.tuples(st.just("goal"), st.integers(1, 20), st.lists(st.sampled_from(KINDS), max_size=3)),
)


def _pick(items: list, i: int):  # type: ignore[no-untyped-def, type-arg]
    return items[i % len(items)] if items else None


def _apply(world: World, op: tuple, state: dict) -> None:  # type: ignore[type-arg]
    lead = world.users["lead"]
    programme, cohort = world.objects["programme"], state["cohort"]
    name = op[0]
    if name == "place":
        placed = services.placement_create(
            candidate=_pick(state["candidates"], op[1]),
            programme=programme,
            host_unit=world.objects["host_unit"],
            cohort=cohort if op[2] else None,
            starts_on=D(2025, 9, 1),
            planned_end=D(2026, 1, 30),
            by=lead,
        )
        state["placements"].append(placed)
    elif name in {"start", "complete", "end_early"}:
        placed = _pick(state["placements"], op[1])
        if placed is None:
            return
        placed = Placement.objects.get(pk=placed.pk)
        if name == "start":
            services.placement_start(placement=placed, by=lead)
        elif name == "complete":
            services.placement_complete(placement=placed, by=lead, on=D(2026, 1, 30))
        else:
            services.placement_end_early(placement=placed, on=D(2025, 12, 1), reason="x", by=lead)
    elif name == "outcome":
        placed = _pick(state["placements"], op[1])
        if placed is None:
            return
        placed = Placement.objects.get(pk=placed.pk)
        state["outcomes"].append(
            outcome_record(
                candidate=placed.candidate,
                programme=placed.programme,
                placement=placed,
                checkpoint=op[2],
                kind=op[3],
                recorded_on=placed.actual_end or D(2026, 2, 1),
                by=lead,
            )
        )
    elif name == "outcome_update":
        found = _pick(state["outcomes"], op[1])
        if found is None:
            return
        found = Outcome.objects.get(pk=found.pk)
        outcome_update(outcome=found, kind=op[2], recorded_on=found.recorded_on, by=lead)
    elif name == "apply":
        state["applications"].append(
            application_create(
                candidate=_pick(state["candidates"], op[1]),
                cohort=cohort if op[2] else world.objects["cohort"],
                by=lead,
            )
        )
    elif name == "move":
        found = _pick(state["applications"], op[1])
        if found is None:
            return
        found = Application.objects.get(pk=found.pk)
        application_move(application=found, to=op[2], by=lead)
    elif name == "goal":
        programme_update(
            programme=programme,
            by=lead,
            goal_target=op[1],
            goal_outcome_kinds=sorted(set(op[2])),
            goal_deadline=D(2026, 12, 31),
        )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(st.tuples(operations, st.booleans()), min_size=1, max_size=12))
def test_stored_figures_equal_a_full_recompute(
    world: World,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
    steps: list[tuple[tuple, bool]],  # type: ignore[type-arg]
) -> None:
    programme = world.objects["programme"]
    state = world.objects.setdefault(
        "figures_state",
        {
            "candidates": [CandidateFactory(operator=world.operator) for _ in range(4)],
            "cohort": CohortFactory(programme=programme),
            "placements": [],
            "outcomes": [],
            "applications": [],
        },
    )
    for op, refresh_after_commit in steps:
        # Each change commits (a savepoint here); its refresh runs after the commit, or has not
        # run yet when the next change or the reader comes.
        with django_capture_on_commit_callbacks(execute=refresh_after_commit):
            try:
                with transaction.atomic():
                    _apply(world, op, state)
            except ValidationError:
                pass  # refused changes leave nothing behind, figures included
        programme.refresh_from_db()
        counted = count_programme(programme)
        stored = stored_of(programme.pk)
        differ = [k for k in set(stored) | set(counted) if stored.get(k) != counted.get(k)]
        assert stored in ({}, counted), (op, differ)
        figures, funnel, _missing = stored_read(programme)
        assert funnel == counted[""]["funnel"]
        assert figures.participants == counted[""]["participants"]
        assert figures.goal_reached == (
            counted[""]["goal_reached"] if programme.goal_outcome_kinds else 0
        )
        assert stored_of(programme.pk) == counted
    assert figures_recompute_all() == 0


def test_a_row_of_an_older_format_is_counted_again_when_read(world: World) -> None:
    programme = world.objects["programme"]
    figures_recompute_all()
    StoredFigures.objects.filter(programme=programme, cohort__isnull=True).update(
        data={"participants": 999}
    )
    figures, _funnel, _missing = stored_read(programme)
    assert figures.participants == count_programme(programme)[""]["participants"] != 999
    assert stored_of(programme.pk) == count_programme(programme)


def test_missing_outcomes_of_an_earlier_day_are_counted_again_and_stored(world: World) -> None:
    programme = world.objects["programme"]
    figures_recompute_all()
    row = StoredFigures.objects.get(programme=programme, cohort__isnull=True)
    row.data["missing_outcomes"] = {"on": "2000-01-01", "count": 12345}
    row.save()
    today = timezone.localdate()
    expected = {
        "on": today.isoformat(),
        "count": programme_outcomes_due(programme, today=today).count(),
    }
    assert stored_read(programme)[2] == expected
    assert stored_of(programme.pk)[""]["missing_outcomes"] == expected
    with CaptureQueriesContext(connection) as context:  # the next reader: the stored row only
        assert stored_read(programme)[2] == expected
    assert len(context.captured_queries) == 1
    assert figures_recompute_all() == 0  # what the reader stored is what a recount gives
