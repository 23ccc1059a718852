"""Writes for matching: propose or dismiss a suggestion, assign a suggested mentor, and a lead's
weights. The score is advice: each decision records who took it, the score and the reasons."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from candidates.models import Application, Candidate
from candidates.services import application_create, application_move
from core.models import User
from core.services import audit_log
from mentors.models import Mentorship
from mentors.services import mentorship_create
from programs.models import JobOpening, Position, Programme

from .mentor_scoring import MentorMatch
from .models import MatchDecision, MatchWeights
from .scoring import Match, Weights


def _reasons(match: Match | MentorMatch | None) -> list[dict[str, Any]]:
    return [{"text": r.text, "points": r.points} for r in match.reasons] if match else []


def _target(target: Position | JobOpening) -> dict[str, Any]:
    return {"position": target} if isinstance(target, Position) else {"opening": target}


def _check_operator(candidate: Candidate, target: Position | JobOpening) -> None:
    if target.programme.operator_id != candidate.operator_id:
        raise ValidationError(_("The candidate belongs to another operator."))


@transaction.atomic
def match_propose(
    *, candidate: Candidate, target: Position | JobOpening, match: Match | None, by: User
) -> MatchDecision:
    """Propose a candidate from a shortlist. This creates the application for the position or the
    job opening and moves it to "screened": the coordinator decided (the score is advice), and the
    history records who."""
    _check_operator(candidate, target)
    score = match.score if match else 0
    if isinstance(target, Position):
        application = application_create(candidate=candidate, by=by, position=target)
    else:
        application = application_create(candidate=candidate, by=by, opening=target)
    application_move(
        application=application,
        to=Application.Stage.SCREENED,
        by=by,
        reason=_("Proposed from the shortlist (score %(score)s)") % {"score": score},
    )
    decision = MatchDecision(
        candidate=candidate,
        kind=MatchDecision.Kind.PROPOSED,
        score=score,
        reasons=_reasons(match),
        application=application,
        decided_by=by,
        **_target(target),
    )
    decision.full_clean()
    decision.save()
    audit_log(
        actor=by,
        operator=candidate.operator_id,
        action="matching.proposed",
        obj=decision,
        data={"candidate": candidate.pk, "score": score},
    )
    return decision


@transaction.atomic
def match_dismiss(
    *,
    candidate: Candidate,
    target: Position | JobOpening,
    match: Match | None,
    reason: str,
    by: User,
) -> MatchDecision:
    """Dismiss a suggestion with a reason; it no longer appears, and the reason is kept."""
    _check_operator(candidate, target)
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for dismissing a suggestion.")})
    decision = MatchDecision(
        candidate=candidate,
        kind=MatchDecision.Kind.DISMISSED,
        reason=reason.strip(),
        score=match.score if match else 0,
        reasons=_reasons(match),
        decided_by=by,
        **_target(target),
    )
    decision.full_clean()
    decision.save()
    audit_log(
        actor=by,
        operator=candidate.operator_id,
        action="matching.dismissed",
        obj=decision,
        data={"candidate": candidate.pk},
    )
    return decision


@transaction.atomic
def match_undo_dismissal(*, decision: MatchDecision, by: User) -> None:
    """Bring a dismissed candidate back to the shortlist (the audit log keeps the dismissal)."""
    if decision.kind != MatchDecision.Kind.DISMISSED:
        raise ValidationError(_("Only a dismissal can be undone."))
    audit_log(
        actor=by,
        operator=decision.candidate.operator_id,
        action="matching.dismissal_undone",
        obj=decision,
        data={"candidate": decision.candidate_id, "reason": decision.reason},
    )
    decision.delete()


@transaction.atomic
def mentor_propose(
    *,
    candidate: Candidate,
    mentor: User,
    match: MentorMatch | None,
    starts_on: datetime.date,
    by: User,
) -> Mentorship:
    """Assign a suggested mentor: creates the mentorship and records who decided."""
    mentorship = mentorship_create(mentor=mentor, candidate=candidate, starts_on=starts_on, by=by)
    decision = MatchDecision(
        candidate=candidate,
        mentor=mentor,
        kind=MatchDecision.Kind.PROPOSED,
        score=match.score if match else 0,
        reasons=_reasons(match),
        decided_by=by,
    )
    decision.full_clean()
    decision.save()
    audit_log(
        actor=by,
        operator=candidate.operator_id,
        action="matching.mentor_proposed",
        obj=decision,
        data={"candidate": candidate.pk, "mentor": mentor.pk},
    )
    return mentorship


@transaction.atomic
def weights_save(*, programme: Programme, by: User, **values: int) -> MatchWeights:
    """Set a programme's matching weights (a lead's decision); unknown names are refused."""
    unknown = set(values) - set(Weights.FIELDS)
    if unknown:
        raise TypeError(f"Not weights: {sorted(unknown)}")
    row, _created = MatchWeights.objects.get_or_create(programme=programme)
    for name, value in values.items():
        setattr(row, name, value)
    row.updated_by = by
    row.full_clean()
    row.save()
    audit_log(
        actor=by,
        operator=programme.operator_id,
        action="matching.weights_changed",
        obj=row,
        data=dict(values),
    )
    return row
