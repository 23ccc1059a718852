"""The lead's review: accept (after changes) into a position, a job opening or a commitment
through programs.services, or decline with a reason the host sees; the worklist section."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from core.models import AuditEntry
from hostportal import services
from hostportal.models import Submission
from programs.models import EmployerCommitment, HostUnit, JobOpening, Position
from tests.conftest import World
from tests.factories import HostUnitFactory
from tests.hostportal.helpers import host_client
from tests.querybudget import count_queries
from workday.registry import worklist

pytestmark = pytest.mark.django_db
TODAY = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def at_today():  # type: ignore[no-untyped-def]
    with time_machine.travel(TODAY, tick=False):
        yield


def review_url(item: Submission) -> str:
    return reverse("hostreview:review", kwargs={"pk": item.pk})


def need_form(item: Submission, **changes: str) -> dict[str, str]:
    data = {
        "cohort": str(item.cohort_id or ""),
        "title": item.title,
        "occupation": "",
        "slots": str(item.slots),
        "starts_on": item.starts_on.isoformat() if item.starts_on else "",
        "languages": "",
    }
    data.update(changes)
    return data


def test_the_lead_accepts_a_need_with_changes_into_a_draft_position(world: World) -> None:
    item = world.objects["host_submission"]
    client = world.client_for("lead")
    assert client.get(review_url(item)).status_code == 200
    response = client.post(review_url(item), need_form(item, slots="3", occupation="3113"))
    assert response.status_code == 302, response.content.decode()[:2000]
    item.refresh_from_db()
    assert item.status == Submission.Status.ACCEPTED
    position = Position.objects.get(pk=item.position_id)
    assert position.status == Position.Status.DRAFT
    assert (position.slots, position.occupation_id, position.host_unit_id) == (
        3,
        "3113",
        item.host_unit_id,
    )
    assert position.cohort == world.objects["cohort"]
    entry = AuditEntry.objects.get(action="hostportal.submission.accepted")
    assert entry.actor == world.users["lead"]
    assert entry.data["position"] == position.pk
    assert entry.data["changed"] == ["occupation", "slots"]
    assert AuditEntry.objects.filter(action="programs.position.created").exists()
    # Answered once: a second accept changes nothing.
    again = client.post(review_url(item), need_form(item))
    assert again.status_code == 302
    assert Position.objects.filter(title=item.title).count() == 1


def test_a_declined_need_shows_the_reason_to_the_host(world: World) -> None:
    item = world.objects["host_submission"]
    client = world.client_for("coordinator")
    url = reverse("hostreview:decline", kwargs={"pk": item.pk})
    empty = client.post(url, {"reason": " "})
    assert empty.status_code == 200
    item.refresh_from_db()
    assert item.is_pending
    client.post(url, {"reason": "Kullet er fullt i år."})
    item.refresh_from_db()
    assert item.status == Submission.Status.DECLINED
    host = host_client(item.host_unit)
    page = host.get(reverse("hostportal:submission", kwargs={"pk": item.pk})).content.decode()
    assert "Kullet er fullt i år." in page
    assert (
        AuditEntry.objects.get(action="hostportal.submission.declined").actor
        == (world.users["coordinator"])
    )
    assert not Position.objects.filter(title=item.title).exists()


def test_an_accepted_commitment_is_named_on_the_wall_of_fame(world: World) -> None:
    employer = HostUnitFactory(operator=world.operator, sector=HostUnit.Sector.PRIVATE)
    item = services.submission_create(
        host_unit=employer,
        programme=world.objects["network"],
        kind=Submission.Kind.COMMITMENT,
        by=None,
        pledge=4,
        note="Lager og butikk",
        named_publicly=True,
    )
    client = world.client_for("lead")
    response = client.post(
        review_url(item), {"pledge": "4", "note": "Lager og butikk", "named_publicly": "True"}
    )
    assert response.status_code == 302
    commitment = EmployerCommitment.objects.get(employer=employer)
    assert commitment.named_publicly and commitment.pledge == 4
    assert commitment.committed_on == TODAY.date()
    # A later commitment replaces the pledge (one commitment per employer and network).
    again = services.submission_create(
        host_unit=employer,
        programme=world.objects["network"],
        kind=Submission.Kind.COMMITMENT,
        by=None,
        pledge=6,
        named_publicly=False,
    )
    services.submission_accept(submission=again, by=world.users["lead"])
    commitment.refresh_from_db()
    assert (commitment.pledge, commitment.named_publicly) == (6, False)
    assert AuditEntry.objects.filter(action="programs.commitment.changed").exists()


def test_an_accepted_opening_becomes_a_job_opening(world: World) -> None:
    employer = HostUnitFactory(operator=world.operator, sector=HostUnit.Sector.PRIVATE)
    item = services.submission_create(
        host_unit=employer,
        programme=world.objects["network"],
        kind=Submission.Kind.OPENING,
        by=None,
        title="Butikkmedarbeider",
        slots=2,
        starts_on=datetime.date(2027, 1, 4),
    )
    services.submission_accept(submission=item, by=world.users["lead"])
    opening = JobOpening.objects.get(employer=employer)
    assert opening.title == "Butikkmedarbeider" and opening.slots == 2


def test_a_need_for_a_network_is_refused(world: World) -> None:
    with pytest.raises(services.ValidationError):
        services.submission_create(
            host_unit=world.objects["host_unit"],
            programme=world.objects["network"],
            kind=Submission.Kind.NEED,
            by=None,
            title="X",
            starts_on=datetime.date(2027, 1, 4),
        )


def test_the_worklist_counts_pending_submissions_until_answered(world: World) -> None:
    lead = world.users["lead"].memberships.get()
    mentor = world.users["mentor"].memberships.get()

    def section(membership):  # type: ignore[no-untyped-def]
        return next((s for s in worklist(membership) if s.key == "host_submissions"), None)

    found = section(lead)
    assert found is not None and found.count == 1
    assert found.items[0].url == review_url(world.objects["host_submission"])
    assert section(mentor) is None
    services.submission_decline(
        submission=world.objects["host_submission"], by=world.users["lead"], reason="Nei"
    )
    assert section(lead) is None  # recounted at once: the topic moved


def test_the_review_list_shows_pending_and_all(world: World) -> None:
    client = world.client_for("lead")
    text = client.get(reverse("hostreview:list")).content.decode()
    assert "Driftstekniker" in text
    services.submission_decline(
        submission=world.objects["host_submission"], by=world.users["lead"], reason="Nei"
    )
    assert "Driftstekniker" not in client.get(reverse("hostreview:list")).content.decode()
    everything = client.get(reverse("hostreview:list") + "?status=all")
    assert "Driftstekniker" in everything.content.decode()


def test_a_warm_home_page_does_not_count_submissions_again(world: World) -> None:
    client = world.client_for("lead")
    count_queries(client, reverse("workday:home"))
    warm, _ = count_queries(client, reverse("workday:home"))
    services.submission_create(
        host_unit=world.objects["host_unit"],
        programme=world.objects["programme"],
        kind=Submission.Kind.NEED,
        by=None,
        title="Snekker",
        starts_on=datetime.date(2027, 3, 2),
    )
    # only the submissions' section is counted again, and shows the new one at once
    changed, _ = count_queries(client, reverse("workday:home"))
    assert changed == warm + 1
    assert count_queries(client, reverse("workday:home"))[0] == warm
    lead = world.users["lead"].memberships.get()
    section = next(s for s in worklist(lead) if s.key == "host_submissions")
    assert section.count == 2
