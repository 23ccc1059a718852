"""Retention: what an operator's policy says is due is anonymised or deleted, exactly that, never a
candidate under legal hold, with no document left behind, and a second run finds nothing."""

import datetime
from dataclasses import dataclass, field

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from candidates.models import Application, Candidate, Consent
from candidates.services import application_move
from config.celery import app
from core.models import AuditEntry, Organisation, RetentionPolicy, Role
from core.services import audit_access, audit_log
from history.models import CandidateEvent, DocumentEvent, FollowUpNoteEvent, PlacementEvent
from mentors.models import Answer, Evaluation, EvaluationQuestion, FollowUpNote
from mentors.services import evaluation_template_default, note_create
from placements.models import NavAgreement, Outcome, Placement
from placements.services import (
    nav_agreement_set,
    placement_complete,
    placement_create,
    placement_start,
)
from reports.models import Document, DownloadLink
from reports.services import (
    document_approve,
    document_create,
    document_issue,
    document_reissue,
    download_link_create,
)
from stewardship import tasks
from stewardship.retention import ANONYMISED, RUN_ACTION, retention_run
from tests.conftest import World
from tests.factories import (
    ApplicationFactory,
    CandidateFactory,
    CohortFactory,
    HostUnitFactory,
    MembershipFactory,
    OperatorFactory,
    ProgrammeFactory,
    UserFactory,
)
from tests.querybudget import assert_constant_queries
from tests.reports.world import StubRenderer

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2030, 6, 1)
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
FNR = "15076500565"


def at(day: datetime.date):  # type: ignore[no-untyped-def]
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, 12, tzinfo=datetime.UTC), tick=False
    )


@dataclass
class Scene:
    operator: Organisation
    lead: object
    people: dict[str, Candidate] = field(default_factory=dict)
    documents: list[int] = field(default_factory=list)
    notes: dict[str, int] = field(default_factory=dict)
    old_entries: list[int] = field(default_factory=list)
    kept_old_entries: list[int] = field(default_factory=list)


def _rejected(scene: Scene, name: str, on: datetime.date, **fields) -> Candidate:  # type: ignore[no-untyped-def]
    candidate = CandidateFactory(
        operator=scene.operator, given_name=name, family_name="Avslått", **fields
    )
    Consent.objects.create(candidate=candidate, purpose="processing", given_on=D(2029, 1, 2))
    application = ApplicationFactory(candidate=candidate, cohort=scene.cohort)  # type: ignore[attr-defined]
    with at(on):
        application_move(
            application=application, to="rejected", reason="Ikke kvalifisert", by=scene.lead
        )
    scene.people[name] = candidate
    return candidate


def _placed(scene: Scene, name: str, *, ended: datetime.date | None, **fields) -> Candidate:  # type: ignore[no-untyped-def]
    candidate = CandidateFactory(
        operator=scene.operator, given_name=name, family_name="Deltaker", gender="female",
        country_of_birth="SY", email=f"{name.lower()}@example.org", phone="+47 400 00 001",
        nav_caseworker="Kari Nav", nav_office="NAV Testby", nav_phone="55 55 55 55",
        nav_email="kari@nav.no", education_field="Sivilingeniør bygg", **fields,
    )  # fmt: skip
    Candidate.objects.filter(pk=candidate.pk).update(national_id=FNR[:-1] + str(len(scene.people)))
    with at(D(2027, 1, 4)):
        placement = placement_create(
            candidate=candidate, programme=scene.programme, host_unit=scene.unit,  # type: ignore[attr-defined]
            starts_on=D(2027, 1, 4), planned_end=D(2027, 12, 31), by=scene.lead,
        )  # fmt: skip
        placement_start(placement=placement, by=scene.lead)
        nav_agreement_set(
            placement=placement, reference="NAV-2027-0042", benefit="tiltakspenger",
            starts_on=D(2027, 1, 4), ends_on=D(2027, 12, 31), by=scene.lead,
        )  # fmt: skip
    with at(D(2027, 6, 1)):
        note = note_create(
            candidate=candidate, placement=placement, author=scene.lead,
            written_on=D(2027, 6, 1), kind="conversation", text=f"Samtale med {name}.",
            confidential=False,
        )  # fmt: skip
    scene.notes[name] = note.pk
    if ended is not None:
        with at(ended):
            placement_complete(placement=placement, by=scene.lead, on=ended)
    scene.people[name] = candidate
    scene.placements[name] = placement  # type: ignore[attr-defined]
    return candidate


