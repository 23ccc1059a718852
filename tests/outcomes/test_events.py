"""Event pages: create and edit, invite the operator's candidates, mark attendance."""

import datetime
import re
from zoneinfo import ZoneInfo

from django.urls import reverse

from mentors.event_services import attendance_invite, event_create
from mentors.models import Attendance, Event
from tests.conftest import World
from tests.factories import CandidateFactory
from tests.querybudget import assert_constant_queries

OSLO = ZoneInfo("Europe/Oslo")


def url(name: str, **kwargs: object) -> str:
    return reverse(f"events:{name}", kwargs=kwargs or None)


def html_of(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def test_create_and_edit_an_event(world: World) -> None:
    client = world.client_for("coordinator")
    response = client.post(
        url("create"),
        {
            "kind": Event.Kind.CONFERENCE,
            "title": "Mangfold er en vinning",
            "programme": world.objects["programme"].pk,
            "starts_at": "2026-10-27T09:00",
            "location": "Ibsenhuset",
            "speakers": "Politikere, arbeidsgivere",
        },
    )
    event = Event.objects.get(title="Mangfold er en vinning")
    assert response["Location"] == url("detail", pk=event.pk)
    assert event.operator == world.operator
    assert event.starts_at == datetime.datetime(2026, 10, 27, 9, tzinfo=OSLO)
    response = client.post(
        url("edit", pk=event.pk),
        {"kind": Event.Kind.LANGUAGE, "title": "Språktrening", "starts_at": "2026-11-03T17:30"},
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.kind, event.title, event.programme) == (Event.Kind.LANGUAGE, "Språktrening", None)


def test_programme_of_another_operator_is_not_offered(world: World) -> None:
    response = world.client_for("other_lead").post(
        url("create"),
        {
            "kind": Event.Kind.INSPIRATION,
            "title": "Lån",
            "programme": world.objects["programme"].pk,
            "starts_at": "2026-10-27T09:00",
        },
    )
    assert response.status_code == 200
    assert not Event.objects.filter(title="Lån").exists()


def test_invite_candidates_of_the_operator(world: World) -> None:
    event = world.objects["event"]
    newcomer = CandidateFactory(operator=world.operator, given_name="Hiwet", family_name="Kidane")
    stranger = CandidateFactory(operator=world.other_operator, given_name="Ikke", family_name="Her")
    page = html_of(world.client_for("lead").get(url("detail", pk=event.pk)))
    assert "Hiwet Kidane" in page and "Ikke Her" not in page
    response = world.client_for("lead").post(
        url("invite", pk=event.pk), {"candidates": [newcomer.pk]}
    )
    assert response.status_code == 302
    assert event.attendances.filter(candidate=newcomer).exists()
    world.client_for("lead").post(url("invite", pk=event.pk), {"candidates": [stranger.pk]})
    assert not event.attendances.filter(candidate=stranger).exists()


def test_mark_attendance_with_and_without_htmx(world: World) -> None:
    attendance = world.objects["attendance"]
    client = world.client_for("coordinator", HTTP_ACCEPT_LANGUAGE="en")
    response = client.post(url("attendance", pk=attendance.pk), {"status": "attended"})
    assert response["Location"] == url("detail", pk=attendance.event_id)
    attendance.refresh_from_db()
    assert attendance.status == Attendance.Status.ATTENDED
    response = client.post(
        url("attendance", pk=attendance.pk), {"status": "absent"}, HTTP_HX_REQUEST="true"
    )
    row = html_of(response)
    assert row.strip().startswith(f'<tr id="attendance-{attendance.pk}">')
    assert "Absent" in row and "<html" not in row
    attendance.refresh_from_db()
    assert attendance.status == Attendance.Status.ABSENT


def test_attendance_of_a_future_event_cannot_be_marked(world: World) -> None:
    event = event_create(
        operator=world.operator,
        by=world.users["lead"],
        kind=Event.Kind.INSPIRATION,
        title="Neste år",
        starts_at=datetime.datetime(2099, 1, 1, 18, tzinfo=OSLO),
    )
    (attendance,) = attendance_invite(
        event=event, candidates=[world.objects["candidate"]], by=world.users["lead"]
    )
    response = world.client_for("lead", HTTP_ACCEPT_LANGUAGE="en").post(
        url("attendance", pk=attendance.pk), {"status": "attended"}, follow=True
    )
    assert "once the event has begun" in response.content.decode()
    attendance.refresh_from_db()
    assert attendance.status == Attendance.Status.INVITED


def test_other_operator_cannot_touch_attendance(world: World) -> None:
    attendance = world.objects["attendance"]
    response = world.client_for("other_lead").post(
        url("attendance", pk=attendance.pk), {"status": "attended"}
    )
    assert response.status_code == 404
    response = world.client_for("other_lead").post(
        url("invite", pk=attendance.event_id), {"candidates": []}
    )
    assert response.status_code == 404


def test_event_list_filters_by_kind(world: World) -> None:
    event_create(
        operator=world.operator,
        by=world.users["lead"],
        kind=Event.Kind.LANGUAGE,
        title="Språkkafé",
        starts_at=datetime.datetime(2026, 5, 1, 18, tzinfo=OSLO),
    )
    page = html_of(world.client_for("lead").get(url("list") + "?kind=language"))
    results = page.split('id="results"')[1]
    assert "Språkkafé" in results and "Inspirasjonsmøte" not in results
    assert "Språkkafé" not in html_of(world.client_for("other_lead").get(url("list")))


def test_event_list_query_budget(world: World) -> None:
    def add(n: int) -> None:
        for i in range(n):
            event = event_create(
                operator=world.operator,
                by=world.users["lead"],
                kind=Event.Kind.INSPIRATION,
                title=f"Møte {i}",
                starts_at=datetime.datetime(2026, 5, 1, 18, tzinfo=OSLO),
                programme=world.objects["programme"],
            )
            attendance_invite(
                event=event, candidates=[CandidateFactory(operator=world.operator)], by=None
            )

    # user, count, page of events (+programme,
    # invited and attended as subqueries), the programme filter's choices
    assert_constant_queries(world.client_for("lead"), url("list"), add, expected=4)


def test_event_detail_query_budget(world: World) -> None:
    event = world.objects["event"]

    def add(n: int) -> None:
        attendance_invite(
            event=event,
            candidates=CandidateFactory.create_batch(n, operator=world.operator),
            by=None,
        )
        CandidateFactory.create_batch(n, operator=world.operator)  # not yet invited

    # user, event (+programme, counts), attendance
    # count, attendance page (+candidate), candidates not yet invited (the invite form)
    assert_constant_queries(
        world.client_for("coordinator"), url("detail", pk=event.pk), add, expected=5
    )


def test_a_start_with_no_utc_time_is_refused_not_a_server_error(world: World) -> None:
    """Found by tests/security/test_form_fuzzing.py: midnight on 1 January of year 1 in Oslo is
    before the first UTC time Python has, and saving it raised OverflowError (a 500)."""
    client = world.client_for("coordinator")
    data = {"kind": Event.Kind.INSPIRATION, "title": "Tidlig", "starts_at": "0001-01-01T00:00"}
    response = client.post(url("create"), data)
    assert response.status_code == 200 and "starts_at" in response.context["form"].errors
    response = client.post(url("edit", pk=world.objects["event"].pk), data)
    assert response.status_code == 200 and "starts_at" in response.context["form"].errors
    assert not Event.objects.filter(title="Tidlig").exists()
