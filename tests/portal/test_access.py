"""What a signed-in candidate reaches: their own portal pages only. Staff URLs send them to the
staff login, other candidates' ids answer 404, every read is in the access log, and no note
ever reaches them."""

import datetime
import json

import pytest
from django.core import mail
from django.urls import reverse

from candidates.models import Consent
from core.models import AuditEntry
from mentors import services as mentor_services
from tests.factories import CandidateFactory
from tests.portal.helpers import portal_client
from tests.privacy.planting import Planted, plant
from tests.reports.test_pdf import text_lines
from tests.urlmatrix import MATRIX

pytestmark = pytest.mark.django_db


@pytest.fixture
def planted(world) -> Planted:  # type: ignore[no-untyped-def]
    planted = plant(world)
    mentor_services.note_create(
        candidate=planted.candidate,
        placement=planted.candidate.placements.get(),
        author=world.users["mentor"],
        written_on=datetime.date(2025, 3, 2),
        kind="conversation",
        text="Open-note-text",
        confidential=False,
    )
    return planted


def reads(candidate, what: str) -> int:  # type: ignore[no-untyped-def]
    return AuditEntry.objects.filter(
        action="candidates.candidate.viewed",
        object_id=str(candidate.pk),
        data__what=what,
    ).count()


def test_a_candidate_reaches_no_staff_url(world) -> None:  # type: ignore[no-untyped-def]
    client = portal_client(world.objects["candidate"])
    for name, entry in MATRIX.items():
        if name.startswith(("portal:", "hostportal:")) or name == "core:set_language":
            continue  # the portals send strangers to their own sign-in
        if entry.statuses["anon"] != 302:
            continue
        response = client.get(reverse(name, kwargs=entry.kwargs_for(world)))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("accounts:login")), name
    assert client.get("/admin/").status_code == 302


def test_other_candidates_ids_answer_404(world, planted) -> None:  # type: ignore[no-untyped-def]
    other = world.objects["candidate"]
    client = portal_client(other)
    document = planted.candidate.placements.get().documents.get(status="issued")
    consent = planted.candidate.consents.first()
    assert client.get(reverse("portal:document", kwargs={"pk": document.pk})).status_code == 404
    response = client.post(reverse("portal:consent_withdraw", kwargs={"pk": consent.pk}))
    assert response.status_code == 404
    assert Consent.objects.get(pk=consent.pk).withdrawn_on is None
    assert mail.outbox == []


def test_the_page_shows_only_first_names_and_work_contact(world, planted) -> None:  # type: ignore[no-untyped-def]
    mentor = world.users["mentor"]
    mentor.first_name, mentor.last_name = "Kari", "Nordmann-Secret"
    mentor.save()
    page = portal_client(planted.candidate).get(reverse("portal:home")).content.decode()
    assert "Kari" in page and mentor.email in page
    assert "Nordmann-Secret" not in page
    assert "Plant-milestone" in page
    assert "Plant-note-text" not in page and "Open-note-text" not in page
    assert reads(planted.candidate, "portal") == 1


