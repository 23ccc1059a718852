"""Selectors for what is due in follow-up: open follow-ups and evaluations, and the events the
people someone follows are invited to. The home worklist and the reminder planner both read these,
so "what is due" is decided once."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from core.models import Membership
from core.permissions import STAFF
from placements.selectors.due import LIVE

from .models import Attendance, Event, Milestone, MilestoneKind
from .selectors import current_mentorships

# The milestones someone is reminded of and that the home page lists.
FOLLOW_UP_KINDS = (
    MilestoneKind.FOLLOW_UP,
    MilestoneKind.MID_EVALUATION,
    MilestoneKind.FINAL_EVALUATION,
)
EVALUATION_KINDS = (MilestoneKind.MID_EVALUATION, MilestoneKind.FINAL_EVALUATION)
WEEK = datetime.timedelta(days=7)


def milestones_open(milestones: QuerySet[Milestone] | None = None) -> QuerySet[Milestone]:
    """Follow-ups and evaluations not yet done, of placements that are planned or active."""
    base = Milestone.objects.all() if milestones is None else milestones
    return base.filter(done_on__isnull=True, kind__in=FOLLOW_UP_KINDS, placement__status__in=LIVE)


def _mine(membership: Membership) -> Q:
    """Milestones of placements the member supervises or of candidates they mentor now."""
    mentees = current_mentorships(membership.user_id).values("candidate_id")
    return Q(placement__supervisor_id=membership.user_id) | Q(placement__candidate_id__in=mentees)


def my_milestones_due(
    membership: Membership | None,
    *,
    kinds: tuple[str, ...] = FOLLOW_UP_KINDS,
    today: datetime.date | None = None,
) -> QuerySet[Milestone]:
    """The member's own open milestones due within a week or overdue, oldest first, with
    candidate and host unit loaded. Staff see none here: they follow up through the lists."""
    if membership is None or membership.role in STAFF:
        return Milestone.objects.none()
    today = today or timezone.localdate()
    return (
        milestones_open(
            Milestone.objects.filter(
                _mine(membership), placement__candidate__operator_id=membership.operator_id
            )
        )
        .filter(kind__in=kinds, due_on__lte=today + WEEK)
        .select_related("placement__candidate", "placement__host_unit")
        .order_by("due_on", "pk")
    )


def evaluations_overdue_for(
    membership: Membership | None, *, today: datetime.date | None = None
) -> QuerySet[Milestone]:
    """The operator's mid-way and final evaluations past their date and not done (staff only)."""
    if membership is None or membership.role not in STAFF:
        return Milestone.objects.none()
    today = today or timezone.localdate()
    return (
        milestones_open(
            Milestone.objects.filter(placement__candidate__operator_id=membership.operator_id)
        )
        .filter(kind__in=EVALUATION_KINDS, due_on__lt=today)
        .select_related("placement__candidate", "placement__host_unit")
        .order_by("due_on", "pk")
    )


def my_events(
    membership: Membership | None, *, now: datetime.datetime | None = None
) -> QuerySet[Event]:
    """Coming events of the operator where someone the member follows is invited."""
    if membership is None or membership.role in STAFF:
        return Event.objects.none()
    mentees = current_mentorships(membership.user_id).values("candidate_id")
    followed = Q(
        candidate__placements__supervisor_id=membership.user_id,
        candidate__placements__status__in=LIVE,
    ) | Q(candidate_id__in=mentees)
    invited = Attendance.objects.filter(followed).values("event_id")
    return Event.objects.filter(
        operator_id=membership.operator_id,
        starts_at__gte=now or timezone.now(),
        pk__in=invited,
    ).order_by("starts_at", "pk")
