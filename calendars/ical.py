"""The iCalendar text of a feed: follow-ups, evaluations and placement ends as all-day events
(DATE values), events at their time in Europe/Oslo. Candidates appear by initials only, and only
to members who accepted the duty of confidentiality; no note text, no national id, no ids."""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from candidates.models import Candidate
from core.permissions import STAFF
from mentors.models import MilestoneKind

from .models import CalendarFeed
from .selectors import (
    EVALUATION_KINDS,
    ending_placements,
    followed_milestones,
    may_see_initials,
    visible_events,
    window,
)

TZID = "Europe/Oslo"
OSLO = zoneinfo.ZoneInfo(TZID)
EVENT_LENGTH = datetime.timedelta(hours=1)  # events record a start time only
# The EU rule since 1996, as calendar clients expect it (RRULEs, not a list of dates).
OSLO_VTIMEZONE = Timezone.from_ical(
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Europe/Oslo\r\n"
    "X-LIC-LOCATION:Europe/Oslo\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n"
    "DTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
    "END:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\n"
    "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n"
    "DTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n"
)


def initials(candidate: Candidate) -> str:
    """'A. H.' from the name as written (any script); never more of the name."""
    parts = [candidate.given_name.strip(), candidate.family_name.strip()]
    return " ".join(f"{part[0]}." for part in parts if part)


def uid(kind: str, pk: int) -> str:
    """A stable UID that does not reveal the row id: the same item keeps it across rotations."""
    digest = salted_hmac("springbrett.calendars.uid", f"{kind}:{pk}", algorithm="sha256")
    return f"{digest.hexdigest()[:32]}@springbrett"


@dataclass
class FeedResult:
    body: bytes
    # The candidates whose initials the feed shows (for the access log); empty without names.
    candidate_ids: set[int]


def _who(candidate: Candidate, host_unit_name: str, named: bool) -> str:
    return f"{initials(candidate)}, {host_unit_name}" if named else host_unit_name


def _all_day(cal: Calendar, *, key: str, day: datetime.date, summary: str, url: str) -> None:
    event = Event()
    event.add("uid", key)
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", summary)
    event.add("url", url)
    event.add("description", _("Open in Springbrett: %(url)s") % {"url": url})
    event.add("transp", "TRANSPARENT")  # a due date does not make anyone busy
    cal.add_component(event)


def render_feed(feed: CalendarFeed, *, base_url: str, now: datetime.datetime | None = None):  # type: ignore[no-untyped-def]
    """The feed as iCalendar bytes with the candidates it names. Five queries however many items:
    the declaration, milestones, placements and events (the feed itself is loaded by the caller).
    """
    now = now or timezone.now()
    membership = feed.membership
    start, end = window(timezone.localdate(now))
    named = may_see_initials(membership)
    shown: set[int] = set()
    with translation.override(feed.language or settings.LANGUAGE_CODE):
        cal = Calendar()
        cal.add("prodid", "-//Springbrett//Calendar feed//NB")
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        cal.add("x-wr-calname", f"Springbrett · {membership.operator.name}")
        cal.add("x-wr-timezone", TZID)
        cal.add("refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", "PT1H")
        cal.add_component(OSLO_VTIMEZONE)
        for milestone in followed_milestones(membership, start, end):
            placement = milestone.placement
            if milestone.kind in EVALUATION_KINDS:
                what = str(milestone.get_kind_display())
                path = reverse("mentors:evaluation_fill", kwargs={"pk": milestone.pk})
            else:
                label = (
                    _("Follow-up due")
                    if milestone.kind == MilestoneKind.FOLLOW_UP
                    else milestone.get_kind_display()
                )
                what = label
                path = reverse("mentors:placement_timeline", kwargs={"pk": placement.pk})
            if named:
                shown.add(placement.candidate_id)
            _all_day(
                cal,
                key=uid("milestone", milestone.pk),
                day=milestone.due_on,
                summary=f"{what} – {_who(placement.candidate, placement.host_unit.name, named)}",
                url=base_url + path,
            )
        for placement in ending_placements(membership, start, end):
            if named:
                shown.add(placement.candidate_id)
            _all_day(
                cal,
                key=uid("placement-end", placement.pk),
                day=placement.planned_end,
                summary=_("Placement ends")
                + f" – {_who(placement.candidate, placement.host_unit.name, named)}",
                url=base_url + reverse("placements:detail", kwargs={"pk": placement.pk}),
            )
        staff_events = membership.role in STAFF
        for item in visible_events(membership, start, end):
            event = Event()
            event.add("uid", uid("event", item.pk))
            event.add("dtstart", item.starts_at.astimezone(OSLO))
            event.add("duration", EVENT_LENGTH)
            event.add("summary", item.title)
            event.add("description", item.get_kind_display())
            if item.location:
                event.add("location", item.location)
            if staff_events:
                event.add("url", base_url + reverse("events:detail", kwargs={"pk": item.pk}))
            cal.add_component(event)
        # Every component gets the same DTSTAMP: when this copy of the feed was made.
        for component in cal.walk("VEVENT"):
            component.add("dtstamp", now.astimezone(datetime.UTC))
    return FeedResult(body=cal.to_ical(), candidate_ids=shown)
