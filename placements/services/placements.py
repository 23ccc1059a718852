"""Placement lifecycle: planned → active → completed / ended early, with its milestones."""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.models import Application, Candidate
from core.models import Membership, Role, User
from core.services import audit_log
from programs.models import Cohort, HostUnit, Position, Programme

from ..hooks import placement_dates_changed
from ..models import NavAgreement, Placement

SUPERVISOR_ROLES = {Role.SUPERVISOR, Role.MENTOR, Role.LEAD, Role.COORDINATOR}


def _check_supervisor(supervisor: User | None, operator_id: int) -> None:
    if supervisor is None:
        return
    if not Membership.objects.filter(
        user=supervisor, operator_id=operator_id, is_active=True, role__in=SUPERVISOR_ROLES
    ).exists():
        raise ValidationError({"supervisor": _("The supervisor must be a member of the operator.")})


@transaction.atomic
def placement_create(
    *,
    candidate: Candidate,
    programme: Programme,
    host_unit: HostUnit,
    starts_on: datetime.date,
    planned_end: datetime.date,
    by: User,
    cohort: Cohort | None = None,
    position: Position | None = None,
    hours_per_week: Decimal | float = Decimal("37.5"),
    supervisor: User | None = None,
    application: Application | None = None,
) -> Placement:
    """Plan a placement of the candidate at a host unit, with its dated milestones."""
    operator_id = candidate.operator_id
    if programme.operator_id != operator_id or host_unit.operator_id != operator_id:
        raise ValidationError(
            _("The programme and host unit must belong to the candidate's operator.")
        )
    if cohort is not None and cohort.programme_id != programme.pk:
        raise ValidationError({"cohort": _("The cohort belongs to another programme.")})
    _check_supervisor(supervisor, operator_id)
    placement = Placement(
        candidate=candidate,
        programme=programme,
        host_unit=host_unit,
        cohort=cohort,
        position=position,
        application=application,
        starts_on=starts_on,
        planned_end=planned_end,
        hours_per_week=Decimal(str(hours_per_week)),
        supervisor=supervisor,
    )
    placement.full_clean()
    placement.save()
    placement_dates_changed.results(placement)  # mentors dates the milestones
    audit_log(
        actor=by,
        operator=programme.operator,
        action="placements.placement.created",
        obj=placement,
        data={"candidate": candidate.pk},
    )
    return placement


def placement_create_from_application(
    *, application: Application, host_unit: HostUnit | None = None, by: User, **fields: Any
) -> Placement:
    """Turn an accepted application into a planned placement (position, cohort, programme)."""
    if application.stage != Application.Stage.ACCEPTED:
        raise ValidationError(_("Only an accepted application can become a placement."))
    position, cohort = application.position, application.cohort
    programme = position.programme if position else cohort.programme  # type: ignore[union-attr]
    host_unit = host_unit or (position.host_unit if position else None)
    if host_unit is None:
        raise ValidationError({"host_unit": _("Choose the host unit.")})
    fields.setdefault("starts_on", cohort.starts_on if cohort else position.starts_on)  # type: ignore[union-attr]
    if "planned_end" not in fields:
        end = (cohort.ends_on if cohort else None) or (position.ends_on if position else None)
        if end is None:
            raise ValidationError({"planned_end": _("Give the planned end.")})
        fields["planned_end"] = end
    return placement_create(
        candidate=application.candidate,
        programme=programme,
        host_unit=host_unit,
        cohort=cohort,
        position=position,
        application=application,
        by=by,
        **fields,
    )


def _locked(placement: Placement) -> Placement:
    return Placement.objects.select_for_update().get(pk=placement.pk)


