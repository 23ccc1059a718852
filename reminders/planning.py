"""What should be reminded, computed from the domain data: a pure read, no writes.

Each kind answers "which facts, for which recipients, on which date" with a fixed number of
queries, whatever the number of rows. ``reminders_plan`` in services.py turns the answer into rows.
"""

import datetime
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.db.models.functions import Coalesce

from candidates.due import WAITING_DAYS, WAITING_STAGES, applications_waiting
from candidates.models import Application
from core.models import Role
from mentors.due import FOLLOW_UP_KINDS, milestones_open
from mentors.models import Mentorship, Milestone
from placements.models import NavAgreement, Outcome, Placement
from placements.selectors.due import (
    FINISHED,
    LIVE,
    last_finished,
    nav_agreements_ending,
    placements_ending,
)
from placements.services.outcomes import outcome_due_on

from .models import Reminder, ReminderKind
from .recipients import Members

Kind = ReminderKind

# When reminders go out, in Europe/Oslo (settings.TIME_ZONE) local time.
SEND_TIME = datetime.time(9, 0)
DIGEST_TIME = datetime.time(7, 0)
# Days before the fact (after it, for a waiting application) that its reminder falls due.
DAYS_BEFORE = {
    Kind.MILESTONE_DUE: 7,
    Kind.PLACEMENT_ENDING: 14,
    Kind.NAV_AGREEMENT_ENDING: 14,
    Kind.OUTCOME_DUE: 0,
}
# New reminders are planned up to HORIZON ahead, and not when they would have gone out more than
# GRACE ago (so a first run on old data sends no flood). Existing unsent rows are always kept.
HORIZON = datetime.timedelta(days=60)
GRACE = datetime.timedelta(days=14)

# What is due is decided by the domain apps' selectors (candidates.due, placements.selectors.due,
# mentors.due), which the home worklist reads too; this module only decides who hears of it when.
MILESTONE_KINDS = FOLLOW_UP_KINDS
OUTCOME_CHECKPOINTS = (Outcome.Checkpoint.MONTHS_6, Outcome.Checkpoint.MONTHS_12)
__all__ = ["FINISHED", "LIVE", "WAITING_DAYS", "WAITING_STAGES"]
PLACEMENT_KINDS = (Kind.PLACEMENT_ENDING, Kind.NAV_AGREEMENT_ENDING, Kind.OUTCOME_DUE)


def local_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def remind_on(kind: str, event_on: datetime.date) -> datetime.date:
    """The local date a reminder about ``event_on`` goes out."""
    if kind == Kind.APPLICATION_WAITING:
        return event_on + datetime.timedelta(days=WAITING_DAYS)
    return event_on - datetime.timedelta(days=DAYS_BEFORE[Kind(kind)])


def due_at(kind: str, event_on: datetime.date, *, digest: bool) -> datetime.datetime:
    """The instant to send: 09:00 local on the reminder's date, or 07:00 for the daily digest.

    Computed as a wall-clock time in Europe/Oslo, so it stays 09:00 across DST changes.
    """
    day = remind_on(kind, event_on)
    return datetime.datetime.combine(day, DIGEST_TIME if digest else SEND_TIME, local_zone())


@dataclass(frozen=True)
class Wanted:
    """One reminder the domain data calls for."""

    kind: str
    slot: str
    event_on: datetime.date
    recipient_id: int
    operator_id: int
    programme_id: int | None = None
    milestone_id: int | None = None
    placement_id: int | None = None
    application_id: int | None = None
    detail: str = ""

    @property
    def dedupe_key(self) -> str:
        return f"{self.slot}:{self.event_on:%Y%m%d}"


@dataclass(frozen=True)
class Scope:
    """Limit planning to these objects (None: everything)."""

    milestone_ids: frozenset[int] = frozenset()
    placement_ids: frozenset[int] = frozenset()
    application_ids: frozenset[int] = frozenset()

    @classmethod
    def of(cls, reminders: Iterable[Reminder]) -> "Scope":
        """The objects behind these reminders, each under the kinds that read it."""
        rows = list(reminders)
        return cls(
            frozenset(
                r.milestone_id for r in rows if r.kind == Kind.MILESTONE_DUE and r.milestone_id
            ),
            frozenset(r.placement_id for r in rows if r.kind in PLACEMENT_KINDS and r.placement_id),
            frozenset(
                r.application_id
                for r in rows
                if r.kind == Kind.APPLICATION_WAITING and r.application_id
            ),
        )

    def rows(self) -> Q:
        """The reminder rows this scope plans."""
        return (
            Q(kind=Kind.MILESTONE_DUE, milestone_id__in=self.milestone_ids)
            | Q(kind__in=PLACEMENT_KINDS, placement_id__in=self.placement_ids)
            | Q(kind=Kind.APPLICATION_WAITING, application_id__in=self.application_ids)
        )


