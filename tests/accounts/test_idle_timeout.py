"""The idle-timeout warning: the keep-alive endpoint, the seconds the page is told, and in Chromium
(with both clocks controlled: time-machine for the server, Playwright's clock for the page) the
dialog appears a minute before, "Stay signed in" keeps the session, and ignoring it logs out."""

import datetime
import time
from pathlib import Path

import pytest
import time_machine
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import translation

from core.security import IDLE_REMAINING_HEADER, SESSION_LAST_ACTIVITY_KEY
from tests.browser.conftest import axe_violations, log_in
from tests.conftest import World

SCREENSHOTS = Path(django_settings.BASE_DIR) / "var" / "screenshots"


def test_keep_alive_refreshes_the_idle_clock(world: World) -> None:
    client = world.client_for("mentor")
    session = client.session
    session[SESSION_LAST_ACTIVITY_KEY] = int(time.time()) - 20 * 60
    session.save()
    response = client.post(reverse("accounts:keep_alive"))
    assert response.status_code == 200
    assert response.json()["remaining"] == django_settings.SESSION_IDLE_TIMEOUT
    assert abs(client.session[SESSION_LAST_ACTIVITY_KEY] - int(time.time())) <= 1


def test_keep_alive_cannot_revive_an_expired_session(world: World) -> None:
    client = world.client_for("mentor")
    session = client.session
    session[SESSION_LAST_ACTIVITY_KEY] = int(time.time()) - 31 * 60
    session.save()
    response = client.post(reverse("accounts:keep_alive"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session


def test_keep_alive_needs_the_csrf_token(world: World) -> None:
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["mentor"])
    assert client.post(reverse("accounts:keep_alive")).status_code == 403


def test_pages_tell_the_warning_how_long_is_left(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.SESSION_IDLE_TIMEOUT = 600
    settings.SESSION_IDLE_WARNING = 45
    client = world.client_for("mentor")
    session = client.session
    session[SESSION_LAST_ACTIVITY_KEY] = int(time.time()) - 30  # refreshed at most once a minute
    session.save()
    response = client.get(reverse("mentors:mine"))
    html = response.content.decode()
    assert 'role="alertdialog"' in html
    assert 'data-remaining="570"' in html or 'data-remaining="569"' in html
    assert 'data-warning="45"' in html
    # htmx answers carry the same figure in a header.
    assert int(response[IDLE_REMAINING_HEADER]) in (569, 570)
    anonymous = world.client_for("anon").get(reverse("core:accessibility"))
    assert "alertdialog" not in anonymous.content.decode()


def expired_messages() -> set[str]:
    messages = set()
    for language in ("nb", "en"):
        with translation.override(language):
            messages.add(translation.gettext("Your session has expired. Please log in again."))
    return messages


@pytest.mark.browser
def test_the_warning_appears_stay_keeps_the_session_and_ignoring_logs_out(  # type: ignore[no-untyped-def]
    live_world: World, live_server, page, settings
) -> None:
    settings.SESSION_IDLE_TIMEOUT = 180  # a short timeout for the test: warned at 120 s
    settings.SESSION_IDLE_WARNING = 60
    start = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    home = live_server.url + reverse("mentors:mine")
    with time_machine.travel(start, tick=False) as server_clock:
        log_in(page, live_server, live_world.users["mentor"])
        page.clock.install(time=start)
        page.goto(home)
        dialog = page.locator("#idle-timeout")
        assert not dialog.is_visible()

        # 119 s idle: nothing yet; 120 s: the warning, with focus on "Stay signed in".
        page.clock.run_for(119_000)
        assert not dialog.is_visible()
        page.clock.run_for(1_500)
        dialog.wait_for(state="visible")
        assert dialog.get_attribute("role") == "alertdialog"
        assert page.evaluate("document.activeElement.closest('#idle-timeout') !== null")
        focused = page.evaluate("document.activeElement.textContent.trim()")
        assert focused == dialog.locator("form[data-idle-stay] button").inner_text().strip()
        assert dialog.locator("[data-idle-countdown]").inner_text() in {"1:00", "0:59"}
        assert axe_violations(page) == []
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "idle-timeout-warning-1280.png"))

        # "Stay signed in" by keyboard: Enter on the focused button.
        server_clock.shift(121)
        page.keyboard.press("Enter")
        dialog.wait_for(state="hidden")
        # Past the first deadline (180 s) the session still lives.
        server_clock.shift(120)
        page.clock.run_for(100_000)
        response = page.context.request.get(home, max_redirects=0)
        assert response.status == 200, response.status

        # Ignored: the warning comes again, then the page goes to the login page with a message.
        server_clock.shift(600)
        page.clock.run_for(25_000)
        dialog.wait_for(state="visible")
        page.clock.run_for(62_000)
        page.wait_for_url(f"**{reverse('accounts:login')}**")
        text = page.locator("main").inner_text()
        assert any(message in text for message in expired_messages()), text
        assert page.locator("#idle-timeout").count() == 0
