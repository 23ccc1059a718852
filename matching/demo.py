"""Demo data for matching: requirements on the open positions, matching fields on the candidates,
a job opening in the employer network and a mentor profile, so that the shortlists in
``make demo`` read the way a coordinator would rank by hand. Idempotent and deterministic."""

import datetime
import random

from candidates.models import Candidate
from candidates.services import candidate_update
from core.demo import DemoWorld
from core.models import Membership, Role
from mentors.models import MentorProfile
from programs.models import HostUnit, JobOpening, Municipality, Position, Programme
from programs.services import job_opening_create, position_update

D = datetime.date
# Where demo candidates live: mostly near Bærum and Skien, a few too far to commute.
NEAR = {
    "baerum": ["3201", "3201", "3201", "0301", "0301", "3203", "3301", "3205"],
    "vo": ["3201", "0301", "3203", "3201"],
    "globale": ["3201", "3201", "0301", "3203", "3205"],
    "kia": ["4003", "4003", "4001", "3907", "4005"],
}
FAR = ["4601", "5001", "1103"]  # Bergen, Trondheim, Stavanger
WISHES = {
    "2142": ["2142", "2161"],
    "2512": ["2512", "2511"],
    "2511": ["2511", "2512"],
    "2522": ["2522", "2523"],
}
# Requirements per demo position title (prefix): what the host units asked for.
REQUIREMENTS = {
    "Traineeingeniør bygg": {"norwegian_level": "B2", "norwegian_minimum": "B1",
                             "education_level": "master", "education_field": "bygg",
                             "max_distance_km": 80, "hours_per_week": 37},
    "Traineeingeniør eiendomsforvaltning": {"norwegian_level": "B2", "norwegian_minimum": "B1",
                                            "education_level": "master",
                                            "education_field": "bygg", "max_distance_km": 80},
    "Trainee systemutvikling": {"norwegian_level": "B2", "norwegian_minimum": "B1",
                                "education_level": "bachelor", "education_field": "informatikk",
                                "languages": ["en"], "max_distance_km": 80},
    "Trainee IT-infrastruktur": {"norwegian_level": "B1", "education_level": "bachelor",
                                 "max_distance_km": 80},
    "Traineeingeniør vei og trafikk": {"norwegian_level": "B2", "norwegian_minimum": "B1",
                                       "driving_licence_required": True,
                                       "education_level": "master", "max_distance_km": 80},
    "Praksis regnskap": {"norwegian_level": "B2", "education_field": "økonomi",
                         "max_distance_km": 60},
}  # fmt: skip


def seed(world: DemoWorld) -> None:
    _requirements(world)
    _candidates(world)
    _opening(world)
    _mentor(world)


def _requirements(world: DemoWorld) -> None:
    positions = Position.objects.filter(status=Position.Status.OPEN).select_related("programme")
    for position in positions:
        wanted = next((v for k, v in REQUIREMENTS.items() if position.title.startswith(k)), None)
        if wanted is None or position.norwegian_level:
            continue
        by = world.users_by_operator_id(position.programme.operator_id)
        position_update(position=position, by=by, **wanted)


def _candidates(world: DemoWorld) -> None:
    places = Municipality.objects.in_bulk([c for homes in NEAR.values() for c in homes] + FAR)
    for key, homes in NEAR.items():
        operator = world.operators[key]
        by = world.users_by_operator(key)
        people = Candidate.objects.filter(operator=operator, home_municipality__isnull=True)
        for candidate in people.order_by("pk"):
            rng = random.Random(f"match-{candidate.given_name}-{candidate.family_name}")  # noqa: S311
            far = rng.random() < 0.15
            profession = candidate.profession_id or ""
            candidate_update(
                candidate=candidate,
                by=by,
                home_municipality=places[rng.choice(FAR if far else homes)],
                driving_licence=rng.random() < 0.6,
                max_travel_km=rng.choice([30, 50, 80, None]),
                available_from=rng.choice([None, None, D(2027, 1, 4), D(2027, 8, 1)]),
                hours_available=rng.choice([None, 37, 37, 20]),
                wished_occupations=WISHES.get(profession, [profession] if profession else []),
            )


def _opening(world: DemoWorld) -> None:
    network = Programme.objects.filter(
        operator=world.operators["globale"], kind=Programme.Kind.NETWORK
    ).first()
    if network is None or JobOpening.objects.filter(programme=network).exists():
        return
    by = world.users_by_operator("globale")
    employers = HostUnit.objects.filter(operator=world.operators["globale"])
    for name, title, code, extra in [
        ("REMA 1000 Bærum", "Butikkmedarbeider", "5223", {"norwegian_minimum": "A2"}),
        ("Aleris Omsorg og Helse", "Helsefagarbeider", "5321", {"norwegian_level": "B1"}),
        ("Gammel nok AS", "Systemutvikler", "2512", {"norwegian_level": "B2",
                                                     "education_field": "informatikk"}),
    ]:  # fmt: skip
        employer = employers.filter(name=name).first()
        if employer is None:
            continue
        job_opening_create(
            programme=network,
            by=by,
            employer=employer,
            title=title,
            occupation_id=code,
            starts_on=D(2027, 2, 1),
            max_distance_km=50,
            **extra,
        )


def _mentor(world: DemoWorld) -> None:
    for membership in Membership.objects.filter(role=Role.MENTOR).select_related("user"):
        MentorProfile.objects.get_or_create(
            operator_id=membership.operator_id,
            mentor=membership.user,
            defaults={
                "languages": ["ar", "en", "ti"],
                "sectors": ["private", "municipal"],
                "occupation_id": "2512",
                "max_mentees": 4,
            },
        )
