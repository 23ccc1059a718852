"""Erasure on request: personal data goes from every registered model in one transaction, the
statistics stay, a legal hold stops it, and a failure half-way changes nothing."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from candidates.models import Candidate
from core.models import AuditEntry
from mentors.models import Attendance, FollowUpNote, Mentorship
from placements.models import Outcome, Placement
from reports.models import Document
from stewardship.privacy import services
from stewardship.privacy.export import held_about, subject_data
from stewardship.privacy.registry import Erase, holdings
from stewardship.privacy.services import candidate_erase, candidate_legal_hold_set
from tests.conftest import World
from tests.privacy.planting import Planted


def snapshot(candidate: Candidate) -> dict:
    return subject_data(candidate, held_about(candidate))["records"]


def personal_values_holding(texts: set[str]) -> list[str]:
    """Every registered personal field, in any row of its model, that still holds a planted
    text (the search is not limited to the candidate's rows: nothing may be left anywhere)."""
    found = []
    for entry in holdings():
        for name in entry.personal_fields():
            for pk, value in entry.model._default_manager.values_list("pk", name):
                if value is not None and any(text in str(value) for text in texts):
                    found.append(f"{entry.key}#{pk}.{name}={value!r}")
    return found


def erase(planted: Planted, world: World) -> dict[str, int]:
    return candidate_erase(candidate=planted.candidate, by=world.users["lead"], reason="request")


def test_no_personal_field_holds_a_planted_value_after_erasure(
    world: World, planted: Planted
) -> None:
    texts = planted.strings()
    assert personal_values_holding(texts)  # the search finds them before
    erase(planted, world)
    assert personal_values_holding(texts) == []
    for entry in holdings():
        rows = entry.rows(planted.candidate.pk)
        if entry.erase is Erase.DELETE:
            assert not rows.exists(), entry.key


def test_erasure_keeps_the_statistics_without_a_name(world: World, planted: Planted) -> None:
    candidate = planted.candidate
    erase(planted, world)
    candidate.refresh_from_db()
    assert candidate.erased_at is not None
    assert (candidate.given_name, candidate.email, candidate.national_id) == (
        "Anonymisert",
        "",
        "",
    )
    assert candidate.birth_date is None and candidate.other_languages == []
    assert (candidate.gender, str(candidate.country_of_birth)) == ("female", "ER")
    placement = Placement.objects.get(candidate=candidate)
    assert placement.status == "ended_early" and placement.end_reason == "Anonymisert"
    assert Outcome.objects.filter(candidate=candidate, kind="permanent_in_field").count() == 1
    assert Mentorship.objects.filter(candidate=candidate).count() == 1
    assert Attendance.objects.filter(candidate=candidate).count() == 1
    assert not FollowUpNote.objects.filter(candidate=candidate).exists()
    assert not Document.objects.filter(placement__candidate=candidate).exists()
    # Another candidate's data is untouched.
    other = Candidate.objects.get(pk=world.objects["candidate"].pk)
    assert other.given_name == "Amal" and other.erased_at is None


def test_erasure_is_audited_with_ids_and_counts_only(world: World, planted: Planted) -> None:
    counts = erase(planted, world)
    entry = AuditEntry.objects.get(action="candidates.candidate.erased")
    assert entry.object_id == str(planted.candidate.pk) and entry.actor == world.users["lead"]
    assert entry.data["reason"] == "request"
    assert entry.data["counts"]["mentors.followupnote"] == counts["mentors.followupnote"] == 1
    assert entry.data["counts"]["reports.document"] == 1
    text = json.dumps(entry.data, ensure_ascii=False)
    assert not any(t in text for t in planted.strings())


def test_legal_hold_blocks_erasure_and_nothing_changes(world: World, planted: Planted) -> None:
    candidate_legal_hold_set(
        candidate=planted.candidate, by=world.users["lead"], hold=True, reason="Klagesak 2026"
    )
    before = snapshot(planted.candidate)
    with pytest.raises(ValidationError) as refused:
        erase(planted, world)
    assert refused.value.code == "legal_hold"
    assert snapshot(planted.candidate) == before
    assert not AuditEntry.objects.filter(action="candidates.candidate.erased").exists()


def test_a_failure_in_the_last_step_rolls_everything_back(
    world: World, planted: Planted, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(planted.candidate)

    def broken_audit_log(**kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("the audit trail is down")

    monkeypatch.setattr(services, "audit_log", broken_audit_log)
    with pytest.raises(RuntimeError):
        erase(planted, world)
    assert snapshot(planted.candidate) == before
    assert Candidate.objects.get(pk=planted.candidate.pk).erased_at is None


def test_a_failure_half_way_rolls_everything_back(
    world: World, planted: Planted, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The anonymisation of placements fails after notes and documents were deleted."""
    before = snapshot(planted.candidate)
    anonymise = services._anonymise

    def failing(entry, rows, now):  # type: ignore[no-untyped-def]
        if entry.label == "placements.Placement":
            raise RuntimeError("disk full")
        return anonymise(entry, rows, now)

    monkeypatch.setattr(services, "_anonymise", failing)
    with pytest.raises(RuntimeError):
        erase(planted, world)
    assert snapshot(planted.candidate) == before


# --- Views ------------------------------------------------------------------------------------


def erase_url(planted: Planted) -> str:
    return reverse("stewardship:erase", kwargs={"pk": planted.candidate.pk})


def test_erasure_needs_the_typed_word(world: World, planted: Planted) -> None:
    client = world.client_for("lead", HTTP_ACCEPT_LANGUAGE="en")
    page = client.get(erase_url(planted)).content.decode()
    assert "Type ERASE to confirm." in page
    response = client.post(erase_url(planted), {"reason": "request", "confirm": "delete"})
    assert response.status_code == 200
    assert "Type ERASE exactly as shown to confirm." in response.content.decode()
    assert Candidate.objects.get(pk=planted.candidate.pk).erased_at is None
    response = client.post(erase_url(planted), {"reason": "request", "confirm": "erase"})
    assert response.status_code == 302
    assert response["Location"] == reverse("candidates:detail", kwargs={"pk": planted.candidate.pk})
    assert Candidate.objects.get(pk=planted.candidate.pk).erased_at is not None
    detail = client.get(response["Location"]).content.decode()
    assert "personal data of this candidate was erased" in detail


def test_erasure_page_refuses_under_legal_hold(world: World, planted: Planted) -> None:
    candidate_legal_hold_set(
        candidate=planted.candidate, by=world.users["lead"], hold=True, reason="Rettssak"
    )
    client = world.client_for("lead", HTTP_ACCEPT_LANGUAGE="en")
    response = client.post(erase_url(planted), {"reason": "request", "confirm": "ERASE"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "under a legal hold, so nothing was erased" in page
    assert Candidate.objects.get(pk=planted.candidate.pk).given_name == planted.candidate.given_name


def test_lead_puts_a_candidate_under_legal_hold_and_lifts_it(
    world: World, planted: Planted
) -> None:
    client = world.client_for("lead", HTTP_ACCEPT_LANGUAGE="en")
    hold_url = reverse("stewardship:legal_hold", kwargs={"pk": planted.candidate.pk})
    response = client.post(hold_url, {"hold": "on", "reason": ""}, follow=True)
    assert "Give a reason for the legal hold." in response.content.decode()
    assert not Candidate.objects.get(pk=planted.candidate.pk).legal_hold
    client.post(hold_url, {"hold": "on", "reason": "NAV-revisjon"})
    held = Candidate.objects.get(pk=planted.candidate.pk)
    assert held.legal_hold and held.legal_hold_reason == "NAV-revisjon"
    entry = AuditEntry.objects.get(action="candidates.legal_hold.set")
    assert "NAV-revisjon" not in json.dumps(entry.data)
    client.post(hold_url, {})
    lifted = Candidate.objects.get(pk=planted.candidate.pk)
    assert not lifted.legal_hold and lifted.legal_hold_reason == ""
    assert AuditEntry.objects.filter(action="candidates.legal_hold.lifted").count() == 1


def test_coordinator_records_requests_but_may_not_export_erase_or_hold(
    world: World, planted: Planted
) -> None:
    client = world.client_for("coordinator")
    pk = planted.candidate.pk
    assert client.get(reverse("stewardship:erase", kwargs={"pk": pk})).status_code == 403
    export = reverse("stewardship:subject_export_pdf", kwargs={"pk": pk})
    assert client.post(export).status_code == 403
    hold = reverse("stewardship:legal_hold", kwargs={"pk": pk})
    assert client.post(hold, {"hold": "on", "reason": "x"}).status_code == 403
    detail = client.get(reverse("candidates:detail", kwargs={"pk": pk})).content.decode()
    assert reverse("candidates:subject_request_create", kwargs={"pk": pk}) in detail
    assert export not in detail
    assert reverse("stewardship:erase", kwargs={"pk": pk}) not in detail
