"""Requests for access and erasure: the coordinator records them, the lead (the controller)
decides and carries them out; each export names who asked and who approved in the access log."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from candidates.models import Candidate, SubjectRequest
from candidates.privacy.requests import (
    subject_request_create,
    subject_request_decide,
    subject_requests_waiting,
)
from core.models import AuditEntry
from tests.conftest import World
from tests.factories import CandidateFactory
from tests.querybudget import assert_constant_queries

D = datetime.date


def _request(world: World, kind: str = "export") -> SubjectRequest:
    return subject_request_create(
        candidate=world.objects["followed_candidate"],
        kind=kind,
        received_on=D(2026, 11, 20),
        by=world.users["coordinator"],
    )


def test_coordinator_records_a_request_from_the_candidate_page(world: World) -> None:
    candidate = world.objects["followed_candidate"]
    client = world.client_for("coordinator")
    response = client.post(
        reverse("candidates:subject_request_create", kwargs={"pk": candidate.pk}),
        {"kind": "erasure", "received_on": "2026-11-20"},
    )
    assert response.status_code == 302
    (made,) = SubjectRequest.objects.filter(candidate=candidate)
    assert (made.kind, made.status, made.requested_by) == (
        "erasure",
        "pending",
        world.users["coordinator"],
    )
    page = client.get(reverse("candidates:detail", kwargs={"pk": candidate.pk}))
    assert (
        "Venter på prosjektlederen" in page.content.decode() or "Waiting" in page.content.decode()
    )


def test_a_bad_request_form_saves_nothing_and_says_why(world: World) -> None:
    candidate = world.objects["followed_candidate"]
    client = world.client_for("coordinator", HTTP_ACCEPT_LANGUAGE="en")
    response = client.post(
        reverse("candidates:subject_request_create", kwargs={"pk": candidate.pk}),
        {"kind": "export", "received_on": "2999-01-01"},
        follow=True,
    )
    assert "The date cannot be in the future." in response.content.decode()
    assert not SubjectRequest.objects.filter(candidate=candidate).exists()


def test_a_second_open_request_of_the_same_kind_is_refused(world: World) -> None:
    _request(world)
    with pytest.raises(ValidationError):
        _request(world)


def test_coordinator_cannot_download_or_decide(world: World) -> None:
    asked = _request(world)
    client = world.client_for("coordinator")
    pk = asked.candidate_id
    for name in ("stewardship:subject_export_json", "stewardship:subject_export_pdf"):
        assert (
            client.post(reverse(name, kwargs={"pk": pk}), {"request": asked.pk}).status_code == 403
        )
    decide = reverse("candidates:subject_request_decide", kwargs={"pk": asked.pk})
    assert client.post(decide, {"decision": "approve"}).status_code == 403
    asked.refresh_from_db()
    assert asked.status == "pending"


def test_lead_approves_and_downloads_and_the_log_names_requester_and_approver(
    world: World,
) -> None:
    asked = _request(world)
    lead = world.client_for("lead")
    decide = reverse("candidates:subject_request_decide", kwargs={"pk": asked.pk})
    assert lead.post(decide, {"decision": "approve"}).status_code == 302
    asked.refresh_from_db()
    assert (asked.status, asked.decided_by) == ("approved", world.users["lead"])
    url = reverse("stewardship:subject_export_json", kwargs={"pk": asked.candidate_id})
    response = lead.post(url, {"request": asked.pk})
    assert response.status_code == 200
    assert json.loads(response.content)["candidate_id"] == asked.candidate_id
    entry = AuditEntry.objects.get(
        action="candidates.candidate.viewed", data__what="subject_export_json"
    )
    assert entry.data["requested_by"] == world.users["coordinator"].pk
    assert entry.data["approved_by"] == world.users["lead"].pk
    assert entry.data["request"] == asked.pk
    asked.refresh_from_db()
    assert asked.status == "done" and asked.done_at is not None
    # A carried-out request cannot be used again.
    again = lead.post(url, {"request": asked.pk})
    assert again.status_code == 302 and again["Location"] == reverse("candidates:subject_requests")


def test_a_declined_request_cannot_be_carried_out(world: World) -> None:
    asked = subject_request_decide(request=_request(world), approve=False, by=world.users["lead"])
    assert asked.status == "declined"
    url = reverse("stewardship:subject_export_pdf", kwargs={"pk": asked.candidate_id})
    assert world.client_for("lead").post(url, {"request": asked.pk}).status_code == 302
    with pytest.raises(ValidationError):
        subject_request_decide(request=asked, approve=True, by=world.users["lead"])


def test_an_approved_erasure_request_is_done_when_the_lead_erases(world: World) -> None:
    asked = subject_request_decide(
        request=_request(world, "erasure"), approve=True, by=world.users["lead"]
    )
    url = reverse("stewardship:erase", kwargs={"pk": asked.candidate_id})
    lead = world.client_for("lead", HTTP_ACCEPT_LANGUAGE="en")
    page = lead.get(f"{url}?request={asked.pk}")
    assert f'name="request" value="{asked.pk}"' in page.content.decode()
    response = lead.post(url, {"request": asked.pk, "reason": "request", "confirm": "ERASE"})
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.status == "done"
    assert Candidate.objects.get(pk=asked.candidate_id).erased_at is not None
    # The record of the request survives the erasure it led to.
    assert SubjectRequest.objects.filter(pk=asked.pk).exists()


def test_waiting_requests_are_the_operators_own(world: World) -> None:
    _request(world)
    lead = world.users["lead"].memberships.get()
    other = world.users["other_lead"].memberships.get()
    assert subject_requests_waiting(lead).count() == 2  # with the world's own request
    assert subject_requests_waiting(other).count() == 0
    url = reverse(
        "candidates:subject_request_decide", kwargs={"pk": world.objects["subject_request"].pk}
    )
    assert world.client_for("other_lead").post(url, {"decision": "approve"}).status_code == 404


def test_request_list_query_count_does_not_grow(world: World) -> None:
    def add(n: int) -> None:
        for _ in range(n):
            subject_request_create(
                candidate=CandidateFactory(operator=world.operator),
                kind="export",
                received_on=D(2026, 11, 1),
                by=world.users["coordinator"],
            )

    # user, the pagination count, and the page of requests
    # with candidate and both users joined.
    assert_constant_queries(
        world.client_for("lead"), reverse("candidates:subject_requests"), add, expected=3
    )


SECTION = 'data-section="subject_requests"'


def test_the_leads_home_lists_waiting_requests_until_they_are_carried_out(world: World) -> None:
    home = reverse("workday:home")
    lead = world.client_for("lead", HTTP_ACCEPT_LANGUAGE="en")
    page = lead.get(home).content.decode()
    assert SECTION in page
    assert reverse("candidates:subject_requests") in page
    # The coordinator records requests but does not decide: not in their worklist.
    coordinator = world.client_for("coordinator", HTTP_ACCEPT_LANGUAGE="en")
    assert SECTION not in coordinator.get(home).content.decode()
    asked = subject_request_decide(
        request=world.objects["subject_request"], approve=True, by=world.users["lead"]
    )
    assert SECTION in lead.get(home).content.decode()
    url = reverse("stewardship:subject_export_json", kwargs={"pk": asked.candidate_id})
    assert lead.post(url, {"request": asked.pk}).status_code == 200
    assert SECTION not in lead.get(home).content.decode()
