"""Candidates (names in every script, validated ids), consent, and the selection pipeline."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.models import Organisation
from core.names import Norwegian
from programs.models import Cohort, JobOpening, Municipality, Occupation, Position


class CEFR(models.TextChoices):
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"


class Candidate(models.Model):
    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        OTHER = "other", _("Other")

    class EducationLevel(models.TextChoices):
        # NUS / ISCED 2011 groups as Norwegian statistics report them.
        PRIMARY = "primary", _("Primary or lower secondary (ISCED 1–2)")
        UPPER_SECONDARY = "upper_secondary", _("Upper secondary (ISCED 3–4)")
        VOCATIONAL = "vocational", _("Tertiary vocational (ISCED 5)")
        BACHELOR = "bachelor", _("Bachelor or equivalent (ISCED 6)")
        MASTER = "master", _("Master or equivalent (ISCED 7)")
        DOCTORATE = "doctorate", _("Doctorate (ISCED 8)")

    class Recognition(models.TextChoices):
        NOT_APPLIED = "not_applied", _("Not applied for")
        PENDING = "pending", _("Application pending")
        RECOGNISED = "recognised", _("Recognised")
        PARTLY = "partly", _("Partly recognised")
        NOT_RECOGNISED = "not_recognised", _("Not recognised")
        NOT_NEEDED = "not_needed", _("Not needed")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PARTICIPANT = "participant", _("Participant")
        FINISHED = "finished", _("Finished")
        INACTIVE = "inactive", _("Inactive")

    class IdKind(models.TextChoices):
        FNR = "fnr", _("National identity number")
        DNR = "dnr", _("D number")
        HNR = "hnr", _("H number")
        DUF = "duf", _("DUF number")

    operator = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="candidates",
        limit_choices_to={"is_operator": True},
    )
    given_name = models.CharField(_("given name"), max_length=150)
    family_name = models.CharField(_("family name"), max_length=150)
    given_name_latin = models.CharField(
        _("given name (Latin letters)"),
        max_length=150,
        blank=True,
        help_text=_("As written in Norwegian documents, when the name is in another script."),
    )
    family_name_latin = models.CharField(
        _("family name (Latin letters)"), max_length=150, blank=True
    )
    preferred_name = models.CharField(_("preferred name"), max_length=150, blank=True)
    # Lower-cased names in their own script plus a transliteration, kept by the services, so a
    # search for "olena" finds "Олена" and one index serves every script.
    search_name = models.TextField(editable=False, default="")
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    national_id = models.CharField(_("national id"), max_length=12, blank=True, editable=False)
    national_id_kind = models.CharField(
        _("kind of id"), max_length=4, choices=IdKind.choices, blank=True, editable=False
    )
    country_of_birth = CountryField(_("country of birth"), blank=True)
    nationality = CountryField(_("nationality"), blank=True)
    arrival_year = models.PositiveSmallIntegerField(
        _("year of arrival in Norway"), null=True, blank=True
    )
    education_level = models.CharField(
        _("education level"), max_length=16, choices=EducationLevel.choices, blank=True
    )
    education_field = models.CharField(_("field of education"), max_length=200, blank=True)
    education_country = CountryField(_("country of education"), blank=True)
    recognition = models.CharField(
        _("recognition in Norway"), max_length=16, choices=Recognition.choices, blank=True
    )
    profession = models.ForeignKey(
        Occupation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("profession (STYRK-08)"),
    )
    norwegian_level = models.CharField(
        _("Norwegian level"), max_length=2, choices=CEFR.choices, blank=True
    )
    norwegian_oral = models.CharField(
        _("Norskprøven: oral"), max_length=2, choices=CEFR.choices, blank=True
    )
    norwegian_reading = models.CharField(
        _("Norskprøven: reading"), max_length=2, choices=CEFR.choices, blank=True
    )
    norwegian_listening = models.CharField(
        _("Norskprøven: listening"), max_length=2, choices=CEFR.choices, blank=True
    )
    norwegian_writing = models.CharField(
        _("Norskprøven: writing"), max_length=2, choices=CEFR.choices, blank=True
    )
    other_languages = models.JSONField(
        _("other languages"), default=list, blank=True, help_text=_("ISO 639 language codes.")
    )
    # What matching needs beyond the profile above (see matching/): where the candidate lives,
    # how far they can travel, when and how much they can work, and what they wish to do.
    home_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("home municipality"),
    )
    driving_licence = models.BooleanField(_("driving licence (class B)"), default=False)
    max_travel_km = models.PositiveIntegerField(_("can travel up to (km)"), null=True, blank=True)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    hours_available = models.PositiveSmallIntegerField(
        _("hours per week available"), null=True, blank=True
    )
    wished_occupations = models.JSONField(
        _("wished occupations"),
        default=list,
        blank=True,
        help_text=_("STYRK-08 codes of the occupations the candidate wishes to work in."),
    )
    nav_caseworker = models.CharField(_("NAV caseworker"), max_length=200, blank=True)
    nav_office = models.CharField(_("NAV office"), max_length=200, blank=True)
    nav_phone = models.CharField(_("NAV phone"), max_length=30, blank=True)
    nav_email = models.EmailField(_("NAV e-mail"), blank=True)
    # The language of the candidate's own page and of the e-mails to them; empty: the operator's
    # default or what the browser asks for.
    language = models.CharField(_("language"), max_length=8, blank=True, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    # A legal hold (a complaint, a court case, a NAV audit) stops retention and erasure.
    legal_hold = models.BooleanField(_("legal hold"), default=False)
    legal_hold_reason = models.CharField(_("reason for the legal hold"), max_length=200, blank=True)
    # Set by candidates.privacy.candidate_erase: the row stays (placements and outcomes still
    # count) but every personal field is cleared.
    erased_at = models.DateTimeField(
        _("personal data erased"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = [Norwegian("family_name").asc(), Norwegian("given_name").asc()]
        constraints = [
            models.UniqueConstraint(
                fields=["operator", "national_id"],
                condition=~Q(national_id=""),
                name="candidate_national_id_unique_per_operator",
                violation_error_message=_("Another candidate already has this id number."),
            ),
        ]
        indexes = [
            models.Index(fields=["operator", "family_name"], name="candidate_op_family_idx"),
            # Matching reads one operator's candidates of one status (matching.selectors).
            models.Index(fields=["operator", "status"], name="candidate_op_status_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def latin_name(self) -> str:
        return f"{self.given_name_latin} {self.family_name_latin}".strip()

    @property
    def display_name(self) -> str:
        """The name as the person uses it: preferred given name, family name as written."""
        return f"{self.preferred_name or self.given_name} {self.family_name}"


class Consent(models.Model):
    class Purpose(models.TextChoices):
        PROCESSING = "processing", _("Processing of personal data in the programme")
        SHARE_NAV = "share_nav", _("Sharing information with NAV")
        SHARE_EMPLOYER = "share_employer", _("Sharing the profile with employers")
        CONTACT_LATER = "contact_later", _("Contact after the programme for follow-up")

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    given_on = models.DateField(_("given on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_after_given",
                violation_error_message=_("Consent cannot be withdrawn before it was given."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_purpose_display()


class Application(models.Model):
    class Stage(models.TextChoices):
        APPLIED = "applied", _("Applied")
        SCREENED = "screened", _("Screened")
        INTERVIEW = "interview", _("Interview")
        OFFERED = "offered", _("Offered")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="applications")
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("cohort"),
    )
    position = models.ForeignKey(
        Position,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("position"),
    )
    opening = models.ForeignKey(
        JobOpening,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("job opening"),
    )
    stage = models.CharField(
        _("stage"), max_length=10, choices=Stage.choices, default=Stage.APPLIED
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    applied_on = models.DateField(_("applied on"))
    stage_changed_at = models.DateTimeField(_("stage changed"), auto_now_add=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-applied_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cohort__isnull=False)
                | Q(position__isnull=False)
                | Q(opening__isnull=False),
                name="application_has_target",
                violation_error_message=_(
                    "An application is for a cohort, a position or a job opening."
                ),
            ),
            models.CheckConstraint(
                condition=Q(position__isnull=True) | Q(opening__isnull=True),
                name="application_position_or_opening",
                violation_error_message=_(
                    "An application is for a position or a job opening, not both."
                ),
            ),
            models.UniqueConstraint(
                fields=["candidate", "opening"],
                condition=Q(opening__isnull=False),
                name="application_once_per_opening",
                violation_error_message=_(
                    "The candidate has already been proposed for this job opening."
                ),
            ),
            models.UniqueConstraint(
                fields=["candidate", "position"],
                condition=Q(position__isnull=False),
                name="application_once_per_position",
                violation_error_message=_("The candidate has already applied for this position."),
            ),
            models.UniqueConstraint(
                fields=["candidate", "cohort"],
                condition=Q(position__isnull=True, opening__isnull=True),
                name="application_once_per_cohort",
                violation_error_message=_("The candidate has already applied for this cohort."),
            ),
        ]
        indexes = [models.Index(fields=["cohort", "stage"], name="application_cohort_stage_idx")]

    def __str__(self) -> str:
        return f"{self.candidate_id} → {self.position or self.opening or self.cohort}"


class StageChange(models.Model):
    """The history of an application: who moved it from which stage to which, when and why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="history")
    from_stage = models.CharField(max_length=10, choices=Application.Stage.choices, blank=True)
    to_stage = models.CharField(max_length=10, choices=Application.Stage.choices)
    reason = models.CharField(max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_stage or '-'} → {self.to_stage}"


class SubjectRequest(models.Model):
    """A data subject's request for access to, or erasure of, their data: the controller's act.

    A coordinator records the request; the operator's project lead approves or declines it and
    carries it out (the export or the erasure). Ids, codes and dates only.
    """

    class Kind(models.TextChoices):
        EXPORT = "export", _("Access: a copy of everything held")
        ERASURE = "erasure", _("Erasure")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the project lead")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        DONE = "done", _("Carried out")

    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="subject_requests"
    )
    kind = models.CharField(_("request"), max_length=10, choices=Kind.choices)
    received_on = models.DateField(_("received on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("data subject request")
        verbose_name_plural = _("data subject requests")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "kind"],
                condition=Q(status__in=["pending", "approved"]),
                name="subject_request_one_open_per_kind",
                violation_error_message=_("This request is already waiting for the project lead."),
            ),
        ]
        indexes = [models.Index(fields=["status", "requested_at"], name="subject_request_open_idx")]

    def __str__(self) -> str:
        return f"{self.candidate_id}: {self.kind} ({self.status})"
