"""A placement's milestones, dated from its programme's plan (the milestone templates)."""

import datetime

from placements.models import Placement

from .models import Milestone, MilestoneTemplate


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
