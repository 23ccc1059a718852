"""Host sign-in links: hashed, bound to the host unit's contact address, 15 minutes, single use,
throttled, the same answer for known and unknown addresses; and a supervisor's own login."""

import datetime
import hashlib
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from core.models import AuditEntry, Membership, Role
from hostportal import services
from hostportal.models import HostSignInToken
from hostportal.session import IDLE_TIMEOUT, SESSION
from placements.models import Placement
from programs.models import HostUnit
from tests.conftest import World
from tests.factories import HostUnitFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)
HOME = reverse("hostportal:home")


def ask(client: Client, email: str):  # type: ignore[no-untyped-def]
    return client.post(reverse("hostportal:signin"), {"email": email})


def token_from_outbox() -> str:
    match = re.search(r"/host/sign-in/([^/\s]+)/", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def use(client: Client, token: str):  # type: ignore[no-untyped-def]
    return client.post(reverse("hostportal:link", kwargs={"token": token}))


def page_text(response, email: str) -> str:  # type: ignore[no-untyped-def]
    text = response.content.decode().replace(email, "ADDRESS")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)


def test_known_and_unknown_address_get_the_same_answer(world: World) -> None:
    known = ask(Client(), "Eiendom@Example.org")
    unknown = ask(Client(), "nobody@example.org")
    assert known.status_code == unknown.status_code == 200
    assert page_text(known, "Eiendom@Example.org") == page_text(unknown, "nobody@example.org")
    assert [m.to for m in mail.outbox] == [["eiendom@example.org"]]


def test_only_the_hash_is_stored_and_the_link_signs_in_once(world: World) -> None:
    ask(Client(), "eiendom@example.org")
    token = token_from_outbox()
    row = HostSignInToken.objects.get()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in row.token_hash
    client = Client()
    assert client.get(reverse("hostportal:link", kwargs={"token": token})).status_code == 200
    response = use(client, token)
    assert response.status_code == 302 and response["Location"] == HOME
    assert client.get(HOME).status_code == 200
    # A second use, from anywhere, is refused: the link is spent.
    assert use(Client(), token).status_code == 410
    entry = AuditEntry.objects.get(action="hostportal.signed_in")
    assert entry.object_id == str(world.objects["host_unit"].pk)


def test_a_link_expires_after_15_minutes(world: World) -> None:
    with time_machine.travel(NOW, tick=False):
        token = services.sign_in_token_create(host_unit=world.objects["host_unit"])
    with time_machine.travel(NOW + datetime.timedelta(minutes=15, seconds=1), tick=False):
        assert use(Client(), token).status_code == 410
    with time_machine.travel(NOW + datetime.timedelta(minutes=14), tick=False):
        assert use(Client(), token).status_code == 302


def test_a_link_is_bound_to_its_unit_and_its_contact_address(world: World) -> None:
    unit = world.objects["host_unit"]
    other = HostUnitFactory(operator=world.operator, contact_email="other@example.org")
    token = services.sign_in_token_create(host_unit=other)
    client = Client()
    assert use(client, token).status_code == 302
    # The other unit's link opens the other unit's page, never this unit's submissions.
    submission = world.objects["host_submission"]
    url = reverse("hostportal:submission", kwargs={"pk": submission.pk})
    assert client.get(url).status_code == 404
    # A link sent before the contact address changed no longer works.
    token = services.sign_in_token_create(host_unit=unit)
    HostUnit.objects.filter(pk=unit.pk).update(contact_email="new.contact@example.org")
    assert use(Client(), token).status_code == 410


def test_an_inactive_unit_gets_no_link_and_loses_its_session(world: World) -> None:
    unit = world.objects["host_unit"]
    client = Client()
    use(client, services.sign_in_token_create(host_unit=unit))
    HostUnit.objects.filter(pk=unit.pk).update(is_active=False)
    assert client.get(HOME)["Location"] == reverse("hostportal:signin")
    ask(Client(), "eiendom@example.org")
    assert mail.outbox == []


def test_link_requests_and_wrong_tokens_are_throttled(world: World) -> None:
    for _ in range(services.REQUESTS_PER_ADDRESS):
        assert ask(Client(), "eiendom@example.org").status_code == 200
    assert ask(Client(), "EIENDOM@example.org").status_code == 429
    assert len(mail.outbox) == services.REQUESTS_PER_ADDRESS
    for _ in range(services.BAD_TOKENS_PER_IP):
        assert use(Client(), "guess").status_code == 404
    token = services.sign_in_token_create(host_unit=world.objects["host_unit"])
    assert use(Client(), token).status_code == 429


def test_the_session_idles_out_and_reaches_no_staff_page(world: World) -> None:
    client = Client()
    with time_machine.travel(NOW, tick=False):
        use(client, services.sign_in_token_create(host_unit=world.objects["host_unit"]))
        assert client.get(HOME).status_code == 200
        # Staff pages see an anonymous visitor.
        assert client.get(reverse("workday:home")).status_code == 302
        assert client.get(reverse("hostreview:list")).status_code == 302
    later = NOW + datetime.timedelta(seconds=IDLE_TIMEOUT + 1)
    with time_machine.travel(later, tick=False):
        assert client.get(HOME)["Location"] == reverse("hostportal:signin")
    assert SESSION.id_key not in client.session


def test_a_supervisor_opens_their_units_page_with_their_own_login(world: World) -> None:
    placement = Placement.objects.filter(supervisor__isnull=False).select_related(
        "supervisor", "host_unit"
    )[0]
    user = placement.supervisor
    client = Client()
    client.force_login(user)
    page = client.get(reverse("hostportal:enter"))
    assert placement.host_unit.name in page.content.decode()
    other = HostUnitFactory(operator=world.operator)
    # A unit they do not supervise at cannot be chosen.
    refused = client.post(reverse("hostportal:enter"), {"host_unit": other.pk})
    assert refused.status_code == 200 and client.get(HOME).status_code == 302
    response = client.post(reverse("hostportal:enter"), {"host_unit": placement.host_unit_id})
    assert response["Location"] == HOME
    assert client.get(HOME).status_code == 200
    # Their staff login stays; once they lose the membership, the host page closes.
    assert client.get(reverse("workday:home")).status_code == 200
    for membership in Membership.objects.filter(user=user):
        membership.is_active = False
        membership.save()
    assert client.get(HOME).status_code == 302


def test_a_staff_member_who_supervises_nowhere_gets_no_unit(world: World) -> None:
    client = world.client_for("lead")
    assert world.users["lead"].memberships.get().role == Role.LEAD
    client.post(reverse("hostportal:enter"), {"host_unit": world.objects["host_unit"].pk})
    assert client.get(HOME).status_code == 302
