"""The candidate's dates: their live placements' open milestones and the events they are invited
to, on a page and as an iCalendar file that parses back; staff by first name only, another
candidate's dates never, every read in the access log, a fixed number of queries."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from core.models import AuditEntry
from mentors.event_services import attendance_invite, event_create
from mentors.models import Milestone, MilestoneKind
from tests.portal.helpers import portal_client
from tests.querybudget import assert_constant_queries

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2027, 1, 4, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def dated(world):  # type: ignore[no-untyped-def]
    """The followed candidate with a coming event; another candidate with one of their own."""
    lead, mentor = world.users["lead"], world.users["mentor"]
    mentor.first_name, mentor.last_name = "Kari", "Secret-Surname"
    mentor.save()
    placement = world.objects["followed_placement"]
    placement.supervisor = mentor
    placement.save()
    with time_machine.travel(TODAY, tick=False):
        mine = event_create(
            operator=world.operator,
            by=lead,
            kind="inspiration",
            title="Inspirasjonsmøte",
            starts_at=timezone.now() + datetime.timedelta(days=10),
            location="Storgata 1",
        )
        other = event_create(
            operator=world.operator,
            by=lead,
            kind="language",
            title="Other-person-event",
            starts_at=timezone.now() + datetime.timedelta(days=11),
        )
    attendance_invite(event=mine, candidates=[world.objects["followed_candidate"]], by=lead)
    attendance_invite(event=other, candidates=[world.objects["candidate"]], by=lead)
    return world.objects["followed_candidate"]


def test_the_dates_page_shows_own_milestones_and_events(world, dated) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(TODAY, tick=False):
        response = portal_client(dated).get(reverse("portal:dates"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Oppfølging" in page and "Midtveisevaluering" in page
    assert "Inspirasjonsmøte" in page and "Storgata 1" in page
    assert "Kari" in page and "Secret-Surname" not in page
    assert "Other-person-event" not in page
    assert AuditEntry.objects.filter(
        action="candidates.candidate.viewed", object_id=str(dated.pk), data__what="portal_dates"
    ).exists()


def test_the_calendar_file_parses_back(world, dated) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(TODAY, tick=False):
        response = portal_client(dated).get(reverse("portal:dates_ics"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    cal = Calendar.from_ical(response.content)
    items = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    follow_up = next(e for s, e in items.items() if s.startswith("Oppfølging"))
    assert follow_up.decoded("dtstart") == datetime.date(2027, 3, 30)
    assert "Kari" in str(follow_up["summary"])
    event = items["Inspirasjonsmøte"]
    assert event.decoded("dtstart").astimezone(datetime.UTC) == TODAY + datetime.timedelta(days=10)
    body = response.content.decode()
    assert "Secret-Surname" not in body and "Other-person-event" not in body
    # UIDs are keyed hashes: no row ids in them.
    assert all(re.fullmatch(r"[0-9a-f]{32}@springbrett", str(e["uid"])) for e in cal.walk("VEVENT"))
    assert AuditEntry.objects.filter(
        object_id=str(dated.pk), data__what="portal_dates_ics"
    ).exists()


def test_done_and_past_milestones_are_left_out(world, dated) -> None:  # type: ignore[no-untyped-def]
    Milestone.objects.filter(pk=world.objects["follow_up_milestone"].pk).update(
        done_on=datetime.date(2026, 12, 1)
    )
    with time_machine.travel(datetime.datetime(2027, 6, 1, tzinfo=datetime.UTC), tick=False):
        page = portal_client(dated).get(reverse("portal:dates")).content.decode()
    assert "Oppfølging" not in page and "Inspirasjonsmøte" not in page
    assert "Midtveisevaluering" in page


def test_another_candidate_sees_only_their_own_dates(world, dated) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(TODAY, tick=False):
        client = portal_client(world.objects["candidate"])
        body = client.get(reverse("portal:dates_ics")).content.decode()
        page = client.get(reverse("portal:dates")).content.decode()
    assert "Inspirasjonsmøte" not in body + page
    assert "Other-person-event" in body and "Other-person-event" in page


@pytest.mark.parametrize("name", ["portal:dates", "portal:dates_ics"])
def test_the_dates_take_a_fixed_number_of_queries(world, dated, name) -> None:  # type: ignore[no-untyped-def]
    placement = world.objects["followed_placement"]

    def add_rows(n: int) -> None:
        for i in range(n):
            Milestone.objects.create(
                placement=placement,
                kind=MilestoneKind.FOLLOW_UP,
                label=f"Samtale {i}",
                due_on=datetime.date(2027, 2, 1) + datetime.timedelta(days=i),
                sequence=100 + Milestone.objects.count(),
            )
            event = event_create(
                operator=world.operator,
                by=world.users["lead"],
                kind="inspiration",
                title=f"Møte {i}",
                starts_at=TODAY + datetime.timedelta(days=20 + i),
            )
            attendance_invite(event=event, candidates=[dated], by=world.users["lead"])

    with time_machine.travel(TODAY, tick=False):
        # session, candidate (+operator), milestones (+workplace, supervisor), events, the
        # access-log row (the frozen clock leaves the session unchanged: no session save)
        assert_constant_queries(portal_client(dated), reverse(name), add_rows, expected=4)
