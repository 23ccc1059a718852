"""Reminder e-mails in nynorsk: chosen for the e-mails, or following the user's own language or
the operator's default when the user never chose a language for the e-mails."""

import pytest
from django.core import mail
from django.urls import reverse

from core.models import Organisation, User
from reminders import services
from reminders.models import Reminder
from tests.conftest import World

from .conftest import oslo, travel


@pytest.fixture
def planned(world: World) -> Reminder:
    """The mentor's reminder of the follow-up due 2027-03-30 (sent 2027-03-23 09:00)."""
    User.objects.filter(pk=world.users["mentor"].pk).update(first_name="Mona")
    with travel(oslo(2027, 3, 20, 12)):
        services.reminders_plan()
    return Reminder.objects.get(
        recipient=world.users["mentor"], milestone=world.objects["follow_up_milestone"]
    )


def sent_message(sweep):  # type: ignore[no-untyped-def]
    with travel(oslo(2027, 3, 23, 9, 1)):
        sweep()
    (message,) = mail.outbox
    return message


def assert_nynorsk(message) -> None:  # type: ignore[no-untyped-def]
    assert message.subject == "Påminning: Frist for oppfølging eller evaluering"
    assert "for ein kandidat i Traineeprogram Testby har frist 30. mars 2027." in message.body
    assert message.extra_headers["Content-Language"] == "nn"
    assert '<html lang="nn">' in message.alternatives[0].content


def test_email_in_nynorsk_when_chosen_for_the_emails(world: World, planned, sweep) -> None:  # type: ignore[no-untyped-def]
    services.preference_update(
        user=world.users["mentor"], delivery="immediate", muted_kinds=[], language="nn"
    )
    assert_nynorsk(sent_message(sweep))


def test_email_follows_the_users_language(world: World, planned, sweep) -> None:  # type: ignore[no-untyped-def]
    User.objects.filter(pk=world.users["mentor"].pk).update(language="nn")
    assert_nynorsk(sent_message(sweep))


def test_email_follows_the_operator_default(world: World, planned, sweep) -> None:  # type: ignore[no-untyped-def]
    Organisation.objects.filter(pk=world.operator.pk).update(default_language="nn")
    assert_nynorsk(sent_message(sweep))


def test_settings_page_offers_the_pages_language_until_chosen(world: World) -> None:
    User.objects.filter(pk=world.users["mentor"].pk).update(language="nn")
    page = world.client_for("mentor").get(reverse("reminders:preferences")).content.decode()
    assert '<option value="nn" selected>' in page
