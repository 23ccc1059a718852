"""The host units' sign-in links and their submissions. A submission is a pending record the
lead accepts (into a position, a job opening or a commitment), edits first or declines; it never
writes into those tables itself."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.magiclink import OneTimeToken
from programs.models import Cohort, EmployerCommitment, HostUnit, Occupation, Position, Programme
from programs.requirements import JobOpening, Requirements


class HostSignInToken(OneTimeToken):
    """A one-time sign-in link for a host unit's contact: bound to the unit and the address it
    was sent to, so a changed contact address makes the old links useless."""

    host_unit = models.ForeignKey(HostUnit, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()

    class Meta:
        verbose_name = _("host sign-in link")
        verbose_name_plural = _("host sign-in links")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")), name="host_token_expires_later"
            ),
        ]

    def __str__(self) -> str:
        return f"sign-in link #{self.pk} for host unit {self.host_unit_id}"


class Submission(Requirements):
    """What a host unit reported: a need for the next cohort, a network employer's commitment or
    one of its job openings. Pending until the lead decides."""

    class Kind(models.TextChoices):
        NEED = "need", _("Need for a cohort")
        COMMITMENT = "commitment", _("Commitment")
        OPENING = "opening", _("Job opening")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    host_unit = models.ForeignKey(
        HostUnit, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("host unit")
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="+", verbose_name=_("programme")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cohort"),
    )
    title = models.CharField(_("job title"), max_length=200, blank=True)
    occupation = models.ForeignKey(
        Occupation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occupation (STYRK-08)"),
    )
    slots = models.PositiveIntegerField(_("how many"), default=1)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    qualifications = models.TextField(_("qualifications"), blank=True)
    pledge = models.PositiveIntegerField(_("pledged hires"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    named_publicly = models.BooleanField(_("may be named on the wall of fame"), default=False)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    submitted_at = models.DateTimeField(_("sent"), auto_now_add=True)
    # A supervisor who sent it with their own login; empty after a link sign-in.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decline_reason = models.TextField(_("reason"), blank=True)
    position = models.ForeignKey(
        Position, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opening = models.ForeignKey(
        JobOpening, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    commitment = models.ForeignKey(
        EmployerCommitment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("submission from a host unit")
        verbose_name_plural = _("submissions from host units")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["status", "submitted_at"], name="submission_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(slots__gte=1),
                name="submission_at_least_one",
                violation_error_message=_("Give at least one."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gt=F("starts_on")),
                name="submission_ends_after_start",
                violation_error_message=_("The end date must be after the start date."),
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="submission_declined_has_reason",
                violation_error_message=_("Say why the submission is declined."),
            ),
        ]

    def __str__(self) -> str:
        return f"submission #{self.pk} from host unit {self.host_unit_id}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    def clean(self) -> None:
        super().clean()
        errors: dict[str, object] = {}
        if self.programme_id and self.host_unit_id:
            if self.host_unit.operator_id != self.programme.operator_id:
                errors["programme"] = _("The programme belongs to another operator.")
            network = self.programme.kind == Programme.Kind.NETWORK
            if self.kind == self.Kind.NEED and network:
                errors["programme"] = _("Report needs for a trainee, mentor or practice programme.")
            if self.kind != self.Kind.NEED and not network:
                errors["programme"] = _("Only employer networks take commitments and openings.")
        cohort = self.cohort if self.cohort_id else None
        if cohort is not None and self.programme_id and cohort.programme_id != self.programme_id:
            errors["cohort"] = _("The cohort belongs to another programme.")
        if self.kind in (self.Kind.NEED, self.Kind.OPENING):
            if not self.title.strip():
                errors["title"] = _("Write what the job is called.")
            if self.starts_on is None:
                errors["starts_on"] = _("Give the date it starts.")
        if self.kind == self.Kind.COMMITMENT and not self.pledge:
            errors["pledge"] = _("Give how many people you will hire (at least 1).")
        if errors:
            raise ValidationError(errors)
