"""Milestones: dated from the programme's plan (the milestone templates), the plan's edits,
and marking one done."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import User
from core.services import audit_log
from placements.models import Placement
from programs.models import Programme

from ..models import (
    Milestone,
    MilestoneTemplate,
)
from ..selectors import LIVE


def milestone_plan(placement: Placement) -> list[tuple[MilestoneTemplate, int, datetime.date]]:
    """Every (template, occurrence, due date) the programme's plan gives this placement."""
    start, end = placement.starts_on, placement.planned_end
    midpoint = start + (end - start) / 2
    plan = []
    for template in MilestoneTemplate.objects.filter(programme_id=placement.programme_id):
        offset = datetime.timedelta(days=template.offset_days)
        try:
            if template.anchor == MilestoneTemplate.Anchor.END:
                first = end - offset
            elif template.anchor == MilestoneTemplate.Anchor.MIDPOINT:
                first = midpoint + offset
            else:
                first = start + offset
        except OverflowError:  # before year 1 or after 9999: not within the placement
            continue
        if template.repeat_every_days:
            step = datetime.timedelta(days=template.repeat_every_days)
            due, sequence = first, 1
            while due < end:
                plan.append((template, sequence, due))
                if end - due <= step:
                    break  # the next one would be past the end (or past year 9999)
                due, sequence = due + step, sequence + 1
        elif start <= first <= end:
            plan.append((template, 1, first))
    return plan


def milestones_sync(placement: Placement) -> None:
    """Date the placement's open milestones from the plan; done ones are history and stay."""
    existing = {
        (m.template_id, m.sequence): m
        for m in Milestone.objects.filter(placement=placement, template__isnull=False)
    }
    wanted = set()
    for template, sequence, due in milestone_plan(placement):
        wanted.add((template.pk, sequence))
        milestone = existing.get((template.pk, sequence))
        if milestone is None:
            Milestone.objects.create(
                placement=placement,
                template=template,
                sequence=sequence,
                kind=template.kind,
                label=str(template),
                due_on=due,
            )
        elif milestone.done_on is None and milestone.due_on != due:
            milestone.due_on = due
            milestone.save(update_fields=["due_on"])
    stale = [m.pk for key, m in existing.items() if key not in wanted and m.done_on is None]
    Milestone.objects.filter(pk__in=stale).delete()


# --- Milestone plans and milestones ---------------------------------------------------------


def _resync(programme: Programme) -> int:
    """Re-date the open milestones of the programme's planned and active placements."""
    placements = list(Placement.objects.filter(programme=programme, status__in=LIVE))
    for placement in placements:
        milestones_sync(placement)
    return len(placements)


@transaction.atomic
def milestone_template_add(
    *,
    programme: Programme,
    kind: str,
    by: User,
    label: str = "",
    anchor: str = MilestoneTemplate.Anchor.START,
    offset_days: int = 0,
    repeat_every_days: int | None = None,
) -> MilestoneTemplate:
    """Add a milestone to the programme's plan; its live placements get it at once."""
    template = MilestoneTemplate(
        programme=programme,
        kind=kind,
        label=label.strip(),
        anchor=anchor,
        offset_days=offset_days,
        repeat_every_days=repeat_every_days or None,
    )
    template.full_clean()
    template.save()
    synced = _resync(programme)
    audit_log(
        actor=by,
        operator=programme.operator_id,
        action="mentors.milestone_template.added",
        obj=template,
        data={"programme": programme.pk, "placements": synced},
    )
    return template


@transaction.atomic
def milestone_template_remove(*, template: MilestoneTemplate, by: User) -> None:
    """Remove a milestone from the plan: live placements lose its open milestones; done ones stay
    as history (without their template)."""
    programme = template.programme
    Milestone.objects.filter(
        template=template, done_on__isnull=True, placement__status__in=LIVE
    ).delete()
    template_id = template.pk
    template.delete()
    synced = _resync(programme)
    audit_log(
        actor=by,
        operator=programme.operator_id,
        action="mentors.milestone_template.removed",
        obj=programme,
        data={"template": template_id, "placements": synced},
    )


@transaction.atomic
def milestone_mark_done(
    *, milestone: Milestone, by: User, on: datetime.date | None = None
) -> Milestone:
    """Mark an open milestone done (today unless told otherwise; never in the future)."""
    current = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if current.done_on is not None:
        raise ValidationError(_("This milestone is already done."))
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError({"done_on": _("The date cannot be in the future.")})
    current.done_on, current.done_by = on, by
    current.save(update_fields=["done_on", "done_by"])
    milestone.done_on, milestone.done_by = on, by
    audit_log(
        actor=by,
        operator=Placement.objects.filter(pk=current.placement_id)
        .values_list("candidate__operator_id", flat=True)
        .get(),
        action="mentors.milestone.done",
        obj=current,
        data={"placement": current.placement_id},
    )
    return milestone