# Unsent rows whose object is gone (erased): nothing to remind of any more.
ORPHANS = (
    Q(kind=Kind.MILESTONE_DUE, milestone__isnull=True)
    | Q(kind__in=PLACEMENT_KINDS, placement__isnull=True)
    | Q(kind=Kind.APPLICATION_WAITING, application__isnull=True)
)


def _pick(scope_ids: frozenset[int] | None, own: str, kind: str, ref: str, window: Q) -> Q:
    """Scoped runs read the named objects at any date. Full runs read the planning window, plus
    every object that still has an unsent reminder of the kind, so a row is never dropped only
    because its fact moved out of the window."""
    if scope_ids is not None:
        return Q(**{f"{own}__in": scope_ids})
    unsent = Reminder.objects.filter(kind=kind, sent_at__isnull=True).values(ref)
    return window | Q(**{f"{own}__in": unsent})


def _start_of(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(0), local_zone())


def _sources(today: datetime.date, scope: Scope | None) -> dict[str, list[Any]]:
    """The facts behind each kind, one query each."""
    lo, hi = today - GRACE, today + HORIZON
    milestone_ids = None if scope is None else scope.milestone_ids
    placement_ids = None if scope is None else scope.placement_ids
    application_ids = None if scope is None else scope.application_ids

    def ahead(kind: str) -> tuple[datetime.date, datetime.date]:
        # Facts whose reminder date falls in [lo, hi].
        lead = datetime.timedelta(days=DAYS_BEFORE[Kind(kind)])
        return lo + lead, hi + lead

    milestones = list(
        milestones_open(
            Milestone.objects.filter(
                _pick(
                    milestone_ids,
                    "pk",
                    Kind.MILESTONE_DUE,
                    "milestone_id",
                    Q(due_on__range=ahead(Kind.MILESTONE_DUE)),
                )
            )
        ).values(
            "pk",
            "due_on",
            "kind",
            "placement_id",
            "placement__supervisor_id",
            "placement__candidate_id",
            "placement__programme_id",
            "placement__candidate__operator_id",
        )
    )
    ending = list(
        placements_ending(
            Placement.objects.filter(
                _pick(
                    placement_ids,
                    "pk",
                    Kind.PLACEMENT_ENDING,
                    "placement_id",
                    Q(planned_end__range=ahead(Kind.PLACEMENT_ENDING)),
                )
            )
        ).values("pk", "planned_end", "supervisor_id", "programme_id", "candidate__operator_id")
    )
    nav = list(
        nav_agreements_ending(
            NavAgreement.objects.filter(
                _pick(
                    placement_ids,
                    "placement_id",
                    Kind.NAV_AGREEMENT_ENDING,
                    "placement_id",
                    Q(ends_on__range=ahead(Kind.NAV_AGREEMENT_ENDING)),
                )
            )
        ).values(
            "placement_id",
            "ends_on",
            "placement__supervisor_id",
            "placement__programme_id",
            "placement__candidate__operator_id",
        )
    )
    # Only a participant's last finished placement in a programme counts (last_finished).
    finished = list(
        last_finished(
            Placement.objects.filter(
                _pick(
                    placement_ids,
                    "pk",
                    Kind.OUTCOME_DUE,
                    "placement_id",
                    # Twelve months and a few days back cover both checkpoints; the exact due
                    # date is decided in Python by the outcome rules.
                    Q(actual_end__range=(lo - datetime.timedelta(days=372), hi)),
                )
            )
        ).values("pk", "actual_end", "candidate_id", "programme_id", "candidate__operator_id")
    )
    waiting = list(
        applications_waiting(
            Application.objects.filter(
                _pick(
                    application_ids,
                    "pk",
                    Kind.APPLICATION_WAITING,
                    "application_id",
                    Q(stage_changed_at__gte=_start_of(lo - datetime.timedelta(days=WAITING_DAYS))),
                )
            )
        )
        .annotate(programme=Coalesce("position__programme_id", "cohort__programme_id"))
        .values("pk", "stage", "stage_changed_at", "programme", "candidate__operator_id")
    )
    return {
        "milestones": milestones,
        "ending": ending,
        "nav": nav,
        "finished": finished,
        "waiting": waiting,
    }


