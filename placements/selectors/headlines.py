"""Headline figures for many programmes at once (one query however many programmes): what a
partner sees first. The programme page has the full figures (outcomes.programme_figures)."""

from django.db.models import QuerySet

from core.queries import subquery_count
from programs.models import ORDINARY_JOB_KINDS, Programme

from ..models import Outcome, Placement


def with_headlines(programmes: QuerySet[Programme]) -> QuerySet[Programme]:
    """Annotate ``active``, ``finished`` placements and ``ordinary_work`` outcomes recorded."""
    return programmes.annotate(
        active=subquery_count(
            Placement.objects.filter(status=Placement.Status.ACTIVE), "programme"
        ),
        finished=subquery_count(
            Placement.objects.filter(
                status__in=(Placement.Status.COMPLETED, Placement.Status.ENDED_EARLY)
            ),
            "programme",
        ),
        ordinary_work=subquery_count(
            Outcome.objects.filter(kind__in=ORDINARY_JOB_KINDS), "programme"
        ),
    )
