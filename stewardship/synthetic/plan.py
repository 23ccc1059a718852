"""The size of a run, its marker, and the plain objects the generator plans with."""

import datetime
from array import array
from dataclasses import dataclass, field

from django.db import models

from candidates.models import Application, Candidate, Consent, StageChange
from core.models import AuditEntry, ConfidentialityDeclaration, Membership, Organisation, User
from mentors.models import FollowUpNote, Mentorship, Milestone, MilestoneTemplate
from placements.models import NavAgreement, Outcome, Placement
from programs.models import (
    Cohort,
    EmployerCommitment,
    FundingShare,
    HostUnit,
    Position,
    Programme,
)
from reminders.models import Reminder, SentReminder

from .vocabulary import (
    MARKER_ACTION,
)

LOADED: list[type[models.Model]] = [
    Organisation, User, Membership, ConfidentialityDeclaration, Programme,
    Programme.partners.through, FundingShare, MilestoneTemplate, Cohort, HostUnit, Position,
    EmployerCommitment, Candidate, Consent, Application, StageChange, Placement, NavAgreement,
    Mentorship, Outcome, Milestone, FollowUpNote, Reminder, SentReminder,
]  # fmt: skip

# Tables big enough to load without their secondary indexes and constraints (see DeferredIndexes).
DEFERRED: list[type[models.Model]] = [
    Candidate, Consent, Application, StageChange, Placement, NavAgreement, Mentorship, Outcome,
    Milestone, FollowUpNote, Reminder, SentReminder,
]  # fmt: skip


@dataclass(frozen=True)
class Size:
    operators: int
    candidates: int
    notes: int
    reminders: int
    seed: int = 2026

    def as_dict(self) -> dict[str, int]:
        return {
            "operators": self.operators,
            "candidates": self.candidates,
            "notes": self.notes,
            "reminders": self.reminders,
            "seed": self.seed,
        }


def seeded_size() -> dict | None:  # type: ignore[type-arg]
    """The size the database was seeded with (from the marker audit entry), or None."""
    return (
        AuditEntry.objects.filter(action=MARKER_ACTION)
        .order_by("-pk")
        .values_list("data", flat=True)
        .first()
    )


# --- Plan objects (plain classes: hundreds of thousands of them) ----------------------------


@dataclass
class Op:
    id: int
    index: int
    name: str
    kind: str
    municipality: str
    place: str
    size: int
    nav_id: int = 0
    lead: int = 0
    coordinators: list[int] = field(default_factory=list)
    supervisors: list[int] = field(default_factory=list)
    mentors: list[int] = field(default_factory=list)
    programmes: list["Prog"] = field(default_factory=list)
    units: list[int] = field(default_factory=list)


@dataclass
class Prog:
    id: int
    op: Op
    kind: str
    starts_on: datetime.date
    cohorts: list["Coh"] = field(default_factory=list)
    templates: list[int] = field(default_factory=list)


@dataclass
class Coh:
    id: int
    prog: Prog
    name: str
    starts_on: datetime.date
    ends_on: datetime.date
    positions: list[tuple[int, int]] = field(default_factory=list)  # (position id, unit id)


class Placements:
    """The placements as parallel arrays: notes, milestones and reminders read them by index."""

    def __init__(self) -> None:
        self.id = array("q")
        self.candidate = array("q")
        self.operator = array("q")
        self.op_index = array("l")
        self.programme = array("q")
        self.start = array("l")  # date ordinals
        self.planned_end = array("l")
        self.end = array("l")  # actual end, else planned end
        self.status: list[str] = []
        self.supervisor = array("q")
        self.mentor = array("q")  # 0: none
        self.nav_end = array("l")  # 0: no agreement ending before the planned end

    def __len__(self) -> int:
        return len(self.id)
