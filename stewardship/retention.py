"""Retention: what each operator's policy says is due is anonymised or deleted, once a night.

- Applicants who were never placed and whose applications all ended rejected or withdrawn are
  deleted ``rejected_months`` after the last one ended (with consents, applications, notes).
- Candidates whose placements have all ended are anonymised ``finished_months`` after the last
  placement ended or outcome was registered, whichever is later: names become "Anonymisert";
  national id, e-mail, phone, NAV contact, birth date and free text are cleared; their notes and
  documents (attests and references, PDF bytes included) are deleted, and free-text answers to
  evaluations, application and ending reasons are cleared. Gender, countries, education level,
  languages, placements, outcomes and ratings stay, so the statistics stay.
- Follow-up notes are deleted ``notes_months`` after their placement ended (a note without a
  placement: after the candidate's last placement ended, or after it was written).
- The access log is purged after ``access_log_months``, through ``core.audit.audit_purge()``.

A candidate under legal hold is skipped in every category, and so are access-log entries about
them. The change history of everything deleted or anonymised is deleted with it, since it holds
the old values. A run records its counts (never ids) as one audit entry; a second run on the same
day finds nothing to do.
"""

import datetime
from dataclasses import asdict, dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from candidates.models import Application, Candidate, StageChange
from core.audit import audit_purge
from core.models import AuditEntry, AuditSubject, Organisation, RetentionPolicy
from core.services import audit_log
from history.models import CandidateEvent, DocumentEvent, FollowUpNoteEvent, PlacementEvent
from mentors.models import Answer, Evaluation, FollowUpNote
from placements.models import NavAgreement, Outcome, Placement
from placements.services.outcomes import add_months
from reports.models import Document

ANONYMISED = "Anonymisert"
RUN_ACTION = "core.retention.run"
LIVE = (Placement.Status.PLANNED, Placement.Status.ACTIVE)
ENDED = (Placement.Status.COMPLETED, Placement.Status.ENDED_EARLY)
NOT_SELECTED = (Application.Stage.REJECTED, Application.Stage.WITHDRAWN)
PURGE_CHUNK = 5000

# Cleared on anonymisation. Kept: gender, countries, arrival year, education level and country,
# recognition, profession, Norwegian levels, other languages, status: what the statistics count.
CLEARED: dict[str, object] = {
    "given_name_latin": "",
    "family_name_latin": "",
    "preferred_name": "",
    "birth_date": None,
    "email": "",
    "phone": "",
    "national_id": "",
    "national_id_kind": "",
    "education_field": "",
    "nav_caseworker": "",
    "nav_office": "",
    "nav_phone": "",
    "nav_email": "",
    # Matching fields: where they live and their plans are about the person, not statistics.
    "home_municipality": None,
    "max_travel_km": None,
    "available_from": None,
    "hours_available": None,
    "wished_occupations": [],
    "language": "",
}


REPORT_LABELS = {
    "rejected_deleted": _("Applicants not selected, deleted"),
    "finished_anonymised": _("Finished candidates, anonymised"),
    "notes_deleted": _("Follow-up notes deleted"),
    "documents_deleted": _("Documents (attests and references) deleted"),
    "access_log_deleted": _("Access-log entries deleted"),
    "on_legal_hold": _("Candidates due but under legal hold (kept)"),
}


@dataclass
class RetentionReport:
    rejected_deleted: int = 0
    finished_anonymised: int = 0
    notes_deleted: int = 0
    documents_deleted: int = 0
    access_log_deleted: int = 0
    on_legal_hold: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def policy_for(operator: Organisation) -> RetentionPolicy:
    """The operator's policy, or an unsaved one with the defaults."""
    return RetentionPolicy.objects.filter(operator=operator).first() or RetentionPolicy(
        operator=operator
    )


def last_run_of(operator: Organisation) -> AuditEntry | None:
    """The latest recorded run for the operator (its data holds the counts)."""
    return (
        AuditEntry.objects.filter(operator_id=operator.pk, action=RUN_ACTION)
        .order_by("-at", "-pk")
        .first()
    )


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _end_of_placement() -> Coalesce:
    return Coalesce("actual_end", "planned_end")


def _live_placement_of(candidate_ref: str) -> Exists:
    return Exists(Placement.objects.filter(candidate_id=OuterRef(candidate_ref), status__in=LIVE))


