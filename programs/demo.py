"""Demo data: the four programmes of the source articles, built from their hosts' needs.

Idempotent: each object is looked up by its natural key and created through the services only
when it is missing.
"""

import datetime

from django.utils.text import slugify

from core.demo import DemoWorld

from . import services
from .models import Cohort, EmployerCommitment, HostUnit, Municipality, Position, Programme

D = datetime.date
BAERUM, SKIEN = "3201", "4003"


def _unit(
    world: DemoWorld, op: str, name: str, sector: str, municipality: str, **extra
) -> HostUnit:  # type: ignore[no-untyped-def]
    operator = world.operators[op]
    unit = HostUnit.objects.filter(operator=operator, name=name).first()
    # Every demo unit has a contact address: the host units' pages send sign-in links there.
    extra.setdefault("contact_email", demo_contact_email(op, name))
    if unit is None:
        unit = services.hostunit_create(
            operator=operator,
            by=world.users_by_operator(op),
            name=name,
            sector=sector,
            municipality=Municipality.objects.get(code=municipality),
            **extra,
        )
    elif not unit.contact_email:  # a demo database seeded before units had addresses
        unit = services.hostunit_update(
            unit=unit, by=world.users_by_operator(op), contact_email=extra["contact_email"]
        )
    return unit


def demo_contact_email(op: str, name: str) -> str:
    """A demo unit's contact address, e.g. "rema-1000-baerum@globale.demo"."""
    return f"{slugify(name.replace('æ', 'ae').replace('ø', 'o').replace('å', 'a'))}@{op}.demo"


def _programme(
    world: DemoWorld,
    op: str,
    name: str,
    partners: list[str],
    funding: list[tuple[str, int]],
    **fields,
) -> Programme:  # type: ignore[no-untyped-def]
    operator = world.operators[op]
    lead = world.users_by_operator(op)
    programme = Programme.objects.filter(operator=operator, name=name).first()
    if programme is None:
        programme = services.programme_create(
            operator=operator,
            by=lead,
            name=name,
            partners=[world.partners[p] for p in partners],
            **fields,
        )
        parties = {**world.partners, op: operator}
        services.programme_set_funding(
            programme=programme, by=lead, shares=[(parties[k], pct) for k, pct in funding]
        )
    return programme


def _cohort(
    world: DemoWorld,
    programme: Programme,
    name: str,
    starts_on: datetime.date,
    capacity: int,
    ends_on: datetime.date | None = None,
) -> Cohort:  # type: ignore[no-untyped-def]
    cohort = programme.cohorts.filter(name=name).first()
    if cohort is None:
        cohort = services.cohort_create(
            programme=programme,
            by=world.users_by_operator_id(programme.operator_id),
            name=name,
            starts_on=starts_on,
            ends_on=ends_on,
            capacity=capacity,
        )
    return cohort


def _position(
    world: DemoWorld,
    programme: Programme,
    unit: HostUnit,
    title: str,
    code: str,
    *,
    cohort: Cohort | None = None,
    slots: int = 1,
    status: str = Position.Status.OPEN,
    qualifications: str = "",
) -> Position:  # type: ignore[no-untyped-def]
    position = Position.objects.filter(programme=programme, host_unit=unit, title=title).first()
    if position is None:
        by = world.users_by_operator_id(programme.operator_id)
        position = services.position_create(
            programme=programme,
            by=by,
            host_unit=unit,
            title=title,
            occupation_id=code,
            cohort=cohort,
            slots=slots,
            starts_on=cohort.starts_on if cohort else programme.starts_on,
            qualifications=qualifications,
        )
        if status in (Position.Status.OPEN, Position.Status.FILLED):
            services.position_open(position=position, by=by)
        if status == Position.Status.FILLED:
            services.position_fill(position=position, by=by)
    return position


