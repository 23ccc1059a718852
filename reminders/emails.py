"""Reminder e-mails: the one-reminder message and the daily digest, in the recipient's language."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from core.emails import absolute_url, make_message
from core.selectors import preferred_language

from .models import Reminder, ReminderPreference
from .planning import local_zone
from .presentation import describe


def _domain() -> str:
    return settings.SITE_DOMAIN.split(":")[0] or "springbrett"


def message_id_for(rows: list[Reminder]) -> str:
    """The same Message-ID every time these reminders are sent, so a re-send is recognisable."""
    first = min(row.pk for row in rows)
    if rows[0].digest:
        return f"<reminder-digest-{first}@{_domain()}>"
    return f"<reminder-{first}@{_domain()}>"


def _language(rows: list[Reminder]) -> str:
    # The reverse one-to-one raises an AttributeError subclass when the user never chose.
    preference = getattr(rows[0].recipient, "reminder_preference", None)
    if preference is not None:
        return preference.language
    # Not chosen for the e-mails: the language the user reads Springbrett in, else the operator's.
    chosen = preferred_language(user=rows[0].recipient, operator=rows[0].operator)
    return chosen or ReminderPreference().language


def reminder_message(rows: list[Reminder]) -> EmailMultiAlternatives:
    """One e-mail for one reminder, or the digest of a recipient's reminders for one day."""
    recipient = rows[0].recipient
    language = _language(rows)
    with translation.override(language):
        items = [describe(row) for row in rows]
        context: dict[str, object] = {
            "first_name": recipient.first_name,
            "items": [
                {"kind": i.kind_label, "text": i.text, "when": i.when, "link": absolute_url(i.path)}
                for i in items
            ],
            "day": date_format(rows[0].due_at.astimezone(local_zone()).date(), "DATE_FORMAT"),
            "upcoming_link": absolute_url(reverse("reminders:upcoming")),
            "preferences_link": absolute_url(reverse("reminders:preferences")),
            "LANGUAGE_CODE": language,
        }
        name = "reminder-digest" if rows[0].digest else "reminder"
        message = make_message(name, [recipient.email], context)
    message.extra_headers.update(
        {
            "Message-ID": message_id_for(rows),
            "Content-Language": language,
            # RFC 3834: an automatic message, so out-of-office replies are not sent back.
            "Auto-Submitted": "auto-generated",
        }
    )
    return message
