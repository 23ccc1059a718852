"""Mentoring and follow-up: mentorships, notes, milestones, evaluations, events."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from candidates.models import Candidate
from core.models import Organisation
from placements.models import Placement
from programs.models import Occupation, Programme


class Mentorship(models.Model):
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mentorships",
        verbose_name=_("mentor"),
    )
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="mentorships")
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mentorships",
        verbose_name=_("programme"),
    )
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=F("starts_on")),
                name="mentorship_ends_after_start",
                violation_error_message=_("The end date must be after the start date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor_id} → {self.candidate_id}"


class MentorProfile(models.Model):
    """What mentor matching weighs: the mentor's languages, sectors, occupation and capacity."""

    operator = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_profiles"
    )
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("ISO 639 language codes.")
    )
    sectors = models.JSONField(
        _("sectors"),
        default=list,
        blank=True,
        help_text=_("Sectors the mentor knows (municipal, state, private, ngo)."),
    )
    occupation = models.ForeignKey(
        Occupation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occupation (STYRK-08)"),
    )
    max_mentees = models.PositiveSmallIntegerField(_("most mentees at a time"), default=2)
    available_from = models.DateField(_("available from"), null=True, blank=True)

    class Meta:
        verbose_name = _("mentor profile")
        verbose_name_plural = _("mentor profiles")
        constraints = [
            models.UniqueConstraint(
                fields=["operator", "mentor"], name="mentorprofile_one_per_operator"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor_id} @ {self.operator_id}"


class FollowUpNote(models.Model):
    class Kind(models.TextChoices):
        CONVERSATION = "conversation", _("Follow-up conversation")
        PHONE = "phone", _("Phone call")
        VISIT = "visit", _("Workplace visit")
        EVALUATION = "evaluation", _("Evaluation meeting")
        OTHER = "other", _("Other")

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="notes")
    placement = models.ForeignKey(
        Placement,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notes",
        verbose_name=_("placement"),
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    text = models.TextField(_("note"))
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Only you and the project lead can read a confidential note."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up note")
        verbose_name_plural = _("follow-up notes")
        ordering = ["-written_on", "-pk"]
        indexes = [
            models.Index(fields=["candidate", "-written_on"], name="note_candidate_date_idx")
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id} {self.written_on} {self.kind}"


class MilestoneKind(models.TextChoices):
    FOLLOW_UP = "follow_up", _("Follow-up")
    MID_EVALUATION = "mid_evaluation", _("Mid-way evaluation")
    FINAL_EVALUATION = "final_evaluation", _("Final evaluation")
    ATTEST = "attest", _("Attest and reference")
    OTHER = "other", _("Other")


class MilestoneTemplate(models.Model):
    """A programme's plan: milestones dated relative to a placement's start or end."""

    class Anchor(models.TextChoices):
        START = "start", _("after the start")
        MIDPOINT = "mid", _("after the midpoint")
        END = "end", _("before the end")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="milestone_plan"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MilestoneKind.choices)
    label = models.CharField(_("label"), max_length=120, blank=True)
    anchor = models.CharField(
        _("counted from"), max_length=8, choices=Anchor.choices, default=Anchor.START
    )
    offset_days = models.PositiveIntegerField(_("days"), default=0)
    repeat_every_days = models.PositiveIntegerField(
        _("repeat every (days)"),
        null=True,
        blank=True,
        help_text=_("For recurring follow-up, e.g. every 28 days until the end."),
    )

    class Meta:
        verbose_name = _("milestone template")
        verbose_name_plural = _("milestone templates")
        ordering = ["programme", "anchor", "offset_days"]
        constraints = [
            models.CheckConstraint(
                condition=Q(repeat_every_days__isnull=True) | Q(repeat_every_days__gte=7),
                name="milestone_repeat_at_least_weekly",
                violation_error_message=_("Recurring milestones repeat at most once a week."),
            ),
        ]

    def __str__(self) -> str:
        return self.label or self.get_kind_display()


class Milestone(models.Model):
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="milestones")
    template = models.ForeignKey(
        MilestoneTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The occurrence of a recurring template (1, 2, 3 …); 1 for one-off milestones.
    sequence = models.PositiveSmallIntegerField(default=1)
    kind = models.CharField(_("kind"), max_length=20, choices=MilestoneKind.choices)
    label = models.CharField(_("label"), max_length=120)
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "template", "sequence"],
                condition=Q(template__isnull=False),
                name="milestone_once_per_template_occurrence",
            ),
        ]
        indexes = [
            # The reminder scan and "what is due next" read open milestones by date.
            models.Index(
                fields=["due_on"], condition=Q(done_on__isnull=True), name="milestone_open_due_idx"
            ),
            # The home page's unanswered evaluations of an operator: the plan walks open
            # evaluations past their date in the whole country (a fifth of the open milestones)
            # and keeps the operator's; this index holds only those (cold section 500 → 200 ms).
            models.Index(
                fields=["due_on"],
                condition=Q(
                    done_on__isnull=True,
                    kind__in=[MilestoneKind.MID_EVALUATION, MilestoneKind.FINAL_EVALUATION],
                ),
                name="milestone_eval_open_due_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.due_on}"


class EvaluationTemplate(models.Model):
    operator = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="evaluation_templates"
    )
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("evaluation form")
        verbose_name_plural = _("evaluation forms")
        constraints = [
            models.UniqueConstraint(
                fields=["operator", "name"], name="evaluation_template_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class EvaluationQuestion(models.Model):
    class Kind(models.TextChoices):
        RATING = "rating", _("Rating 1–5")
        TEXT = "text", _("Text")
        YES_NO = "yes_no", _("Yes or no")

    template = models.ForeignKey(
        EvaluationTemplate, on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("question"), max_length=300)
    text_en = models.CharField(_("question in English"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)

    class Meta:
        verbose_name = _("evaluation question")
        verbose_name_plural = _("evaluation questions")
        ordering = ["template", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class Evaluation(models.Model):
    class Respondent(models.TextChoices):
        MENTOR = "mentor", _("Mentor or supervisor")
        CANDIDATE = "candidate", _("Candidate")

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="evaluations")
    milestone = models.ForeignKey(
        Milestone, on_delete=models.SET_NULL, null=True, blank=True, related_name="evaluations"
    )
    template = models.ForeignKey(EvaluationTemplate, on_delete=models.PROTECT, related_name="+")
    respondent = models.CharField(_("respondent"), max_length=10, choices=Respondent.choices)
    respondent_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # The candidate answers through a one-time link: only a hash of its token is stored.
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    token_expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["placement", "milestone", "respondent"]
        constraints = [
            models.UniqueConstraint(
                fields=["milestone", "respondent"],
                condition=Q(milestone__isnull=False),
                name="evaluation_once_per_milestone_and_respondent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} {self.respondent}"


class Answer(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(EvaluationQuestion, on_delete=models.PROTECT, related_name="+")
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    yes_no = models.BooleanField(null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "question"], name="answer_once_per_question"
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="answer_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evaluation_id}/{self.question_id}"


class Event(models.Model):
    class Kind(models.TextChoices):
        INSPIRATION = "inspiration", _("Inspiration meeting")
        CONFERENCE = "conference", _("Conference")
        LANGUAGE = "language", _("Language training")

    operator = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="events")
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("programme"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("time"))
    location = models.CharField(_("place"), max_length=200, blank=True)
    speakers = models.CharField(_("speakers"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ATTENDED = "attended", _("Attended")
        ABSENT = "absent", _("Absent")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendances")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="attendances")
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.INVITED
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "candidate"], name="attendance_once_per_event"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_id}/{self.candidate_id}: {self.status}"
