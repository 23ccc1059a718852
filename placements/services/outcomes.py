"""Outcomes: where a participant stands at exit and 6 and 12 months after, recorded from facts."""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from candidates.models import Candidate
from core.models import User
from core.services import audit_log
from programs.models import HostUnit, Programme

from ..models import Outcome, Placement

Checkpoint = Outcome.Checkpoint
# Months after the end of the participant's last placement at which each checkpoint falls due.
CHECKPOINT_MONTHS = {Checkpoint.EXIT: 0, Checkpoint.MONTHS_6: 6, Checkpoint.MONTHS_12: 12}
CHECKPOINT_ORDER: list[str] = list(CHECKPOINT_MONTHS)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later; the 31 August plus six months is the 28 (29) February."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def outcome_due_on(ended_on: datetime.date, checkpoint: str) -> datetime.date:
    """When a checkpoint's outcome falls due for a placement that ended on ``ended_on``."""
    return add_months(ended_on, CHECKPOINT_MONTHS[Checkpoint(checkpoint)])


def latest_end_due_by(today: datetime.date, checkpoint: str) -> datetime.date:
    """The latest end date whose ``checkpoint`` outcome is due by ``today``.

    The inverse of :func:`outcome_due_on`, so the due-list can compare a date column with one
    value in SQL: ``outcome_due_on(end, checkpoint) <= today`` exactly when
    ``end <= latest_end_due_by(today, checkpoint)``.
    """
    months = CHECKPOINT_MONTHS[Checkpoint(checkpoint)]
    candidate = add_months(today, -months)
    if today.day == calendar.monthrange(today.year, today.month)[1]:
        # On a month's last day the later days of the earlier month are due too (31 Aug → 28 Feb).
        candidate = candidate.replace(day=calendar.monthrange(candidate.year, candidate.month)[1])
    return candidate


def _check_employer(employer: HostUnit | None, programme: Programme) -> None:
    if employer is not None and employer.operator_id != programme.operator_id:
        raise ValidationError({"employer": _("The employer belongs to another operator.")})


def _check_date(recorded_on: datetime.date) -> None:
    if recorded_on > timezone.localdate():
        raise ValidationError({"recorded_on": _("An outcome cannot be dated in the future.")})


def _check_order(outcome: Outcome) -> None:
    """Later checkpoints need the exit outcome, and their dates keep the checkpoints' order."""
    siblings = {
        o.checkpoint: o
        for o in Outcome.objects.filter(
            candidate_id=outcome.candidate_id, programme_id=outcome.programme_id
        ).exclude(pk=outcome.pk)
    }
    if outcome.checkpoint != Checkpoint.EXIT and Checkpoint.EXIT not in siblings:
        raise ValidationError(
            {
                "checkpoint": _(
                    "Register the outcome at exit first; the 6- and 12-month outcomes follow it."
                )
            }
        )
    position = CHECKPOINT_ORDER.index(outcome.checkpoint)
    for checkpoint, other in siblings.items():
        before = CHECKPOINT_ORDER.index(checkpoint) < position
        if (before and other.recorded_on > outcome.recorded_on) or (
            not before and other.recorded_on < outcome.recorded_on
        ):
            raise ValidationError(
                {
                    "recorded_on": _(
                        "The dates must follow the order of the checkpoints "
                        "(“%(other)s” is dated %(date)s)."
                    )
                    % {
                        "other": Checkpoint(checkpoint).label,
                        "date": date_format(other.recorded_on, "SHORT_DATE_FORMAT"),
                    }
                }
            )


@transaction.atomic
def outcome_record(
    *,
    candidate: Candidate,
    programme: Programme,
    checkpoint: str,
    kind: str,
    recorded_on: datetime.date,
    by: User,
    employer: HostUnit | None = None,
    employer_name: str = "",
    placement: Placement | None = None,
) -> Outcome:
    """Record where a participant stood at a checkpoint: once per candidate, programme and
    checkpoint, only for someone who has (had) a placement in the programme, exit first."""
    if candidate.operator_id != programme.operator_id:
        raise ValidationError(_("The candidate and the programme belong to different operators."))
    placements = Placement.objects.filter(candidate=candidate, programme=programme)
    if placement is None:
        placement = placements.order_by("-starts_on", "-pk").first()
        if placement is None:
            raise ValidationError(
                _("The candidate has no placement in this programme, so there is no outcome.")
            )
    elif placement.candidate_id != candidate.pk or placement.programme_id != programme.pk:
        raise ValidationError(
            {"placement": _("The placement belongs to another candidate or programme.")}
        )
    _check_employer(employer, programme)
    _check_date(recorded_on)
    outcome = Outcome(
        candidate=candidate,
        programme=programme,
        placement=placement,
        checkpoint=checkpoint,
        kind=kind,
        recorded_on=recorded_on,
        employer=employer,
        employer_name=employer_name.strip(),
        recorded_by=by,
    )
    outcome.full_clean()
    _check_order(outcome)
    outcome.save()
    audit_log(
        actor=by,
        operator=programme.operator_id,
        action="placements.outcome.recorded",
        obj=outcome,
        data={
            "candidate": candidate.pk,
            "programme": programme.pk,
            "placement": placement.pk,
            "checkpoint": str(checkpoint),
        },
    )
    return outcome


@transaction.atomic
def outcome_update(
    *,
    outcome: Outcome,
    kind: str,
    recorded_on: datetime.date,
    by: User,
    employer: HostUnit | None = None,
    employer_name: str = "",
) -> Outcome:
    """Correct a recorded outcome; who, which programme and which checkpoint stay as they were."""
    _check_employer(employer, outcome.programme)
    _check_date(recorded_on)
    outcome.kind = kind
    outcome.recorded_on = recorded_on
    outcome.employer = employer
    outcome.employer_name = employer_name.strip()
    outcome.full_clean()
    _check_order(outcome)
    outcome.save(update_fields=["kind", "recorded_on", "employer", "employer_name"])
    audit_log(
        actor=by,
        operator=outcome.programme.operator_id,
        action="placements.outcome.changed",
        obj=outcome,
        data={
            "candidate": outcome.candidate_id,
            "programme": outcome.programme_id,
            "checkpoint": str(outcome.checkpoint),
        },
    )
    return outcome
