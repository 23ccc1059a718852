"""Programme figures are counted from placements and outcomes, never typed in."""

import datetime
import re
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from placements.models import Placement
from placements.selectors.outcomes import hires_by_employer, programme_figures
from programs.models import ORDINARY_JOB_KINDS, HostUnit, OutcomeKind, Programme
from tests.conftest import World
from tests.factories import CommitmentFactory, HostUnitFactory, ProgrammeFactory
from tests.querybudget import assert_constant_queries

from .helpers import EXIT, M6, M12, D, outcome, placement

OSLO = ZoneInfo("Europe/Oslo")
K = OutcomeKind
ACTIVE = Placement.Status.ACTIVE


def figures_url(programme: Programme) -> str:
    return reverse("placements:programme_figures", kwargs={"pk": programme.pk})


def english(world: World, role: str):  # type: ignore[no-untyped-def]
    return world.client_for(role, HTTP_ACCEPT_LANGUAGE="en")


def text_of(response) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\s+", " ", response.content.decode())


def kia_programme(world: World) -> Programme:
    """The NGO article's mentor scheme: eight candidates and not one of them unemployed."""
    programme = ProgrammeFactory(operator=world.operator, name="Mentorordningen", kind="mentor")
    programme.partners.add(world.partner_org)
    for i, kind in enumerate(
        [
            K.PERMANENT_IN_FIELD,
            K.TRAINEE_ELSEWHERE,  # an internship in another municipality
            K.APPRENTICESHIP,
            K.PERMANENT_OUTSIDE_FIELD,
            K.TEMPORARY_JOB,
            K.EDUCATION,
        ]
    ):
        placed = placement(world, programme=programme, given_name=f"Kandidat{i}", family_name="Ny")
        outcome(world, placed, EXIT, kind)
    # Two have a practice placement this autumn: an IT company, a Spanish teacher at a school.
    for name in ("Mateo", "Lucía"):
        placement(
            world,
            programme=programme,
            starts_on=D(2026, 9, 1),
            ends_on=D(2026, 12, 18),
            status=ACTIVE,
            given_name=name,
            family_name="Praksis",
        )
    return programme


def test_the_ngo_article_reads_eight_candidates_none_unemployed(world: World) -> None:
    programme = kia_programme(world)
    figures = programme_figures(programme)
    assert (figures.participants, figures.unemployed, figures.active, figures.completed) == (
        8,
        0,
        2,
        6,
    )
    assert figures.in_ordinary_work == 3
    assert figures.totals == [6, 0, 0]
    response = english(world, "lead").get(figures_url(programme))
    assert "8 candidates, 0 unemployed" in text_of(response)


def test_unemployment_follows_each_participants_latest_checkpoint(world: World) -> None:
    programme = world.objects["network"]
    placed = placement(world, programme=programme)
    outcome(world, placed, EXIT, K.TEMPORARY_JOB, D(2026, 1, 30))
    assert programme_figures(programme).unemployed == 0
    outcome(world, placed, M6, K.UNEMPLOYED, D(2026, 7, 30))
    figures = programme_figures(programme)
    assert (figures.unemployed, figures.in_ordinary_work) == (1, 0)
    assert [r.counts for r in figures.distribution if r.kind == K.UNEMPLOYED] == [
        {"exit": 0, "6m": 1, "12m": 0}
    ]
    with time_machine.travel(datetime.datetime(2027, 2, 1, 12, tzinfo=OSLO), tick=False):
        outcome(world, placed, M12, K.PERMANENT_IN_FIELD, D(2027, 1, 30))
    figures = programme_figures(programme)
    assert (figures.unemployed, figures.in_ordinary_work) == (0, 1)


