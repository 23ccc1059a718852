"""The calendar feed: valid iCalendar, scoped like the pages, initials only after the declaration,
secrets that stop working when rotated or revoked, a throttle, and nothing personal in the logs."""

import datetime
import logging
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from calendars import services
from calendars.models import CalendarFeed
from calendars.throttle import HITS_PER_FEED, MISSES_PER_ADDRESS
from candidates.models import Candidate
from core.models import AuditEntry, Membership, Role
from core.services import declaration_accept
from mentors.models import Attendance, Event, Milestone, MilestoneKind
from placements.services import placement_create, placement_start
from tests.conftest import World
from tests.factories import CandidateFactory, HostUnitFactory, MembershipFactory, UserFactory
from tests.querybudget import assert_constant_queries

D = datetime.date
OSLO = ZoneInfo("Europe/Oslo")
# Inside the window of every dated item of the world: its placements end 2028-03-01, the
# follow-up is due 2027-03-30 and the mid-way evaluation 2027-09-01.
TODAY = datetime.datetime(2027, 3, 15, 9, 0, tzinfo=OSLO)


@pytest.fixture(autouse=True)
def _frozen():  # type: ignore[no-untyped-def]
    with time_machine.travel(TODAY, tick=False):
        yield


def feed_url(token: str) -> str:
    return reverse("calendars:feed", kwargs={"token": token})


def fetch(token: str) -> Calendar:
    response = Client().get(feed_url(token))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def token_for(world: World, role: str) -> str:
    user = world.users[role]
    membership = user.memberships.get()
    feed = CalendarFeed.objects.filter(membership=membership).first()
    if feed is not None:
        return services.feed_rotate(feed=feed, language="en", by=user)
    return services.feed_create(membership=membership, language="en", by=user)


def events_of(cal: Calendar) -> list:  # type: ignore[type-arg]
    return list(cal.walk("VEVENT"))


def summaries(cal: Calendar) -> list[str]:
    return [str(event["SUMMARY"]) for event in events_of(cal)]


def add_event(world: World, *, title: str, invite: list[Candidate], hour: int = 18) -> Event:
    event = Event.objects.create(
        operator=world.operator,
        kind=Event.Kind.INSPIRATION,
        title=title,
        starts_at=datetime.datetime(2027, 4, 20, hour, 0, tzinfo=OSLO),
        location="Biblioteket",
    )
    for candidate in invite:
        Attendance.objects.create(event=event, candidate=candidate)
    return event


def test_the_feed_parses_back_as_icalendar_with_dates_uids_and_stamps(world: World) -> None:
    cal = fetch(world.objects["calendar_token"])
    assert str(cal["VERSION"]) == "2.0"
    assert cal["X-WR-TIMEZONE"] == "Europe/Oslo"
    (tz,) = cal.walk("VTIMEZONE")
    assert tz["TZID"] == "Europe/Oslo"
    events = events_of(cal)
    by_day = {event.decoded("DTSTART"): event for event in events}
    # The mentor's follow-up and mid-way evaluation and their placement's end, as all-day DATEs.
    assert set(by_day) == {D(2027, 3, 30), D(2027, 9, 1), D(2028, 3, 1)}
    for day, event in by_day.items():
        assert type(event.decoded("DTSTART")) is datetime.date
        assert event["DTSTART"].params["VALUE"] == "DATE"
        assert event.decoded("DTEND") == day + datetime.timedelta(days=1)
        assert event.decoded("DTSTAMP") == TODAY.astimezone(datetime.UTC)
        assert re.fullmatch(r"[0-9a-f]{32}@springbrett", str(event["UID"]))
    assert len({str(event["UID"]) for event in events}) == len(events)
    assert "T. H." in str(by_day[D(2027, 3, 30)]["SUMMARY"])
    assert "Eiendom" in str(by_day[D(2027, 3, 30)]["SUMMARY"])
    assert str(by_day[D(2027, 9, 1)]["URL"]).endswith(
        reverse("mentors:evaluation_fill", kwargs={"pk": world.objects["mid_milestone"].pk})
    )


def test_uids_stay_the_same_across_fetches_and_rotations(world: World) -> None:
    first = {str(e["UID"]) for e in events_of(fetch(world.objects["calendar_token"]))}
    token = token_for(world, "mentor")
    assert {str(e["UID"]) for e in events_of(fetch(token))} == first


