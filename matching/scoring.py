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
from dataclasses import dataclass, field

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

    FIELDS = ("base", "occupation", "norwegian", "education", "distance", "wishes")
    FIELDS += ("languages", "availability")


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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Reason:
    text: str
    points: int

    def __str__(self) -> str:
        sign = "+" if self.points >= 0 else "−"
        return f"{self.text}: {sign}{abs(self.points)}" if self.points else self.text


@dataclass
class Match:
    profile: Profile
    score: int
    reasons: list[Reason] = field(default_factory=list)
    distance_km: float | None = None


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


def _occupation(opening: Opening, profile: Profile, w: Weights) -> list[Reason]:
    if not opening.occupation:
        return []
    if not profile.profession:
        return [Reason(str(_("No profession recorded")), 0)]
    shared = 0
    for a, b in zip(opening.occupation, profile.profession, strict=False):
        if a != b:
            break
        shared += 1
    share = {4: 1.0, 3: 0.85, 2: 0.5, 1: 0.2}.get(shared, 0.0)
    text = {
        4: _("same STYRK-08 occupation"),
        3: _("same STYRK-08 minor group"),
        2: _("same STYRK-08 sub-major group"),
        1: _("same STYRK-08 major group"),
    }.get(shared, _("different STYRK-08 major group"))
    return [Reason(str(text), round(w.occupation * share))]


def _wishes(opening: Opening, profile: Profile, w: Weights) -> list[Reason]:
    if opening.occupation and any(
        wish[:3] == opening.occupation[:3] for wish in profile.wished_occupations
    ):
        return [Reason(str(_("wishes to work in this occupation")), w.wishes)]
    return []


def _norwegian(opening: Opening, profile: Profile, w: Weights) -> list[Reason]:
    wanted = opening.norwegian_level or opening.norwegian_minimum
    if not wanted:
        return []
    have = level_index(profile.norwegian_level)
    if have < 0:
        return [
            Reason(
                str(_("Norwegian level not recorded, position asks %(level)s") % {"level": wanted}),
                -w.norwegian,
            )
        ]
    gap = level_index(wanted) - have
    values = {"have": profile.norwegian_level, "level": wanted}
    if gap <= 0:
        return [Reason(str(_("Norwegian %(have)s, position asks %(level)s") % values), 0)]
    return [
        Reason(
            str(_("Norwegian %(have)s, position asks %(level)s") % values),
            -w.norwegian * min(gap, 2),
        )
    ]


def _education(opening: Opening, profile: Profile, w: Weights) -> list[Reason]:
    reasons = []
    if opening.education_level:
        have = (
            EDUCATION.index(profile.education_level) if profile.education_level in EDUCATION else -1
        )
        if have >= EDUCATION.index(opening.education_level):
            reasons.append(Reason(str(_("education level as asked")), round(w.education / 2)))
        else:
            reasons.append(Reason(str(_("education level lower than asked")), 0))
    wanted, have_field = opening.education_field.casefold(), profile.education_field.casefold()
    if wanted and have_field and (wanted in have_field or have_field in wanted):
        reasons.append(Reason(str(_("field of education as asked")), round(w.education / 2)))
    return reasons


def _languages(opening: Opening, profile: Profile, w: Weights) -> list[Reason]:
    common = sorted(set(opening.languages) & set(profile.languages))
    if common:
        return [
            Reason(str(_("speaks %(languages)s")) % {"languages": ", ".join(common)}, w.languages)
        ]
    return []


def _distance(opening: Opening, profile: Profile, w: Weights, km: float | None) -> list[Reason]:
    if km is None:
        return []
    text = str(_("lives %(km)s km away")) % {"km": round(km)}
    if profile.max_travel_km is not None and km > profile.max_travel_km:
        text = str(_("lives %(km)s km away, travels up to %(max)s km")) % {
            "km": round(km),
            "max": profile.max_travel_km,
        }
        return [Reason(text, -w.distance)]
    reach = max(opening.max_distance_km or 60, 15)
    share = 1.0 if km <= 15 else max(0.0, 1 - (km - 15) / reach)
    return [Reason(text, round(w.distance * share))]


