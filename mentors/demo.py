"""Demo data for follow-up: Bærum's trainee milestone plan, evaluation forms for every operator,
the Bærum supervisor's notes on her trainees, and KIA's mentor with three mentees and notes.

Runs after the placements demo (notes attach to placements when they exist). Idempotent: plan rows,
mentorships and notes are found by their natural keys before anything is created, and notes are
only written for dates that have passed (the services refuse notes from the future).
"""

import datetime

from django.utils import timezone

from candidates.models import Candidate
from core.demo import DemoWorld
from core.models import User
from placements.models import Placement
from programs.models import Programme

from . import services
from .models import FollowUpNote, MilestoneKind, MilestoneTemplate

D = datetime.date
DAY = datetime.timedelta(days=1)
A = MilestoneTemplate.Anchor
TRAINEE_PROGRAMME = "Traineeprogram for innvandrere med akademisk utdanning"
MENTOR_PROGRAMME = "Mentor- og traineeordningen"

# (kind, label, counted from, days, repeat every)
TRAINEE_PLAN = [
    (MilestoneKind.FOLLOW_UP, "Oppfølgingssamtale", A.START, 28, 28),
    (MilestoneKind.MID_EVALUATION, "Midtveisevaluering", A.MIDPOINT, 0, None),
    (MilestoneKind.FINAL_EVALUATION, "Sluttevaluering", A.END, 14, None),
    (MilestoneKind.ATTEST, "Attest og referanse", A.END, 14, None),
]

# (days after the start, kind, text, confidential)
SUPERVISOR_NOTES = [
    (
        7,
        FollowUpNote.Kind.CONVERSATION,
        "Oppstartssamtale: gikk gjennom arbeidsoppgaver, arbeidstid, rutiner og hvem som er "
        "kontaktperson i enheten. Trives godt den første uka.",
        False,
    ),
    (
        35,
        FollowUpNote.Kind.CONVERSATION,
        "Oppfølgingssamtale: jobber mer selvstendig med saker og befaringer. Ønsker mer trening i "
        "fagspråk på norsk; avtalt at hen skriver referat fra ukemøtet og får tilbakemelding.",
        False,
    ),
    (
        49,
        FollowUpNote.Kind.PHONE,
        "Fravær to dager på grunn av sykt barn. Avtalt fleksibel arbeidstid resten av uka.",
        True,
    ),
    (
        63,
        FollowUpNote.Kind.VISIT,
        "Var med på arbeidsplassbesøk sammen med koordinator. Kollegaene beskriver deltakeren som "
        "grundig og lærevillig; neste mål er å lede et prosjektmøte.",
        False,
    ),
]

MENTOR_NOTES = [
    (
        D(2026, 2, 16),
        FollowUpNote.Kind.CONVERSATION,
        "Første mentormøte: snakket om mål for praksisperioden og hvordan faget fungerer i "
        "Norge. Avtalt møte annenhver uke.",
        False,
    ),
    (
        D(2026, 3, 16),
        FollowUpNote.Kind.CONVERSATION,
        "Gjennomgikk CV og søknad til en stilling i bransjen. Anbefalt å søke godkjenning av "
        "utdanningen hos HK-dir.",
        False,
    ),
    (
        D(2026, 5, 11),
        FollowUpNote.Kind.OTHER,
        "Har vært med på et faglig nettverksmøte og fått to nye kontakter. Motivert og målrettet.",
        False,
    ),
]


def _note(
    *,
    candidate: Candidate,
    author: User,
    written_on: datetime.date,
    kind: str,
    text: str,
    confidential: bool,
    placement: Placement | None = None,
) -> None:
    if written_on > timezone.localdate():
        return
    if FollowUpNote.objects.filter(
        candidate=candidate, author=author, written_on=written_on, kind=kind
    ).exists():
        return
    services.note_create(
        candidate=candidate,
        placement=placement,
        author=author,
        written_on=written_on,
        kind=kind,
        text=text,
        confidential=confidential,
    )


def _trainee_plan(world: DemoWorld) -> Programme | None:
    trainee = Programme.objects.filter(
        operator=world.operators["baerum"], name=TRAINEE_PROGRAMME
    ).first()
    if trainee is None:
        return None
    lead = world.users_by_operator("baerum")
    for kind, label, anchor, days, repeat in TRAINEE_PLAN:
        if not MilestoneTemplate.objects.filter(programme=trainee, kind=kind, label=label).exists():
            services.milestone_template_add(
                programme=trainee,
                kind=kind,
                label=label,
                anchor=anchor,
                offset_days=days,
                repeat_every_days=repeat,
                by=lead,
            )
    return trainee


def _supervisor_notes(world: DemoWorld, trainee: Programme) -> None:
    supervisor = world.users.get("veileder@baerum.demo")
    if supervisor is None:
        return
    placements = Placement.objects.filter(
        programme=trainee, supervisor=supervisor, status__in=["planned", "active", "completed"]
    ).select_related("candidate")
    for placement in placements.order_by("pk"):
        for days, kind, text, confidential in SUPERVISOR_NOTES:
            _note(
                candidate=placement.candidate,
                placement=placement,
                author=supervisor,
                written_on=placement.starts_on + days * DAY,
                kind=kind,
                text=text,
                confidential=confidential,
            )


def _kia_mentorships(world: DemoWorld) -> None:
    mentor = world.users.get("mentor@kia.demo")
    kia = world.operators["kia"]
    programme = Programme.objects.filter(operator=kia, name=MENTOR_PROGRAMME).first()
    if mentor is None or programme is None:
        return
    lead = world.users_by_operator("kia")
    for candidate in Candidate.objects.filter(operator=kia).order_by("pk")[:3]:
        if not candidate.mentorships.filter(mentor=mentor).exists():
            services.mentorship_create(
                mentor=mentor,
                candidate=candidate,
                programme=programme,
                starts_on=D(2026, 2, 2),
                by=lead,
            )
        placement = (
            Placement.objects.filter(candidate=candidate, programme=programme)
            .order_by("starts_on")
            .first()
        )
        for written_on, kind, text, confidential in MENTOR_NOTES:
            _note(
                candidate=candidate,
                placement=placement if placement and placement.starts_on <= written_on else None,
                author=mentor,
                written_on=written_on,
                kind=kind,
                text=text,
                confidential=confidential,
            )


def seed(world: DemoWorld) -> None:
    for operator in world.operators.values():
        for kind in (MilestoneKind.MID_EVALUATION, MilestoneKind.FINAL_EVALUATION):
            services.evaluation_template_default(operator=operator, kind=kind)
    trainee = _trainee_plan(world)
    if trainee is not None:
        _supervisor_notes(world, trainee)
    _kia_mentorships(world)
