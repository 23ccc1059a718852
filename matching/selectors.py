"""Reads for matching: shortlists for a position or opening, suggestions for a candidate, mentors
for a candidate. Hard requirements are filtered in SQL, the rest is scored in Python over lean
``values()`` rows (no model instances), so a shortlist over 16,000 candidates stays fast."""

import datetime
import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.http import Http404
from django.shortcuts import get_object_or_404

from candidates.models import Application, Candidate
from core.models import Membership, Role
from mentors.models import MentorProfile
from placements.models import Placement
from programs.models import JobOpening, Municipality, Position, Programme

from . import mentor_scoring, scoring
from .models import MatchDecision, MatchWeights
from .scoring import LEVELS, Match, Opening, Profile, Weights

PROFILE_FIELDS = (
    "pk",
    "profession_id",
    "wished_occupations",
    "education_level",
    "education_field",
    "norwegian_level",
    "other_languages",
    "driving_licence",
    "home_municipality_id",
    "max_travel_km",
    "available_from",
    "hours_available",
)


def municipality_points() -> scoring.Points:
    """Every municipality's point, keyed by number (one query, 357 rows)."""
    rows = Municipality.objects.filter(latitude__isnull=False).values_list(
        "code", "latitude", "longitude"
    )
    return {code: (lat, lon) for code, lat, lon in rows if lat is not None and lon is not None}


def weights_for(programme: Programme) -> Weights:
    """The programme's weights, or the defaults when the lead has not changed them."""
    row = MatchWeights.objects.filter(programme=programme).first()
    return row.as_weights() if row else Weights()


def opening_of(target: Position | JobOpening) -> Opening:
    """The requirements of a position or job opening as the scoring engine reads them."""
    return Opening(
        occupation=target.occupation_id or "",
        education_level=target.education_level,
        education_field=target.education_field,
        norwegian_level=target.norwegian_level,
        norwegian_minimum=target.norwegian_minimum,
        languages=tuple(target.languages or ()),
        driving_licence_required=target.driving_licence_required,
        municipality=target.work_municipality_id
        or getattr(
            target.host_unit if isinstance(target, Position) else target.employer,
            "municipality_id",
            "",
        )
        or "",
        max_distance_km=target.max_distance_km,
        hours_per_week=target.hours_per_week,
        starts_on=target.starts_on,
        kind="position" if isinstance(target, Position) else "opening",
    )


_LISTS: dict[str, tuple[str, ...]] = {}


def _codes(text: str | None) -> tuple[str, ...]:
    """A JSON list of codes, parsed once per distinct value (candidates share a few hundred)."""
    if not text:
        return ()
    value = _LISTS.get(text)
    if value is None:
        parsed = json.loads(text)
        value = tuple(parsed) if isinstance(parsed, list) else ()
        if len(_LISTS) < 10_000:
            _LISTS[text] = value
    return value


def profile_rows(candidates: QuerySet[Candidate]) -> Iterator[Profile]:
    """Lean rows of what matching reads: tuples, with the JSON lists as text parsed once per
    distinct value instead of once per row."""
    rows = candidates.order_by().values_list(
        "pk",
        "profession_id",
        Cast("wished_occupations", TextField()),
        "education_level",
        "education_field",
        "norwegian_level",
        Cast("other_languages", TextField()),
        "driving_licence",
        "home_municipality_id",
        "max_travel_km",
        "available_from",
        "hours_available",
    )
    for pk, prof, wished, edu, field, level, langs, licence, home, travel, avail, hours in rows:
        yield Profile(
            pk=pk,
            profession=prof or "",
            wished_occupations=_codes(wished),
            education_level=edu,
            education_field=field,
            norwegian_level=level,
            languages=_codes(langs),
            driving_licence=licence,
            municipality=home or "",
            max_travel_km=travel,
            available_from=avail,
            hours_available=hours,
        )


def profile_of(candidate: Candidate) -> Profile:
    """One candidate's profile (one query)."""
    return next(profile_rows(Candidate.objects.filter(pk=candidate.pk)))


def _hard_filter(
    candidates: QuerySet[Candidate], opening: Opening, points: scoring.Points
) -> QuerySet[Candidate]:
    """The hard requirements as SQL, so only candidates that can match are read at all."""
    if opening.driving_licence_required:
        candidates = candidates.filter(driving_licence=True)
    if opening.norwegian_minimum:
        allowed = LEVELS[LEVELS.index(opening.norwegian_minimum) :]
        candidates = candidates.filter(norwegian_level__in=allowed)
    if opening.max_distance_km is not None and opening.municipality:
        near = scoring.within(opening.municipality, opening.max_distance_km, points)
        candidates = candidates.filter(home_municipality_id__in=sorted(near))
    return candidates


