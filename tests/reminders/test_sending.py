"""Sending: once, logged, in the recipient's language, with the minimum of data; enqueued only
after commit."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction

from candidates.models import Candidate
from mentors.models import Milestone
from placements.services import nav_agreement_set
from reminders import services, tasks
from reminders.models import Reminder, ReminderKind, SentReminder
from tests.conftest import World

from .conftest import oslo, travel

D = datetime.date
NATIONAL_ID = "17918099837"  # synthetic (Tenor-style, month + 80)


@pytest.fixture
def planned(world: World) -> Reminder:
    """The mentor's reminder of the follow-up due 2027-03-30 (sent 2027-03-23 09:00)."""
    Candidate.objects.filter(pk=world.objects["followed_candidate"].pk).update(
        national_id=NATIONAL_ID, national_id_kind="fnr"
    )
    mentor = world.users["mentor"]
    type(mentor).objects.filter(pk=mentor.pk).update(first_name="Mona")
    with travel(oslo(2027, 3, 20, 12)):
        services.reminders_plan()
    return Reminder.objects.get(recipient=mentor, milestone=world.objects["follow_up_milestone"])


def test_due_reminder_is_sent_once_and_logged(planned: Reminder, sweep) -> None:  # type: ignore[no-untyped-def]
    with travel(oslo(2027, 3, 23, 8, 59)):
        assert sweep() == 0
    with travel(oslo(2027, 3, 23, 9, 0)):
        assert sweep() == 1
    with travel(oslo(2027, 3, 23, 9, 5)):
        assert sweep() == 1
    with travel(oslo(2027, 3, 24, 9, 0)):
        assert sweep() == 1
    planned.refresh_from_db()
    log = SentReminder.objects.get(reminder=planned)
    assert planned.sent_at == log.sent_at == oslo(2027, 3, 23, 9)
    assert log.message_id == f"<reminder-{planned.pk}@127.0.0.1>"
    assert mail.outbox[0].extra_headers["Message-ID"] == log.message_id


def test_email_is_in_english_with_first_name_what_when_and_a_link(
    world: World, planned: Reminder, sweep
) -> None:  # type: ignore[no-untyped-def]
    services.preference_update(
        user=world.users["mentor"], delivery="immediate", muted_kinds=[], language="en"
    )
    with travel(oslo(2027, 3, 23, 9, 1)):
        sweep()
    (message,) = mail.outbox
    text = message.body
    html = message.alternatives[0].content
    assert message.to == [world.users["mentor"].email]
    assert message.subject == "Reminder: Follow-up or evaluation due"
    assert "Hello Mona," in text and "Hello Mona," in html
    assert "Follow-up for a candidate in Traineeprogram Testby is due on 30 March 2027." in text
    link = f"https://127.0.0.1:8000/placements/{planned.placement_id}/"
    assert link in text and f'href="{link}"' in html
    assert message.extra_headers["Content-Language"] == "en"
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert '<html lang="en">' in html


def test_email_is_in_bokmal_by_default(planned: Reminder, sweep) -> None:  # type: ignore[no-untyped-def]
    with travel(oslo(2027, 3, 23, 9, 1)):
        sweep()
    (message,) = mail.outbox
    # The date is formatted by Django's own bokmål catalogue.
    assert "30. mars 2027" in message.body
    assert message.extra_headers["Content-Language"] == "nb"
    assert '<html lang="nb">' in message.alternatives[0].content


def test_email_carries_no_national_id_name_note_or_nav_data(
    world: World, planned: Reminder, sweep
) -> None:  # type: ignore[no-untyped-def]
    placement = world.objects["followed_placement"]
    nav_agreement_set(
        placement=placement,
        reference="NAV-REF-99887766",
        benefit="aap",
        starts_on=D(2027, 3, 2),
        ends_on=D(2027, 4, 5),
        by=world.users["lead"],
    )
    with travel(oslo(2027, 3, 20, 12)):
        services.reminders_plan()
    with travel(oslo(2027, 3, 23, 9, 1)):
        assert sweep() >= 3  # the milestone, the NAV agreement (mentor and coordinator)
    kinds = set(Reminder.objects.filter(sent_at__isnull=False).values_list("kind", flat=True))
    assert kinds == {ReminderKind.MILESTONE_DUE, ReminderKind.NAV_AGREEMENT_ENDING}
    candidate = world.objects["followed_candidate"]
    forbidden = [
        NATIONAL_ID,
        candidate.given_name,
        candidate.family_name,
        world.objects["note"].text,
        world.objects["confidential_note"].text,
        "NAV-REF-99887766",
        "aap",
        "Work assessment allowance",
    ]
    for message in mail.outbox:
        whole = message.message().as_string() + message.body + message.alternatives[0].content
        for value in forbidden:
            assert value not in whole, value


