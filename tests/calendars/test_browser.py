"""The calendar feed page in Chromium at desktop and phone width: axe, no sideways scrolling,
the address shown once and working; screenshots in var/screenshots/ for review."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from icalendar import Calendar

from tests.browser import conftest as browser
from tests.browser.conftest import axe_violations, log_in
from tests.conftest import World

pytestmark = pytest.mark.browser
browser_type_launch_args = browser.browser_type_launch_args
live_world = browser.live_world
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def test_the_feed_page_makes_shows_and_rotates_the_address(  # type: ignore[no-untyped-def]
    live_world: World, live_server, page
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    log_in(page, live_server, live_world.users["mentor"])
    url = live_server.url + reverse("calendars:feed_settings")
    addresses = []
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        page.goto(url)
        assert page.locator("h1").count() == 1
        assert page.locator("#feed-url").count() == 0  # the secret is not shown again
        assert axe_violations(page) == []
        page.screenshot(path=str(SCREENSHOTS / f"calendar-feed-{size}.png"), full_page=True)
        page.get_by_role("button", name="Make a new address").or_(
            page.get_by_role("button", name="Lag ny adresse")
        ).click()
        page.wait_for_load_state()
        address = page.locator("#feed-url").input_value()
        assert address.startswith(live_server.url) and address.endswith(".ics")
        addresses.append(address)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        assert axe_violations(page) == []
        page.locator("[data-copy-target]").click()
        page.screenshot(path=str(SCREENSHOTS / f"calendar-feed-address-{size}.png"), full_page=True)
    old, new = addresses
    assert old != new
    assert page.request.get(old).status == 404
    response = page.request.get(new)
    assert response.status == 200
    assert Calendar.from_ical(response.body()).walk("VEVENT")
