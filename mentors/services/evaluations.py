"""Evaluation forms: the default templates, answers by staff and by the candidate's link."""

import datetime
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.models import Candidate
from core.models import Organisation, User
from core.services import audit_log

from ..models import (
    Answer,
    Evaluation,
    EvaluationQuestion,
    EvaluationTemplate,
    Milestone,
    MilestoneKind,
)
from ..selectors import EVALUATION_KINDS, is_expired, token_hash
from .milestones import milestone_mark_done

INVITATION_DAYS = 14


# --- Evaluation forms -----------------------------------------------------------------------

K = EvaluationQuestion.Kind
# The default forms each operator gets: (Norwegian, English, kind) per question.
DEFAULT_FORMS: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    MilestoneKind.MID_EVALUATION: (
        "Midtveisevaluering",
        [
            ("Hvordan trives du på arbeidsplassen?", "How do you like the workplace?", K.RATING),
            (
                "Hvordan fungerer samarbeidet mellom deltaker og veileder eller mentor?",
                "How well do the participant and the supervisor or mentor work together?",
                K.RATING,
            ),
            (
                "I hvilken grad får deltakeren brukt utdanningen og erfaringen sin?",
                "To what extent does the participant use their education and experience?",
                K.RATING,
            ),
            (
                "Hvordan fungerer norsken i arbeidshverdagen?",
                "How well does Norwegian work in everyday work?",
                K.RATING,
            ),
            ("Er arbeidsoppgavene tydelige?", "Are the tasks clear?", K.YES_NO),
            ("Hva har gått bra så langt?", "What has gone well so far?", K.TEXT),
            (
                "Hva bør endres eller følges opp resten av perioden?",
                "What should change or be followed up for the rest of the period?",
                K.TEXT,
            ),
        ],
    ),
    MilestoneKind.FINAL_EVALUATION: (
        "Sluttevaluering",
        [
            (
                "Hvordan vurderer du perioden samlet?",
                "How do you rate the period as a whole?",
                K.RATING,
            ),
            (
                "I hvilken grad er målene for perioden nådd?",
                "To what extent were the goals for the period reached?",
                K.RATING,
            ),
            (
                "Hvordan har norsken utviklet seg i perioden?",
                "How has Norwegian developed during the period?",
                K.RATING,
            ),
            (
                "Er deltakeren klar for en ordinær jobb innen faget sitt?",
                "Is the participant ready for an ordinary job in their field?",
                K.YES_NO,
            ),
            (
                "Vil du anbefale arbeidsplassen til andre deltakere?",
                "Would you recommend the workplace to other participants?",
                K.YES_NO,
            ),
            (
                "Hva var det viktigste utbyttet av perioden?",
                "What was the most important gain from the period?",
                K.TEXT,
            ),
            (
                "Hva er neste steg etter perioden?",
                "What is the next step after the period?",
                K.TEXT,
            ),
        ],
    ),
}


@transaction.atomic
def evaluation_template_default(*, operator: Organisation | int, kind: str) -> EvaluationTemplate:
    """The operator's form for a mid-way or final evaluation, created with the default questions
    if missing (an existing form, perhaps edited, is left as it is)."""
    if kind not in DEFAULT_FORMS:
        raise ValidationError(_("Only mid-way and final evaluations have a form."))
    operator_id = operator.pk if isinstance(operator, Organisation) else operator
    name, questions = DEFAULT_FORMS[kind]
    template, created = EvaluationTemplate.objects.get_or_create(operator_id=operator_id, name=name)
    if created:
        EvaluationQuestion.objects.bulk_create(
            EvaluationQuestion(template=template, order=i, text=text, text_en=text_en, kind=k)
            for i, (text, text_en, k) in enumerate(questions, start=1)
        )
    return template


def _clean_answers(
    questions: list[EvaluationQuestion], answers: dict[int, Any]
) -> list[tuple[EvaluationQuestion, dict[str, Any]]]:
    """Every question answered, in its own kind: ratings 1–5, yes or no, non-empty text."""
    cleaned, errors = [], []
    for question in questions:
        value = answers.get(question.pk)
        if question.kind == EvaluationQuestion.Kind.RATING:
            ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5
            fields = {"rating": value}
        elif question.kind == EvaluationQuestion.Kind.YES_NO:
            ok = isinstance(value, bool)
            fields = {"yes_no": value}
        else:
            text = value.strip() if isinstance(value, str) else ""
            ok = bool(text)
            fields = {"text": text}
        if not ok:
            errors.append(question.pk)
        cleaned.append((question, fields))
    if errors:
        raise ValidationError(
            _("Answer every question; ratings go from 1 to 5."), params={"questions": errors}
        )
    return cleaned


def _submit(evaluation: Evaluation, answers: dict[int, Any]) -> None:
    questions = list(EvaluationQuestion.objects.filter(template_id=evaluation.template_id))
    cleaned = _clean_answers(questions, answers)
    rows = [
        Answer(evaluation=evaluation, question=question, **fields) for question, fields in cleaned
    ]
    for answer in rows:
        # Field checks only: the rating range was checked above and the database enforces it too.
        answer.full_clean(validate_unique=False, validate_constraints=False)
    Answer.objects.bulk_create(rows)
    evaluation.submitted_at = timezone.now()
    evaluation.token_hash = ""
    evaluation.save(update_fields=["submitted_at", "token_hash"])


