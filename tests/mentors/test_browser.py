"""The follow-up pages in real Chromium: axe (WCAG 2.1 AA) and the candidate's page on a phone."""

import pytest
from django.urls import reverse

from tests.browser import conftest as browser
from tests.browser.conftest import axe_violations, log_in
from tests.conftest import World
from tests.urlmatrix import MATRIX

pytestmark = pytest.mark.browser
# The browser fixtures (Debian's Chromium, a world for the live server) from tests/browser.
browser_type_launch_args = browser.browser_type_launch_args
live_world = browser.live_world
PHONE = {"width": 390, "height": 844}


def test_follow_up_pages_pass_axe_for_a_mentor(live_world: World, live_server, page) -> None:  # type: ignore[no-untyped-def]
    """The full-app scan opens these as the lead; supervisors and mentors see other controls."""
    log_in(page, live_server, live_world.users["mentor"])
    failures = {}
    for name, entry in sorted(MATRIX.items()):
        if not name.startswith("mentors:") or not entry.html or entry.statuses["mentor"] != 200:
            continue
        target = live_server.url + reverse(name, kwargs=entry.kwargs_for(live_world))
        response = page.goto(target)
        assert response is not None and response.status == 200, name
        assert page.locator("h1").count() == 1, name
        if violations := axe_violations(page):
            failures[name] = violations
    assert failures == {}


def test_candidate_evaluation_page_fits_a_phone_and_passes_axe(
    live_world: World,
    live_server,  # type: ignore[no-untyped-def]
    page,  # type: ignore[no-untyped-def]
) -> None:
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    link = reverse(
        "mentors:evaluation_public", kwargs={"token": live_world.objects["evaluation_token"]}
    )
    response = page.goto(live_server.url + link)
    assert response is not None and response.status == 200
    assert page.locator("main#main").count() == 1 and page.locator("h1").count() == 1
    assert page.locator("a").count() == 0
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE["width"], scroll_width
    assert axe_violations(page) == []
    # Sending without answers keeps the link and shows the errors, still without sideways scroll.
    page.get_by_role("button").click()
    page.wait_for_load_state()
    assert page.locator('[role="alert"]').count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(page) == []
    # Answering everything in the browser uses the link up (CSRF and all, as a phone sends it).
    fieldsets = page.locator("fieldset")
    for i in range(fieldsets.count()):
        fieldsets.nth(i).locator("input[type=radio]").first.check()
    textareas = page.locator("textarea")
    for i in range(textareas.count()):
        textareas.nth(i).fill("Det har gått fint.")
    page.get_by_role("button").click()
    page.wait_for_load_state()
    assert page.locator("form").count() == 0 and page.locator("h1").count() == 1
    assert axe_violations(page) == []
    response = page.goto(live_server.url + link)
    assert response is not None and response.status == 404
