"""Tenancy (operators and memberships), users and the audit trail."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.no import orgnr


def validate_orgnr(value: str) -> None:
    """A Norwegian organisation number: nine digits with a mod-11 check digit."""
    try:
        orgnr.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            _("%(value)s is not a valid Norwegian organisation number (nine digits, mod-11)."),
            params={"value": value},
            code="invalid_orgnr",
        ) from exc


class User(AbstractUser):
    """A person who signs in. What they may do is decided per operator by a Membership."""

    email = models.EmailField(_("e-mail address"), unique=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    if TYPE_CHECKING:
        # Set on the request's user by django-otp's OTPMiddleware (core.mfa.OTPMiddleware).
        def is_verified(self) -> bool: ...


class Organisation(models.Model):
    """An operator that runs programmes (a tenant), or a partner registered by an operator."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        NGO = "ngo", _("Voluntary organisation")
        ADULT_EDUCATION = "adult_education", _("Adult-education centre")
        BUSINESS_NETWORK = "business_network", _("Business network")
        NAV = "nav", _("NAV office")
        COUNTY = "county", _("County")
        EMPLOYER = "employer", _("Employer")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    is_operator = models.BooleanField(
        _("operator"),
        default=False,
        help_text=_("Operators run programmes and have users; partners belong to an operator."),
    )
    operator = models.ForeignKey(
        "self",
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="partners",
        help_text=_("The operator whose register this partner belongs to."),
    )
    org_number = models.CharField(
        _("organisation number"), max_length=9, blank=True, validators=[validate_orgnr]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            # An operator is its own tenant; a partner always belongs to exactly one operator.
            models.CheckConstraint(
                condition=(
                    models.Q(is_operator=True, operator__isnull=True)
                    | models.Q(is_operator=False, operator__isnull=False)
                ),
                name="organisation_operator_or_partner",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    LEAD = "lead", _("HR project lead")
    COORDINATOR = "coordinator", _("Coordinator")
    SUPERVISOR = "supervisor", _("Supervisor")
    MENTOR = "mentor", _("Mentor")
    PARTNER = "partner", _("Partner viewer")


class Membership(models.Model):
    """A user's role at one operator. A user may hold memberships at several operators."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    operator = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        limit_choices_to={"is_operator": True},
        verbose_name=_("operator"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    partner_organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("partner organisation"),
        help_text=_("For partner viewers: the partner whose programmes they may see."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "operator"], name="membership_one_per_operator"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.operator} ({self.get_role_display()})"


class ConfidentialityDeclaration(models.Model):
    """A supervisor's or mentor's accepted duty of confidentiality, required before first access
    to any candidate's record at that operator."""

    CURRENT_VERSION = "2026-1"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="declarations"
    )
    operator = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    accepted_at = models.DateTimeField(_("accepted"))
    text_version = models.CharField(max_length=20, default=CURRENT_VERSION)

    class Meta:
        verbose_name = _("confidentiality declaration")
        verbose_name_plural = _("confidentiality declarations")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "operator"], name="declaration_once_per_operator"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.operator_id}"


class AuditEntry(models.Model):
    """An append-only record of who did or read what. Holds ids, never names or national ids.

    The database refuses UPDATE and DELETE on this table (triggers from migration 0004); only the
    retention service may delete rows past the operator's retention period, through
    ``core.audit.audit_purge()``. The references are kept as ids without a database constraint,
    so deleting a user or an operator never has to rewrite the log.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    operator = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    action = models.CharField(max_length=100)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
            # The lead's access log and the retention purge read one operator's entries by time.
            models.Index(fields=["operator", "-at"], name="audit_operator_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"


class AuditSubject(models.Model):
    """One candidate named by an audit entry that concerns several (an export, a ZIP of documents),
    so the access log can be filtered by candidate on every database. Append-only like the log."""

    entry = models.ForeignKey(AuditEntry, on_delete=models.CASCADE, related_name="subjects")
    candidate_id = models.PositiveBigIntegerField(db_index=True)

    class Meta:
        verbose_name = _("audit subject")
        verbose_name_plural = _("audit subjects")
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "candidate_id"], name="audit_subject_once_per_entry"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.candidate_id}"


class RetentionPolicy(models.Model):
    """How long an operator keeps personal data, in months. Without a row the defaults apply."""

    operator = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="retention_policy",
        limit_choices_to={"is_operator": True},
    )
    rejected_months = models.PositiveSmallIntegerField(
        _("applicants who were not selected"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Months after the last application was rejected or withdrawn."),
    )
    finished_months = models.PositiveSmallIntegerField(
        _("finished candidates"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_(
            "Months after the last placement ended or the last outcome was registered; "
            "then the candidate is anonymised."
        ),
    )
    notes_months = models.PositiveSmallIntegerField(
        _("follow-up notes"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Months after the placement ended."),
    )
    access_log_months = models.PositiveSmallIntegerField(
        _("access log"),
        default=60,
        validators=[MinValueValidator(12), MaxValueValidator(240)],
        help_text=_("Months the access log is kept."),
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("retention policy")
        verbose_name_plural = _("retention policies")

    def __str__(self) -> str:
        return f"retention policy of {self.operator_id}"
