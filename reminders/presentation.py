"""How a reminder reads, in the active language: one sentence, a date and a link, nothing more.

Never a candidate's name, national id, note text or NAV data: "a candidate in <programme>" and a
link to the record, which the reader may open only if they may see it.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from candidates.models import Application
from mentors.models import MilestoneKind
from placements.models import Outcome

from .models import Reminder, ReminderKind


@dataclass(frozen=True)
class Item:
    kind: str
    kind_label: str
    text: str
    when: str
    path: str


def _what_milestone(reminder: Reminder) -> str:
    milestone = reminder.milestone
    # A programme's plan names its milestones; an ad hoc milestone's label is free text that
    # may name a person, so it falls back to the kind.
    if milestone is not None and milestone.template_id and milestone.label:
        return milestone.label
    kind = milestone.kind if milestone is not None else reminder.detail
    return str(MilestoneKind(kind).label) if kind in MilestoneKind.values else _("A milestone")


def _path(reminder: Reminder) -> str:
    if reminder.kind == ReminderKind.APPLICATION_WAITING:
        if reminder.application is not None:
            return reverse("candidates:detail", kwargs={"pk": reminder.application.candidate_id})
    elif reminder.placement_id:
        return reverse("placements:detail", kwargs={"pk": reminder.placement_id})
    return reverse("reminders:upcoming")


def describe(reminder: Reminder) -> Item:
    """The reminder as one sentence in the active language (needs programme, milestone and
    application loaded with it)."""
    when = date_format(reminder.event_on, "DATE_FORMAT")
    programme = reminder.programme.name if reminder.programme is not None else _("a programme")
    params = {"programme": programme, "date": when}
    match reminder.kind:
        case ReminderKind.MILESTONE_DUE:
            text = _("%(what)s for a candidate in %(programme)s is due on %(date)s.") % {
                **params,
                "what": _what_milestone(reminder),
            }
        case ReminderKind.PLACEMENT_ENDING:
            text = _("A placement in %(programme)s ends on %(date)s.") % params
        case ReminderKind.NAV_AGREEMENT_ENDING:
            text = (
                _(
                    "The NAV agreement for a placement in %(programme)s ends on %(date)s, "
                    "before the placement does."
                )
                % params
            )
        case ReminderKind.OUTCOME_DUE if reminder.detail == Outcome.Checkpoint.MONTHS_12:
            text = (
                _("The 12-month outcome for a participant in %(programme)s is due on %(date)s.")
                % params
            )
        case ReminderKind.OUTCOME_DUE:
            text = (
                _("The 6-month outcome for a participant in %(programme)s is due on %(date)s.")
                % params
            )
        case _:
            text = _(
                "An application to %(programme)s has been waiting in the stage “%(stage)s” "
                "since %(date)s."
            ) % {**params, "stage": _stage_label(reminder.detail)}
    return Item(
        kind=reminder.kind,
        kind_label=str(ReminderKind(reminder.kind).label),
        text=text,
        when=when,
        path=_path(reminder),
    )


def _stage_label(stage: str) -> str:
    return str(Application.Stage(stage).label) if stage in Application.Stage.values else stage
