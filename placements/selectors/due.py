"""Selectors for what is due in placements: ending placements, NAV agreements that end before
their placement, and the finished placements whose outcomes fall due. The home worklist and the
reminder planner both read these, so "what is due" is decided once."""

import datetime

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from core.models import Membership
from core.permissions import STAFF

from ..models import NavAgreement, Placement
from .placements import placements_for

LIVE = (Placement.Status.PLANNED, Placement.Status.ACTIVE)
FINISHED = (Placement.Status.COMPLETED, Placement.Status.ENDED_EARLY)
# The home page looks this far ahead for placements and agreements that end.
ENDING_WITHIN_DAYS = 30


def placements_ending(placements: QuerySet[Placement] | None = None) -> QuerySet[Placement]:
    """Placements that will end on their planned date (planned or active ones)."""
    base = Placement.objects.all() if placements is None else placements
    return base.filter(status__in=LIVE)


def nav_agreements_ending(
    agreements: QuerySet[NavAgreement] | None = None,
) -> QuerySet[NavAgreement]:
    """NAV livelihood agreements of live placements that end before the placement does."""
    base = NavAgreement.objects.all() if agreements is None else agreements
    return base.filter(ends_on__lt=F("placement__planned_end"), placement__status__in=LIVE)


def last_finished(placements: QuerySet[Placement] | None = None) -> QuerySet[Placement]:
    """Each participant's last finished placement in a programme, and none while they have a
    live one there: outcome checkpoints run from when they left the programme."""
    base = Placement.objects.all() if placements is None else placements
    later = Placement.objects.filter(
        candidate_id=OuterRef("candidate_id"), programme_id=OuterRef("programme_id")
    ).filter(
        Q(status__in=LIVE)
        | Q(actual_end__gt=OuterRef("actual_end"))
        | Q(actual_end=OuterRef("actual_end"), pk__gt=OuterRef("pk"))
    )
    return base.filter(status__in=FINISHED, actual_end__isnull=False).exclude(Exists(later))


def _window(today: datetime.date | None, days: int) -> tuple[datetime.date, datetime.date]:
    today = today or timezone.localdate()
    return today, today + datetime.timedelta(days=days)


def placements_ending_for(
    membership: Membership | None,
    *,
    today: datetime.date | None = None,
    days: int = ENDING_WITHIN_DAYS,
) -> QuerySet[Placement]:
    """The membership's live placements planned to end within ``days``, soonest first."""
    return (
        placements_ending(placements_for(membership))
        .filter(planned_end__range=_window(today, days))
        .select_related("candidate", "host_unit")
        .order_by("planned_end", "pk")
    )


def nav_agreements_ending_for(
    membership: Membership | None,
    *,
    today: datetime.date | None = None,
    days: int = ENDING_WITHIN_DAYS,
) -> QuerySet[NavAgreement]:
    """NAV agreements ending early within ``days`` on the operator's placements (staff only)."""
    if membership is None or membership.role not in STAFF:
        return NavAgreement.objects.none()
    return (
        nav_agreements_ending(
            NavAgreement.objects.filter(placement__in=placements_for(membership).values("pk"))
        )
        .filter(ends_on__range=_window(today, days))
        .select_related("placement__candidate", "placement__host_unit")
        .order_by("ends_on", "pk")
    )
