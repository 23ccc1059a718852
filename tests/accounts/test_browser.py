"""The code page in Chromium: it passes axe, and typing the code from the app lets the user in."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.conftest import axe_violations
from tests.conftest import World

pytestmark = pytest.mark.browser


def test_code_page_passes_axe_and_lets_the_user_in(live_world: World, live_server, page) -> None:  # type: ignore[no-untyped-def]
    user = live_world.users["mentor"]
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    client = Client()
    client.force_login(user)  # the password step; the session now wants a code
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(live_server.url + reverse("mentors:mine"))
    assert reverse("accounts:mfa_verify") in page.url
    assert page.locator("h1").count() == 1 and page.locator("main#main").count() == 1
    assert axe_violations(page) == []
    page.locator("input[name=token]").fill(f"{totp(bytes.fromhex(device.key)):06d}")
    page.locator("main form").first.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url == live_server.url + reverse("mentors:mine")