def test_goal_progress_counts_latest_outcomes_recorded_by_the_deadline(world: World) -> None:
    programme = world.objects["network"]
    Programme.objects.filter(pk=programme.pk).update(
        goal_target=1000, goal_deadline=D(2026, 6, 30), goal_outcome_kinds=ORDINARY_JOB_KINDS
    )
    programme.refresh_from_db()
    counted = [placement(world, programme=programme) for _ in range(2)]
    for placed in counted:
        outcome(world, placed, EXIT, K.PERMANENT_OUTSIDE_FIELD, D(2026, 2, 1))
    outcome(world, placement(world, programme=programme), EXIT, K.EDUCATION, D(2026, 2, 1))
    late = placement(world, programme=programme, ends_on=D(2026, 7, 15))
    outcome(world, late, EXIT, K.TEMPORARY_JOB, D(2026, 7, 15))  # after the deadline
    lost = placement(world, programme=programme)
    outcome(world, lost, EXIT, K.TEMPORARY_JOB, D(2026, 2, 1))
    outcome(world, lost, M6, K.UNEMPLOYED, D(2026, 6, 1))  # latest by the deadline: unemployed
    # A job after the deadline does not count either (the latest outcome by then is counted).
    regained = placement(world, programme=programme)
    outcome(world, regained, EXIT, K.UNEMPLOYED, D(2026, 2, 1))
    outcome(world, regained, M6, K.PERMANENT_IN_FIELD, D(2026, 8, 1))
    figures = programme_figures(programme)
    assert (figures.goal_target, figures.goal_reached, figures.goal_percent) == (1000, 2, 0)
    page = text_of(english(world, "lead").get(figures_url(programme)))
    assert "2 of 1000" in page
    assert '<progress id="goal-progress"' in page
    assert 'max="1000" value="2"' in page


def test_goal_percentage_is_rounded_and_capped() -> None:
    from placements.selectors.outcomes import ProgrammeFigures

    def figures(reached: int, target: int) -> ProgrammeFigures:
        return ProgrammeFigures(0, 0, 0, 0, 0, 0, [], [], goal_target=target, goal_reached=reached)

    assert figures(312, 1000).goal_percent == 31
    assert figures(5, 4).goal_percent == 100
    assert figures(0, 1000).goal_percent == 0


def test_partner_sees_aggregates_without_names(world: World) -> None:
    programme = kia_programme(world)
    page = text_of(english(world, "partner").get(figures_url(programme)))
    assert "8 candidates, 0 unemployed" in page
    for name in ("Kandidat0", "Mateo", "Lucía", "Praksis", "Ny "):
        assert name not in page
    assert "<bdi" not in page


def test_partner_gets_404_for_a_programme_they_do_not_partner_in(world: World) -> None:
    response = world.client_for("partner").get(figures_url(world.objects["network"]))
    assert response.status_code == 404


def test_other_operator_gets_404(world: World) -> None:
    response = world.client_for("other_lead").get(figures_url(world.objects["programme"]))
    assert response.status_code == 404


def test_figures_page_query_budget(world: World) -> None:
    programme = world.objects["programme"]

    def add(n: int) -> None:
        for _ in range(n):
            placed = placement(world, programme=programme)
            outcome(world, placed, EXIT, K.TEMPORARY_JOB)

    # user, programme (+position figures),
    # placement figures, outcome distribution, latest outcomes (unemployed, work, goal)
    assert_constant_queries(world.client_for("partner"), figures_url(programme), add, expected=5)


def test_hires_by_employer_counts_participants_with_ordinary_jobs(world: World) -> None:
    network = world.objects["network"]
    rema = CommitmentFactory(programme=network, employer__name="REMA 1000 Bærum")
    aleris = CommitmentFactory(programme=network, employer__name="Aleris Omsorg og Helse")
    CommitmentFactory(programme=network, employer__name="Ingen ansatt AS")
    elsewhere = HostUnitFactory(operator=world.operator, sector=HostUnit.Sector.PRIVATE)
    for employer, kind in [
        (rema.employer, K.PERMANENT_OUTSIDE_FIELD),
        (rema.employer, K.TEMPORARY_JOB),
        (aleris.employer, K.PERMANENT_IN_FIELD),
        (aleris.employer, K.APPRENTICESHIP),  # not an ordinary job
        (elsewhere, K.PERMANENT_IN_FIELD),
    ]:
        outcome(world, placement(world, programme=network), EXIT, kind, employer=employer)
    # The same participant at the same employer at 6 months is still one hire.
    first = network.outcomes.filter(employer=rema.employer).order_by("pk").first()
    outcome(
        world,
        first.placement,
        M6,
        K.PERMANENT_OUTSIDE_FIELD,
        D(2026, 8, 1),
        employer=rema.employer,
    )
    # Hires in another programme do not count here.
    other = placement(world, programme=world.objects["programme"])
    outcome(world, other, EXIT, K.PERMANENT_IN_FIELD, employer=rema.employer)
    hires = dict(
        network.commitments.annotate(hires=hires_by_employer(network)).values_list(
            "employer__name", "hires"
        )
    )
    assert hires == {"REMA 1000 Bærum": 2, "Aleris Omsorg og Helse": 1, "Ingen ansatt AS": 0}
