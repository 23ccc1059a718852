"""The scoring engine: pure functions from an opening's requirements and a candidate's matching
profile to a score 0–100 with the reasons that make it up.

Nothing here touches the database, so the rules are tested with hand-built cases. The profile
holds only what matching may weigh: there is no field for gender, age or birth date, country of
birth, nationality or religion, so they cannot enter a score (tests/matching/test_fairness.py).

Every reason is a translatable text with its points, e.g. "Norwegian B1, position asks B2: −15";
the score is the base plus the points, kept within 0–100.
"""

import datetime
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
EDUCATION = ("primary", "upper_secondary", "vocational", "bachelor", "master", "doctorate")


@dataclass(frozen=True)
class Weights:
    """How many points each part may give or take; a lead edits them per programme."""

    base: int = 35
    occupation: int = 35
    norwegian: int = 15
    education: int = 10
    distance: int = 10
    wishes: int = 5
    languages: int = 5
    availability: int = 10

    FIELDS: tuple[str, ...] = ("base", "occupation", "norwegian", "education", "distance")
    FIELDS += ("wishes", "languages", "availability")


@dataclass(frozen=True)
class Opening:
    """What a position or job opening asks (programs.Requirements plus occupation and start)."""

    occupation: str = ""  # STYRK-08 code, any level
    education_level: str = ""
    education_field: str = ""
    norwegian_level: str = ""
    norwegian_minimum: str = ""
    languages: tuple[str, ...] = ()
    driving_licence_required: bool = False
    municipality: str = ""
    max_distance_km: int | None = None
    hours_per_week: int | None = None
    starts_on: datetime.date | None = None
    # "position" or "opening": the reasons say "position asks B2" or "opening asks B2".
    kind: str = "position"


@dataclass(frozen=True, slots=True)
class Profile:
    """What matching may know about a candidate (and nothing protected)."""

    pk: int = 0
    profession: str = ""
    wished_occupations: tuple[str, ...] = ()
    education_level: str = ""
    education_field: str = ""
    norwegian_level: str = ""
    languages: tuple[str, ...] = ()
    driving_licence: bool = False
    municipality: str = ""
    max_travel_km: int | None = None
    available_from: datetime.date | None = None
    hours_available: int | None = None


# The reason texts. Scoring keeps only a key and its values; a text is translated when it is
# shown, so ranking thousands of candidates costs no translation lookups.
TEXTS = {
    "occupation_4": _("same STYRK-08 occupation"),
    "occupation_3": _("same STYRK-08 minor group"),
    "occupation_2": _("same STYRK-08 sub-major group"),
    "occupation_1": _("same STYRK-08 major group"),
    "occupation_0": _("different STYRK-08 major group"),
    "no_profession": _("No profession recorded"),
    "wishes": _("wishes to work in this occupation"),
    "no_norwegian": _("Norwegian level not recorded, position asks %(level)s"),
    "norwegian": _("Norwegian %(have)s, position asks %(level)s"),
    "education_level": _("education level as asked"),
    "education_lower": _("education level lower than asked"),
    "education_field": _("field of education as asked"),
    "languages": _("speaks %(languages)s"),
    "distance": _("lives %(km)s km away"),
    "too_far": _("lives %(km)s km away, travels up to %(max)s km"),
    "late": _("available from %(date)s, starts %(start)s"),
    "hours": _("can work %(have)s hours a week, position has %(hours)s"),
    "no_norwegian_opening": _("Norwegian level not recorded, opening asks %(level)s"),
    "norwegian_opening": _("Norwegian %(have)s, opening asks %(level)s"),
    "hours_opening": _("can work %(have)s hours a week, opening has %(hours)s"),
    "mentor_sector": _("knows the sector of the placement"),
    "mentor_load": _("mentors %(now)s of at most %(max)s"),
    "mentor_later": _("available from %(date)s"),
}


@dataclass(frozen=True)
class Reason:
    key: str
    points: int
    values: tuple[tuple[str, object], ...] = ()

    @property
    def text(self) -> str:
        message = str(TEXTS[self.key])
        return message % dict(self.values) if self.values else message

    def __str__(self) -> str:
        sign = "+" if self.points >= 0 else "−"
        return f"{self.text}: {sign}{abs(self.points)}" if self.points else self.text


def reason(key: str, points: int, **values: object) -> Reason:
    return Reason(key, points, tuple(values.items()))


class Match:
    """A candidate's score; the reasons are worked out when they are shown (one page of them),
    not for every candidate ranked."""

    __slots__ = ("_reasons", "profile", "score", "scorer")

    def __init__(
        self,
        profile: Profile,
        score: int,
        reasons: list[Reason] | None = None,
        scorer: "Scorer | None" = None,
    ) -> None:
        self.profile, self.score, self._reasons, self.scorer = profile, score, reasons, scorer

    @property
    def reasons(self) -> list[Reason]:
        if self._reasons is None:
            assert self.scorer is not None
            self._reasons = self.scorer.reasons(self.profile)
        return self._reasons

    def __repr__(self) -> str:
        return f"Match({self.profile.pk}, {self.score})"