def _last_end_of(candidate_ref: str) -> Subquery:
    return Subquery(
        Placement.objects.filter(candidate_id=OuterRef(candidate_ref))
        .annotate(ended_on=_end_of_placement())
        .order_by("-ended_on")
        .values("ended_on")[:1]
    )


def rejected_due(policy: RetentionPolicy, today: datetime.date) -> QuerySet[Candidate]:
    """Never placed, no application still open or accepted, the last one closed long enough ago."""
    # Closed on the cut day or before: the start of the day after.
    cut = _start_of(add_months(today, -policy.rejected_months) + datetime.timedelta(days=1))
    applications = Application.objects.filter(candidate_id=OuterRef("pk"))
    last_closed = Subquery(
        applications.order_by("-stage_changed_at").values("stage_changed_at")[:1]
    )
    return (
        Candidate.objects.filter(operator_id=policy.operator_id)
        .filter(Exists(applications))
        .exclude(Exists(applications.exclude(stage__in=NOT_SELECTED)))
        .exclude(Exists(Placement.objects.filter(candidate_id=OuterRef("pk"))))
        .annotate(last_closed=last_closed)
        .filter(last_closed__lt=cut)
    )


def finished_due(policy: RetentionPolicy, today: datetime.date) -> QuerySet[Candidate]:
    """Placed or with outcomes, nothing live, the last end or outcome long enough ago."""
    cut = add_months(today, -policy.finished_months)
    last_outcome = Subquery(
        Outcome.objects.filter(candidate_id=OuterRef("pk"))
        .order_by("-recorded_on")
        .values("recorded_on")[:1]
    )
    return (
        Candidate.objects.filter(operator_id=policy.operator_id)
        .exclude(given_name=ANONYMISED, family_name=ANONYMISED)
        .exclude(_live_placement_of("pk"))
        .annotate(last_end=_last_end_of("pk"), last_outcome=last_outcome)
        .filter(Q(last_end__isnull=False) | Q(last_outcome__isnull=False))
        .filter(Q(last_end__isnull=True) | Q(last_end__lte=cut))
        .filter(Q(last_outcome__isnull=True) | Q(last_outcome__lte=cut))
    )


def notes_due(policy: RetentionPolicy, today: datetime.date) -> QuerySet[FollowUpNote]:
    """Notes written before the cut whose placement (or the candidate's last one) ended by then."""
    cut = add_months(today, -policy.notes_months)
    placement_ended = Q(placement__status__in=ENDED, placement_end__lte=cut)
    candidate_done = Q(placement__isnull=True, candidate_live=False) & (
        Q(candidate_last_end__isnull=True) | Q(candidate_last_end__lte=cut)
    )
    return (
        FollowUpNote.objects.filter(candidate__operator_id=policy.operator_id, written_on__lte=cut)
        .annotate(
            placement_end=Coalesce("placement__actual_end", "placement__planned_end"),
            candidate_last_end=_last_end_of("candidate_id"),
            candidate_live=_live_placement_of("candidate_id"),
        )
        .filter(placement_ended | candidate_done)
    )


def access_log_due(
    policy: RetentionPolicy, today: datetime.date, held: list[int]
) -> QuerySet[AuditEntry]:
    """Entries older than the period, except those about a candidate under legal hold."""
    cut = _start_of(add_months(today, -policy.access_log_months))
    entries = AuditEntry.objects.filter(operator_id=policy.operator_id, at__lt=cut)
    if held:
        entries = (
            entries.exclude(object_type="candidates.candidate", object_id__in=map(str, held))
            .exclude(Q(data__has_key="candidate") & Q(data__candidate__in=held))
            .exclude(pk__in=AuditSubject.objects.filter(candidate_id__in=held).values("entry_id"))
        )
    return entries


def _purge(entries: QuerySet[AuditEntry]) -> int:
    """Delete the entries (and their subjects) in chunks, inside ``audit_purge()``."""
    deleted = 0
    with audit_purge():
        while ids := list(entries.values_list("pk", flat=True)[:PURGE_CHUNK]):
            AuditSubject.objects.filter(entry_id__in=ids).delete()
            _total, counts = AuditEntry.objects.filter(pk__in=ids).delete()
            deleted += counts.get(AuditEntry._meta.label, 0)
    return deleted


