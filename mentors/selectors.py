"""Reads for mentoring and follow-up, scoped to the active membership.

Who may read which follow-up note is decided in one place, ``notes_visible_to``; every page that
shows notes goes through it. Milestone states (done, due, overdue) are decided in one place too,
``milestone_state``.
"""

import datetime
import hashlib

from django.db.models import F, Prefetch, Q, QuerySet, TextChoices
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from candidates.models import Candidate
from candidates.selectors import candidates_for, name_order
from core.models import Membership, Role
from core.names import user_name, user_order
from core.permissions import STAFF
from placements.models import Placement
from placements.selectors import placements_for
from programs.models import Programme

from .models import (
    Evaluation,
    EvaluationQuestion,
    FollowUpNote,
    MentorProfile,
    Mentorship,
    Milestone,
    MilestoneKind,
    MilestoneTemplate,
)

LIVE = (Placement.Status.PLANNED, Placement.Status.ACTIVE)
EVALUATION_KINDS = (MilestoneKind.MID_EVALUATION, MilestoneKind.FINAL_EVALUATION)


# --- Follow-up notes ------------------------------------------------------------------------


def confidential_notes_readable_by(membership: Membership) -> Q:
    """The one rule for confidential notes, on any model with ``confidential`` and ``author``
    (the notes and their change history): the author and the operator's project lead read one;
    nobody else does."""
    if membership.role == Role.LEAD:
        return Q()
    return Q(confidential=False) | Q(author_id=membership.user_id)


def notes_visible_to(
    membership: Membership | None,
    candidate: Candidate | None = None,
    placement: Placement | None = None,
) -> QuerySet[FollowUpNote]:
    """The notes the membership may read: of candidates in its scope, and a confidential note only
    when the member wrote it or is the operator's project lead."""
    if membership is None:
        return FollowUpNote.objects.none()
    notes = FollowUpNote.objects.filter(candidate__in=candidates_for(membership).values("pk"))
    notes = notes.filter(confidential_notes_readable_by(membership))
    if candidate is not None:
        notes = notes.filter(candidate=candidate)
    if placement is not None:
        notes = notes.filter(placement=placement)
    return (
        notes.annotate(
            author_name=user_name("author__"), host_unit_name=F("placement__host_unit__name")
        )
        .only(*NOTE_COLUMNS)
        .order_by("-written_on", "-pk")
    )


# What a candidate's timeline shows of their placements and mentorships beside the notes.
PANEL_PLACEMENT_COLUMNS = (
    "candidate_id",
    "starts_on",
    "planned_end",
    "actual_end",
    "status",
    "host_unit__name",
    "programme__name",
)
PANEL_MENTORSHIP_COLUMNS = (
    "candidate_id",
    "starts_on",
    "ends_on",
    "mentor__first_name",
    "mentor__last_name",
    "mentor__username",
    "programme__name",
)


# What a timeline shows of a note (templates/mentors/components.html#notes): its own columns, and
# its author's name and host unit's name as annotations (no user, placement or unit objects).
NOTE_COLUMNS = ("candidate_id", "written_on", "kind", "text", "confidential")


# --- Milestones -----------------------------------------------------------------------------


class MilestoneState(TextChoices):
    DONE = "done", _("Done")
    DUE = "due", _("Due")
    OVERDUE = "overdue", _("Overdue")


def milestone_state(
    *,
    due_on: datetime.date,
    done_on: datetime.date | None = None,
    today: datetime.date | None = None,
) -> MilestoneState:
    """Done once it has a done date; overdue when its due date has passed; otherwise due."""
    if done_on is not None:
        return MilestoneState.DONE
    if due_on < (today or timezone.localdate()):
        return MilestoneState.OVERDUE
    return MilestoneState.DUE


def with_states(milestones, today: datetime.date | None = None) -> list[Milestone]:  # type: ignore[no-untyped-def]
    """The milestones as a list, each with ``state`` set by ``milestone_state``."""
    today = today or timezone.localdate()
    rows = list(milestones)
    for milestone in rows:
        milestone.state = milestone_state(
            due_on=milestone.due_on, done_on=milestone.done_on, today=today
        )
    return rows


def milestones_for(membership: Membership | None) -> QuerySet[Milestone]:
    """Milestones of the placements the membership may see."""
    return Milestone.objects.filter(placement__in=placements_for(membership).values("pk"))