def build_scene() -> Scene:
    """A fresh operator, so the counts are exact whatever the shared world holds."""
    operator = OperatorFactory(name="Retensjon kommune")
    lead = UserFactory(username="retention-lead@example.org")
    membership = MembershipFactory(user=lead, operator=operator, role=Role.LEAD)
    scene = Scene(operator=operator, lead=lead)
    scene.programme = ProgrammeFactory(operator=operator)  # type: ignore[attr-defined]
    scene.cohort = CohortFactory(programme=scene.programme)  # type: ignore[attr-defined]
    scene.unit = HostUnitFactory(operator=operator)  # type: ignore[attr-defined]
    scene.placements = {}  # type: ignore[attr-defined]

    # Not selected: 6 months after the last application closed (cut: 2029-12-01).
    _rejected(scene, "Gammel", D(2029, 11, 15))
    _rejected(scene, "Nylig", D(2030, 1, 10))
    _rejected(scene, "Holdt", D(2029, 6, 1), legal_hold=True, legal_hold_reason="Klagesak")
    open_too = _rejected(scene, "Åpen", D(2029, 3, 1))
    ApplicationFactory(candidate=open_too, cohort=CohortFactory(programme=scene.programme))

    # Finished: 24 months after the last placement end or outcome (cut: 2028-06-01).
    finished = _placed(scene, "Ferdig", ended=D(2027, 12, 31))
    Outcome.objects.create(
        candidate=finished, programme=scene.programme, placement=scene.placements["Ferdig"],  # type: ignore[attr-defined]
        checkpoint="exit", kind="permanent", recorded_on=D(2028, 1, 5), employer_name="Bygg AS",
    )  # fmt: skip
    placement = scene.placements["Ferdig"]  # type: ignore[attr-defined]
    with at(D(2028, 1, 10)):
        document = document_create(
            placement=placement, kind="attest", membership=membership, tasks="Prosjektering."
        )
        document_approve(document=document, membership=membership)
        document = document_issue(document=document, membership=membership, renderer=StubRenderer())
        download_link_create(document=document, by=lead)
        newer = document_reissue(document=document, membership=membership)
    scene.documents = [document.pk, newer.pk]
    template = evaluation_template_default(operator=operator, kind="mid_evaluation")
    evaluation = Evaluation.objects.create(
        placement=placement, template=template, respondent="mentor"
    )
    for question in template.questions.all():
        if question.kind == EvaluationQuestion.Kind.TEXT:
            Answer.objects.create(evaluation=evaluation, question=question, text="Ferdig er flink.")
        elif question.kind == EvaluationQuestion.Kind.RATING:
            Answer.objects.create(evaluation=evaluation, question=question, rating=4)

    # Ended as long ago, but an outcome a year later keeps the record; its note is due alone.
    later = _placed(scene, "Oppfulgt", ended=D(2027, 12, 31))
    Outcome.objects.create(
        candidate=later, programme=scene.programme, checkpoint="12m", kind="permanent",
        recorded_on=D(2029, 1, 10),
    )  # fmt: skip
    _placed(scene, "Fryst", ended=D(2027, 12, 31), legal_hold=True, legal_hold_reason="Tilsyn")
    _placed(scene, "Aktiv", ended=None)

    # The access log: 60 months (cut: 2025-06-01); entries about a held candidate stay.
    with at(D(2025, 1, 10)):
        for _ in range(3):
            scene.old_entries.append(
                audit_log(
                    actor=lead,
                    operator=operator,
                    action="candidates.candidate.viewed",
                    obj=scene.people["Aktiv"],
                    data={"what": "profile"},
                ).pk  # fmt: skip
            )
        scene.kept_old_entries.append(
            audit_log(
                actor=lead,
                operator=operator,
                action="candidates.candidate.viewed",
                obj=scene.people["Fryst"],
                data={"what": "profile"},
            ).pk  # fmt: skip
        )
        scene.kept_old_entries.append(
            audit_access(
                actor=lead,
                operator=operator,
                action="reports.export",
                candidate_ids=[scene.people["Holdt"].pk, scene.people["Aktiv"].pk],
            ).pk  # fmt: skip
        )
    return scene


