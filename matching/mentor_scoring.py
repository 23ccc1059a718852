"""Mentor matching: pure functions from a candidate and a mentor to a score 0–100 with reasons
(shared languages, occupation closeness, the sector of the placement, how many they mentor now,
when they are free). No protected attribute is part of ``Mentee``."""

import datetime
from dataclasses import dataclass, field

from .scoring import Opening, Profile, Reason, Weights, _occupation, reason


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
        reasons.append(reason("languages", 25, languages=", ".join(common)))
    if mentee.profession and mentor.occupation:
        occupation = _occupation(
            Opening(occupation=mentor.occupation),
            Profile(profession=mentee.profession),
            Weights(occupation=30),
        )
        reasons += [r for r in occupation if r.points]
    if mentee.sector and mentee.sector in mentor.sectors:
        reasons.append(reason("mentor_sector", 15))
    reasons.append(
        reason(
            "mentor_load",
            round(20 * free / mentor.max_mentees),
            now=mentor.mentees,
            max=mentor.max_mentees,
        )
    )
    if mentor.available_from and mentor.available_from > today:
        reasons.append(reason("mentor_later", -10, date=mentor.available_from.isoformat()))
    total = 10 + sum(r.points for r in reasons)
    return MentorMatch(mentor, max(0, min(100, total)), reasons)