def get_milestone_for(membership: Membership | None, pk: int) -> Milestone:
    """The milestone with its placement, candidate and host unit, or 404 outside the scope."""
    return get_object_or_404(
        milestones_for(membership).select_related(
            "placement__candidate", "placement__host_unit", "placement__programme"
        ),
        pk=pk,
    )


def get_evaluation_milestone_for(membership: Membership | None, pk: int) -> Milestone:
    """A mid-way or final evaluation milestone in scope; any other milestone is 404."""
    milestone = get_milestone_for(membership, pk)
    if milestone.kind not in EVALUATION_KINDS:
        raise Http404
    return milestone


def milestones_of(placement: Placement) -> QuerySet[Milestone]:
    """A placement's milestones in date order, with their evaluations loaded."""
    return (
        Milestone.objects.filter(placement=placement)
        .prefetch_related("evaluations")
        .order_by("due_on", "pk")
    )


def milestone_plan_of(programme: Programme) -> QuerySet[MilestoneTemplate]:
    """The programme's milestone templates in the order they fall in a placement."""
    return MilestoneTemplate.objects.filter(programme=programme).order_by(
        "anchor", "offset_days", "pk"
    )


def get_milestone_template_for(membership: Membership | None, pk: int) -> MilestoneTemplate:
    """A milestone template of the operator's programmes (staff only), or 404."""
    if membership is None or membership.role not in STAFF:
        raise Http404
    return get_object_or_404(
        MilestoneTemplate.objects.select_related("programme"),
        pk=pk,
        programme__operator_id=membership.operator_id,
    )


# --- Mentorships and "my candidates" --------------------------------------------------------


def mentorships_of(candidate: Candidate) -> QuerySet[Mentorship]:
    """A candidate's mentorships, current first, with mentor and programme."""
    return candidate.mentorships.select_related("mentor", "programme").order_by(
        "ends_on", "-starts_on"
    )


def get_mentorship_for(membership: Membership | None, pk: int) -> Mentorship:
    """A mentorship of the operator's candidates (staff only), or 404."""
    if membership is None or membership.role not in STAFF:
        raise Http404
    return get_object_or_404(
        Mentorship.objects.select_related("candidate"),
        pk=pk,
        candidate__operator_id=membership.operator_id,
    )


def my_candidates(membership: Membership | None, today: datetime.date | None = None):
    """The candidates the member follows now: a live placement they supervise or a current
    mentorship, each with its live placements (host unit, programme) and their open milestones
    loaded in a fixed number of queries."""
    if membership is None:
        return Candidate.objects.none()
    today = today or timezone.localdate()
    user_id = membership.user_id
    supervised = Placement.objects.filter(supervisor_id=user_id, status__in=LIVE).values(
        "candidate_id"
    )
    mentored = (
        Mentorship.objects.filter(mentor_id=user_id, starts_on__lte=today)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=today))
        .values("candidate_id")
    )
    placements = (
        placements_for(membership)
        .filter(status__in=LIVE)
        .select_related("host_unit", "programme")
        .prefetch_related(
            Prefetch(
                "milestones",
                queryset=Milestone.objects.filter(done_on__isnull=True).order_by("due_on", "pk"),
                to_attr="open_milestones",
            )
        )
        .order_by("starts_on", "pk")
    )
    return (
        candidates_for(membership)
        .filter(Q(pk__in=supervised) | Q(pk__in=mentored))
        .prefetch_related(Prefetch("placements", queryset=placements, to_attr="live_placements"))
        .order_by(*name_order())
    )


def next_milestone(candidate: Candidate, today: datetime.date | None = None) -> Milestone | None:
    """The earliest open milestone of the candidate's live placements (as loaded by
    ``my_candidates``), with its state; None when nothing is open."""
    open_ones = [m for p in candidate.live_placements for m in p.open_milestones]  # type: ignore[attr-defined]
    if not open_ones:
        return None
    first = min(open_ones, key=lambda m: (m.due_on, m.pk))
    return with_states([first], today)[0]


# --- Evaluations ----------------------------------------------------------------------------


def token_hash(token: str) -> str:
    """The stored form of a one-time link's token."""
    return hashlib.sha256(token.encode()).hexdigest()


