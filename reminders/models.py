"""Reminders as rows: what to tell whom and when, each send recorded once in a sent-log.

The broker is not the database. A reminder exists here from the moment it is planned until long
after it was sent; a Celery message only ever carries reminder ids, and losing one loses nothing.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from candidates.models import Application
from core.models import Organisation
from mentors.models import Milestone
from placements.models import Placement
from programs.models import Programme


class ReminderKind(models.TextChoices):
    MILESTONE_DUE = "milestone_due", _("Follow-up or evaluation due")
    PLACEMENT_ENDING = "placement_ending", _("Placement ending soon")
    NAV_AGREEMENT_ENDING = "nav_agreement_ending", _("NAV agreement ends before the placement")
    OUTCOME_DUE = "outcome_due", _("Outcome due and not registered")
    APPLICATION_WAITING = "application_waiting", _("Application waiting for a decision")


class Reminder(models.Model):
    """One e-mail-worthy fact for one recipient, due at one instant.

    ``slot`` names the fact for its recipient (kind, object, recipient), so a moved date moves the
    unsent row; ``dedupe_key`` adds the date, so a fact re-dated after its reminder went out gets
    exactly one new reminder and never a second one for the same date.
    """

    operator = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("operator")
    )
    kind = models.CharField(_("kind"), max_length=24, choices=ReminderKind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("recipient"),
    )
    # What the reminder is about. SET_NULL keeps the sent-log when a record is erased; an unsent
    # reminder that lost its object is removed by the next planning run.
    programme = models.ForeignKey(
        Programme, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    milestone = models.ForeignKey(
        Milestone, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    placement = models.ForeignKey(
        Placement, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    application = models.ForeignKey(
        Application, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A code, never free text: the milestone kind, the outcome checkpoint or the application stage.
    detail = models.CharField(max_length=24, blank=True)
    event_on = models.DateField(_("date"))
    due_at = models.DateTimeField(_("send at"))
    digest = models.BooleanField(default=False)
    slot = models.CharField(max_length=120, db_index=True)
    dedupe_key = models.CharField(max_length=140, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Delivery: claimed by a sweep for a lease, sent exactly once (see SentReminder).
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.UUIDField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["due_at", "pk"]
        indexes = [
            # The sweep reads unsent rows in its claim order (due time, then id), so the claim
            # stops after its 1,000th row without a sort; sent rows never enter the index.
            models.Index(
                fields=["due_at", "id"],
                condition=Q(sent_at__isnull=True),
                name="reminder_due_order_idx",
            ),
            # A user's upcoming reminders.
            models.Index(
                fields=["recipient", "due_at"],
                condition=Q(sent_at__isnull=True),
                name="reminder_upcoming_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.dedupe_key


class SentReminder(models.Model):
    """The sent-log: one row per reminder that reached the mail server, never two."""

    reminder = models.OneToOneField(Reminder, on_delete=models.CASCADE, related_name="sent")
    # Deterministic, so a re-send after a crash is recognisable as the same message.
    message_id = models.CharField(_("Message-ID"), max_length=200)
    sent_at = models.DateTimeField(_("sent"), db_index=True)

    class Meta:
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return self.message_id


class ReminderPreference(models.Model):
    """How a user wants their reminders: when, about what, and in which language."""

    class Delivery(models.TextChoices):
        IMMEDIATE = "immediate", _("One e-mail per reminder, when it falls due")
        DIGEST = "digest", _("One daily summary at 07:00")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference"
    )
    delivery = models.CharField(
        _("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )
    # Kinds the user has opted out of (ReminderKind values).
    muted_kinds = models.JSONField(default=list, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="nb"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reminder preference")
        verbose_name_plural = _("reminder preferences")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.delivery}"
