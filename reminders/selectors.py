"""Reads for reminders: a user's own upcoming ones, their preference, and an operator's sent-log."""

from django.db.models import QuerySet

from core.models import Organisation, User

from .models import Reminder, ReminderPreference, SentReminder


def upcoming_for(*, user: User) -> QuerySet[Reminder]:
    """The user's unsent reminders, soonest first, with what their sentences need (one query)."""
    return (
        Reminder.objects.filter(recipient=user, sent_at__isnull=True)
        .select_related("programme", "milestone", "application")
        .order_by("due_at", "pk")
    )


def preference_of(*, user: User) -> ReminderPreference:
    """The user's preference, or the defaults (unsaved) when they never chose."""
    return ReminderPreference.objects.filter(user=user).first() or ReminderPreference(user=user)


def sent_log_of(*, operator: Organisation) -> QuerySet[SentReminder]:
    """The operator's sent reminders, newest first, with their recipients (one query)."""
    return (
        SentReminder.objects.filter(reminder__operator=operator)
        .select_related("reminder__recipient")
        .order_by("-sent_at", "-pk")
    )


def undeliverable_of(*, operator: Organisation, max_attempts: int) -> QuerySet[Reminder]:
    """The operator's reminders given up on after ``max_attempts`` failed sends (one query)."""
    return (
        Reminder.objects.filter(operator=operator, sent_at__isnull=True, attempts__gte=max_attempts)
        .select_related("recipient")
        .order_by("due_at", "pk")
    )
