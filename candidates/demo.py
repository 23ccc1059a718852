"""Demo candidates from many countries, names in their own scripts, synthetic ids only.

Deterministic (a fixed random seed) and idempotent: a candidate is found by operator and name.
"""

import csv
import datetime
import random
from collections import defaultdict
from pathlib import Path

from django.utils import timezone

from core.demo import DemoWorld
from programs.models import Cohort, Occupation

from . import services
from .models import Application, Candidate, SubjectRequest
from .national_id import K1_WEIGHTS, K2_WEIGHTS, SYNTHETIC_MONTH_OFFSET
from .privacy.requests import subject_request_create

NAMES = Path(__file__).resolve().parent / "data" / "demo_names.csv"
S = Application.Stage

# (operator key, how many, countries to draw from)
PLAN = [
    # Twelve applicants to Kull 2027, then the five trainees of Kull 2026.
    ("baerum", 17, ["SY", "ER", "UA", "IR", "PL", "IN", "ET", "SO", "TR", "PH", "GR", "AF"]),
    ("kia", 8, ["SY", "ER", "SO", "AF", "UA", "ES", "IQ", "ET"]),
    ("vo", 6, ["GR", "UA", "LT", "BR", "TH", "SY"]),
    ("globale", 10, ["SO", "ER", "PL", "LT", "AF", "SY", "UA", "PK", "ET", "RU"]),
]
# The trainee cohort's applicants, in order: five accepted, then the rest of the pipeline.
TRAINEE_STAGES = [
    S.ACCEPTED,
    S.ACCEPTED,
    S.ACCEPTED,
    S.ACCEPTED,
    S.ACCEPTED,
    S.OFFERED,
    S.OFFERED,
    S.INTERVIEW,
    S.INTERVIEW,
    S.SCREENED,
    S.REJECTED,
    S.WITHDRAWN,
]
PATH = {
    S.SCREENED: [S.SCREENED],
    S.INTERVIEW: [S.SCREENED, S.INTERVIEW],
    S.OFFERED: [S.SCREENED, S.INTERVIEW, S.OFFERED],
    S.ACCEPTED: [S.SCREENED, S.INTERVIEW, S.OFFERED, S.ACCEPTED],
    S.REJECTED: [S.SCREENED, S.REJECTED],
    S.WITHDRAWN: [S.WITHDRAWN],
}
PROFESSIONS = ["2142", "2512", "2511", "2522", "2411", "2422", "2341", "2211", "3112", "2164"]
LANGUAGES = {
    "SY": ["ar", "en"],
    "ER": ["ti", "ar"],
    "ET": ["am", "en"],
    "SO": ["so", "ar"],
    "AF": ["fa", "ps"],
    "UA": ["uk", "ru"],
    "IR": ["fa", "en"],
    "PL": ["pl", "en"],
}


def synthetic_fnr(birth_date: datetime.date, individual: int) -> str:
    """A Tenor-style synthetic number (month + 80), valid check digits, never a real person's."""
    month = birth_date.month + SYNTHETIC_MONTH_OFFSET
    base = f"{birth_date:%d}{month:02d}{birth_date:%y}{individual:03d}"
    k1 = (11 - sum(int(d) * w for d, w in zip(base, K1_WEIGHTS, strict=True)) % 11) % 11
    if k1 == 10:
        return ""
    with_k1 = base + str(k1)
    k2 = (11 - sum(int(d) * w for d, w in zip(with_k1, K2_WEIGHTS, strict=True)) % 11) % 11
    return "" if k2 == 10 else with_k1 + str(k2)


