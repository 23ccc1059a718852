"""Mentorships and follow-up notes."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.models import Candidate
from core.models import Membership, Role, User
from core.services import audit_log
from placements.models import Placement
from programs.models import Programme

from ..models import (
    FollowUpNote,
    Mentorship,
)

MENTOR_ROLES = (Role.MENTOR, Role.SUPERVISOR)


# --- Mentorships ----------------------------------------------------------------------------


@transaction.atomic
def mentorship_create(
    *,
    mentor: User,
    candidate: Candidate,
    starts_on: datetime.date,
    by: User,
    ends_on: datetime.date | None = None,
    programme: Programme | None = None,
) -> Mentorship:
    """Assign a mentor (an active mentor or supervisor of the candidate's operator)."""
    if not Membership.objects.filter(
        user=mentor, operator_id=candidate.operator_id, is_active=True, role__in=MENTOR_ROLES
    ).exists():
        raise ValidationError(
            {"mentor": _("The mentor must be an active mentor or supervisor of the operator.")}
        )
    if programme is not None and programme.operator_id != candidate.operator_id:
        raise ValidationError({"programme": _("The programme belongs to another operator.")})
    overlapping = Mentorship.objects.filter(mentor=mentor, candidate=candidate).exclude(
        ends_on__isnull=False, ends_on__lte=starts_on
    )
    if ends_on is not None:
        overlapping = overlapping.filter(starts_on__lt=ends_on)
    if overlapping.exists():
        raise ValidationError(_("This mentor already mentors the candidate in that period."))
    mentorship = Mentorship(
        mentor=mentor,
        candidate=candidate,
        programme=programme,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    mentorship.full_clean()
    mentorship.save()
    audit_log(
        actor=by,
        operator=candidate.operator_id,
        action="mentors.mentorship.created",
        obj=mentorship,
        data={"candidate": candidate.pk, "mentor": mentor.pk},
    )
    return mentorship


@transaction.atomic
def mentorship_end(*, mentorship: Mentorship, ends_on: datetime.date, by: User) -> Mentorship:
    """End a current mentorship on a date after its start."""
    current = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    if current.ends_on is not None and current.ends_on <= timezone.localdate():
        raise ValidationError(_("This mentorship has already ended."))
    current.ends_on = ends_on
    current.full_clean()
    current.save(update_fields=["ends_on"])
    mentorship.ends_on = ends_on
    audit_log(
        actor=by,
        operator=current.candidate.operator_id,
        action="mentors.mentorship.ended",
        obj=current,
        data={"ends_on": ends_on.isoformat()},
    )
    return mentorship


# --- Follow-up notes ------------------------------------------------------------------------


@transaction.atomic
def note_create(
    *,
    candidate: Candidate,
    author: User,
    written_on: datetime.date,
    kind: str,
    text: str,
    confidential: bool,
    placement: Placement | None = None,
) -> FollowUpNote:
    """Record a follow-up note about the candidate (optionally about one of their placements)."""
    if placement is not None and placement.candidate_id != candidate.pk:
        raise ValidationError({"placement": _("The placement belongs to another candidate.")})
    if written_on > timezone.localdate():
        raise ValidationError({"written_on": _("The date cannot be in the future.")})
    note = FollowUpNote(
        candidate=candidate,
        placement=placement,
        author=author,
        written_on=written_on,
        kind=kind,
        text=text.strip(),
        confidential=confidential,
    )
    note.full_clean()
    note.save()
    audit_log(
        actor=author,
        operator=candidate.operator_id,
        action="mentors.note.created",
        obj=note,
        data={"candidate": candidate.pk, "confidential": confidential},
    )
    return note