def _evaluation_for(milestone: Milestone, respondent: str) -> Evaluation:
    """The milestone's evaluation by this respondent, created unanswered if missing (locked)."""
    if milestone.kind not in EVALUATION_KINDS:
        raise ValidationError(_("Only mid-way and final evaluations have a form."))
    placement = milestone.placement
    template = evaluation_template_default(
        operator=placement.candidate.operator_id, kind=milestone.kind
    )
    evaluation, _created = Evaluation.objects.select_for_update().get_or_create(
        milestone=milestone,
        respondent=respondent,
        defaults={"placement": placement, "template": template},
    )
    return evaluation


@transaction.atomic
def evaluation_submit(*, milestone: Milestone, by: User, answers: dict[int, Any]) -> Evaluation:
    """The supervisor's or mentor's evaluation at a milestone, saved whole or not at all; the
    milestone is then done (if it was not already)."""
    evaluation = _evaluation_for(milestone, Evaluation.Respondent.MENTOR)
    if evaluation.submitted_at is not None:
        raise ValidationError(_("This evaluation has already been submitted."))
    evaluation.respondent_user = by
    evaluation.save(update_fields=["respondent_user"])
    _submit(evaluation, answers)
    audit_log(
        actor=by,
        operator=milestone.placement.candidate.operator_id,
        action="mentors.evaluation.submitted",
        obj=evaluation,
        data={"milestone": milestone.pk, "respondent": evaluation.respondent},
    )
    if Milestone.objects.filter(pk=milestone.pk, done_on__isnull=True).exists():
        milestone_mark_done(milestone=milestone, by=by)
    return evaluation


@transaction.atomic
def evaluation_invite_candidate(
    *, milestone: Milestone, by: User, valid_days: int = INVITATION_DAYS
) -> str:
    """A one-time link token for the candidate's own evaluation. Only its hash is stored; a new
    invitation replaces the previous link."""
    evaluation = _evaluation_for(milestone, Evaluation.Respondent.CANDIDATE)
    if evaluation.submitted_at is not None:
        raise ValidationError(_("The candidate has already answered this evaluation."))
    token = secrets.token_urlsafe(32)
    evaluation.token_hash = token_hash(token)
    evaluation.token_expires_at = timezone.now() + datetime.timedelta(days=valid_days)
    evaluation.save(update_fields=["token_hash", "token_expires_at"])
    audit_log(
        actor=by,
        operator=milestone.placement.candidate.operator_id,
        action="mentors.evaluation.invited",
        obj=evaluation,
        data={"milestone": milestone.pk, "expires": evaluation.token_expires_at.isoformat()},
    )
    return token


class LinkUsed(ValidationError):
    """The link was answered already (or never existed)."""


class LinkExpired(ValidationError):
    """The link is past its expiry."""


@transaction.atomic
def evaluation_submit_by_token(*, token: str, answers: dict[int, Any]) -> Evaluation:
    """The candidate's answers through their one-time link: accepted once, before expiry, whole."""
    if not token:
        raise LinkUsed(_("This link has been used or does not exist."), code="used")
    evaluation = (
        Evaluation.objects.select_for_update(of=("self",))
        .filter(
            token_hash=token_hash(token),
            respondent=Evaluation.Respondent.CANDIDATE,
            submitted_at__isnull=True,
        )
        .select_related("placement__candidate")
        .first()
    )
    if evaluation is None:
        raise LinkUsed(_("This link has been used or does not exist."), code="used")
    if is_expired(evaluation):
        raise LinkExpired(_("This link has expired."), code="expired")
    _submit(evaluation, answers)
    audit_log(
        actor=None,
        operator=evaluation.placement.candidate.operator_id,
        action="mentors.evaluation.submitted",
        obj=evaluation,
        data={"milestone": evaluation.milestone_id, "respondent": evaluation.respondent},
    )
    return evaluation


@transaction.atomic
def evaluation_submit_by_candidate(
    *, candidate: Candidate, evaluation: Evaluation, answers: dict[int, Any]
) -> Evaluation:
    """The signed-in candidate's answers to one of their own evaluations (the portal): accepted
    once and whole; the one-time link, if any, stops working."""
    locked = (
        Evaluation.objects.select_for_update(of=("self",))
        .filter(
            pk=evaluation.pk,
            placement__candidate=candidate,
            respondent=Evaluation.Respondent.CANDIDATE,
            submitted_at__isnull=True,
        )
        .first()
    )
    if locked is None:
        raise ValidationError(_("This evaluation has already been submitted."), code="used")
    _submit(locked, answers)
    audit_log(
        actor=None,
        operator=candidate.operator_id,
        action="mentors.evaluation.submitted",
        obj=locked,
        data={"milestone": locked.milestone_id, "respondent": locked.respondent, "via": "portal"},
    )
    return locked
