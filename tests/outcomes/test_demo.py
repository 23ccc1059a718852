"""The demo's outcomes and events: KIA Skien reads "8 candidates, 0 unemployed", Globale Bærum's
hires come from outcomes with employers, and seeding twice changes nothing."""

from django.apps import apps
from django.core.management import call_command

from core.demo import DemoWorld
from core.demo import seed as core_seed
from mentors.models import Attendance, Event
from placements.models import Placement
from placements.selectors.outcomes import hires_by_employer, programme_figures
from programs.models import Programme
from stewardship import outcome_demo


def row_counts() -> dict[str, int]:
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label in {"core", "programs", "candidates", "placements", "mentors"}
    }


def seeded_world() -> DemoWorld:
    call_command("seed_demo", "--quiet")
    world = DemoWorld()
    core_seed(world)  # idempotent: fills the world's operators from the database
    return world


def test_outcome_demo_is_idempotent(db) -> None:  # type: ignore[no-untyped-def]
    world = seeded_world()
    outcome_demo.seed(world)
    first = row_counts()
    outcome_demo.seed(world)
    assert row_counts() == first


def test_kia_reads_eight_candidates_none_unemployed(db) -> None:  # type: ignore[no-untyped-def]
    outcome_demo.seed(seeded_world())
    programme = Programme.objects.get(name="Mentor- og traineeordningen")
    figures = programme_figures(programme)
    assert (figures.participants, figures.unemployed) == (8, 0)
    assert (figures.active, figures.completed) == (2, 6)
    at_exit = {row.kind: row.counts["exit"] for row in figures.distribution if row.counts["exit"]}
    assert at_exit == {
        "permanent_in_field": 1,
        "trainee_elsewhere": 1,
        "apprenticeship": 1,
        "permanent_outside_field": 1,
        "temporary_job": 1,
        "education": 1,
    }
    autumn = Placement.objects.filter(programme=programme, status=Placement.Status.ACTIVE)
    assert sorted(p.host_unit.name for p in autumn) == ["Skien ungdomsskole", "Telemark Data AS"]


def test_globale_hires_come_from_outcomes(db) -> None:  # type: ignore[no-untyped-def]
    outcome_demo.seed(seeded_world())
    network = Programme.objects.get(kind=Programme.Kind.NETWORK)
    hires = dict(
        network.commitments.annotate(hires=hires_by_employer(network)).values_list(
            "employer__name", "hires"
        )
    )
    assert hires == {"REMA 1000 Bærum": 2, "Aleris Omsorg og Helse": 1, "Gammel nok AS": 0}
    assert programme_figures(network).goal_reached == 3


def test_inspiration_meetings_with_attendance_at_baerum_and_kia(db) -> None:  # type: ignore[no-untyped-def]
    outcome_demo.seed(seeded_world())
    for operator in ("Bærum kommune", "KIA Skien"):
        meetings = Event.objects.filter(operator__name=operator, kind=Event.Kind.INSPIRATION)
        assert meetings.count() == 2
        assert Attendance.objects.filter(
            event__in=meetings, status=Attendance.Status.ATTENDED
        ).exists()