def _availability(opening: Opening, profile: Profile, w: Weights) -> list[Reason]:
    reasons = []
    if opening.starts_on and profile.available_from and profile.available_from > opening.starts_on:
        reasons.append(
            Reason(
                str(_("available from %(date)s, starts %(start)s"))
                % {
                    "date": profile.available_from.isoformat(),
                    "start": opening.starts_on.isoformat(),
                },
                -w.availability,
            )
        )
    if (
        opening.hours_per_week
        and profile.hours_available is not None
        and profile.hours_available < opening.hours_per_week
    ):
        reasons.append(
            Reason(
                str(_("can work %(have)s hours a week, position has %(hours)s"))
                % {"have": profile.hours_available, "hours": opening.hours_per_week},
                -round(w.availability / 2),
            )
        )
    return reasons


def score(opening: Opening, profile: Profile, weights: Weights, points: Points) -> Match:
    """Score one candidate for one opening (hard requirements are checked by ``passes_hard``)."""
    km = distance_km(opening.municipality, profile.municipality, points)
    reasons = [
        *_occupation(opening, profile, weights),
        *_wishes(opening, profile, weights),
        *_norwegian(opening, profile, weights),
        *_education(opening, profile, weights),
        *_languages(opening, profile, weights),
        *_distance(opening, profile, weights, km),
        *_availability(opening, profile, weights),
    ]
    total = weights.base + sum(r.points for r in reasons)
    return Match(profile, max(0, min(100, total)), reasons, km)


def rank(
    opening: Opening, profiles: list[Profile], weights: Weights, points: Points
) -> list[Match]:
    """The profiles that pass the hard requirements, best first (ties by id, so stable)."""
    matches = [
        score(opening, p, weights, points) for p in profiles if passes_hard(opening, p, points)
    ]
    matches.sort(key=lambda m: (-m.score, m.profile.pk))
    return matches


@dataclass(frozen=True)
class Mentor:
    """What mentor matching weighs about a mentor."""

    pk: int = 0
    languages: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    occupation: str = ""
    max_mentees: int = 2
    mentees: int = 0
    available_from: datetime.date | None = None


@dataclass(frozen=True)
class Mentee:
    """What mentor matching weighs about a candidate (no protected attributes)."""

    languages: tuple[str, ...] = ()
    profession: str = ""
    sector: str = ""  # the sector of the candidate's current placement, if any


@dataclass
class MentorMatch:
    mentor: Mentor
    score: int
    reasons: list[Reason] = field(default_factory=list)


def score_mentor(mentee: Mentee, mentor: Mentor, today: datetime.date) -> MentorMatch | None:
    """Score a mentor for a candidate; None when the mentor has no room for another mentee."""
    free = mentor.max_mentees - mentor.mentees
    if free <= 0:
        return None
    reasons = []
    common = sorted(set(mentee.languages) & set(mentor.languages))
    if common:
        reasons.append(
            Reason(str(_("speaks %(languages)s")) % {"languages": ", ".join(common)}, 25)
        )
    if mentee.profession and mentor.occupation:
        occupation = _occupation(
            Opening(occupation=mentor.occupation),
            Profile(profession=mentee.profession),
            Weights(occupation=30),
        )
        reasons += [r for r in occupation if r.points]
    if mentee.sector and mentee.sector in mentor.sectors:
        reasons.append(Reason(str(_("knows the sector of the placement")), 15))
    reasons.append(
        Reason(
            str(_("mentors %(now)s of at most %(max)s"))
            % {"now": mentor.mentees, "max": mentor.max_mentees},
            round(20 * free / mentor.max_mentees),
        )
    )
    if mentor.available_from and mentor.available_from > today:
        reasons.append(
            Reason(
                str(_("available from %(date)s")) % {"date": mentor.available_from.isoformat()}, -10
            )
        )
    total = 10 + sum(r.points for r in reasons)
    return MentorMatch(mentor, max(0, min(100, total)), reasons)
