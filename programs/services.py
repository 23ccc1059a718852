"""Writes for programmes, cohorts, host units, positions and employer commitments.

Every function validates with full_clean (model fields, constraints and cross-object rules) before
it saves, runs in one transaction and leaves an audit entry.
"""

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.models import Organisation, User
from core.services import audit_log

from .models import (
    Cohort,
    EmployerCommitment,
    FundingShare,
    HostUnit,
    JobOpening,
    Position,
    Programme,
)

TRAINEE_COHORT_LENGTH_YEARS = 1


def _assign(obj: Any, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(obj, name, value)


def _save_changes(
    obj: Any, fields: dict[str, Any], *, by: User, operator: Any, action: str
) -> None:
    """Set ``fields`` on ``obj``, validate and save it, and log which fields changed."""
    _assign(obj, fields)
    obj.full_clean()
    obj.save()
    audit_log(actor=by, operator=operator, action=action, obj=obj, data={"fields": sorted(fields)})


def _check_partners(operator: Organisation, partners: Iterable[Organisation]) -> None:
    if any(p.operator_id != operator.pk for p in partners):
        raise ValidationError({"partners": _("Partners must be in the operator's own register.")})


@transaction.atomic
def programme_create(
    *, operator: Organisation, by: User, partners: Sequence[Organisation] = (), **fields: Any
) -> Programme:
    """Create a programme of the operator, with partners from the operator's register."""
    programme = Programme(operator=operator, **fields)
    programme.full_clean()
    _check_partners(operator, partners)
    programme.save()
    programme.partners.set(partners)
    audit_log(actor=by, operator=operator, action="programs.programme.created", obj=programme)
    return programme


@transaction.atomic
def programme_update(
    *,
    programme: Programme,
    by: User,
    partners: Sequence[Organisation] | None = None,
    **fields: Any,
) -> Programme:
    """Change a programme's fields and (when given) its partners."""
    _assign(programme, fields)
    programme.full_clean()
    programme.save()
    if partners is not None:
        _check_partners(programme.operator, partners)
        programme.partners.set(partners)
    audit_log(
        actor=by,
        operator=programme.operator,
        action="programs.programme.changed",
        obj=programme,
        data={"fields": sorted(fields)},
    )
    return programme


@transaction.atomic
def programme_set_funding(
    *, programme: Programme, shares: Sequence[tuple[Organisation, int]], by: User
) -> list[FundingShare]:
    """Replace the programme's funding split; parties are the operator or its partners, sum 100."""
    if not shares:
        FundingShare.objects.filter(programme=programme).delete()
        return []
    total = sum(percent for _party, percent in shares)
    if total != 100:
        raise ValidationError(
            _("The funding shares must add up to 100 percent; they add up to %(total)s.")
            % {"total": total}
        )
    parties = [party for party, _percent in shares]
    if len({p.pk for p in parties}) != len(parties):
        raise ValidationError(_("Each party can have only one funding share."))
    operator_id = programme.operator_id
    if any(p.pk != operator_id and p.operator_id != operator_id for p in parties):
        raise ValidationError(_("Funding parties must be the operator or one of its partners."))
    FundingShare.objects.filter(programme=programme).delete()
    created = []
    for party, percent in shares:
        share = FundingShare(programme=programme, party=party, percent=percent)
        share.full_clean()
        share.save()
        created.append(share)
    audit_log(
        actor=by,
        operator=programme.operator,
        action="programs.programme.funding_set",
        obj=programme,
        data={"shares": [[p.pk, pct] for p, pct in shares]},
    )
    return created


def cohort_default_end(*, programme: Programme, starts_on: datetime.date) -> datetime.date | None:
    """A trainee cohort lasts twelve months: it ends the day before the same date a year later."""
    if programme.kind != Programme.Kind.TRAINEE:
        return None
    if starts_on.year + TRAINEE_COHORT_LENGTH_YEARS > datetime.MAXYEAR:
        return None  # no date a year later: the cohort needs an end date given
    try:
        anniversary = starts_on.replace(year=starts_on.year + TRAINEE_COHORT_LENGTH_YEARS)
    except ValueError:  # 29 February
        anniversary = starts_on.replace(year=starts_on.year + 1, day=28)
    return anniversary - datetime.timedelta(days=1)


@transaction.atomic
def cohort_create(
    *,
    programme: Programme,
    by: User,
    name: str,
    starts_on: datetime.date,
    capacity: int,
    ends_on: datetime.date | None = None,
) -> Cohort:
    """Create a cohort; a trainee cohort without an end date runs for twelve months."""
    if ends_on is None:
        ends_on = cohort_default_end(programme=programme, starts_on=starts_on)
    if ends_on is None:
        raise ValidationError({"ends_on": _("Give the cohort an end date.")})
    cohort = Cohort(
        programme=programme, name=name, starts_on=starts_on, ends_on=ends_on, capacity=capacity
    )
    cohort.full_clean()
    cohort.save()
    audit_log(actor=by, operator=programme.operator, action="programs.cohort.created", obj=cohort)
    return cohort


@transaction.atomic
def cohort_update(*, cohort: Cohort, by: User, **fields: Any) -> Cohort:
    """Change a cohort's name, dates or capacity."""
    _save_changes(
        cohort, fields, by=by, operator=cohort.programme.operator, action="programs.cohort.changed"
    )
    return cohort


@transaction.atomic
def hostunit_create(*, operator: Organisation, by: User, **fields: Any) -> HostUnit:
    """Register a host unit or employer in the operator's register."""
    unit = HostUnit(operator=operator, **fields)
    unit.full_clean()
    unit.save()
    audit_log(actor=by, operator=operator, action="programs.hostunit.created", obj=unit)
    return unit


@transaction.atomic
def hostunit_update(*, unit: HostUnit, by: User, **fields: Any) -> HostUnit:
    """Change a host unit's details."""
    _save_changes(unit, fields, by=by, operator=unit.operator, action="programs.hostunit.changed")
    return unit


@transaction.atomic
def position_create(*, programme: Programme, by: User, **fields: Any) -> Position:
    """Define an opening from a host unit's need; it starts as a draft."""
    position = Position(programme=programme, status=Position.Status.DRAFT, **fields)
    position.full_clean()
    position.save()
    audit_log(
        actor=by, operator=programme.operator, action="programs.position.created", obj=position
    )
    return position


@transaction.atomic
def position_update(*, position: Position, by: User, **fields: Any) -> Position:
    """Change a position's details (not its status: that has named transitions)."""
    fields.pop("status", None)
    _save_changes(
        position,
        fields,
        by=by,
        operator=position.programme.operator,
        action="programs.position.changed",
    )
    return position


# Which status a position may move to from each status.
POSITION_TRANSITIONS: dict[str, set[str]] = {
    Position.Status.DRAFT: {Position.Status.OPEN, Position.Status.CLOSED},
    Position.Status.OPEN: {Position.Status.FILLED, Position.Status.CLOSED},
    Position.Status.FILLED: {Position.Status.OPEN, Position.Status.CLOSED},
    Position.Status.CLOSED: {Position.Status.OPEN},
}


@transaction.atomic
def _position_move(*, position: Position, to: str, by: User) -> Position:
    # Lock the row so two people moving the same position cannot both succeed from one state.
    current = Position.objects.select_for_update().get(pk=position.pk)
    if to not in POSITION_TRANSITIONS[current.status]:
        raise ValidationError(
            _("A position that is %(current)s cannot become %(new)s.")
            % {
                "current": current.get_status_display().lower(),
                "new": Position.Status(to).label.lower(),
            }
        )
    before = current.status
    position.status = to
    position.save(update_fields=["status"])
    audit_log(
        actor=by,
        operator=position.programme.operator,
        action=f"programs.position.{to}",
        obj=position,
        data={"from": before},
    )
    return position


def position_open(*, position: Position, by: User) -> Position:
    """Publish a draft (or reopen a filled or closed) position."""
    return _position_move(position=position, to=Position.Status.OPEN, by=by)


def position_fill(*, position: Position, by: User) -> Position:
    """Mark an open position as filled."""
    return _position_move(position=position, to=Position.Status.FILLED, by=by)


def position_close(*, position: Position, by: User) -> Position:
    """Close a position; it takes no more applications."""
    return _position_move(position=position, to=Position.Status.CLOSED, by=by)


@transaction.atomic
def commitment_create(
    *,
    programme: Programme,
    employer: HostUnit,
    by: User,
    committed_on: datetime.date,
    pledge: int,
    note: str = "",
    named_publicly: bool = False,
) -> EmployerCommitment:
    """Record a network employer's pledge to hire (and whether it may be named in public)."""
    commitment = EmployerCommitment(
        programme=programme,
        employer=employer,
        committed_on=committed_on,
        pledge=pledge,
        note=note,
        named_publicly=named_publicly,
    )
    commitment.full_clean()
    commitment.save()
    audit_log(
        actor=by, operator=programme.operator, action="programs.commitment.created", obj=commitment
    )
    return commitment


@transaction.atomic
def commitment_update(
    *, commitment: EmployerCommitment, by: User, **fields: Any
) -> EmployerCommitment:
    """Change an employer's pledge, note or whether it may be named in public."""
    _save_changes(
        commitment,
        fields,
        by=by,
        operator=commitment.programme.operator,
        action="programs.commitment.changed",
    )
    return commitment


@transaction.atomic
def job_opening_create(*, programme: Programme, by: User, **fields: Any) -> JobOpening:
    """Register an employer's job opening in a network programme; it starts open."""
    opening = JobOpening(programme=programme, **fields)
    opening.full_clean()
    opening.save()
    audit_log(actor=by, operator=programme.operator, action="programs.opening.created", obj=opening)
    return opening


@transaction.atomic
def job_opening_update(*, opening: JobOpening, by: User, **fields: Any) -> JobOpening:
    """Change an employer's job opening (its requirements, slots, start or status)."""
    _save_changes(
        opening,
        fields,
        by=by,
        operator=opening.programme.operator,
        action="programs.opening.changed",
    )
    return opening