@dataclass
class Shortlist:
    opening: Opening
    weights: Weights
    matches: list[Match]


def shortlist_for(target: Position | JobOpening, operator_id: int) -> Shortlist:
    """The operator's active candidates that pass the hard requirements, best first; those who
    applied already or were proposed or dismissed for this target are left out."""
    points = municipality_points()
    opening = opening_of(target)
    weights = weights_for(target.programme)
    # Decisions and applications for this position or job opening (both link to either).
    kind = {"position": target} if isinstance(target, Position) else {"opening": target}
    decided = MatchDecision.objects.filter(**kind).values("candidate_id")
    applied = Application.objects.filter(**kind).values("candidate_id")
    candidates = (
        Candidate.objects.filter(
            operator_id=operator_id, status=Candidate.Status.ACTIVE, erased_at__isnull=True
        )
        .exclude(pk__in=decided)
        .exclude(pk__in=applied)
    )
    # No ORDER BY: the ranking orders them, and sorting 16,000 names would cost more than scoring.
    profiles = profile_rows(_hard_filter(candidates, opening, points))
    return Shortlist(opening, weights, scoring.rank(opening, profiles, weights, points))


def with_candidates(matches: list[Match], operator_id: int) -> list[tuple[Match, Candidate]]:
    """Attach the candidates (names only) to one page of matches in one query."""
    pks = [m.profile.pk for m in matches]
    by_pk = (
        Candidate.objects.filter(operator_id=operator_id, pk__in=pks)
        .only(
            "pk", "given_name", "family_name", "preferred_name", "norwegian_level", "profession_id"
        )
        .in_bulk()
    )
    return [(m, by_pk[m.profile.pk]) for m in matches if m.profile.pk in by_pk]


def get_position_for(membership: Membership | None, pk: int) -> Position:
    """The operator's position with what the shortlist shows, or 404."""
    if membership is None:
        raise Http404
    return get_object_or_404(
        Position.objects.select_related(
            "programme", "host_unit", "occupation", "work_municipality"
        ),
        pk=pk,
        programme__operator_id=membership.operator_id,
    )


def get_opening_for(membership: Membership | None, pk: int) -> JobOpening:
    """The operator's job opening, or 404."""
    if membership is None:
        raise Http404
    return get_object_or_404(
        JobOpening.objects.select_related(
            "programme", "employer", "occupation", "work_municipality"
        ),
        pk=pk,
        programme__operator_id=membership.operator_id,
    )


def get_candidate_for(membership: Membership | None, pk: int) -> Candidate:
    """The operator's candidate (not erased), or 404."""
    if membership is None:
        raise Http404
    return get_object_or_404(
        Candidate.objects.select_related("profession", "home_municipality"),
        pk=pk,
        operator_id=membership.operator_id,
        erased_at__isnull=True,
    )


def get_decision_for(membership: Membership | None, pk: int) -> MatchDecision:
    if membership is None:
        raise Http404
    return get_object_or_404(MatchDecision, pk=pk, candidate__operator_id=membership.operator_id)


@dataclass
class Suggestion:
    target: Position | JobOpening
    match: Match

    @property
    def kind(self) -> str:
        return "position" if isinstance(self.target, Position) else "opening"

    @property
    def host_name(self) -> str:
        t = self.target
        return t.host_unit.name if isinstance(t, Position) else t.employer.name


