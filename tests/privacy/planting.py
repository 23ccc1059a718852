"""A candidate with a planted, recognisable value in every model of the register of personal data.

``plant(world)`` makes the rows through the services where they exist (so the audit trail and, on
PostgreSQL, the change history fill up as in real use) and returns the candidate with, per register
entry, a value that must be found in the export and must be gone from every personal field after
erasure.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from candidates.models import Candidate, StageChange
from candidates.privacy.requests import subject_request_create
from candidates.services import (
    application_create,
    application_move,
    candidate_create,
    consent_record,
)
from core.services import audit_access, audit_log
from matching.services import match_dismiss
from mentors import services as mentor_services
from mentors.event_services import attendance_invite, event_create
from mentors.models import Answer, Evaluation, Milestone, MilestoneKind
from placements.models import Outcome
from placements.services import (
    nav_agreement_set,
    placement_create,
    placement_end_early,
    placement_start,
)
from placements.services.outcomes import outcome_record
from portal.models import SignInToken
from portal.services import sign_in_token_create
from programs.models import OutcomeKind
from reminders.models import Reminder, ReminderKind
from reports.services import (
    document_approve,
    document_create,
    document_issue,
    download_link_create,
)
from tests.reports.world import StubRenderer

D = datetime.date

# The candidate's name in its own script (Tigrinya) and in Latin letters.
GIVEN, FAMILY = "ሰላም", "ገብረሚካኤል"
GIVEN_LATIN, FAMILY_LATIN = "Selam", "Gebremikael-Plant"
NATIONAL_ID = "15108695088"


@dataclass
class Planted:
    candidate: Candidate
    # register key → a value that the candidate's rows there hold (as the JSON export writes it)
    values: dict[str, object] = field(default_factory=dict)

    def strings(self) -> set[str]:
        """Every planted text, for the after-erasure search."""
        texts = {v for v in self.values.values() if isinstance(v, str) and len(v) > 6}
        return texts | {GIVEN, FAMILY, GIVEN_LATIN, FAMILY_LATIN, NATIONAL_ID, *PERSONAL_TEXTS}


PERSONAL_TEXTS = {
    "selam.plant@example.org",
    "+47 911 22 333",
    "Plant-preferred",
    "Plant-NAV-caseworker",
    "Plant-application-reason",
    "Plant-stage-reason",
    "Plant-end-reason",
    "Plant-NAV-REF-42",
    "Plant-note-text",
    "Plant-answer-text",
    "Plant-document-tasks",
    "Plant-referee-contact",
    "Plant-legal-hold",
    "Plant-education-field",
    "Plant-dismiss-reason",
}


def plant(world) -> Planted:  # type: ignore[no-untyped-def]
    lead, mentor = world.users["lead"], world.users["mentor"]
    membership = lead.memberships.get()
    candidate = candidate_create(
        operator=world.operator,
        by=lead,
        national_id=NATIONAL_ID,
        given_name=GIVEN,
        family_name=FAMILY,
        given_name_latin=GIVEN_LATIN,
        family_name_latin=FAMILY_LATIN,
        preferred_name="Plant-preferred",
        gender="female",
        email="selam.plant@example.org",
        phone="+47 911 22 333",
        country_of_birth="ER",
        nationality="ER",
        arrival_year=2016,
        education_field="Plant-education-field",
        other_languages=["ti", "ar"],
        nav_caseworker="Plant-NAV-caseworker",
        nav_email="nav.plant@example.org",
    )
    planted = Planted(candidate)
    planted.values["candidates.candidate"] = FAMILY_LATIN

    consent = consent_record(
        candidate=candidate, purpose="processing", given_on=D(2019, 4, 17), by=lead
    )
    planted.values["candidates.consent"] = consent.given_on.isoformat()

    application = application_create(candidate=candidate, cohort=world.objects["cohort"], by=lead)
    application = application_move(
        application=application, to="rejected", by=lead, reason="Plant-application-reason"
    )
    StageChange.objects.filter(application=application, to_stage="rejected").update(
        reason="Plant-stage-reason"
    )
    planted.values["candidates.application"] = "Plant-application-reason"
    planted.values["candidates.stagechange"] = "Plant-stage-reason"

    common = {
        "programme": world.objects["programme"],
        "cohort": world.objects["cohort"],
        "host_unit": world.objects["host_unit"],
        "by": lead,
    }
    placement = placement_create(
        candidate=candidate,
        starts_on=D(2025, 2, 3),
        planned_end=D(2025, 12, 19),
        supervisor=mentor,
        **common,
    )
    placement_start(placement=placement, by=lead)
    placement_end_early(placement=placement, by=lead, reason="Plant-end-reason", on=D(2025, 9, 1))
    planted.values["placements.placement"] = "Plant-end-reason"
    nav_agreement_set(
        placement=placement,
        reference="Plant-NAV-REF-42",
        benefit="tiltakspenger",
        starts_on=D(2025, 2, 3),
        ends_on=D(2025, 9, 1),
        by=lead,
    )
    planted.values["placements.navagreement"] = "Plant-NAV-REF-42"
    outcome = outcome_record(
        candidate=candidate,
        programme=world.objects["programme"],
        placement=placement,
        checkpoint=Outcome.Checkpoint.EXIT,
        kind=OutcomeKind.PERMANENT_IN_FIELD,
        recorded_on=D(2025, 9, 2),
        employer_name="Plant-Employer AS",
        by=lead,
    )
    planted.values["placements.outcome"] = outcome.recorded_on.isoformat()

    mentorship = mentor_services.mentorship_create(
        mentor=mentor, candidate=candidate, starts_on=D(2025, 2, 4), by=lead
    )
    planted.values["mentors.mentorship"] = mentorship.starts_on.isoformat()
    mentor_services.note_create(
        candidate=candidate,
        placement=placement,
        author=mentor,
        written_on=D(2025, 3, 1),
        kind="conversation",
        text="Plant-note-text",
        confidential=True,
    )
    planted.values["mentors.followupnote"] = "Plant-note-text"
    milestone = Milestone.objects.create(
        placement=placement,
        kind=MilestoneKind.MID_EVALUATION,
        label="Plant-milestone",
        due_on=D(2025, 5, 2),
    )
    planted.values["mentors.milestone"] = "Plant-milestone"
    template = mentor_services.evaluation_template_default(
        operator=world.operator, kind=MilestoneKind.MID_EVALUATION
    )
    evaluation = Evaluation.objects.create(
        placement=placement,
        milestone=milestone,
        template=template,
        respondent=Evaluation.Respondent.MENTOR,
        respondent_user=mentor,
        submitted_at=timezone.now(),
    )
    planted.values["mentors.evaluation"] = evaluation.submitted_at.isoformat()
    Answer.objects.create(
        evaluation=evaluation, question=template.questions.first(), text="Plant-answer-text"
    )
    planted.values["mentors.answer"] = "Plant-answer-text"
    event = event_create(
        operator=world.operator,
        by=lead,
        kind="inspiration",
        title="Plant event",
        starts_at=timezone.now(),
    )
    (attendance,) = attendance_invite(event=event, candidates=[candidate], by=lead)
    planted.values["mentors.attendance"] = attendance.event_id
    match_dismiss(
        candidate=candidate,
        target=world.objects["position"],
        match=None,
        reason="Plant-dismiss-reason",
        by=lead,
    )
    planted.values["matching.matchdecision"] = "Plant-dismiss-reason"

    document = document_create(
        placement=placement,
        kind="reference",
        membership=membership,
        tasks="Plant-document-tasks",
        assessment="Plant-document-assessment",
        referee_name="Plant Referee",
        referee_contact="Plant-referee-contact",
    )
    document_approve(document=document, membership=membership)
    document = document_issue(document=document, membership=membership, renderer=StubRenderer())
    planted.values["reports.document"] = "Plant-document-tasks"
    link, _token = download_link_create(document=document, by=lead)
    planted.values["reports.downloadlink"] = link.expires_at.isoformat()
    sign_in_token_create(candidate=candidate)
    planted.values["portal.signintoken"] = SignInToken.objects.get(
        candidate=candidate
    ).expires_at.isoformat()

    reminder = Reminder.objects.create(
        operator=world.operator,
        kind=ReminderKind.PLACEMENT_ENDING,
        recipient=lead,
        placement=placement,
        event_on=D(2025, 9, 1),
        due_at=timezone.now(),
        slot=f"plant-{placement.pk}",
        dedupe_key=f"plant-{placement.pk}-2025-09-01",
    )
    planted.values["reminders.reminder"] = reminder.dedupe_key

    audit_log(actor=lead, operator=world.operator, action="tests.plant.read", obj=candidate)
    planted.values["core.auditentry"] = "tests.plant.read"
    audit_access(
        actor=lead,
        operator=world.operator,
        action="tests.plant.bulk_read",
        candidate_ids=[candidate.pk, world.objects["candidate"].pk],
    )
    planted.values["core.auditsubject"] = candidate.pk
    asked = subject_request_create(
        candidate=candidate,
        kind="erasure",
        received_on=D(2024, 5, 6),
        by=world.users["coordinator"],
    )
    planted.values["candidates.subjectrequest"] = asked.pk

    # The change history is written by PostgreSQL triggers; its planted values are the rows'.
    planted.values["history.candidateevent"] = FAMILY_LATIN
    planted.values["history.placementevent"] = "Plant-end-reason"
    planted.values["history.followupnoteevent"] = "Plant-note-text"
    planted.values["history.documentevent"] = "Plant-document-tasks"

    # The legal hold reason is personal too; it is set and lifted so the field holds text.
    Candidate.objects.filter(pk=candidate.pk).update(legal_hold_reason="Plant-legal-hold")
    candidate.refresh_from_db()
    return planted