def test_the_candidate_downloads_their_issued_document(planted) -> None:  # type: ignore[no-untyped-def]
    document = planted.candidate.placements.get().documents.get(status="issued")
    response = portal_client(planted.candidate).get(
        reverse("portal:document", kwargs={"pk": document.pk})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert reads(planted.candidate, "portal_document") == 1


def test_the_export_leaves_out_every_note(planted) -> None:  # type: ignore[no-untyped-def]
    client = portal_client(planted.candidate)
    response = client.get(reverse("portal:export", kwargs={"fmt": "json"}))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode()
    data = json.loads(text)
    assert data["candidate_id"] == planted.candidate.pk
    assert data["records"]["mentors.followupnote"] == []
    assert data["records"].get("history.followupnoteevent", []) == []
    assert "Plant-note-text" not in text and "Open-note-text" not in text
    assert not [
        e for e in data["records"]["core.auditentry"] if e["object_type"] == "mentors.followupnote"
    ]
    assert "Plant-milestone" in text  # the rest of what is held is there
    assert reads(planted.candidate, "portal_export_json") == 1
    assert client.get(reverse("portal:export", kwargs={"fmt": "xml"})).status_code == 404


def test_withdrawing_a_consent_tells_the_lead_by_id(  # type: ignore[no-untyped-def]
    world, planted, django_capture_on_commit_callbacks
) -> None:
    consent = planted.candidate.consents.filter(withdrawn_on__isnull=True).first()
    client = portal_client(planted.candidate)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portal:consent_withdraw", kwargs={"pk": consent.pk}))
    assert response.status_code == 302
    assert Consent.objects.get(pk=consent.pk).withdrawn_on is not None
    assert [m.to for m in mail.outbox] == [[world.users["lead"].email]]
    body = mail.outbox[0].body
    assert str(planted.candidate.pk) in body
    assert planted.candidate.family_name not in body + mail.outbox[0].subject
    # A second withdrawal of the same consent is a message, not an error page.
    again = client.post(reverse("portal:consent_withdraw", kwargs={"pk": consent.pk}), follow=True)
    assert again.status_code == 200
    assert len(mail.outbox) == 1


def test_contact_details_can_be_changed(world) -> None:  # type: ignore[no-untyped-def]
    candidate = CandidateFactory(operator=world.operator, email="old@example.org")
    client = portal_client(candidate)
    assert client.get(reverse("portal:contact")).status_code == 200
    bad = client.post(reverse("portal:contact"), {"email": "nope", "phone": ""})
    assert bad.status_code == 200 and bad.context["form"].errors["email"]
    candidate.refresh_from_db()
    assert candidate.email == "old@example.org"
    ok = client.post(reverse("portal:contact"), {"email": "new@example.org", "phone": "+47 22"})
    assert ok.status_code == 302
    candidate.refresh_from_db()
    assert (candidate.email, candidate.phone) == ("new@example.org", "+47 22")


def test_availability_is_changed_beside_contact_details(world) -> None:  # type: ignore[no-untyped-def]
    candidate = CandidateFactory(operator=world.operator, email="old@example.org")
    client = portal_client(candidate)
    data = {"email": "old@example.org", "phone": "", "available_from": "2026-01-05"}
    bad = client.post(reverse("portal:contact"), {**data, "hours_available": "-3"})
    assert bad.status_code == 200 and bad.context["form"].errors["hours_available"]
    ok = client.post(reverse("portal:contact"), {**data, "hours_available": "30"})
    assert ok.status_code == 302
    candidate.refresh_from_db()
    assert (candidate.available_from, candidate.hours_available) == (datetime.date(2026, 1, 5), 30)
    assert AuditEntry.objects.filter(
        action="candidates.candidate.changed", object_id=str(candidate.pk), actor=None
    ).exists()
    page = client.get(reverse("portal:home")).content.decode()
    assert ">30<" in page


def test_the_pdf_export_is_readable_in_the_candidates_language_without_notes(  # type: ignore[no-untyped-def]
    planted, tmp_path
) -> None:
    client = portal_client(planted.candidate, HTTP_ACCEPT_LANGUAGE="en")
    response = client.get(reverse("portal:export", kwargs={"fmt": "pdf"}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "\n".join(text_lines(response.content, tmp_path))
    assert "Personal data we hold about you" in text
    assert "Plant-milestone" in text
    assert "Plant-note-text" not in text and "Open-note-text" not in text
    assert reads(planted.candidate, "portal_export_pdf") == 1


def test_every_new_portal_page_is_in_the_access_log(world) -> None:  # type: ignore[no-untyped-def]
    followed = world.objects["followed_candidate"]
    client = portal_client(followed)
    evaluation = world.objects["portal_evaluation"]
    for name, kwargs, what in [
        ("portal:evaluation", {"pk": evaluation.pk}, "portal_evaluation"),
        ("portal:dates", {}, "portal_dates"),
        ("portal:dates_ics", {}, "portal_dates_ics"),
        ("portal:language", {}, "portal_language"),
        ("portal:contact", {}, "portal_contact"),
    ]:
        before = reads(followed, what)
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 200, name
        assert reads(followed, what) == before + 1, name
    entry = AuditEntry.objects.filter(data__what="portal_dates").latest("pk")
    assert entry.actor_id is None and entry.object_id == str(followed.pk)


# The candidate's own column of the permission matrix: what a signed-in candidate gets from
# every portal, host and review URL (GET, with the matrix's objects, which belong to other
# people: another candidate's document and evaluation answer 404). A new portal URL must be
# added here.
CANDIDATE_COLUMN = {
    "portal:signin": 200,
    "portal:link": 404,
    "portal:home": 200,
    "portal:signout": 405,
    "portal:consent_withdraw": 405,
    "portal:document": 404,
    "portal:export": 200,
    "portal:contact": 200,
    "portal:evaluation": 404,
    "portal:dates": 200,
    "portal:dates_ics": 200,
    "portal:language": 200,
    "hostportal:signin": 200,
    "hostportal:link": 404,
    "hostportal:enter": 302,
    "hostportal:home": 302,
    "hostportal:signout": 302,
    "hostportal:need_new": 302,
    "hostportal:opening_new": 302,
    "hostportal:commitment_new": 302,
    "hostportal:submission": 302,
    "hostportal:occupations": 302,
    "hostreview:list": 302,
    "hostreview:review": 302,
    "hostreview:decline": 302,
}


def test_the_candidate_column_of_the_matrix(world) -> None:  # type: ignore[no-untyped-def]
    names = {n for n in MATRIX if n.startswith(("portal:", "hostportal:", "hostreview:"))}
    assert names == set(CANDIDATE_COLUMN), "give every portal URL its candidate status"
    client = portal_client(world.objects["candidate"])
    for name in sorted(names):
        response = client.get(reverse(name, kwargs=MATRIX[name].kwargs_for(world)))
        assert response.status_code == CANDIDATE_COLUMN[name], name
        if response.status_code == 302:  # a candidate session opens no host or staff page
            signins = (reverse("hostportal:signin"), reverse("accounts:login"))
            assert response["Location"].startswith(signins), name