def suggestions_for(candidate: Candidate) -> list[Suggestion]:
    """Open positions and job openings of the candidate's operator, best first, that the
    candidate passes the hard requirements for and has not applied to or been decided on."""
    points = municipality_points()
    profile = profile_of(candidate)
    operator_id = candidate.operator_id
    positions = (
        Position.objects.filter(programme__operator_id=operator_id, status=Position.Status.OPEN)
        .exclude(applications__candidate=candidate)
        .exclude(
            pk__in=MatchDecision.objects.filter(candidate=candidate, position__isnull=False).values(
                "position_id"
            )
        )
        .select_related("programme", "host_unit")
    )
    openings = (
        JobOpening.objects.filter(programme__operator_id=operator_id, status=JobOpening.Status.OPEN)
        .exclude(
            pk__in=MatchDecision.objects.filter(candidate=candidate, opening__isnull=False).values(
                "opening_id"
            )
        )
        .select_related("programme", "employer")
    )
    targets: list[Position | JobOpening] = [*positions, *openings]
    weights = {
        row.programme_id: row.as_weights()
        for row in MatchWeights.objects.filter(programme_id__in={t.programme_id for t in targets})
    }
    suggestions = []
    for target in targets:
        opening = opening_of(target)
        if scoring.passes_hard(opening, profile, points):
            w = weights.get(target.programme_id, Weights())
            suggestions.append(Suggestion(target, scoring.score(opening, profile, w, points)))
    suggestions.sort(key=lambda s: (-s.match.score, s.target.title))
    return suggestions


def dismissed_for(target: Position | JobOpening) -> QuerySet[MatchDecision]:
    """Dismissed candidates of this target with who dismissed them and why."""
    key = "position" if isinstance(target, Position) else "opening"
    return (
        MatchDecision.objects.filter(**{key: target}, kind=MatchDecision.Kind.DISMISSED)
        .select_related("candidate", "decided_by")
        .order_by("-decided_at")
    )


def mentors_for(candidate: Candidate, today: datetime.date) -> list[mentor_scoring.MentorMatch]:
    """The operator's mentors with room for another mentee, best first."""
    mentor_ids = Membership.objects.filter(
        operator_id=candidate.operator_id, role=Role.MENTOR, is_active=True
    ).values("user_id")
    decided = MatchDecision.objects.filter(candidate=candidate, mentor__isnull=False).values(
        "mentor_id"
    )
    active = Q(mentor__mentorships__ends_on__isnull=True) | Q(
        mentor__mentorships__ends_on__gt=today
    )
    profiles = (
        MentorProfile.objects.filter(operator_id=candidate.operator_id, mentor_id__in=mentor_ids)
        .exclude(mentor_id__in=decided)
        .exclude(mentor__mentorships__candidate=candidate)
        .annotate(mentees=Count("mentor__mentorships", filter=active, distinct=True))
        .values(
            "mentor_id",
            "languages",
            "sectors",
            "occupation_id",
            "max_mentees",
            "available_from",
            "mentees",
        )
    )
    placement = (
        Placement.objects.filter(candidate=candidate)
        .order_by("-starts_on")
        .values_list("host_unit__sector", flat=True)
        .first()
    )
    mentee = mentor_scoring.Mentee(
        languages=tuple(candidate.other_languages or ()),
        profession=candidate.profession_id or "",
        sector=placement or "",
    )
    matches = []
    for row in profiles:
        mentor = mentor_scoring.Mentor(
            pk=row["mentor_id"],
            languages=tuple(row["languages"] or ()),
            sectors=tuple(row["sectors"] or ()),
            occupation=row["occupation_id"] or "",
            max_mentees=row["max_mentees"],
            mentees=row["mentees"],
            available_from=row["available_from"],
        )
        match = mentor_scoring.score_mentor(mentee, mentor, today)
        if match is not None:
            matches.append(match)
    matches.sort(key=lambda m: (-m.score, m.mentor.pk))
    return matches


def missing_for_matching(candidate: Candidate) -> list[str]:
    """The labels of the profile fields matching would use but the candidate has not filled in."""
    fields = [
        "profession",
        "norwegian_level",
        "education_level",
        "home_municipality",
        "max_travel_km",
        "available_from",
        "hours_available",
        "wished_occupations",
    ]
    meta = Candidate._meta
    return [
        str(getattr(meta.get_field(f), "verbose_name", f))
        for f in fields
        if not getattr(candidate, f)
    ]


def match_one(target: Position | JobOpening, candidate: Candidate) -> Match | None:
    """The score of one candidate for one target, or None when a hard requirement excludes them."""
    points = municipality_points()
    opening = opening_of(target)
    profile = profile_of(candidate)
    if not scoring.passes_hard(opening, profile, points):
        return None
    return scoring.score(opening, profile, weights_for(target.programme), points)


def mentor_match_one(candidate: Candidate, mentor_id: int, today: datetime.date):  # type: ignore[no-untyped-def]
    """The suggestion for one mentor (None when the mentor is not suggested for the candidate)."""
    return next((m for m in mentors_for(candidate, today) if m.mentor.pk == mentor_id), None)