def test_events_carry_their_time_in_europe_oslo(world: World) -> None:
    followed = world.objects["followed_candidate"]
    add_event(world, title="Språkkafé", invite=[followed])
    add_event(world, title="Lederforum", invite=[world.objects["candidate"]])
    feed = fetch(world.objects["calendar_token"])
    mentor_events = [e for e in events_of(feed) if "LOCATION" in e]
    (event,) = mentor_events  # only the event the mentor's candidate is invited to
    assert str(event["SUMMARY"]) == "Språkkafé"
    assert event["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert event.decoded("DTSTART") == datetime.datetime(2027, 4, 20, 18, 0, tzinfo=OSLO)
    assert event.to_ical().decode().count("DTSTART;TZID=Europe/Oslo:20270420T180000") == 1
    # Staff who manage events see all of the operator's.
    lead_titles = summaries(fetch(token_for(world, "lead")))
    assert {"Språkkafé", "Lederforum"} <= set(lead_titles)


def test_a_rotated_or_revoked_secret_answers_404(world: World) -> None:
    client = world.client_for("mentor")
    page = reverse("calendars:feed_settings")
    old = world.objects["calendar_token"]
    client.post(page, {"action": "rotate"})
    assert Client().get(feed_url(old)).status_code == 404
    new_url = re.search(r'value="(http[^"]+\.ics)"', client.get(page).content.decode())
    assert new_url, "the new address is shown once after rotating"
    new_path = new_url.group(1).split("testserver", 1)[1]
    assert Client().get(new_path).status_code == 200
    # Shown once: the next visit no longer has it.
    assert ".ics" not in client.get(page).content.decode()
    client.post(page, {"action": "revoke"})
    assert Client().get(new_path).status_code == 404
    assert not CalendarFeed.objects.exists()


def test_the_secret_is_stored_only_as_a_hash(world: World) -> None:
    token = world.objects["calendar_token"]
    feed = CalendarFeed.objects.get()
    assert token not in feed.token_hash
    assert len(token) >= 43
    for entry in AuditEntry.objects.filter(action__startswith="calendars."):
        assert token not in str(entry.data)


def test_a_deactivated_membership_closes_its_feed(world: World) -> None:
    Membership.objects.filter(user=world.users["mentor"]).update(is_active=False)
    assert Client().get(feed_url(world.objects["calendar_token"])).status_code == 404


def test_another_users_items_never_appear(world: World) -> None:
    """A second supervisor's candidate, placement, milestone and event stay out of the mentor's
    feed; the other operator's lead sees nothing of this operator."""
    other = UserFactory(username="veileder2@example.org")
    membership = MembershipFactory(user=other, operator=world.operator, role=Role.SUPERVISOR)
    declaration_accept(membership=membership)
    unit = HostUnitFactory(operator=world.operator, name="Barnehage Solsikken")
    theirs = CandidateFactory(operator=world.operator, given_name="Zainab", family_name="Quraishi")
    placement = placement_create(
        candidate=theirs,
        programme=world.objects["programme"],
        host_unit=unit,
        starts_on=D(2027, 3, 1),
        planned_end=D(2027, 8, 31),
        supervisor=other,
        by=world.users["lead"],
    )
    placement_start(placement=placement, by=world.users["lead"])
    Milestone.objects.create(
        placement=placement, kind=MilestoneKind.FOLLOW_UP, label="Oppfølging", due_on=D(2027, 4, 2)
    )
    add_event(world, title="Foreldremøte", invite=[theirs])
    mine = fetch(world.objects["calendar_token"])
    text = mine.to_ical().decode()
    assert "Solsikken" not in text and "Z. Q." not in text and "Foreldremøte" not in text
    assert D(2027, 8, 31) not in {e.decoded("DTSTART") for e in events_of(mine)}
    theirs_feed = fetch(
        services.feed_create(membership=membership, language="nb", by=other)
    ).to_ical()
    assert b"Solsikken" in theirs_feed and b"Foreldrem" in theirs_feed
    assert b"Eiendom" not in theirs_feed  # the world's mentor's placements are not theirs
    assert events_of(fetch(token_for(world, "other_lead"))) == []
    assert events_of(fetch(token_for(world, "partner"))) == []


def all_name_parts() -> set[str]:
    parts: set[str] = set()
    for candidate in Candidate.objects.all():
        for name in (candidate.given_name, candidate.family_name, candidate.preferred_name):
            if name:
                parts.add(name)
    return parts


@pytest.mark.parametrize("role", ["lead", "coordinator", "mentor", "partner", "other_lead"])
def test_no_candidate_name_appears_in_any_feed(world: World, role: str) -> None:
    CandidateFactory(operator=world.operator, given_name="Мария", family_name="Иванова")
    add_event(world, title="Språkkafé", invite=list(Candidate.objects.all()))
    body = Client().get(feed_url(token_for(world, role))).content.decode()
    unfolded = body.replace("\r\n ", "")
    for part in all_name_parts():
        assert part not in unfolded, (role, part)
    assert "Første oppfølgingssamtale" not in unfolded  # never note text


def test_initials_only_after_the_confidentiality_declaration(world: World) -> None:
    """A supervisor who has not accepted the declaration gets no names, not even initials; once
    they accept, initials. Staff without a declaration get none either."""
    fresh = UserFactory(username="ny.veileder@example.org")
    membership = MembershipFactory(user=fresh, operator=world.operator, role=Role.SUPERVISOR)
    placement = world.objects["placement"]  # Amal Haddad's
    placement.supervisor = fresh
    placement.save(update_fields=["supervisor"])
    token = services.feed_create(membership=membership, language="nb", by=fresh)
    before = fetch(token)
    assert before.to_ical().count(b"A. H.") == 0
    assert any("Eiendom" in summary for summary in summaries(before))
    declaration_accept(membership=membership)
    after = summaries(fetch(token))
    assert after and all("A. H." in summary for summary in after), after
    lead_text = fetch(token_for(world, "lead")).to_ical()
    assert b"A. H." not in lead_text and b"T. H." not in lead_text


def test_the_feed_speaks_the_language_it_was_made_in(world: World) -> None:
    nb = summaries(fetch(world.objects["calendar_token"]))
    assert any(summary.startswith("Plasseringen slutter") for summary in nb), nb
    en = summaries(fetch(token_for(world, "mentor")))
    assert any(summary.startswith("Placement ends") for summary in en), en


def test_reading_names_through_the_feed_is_logged_once_a_day(world: World) -> None:
    token = world.objects["calendar_token"]
    for _ in range(3):
        fetch(token)
    (entry,) = AuditEntry.objects.filter(action="calendars.feed.read")
    assert entry.actor == world.users["mentor"]
    assert entry.data["candidates"] == [world.objects["followed_candidate"].pk]
    fetch(token_for(world, "lead"))  # no names, nothing read
    assert AuditEntry.objects.filter(action="calendars.feed.read").count() == 1


def test_a_feed_is_throttled_and_so_is_guessing(world: World) -> None:
    url = feed_url(world.objects["calendar_token"])
    client = Client()
    for _ in range(HITS_PER_FEED):
        assert client.get(url).status_code == 200
    limited = client.get(url)
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
    guesser = Client(REMOTE_ADDR="192.0.2.7")
    for n in range(MISSES_PER_ADDRESS):
        assert guesser.get(feed_url(f"guess{n}")).status_code == 404
    assert guesser.get(feed_url("one-more")).status_code == 429


def test_nothing_about_the_request_is_logged(world: World, caplog) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.DEBUG)
    token = world.objects["calendar_token"]
    Client().get(feed_url(token))
    Client().get(feed_url("not-a-real-token"))
    Client().post(feed_url(token))
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert token not in logged and "not-a-real-token" not in logged
    assert "Tesfay" not in logged and "Hayle" not in logged


def test_the_feed_takes_the_same_queries_however_many_items(world: World) -> None:
    mentor = world.users["mentor"]
    lead = world.users["lead"]

    def add_rows(n: int) -> None:
        for _ in range(n):
            candidate = CandidateFactory(operator=world.operator)
            placement = placement_create(
                candidate=candidate,
                programme=world.objects["programme"],
                host_unit=world.objects["host_unit"],
                starts_on=D(2027, 3, 1),
                planned_end=D(2027, 12, 31),
                supervisor=mentor,
                by=lead,
            )
            Milestone.objects.create(
                placement=placement, kind=MilestoneKind.FOLLOW_UP, label="x", due_on=D(2027, 5, 1)
            )
            add_event(world, title="Møte", invite=[candidate])

    # The feed by its token hash (with membership, user and operator), the declaration, the
    # milestones, the placements, the events; then the access-log entry for the changed set of
    # candidates: savepoint, entry, its subjects, release.
    assert_constant_queries(
        Client(), feed_url(world.objects["calendar_token"]), add_rows, expected=9
    )
