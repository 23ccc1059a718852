"""Demo outcomes and events, as the source articles tell them.

KIA Skien's mentor scheme: of its eight candidates one got a permanent job in their field, one an
internship in another municipality, one an apprenticeship, three are in other work or education,
and two are in practice this autumn (an IT company and a Spanish teacher at a lower secondary
school) — so the programme's figures read "8 candidates, 0 unemployed". Globale Bærum: hires at
REMA 1000 Bærum and Aleris Omsorg og Helse, recorded as outcomes with the employer, so the wall of
fame can be counted from outcomes. Inspiration meetings with attendance at Bærum and KIA.

Idempotent: every row is found by its natural key first; services run only for what is missing.
"""

import datetime
from zoneinfo import ZoneInfo

from candidates.models import Candidate
from core.demo import DemoWorld
from mentors import event_services
from mentors.models import Attendance, Event
from placements import services
from placements.models import Outcome, Placement
from placements.services.outcomes import outcome_record
from programs import services as programme_services
from programs.demo import demo_contact_email
from programs.models import HostUnit, Municipality, OutcomeKind, Position, Programme

D = datetime.date
OSLO = ZoneInfo("Europe/Oslo")
SKIEN = "4003"
K = OutcomeKind
EXIT, M6 = Outcome.Checkpoint.EXIT, Outcome.Checkpoint.MONTHS_6

# KIA: (host unit, start, end, exit outcome, employer name, 6-month outcome or None).
# The spring placements ended; the first two ended early enough for the 6-month checkpoint.
KIA_SPRING = [
    ("Grenland Ingeniør AS", D(2026, 1, 12), D(2026, 4, 30), K.PERMANENT_IN_FIELD,
     "Grenland Ingeniør AS", K.PERMANENT_IN_FIELD),
    ("Skien kommune – Servicetorget", D(2026, 1, 12), D(2026, 4, 30), K.TRAINEE_ELSEWHERE,
     "Porsgrunn kommune", None),
    ("Grenland Elektro AS", D(2026, 2, 2), D(2026, 5, 29), K.APPRENTICESHIP,
     "Grenland Elektro AS", None),
    ("Skien kommune – Servicetorget", D(2026, 2, 2), D(2026, 5, 29), K.PERMANENT_OUTSIDE_FIELD,
     "Skien kommune", None),
    ("Grenland Ingeniør AS", D(2026, 2, 2), D(2026, 5, 29), K.TEMPORARY_JOB,
     "Telemark Vikar AS", None),
    ("Telemark Data AS", D(2026, 2, 2), D(2026, 5, 29), K.EDUCATION, "", None),
]  # fmt: skip
# The two in practice this autumn, through the mentor scheme: (host unit, position title).
KIA_AUTUMN = [
    ("Telemark Data AS", "Praksis IT-utvikling"),
    ("Skien ungdomsskole", "Praksis spansklærer"),
]
AUTUMN_START, AUTUMN_END = D(2026, 9, 1), D(2026, 12, 18)

# Globale Bærum: (employer, outcome at exit); a work trial at the employer comes first.
GLOBALE = [
    ("REMA 1000 Bærum", K.PERMANENT_OUTSIDE_FIELD),
    ("REMA 1000 Bærum", K.PERMANENT_OUTSIDE_FIELD),
    ("Aleris Omsorg og Helse", K.TEMPORARY_JOB),
    ("Gammel nok AS", K.EDUCATION),
]
GLOBALE_START, GLOBALE_END = D(2026, 3, 2), D(2026, 5, 29)

# (operator key, programme name, kind, title, time, place, speakers, attended, absent)
EVENTS = [
    ("kia", "Mentor- og traineeordningen", Event.Kind.INSPIRATION,
     "Inspirasjonsmøte: Ikke gi opp", datetime.datetime(2026, 3, 10, 18, 0),
     "KIA Skien, Kirkegata", "Samira Yusuf (ingeniør i Skien kommune)", 6, 2),
    ("kia", "Mentor- og traineeordningen", Event.Kind.INSPIRATION,
     "Inspirasjonsmøte med språktrening", datetime.datetime(2026, 4, 14, 18, 0),
     "KIA Skien, Kirkegata", "Tomas Berg (HR-leder, Telemark Data AS)", 7, 1),
    ("kia", "Mentor- og traineeordningen", Event.Kind.CONFERENCE,
     "Konferanse: Mangfold er en vinning", datetime.datetime(2026, 10, 27, 9, 0),
     "Ibsenhuset, Skien", "Politikere, offentlige aktører og mangfoldsbedrifter", 4, 0),
    ("baerum", "Traineeprogram for innvandrere med akademisk utdanning", Event.Kind.INSPIRATION,
     "Inspirasjonsmøte for traineekandidater", datetime.datetime(2026, 9, 15, 17, 0),
     "Bærum rådhus, Sandvika", "Tidligere trainee i Eiendom", 5, 1),
    ("baerum", "Traineeprogram for innvandrere med akademisk utdanning", Event.Kind.INSPIRATION,
     "Inspirasjonsmøte: Veien til en jobb i kommunen", datetime.datetime(2026, 10, 20, 17, 0),
     "Bærum rådhus, Sandvika", "HR-seksjonen i Bærum kommune", 4, 2),
]  # fmt: skip


def _unit(world: DemoWorld, op: str, name: str, sector: str) -> HostUnit:
    operator = world.operators[op]
    unit = HostUnit.objects.filter(operator=operator, name=name).first()
    if unit is None:
        unit = programme_services.hostunit_create(
            operator=operator,
            by=world.users_by_operator(op),
            name=name,
            sector=sector,
            municipality=Municipality.objects.get(code=SKIEN),
            contact_email=demo_contact_email(op, name),
        )
    return unit