def _split_held(candidates: QuerySet[Candidate]) -> tuple[list[int], list[int]]:
    rows = list(candidates.values_list("pk", "legal_hold"))
    return [pk for pk, hold in rows if not hold], [pk for pk, hold in rows if hold]


def _delete_documents(documents: QuerySet[Document]) -> int:
    ids = list(documents.values_list("pk", flat=True))
    if not ids:
        return 0
    # Versions point at their predecessor (PROTECT): unlink them, then delete the rows, PDF
    # bytes and one-time links with them. Issued rows refuse save(), not a queryset update.
    Document.objects.filter(pk__in=ids).update(previous=None)
    Document.objects.filter(pk__in=ids).defer("pdf").delete()
    return len(ids)


def _anonymise(ids: list[int]) -> None:
    Candidate.objects.filter(pk__in=ids).update(
        given_name=ANONYMISED,
        family_name=ANONYMISED,
        search_name=ANONYMISED.casefold(),
        legal_hold_reason="",
        **CLEARED,
    )
    Application.objects.filter(candidate_id__in=ids).exclude(reason="").update(reason="")
    StageChange.objects.filter(application__candidate_id__in=ids).exclude(reason="").update(
        reason=""
    )
    # The database insists that an early end has a reason; it no longer says anything.
    Placement.objects.filter(candidate_id__in=ids).exclude(end_reason="").update(
        end_reason=ANONYMISED
    )
    NavAgreement.objects.filter(placement__candidate_id__in=ids).update(reference=ANONYMISED)
    Answer.objects.filter(evaluation__placement__candidate_id__in=ids).exclude(text="").update(
        text=""
    )
    Evaluation.objects.filter(placement__candidate_id__in=ids).exclude(token_hash="").update(
        token_hash="", token_expires_at=None
    )


def _forget_history(*, candidates: list[int], notes: list[int], placements: list[int]) -> None:
    """The change history holds the old values: it goes with what was deleted or anonymised."""
    CandidateEvent._default_manager.filter(pgh_obj_id__in=candidates).delete()
    PlacementEvent._default_manager.filter(candidate_id__in=candidates).delete()
    FollowUpNoteEvent._default_manager.filter(
        Q(candidate_id__in=candidates) | Q(pgh_obj_id__in=notes)
    ).delete()
    DocumentEvent._default_manager.filter(placement_id__in=placements).delete()


def retention_run(
    *, operator: Organisation, today: datetime.date, dry_run: bool = False
) -> RetentionReport:
    """Apply the operator's policy as of ``today``; with ``dry_run`` only count what is due.

    A real run is one transaction and is recorded as one audit entry holding the counts.
    """
    with transaction.atomic():
        report = RetentionReport()
        policy = policy_for(operator)
        rejected, rejected_held = _split_held(rejected_due(policy, today))
        finished, finished_held = _split_held(finished_due(policy, today))
        held = list(
            Candidate.objects.filter(operator=operator, legal_hold=True).values_list(
                "pk", flat=True
            )
        )
        notes = FollowUpNote.objects.filter(
            Q(pk__in=notes_due(policy, today).values("pk")) | Q(candidate_id__in=finished)
        ).exclude(candidate_id__in=held)
        documents = Document.objects.filter(placement__candidate_id__in=finished)
        access_log = access_log_due(policy, today, held)
        report.on_legal_hold = len(set(rejected_held) | set(finished_held))
        report.rejected_deleted = len(rejected)
        report.finished_anonymised = len(finished)
        if dry_run:
            report.notes_deleted = notes.count()
            report.documents_deleted = documents.count()
            report.access_log_deleted = access_log.count()
            return report

        note_ids = list(notes.values_list("pk", flat=True))
        placement_ids = list(
            Placement.objects.filter(candidate_id__in=finished).values_list("pk", flat=True)
        )
        FollowUpNote.objects.filter(pk__in=note_ids).delete()
        report.notes_deleted = len(note_ids)
        report.documents_deleted = _delete_documents(documents)
        _anonymise(finished)
        Candidate.objects.filter(pk__in=rejected).delete()
        _forget_history(candidates=rejected + finished, notes=note_ids, placements=placement_ids)
        report.access_log_deleted = _purge(access_log)
        audit_log(
            actor=None,
            operator=operator,
            action=RUN_ACTION,
            data={**report.as_dict(), "today": today.isoformat()},
        )
    return report
