"""Reads for calendar feeds. A feed shows exactly what its membership may see through the
scoped selectors of the lower apps (placements, mentors, candidates), within a date window."""

import datetime
import hashlib

from django.db.models import Q, QuerySet
from django.utils import timezone

from candidates.selectors import candidates_for
from core.models import ConfidentialityDeclaration, Membership
from core.permissions import FOLLOW_UP, has_capability
from mentors.models import Event, Milestone, MilestoneKind
from mentors.selectors import current_mentorships, milestones_for
from placements.models import Placement
from placements.selectors import placements_for

from .models import CalendarFeed

LIVE = (Placement.Status.PLANNED, Placement.Status.ACTIVE)
EVALUATION_KINDS = (MilestoneKind.MID_EVALUATION, MilestoneKind.FINAL_EVALUATION)
# What a feed holds: from a month back (overdue follow-ups stay visible) to a year ahead.
DAYS_BACK = 31
DAYS_AHEAD = 366


def token_hash(token: str) -> str:
    """The stored form of a feed's secret token."""
    return hashlib.sha256(token.encode()).hexdigest()


def feed_of(membership: Membership | None) -> CalendarFeed | None:
    """The membership's feed, if it has one."""
    if membership is None:
        return None
    return CalendarFeed.objects.filter(membership=membership).first()


def feed_by_token(token: str) -> CalendarFeed | None:
    """The feed a secret token opens, with its membership, user and operator; None when the token
    is unknown or the membership, account or operator is no longer active (one query)."""
    if not token or len(token) > 100:
        return None
    return (
        CalendarFeed.objects.filter(
            token_hash=token_hash(token),
            membership__is_active=True,
            membership__user__is_active=True,
            membership__operator__is_operator=True,
        )
        .select_related("membership__user", "membership__operator")
        .first()
    )


def window(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=DAYS_BACK), today + datetime.timedelta(days=DAYS_AHEAD)


def may_see_initials(membership: Membership) -> bool:
    """Initials only for those who accepted the duty of confidentiality at this operator."""
    return ConfidentialityDeclaration.objects.filter(
        user_id=membership.user_id, operator_id=membership.operator_id
    ).exists()


def followed_milestones(
    membership: Membership, start: datetime.date, end: datetime.date
) -> QuerySet[Milestone]:
    """Open follow-ups and evaluations of the live placements of the people the member follows
    (supervises or mentors), within the membership's scope."""
    user_id = membership.user_id
    mentees = current_mentorships(user_id).values("candidate_id")
    return (
        milestones_for(membership)
        .filter(Q(placement__supervisor_id=user_id) | Q(placement__candidate_id__in=mentees))
        .filter(done_on__isnull=True, due_on__range=(start, end), placement__status__in=LIVE)
        .select_related("placement__candidate", "placement__host_unit")
        .order_by("due_on", "pk")
    )


def ending_placements(
    membership: Membership, start: datetime.date, end: datetime.date
) -> QuerySet[Placement]:
    """Planned ends of the live placements the membership may see."""
    return (
        placements_for(membership)
        .filter(status__in=LIVE, planned_end__range=(start, end))
        .select_related("candidate", "host_unit")
        .order_by("planned_end", "pk")
    )


def visible_events(
    membership: Membership, start: datetime.date, end: datetime.date
) -> QuerySet[Event]:
    """Events the membership may see: staff who manage events see the operator's; supervisors and
    mentors see those their people are invited to; everyone else none."""
    events = Event.objects.filter(
        operator_id=membership.operator_id, starts_at__date__range=(start, end)
    )
    if has_capability(membership, "events.manage"):
        return events.order_by("starts_at", "pk")
    if membership.role not in FOLLOW_UP:
        return Event.objects.none()
    invited = Event.objects.filter(
        attendances__candidate__in=candidates_for(membership).values("pk")
    ).values("pk")
    return events.filter(pk__in=invited).order_by("starts_at", "pk")