Points = dict[str, tuple[float, float]]  # municipality code → (latitude, longitude)


def level_index(level: str) -> int:
    return LEVELS.index(level) if level in LEVELS else -1


def distance_km(a: str, b: str, points: Points) -> float | None:
    """Great-circle distance between two municipalities' points; same municipality is 0."""
    if not a or not b:
        return None
    if a == b:
        return 0.0
    if a not in points or b not in points:
        return None
    (lat1, lon1), (lat2, lon2) = points[a], points[b]
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def within(origin: str, km: float, points: Points) -> set[str]:
    """Municipality codes whose point lies at most ``km`` from ``origin`` (for SQL prefilters)."""
    return {
        code for code in points if (d := distance_km(origin, code, points)) is not None and d <= km
    }


def passes_hard(opening: Opening, profile: Profile, points: Points) -> bool:
    """Hard requirements: driving licence, minimum Norwegian level, the distance limit."""
    if opening.driving_licence_required and not profile.driving_licence:
        return False
    if opening.norwegian_minimum and level_index(profile.norwegian_level) < level_index(
        opening.norwegian_minimum
    ):
        return False
    if opening.max_distance_km is not None and opening.municipality:
        km = distance_km(opening.municipality, profile.municipality, points)
        if km is None or km > opening.max_distance_km:
            return False
    return True


OCCUPATION_SHARE = {4: 1.0, 3: 0.85, 2: 0.5, 1: 0.2, 0: 0.0}


def _occupation(opening: Opening, profile: Profile, w: Weights) -> list[Reason]:
    if not opening.occupation:
        return []
    if not profile.profession:
        return [reason("no_profession", 0)]
    shared = 0
    for a, b in zip(opening.occupation, profile.profession, strict=False):
        if a != b:
            break
        shared += 1
    return [reason(f"occupation_{shared}", round(w.occupation * OCCUPATION_SHARE[shared]))]


def _wishes(opening: Opening, profile: Profile, w: Weights) -> list[Reason]:
    if opening.occupation and any(
        wish[:3] == opening.occupation[:3] for wish in profile.wished_occupations
    ):
        return [reason("wishes", w.wishes)]
    return []


def _kind_key(key: str, opening: Opening) -> str:
    """The reason's key for what asks: a position (the plain key) or a job opening."""
    return f"{key}_opening" if opening.kind == "opening" else key


def _norwegian(opening: Opening, profile: Profile, w: Weights) -> list[Reason]:
    wanted = opening.norwegian_level or opening.norwegian_minimum
    if not wanted:
        return []
    have = level_index(profile.norwegian_level)
    if have < 0:
        return [reason(_kind_key("no_norwegian", opening), -w.norwegian, level=wanted)]
    gap = level_index(wanted) - have
    points = -w.norwegian * min(gap, 2) if gap > 0 else 0
    return [
        reason(_kind_key("norwegian", opening), points, have=profile.norwegian_level, level=wanted)
    ]


def _education(opening: Opening, profile: Profile, w: Weights) -> list[Reason]:
    reasons = []
    if opening.education_level:
        have = (
            EDUCATION.index(profile.education_level) if profile.education_level in EDUCATION else -1
        )
        if have >= EDUCATION.index(opening.education_level):
            reasons.append(reason("education_level", round(w.education / 2)))
        else:
            reasons.append(reason("education_lower", 0))
    wanted, have_field = opening.education_field.casefold(), profile.education_field.casefold()
    if wanted and have_field and (wanted in have_field or have_field in wanted):
        reasons.append(reason("education_field", round(w.education / 2)))
    return reasons


def _languages(opening: Opening, profile: Profile, w: Weights) -> list[Reason]:
    if not opening.languages:
        return []
    common = sorted(set(opening.languages) & set(profile.languages))
    if common:
        return [reason("languages", w.languages, languages=", ".join(common))]
    return []


def _distance(opening: Opening, profile: Profile, w: Weights, km: float | None) -> list[Reason]:
    if km is None:
        return []
    if profile.max_travel_km is not None and km > profile.max_travel_km:
        return [reason("too_far", -w.distance, km=round(km), max=profile.max_travel_km)]
    reach = max(opening.max_distance_km or 60, 15)
    share = 1.0 if km <= 15 else max(0.0, 1 - (km - 15) / reach)
    return [reason("distance", round(w.distance * share), km=round(km))]


