"""Reminder pages: one's own reminders, one's settings, the lead's sent-log; constant queries."""

import datetime
import itertools

from django.urls import reverse
from django.utils import timezone

from core.models import Role
from reminders import services
from reminders.models import Reminder, ReminderKind, ReminderPreference, SentReminder
from tests.conftest import World
from tests.factories import MembershipFactory
from tests.querybudget import assert_constant_queries

_counter = itertools.count()


def add_reminder(world: World, recipient, *, sent: bool = False, operator=None) -> Reminder:  # type: ignore[no-untyped-def]
    n = next(_counter)
    reminder = Reminder.objects.create(
        operator=operator or world.operator,
        kind=ReminderKind.MILESTONE_DUE,
        recipient=recipient,
        programme=world.objects["programme"],
        milestone=world.objects["follow_up_milestone"],
        placement=world.objects["followed_placement"],
        detail="follow_up",
        event_on=datetime.date(2027, 3, 30),
        due_at=timezone.now() + datetime.timedelta(days=1, minutes=n),
        slot=f"test:{n}",
        dedupe_key=f"test:{n}",
    )
    if sent:
        at = timezone.now()
        Reminder.objects.filter(pk=reminder.pk).update(sent_at=at)
        SentReminder.objects.create(reminder=reminder, message_id=f"<reminder-{n}@t>", sent_at=at)
    return reminder


def test_upcoming_lists_only_my_unsent_reminders(world: World) -> None:
    mentor = world.users["mentor"]
    mine = add_reminder(world, mentor)
    add_reminder(world, mentor, sent=True)
    add_reminder(world, world.users["coordinator"])
    client = world.client_for("mentor")
    client.cookies["django_language"] = "en"
    response = client.get(reverse("reminders:upcoming"))
    assert response.status_code == 200
    assert [r.pk for r, _item in response.context["rows"]] == [mine.pk]
    html = response.content.decode()
    assert "Follow-up for a candidate in Traineeprogram Testby is due on" in html
    assert f'href="/placements/{mine.placement_id}/"' in html
    assert html.count("<h1") == 1
    assert '<th scope="col">' in html and "<caption" in html


def test_upcoming_query_count_does_not_grow(world: World) -> None:
    mentor = world.users["mentor"]

    def add(n: int) -> None:
        for _ in range(n):
            add_reminder(world, mentor)

    # user, count, page of reminders
    # (with programme, milestone and application joined)
    assert_constant_queries(
        world.client_for("mentor"), reverse("reminders:upcoming"), add, expected=3
    )


def test_preferences_show_defaults_and_save(world: World) -> None:
    client = world.client_for("coordinator")
    url = reverse("reminders:preferences")
    response = client.get(url)
    assert response.context["form"].initial["delivery"] == "immediate"
    assert response.context["form"].initial["kinds"] == ReminderKind.values
    page = response.content.decode()
    assert 'for="id_delivery_0"' in page and 'for="id_language"' in page
    assert page.count("<legend") >= 2  # the radio and checkbox groups are labelled fieldsets
    response = client.post(
        url,
        {
            "delivery": "digest",
            "kinds": [ReminderKind.MILESTONE_DUE, ReminderKind.OUTCOME_DUE],
            "language": "en",
        },
    )
    assert response.status_code == 302
    preference = ReminderPreference.objects.get(user=world.users["coordinator"])
    assert preference.delivery == "digest"
    assert preference.language == "en"
    assert set(preference.muted_kinds) == {
        ReminderKind.PLACEMENT_ENDING,
        ReminderKind.NAV_AGREEMENT_ENDING,
        ReminderKind.APPLICATION_WAITING,
    }
    form = client.get(url).context["form"]
    assert form.initial == {
        "delivery": "digest",
        "kinds": [ReminderKind.MILESTONE_DUE, ReminderKind.OUTCOME_DUE],
        "language": "en",
    }


def test_preferences_reject_an_unknown_kind(world: World) -> None:
    response = world.client_for("mentor").post(
        reverse("reminders:preferences"),
        {"delivery": "immediate", "kinds": ["national_id_dump"], "language": "nb"},
    )
    assert response.status_code == 200
    assert not ReminderPreference.objects.exists()


def test_sent_log_shows_the_operators_sends_only(world: World) -> None:
    mine = add_reminder(world, world.users["mentor"], sent=True)
    other_member = MembershipFactory(operator=world.other_operator, role=Role.COORDINATOR).user
    foreign = add_reminder(world, other_member, sent=True, operator=world.other_operator)
    response = world.client_for("lead").get(reverse("reminders:sent_log"))
    assert [s.reminder_id for s in response.context["page"]] == [mine.pk]
    html = response.content.decode()
    assert mine.sent.message_id.replace("<", "&lt;").replace(">", "&gt;") in html
    assert world.users["mentor"].get_full_name() in html
    assert world.users["mentor"].email not in html
    assert foreign.sent.message_id.replace("<", "&lt;") not in html


def test_sent_log_query_count_does_not_grow(world: World) -> None:
    def add(n: int) -> None:
        for _ in range(n):
            add_reminder(world, world.users["mentor"], sent=True)

    # user, count, page of sends (+ recipients),
    # reminders given up on (+ recipients)
    assert_constant_queries(
        world.client_for("lead"), reverse("reminders:sent_log"), add, expected=4
    )


def test_sent_log_shows_reminders_given_up_on(world: World) -> None:
    failed = add_reminder(world, world.users["mentor"])
    Reminder.objects.filter(pk=failed.pk).update(
        attempts=services.MAX_ATTEMPTS, last_error="SMTPRecipientsRefused: secret detail"
    )
    add_reminder(world, world.users["coordinator"])  # still trying: not listed
    client = world.client_for("lead")
    client.cookies["django_language"] = "en"
    response = client.get(reverse("reminders:sent_log"))
    assert [r.pk for r in response.context["failed"]] == [failed.pk]
    html = response.content.decode()
    assert "Reminders that could not be sent" in html
    assert "secret detail" not in html


def test_lists_filter_by_kind_and_answer_htmx_with_the_results_only(world: World) -> None:
    mentor = world.users["mentor"]
    milestone = add_reminder(world, mentor)
    ending = add_reminder(world, mentor)
    Reminder.objects.filter(pk=ending.pk).update(kind=ReminderKind.PLACEMENT_ENDING)
    client = world.client_for("mentor")
    url = reverse("reminders:upcoming") + "?kind=placement_ending"
    assert [r.pk for r, _ in client.get(url).context["rows"]] == [ending.pk]
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<div id="results"') and "<h1" not in partial
    assert milestone.pk != ending.pk

    add_reminder(world, mentor, sent=True)
    lead = world.client_for("lead")
    log_url = reverse("reminders:sent_log")
    assert len(lead.get(log_url + "?kind=milestone_due").context["page"]) == 1
    assert len(lead.get(log_url + "?kind=outcome_due").context["page"]) == 0
    partial = lead.get(log_url, headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<div id="results"') and "<h1" not in partial