EXPECTED = {
    "rejected_deleted": 1,
    "finished_anonymised": 1,
    "notes_deleted": 2,
    "documents_deleted": 2,
    "access_log_deleted": 3,
    "on_legal_hold": 2,
}


def run(scene: Scene, **kwargs):  # type: ignore[no-untyped-def]
    with at(TODAY):
        return retention_run(operator=scene.operator, today=TODAY, **kwargs)


def test_a_run_deletes_and_anonymises_exactly_what_is_due(world: World) -> None:
    scene = build_scene()
    people = scene.people
    report = run(scene)
    assert report.as_dict() == EXPECTED

    # Not selected long enough ago: gone with consents and applications. The others stay.
    assert not Candidate.objects.filter(pk=people["Gammel"].pk).exists()
    assert not Consent.objects.filter(candidate_id=people["Gammel"].pk).exists()
    assert not Application.objects.filter(candidate_id=people["Gammel"].pk).exists()
    for name in ("Nylig", "Holdt", "Åpen", "Oppfulgt", "Fryst", "Aktiv"):
        assert Candidate.objects.get(pk=people[name].pk).given_name == name, name

    # Finished: anonymised, the statistics kept.
    finished = Candidate.objects.get(pk=people["Ferdig"].pk)
    assert (finished.given_name, finished.family_name) == (ANONYMISED, ANONYMISED)
    for name in ("national_id", "email", "phone", "nav_caseworker", "nav_office", "nav_phone",
                 "nav_email", "education_field", "given_name_latin", "preferred_name"):  # fmt: skip
        assert getattr(finished, name) == "", name
    assert finished.birth_date is None and finished.search_name == "anonymisert"
    assert (finished.gender, finished.country_of_birth.code, finished.nationality.code) == (
        "female",
        "SY",
        "SY",
    )
    assert Placement.objects.filter(candidate=finished).count() == 1
    assert Outcome.objects.filter(candidate=finished, kind="permanent").exists()
    assert NavAgreement.objects.get(placement__candidate=finished).reference == ANONYMISED
    answers = Answer.objects.filter(evaluation__placement__candidate=finished)
    assert not answers.exclude(text="").exists() and answers.filter(rating=4).exists()
    assert not Application.objects.filter(candidate=finished).exclude(reason="").exists()

    # Notes: the finished candidate's, and the note of the placement that ended long ago.
    assert not FollowUpNote.objects.filter(
        pk__in=[scene.notes["Ferdig"], scene.notes["Oppfulgt"]]
    ).exists()
    assert (
        FollowUpNote.objects.filter(pk__in=[scene.notes["Fryst"], scene.notes["Aktiv"]]).count()
        == 2
    )

    # The access log: old entries gone, except those about a candidate under legal hold.
    assert not AuditEntry.objects.filter(pk__in=scene.old_entries).exists()
    assert AuditEntry.objects.filter(pk__in=scene.kept_old_entries).count() == 2

    # The run itself: one entry with the counts, no ids.
    entry = AuditEntry.objects.get(operator=scene.operator, action=RUN_ACTION)
    assert entry.data == {**EXPECTED, "today": "2030-06-01"}
    assert (entry.actor_id, entry.object_id) == (None, "")


def test_documents_of_anonymised_candidates_leave_no_file_or_bytes_behind(world: World) -> None:
    # The in-memory storage is shared by the whole test process: compare with what was there.
    files_before = _all_files()
    scene = build_scene()
    assert DownloadLink.objects.filter(document_id__in=scene.documents).exists()
    run(scene)
    assert not Document.objects.filter(pk__in=scene.documents).exists()
    assert not DownloadLink.objects.filter(document_id__in=scene.documents).exists()
    with connection.cursor() as cursor:
        # The PDF lives in the row (reports.Document.pdf): no row, no bytes anywhere.
        cursor.execute(
            "SELECT COUNT(*) FROM reports_document WHERE placement_id = %s",
            [scene.placements["Ferdig"].pk],  # type: ignore[attr-defined]
        )
        assert cursor.fetchone()[0] == 0
    assert Document.objects.filter(placement__candidate=scene.people["Fryst"]).count() == 0
    assert _all_files() == files_before