def _availability(opening: Opening, profile: Profile, w: Weights) -> list[Reason]:
    reasons = []
    if opening.starts_on and profile.available_from and profile.available_from > opening.starts_on:
        reasons.append(
            reason(
                "late",
                -w.availability,
                date=profile.available_from.isoformat(),
                start=opening.starts_on.isoformat(),
            )
        )
    if (
        opening.hours_per_week
        and profile.hours_available is not None
        and profile.hours_available < opening.hours_per_week
    ):
        reasons.append(
            reason(
                _kind_key("hours", opening),
                -round(w.availability / 2),
                have=profile.hours_available,
                hours=opening.hours_per_week,
            )
        )
    return reasons


def distances_from(origin: str, points: Points) -> dict[str, float]:
    """Distance from one municipality to every other, computed once per ranking."""
    if not origin:
        return {}
    return {code: km for code in points if (km := distance_km(origin, code, points)) is not None}


class Scorer:
    """Scores many candidates for one opening. Each part of the score depends on a few profile
    fields only (occupation on the profession, Norwegian on the level, distance on the home and
    travel limit…), and candidates share those values, so each part is worked out once per
    distinct value and looked up after that: the same functions, the same points, a fraction of
    the work per candidate."""

    def __init__(self, opening: Opening, weights: Weights, points: Points) -> None:
        self.opening, self.weights, self.points = opening, weights, points
        self.distances = distances_from(opening.municipality, points)
        self.memo: dict[tuple, int] = {}  # type: ignore[type-arg]

    def km(self, profile: Profile) -> float | None:
        if not profile.municipality or not self.opening.municipality:
            return None
        return self.distances.get(profile.municipality)

    def parts(self, profile: Profile) -> list[tuple[tuple, Callable[[], list[Reason]]]]:  # type: ignore[type-arg]
        o, w = self.opening, self.weights
        return [
            (("o", profile.profession), lambda: _occupation(o, profile, w)),
            (("w", profile.wished_occupations), lambda: _wishes(o, profile, w)),
            (("n", profile.norwegian_level), lambda: _norwegian(o, profile, w)),
            (
                ("e", profile.education_level, profile.education_field),
                lambda: _education(o, profile, w),
            ),
            (("l", profile.languages), lambda: _languages(o, profile, w)),
            (
                ("d", profile.municipality, profile.max_travel_km),
                lambda: _distance(o, profile, w, self.km(profile)),
            ),
            (
                ("a", profile.available_from, profile.hours_available),
                lambda: _availability(o, profile, w),
            ),
        ]

    def total(self, profile: Profile) -> int:
        """The score of ``parts`` summed, each part looked up by its key (no closures made: this
        runs once per candidate ranked)."""
        memo, o, w, p = self.memo, self.opening, self.weights, profile
        total = w.base
        for key, part in (
            (("o", p.profession), _occupation),
            (("w", p.wished_occupations), _wishes),
            (("n", p.norwegian_level), _norwegian),
            (("e", p.education_level, p.education_field), _education),
            (("l", p.languages), _languages),
            (("a", p.available_from, p.hours_available), _availability),
        ):
            value = memo.get(key)
            if value is None:
                value = memo[key] = sum(r.points for r in part(o, p, w))
            total += value
        distance_key: tuple[object, ...] = ("d", p.municipality, p.max_travel_km)
        value = memo.get(distance_key)
        if value is None:
            value = memo[distance_key] = sum(r.points for r in _distance(o, p, w, self.km(p)))
        return max(0, min(100, total + value))

    def reasons(self, profile: Profile) -> list[Reason]:
        return [r for _key, compute in self.parts(profile) for r in compute()]


def score(
    opening: Opening,
    profile: Profile,
    weights: Weights,
    points: Points,
) -> Match:
    """Score one candidate for one opening (hard requirements are checked by ``passes_hard``)."""
    scorer = Scorer(opening, weights, points)
    reasons = scorer.reasons(profile)
    total = weights.base + sum(r.points for r in reasons)
    return Match(profile, max(0, min(100, total)), reasons, scorer)


def rank(
    opening: Opening, profiles: Iterable[Profile], weights: Weights, points: Points
) -> list[Match]:
    """The profiles that pass the hard requirements, best first (ties by id, so stable)."""
    scorer = Scorer(opening, weights, points)
    hard = passes_hard_for(opening, points, scorer.distances)
    matches = [Match(p, scorer.total(p), None, scorer) for p in profiles if hard(p)]
    matches.sort(key=lambda m: (-m.score, m.profile.pk))
    return matches


def passes_hard_for(
    opening: Opening, points: Points, distances: dict[str, float]
) -> Callable[[Profile], bool]:
    """``passes_hard`` for many profiles, with the distances worked out once."""
    minimum = level_index(opening.norwegian_minimum) if opening.norwegian_minimum else -1
    limit = opening.max_distance_km if opening.municipality else None

    def check(p: Profile) -> bool:
        if opening.driving_licence_required and not p.driving_licence:
            return False
        if minimum >= 0 and level_index(p.norwegian_level) < minimum:
            return False
        if limit is not None:
            km = distances.get(p.municipality) if p.municipality else None
            if km is None or km > limit:
                return False
        return True

    return check