def test_digest_gathers_a_days_reminders_into_one_email_at_0700(world: World, sweep) -> None:  # type: ignore[no-untyped-def]
    mentor = world.users["mentor"]
    services.preference_update(user=mentor, delivery="digest", muted_kinds=[], language="en")
    Milestone.objects.create(
        placement=world.objects["followed_placement"],
        kind="mid_evaluation",
        label="Midtveisevaluering",
        due_on=D(2027, 3, 30),
    )
    with travel(oslo(2027, 3, 20, 12)):
        services.reminders_plan()
    mine = Reminder.objects.filter(recipient=mentor)
    assert mine.count() == 2
    with travel(oslo(2027, 3, 23, 6, 59)):
        assert sweep() == 0
    with travel(oslo(2027, 3, 23, 7, 0)):
        assert sweep() == 1
    with travel(oslo(2027, 3, 23, 9, 0)):
        assert sweep() == 1
    (message,) = mail.outbox
    assert message.subject == "Your reminders for 23 March 2027"
    assert "You have 2 reminders today:" in message.body
    ids = sorted(mine.values_list("pk", flat=True))
    assert message.extra_headers["Message-ID"] == f"<reminder-digest-{ids[0]}@127.0.0.1>"
    assert set(SentReminder.objects.values_list("message_id", flat=True)) == {
        message.extra_headers["Message-ID"]
    }


def test_reminder_moved_after_its_claim_is_not_sent(world: World, planned: Reminder) -> None:
    with travel(oslo(2027, 3, 23, 9, 1)):
        (chunk,) = services.reminders_claim_due()
    assert planned.pk in chunk
    Milestone.objects.filter(pk=planned.milestone_id).update(due_on=D(2027, 5, 1))
    with travel(oslo(2027, 3, 23, 9, 2)):
        services.reminders_plan()
        assert tasks.send_reminders(chunk) == 0
    planned.refresh_from_db()
    assert (planned.sent_at, planned.claimed_at) == (None, None)
    assert mail.outbox == []


def test_failed_send_is_recorded_and_retried_after_the_lease(planned: Reminder, sweep) -> None:  # type: ignore[no-untyped-def]
    with (
        mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages",
            side_effect=ConnectionRefusedError("mail server down"),
        ),
        travel(oslo(2027, 3, 23, 9, 1)),
    ):
        assert sweep() == 0
    planned.refresh_from_db()
    assert planned.sent_at is None
    assert planned.last_error == "ConnectionRefusedError: mail server down"
    assert planned.attempts == 1
    with travel(oslo(2027, 3, 23, 9, 6)):
        assert sweep() == 0  # still within the 10-minute lease
    with travel(oslo(2027, 3, 23, 9, 12)):
        assert sweep() == 1
    planned.refresh_from_db()
    assert (planned.attempts, planned.last_error) == (2, "")
    assert planned.sent_at is not None


def test_a_reminder_is_given_up_on_after_max_attempts(planned: Reminder) -> None:
    Reminder.objects.filter(pk=planned.pk).update(attempts=services.MAX_ATTEMPTS - 1)
    with travel(oslo(2027, 3, 23, 9, 1)):
        assert services.reminders_claim_due() == [[planned.pk]]
    with travel(oslo(2027, 3, 24, 9, 1)):
        assert services.reminders_claim_due() == []


def test_claim_twice_hands_out_each_row_once(planned: Reminder) -> None:
    with travel(oslo(2027, 3, 23, 9, 1)):
        first = services.reminders_claim_due()
        second = services.reminders_claim_due()
    assert [planned.pk] in first
    assert second == []


# --- Enqueue after commit (checks 18) -------------------------------------------------------


def test_rolled_back_transaction_enqueues_nothing(
    planned: Reminder, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with (
        mock.patch.object(tasks.send_reminders, "delay") as delay,
        travel(oslo(2027, 3, 23, 9, 1)),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        assert tasks.send_due_reminders() == 1
        raise RuntimeError("rolled back")
    assert callbacks == []
    delay.assert_not_called()
    planned.refresh_from_db()
    assert planned.claimed_at is None  # the claim was rolled back too


def test_committed_transaction_enqueues_exactly_once(
    planned: Reminder, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with (
        mock.patch.object(tasks.send_reminders, "delay") as delay,
        travel(oslo(2027, 3, 23, 9, 1)),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        assert tasks.send_due_reminders() == 1
        delay.assert_not_called()  # nothing before the commit
    assert len(callbacks) == 1
    delay.assert_called_once_with([planned.pk])
