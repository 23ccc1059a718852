"""The candidate's own dates as iCalendar: milestones as all-day items, events at their time in
Europe/Oslo. Only the candidate's own dates; staff by first name only; no notes, no ids (the
UIDs are keyed hashes, as in the staff feeds)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from calendars.ical import EVENT_LENGTH, OSLO, OSLO_VTIMEZONE, TZID, uid
from candidates.models import Candidate

from .selectors import CandidateDates


def milestone_summary(milestone) -> str:  # type: ignore[no-untyped-def]
    """'Follow-up conversation – Workplace (with Kari)', the supervisor by first name only."""
    placement = milestone.placement
    summary = f"{milestone.label} – {placement.host_unit.name}"
    if placement.supervisor and placement.supervisor.first_name:
        summary += " " + _("(with %(name)s)") % {"name": placement.supervisor.first_name}
    return summary


def render_dates(
    candidate: Candidate, dates: CandidateDates, *, now: datetime.datetime | None = None
) -> bytes:
    now = now or timezone.now()
    cal = Calendar()
    cal.add("prodid", "-//Springbrett//My dates//NB")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _("My dates") + f" · {candidate.operator.name}")
    cal.add("x-wr-timezone", TZID)
    cal.add_component(OSLO_VTIMEZONE)
    for milestone in dates.milestones:
        item = Event()
        item.add("uid", uid("portal-milestone", milestone.pk))
        item.add("dtstart", milestone.due_on)
        item.add("dtend", milestone.due_on + datetime.timedelta(days=1))
        item.add("summary", milestone_summary(milestone))
        item.add("transp", "TRANSPARENT")
        cal.add_component(item)
    for event in dates.events:
        item = Event()
        item.add("uid", uid("portal-event", event.pk))
        item.add("dtstart", event.starts_at.astimezone(OSLO))
        item.add("duration", EVENT_LENGTH)
        item.add("summary", event.title)
        item.add("description", event.get_kind_display())
        if event.location:
            item.add("location", event.location)
        cal.add_component(item)
    for component in cal.walk("VEVENT"):
        component.add("dtstamp", now.astimezone(datetime.UTC))
    return cal.to_ical()
