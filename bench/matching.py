"""Matching at national size: the shortlist page of an open position over the largest operator's
candidates (hard requirements in SQL, scoring in Python over ``values()`` rows), and the scoring
engine alone over every candidate of that operator (as if all of them were looking for work)."""

from dataclasses import dataclass

from django.db.models import Count
from django.test import Client
from django.urls import reverse

from candidates.models import Candidate
from matching import scoring, selectors
from programs.models import Position

from .pages import Timing, captured, get, timed


@dataclass
class MatchingResult:
    page: Timing
    everyone: Timing
    candidates: int
    scored: int
    queries: int


def measure(client: Client, operator_id: int) -> MatchingResult:
    position = (
        Position.objects.filter(programme__operator_id=operator_id)
        .exclude(occupation=None)
        .annotate(n=Count("applications"))
        .order_by("-n", "pk")
        .first()
    )
    assert position is not None, "the operator has positions"
    url = reverse("matching:shortlist", kwargs={"kind": "position", "pk": position.pk})
    queries = len(captured(client, url))
    page = timed(lambda: get(client, url), runs=50, warmup=5)
    scored = len(selectors.shortlist_for(position, operator_id).matches)

    opening = selectors.opening_of(position)
    weights = selectors.weights_for(position.programme)

    def score_everyone() -> int:
        points = selectors.municipality_points()
        profiles = selectors.profile_rows(Candidate.objects.filter(operator_id=operator_id))
        return len(scoring.rank(opening, profiles, weights, points))

    everyone = timed(score_everyone, runs=30, warmup=3)
    total = Candidate.objects.filter(operator_id=operator_id).count()
    return MatchingResult(page, everyone, total, scored, queries)
