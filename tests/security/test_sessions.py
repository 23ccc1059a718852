"""Check 10: idle and absolute session timeouts, new key at login, deactivation (ASVS 7.x)."""

import datetime

import time_machine
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.urls import reverse

from core.models import Membership
from tests.conftest import World

HOME = "workday:home"
START = datetime.datetime(2027, 1, 11, 8, 0, tzinfo=datetime.UTC)


def is_login_redirect(response) -> bool:  # type: ignore[no-untyped-def]
    return response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )


def test_settings_cap_idle_at_30_minutes_and_total_at_10_hours() -> None:
    assert settings.SESSION_IDLE_TIMEOUT <= 30 * 60
    assert settings.SESSION_COOKIE_AGE <= 10 * 60 * 60


def test_idle_session_is_logged_out_after_30_minutes(world: World) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        client = world.client_for("lead")
        assert client.get(reverse(HOME)).status_code == 200
        traveller.shift(datetime.timedelta(minutes=29))
        assert client.get(reverse(HOME)).status_code == 200
        traveller.shift(datetime.timedelta(minutes=29))  # activity restarted the idle clock
        assert client.get(reverse(HOME)).status_code == 200
        traveller.shift(datetime.timedelta(minutes=31))
        response = client.get(reverse(HOME))
        assert is_login_redirect(response)
        assert "_auth_user_id" not in client.session
        assert is_login_redirect(client.get(reverse(HOME)))


def test_active_session_ends_after_10_hours(world: World) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        client = world.client_for("lead")
        for _ in range(24):  # 24 x 25 min = exactly 10 h: still allowed
            assert client.get(reverse(HOME)).status_code == 200
            traveller.shift(datetime.timedelta(minutes=25))
        assert client.get(reverse(HOME)).status_code == 200
        traveller.shift(datetime.timedelta(minutes=25))
        assert is_login_redirect(client.get(reverse(HOME)))


def test_expiry_message_is_shown_on_the_login_page(world: World) -> None:
    with time_machine.travel(START, tick=False) as traveller:
        client = world.client_for("lead", HTTP_ACCEPT_LANGUAGE="en")
        client.get(reverse(HOME))
        traveller.shift(datetime.timedelta(minutes=31))
        response = client.get(reverse(HOME), follow=True)
        assert "Your session has expired" in response.content.decode()


def test_login_issues_a_new_session_key(world: World) -> None:
    client = Client()
    session = client.session
    session["probe"] = 1
    session.save()
    old_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    response = client.post(
        reverse("accounts:login"),
        {"username": "lead@example.org", "password": "secret-password-123"},
    )
    assert response.status_code == 302
    new_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert new_key != old_key
    assert not SessionStore().exists(old_key)


def test_logout_leaves_the_old_cookie_worthless(world: World) -> None:
    client = world.client_for("lead")
    old_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(reverse("accounts:logout"))
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = old_key
    assert is_login_redirect(replay.get(reverse(HOME)))


def test_deactivated_user_loses_the_session_at_once(world: World) -> None:
    client = world.client_for("lead")
    assert client.get(reverse(HOME)).status_code == 200
    user = world.users["lead"]
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert is_login_redirect(client.get(reverse(HOME)))
    assert is_login_redirect(client.get(reverse("candidates:list")))


def test_user_without_active_memberships_keeps_login_but_reaches_no_data(world: World) -> None:
    client = world.client_for("lead")
    assert client.get(reverse("candidates:list")).status_code == 200
    for membership in Membership.objects.filter(user=world.users["lead"]):
        membership.is_active = False
        membership.save()
    response = client.get(reverse("candidates:list"))
    assert response.status_code in (302, 403, 404)
    assert not is_login_redirect(response)
    assert "_auth_user_id" in client.session
    detail = reverse("candidates:detail", kwargs={"pk": world.objects["candidate"].pk})
    assert client.get(detail).status_code in (302, 403, 404)
