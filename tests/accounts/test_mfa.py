"""Two-step verification (core.mfa): required for leads and coordinators, optional for others,
asked for after the password, throttled, and turned off only with a code."""

import datetime
import importlib
import re

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import mfa
from core.models import AuditEntry
from tests.accounts.otp import TEST_DEVICE
from tests.conftest import World

PASSWORD = "secret-password-123"
START = datetime.datetime(2027, 1, 11, 8, 0, tzinfo=datetime.UTC)
HOME = reverse("workday:home")
SETUP, VERIFY, DISABLE = (
    reverse(f"accounts:{n}") for n in ("mfa_setup", "mfa_verify", "mfa_disable")
)


def code(key: str) -> str:
    """The code an authenticator app shows now (for the frozen time)."""
    return f"{totp(bytes.fromhex(key)):06d}"


def wrong(key: str) -> str:
    return f"{(int(code(key)) + 1) % 1_000_000:06d}"


def password_login(world: World, role: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.post(
        reverse("accounts:login"), {"username": f"{role}@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def device_for(world: World, role: str) -> TOTPDevice:
    return TOTPDevice.objects.create(user=world.users[role], name="Phone", confirmed=True)


def test_required_roles_default_to_lead_and_coordinator_except_locally() -> None:
    assert settings.MFA_REQUIRED_ROLES == ("lead", "coordinator")
    assert importlib.import_module("config.settings.base").MFA_REQUIRED_ROLES == (
        "lead",
        "coordinator",
    )
    assert importlib.import_module("config.settings.local").MFA_REQUIRED_ROLES == ()


@pytest.mark.parametrize("role", ["lead", "coordinator"])
def test_required_role_without_a_device_is_sent_to_set_up_from_every_page(
    world: World, role: str
) -> None:
    client = password_login(world, role)
    for name in ("workday:home", "candidates:list", "accounts:password_change", "accounts:mfa"):
        response = client.get(reverse(name))
        assert response.status_code == 302, name
        assert response["Location"] == f"{SETUP}?next={reverse(name).replace('/', '%2F')}"
    assert client.get(SETUP).status_code == 200


def test_the_way_out_stays_open_before_verification(world: World) -> None:
    client = password_login(world, "lead")
    assert client.get(reverse("core:healthz")).status_code == 200
    assert client.get(reverse("core:accessibility")).status_code == 200
    assert client.get(reverse("accounts:password_reset")).status_code == 200
    response = client.post(reverse("core:set_language"), {"language": "en", "next": "/"})
    assert response["Location"] == "/"
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_user_with_a_device_is_asked_for_the_code_after_the_password(world: World) -> None:
    with time_machine.travel(START, tick=False):
        device = device_for(world, "lead")
        client = password_login(world, "lead")
        response = client.get(reverse("candidates:list"))
        assert response["Location"] == f"{VERIFY}?next=%2Fcandidates%2F"
        page = client.get(response["Location"])
        assert page.status_code == 200 and "Enter your code" in page.content.decode()
        response = client.post(VERIFY, {"token": code(device.key), "next": "/candidates/"})
        assert response.status_code == 302 and response["Location"] == "/candidates/"
        assert client.session["otp_device_id"] == device.persistent_id
        assert client.get(reverse("candidates:list")).status_code == 200


def test_a_wrong_code_fails_and_further_codes_are_throttled(world: World) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        device = device_for(world, "lead")
        client = password_login(world, "lead")
        response = client.post(VERIFY, {"token": wrong(device.key)})
        assert (
            response.status_code == 200 and "That code is not right." in response.content.decode()
        )
        # The right code straight after a wrong one is refused: django-otp's throttle (1 s, 2 s …).
        response = client.post(VERIFY, {"token": code(device.key)})
        assert "Too many wrong codes. Wait 1 second and" in response.content.decode()
        assert "otp_device_id" not in client.session
        traveller.shift(datetime.timedelta(seconds=1))
        response = client.post(VERIFY, {"token": wrong(device.key)})
        traveller.shift(datetime.timedelta(seconds=1))
        response = client.post(VERIFY, {"token": code(device.key)})
        assert "Too many wrong codes. Wait 1 second and" in response.content.decode()
        device.refresh_from_db()
        assert device.throttling_failure_count == 2
        traveller.shift(datetime.timedelta(seconds=2))
        response = client.post(VERIFY, {"token": code(device.key)})
        assert response.status_code == 302
        device.refresh_from_db()
        assert device.throttling_failure_count == 0
    assert AuditEntry.objects.filter(action="core.mfa.failed").count() == 2


def test_a_code_is_not_accepted_twice(world: World) -> None:
    with time_machine.travel(START, tick=False):
        device = device_for(world, "lead")
        first = password_login(world, "lead")
        assert first.post(VERIFY, {"token": code(device.key)}).status_code == 302
        second = password_login(world, "lead")
        response = second.post(VERIFY, {"token": code(device.key)})
        assert response.status_code == 200 and "otp_device_id" not in second.session


def test_set_up_shows_an_inline_svg_qr_code_and_the_key_and_confirms_with_a_code(
    world: World,
) -> None:
    with time_machine.travel(START, tick=False):
        client = password_login(world, "mentor")
        page = client.get(SETUP).content.decode()
        key = client.session[mfa.SESSION_SETUP_KEY]
        svg = re.search(r"<svg[^>]*>.*?</svg>", page, re.S)
        assert svg and 'role="img"' in svg.group(0) and "style=" not in svg.group(0)
        assert "<img" not in page and "otpauth://" not in page  # no image request, no URI leak
        assert mfa.secret_for_humans(key) in page
        assert client.post(SETUP, {"token": wrong(key)}).status_code == 200
        assert not TOTPDevice.objects.filter(user=world.users["mentor"]).exists()
        response = client.post(SETUP, {"token": code(key), "next": "/"})
        assert response.status_code == 302 and response["Location"] == "/"
        device = TOTPDevice.objects.get(user=world.users["mentor"])
        assert device.confirmed and device.key == key
        assert client.session["otp_device_id"] == device.persistent_id
        assert AuditEntry.objects.filter(action="core.mfa.enabled").count() == 1
        # The code that confirmed the app cannot log in a second session.
        other = password_login(world, "mentor")
        assert other.post(VERIFY, {"token": code(key)}).status_code == 200


def test_otpauth_uri_names_the_issuer_and_the_account(world: World) -> None:
    uri = mfa.otpauth_uri(key="00" * 20, user=world.users["mentor"])
    assert uri.startswith("otpauth://totp/Springbrett%3Amentor%40example.org?secret=AAAA")
    assert "issuer=Springbrett" in uri and "digits=6" in uri and "period=30" in uri


def test_two_step_is_optional_for_a_mentor(world: World) -> None:
    client = password_login(world, "mentor")
    assert client.get(HOME).status_code == 200
    assert client.get(reverse("accounts:mfa")).status_code == 200
    # Once a mentor turns it on, the next login asks for the code.
    device_for(world, "mentor")
    client = password_login(world, "mentor")
    assert client.get(HOME)["Location"] == f"{VERIFY}?next=%2F"


def test_turning_it_off_takes_a_code(world: World) -> None:
    with time_machine.travel(START, tick=False):
        client = world.client_for("lead", HTTP_ACCEPT_LANGUAGE="en")
        device = TOTPDevice.objects.get(user=world.users["lead"], name=TEST_DEVICE)
        assert client.get(DISABLE).status_code == 200
        response = client.post(DISABLE, {"token": wrong(device.key)})
        assert (
            response.status_code == 200 and "That code is not right." in response.content.decode()
        )
        assert TOTPDevice.objects.filter(pk=device.pk).exists()
        with time_machine.travel(START + datetime.timedelta(seconds=5), tick=False):
            response = client.post(DISABLE, {"token": code(device.key)})
            assert response.status_code == 302
            assert not TOTPDevice.objects.filter(pk=device.pk).exists()
            assert AuditEntry.objects.filter(action="core.mfa.disabled").count() == 1
            # A lead must use it: the next page sends them to set it up again.
            assert client.get(HOME)["Location"] == f"{SETUP}?next=%2F"


def test_a_removed_device_stops_counting_within_a_minute(world: World) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        client = world.client_for("lead")
        assert client.get(HOME).status_code == 200
        TOTPDevice.objects.filter(user=world.users["lead"]).delete()
        assert client.get(HOME).status_code == 200  # checked less than a minute ago
        traveller.shift(datetime.timedelta(seconds=mfa.DEVICE_RECHECK_SECONDS))
        assert client.get(HOME)["Location"] == f"{SETUP}?next=%2F"


def test_a_verified_session_costs_no_query_per_page(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    """django-otp's own middleware loads the device on every page; ours once a minute."""

    def queries() -> int:
        client = world.client_for("lead")
        client.get(HOME)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(HOME).status_code == 200
        return len(ctx.captured_queries)

    ours = queries()
    settings.MIDDLEWARE = [
        "django_otp.middleware.OTPMiddleware" if m == "core.mfa.OTPMiddleware" else m
        for m in settings.MIDDLEWARE
    ]
    assert queries() == ours + 1
