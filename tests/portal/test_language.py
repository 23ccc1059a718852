"""The candidate chooses the language of their page: it is stored on them, holds for the portal
session over what the browser asks for, and the sign-in e-mails use it."""

import pytest
from django.core import mail
from django.urls import reverse

from candidates.models import Candidate
from core.models import AuditEntry
from tests.factories import CandidateFactory
from tests.portal.helpers import portal_client

pytestmark = pytest.mark.django_db


def test_the_chosen_language_is_stored_and_used_for_portal_pages(world) -> None:  # type: ignore[no-untyped-def]
    candidate = CandidateFactory(operator=world.operator, email="lang@example.org")
    client = portal_client(candidate, HTTP_ACCEPT_LANGUAGE="nb")
    assert 'lang="nb"' in client.get(reverse("portal:home")).content.decode()
    assert client.get(reverse("portal:language")).status_code == 200
    response = client.post(
        reverse("portal:language"), {"language": "en", "next": reverse("portal:dates")}
    )
    assert response.status_code == 302 and response["Location"] == reverse("portal:dates")
    candidate.refresh_from_db()
    assert candidate.language == "en"
    assert AuditEntry.objects.filter(
        action="candidates.candidate.changed",
        object_id=str(candidate.pk),
        data__fields=["language"],
    ).exists()
    page = client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert 'lang="en"' in page and "Your programme and workplace" in page
    client.post(reverse("portal:language"), {"language": "nn"})
    page = client.get(reverse("portal:home")).content.decode()
    assert 'lang="nn"' in page


def test_an_unknown_language_or_a_foreign_next_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    candidate = CandidateFactory(operator=world.operator, email="lang@example.org")
    client = portal_client(candidate)
    bad = client.post(reverse("portal:language"), {"language": "xx"})
    assert bad.status_code == 200 and bad.context["form"].errors["language"]
    candidate.refresh_from_db()
    assert candidate.language == ""
    response = client.post(
        reverse("portal:language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("portal:home")


def test_sign_in_emails_use_the_candidates_language(world) -> None:  # type: ignore[no-untyped-def]
    candidate = CandidateFactory(operator=world.operator, email="lang@example.org")
    Candidate.objects.filter(pk=candidate.pk).update(language="en")
    client = portal_client(candidate)
    client.post(reverse("portal:signin"), {"email": "lang@example.org"}, HTTP_ACCEPT_LANGUAGE="nb")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("Your sign-in link for")
    assert "/my-page/sign-in/" in mail.outbox[0].body


def test_the_greeting_shows_the_name_in_its_own_script(world) -> None:  # type: ignore[no-untyped-def]
    candidate = CandidateFactory(
        operator=world.operator, given_name="مریم", preferred_name="", other_languages=["fa"]
    )
    page = portal_client(candidate).get(reverse("portal:home")).content.decode()
    assert '<bdi lang="fa" dir="rtl">مریم</bdi>' in page
    candidate.preferred_name = "Mary"
    candidate.save()
    page = portal_client(candidate).get(reverse("portal:home")).content.decode()
    assert '<bdi dir="ltr">Mary</bdi>' in page
