"""Aggregates as correlated subqueries, so several counts on one list never multiply each other's
joins and the page stays one query however many rows it shows."""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce


def subquery_count(queryset: QuerySet, link: str, outer: str = "pk") -> Coalesce:
    """COUNT of ``queryset`` rows whose ``link`` equals the outer row's ``outer`` (0 when none)."""
    inner = (
        queryset.filter(**{link: OuterRef(outer)})
        .order_by()
        .values(link)
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(inner, output_field=IntegerField()), Value(0))


def subquery_sum(queryset: QuerySet, link: str, field: str, outer: str = "pk") -> Coalesce:
    """SUM of ``field`` over ``queryset`` rows linked to the outer row (0 when none)."""
    inner = (
        queryset.filter(**{link: OuterRef(outer)})
        .order_by()
        .values(link)
        .annotate(total=Sum(field))
        .values("total")[:1]
    )
    return Coalesce(Subquery(inner, output_field=IntegerField()), Value(0))
