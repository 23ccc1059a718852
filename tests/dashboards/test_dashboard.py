"""The programme dashboard: figures, goal trajectory, funnel, charts and their tables."""

import datetime
import json
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from candidates.models import Application
from placements.models import Placement
from programs.models import OutcomeKind, Programme
from reports.dashboard import funnel_counts, goal_trajectory, programme_dashboard
from tests.conftest import World
from tests.factories import ApplicationFactory, CandidateFactory, CohortFactory, ProgrammeFactory
from tests.outcomes.helpers import EXIT, outcome, placement
from tests.querybudget import assert_constant_queries

from .matrix import ROWS

D = datetime.date
OSLO = ZoneInfo("Europe/Oslo")
K = OutcomeKind
TODAY = D(2026, 4, 11)


def frozen(day: datetime.date = TODAY):  # type: ignore[no-untyped-def]
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(12), OSLO), tick=False)


def url(programme: Programme) -> str:
    return reverse("dashboards:programme", kwargs={"pk": programme.pk})


def english(world: World, role: str):  # type: ignore[no-untyped-def]
    return world.client_for(role, HTTP_ACCEPT_LANGUAGE="en")


def text(response) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\s+", " ", response.content.decode())


def chart(response, element_id: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    match = re.search(
        rf'<script id="{element_id}" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert match, element_id
    return json.loads(match.group(1))


def table_cells(response, table_id: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    html = response.content.decode()
    table = re.search(rf'<table[^>]*id="{table_id}".*?<tbody>(.*?)</tbody>', html, re.S)
    assert table, table_id
    rows = re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)
    return [[c.strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)] for row in rows]


def goal_programme(world: World, **goal) -> Programme:  # type: ignore[no-untyped-def]
    programme = ProgrammeFactory(
        operator=world.operator,
        name="Jobbmål",
        starts_on=D(2026, 1, 1),
        goal_outcome_kinds=[K.PERMANENT_IN_FIELD],
        **goal,
    )
    programme.partners.add(world.partner_org)
    return programme


# --- Trajectory ---------------------------------------------------------------------------


def test_trajectory_projects_from_the_average_rate_since_the_start() -> None:
    # 312 reached in 312 days: one a day, 688 to go → 688 days from today.
    t = goal_trajectory(
        target=1000,
        reached=312,
        starts_on=D(2025, 6, 3),
        deadline=D(2028, 6, 30),
        today=D(2026, 4, 11),
    )
    assert t.projected_on == D(2026, 4, 11) + datetime.timedelta(days=688)
    assert t.status == "on_track"
    late = goal_trajectory(
        target=1000,
        reached=312,
        starts_on=D(2025, 6, 3),
        deadline=D(2027, 1, 1),
        today=D(2026, 4, 11),
    )
    assert late.status == "behind" and not late.on_track


def test_trajectory_rounds_up_and_handles_edges() -> None:
    # 3 in 10 days: 7 to go at 0.3 a day is 23.3 days → 24.
    t = goal_trajectory(
        target=10, reached=3, starts_on=D(2026, 1, 1), deadline=None, today=D(2026, 1, 11)
    )
    assert t.projected_on == D(2026, 2, 4) and t.status == "on_track"
    assert (
        goal_trajectory(
            target=10, reached=0, starts_on=D(2026, 1, 1), deadline=None, today=D(2026, 1, 11)
        ).status
        == "no_progress"
    )
    done = goal_trajectory(
        target=10, reached=12, starts_on=D(2026, 1, 1), deadline=None, today=D(2026, 1, 11)
    )
    assert done.status == "reached" and done.projected_on is None


def test_page_shows_goal_and_trajectory(world: World) -> None:
    programme = goal_programme(world, goal_target=6, goal_deadline=D(2026, 5, 1))
    with frozen():
        for _ in range(4):
            placed = placement(
                world, programme=programme, starts_on=D(2026, 1, 5), ends_on=D(2026, 3, 31)
            )
            outcome(world, placed, EXIT, K.PERMANENT_IN_FIELD)
        response = english(world, "lead").get(url(programme))
    page = text(response)
    # 4 in 100 days, 2 to go → 50 days → 31 May 2026, after the deadline.
    assert "4 of 6" in page
    assert "Behind: at the average rate since the start the goal is reached on 31 May 2026" in page
    assert "1 May 2026" in page


# --- Figures, funnel, charts --------------------------------------------------------------


def test_kpis_come_from_programme_figures(world: World) -> None:
    programme = goal_programme(world)
    with frozen():
        placement(
            world,
            programme=programme,
            status=Placement.Status.ACTIVE,
            starts_on=D(2026, 3, 1),
            ends_on=D(2026, 6, 1),
        )
        done = placement(world, programme=programme, starts_on=D(2026, 1, 5), ends_on=D(2026, 3, 1))
        outcome(world, done, EXIT, K.UNEMPLOYED)
        placement(
            world,
            programme=programme,
            status=Placement.Status.ENDED_EARLY,
            starts_on=D(2026, 1, 5),
            ends_on=D(2026, 2, 1),
        )
        dashboard = programme_dashboard(programme, world.users["lead"].memberships.get())
    values = {label: cell.value for label, cell in dashboard.kpis}
    assert values == {
        "Participants": 3,
        "Active placements": 1,
        "Completed placements": 1,
        "Placements ended early": 1,
        "In ordinary work (latest outcome)": 0,
        "Unemployed (latest outcome)": 1,
    }


def test_funnel_counts_applications_per_stage(world: World) -> None:
    programme = goal_programme(world)
    cohort = CohortFactory(programme=programme, name="Kull A")
    for stage, n in [("applied", 3), ("interview", 2), ("accepted", 1), ("rejected", 4)]:
        for _ in range(n):
            ApplicationFactory(
                candidate=CandidateFactory(operator=world.operator), cohort=cohort, stage=stage
            )
    # Another programme's applications do not count.
    ApplicationFactory(
        candidate=CandidateFactory(operator=world.operator), cohort=world.objects["cohort"]
    )
    counts = {stage: n for stage, _label, n in funnel_counts(programme)}
    assert counts == {
        "applied": 3,
        "screened": 0,
        "interview": 2,
        "offered": 0,
        "accepted": 1,
        "rejected": 4,
        "withdrawn": 0,
    }
    assert [s for s, _l, _n in funnel_counts(programme)] == list(Application.Stage.values)


def test_chart_data_equals_the_tables(world: World) -> None:
    programme = world.objects["programme"]
    for stage in ["applied", "applied", "offered"]:
        ApplicationFactory(
            candidate=CandidateFactory(operator=world.operator),
            cohort=world.objects["cohort"],
            stage=stage,
        )
    response = english(world, "lead").get(url(programme))
    outcomes = chart(response, "chart-outcomes")
    cells = table_cells(response, "table-outcomes")
    assert [[str(v) for v in ds["data"]] for ds in outcomes["datasets"]] == cells
    assert sum(sum(ds["data"]) for ds in outcomes["datasets"]) >= 1
    funnel = chart(response, "chart-funnel")
    assert [[str(v)] for v in funnel["datasets"][0]["data"]] == table_cells(
        response, "table-funnel"
    )
    assert funnel["datasets"][0]["data"][:4] == [3, 0, 0, 1]


def test_page_has_no_inline_scripts_and_accessible_canvases(world: World) -> None:
    html = english(world, "lead").get(url(world.objects["programme"])).content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert "chartjs-4/chart.umd.min.js" in html and "js/charts.js" in html
    for canvas in re.findall(r"<canvas\b[^>]*>", html):
        assert 'role="img"' in canvas and "aria-label=" in canvas
    assert html.count("<h1") == 1
    assert "<caption>" in html and "SSB" in html


def test_partner_sees_no_names_and_suppressed_cells(world: World) -> None:
    programme = world.objects["programme"]
    with frozen(D(2026, 11, 23)):
        placement(
            world,
            programme=programme,
            status=Placement.Status.ACTIVE,
            starts_on=D(2026, 10, 1),
            ends_on=D(2026, 12, 10),
            given_name="Zainab",
            family_name="Karimi",
        )
        staff = text(english(world, "lead").get(url(programme)))
        partner_response = english(world, "partner").get(url(programme))
    partner = text(partner_response)
    assert "Karimi" in staff
    assert "Karimi" not in partner and "Haddad" not in partner and "Tesfaye" not in partner
    assert "&lt;5" in partner
    assert "Missing outcomes" not in partner
    # Suppressed figures are null in the chart and "<5" in the table.
    outcomes = chart(partner_response, "chart-outcomes")
    cells = table_cells(partner_response, "table-outcomes")
    for dataset, row in zip(outcomes["datasets"], cells, strict=True):
        for value, cell in zip(dataset["data"], row, strict=True):
            assert (value is None and cell == "&lt;5") or str(value) == cell
    assert all(v is None for v in chart(partner_response, "chart-funnel")["datasets"][0]["data"])


def test_dashboard_query_budget(world: World, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    programme = world.objects["programme"]

    def add_rows(n: int) -> None:
        # As in production: the stored figures are refreshed after each change's commit.
        with django_capture_on_commit_callbacks(execute=True):
            _add_rows(n)

    def _add_rows(n: int) -> None:
        for _ in range(n):
            placement(
                world,
                programme=programme,
                status=Placement.Status.PLANNED,
                starts_on=D(2026, 11, 1),
                ends_on=D(2026, 12, 10),
            )
            ApplicationFactory(
                candidate=CandidateFactory(operator=world.operator), cohort=world.objects["cohort"]
            )

    with frozen(D(2026, 11, 23)):
        client = world.client_for("lead")
        # user, programme, the stored figures (one row, with the day's
        # missing outcomes), ending soon
        assert_constant_queries(client, url(programme), add_rows, expected=EXPECTED_QUERIES)


EXPECTED_QUERIES = 4


@pytest.mark.parametrize("name", sorted(ROWS))
def test_matrix_rows(world: World, name: str) -> None:
    statuses, kwargs, _html = ROWS[name]
    roles = ("anon", "lead", "coordinator", "mentor", "partner", "other_lead", "site_admin")
    got = tuple(
        world.client_for(role)
        .get(reverse(name, kwargs=kwargs(world) if kwargs else None))
        .status_code
        for role in roles
    )
    assert got == statuses


def test_a_long_list_of_placements_ending_shows_the_first_and_counts_the_rest(
    world: World,
) -> None:
    from reports.dashboard import ENDING_SHOWN

    programme = world.objects["programme"]
    made = [
        placement(
            world,
            programme=programme,
            status=Placement.Status.PLANNED,
            starts_on=D(2026, 11, 1),
            ends_on=D(2026, 12, 10),
        )
        for _ in range(ENDING_SHOWN + 3)
    ]
    with frozen(D(2026, 11, 23)):
        html = world.client_for("lead").get(url(programme)).content.decode()
    section = html.split('id="h-ending"', 1)[1].split("</section>", 1)[0]
    first = made[0]  # the same end date for all: the first made is shown first
    assert f'<th scope="row" class="fw-normal">{first.candidate.full_name}</th>' in section
    assert f"<td>{first.host_unit.name}</td>" in section
    assert re.search(r'id="ending-count">\s*(\d+)', section).group(1) == str(ENDING_SHOWN + 3)  # type: ignore[union-attr]
    assert section.count("<tr>") == ENDING_SHOWN + 1  # the header row and the first rows
    assert "3 more" in section or "3 til" in section
