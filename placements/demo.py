"""Demo placements: Bærum's five trainees of Kull 2026 at work in three units with their
supervisors, and work-practice placements at the adult-education centre (one with a NAV agreement
that ends before the placement, so the warning shows). Idempotent."""

import datetime

from candidates.models import Application, Candidate
from core.demo import DemoWorld
from core.models import User
from programs.models import Cohort, HostUnit, Programme

from . import services
from .models import Placement

D = datetime.date
# Host unit and supervisor of each Kull 2026 trainee, in the order they were accepted.
TRAINEE_UNITS = [
    ("Eiendom", "veileder@baerum.demo"),
    ("Eiendom", "veileder@baerum.demo"),
    ("Digitalisering og IT", "veileder.it@baerum.demo"),
    ("Digitalisering og IT", "veileder.it@baerum.demo"),
    ("Vei og trafikk", "veileder.vei@baerum.demo"),
]


def seed(world: DemoWorld) -> None:
    _baerum_trainees(world)
    _work_practice(world)


def _baerum_trainees(world: DemoWorld) -> None:
    operator = world.operators["baerum"]
    lead = world.users_by_operator("baerum")
    cohort = Cohort.objects.get(programme__operator=operator, name="Kull 2026")
    accepted = Application.objects.filter(cohort=cohort, stage=Application.Stage.ACCEPTED).order_by(
        "pk"
    )
    for application, (unit_name, supervisor) in zip(accepted, TRAINEE_UNITS, strict=False):
        if Placement.objects.filter(application=application).exists():
            continue
        unit = HostUnit.objects.get(operator=operator, name=unit_name)
        position = cohort.positions.filter(host_unit=unit, placements__isnull=True).first()
        placement = services.placement_create_from_application(
            application=application,
            host_unit=unit,
            by=lead,
            supervisor=User.objects.get(username=supervisor),
        )
        if position is not None:
            Placement.objects.filter(pk=placement.pk).update(position=position)
        services.placement_start(placement=placement, by=lead)


def _work_practice(world: DemoWorld) -> None:
    operator = world.operators["vo"]
    lead = world.users_by_operator("vo")
    programme = Programme.objects.get(operator=operator, kind=Programme.Kind.PRAKSIS)
    cohort = programme.cohorts.first()
    units = {u.name: u for u in HostUnit.objects.filter(operator=operator)}
    candidates = list(Candidate.objects.filter(operator=operator).order_by("pk")[:2])
    for candidate, unit_name in zip(
        candidates, ["Strategi- og utviklingsenheten", "Sandvika Regnskap AS"], strict=False
    ):
        if Placement.objects.filter(candidate=candidate, programme=programme).exists():
            continue
        placement = services.placement_create(
            candidate=candidate,
            programme=programme,
            cohort=cohort,
            host_unit=units[unit_name],
            starts_on=D(2026, 8, 24),
            planned_end=D(2027, 1, 29),
            hours_per_week=30,
            by=lead,
        )
        services.placement_start(placement=placement, by=lead)
        services.nav_agreement_set(
            placement=placement,
            reference=f"NAV-{2026_0800 + placement.pk}",
            benefit="tiltakspenger",
            starts_on=D(2026, 8, 24),
            # The first agreement was granted until Christmas: the page warns about it.
            ends_on=D(2026, 12, 18) if unit_name.startswith("Strategi") else D(2027, 1, 29),
            by=lead,
        )
