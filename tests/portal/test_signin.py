"""Sign-in links: hashed, bound to one candidate, 15 minutes, single use, throttled, never for
an erased candidate or one past the retention period, and the same answer whether or not an
address is registered."""

import datetime
import hashlib
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry, RetentionPolicy
from portal import selectors, services
from portal.models import SignInToken
from tests.factories import CandidateFactory
from tests.privacy.planting import plant

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def candidate(world):  # type: ignore[no-untyped-def]
    return CandidateFactory(operator=world.operator, email="amal@example.org")


def ask(client: Client, email: str):  # type: ignore[no-untyped-def]
    return client.post(reverse("portal:signin"), {"email": email})


def page_text(response, email: str) -> str:  # type: ignore[no-untyped-def]
    """The page without the address asked for and without the per-visitor CSRF token."""
    text = response.content.decode().replace(email, "ADDRESS")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)


def token_from_outbox() -> str:
    match = re.search(r"/my-page/sign-in/([^/\s]+)/", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def use(client: Client, token: str):  # type: ignore[no-untyped-def]
    return client.post(reverse("portal:link", kwargs={"token": token}))


def test_known_and_unknown_address_get_the_same_answer(candidate) -> None:  # type: ignore[no-untyped-def]
    known = ask(Client(), "Amal@Example.org")
    unknown = ask(Client(), "nobody@example.org")
    assert known.status_code == unknown.status_code == 200
    assert page_text(known, "Amal@Example.org") == page_text(unknown, "nobody@example.org")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["amal@example.org"]


def test_only_the_hash_is_stored_and_the_link_signs_in(candidate) -> None:  # type: ignore[no-untyped-def]
    ask(Client(), candidate.email)
    token = token_from_outbox()
    row = SignInToken.objects.get(candidate=candidate)
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(list(SignInToken.objects.values()))
    client = Client()
    assert client.get(reverse("portal:link", kwargs={"token": token})).status_code == 200
    assert row.__class__.objects.get(pk=row.pk).used_at is None  # a GET does not spend it
    response = use(client, token)
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    page = client.get(reverse("portal:home"))
    assert page.status_code == 200
    assert candidate.given_name in page.content.decode()


def test_a_token_works_once(candidate) -> None:  # type: ignore[no-untyped-def]
    token = services.sign_in_token_create(candidate=candidate)
    assert use(Client(), token).status_code == 302
    assert use(Client(), token).status_code == 410
    assert Client().get(reverse("portal:link", kwargs={"token": token})).status_code == 410


def test_a_token_expires_after_15_minutes(candidate) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(NOW, tick=False):
        token = services.sign_in_token_create(candidate=candidate)
        late = services.sign_in_token_create(candidate=candidate)
    with time_machine.travel(NOW + datetime.timedelta(minutes=14, seconds=59), tick=False):
        assert use(Client(), token).status_code == 302
    with time_machine.travel(NOW + datetime.timedelta(minutes=15), tick=False):
        assert use(Client(), late).status_code == 410


def test_a_token_signs_in_only_its_own_candidate(world, candidate) -> None:  # type: ignore[no-untyped-def]
    other = CandidateFactory(operator=world.operator, email="other@example.org")
    token = services.sign_in_token_create(candidate=other)
    client = Client()
    use(client, token)
    page = client.get(reverse("portal:home")).content.decode()
    assert other.given_name in page
    assert candidate.family_name not in page
    assert client.session["_portal_candidate"] == other.pk


def test_wrong_tokens_are_throttled_per_ip(candidate) -> None:  # type: ignore[no-untyped-def]
    token = services.sign_in_token_create(candidate=candidate)
    client = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(services.BAD_TOKENS_PER_IP):
        assert use(client, f"guess-{n}").status_code == 404
    # Even the right token is refused from this address now; another address may use it.
    assert use(client, token).status_code == 429
    assert use(Client(REMOTE_ADDR="198.51.100.7"), token).status_code == 302


def test_link_requests_are_throttled_per_address_and_per_ip(candidate) -> None:  # type: ignore[no-untyped-def]
    for _ in range(services.REQUESTS_PER_ADDRESS):
        assert ask(Client(REMOTE_ADDR="198.51.100.1"), candidate.email).status_code == 200
    assert ask(Client(REMOTE_ADDR="198.51.100.2"), candidate.email).status_code == 429
    assert len(mail.outbox) == services.REQUESTS_PER_ADDRESS
    client = Client(REMOTE_ADDR="203.0.113.5")
    for n in range(services.REQUESTS_PER_IP):
        ask(client, f"person{n}@example.org")
    assert ask(client, "someone.else@example.org").status_code == 429


def test_an_erased_candidate_cannot_sign_in(candidate) -> None:  # type: ignore[no-untyped-def]
    token = services.sign_in_token_create(candidate=candidate)
    signed_in = Client()
    use(signed_in, services.sign_in_token_create(candidate=candidate))
    candidate.erased_at = timezone.now()
    candidate.save(update_fields=["erased_at"])
    assert ask(Client(), candidate.email).status_code == 200
    assert mail.outbox == []
    assert use(Client(), token).status_code == 410
    # A session that was open ends at the next page.
    response = signed_in.get(reverse("portal:home"))
    assert response.status_code == 302 and response["Location"] == reverse("portal:signin")


def test_the_session_idles_out_after_30_minutes(candidate) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(NOW, tick=False):
        client = Client()
        use(client, services.sign_in_token_create(candidate=candidate))
    with time_machine.travel(NOW + datetime.timedelta(minutes=29), tick=False):
        assert client.get(reverse("portal:home")).status_code == 200
    with time_machine.travel(NOW + datetime.timedelta(minutes=60), tick=False):
        assert client.get(reverse("portal:home")).status_code == 302


def test_sign_in_and_out_are_audited_by_id(candidate) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    use(client, services.sign_in_token_create(candidate=candidate))
    entry = AuditEntry.objects.get(action="portal.signed_in")
    assert entry.object_id == str(candidate.pk) and entry.actor is None
    assert client.post(reverse("portal:signout")).status_code == 302
    assert client.get(reverse("portal:home")).status_code == 302


def test_a_bad_address_gets_a_message(candidate) -> None:  # type: ignore[no-untyped-def]
    response = ask(Client(), "not an address")
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert mail.outbox == []


def test_a_candidate_past_retention_cannot_sign_in(world) -> None:  # type: ignore[no-untyped-def]
    """The planted candidate's placement ended on 1 September 2025 and the last outcome was
    recorded the next day; the operator keeps finished candidates 24 months by default."""
    candidate = plant(world).candidate
    mail.outbox.clear()
    with time_machine.travel(datetime.datetime(2027, 8, 1, 9, tzinfo=datetime.UTC), tick=False):
        assert not selectors.past_retention(candidate)
        token = services.sign_in_token_create(candidate=candidate)
        assert use(Client(), token).status_code == 302
    with time_machine.travel(datetime.datetime(2027, 9, 3, 9, tzinfo=datetime.UTC), tick=False):
        assert selectors.past_retention(candidate)
        token = services.sign_in_token_create(candidate=candidate)
        assert use(Client(), token).status_code == 410
        assert ask(Client(), candidate.email).status_code == 200
        assert mail.outbox == []  # no link, and the same answer as for an unknown address
    # A shorter policy at the operator is the one that counts.
    RetentionPolicy.objects.update_or_create(
        operator=world.operator, defaults={"finished_months": 12}
    )
    with time_machine.travel(datetime.datetime(2026, 9, 3, 9, tzinfo=datetime.UTC), tick=False):
        assert selectors.past_retention(candidate)