def seed(world: DemoWorld) -> None:
    # Bærum kommune: a 12-month trainee programme for engineers, five positions from three units.
    trainee = _programme(
        world,
        "baerum",
        "Traineeprogram for innvandrere med akademisk utdanning",
        partners=["nav_baerum"],
        funding=[("nav_baerum", 50), ("baerum", 50)],
        kind=Programme.Kind.TRAINEE,
        starts_on=D(2026, 3, 2),
        description="Et 12-måneders program som kvalifiserer arbeidsledige innvandrere med høyere "
        "utdanning til relevante jobber der kommunen har rekrutteringsbehov.",
    )
    # The first cohort started on 2 March 2026 and is under way; the next one, from the units'
    # new needs, starts on 2 March 2027 and is in selection.
    kull_2026 = _cohort(world, trainee, "Kull 2026", D(2026, 3, 2), capacity=5)
    kull = _cohort(world, trainee, "Kull 2027", D(2027, 3, 2), capacity=5)
    eiendom = _unit(
        world,
        "baerum",
        "Eiendom",
        HostUnit.Sector.MUNICIPAL,
        BAERUM,
        contact_name="Per Strand",
        contact_email="eiendom@baerum.demo",
    )
    it = _unit(
        world,
        "baerum",
        "Digitalisering og IT",
        HostUnit.Sector.MUNICIPAL,
        BAERUM,
        contact_name="Lise Moe",
        contact_email="digital@baerum.demo",
    )
    vei = _unit(
        world,
        "baerum",
        "Vei og trafikk",
        HostUnit.Sector.MUNICIPAL,
        BAERUM,
        contact_name="Arne Dahl",
        contact_email="vei@baerum.demo",
    )
    trainee_positions = [
        (eiendom, "Traineeingeniør bygg", "2142", "Mastergrad i bygg- eller anleggsteknikk."),
        (eiendom, "Traineeingeniør eiendomsforvaltning", "2142", "Master i bygg eller eiendom."),
        (it, "Trainee systemutvikling", "2512", "Bachelor eller master i informatikk."),
        (it, "Trainee IT-infrastruktur", "2522", "Utdanning innen nettverk og drift."),
        (
            vei,
            "Traineeingeniør vei og trafikk",
            "2142",
            "Sivilingeniør samferdsel el. tilsvarende.",
        ),
    ]
    for cohort, status in [(kull_2026, Position.Status.FILLED), (kull, Position.Status.OPEN)]:
        for unit, title, code, qualifications in trainee_positions:
            _position(
                world,
                trainee,
                unit,
                f"{title} ({cohort.name})",
                code,
                cohort=cohort,
                status=status,
                qualifications=f"{qualifications} Norsk på nivå B1 eller høyere.",
            )

    # KIA Skien: a mentor scheme with 3–6 months' practice and a mentor from the employer.
    mentor = _programme(
        world,
        "kia",
        "Mentor- og traineeordningen",
        partners=["nav_skien", "vestfold_telemark"],
        funding=[("vestfold_telemark", 100)],
        kind=Programme.Kind.MENTOR,
        starts_on=D(2026, 1, 5),
        ends_on=D(2026, 12, 18),
        description="Innvandrere med utdanning får praksis i 3–6 måneder med en faglig mentor fra "
        "bedriften.",
    )
    host_kull = _cohort(
        world, mentor, "Mentorkull 2026", D(2026, 1, 5), capacity=8, ends_on=D(2026, 12, 18)
    )
    skien_it = _unit(
        world, "kia", "Telemark Data AS", HostUnit.Sector.PRIVATE, SKIEN, contact_name="Eirik Lund"
    )
    school = _unit(
        world,
        "kia",
        "Skien ungdomsskole",
        HostUnit.Sector.MUNICIPAL,
        SKIEN,
        contact_name="Marit Bakke",
    )
    _position(
        world,
        mentor,
        skien_it,
        "Praksis IT-utvikling",
        "2512",
        cohort=host_kull,
        status=Position.Status.FILLED,
    )
    _position(
        world,
        mentor,
        school,
        "Praksis spansklærer",
        "2341",
        cohort=host_kull,
        status=Position.Status.FILLED,
    )

    # The adult-education centre: work practice with municipal and private hosts.
    praksis = _programme(
        world,
        "vo",
        "Arbeidspraksis for akademikere",
        partners=["nav_baerum_vo"],
        funding=[("nav_baerum_vo", 100)],
        kind=Programme.Kind.PRAKSIS,
        starts_on=D(2026, 8, 17),
        ends_on=D(2027, 6, 18),
        description="Intensiv norskopplæring, kunnskap om norsk arbeidsliv og relevant "
        "arbeidspraksis.",
    )
    host_2026 = _cohort(
        world, praksis, "Høsten 2026", D(2026, 8, 17), capacity=12, ends_on=D(2027, 1, 29)
    )
    strategi = _unit(
        world, "vo", "Strategi- og utviklingsenheten", HostUnit.Sector.MUNICIPAL, BAERUM
    )
    regnskap = _unit(world, "vo", "Sandvika Regnskap AS", HostUnit.Sector.PRIVATE, BAERUM)
    _position(
        world,
        praksis,
        strategi,
        "Praksis informasjonsforvaltning",
        "2422",
        cohort=host_2026,
        status=Position.Status.FILLED,
    )
    _position(world, praksis, regnskap, "Praksis regnskap", "2411", cohort=host_2026)

    # Globale Bærum: an employer network with the goal of 1000 into ordinary jobs in three years.
    network = _programme(
        world,
        "globale",
        "Globale Bærum – 1000 i jobb",
        partners=["nav_baerum_gb", "naeringsrad", "rode_kors"],
        funding=[("globale", 100)],
        kind=Programme.Kind.NETWORK,
        starts_on=D(2026, 1, 1),
        ends_on=D(2028, 12, 31),
        goal_target=1000,
        goal_deadline=D(2028, 12, 31),
        goal_outcome_kinds=["permanent_in_field", "permanent_outside_field", "temporary_job"],
        wall_of_fame_public=True,
        description="Næringslivet kobler innvandrere og flyktninger til bedriftenes behov og "
        "ansetter dem i ordinære jobber.",
    )
    for name, code, pledge, hires in [
        ("REMA 1000 Bærum", "5223", 10, 2),
        ("Aleris Omsorg og Helse", "5321", 8, 1),
        ("Gammel nok AS", "7115", 5, 0),
    ]:
        employer = _unit(world, "globale", name, HostUnit.Sector.PRIVATE, BAERUM)
        if not EmployerCommitment.objects.filter(programme=network, employer=employer).exists():
            services.commitment_create(
                programme=network,
                employer=employer,
                by=world.users_by_operator("globale"),
                committed_on=D(2026, 2, 1),
                pledge=pledge,
                named_publicly=name != "Aleris Omsorg og Helse",
            )
        if hires:
            _position(
                world,
                network,
                employer,
                f"Ansatt via Globale Bærum ({name})",
                code,
                slots=hires,
                status=Position.Status.FILLED,
            )