def _placement(
    world: DemoWorld,
    candidate: Candidate,
    programme: Programme,
    unit: HostUnit,
    starts_on: datetime.date,
    planned_end: datetime.date,
    *,
    completed: bool,
    position: Position | None = None,
) -> Placement:
    """Find or plan the placement, then move it as far as the story goes (started, completed)."""
    lead = world.users_by_operator_id(programme.operator_id)
    placement = Placement.objects.filter(
        candidate=candidate, programme=programme, starts_on=starts_on
    ).first()
    if placement is None:
        placement = services.placement_create(
            candidate=candidate,
            programme=programme,
            host_unit=unit,
            cohort=position.cohort if position else programme.cohorts.first(),
            position=position,
            starts_on=starts_on,
            planned_end=planned_end,
            by=lead,
        )
    if placement.status == Placement.Status.PLANNED:
        services.placement_start(placement=placement, by=lead)
    if completed and placement.status == Placement.Status.ACTIVE:
        services.placement_complete(placement=placement, by=lead, on=planned_end)
    return placement


def _outcome(
    world: DemoWorld,
    placement: Placement,
    checkpoint: str,
    kind: str,
    recorded_on: datetime.date,
    *,
    employer: HostUnit | None = None,
    employer_name: str = "",
) -> None:
    exists = Outcome.objects.filter(
        candidate_id=placement.candidate_id,
        programme_id=placement.programme_id,
        checkpoint=checkpoint,
    ).exists()
    if not exists:
        outcome_record(
            candidate=placement.candidate,
            programme=placement.programme,
            placement=placement,
            checkpoint=checkpoint,
            kind=kind,
            recorded_on=recorded_on,
            employer=employer,
            employer_name=employer_name,
            by=world.users_by_operator_id(placement.programme.operator_id),
        )


def _kia(world: DemoWorld) -> None:
    operator = world.operators["kia"]
    programme = Programme.objects.get(operator=operator, name="Mentor- og traineeordningen")
    candidates = list(Candidate.objects.filter(operator=operator).order_by("pk")[:8])
    spring, autumn = candidates[: len(KIA_SPRING)], candidates[len(KIA_SPRING) :]
    sectors = {"Skien kommune – Servicetorget": HostUnit.Sector.MUNICIPAL}
    for candidate, (unit_name, start, end, kind, employer, six) in zip(
        spring, KIA_SPRING, strict=True
    ):
        unit = _unit(world, "kia", unit_name, sectors.get(unit_name, HostUnit.Sector.PRIVATE))
        placement = _placement(world, candidate, programme, unit, start, end, completed=True)
        _outcome(world, placement, EXIT, kind, end, employer_name=employer)
        if six is not None:
            _outcome(world, placement, M6, six, D(2026, 11, 2), employer_name=employer)
    for candidate, (unit_name, title) in zip(autumn, KIA_AUTUMN, strict=True):
        unit = HostUnit.objects.get(operator=operator, name=unit_name)
        position = Position.objects.get(programme=programme, host_unit=unit, title=title)
        _placement(
            world,
            candidate,
            programme,
            unit,
            AUTUMN_START,
            AUTUMN_END,
            completed=False,
            position=position,
        )


def _globale(world: DemoWorld) -> None:
    operator = world.operators["globale"]
    programme = Programme.objects.get(operator=operator, kind=Programme.Kind.NETWORK)
    candidates = Candidate.objects.filter(operator=operator).order_by("pk")[: len(GLOBALE)]
    for candidate, (employer_name, kind) in zip(candidates, GLOBALE, strict=True):
        employer = HostUnit.objects.get(operator=operator, name=employer_name)
        position = Position.objects.filter(programme=programme, host_unit=employer).first()
        placement = _placement(
            world,
            candidate,
            programme,
            employer,
            GLOBALE_START,
            GLOBALE_END,
            completed=True,
            position=position,
        )
        hired = kind != K.EDUCATION
        _outcome(
            world,
            placement,
            EXIT,
            kind,
            D(2026, 6, 1),
            employer=employer if hired else None,
        )


def _events(world: DemoWorld) -> None:
    for op, programme_name, kind, title, at, place, speakers, attended, absent in EVENTS:
        operator = world.operators[op]
        lead = world.users_by_operator(op)
        event = Event.objects.filter(operator=operator, title=title).first()
        if event is None:
            event = event_services.event_create(
                operator=operator,
                by=lead,
                kind=kind,
                title=title,
                starts_at=at.replace(tzinfo=OSLO),
                location=place,
                speakers=speakers,
                programme=Programme.objects.get(operator=operator, name=programme_name),
            )
        invitees = list(
            Candidate.objects.filter(operator=operator).order_by("pk")[: attended + absent]
        )
        event_services.attendance_invite(event=event, candidates=invitees, by=lead)
        marks = {c.pk: Attendance.Status.ATTENDED for c in invitees[:attended]}
        marks.update({c.pk: Attendance.Status.ABSENT for c in invitees[attended:]})
        for attendance in Attendance.objects.filter(event=event).select_related("event"):
            status = marks.get(attendance.candidate_id)
            if status and attendance.status != status:
                event_services.attendance_mark(attendance=attendance, status=status, by=lead)


def seed(world: DemoWorld) -> None:
    _kia(world)
    _globale(world)
    _events(world)
