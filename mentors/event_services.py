"""Writes for events (inspiration meetings, conferences, language training) and attendance."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.models import Candidate
from core.models import Organisation, User
from core.services import audit_log
from programs.models import Programme

from .models import Attendance, Event

EVENT_FIELDS = ("kind", "title", "starts_at", "location", "speakers", "programme")


def _check_programme(programme: Programme | None, operator_id: int) -> None:
    if programme is not None and programme.operator_id != operator_id:
        raise ValidationError({"programme": _("The programme belongs to another operator.")})


def _check_starts_at(starts_at: datetime.datetime) -> None:
    # Stored in UTC: a time in the first hours of year 1 (local) has no UTC value.
    try:
        starts_at.astimezone(datetime.UTC)
    except OverflowError:
        raise ValidationError({"starts_at": _("Enter a valid date and time.")}) from None


@transaction.atomic
def event_create(
    *,
    operator: Organisation,
    by: User,
    kind: str,
    title: str,
    starts_at: datetime.datetime,
    location: str = "",
    speakers: str = "",
    programme: Programme | None = None,
) -> Event:
    """Create an event of the operator, optionally for one of its programmes."""
    _check_programme(programme, operator.pk)
    _check_starts_at(starts_at)
    event = Event(
        operator=operator,
        programme=programme,
        kind=kind,
        title=title.strip(),
        starts_at=starts_at,
        location=location.strip(),
        speakers=speakers.strip(),
    )
    event.full_clean()
    event.save()
    audit_log(
        actor=by,
        operator=operator.pk,
        action="mentors.event.created",
        obj=event,
        data={"programme": programme.pk if programme else None},
    )
    return event


@transaction.atomic
def event_update(
    *,
    event: Event,
    by: User,
    kind: str,
    title: str,
    starts_at: datetime.datetime,
    location: str = "",
    speakers: str = "",
    programme: Programme | None = None,
) -> Event:
    """Change an event's details; the operator and the invitations stay."""
    _check_programme(programme, event.operator_id)
    _check_starts_at(starts_at)
    event.kind, event.title, event.starts_at = kind, title.strip(), starts_at
    event.location, event.speakers, event.programme = location.strip(), speakers.strip(), programme
    event.full_clean()
    event.save(update_fields=list(EVENT_FIELDS))
    audit_log(
        actor=by,
        operator=event.operator_id,
        action="mentors.event.changed",
        obj=event,
        data={"programme": programme.pk if programme else None},
    )
    return event


@transaction.atomic
def attendance_invite(
    *, event: Event, candidates: Iterable[Candidate], by: User
) -> list[Attendance]:
    """Invite the operator's candidates; someone already invited keeps their row and status."""
    candidates = list(candidates)
    if any(c.operator_id != event.operator_id for c in candidates):
        raise ValidationError(_("Only the operator's own candidates can be invited."))
    already = set(
        Attendance.objects.filter(
            event=event, candidate_id__in=[c.pk for c in candidates]
        ).values_list("candidate_id", flat=True)
    )
    new = [
        Attendance(event=event, candidate=c)
        for c in dict.fromkeys(candidates)
        if c.pk not in already
    ]
    Attendance.objects.bulk_create(new)
    if new:
        audit_log(
            actor=by,
            operator=event.operator_id,
            action="mentors.attendance.invited",
            obj=event,
            data={"candidates": [a.candidate_id for a in new]},
        )
    return new


@transaction.atomic
def attendance_mark(*, attendance: Attendance, status: str, by: User) -> Attendance:
    """Mark an invitee as attended or absent, once the event has begun."""
    if status not in Attendance.Status.values:
        raise ValidationError({"status": _("Unknown attendance status.")})
    if status != Attendance.Status.INVITED and attendance.event.starts_at > timezone.now():
        raise ValidationError(_("Attendance can be marked once the event has begun."))
    before = attendance.status
    attendance.status = status
    attendance.full_clean()
    attendance.save(update_fields=["status"])
    audit_log(
        actor=by,
        operator=attendance.event.operator_id,
        action="mentors.attendance.marked",
        obj=attendance,
        data={
            "event": attendance.event_id,
            "candidate": attendance.candidate_id,
            "from": before,
            "to": status,
        },
    )
    return attendance