def evaluation_by_token(token: str) -> Evaluation | None:
    """The unanswered candidate evaluation a link's token opens (expired or not), else None."""
    if not token:
        return None
    return (
        Evaluation.objects.filter(
            token_hash=token_hash(token),
            respondent=Evaluation.Respondent.CANDIDATE,
            submitted_at__isnull=True,
        )
        .select_related("placement__candidate", "placement__host_unit", "template")
        .first()
    )


def evaluations_addressed_to(candidate: Candidate) -> QuerySet[Evaluation]:
    """The candidate's own evaluations still to answer: on milestones of their placements, not
    yet submitted (the link's expiry does not matter to a signed-in candidate)."""
    return (
        Evaluation.objects.filter(
            placement__candidate=candidate,
            respondent=Evaluation.Respondent.CANDIDATE,
            submitted_at__isnull=True,
            milestone__isnull=False,
        )
        .select_related("milestone", "placement__host_unit")
        .order_by("milestone__due_on", "pk")
    )


def get_evaluation_addressed_to(candidate: Candidate, pk: int) -> Evaluation:
    """One of the candidate's open evaluations, or 404 (another person's or an answered one)."""
    return get_object_or_404(evaluations_addressed_to(candidate), pk=pk)


def is_expired(evaluation: Evaluation) -> bool:
    return evaluation.token_expires_at is None or evaluation.token_expires_at <= timezone.now()


def questions_of(template_id: int) -> QuerySet[EvaluationQuestion]:
    return EvaluationQuestion.objects.filter(template_id=template_id).order_by("order", "pk")


def evaluations_of(milestone: Milestone) -> dict[str, Evaluation]:
    """The milestone's evaluations by respondent, with their answers loaded."""
    evaluations = Evaluation.objects.filter(milestone=milestone).prefetch_related("answers")
    return {evaluation.respondent: evaluation for evaluation in evaluations}


def comparison_rows(milestone: Milestone) -> tuple[dict[str, Evaluation], list[dict]]:  # type: ignore[type-arg]
    """Each question of the milestone's evaluations with the mentor's and the candidate's answer
    side by side (None where one has not answered). Three queries however many questions."""
    evaluations = evaluations_of(milestone)
    template_ids = {e.template_id for e in evaluations.values()}
    questions = EvaluationQuestion.objects.filter(template_id__in=template_ids).order_by(
        "template_id", "order", "pk"
    )
    answers = {
        (respondent, answer.question_id): answer
        for respondent, evaluation in evaluations.items()
        if evaluation.submitted_at is not None
        for answer in evaluation.answers.all()
    }
    rows = [
        {
            "question": question,
            "mentor": answers.get((Evaluation.Respondent.MENTOR, question.pk)),
            "candidate": answers.get((Evaluation.Respondent.CANDIDATE, question.pk)),
        }
        for question in questions
    ]
    return evaluations, rows


def current_mentorships(user_id: int) -> QuerySet[Mentorship]:
    """A mentor's access lasts as long as the mentorship: ended ones open nothing."""
    today = timezone.localdate()
    return Mentorship.objects.filter(mentor_id=user_id).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )


def mentee_ids(membership: Membership) -> QuerySet:
    """Ids of the candidates the membership's user mentors now (what a mentor may follow)."""
    return current_mentorships(membership.user_id).values("candidate_id")


def mentor_profiles_for(membership: Membership | None) -> QuerySet[MentorProfile]:
    """The operator's mentor profiles with their mentors, by the mentor's name."""
    if membership is None:
        return MentorProfile.objects.none()
    profiles = MentorProfile.objects.filter(operator_id=membership.operator_id)
    return profiles.select_related("mentor", "occupation").order_by(*user_order("mentor__"))


def get_mentor_profile_for(membership: Membership | None, pk: int) -> MentorProfile:
    """A mentor profile of the membership's operator, or 404."""
    return get_object_or_404(mentor_profiles_for(membership), pk=pk)


def own_mentor_profile(membership: Membership) -> MentorProfile:
    """The member's own mentor profile at the operator, or a new unsaved one."""
    profile = (
        MentorProfile.objects.select_related("mentor", "occupation")
        .filter(operator_id=membership.operator_id, mentor_id=membership.user_id)
        .first()
    )
    return profile or MentorProfile(
        operator_id=membership.operator_id, mentor_id=membership.user_id
    )