def _move(
    placement: Placement, *, allowed_from: set[str], to: str, by: User, **changes: Any
) -> Placement:
    current = _locked(placement)
    if current.status not in allowed_from:
        raise ValidationError(
            _("A placement that is %(current)s cannot become %(new)s.")
            % {
                "current": current.get_status_display().lower(),
                "new": Placement.Status(to).label.lower(),
            }
        )
    before = current.status
    for name, value in {"status": to, **changes}.items():
        setattr(current, name, value)
    current.full_clean()
    current.save()
    for name, value in {"status": to, **changes}.items():
        setattr(placement, name, value)
    audit_log(
        actor=by,
        operator=current.programme.operator,
        action=f"placements.placement.{to}",
        obj=current,
        data={"from": before},
    )
    return placement


@transaction.atomic
def placement_start(*, placement: Placement, by: User) -> Placement:
    """A planned placement becomes active."""
    return _move(
        placement, allowed_from={Placement.Status.PLANNED}, to=Placement.Status.ACTIVE, by=by
    )


@transaction.atomic
def placement_extend(*, placement: Placement, planned_end: datetime.date, by: User) -> Placement:
    """Move the planned end; open milestones move with it (done ones stay as they were)."""
    current = _locked(placement)
    if current.status not in {Placement.Status.PLANNED, Placement.Status.ACTIVE}:
        raise ValidationError(_("Only a planned or active placement can be extended."))
    before = current.planned_end
    current.planned_end = planned_end
    current.full_clean()
    current.save(update_fields=["planned_end"])
    placement.planned_end = planned_end
    placement_dates_changed.results(current)
    audit_log(
        actor=by,
        operator=current.programme.operator,
        action="placements.placement.extended",
        obj=current,
        data={"from": before.isoformat(), "to": planned_end.isoformat()},
    )
    return placement


@transaction.atomic
def placement_end_early(
    *, placement: Placement, on: datetime.date, reason: str, by: User
) -> Placement:
    """End an active or planned placement before its time, with a reason."""
    if not reason.strip():
        raise ValidationError({"end_reason": _("Give a reason when a placement ends early.")})
    return _move(
        placement,
        allowed_from={Placement.Status.PLANNED, Placement.Status.ACTIVE},
        to=Placement.Status.ENDED_EARLY,
        by=by,
        actual_end=on,
        end_reason=reason.strip(),
    )


@transaction.atomic
def placement_complete(
    *, placement: Placement, by: User, on: datetime.date | None = None
) -> Placement:
    """An active placement is completed (on its planned end unless told otherwise)."""
    return _move(
        placement,
        allowed_from={Placement.Status.ACTIVE},
        to=Placement.Status.COMPLETED,
        by=by,
        actual_end=on or min(placement.planned_end, timezone.localdate()),
    )


@transaction.atomic
def nav_agreement_set(
    *,
    placement: Placement,
    reference: str,
    benefit: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    by: User,
) -> NavAgreement:
    """Record or change the NAV livelihood agreement of a placement."""
    agreement = NavAgreement.objects.filter(placement=placement).first() or NavAgreement(
        placement=placement
    )
    agreement.reference, agreement.benefit = reference.strip(), benefit
    agreement.starts_on, agreement.ends_on = starts_on, ends_on
    agreement.full_clean()
    agreement.save()
    audit_log(
        actor=by,
        operator=placement.programme.operator,
        action="placements.nav_agreement.set",
        obj=placement,
    )
    return agreement


@transaction.atomic
def placement_update(
    *, placement: Placement, by: User, hours_per_week: Decimal, supervisor: User | None
) -> Placement:
    """Change the hours or the supervisor of a placement."""
    _check_supervisor(supervisor, placement.candidate.operator_id)
    placement.hours_per_week = hours_per_week
    placement.supervisor = supervisor
    placement.full_clean()
    placement.save(update_fields=["hours_per_week", "supervisor"])
    audit_log(
        actor=by,
        operator=placement.programme.operator_id,
        action="placements.placement.changed",
        obj=placement,
        data={"supervisor": supervisor.pk if supervisor else None},
    )
    return placement