def _names() -> dict[tuple[str, str], list[dict[str, str]]]:
    table: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    with open(NAMES, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            table[(row["country"], row["kind"])].append(row)
    return table


def seed(world: DemoWorld) -> None:
    names = _names()
    individual = 100
    for op_key, count, countries in PLAN:
        operator = world.operators[op_key]
        lead = world.users_by_operator(op_key)
        created: list[Candidate] = []
        for i in range(count):
            # One generator per person: whether earlier people exist already changes nothing.
            rng = random.Random(f"{op_key}-{i}")  # noqa: S311 - demo data, not security
            country = countries[i % len(countries)]
            given = rng.choice(names[(country, "given")])
            family = rng.choice(names[(country, "family")])
            birth = datetime.date(
                1975 + rng.randrange(25), 1 + rng.randrange(12), 1 + rng.randrange(28)
            )
            fnr = ""
            while not fnr:
                individual += 1
                fnr = synthetic_fnr(birth, individual)
            with_id = rng.random() < 0.8
            existing = Candidate.objects.filter(
                operator=operator, given_name=given["name"], family_name=family["name"]
            ).first()
            if existing:
                created.append(existing)
                continue
            latin = given["latin"] != given["name"] or family["latin"] != family["name"]
            created.append(
                services.candidate_create(
                    operator=operator,
                    by=lead,
                    national_id=fnr if with_id else None,
                    given_name=given["name"],
                    family_name=family["name"],
                    given_name_latin=given["latin"] if latin else "",
                    family_name_latin=family["latin"] if latin else "",
                    birth_date=birth,
                    gender={"F": "female", "M": "male"}.get(given["gender"], ""),
                    country_of_birth=country,
                    nationality=country,
                    arrival_year=2014 + rng.randrange(11),
                    education_level=rng.choice(["bachelor", "master", "master", "doctorate"]),
                    education_field=rng.choice(
                        ["Bygg", "Informatikk", "Økonomi", "Pedagogikk", "Elektro", "Arkitektur"]
                    ),
                    education_country=country,
                    recognition=rng.choice(["recognised", "pending", "partly", "not_applied"]),
                    profession=Occupation.objects.get(code=rng.choice(PROFESSIONS)),
                    norwegian_level=rng.choice(["B1", "B1", "B2", "B2", "C1"]),
                    other_languages=LANGUAGES.get(country, ["en"]),
                    nav_caseworker="Nina Holm" if op_key != "globale" else "",
                    nav_office="NAV Bærum"
                    if op_key in {"baerum", "vo", "globale"}
                    else "NAV Skien",
                )
            )
        if op_key == "baerum":
            _trainee_selection(world, created, lead)
            _subject_request(world, created[-1])


def _subject_request(world: DemoWorld, candidate: Candidate) -> None:
    """A request for a copy of everything held, recorded by the coordinator for the lead."""
    if candidate.subject_requests.exists():
        return
    subject_request_create(
        candidate=candidate,
        kind=SubjectRequest.Kind.EXPORT,
        received_on=timezone.localdate() - datetime.timedelta(days=3),
        by=world.users["koordinator@baerum.demo"],
    )


def _trainee_selection(world: DemoWorld, candidates: list[Candidate], lead) -> None:  # type: ignore[no-untyped-def]
    cohorts = Cohort.objects.filter(programme__operator=world.operators["baerum"])
    kull_2027, kull_2026 = cohorts.get(name="Kull 2027"), cohorts.get(name="Kull 2026")
    plan = [
        (c, s, kull_2027, datetime.date(2026, 10, 1))
        for c, s in zip(candidates[:12], TRAINEE_STAGES, strict=True)
    ]
    plan += [(c, S.ACCEPTED, kull_2026, datetime.date(2025, 11, 3)) for c in candidates[12:]]
    for candidate, stage, cohort, applied_on in plan:
        if Application.objects.filter(candidate=candidate, cohort=cohort).exists():
            continue
        application = services.application_create(
            candidate=candidate, cohort=cohort, by=lead, applied_on=applied_on
        )
        for step in PATH.get(stage, []):
            reason = {
                S.REJECTED: "Mangler relevant utdanning for stillingene",
                S.WITHDRAWN: "Har fått fast jobb",
            }.get(step, "")
            services.application_move(application=application, to=step, by=lead, reason=reason)
