"""Programmes built from host units' needs: programmes, cohorts, host units, positions."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.models import Organisation, validate_orgnr


class Occupation(models.Model):
    """STYRK-08 (Norway's ISCO-08), Statistisk sentralbyrå (KLASS 7), NLOD 2.0."""

    code = models.CharField(_("code"), max_length=4, primary_key=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT)
    level = models.PositiveSmallIntegerField(_("level"))
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("occupation (STYRK-08)")
        verbose_name_plural = _("occupations (STYRK-08)")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Municipality(models.Model):
    """Norwegian municipalities, Statistisk sentralbyrå (KLASS 131), NLOD 2.0."""

    code = models.CharField(_("municipality number"), max_length=4, primary_key=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class OutcomeKind(models.TextChoices):
    """Where a participant stands at exit and later; programme goals count some of these."""

    PERMANENT_IN_FIELD = "permanent_in_field", _("Permanent job in own field")
    PERMANENT_OUTSIDE_FIELD = "permanent_outside_field", _("Permanent job outside own field")
    TEMPORARY_JOB = "temporary_job", _("Temporary job")
    TRAINEE_ELSEWHERE = "trainee_elsewhere", _("Trainee or intern elsewhere")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
    EDUCATION = "education", _("Education")
    UNEMPLOYED = "unemployed", _("Unemployed")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


ORDINARY_JOB_KINDS = [
    OutcomeKind.PERMANENT_IN_FIELD,
    OutcomeKind.PERMANENT_OUTSIDE_FIELD,
    OutcomeKind.TEMPORARY_JOB,
]


class Programme(models.Model):
    class Kind(models.TextChoices):
        TRAINEE = "trainee", _("Trainee programme")
        MENTOR = "mentor", _("Mentor scheme")
        PRAKSIS = "praksis", _("Work-practice programme")
        NETWORK = "network", _("Employer network")

    operator = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="programmes",
        limit_choices_to={"is_operator": True},
        verbose_name=_("operator"),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"), null=True, blank=True)
    partners = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="partner_programmes",
        verbose_name=_("partners"),
        limit_choices_to={"is_operator": False},
    )
    goal_target = models.PositiveIntegerField(
        _("goal: number of participants"),
        null=True,
        blank=True,
        help_text=_("For example 1000 participants into ordinary jobs."),
    )
    goal_outcome_kinds = models.JSONField(
        _("goal: outcomes that count"),
        default=list,
        blank=True,
        help_text=_("Outcome kinds that count toward the goal."),
    )
    goal_deadline = models.DateField(_("goal: deadline"), null=True, blank=True)
    wall_of_fame_public = models.BooleanField(
        _("publish a wall of fame"),
        default=False,
        help_text=_(
            "Employer networks only: a public page thanks the employers who hired, "
            "listing those that agreed to be named."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=F("starts_on")),
                name="programme_ends_after_start",
                violation_error_message=_("The end date must be after the start date."),
            ),
            # A goal is a target and a deadline together, or nothing.
            models.CheckConstraint(
                condition=(
                    Q(goal_target__isnull=True, goal_deadline__isnull=True)
                    | Q(goal_target__gte=1, goal_deadline__isnull=False)
                ),
                name="programme_goal_complete",
                violation_error_message=_(
                    "A goal needs both a number of participants (at least 1) and a deadline."
                ),
            ),
            models.UniqueConstraint(
                fields=["operator", "name"],
                name="programme_unique_name",
                violation_error_message=_("The operator already has a programme with this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_goal(self) -> bool:
        return self.goal_target is not None

    def clean(self) -> None:
        kinds = set(self.goal_outcome_kinds or [])
        if kinds - set(OutcomeKind.values):
            raise ValidationError({"goal_outcome_kinds": _("Unknown outcome kind.")})
        if self.goal_target is not None and not kinds:
            raise ValidationError(
                {"goal_outcome_kinds": _("Choose which outcomes count toward the goal.")}
            )

    def goal_outcome_labels(self) -> list[str]:
        return [str(OutcomeKind(kind).label) for kind in self.goal_outcome_kinds or []]


class FundingShare(models.Model):
    """One party's share of a programme's funding; a programme's shares sum to 100."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="funding")
    party = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("party")
    )
    percent = models.PositiveSmallIntegerField(_("percent"))

    class Meta:
        verbose_name = _("funding share")
        verbose_name_plural = _("funding shares")
        ordering = ["-percent"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__gte=1, percent__lte=100),
                name="funding_percent_1_to_100",
                violation_error_message=_("A funding share must be between 1 and 100 percent."),
            ),
            models.UniqueConstraint(
                fields=["programme", "party"],
                name="funding_one_per_party",
                violation_error_message=_("Each party can have only one funding share."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party} {self.percent} %"


class Cohort(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(_("name"), max_length=100)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    capacity = models.PositiveIntegerField(_("capacity"))

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")),
                name="cohort_ends_after_start",
                violation_error_message=_("The end date must be after the start date."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=0),
                name="cohort_capacity_not_negative",
                violation_error_message=_("Capacity cannot be negative."),
            ),
            models.UniqueConstraint(
                fields=["programme", "name"],
                name="cohort_unique_name",
                violation_error_message=_("The programme already has a cohort with this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class HostUnit(models.Model):
    """A unit of the operator or an external employer that hosts placements."""

    class Sector(models.TextChoices):
        MUNICIPAL = "municipal", _("Municipal")
        STATE = "state", _("State")
        PRIVATE = "private", _("Private")
        NGO = "ngo", _("Voluntary (NGO)")

    operator = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="host_units",
        limit_choices_to={"is_operator": True},
        verbose_name=_("operator"),
    )
    name = models.CharField(_("name"), max_length=200)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices)
    org_number = models.CharField(
        _("organisation number"), max_length=9, blank=True, validators=[validate_orgnr]
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("municipality"),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("host unit")
        verbose_name_plural = _("host units")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["operator", "name"],
                name="hostunit_unique_name",
                violation_error_message=_("There is already a host unit with this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Position(models.Model):
    """An opening defined from a host unit's recruitment need."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        FILLED = "filled", _("Filled")
        CLOSED = "closed", _("Closed")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="positions")
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("cohort"),
    )
    host_unit = models.ForeignKey(
        HostUnit, on_delete=models.PROTECT, related_name="positions", verbose_name=_("host unit")
    )
    title = models.CharField(_("title"), max_length=200)
    occupation = models.ForeignKey(
        Occupation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("occupation (STYRK-08)"),
    )
    qualifications = models.TextField(_("qualifications"), blank=True)
    slots = models.PositiveIntegerField(_("slots"), default=1)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["host_unit__name", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(slots__gte=1),
                name="position_at_least_one_slot",
                violation_error_message=_("A position needs at least one slot."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=F("starts_on")),
                name="position_ends_after_start",
                violation_error_message=_("The end date must be after the start date."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        linked = self.programme_id and self.host_unit_id
        if linked and self.host_unit.operator_id != self.programme.operator_id:
            errors["host_unit"] = _("The host unit belongs to another operator.")
        cohort = self.cohort if self.cohort_id else None
        if cohort is not None and self.programme_id and cohort.programme_id != self.programme_id:
            errors["cohort"] = _("The cohort belongs to another programme.")
        if errors:
            raise ValidationError(errors)


class EmployerCommitment(models.Model):
    """A network employer's pledge to hire; the wall of fame shows those that did."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="commitments")
    employer = models.ForeignKey(
        HostUnit, on_delete=models.PROTECT, related_name="commitments", verbose_name=_("employer")
    )
    committed_on = models.DateField(_("date"))
    pledge = models.PositiveIntegerField(_("pledged hires"), default=1)
    note = models.CharField(_("note"), max_length=300, blank=True)
    named_publicly = models.BooleanField(
        _("may be named on the wall of fame"),
        default=False,
        help_text=_("The employer has agreed to be named on the programme's public page."),
    )

    class Meta:
        verbose_name = _("employer commitment")
        verbose_name_plural = _("employer commitments")
        ordering = ["-committed_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pledge__gte=1),
                name="commitment_pledge_at_least_one",
                violation_error_message=_("An employer must pledge at least one hire."),
            ),
            models.UniqueConstraint(
                fields=["programme", "employer"],
                name="commitment_one_per_employer",
                violation_error_message=_(
                    "This employer has already made a commitment to the programme."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employer} → {self.programme}"

    def clean(self) -> None:
        if self.programme_id and self.programme.kind != Programme.Kind.NETWORK:
            raise ValidationError(_("Only employer networks take employer commitments."))
        if (
            self.programme_id
            and self.employer_id
            and self.employer.operator_id != self.programme.operator_id
        ):
            raise ValidationError({"employer": _("The employer belongs to another operator.")})