def _all_files(path: str = "") -> set[str]:
    directories, files = default_storage.listdir(path)
    found = {f"{path}{name}" for name in files}
    for directory in directories:
        found |= _all_files(f"{path}{directory}/")
    return found


def test_a_second_run_finds_nothing_and_a_dry_run_changes_nothing(world: World) -> None:
    scene = build_scene()
    counts = (Candidate.objects.count(), FollowUpNote.objects.count(), Document.objects.count())
    entries = AuditEntry.objects.count()
    preview = run(scene, dry_run=True)
    assert preview.as_dict() == EXPECTED
    assert (
        Candidate.objects.count(),
        FollowUpNote.objects.count(),
        Document.objects.count(),
    ) == counts
    assert AuditEntry.objects.count() == entries
    assert Candidate.objects.get(pk=scene.people["Ferdig"].pk).given_name == "Ferdig"

    run(scene)
    again = run(scene)
    assert again.as_dict() == {**dict.fromkeys(EXPECTED, 0), "on_legal_hold": 2}
    assert AuditEntry.objects.filter(operator=scene.operator, action=RUN_ACTION).count() == 2


def test_lifting_a_legal_hold_lets_the_next_run_act(world: World) -> None:
    scene = build_scene()
    run(scene)
    Candidate.objects.filter(pk__in=[scene.people["Holdt"].pk, scene.people["Fryst"].pk]).update(
        legal_hold=False, legal_hold_reason=""
    )
    report = run(scene)
    assert (report.rejected_deleted, report.finished_anonymised, report.on_legal_hold) == (1, 1, 0)
    assert report.notes_deleted == 1 and report.access_log_deleted == 2


def test_the_policy_sets_the_periods(world: World) -> None:
    scene = build_scene()
    RetentionPolicy.objects.create(
        operator=scene.operator, rejected_months=3, finished_months=36, notes_months=36,
        access_log_months=120,
    )  # fmt: skip
    report = run(scene)
    # 3 months: "Nylig" (2030-01-10) is due too; 36 months: nothing finished or noted yet.
    assert report.as_dict() == {
        "rejected_deleted": 2, "finished_anonymised": 0, "notes_deleted": 0,
        "documents_deleted": 0, "access_log_deleted": 0, "on_legal_hold": 1,
    }  # fmt: skip


def test_the_day_before_the_cut_nothing_is_due(world: World) -> None:
    scene = build_scene()
    with at(D(2029, 5, 13)):
        report = retention_run(operator=scene.operator, today=D(2029, 5, 13))
    # 2029-05-13 minus 6 months is 2028-11-13: no application closed by then.
    assert report.as_dict() == dict.fromkeys(EXPECTED, 0)


@pytest.mark.postgres
def test_the_change_history_goes_with_what_was_deleted_or_anonymised(world: World) -> None:
    scene = build_scene()
    finished, gone = scene.people["Ferdig"].pk, scene.people["Gammel"].pk
    assert CandidateEvent.objects.filter(pgh_obj_id=finished, given_name="Ferdig").exists()
    run(scene)
    assert not CandidateEvent.objects.filter(pgh_obj_id__in=[finished, gone]).exists()
    assert not PlacementEvent.objects.filter(candidate_id=finished).exists()
    assert not FollowUpNoteEvent.objects.filter(candidate_id__in=[finished, gone]).exists()
    assert not FollowUpNoteEvent.objects.filter(pgh_obj_id=scene.notes["Oppfulgt"]).exists()
    assert not DocumentEvent.objects.filter(pgh_obj_id__in=scene.documents).exists()
    # Candidates that stay keep their history.
    assert CandidateEvent.objects.filter(pgh_obj_id=scene.people["Fryst"].pk).exists()


