"""Requirements an opening puts on a candidate, shared by positions, employers' job openings and
every form that edits them; and the job opening itself (an employer's vacancy in a network)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class LanguageLevel(models.TextChoices):
    """CEFR levels (the same codes as candidates.CEFR, which this layer cannot import)."""

    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"


class EducationLevel(models.TextChoices):
    """NUS / ISCED 2011 groups (the same codes as candidates.Candidate.EducationLevel)."""

    PRIMARY = "primary", _("Primary or lower secondary (ISCED 1–2)")
    UPPER_SECONDARY = "upper_secondary", _("Upper secondary (ISCED 3–4)")
    VOCATIONAL = "vocational", _("Tertiary vocational (ISCED 5)")
    BACHELOR = "bachelor", _("Bachelor or equivalent (ISCED 6)")
    MASTER = "master", _("Master or equivalent (ISCED 7)")
    DOCTORATE = "doctorate", _("Doctorate (ISCED 8)")


class Requirements(models.Model):
    """What an opening asks of a candidate. Positions and employers' job openings share it, and
    so does every form that edits requirements (REQUIREMENT_FIELDS), so matching reads one shape.

    Hard requirements exclude a candidate (driving licence, minimum Norwegian level, the distance
    limit); the rest weigh in the score.
    """

    education_level = models.CharField(
        _("education level wanted"), max_length=16, choices=EducationLevel.choices, blank=True
    )
    education_field = models.CharField(_("field of education wanted"), max_length=200, blank=True)
    norwegian_level = models.CharField(
        _("Norwegian level wanted"), max_length=2, choices=LanguageLevel.choices, blank=True
    )
    norwegian_minimum = models.CharField(
        _("Norwegian level required"),
        max_length=2,
        choices=LanguageLevel.choices,
        blank=True,
        help_text=_("Candidates below this level are not suggested at all."),
    )
    languages = models.JSONField(
        _("other languages wanted"),
        default=list,
        blank=True,
        help_text=_("ISO 639 language codes, for example ar, uk, so."),
    )
    driving_licence_required = models.BooleanField(_("driving licence required"), default=False)
    work_municipality = models.ForeignKey(
        "programs.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("place of work (municipality)"),
    )
    max_distance_km = models.PositiveIntegerField(
        _("longest distance from home (km)"),
        null=True,
        blank=True,
        help_text=_("Candidates living farther away are not suggested. Empty: no limit."),
    )
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week"), null=True, blank=True)
    must_haves = models.TextField(
        _("must-haves"),
        blank=True,
        help_text=_("Anything else the candidate must have; shown with the shortlist."),
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        languages = self.languages or []
        if not isinstance(languages, list) or not all(
            isinstance(code, str) and 2 <= len(code) <= 3 and code.isalpha() for code in languages
        ):
            raise ValidationError({"languages": _("Give language codes such as ar, uk or so.")})
        self.languages = sorted({code.lower() for code in languages})


# The requirement fields in the order forms show them (the host-unit form reuses this too).
REQUIREMENT_FIELDS = (
    "education_level",
    "education_field",
    "norwegian_level",
    "norwegian_minimum",
    "languages",
    "driving_licence_required",
    "work_municipality",
    "max_distance_km",
    "hours_per_week",
    "must_haves",
)


class JobOpening(Requirements):
    """An ordinary job an employer in a network programme offers; matched like a position."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FILLED = "filled", _("Filled")
        CLOSED = "closed", _("Closed")

    programme = models.ForeignKey(
        "programs.Programme", on_delete=models.CASCADE, related_name="openings"
    )
    employer = models.ForeignKey(
        "programs.HostUnit",
        on_delete=models.PROTECT,
        related_name="openings",
        verbose_name=_("employer"),
    )
    title = models.CharField(_("title"), max_length=200)
    occupation = models.ForeignKey(
        "programs.Occupation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occupation (STYRK-08)"),
    )
    slots = models.PositiveIntegerField(_("slots"), default=1)
    starts_on = models.DateField(_("start"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("job opening")
        verbose_name_plural = _("job openings")
        ordering = ["employer__name", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(slots__gte=1),
                name="jobopening_at_least_one_slot",
                violation_error_message=_("An opening needs at least one slot."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.programme_id and self.programme.kind != "network":
            raise ValidationError(_("Only employer networks have job openings."))
        if (
            self.programme_id
            and self.employer_id
            and self.employer.operator_id != self.programme.operator_id
        ):
            raise ValidationError({"employer": _("The employer belongs to another operator.")})
