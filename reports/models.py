"""Attests and references: drafts that a supervisor or lead approves and staff issue as PDF/A.

An issued document is immutable: its PDF bytes, checksum and verification code are written once
by ``reports.services.document_issue``; a correction is a new version (``previous``) and issuing it
marks the old one superseded. The operator's letterhead and the batch jobs live here too.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.models import Organisation
from placements.models import Placement
from programs.models import Cohort

# Free text is bounded so a hostile or careless draft cannot make a render take minutes.
TASKS_MAX_CHARS = 4000
ASSESSMENT_MAX_CHARS = 6000
ABSENCE_MAX_CHARS = 500


class ImmutableDocumentError(RuntimeError):
    """Raised when code tries to save changes to an issued or superseded document."""


def logo_upload_to(instance: "Letterhead", filename: str) -> str:
    # Never the uploaded name: it is user input, and the extension comes from the magic bytes.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "png"
    return f"letterheads/{instance.operator_id}-{uuid.uuid4().hex}.{extension}"


class Letterhead(models.Model):
    """How an operator's documents look: its name, logo and address, and who signs."""

    operator = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="letterhead",
        limit_choices_to={"is_operator": True},
        verbose_name=_("operator"),
    )
    name = models.CharField(_("name on the letterhead"), max_length=200)
    address = models.TextField(
        _("address"), blank=True, validators=[MaxLengthValidator(300)], max_length=300
    )
    contact = models.CharField(
        _("contact line"),
        max_length=200,
        blank=True,
        help_text=_("For example the switchboard, e-mail or web address."),
    )
    place = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("Printed before the date.")
    )
    logo = models.FileField(_("logo"), upload_to=logo_upload_to, blank=True)
    signatory_name = models.CharField(_("signed by"), max_length=200, blank=True)
    signatory_title = models.CharField(_("title of the signatory"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("letterhead")
        verbose_name_plural = _("letterheads")

    def __str__(self) -> str:
        return self.name


class Document(models.Model):
    class Kind(models.TextChoices):
        ATTEST = "attest", _("Certificate of service")
        REFERENCE = "reference", _("Reference")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        ISSUED = "issued", _("Issued")
        SUPERSEDED = "superseded", _("Superseded")

    class Language(models.TextChoices):
        NB = "nb", _("Norwegian Bokmål")
        NN = "nn", _("Norwegian Nynorsk")
        EN = "en", _("English")

    FINAL = frozenset({Status.ISSUED, Status.SUPERSEDED})

    operator = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="documents", editable=False
    )
    placement = models.ForeignKey(
        Placement, on_delete=models.PROTECT, related_name="documents", verbose_name=_("placement")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.NB
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1, editable=False)
    previous = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_version",
        editable=False,
        verbose_name=_("previous version"),
    )

    # Facts, prefilled from the placement when the draft is made.
    workplace = models.CharField(_("workplace"), max_length=200)
    role_title = models.CharField(_("position or role"), max_length=200, blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    hours_per_week = models.DecimalField(
        _("hours per week"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(60)],
    )
    # Text written by the supervisor or coordinator.
    tasks = models.TextField(
        _("tasks and responsibilities"),
        blank=True,
        max_length=TASKS_MAX_CHARS,
        validators=[MaxLengthValidator(TASKS_MAX_CHARS)],
    )
    absence = models.TextField(
        _("absence"),
        blank=True,
        max_length=ABSENCE_MAX_CHARS,
        validators=[MaxLengthValidator(ABSENCE_MAX_CHARS)],
        help_text=_("Optional. Only what the candidate has agreed may be stated."),
    )
    assessment = models.TextField(
        _("assessment"),
        blank=True,
        max_length=ASSESSMENT_MAX_CHARS,
        validators=[MaxLengthValidator(ASSESSMENT_MAX_CHARS)],
    )
    referee_name = models.CharField(_("referee"), max_length=200, blank=True)
    referee_title = models.CharField(_("referee's title"), max_length=200, blank=True)
    referee_contact = models.CharField(_("referee's phone or e-mail"), max_length=200, blank=True)

    # Who did what, and when.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True, editable=False)
    issued_on = models.DateField(_("date of issue"), null=True, blank=True, editable=False)
    superseded_at = models.DateTimeField(_("superseded"), null=True, blank=True, editable=False)

    # Written once, at issue. The names are a snapshot so verification shows what was printed.
    holder_name = models.CharField(_("holder"), max_length=320, blank=True, editable=False)
    holder_name_latin = models.CharField(max_length=320, blank=True, editable=False)
    issuer_name = models.CharField(_("issuer"), max_length=200, blank=True, editable=False)
    verification_code = models.CharField(
        _("verification code"), max_length=10, null=True, blank=True, editable=False
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    filename = models.CharField(max_length=100, blank=True, editable=False)
    # The PDF lives in the row: it is small (tens of kB), it commits or rolls back with the
    # status, and deleting the row for retention leaves no orphan file behind.
    pdf = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="document_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__gt=0, hours_per_week__lte=60),
                name="document_hours_1_to_60",
                violation_error_message=_("Hours per week must be more than 0 and at most 60."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "issued", "superseded"])
                | Q(approved_at__isnull=False),
                name="document_approved_has_time",
            ),
            # Issued means issued completely: bytes, checksum, code, time, date.
            models.CheckConstraint(
                condition=~Q(status__in=["issued", "superseded"])
                | (
                    Q(pdf__isnull=False, verification_code__isnull=False, issued_at__isnull=False)
                    & Q(issued_on__isnull=False)
                    & ~Q(sha256="")
                ),
                name="document_issued_is_complete",
            ),
            models.CheckConstraint(
                condition=Q(status="superseded") | Q(superseded_at__isnull=True),
                name="document_superseded_has_status",
            ),
            models.UniqueConstraint(
                fields=["verification_code"],
                condition=Q(verification_code__isnull=False),
                name="document_code_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["operator", "status"], name="document_op_status_idx"),
            models.Index(fields=["sha256"], name="document_sha256_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} v{self.version} ({self.status})"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        # Issued documents are archival records. Superseding goes through a queryset update in
        # the service; any other save of a loaded final document is a bug and must fail loudly.
        if getattr(self, "_loaded_status", None) in self.FINAL:
            raise ImmutableDocumentError(f"document {self.pk} is issued and cannot change")
        super().save(*args, **kwargs)
        self._loaded_status = self.status

    @classmethod
    def from_db(cls, db, field_names, values, *, fetch_mode=None):  # type: ignore[no-untyped-def]
        instance = super().from_db(db, field_names, values, fetch_mode=fetch_mode)
        instance._loaded_status = instance.__dict__.get("status")
        return instance

    @property
    def is_final(self) -> bool:
        return self.status in self.FINAL

    @property
    def is_editable(self) -> bool:
        return self.status in {self.Status.DRAFT, self.Status.APPROVED}

    @property
    def display_code(self) -> str:
        """The code in two groups of five, easier to read aloud and to type."""
        code = self.verification_code or ""
        return f"{code[:5]}-{code[5:]}" if len(code) == 10 else code


class DownloadLink(models.Model):
    """A one-time link e-mailed to the candidate. Only the token's SHA-256 is stored."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("download link")
        verbose_name_plural = _("download links")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")), name="downloadlink_expires_later"
            ),
        ]

    def __str__(self) -> str:
        return f"link #{self.pk} for document {self.document_id}"


class BatchJob(models.Model):
    """Issuing every approved document of a cohort in the background, with its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    operator = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="document_batches")
    documents = models.ManyToManyField(Document, related_name="batches")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    total = models.PositiveIntegerField(_("documents"), default=0)
    done = models.PositiveIntegerField(_("issued"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)

    class Meta:
        verbose_name = _("batch of documents")
        verbose_name_plural = _("batches of documents")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(done__lte=F("total")) & Q(failed__lte=F("total")),
                name="batchjob_progress_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"batch #{self.pk} ({self.status} {self.done}/{self.total})"

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def percent(self) -> int:
        return round(100 * (self.done + self.failed) / self.total) if self.total else 100


class ExportJob(models.Model):
    """A large spreadsheet built off the request, with its progress and, when done, its bytes.

    Only the user who asked sees it. ``query`` is the report filter's query string (ids, codes
    and dates, never names); the workbook is rebuilt from it under the requester's membership.
    """

    class Report(models.TextChoices):
        PLACEMENTS = "placements", _("Placement report")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    operator = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs"
    )
    report = models.CharField(_("report"), max_length=20, choices=Report.choices)
    query = models.CharField(max_length=2000, blank=True)
    language = models.CharField(max_length=8, default="nb")
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    total = models.PositiveIntegerField(_("rows"), default=0)
    done = models.PositiveIntegerField(_("rows written"), default=0)
    content = models.BinaryField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("export job")
        verbose_name_plural = _("export jobs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(done__lte=F("total")), name="exportjob_progress_within_total"
            ),
        ]

    def __str__(self) -> str:
        return f"export #{self.pk} ({self.status} {self.done}/{self.total})"

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


class StoredFigures(models.Model):
    """A programme's dashboard figures (``cohort`` empty) or one cohort's, counted by
    ``reports.figures.figures_refresh`` after each change that moves them and again every night.
    ``data`` holds counts only (no labels, no person): see ``reports.figures``."""

    programme = models.ForeignKey(
        "programs.Programme", on_delete=models.CASCADE, related_name="stored_figures"
    )
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, null=True, blank=True, related_name="stored_figures"
    )
    data = models.JSONField(default=dict)
    refreshed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["programme"],
                condition=Q(cohort__isnull=True),
                name="stored_figures_one_per_programme",
            ),
            models.UniqueConstraint(
                fields=["programme", "cohort"], name="stored_figures_one_per_cohort"
            ),
        ]

    def __str__(self) -> str:
        return f"figures of programme {self.programme_id} cohort {self.cohort_id}"