# --- Scheduling -------------------------------------------------------------------------------


def test_the_nightly_task_is_installed_by_migration(db) -> None:  # type: ignore[no-untyped-def]
    entry = PeriodicTask.objects.get(task="stewardship.retention_nightly")
    assert entry.enabled and entry.interval is None
    assert (entry.crontab.minute, entry.crontab.hour, str(entry.crontab.timezone)) == (
        "15", "3", "Europe/Oslo",
    )  # fmt: skip
    assert (entry.args, entry.kwargs) == ("[]", "{}")
    assert (
        "stewardship.retention_nightly" in app.tasks
        and "stewardship.retention_operator" in app.tasks
    )


def test_the_nightly_task_runs_every_operator_by_id(
    world: World, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    scene = build_scene()
    operators = Organisation.objects.filter(is_operator=True).count()
    with at(TODAY), django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert tasks.retention_nightly() == operators
    # One retention run per operator (besides the stored figures' refreshes after commit).
    runs_queued = [c for c in callbacks if "retention_operator" in repr(c)]
    assert len(runs_queued) == operators
    runs = AuditEntry.objects.filter(action=RUN_ACTION)
    assert runs.count() == operators
    assert runs.get(operator=scene.operator).data == {**EXPECTED, "today": "2030-06-01"}


def test_the_command_runs_retention_for_cron_without_a_beat(
    world: World, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    scene = build_scene()
    with at(TODAY), django_capture_on_commit_callbacks(execute=True):
        call_command("retention_run")
    assert AuditEntry.objects.get(operator=scene.operator, action=RUN_ACTION).data == {
        **EXPECTED,
        "today": "2030-06-01",
    }


# --- The lead's page --------------------------------------------------------------------------


def test_the_lead_sees_the_defaults_and_saves_a_policy(world: World) -> None:
    client = world.client_for("lead", **EN)
    page = client.get(reverse("stewardship:retention"))
    assert page.context["form"].initial["rejected_months"] == 6
    assert page.context["form"].initial["access_log_months"] == 60
    assert "Retention has not run yet." in page.content.decode()
    data = {
        "rejected_months": 12,
        "finished_months": 24,
        "notes_months": 18,
        "access_log_months": 60,
    }
    assert client.post(reverse("stewardship:retention"), data).status_code == 302
    policy = RetentionPolicy.objects.get(operator=world.operator)
    assert (policy.rejected_months, policy.notes_months, policy.updated_by) == (
        12,
        18,
        world.users["lead"],
    )
    change = AuditEntry.objects.get(action="core.retention_policy.changed")
    assert (
        change.data["before"]["rejected_months"] == 6
        and change.data["after"]["rejected_months"] == 12
    )
    refused = client.post(reverse("stewardship:retention"), {**data, "rejected_months": 0})
    assert refused.status_code == 200 and refused.context["form"].errors
    assert RetentionPolicy.objects.get(operator=world.operator).rejected_months == 12


def test_the_preview_counts_without_changing_and_the_page_shows_the_last_run(world: World) -> None:
    client = world.client_for("lead", **EN)
    before = (Candidate.objects.count(), AuditEntry.objects.count())
    preview = client.get(reverse("stewardship:retention_preview"))
    assert preview.status_code == 200 and "Nothing has been changed." in preview.content.decode()
    assert (Candidate.objects.count(), AuditEntry.objects.count()) == before
    audit_log(actor=None, operator=world.operator, action=RUN_ACTION,
              data={**EXPECTED, "today": "2030-06-01"})  # fmt: skip
    page = client.get(reverse("stewardship:retention")).content.decode()
    assert "Finished candidates, anonymised" in page and "Retention has not run yet." not in page


def test_the_retention_page_costs_the_same_queries_however_many_runs(world: World) -> None:
    def add(n: int) -> None:
        for _ in range(n):
            audit_log(actor=None, operator=world.operator, action=RUN_ACTION, data=dict(EXPECTED))

    # user; the policy; the last run
    assert_constant_queries(
        world.client_for("lead"), reverse("stewardship:retention"), add, expected=3
    )