def wanted(*, today: datetime.date, scope: Scope | None = None) -> list[Wanted]:
    """Every reminder the data calls for on ``today``, for active members only (7–8 queries)."""
    src = _sources(today, scope)
    operator_ids = {
        *(m["placement__candidate__operator_id"] for m in src["milestones"]),
        *(p["candidate__operator_id"] for p in src["ending"]),
        *(n["placement__candidate__operator_id"] for n in src["nav"]),
        *(p["candidate__operator_id"] for p in src["finished"]),
        *(a["candidate__operator_id"] for a in src["waiting"]),
    }
    members = Members(operator_ids)
    mentors: dict[int, set[int]] = defaultdict(set)
    candidate_ids = {m["placement__candidate_id"] for m in src["milestones"]}
    if candidate_ids:
        mentorships = Mentorship.objects.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=today),
            candidate_id__in=candidate_ids,
            starts_on__lte=today,
        ).values_list("candidate_id", "mentor_id")
        for candidate_id, mentor_id in mentorships:
            mentors[candidate_id].add(mentor_id)
    recorded: set[tuple[int, int, str]] = set()
    finished_candidates = {p["candidate_id"] for p in src["finished"]}
    if finished_candidates:
        recorded = set(
            Outcome.objects.filter(
                candidate_id__in=finished_candidates, checkpoint__in=OUTCOME_CHECKPOINTS
            ).values_list("candidate_id", "programme_id", "checkpoint")
        )

    out: list[Wanted] = []
    for m in src["milestones"]:
        op = m["placement__candidate__operator_id"]
        people = {m["placement__supervisor_id"], *mentors[m["placement__candidate_id"]]}
        for user_id in sorted(u for u in people if members.active(op, u)):
            out.append(
                Wanted(
                    Kind.MILESTONE_DUE,
                    f"milestone:{m['pk']}:u{user_id}",
                    m["due_on"],
                    user_id,
                    op,
                    programme_id=m["placement__programme_id"],
                    milestone_id=m["pk"],
                    placement_id=m["placement_id"],
                    detail=m["kind"],
                )
            )
    for p in src["ending"]:
        op = p["candidate__operator_id"]
        people = {p["supervisor_id"], *members.with_role(op, Role.COORDINATOR)}
        for user_id in sorted(u for u in people if members.active(op, u)):
            out.append(
                Wanted(
                    Kind.PLACEMENT_ENDING,
                    f"placement_ending:{p['pk']}:u{user_id}",
                    p["planned_end"],
                    user_id,
                    op,
                    programme_id=p["programme_id"],
                    placement_id=p["pk"],
                )
            )
    for n in src["nav"]:
        op = n["placement__candidate__operator_id"]
        people = {n["placement__supervisor_id"], *members.with_role(op, Role.COORDINATOR)}
        for user_id in sorted(u for u in people if members.active(op, u)):
            out.append(
                Wanted(
                    Kind.NAV_AGREEMENT_ENDING,
                    f"nav_ending:{n['placement_id']}:u{user_id}",
                    n["ends_on"],
                    user_id,
                    op,
                    programme_id=n["placement__programme_id"],
                    placement_id=n["placement_id"],
                )
            )
    for p in src["finished"]:
        op = p["candidate__operator_id"]
        for checkpoint in OUTCOME_CHECKPOINTS:
            if (p["candidate_id"], p["programme_id"], checkpoint) in recorded:
                continue
            event_on = outcome_due_on(p["actual_end"], checkpoint)
            for user_id in members.with_role(op, Role.COORDINATOR):
                out.append(
                    Wanted(
                        Kind.OUTCOME_DUE,
                        f"outcome:{p['pk']}:{checkpoint}:u{user_id}",
                        event_on,
                        user_id,
                        op,
                        programme_id=p["programme_id"],
                        placement_id=p["pk"],
                        detail=checkpoint,
                    )
                )
    zone = local_zone()
    for a in src["waiting"]:
        op = a["candidate__operator_id"]
        since = a["stage_changed_at"].astimezone(zone).date()
        for user_id in members.with_role(op, Role.COORDINATOR, Role.LEAD):
            out.append(
                Wanted(
                    Kind.APPLICATION_WAITING,
                    f"application:{a['pk']}:u{user_id}",
                    since,
                    user_id,
                    op,
                    programme_id=a["programme"],
                    application_id=a["pk"],
                    detail=a["stage"],
                )
            )
    return out
