"""The matching pages in real Chromium: axe (WCAG 2.1 AA) for each, as the lead sees them (the
full-app scan in tests/browser covers them too; this one runs with the matching tests)."""

import pytest
from django.urls import reverse

from tests.browser import conftest as browser
from tests.browser.conftest import axe_violations, log_in
from tests.conftest import World
from tests.factories import CandidateFactory
from tests.urlmatrix import MATRIX

pytestmark = pytest.mark.browser
browser_type_launch_args = browser.browser_type_launch_args
live_world = browser.live_world


def test_matching_pages_pass_axe(live_world: World, live_server, page) -> None:  # type: ignore[no-untyped-def]
    CandidateFactory(operator=live_world.operator, profession_id="2511", other_languages=["ar"])
    log_in(page, live_server, live_world.users["lead"])
    failures, seen = {}, 0
    for name, entry in sorted(MATRIX.items()):
        if not name.startswith("matching:") or not entry.html:
            continue
        target = live_server.url + reverse(name, kwargs=entry.kwargs_for(live_world))
        response = page.goto(target)
        assert response is not None and response.status == 200, name
        assert page.locator("h1").count() == 1, name
        seen += 1
        if violations := axe_violations(page):
            failures[name] = violations
    assert seen == 5
    assert failures == {}


NEW_PAGES = {
    "lead": (
        "programs:programme_detail",
        "programs:opening_create",
        "programs:opening_detail",
        "programs:opening_edit",
        "mentors:profile_list",
        "mentors:profile_edit",
    ),
    "mentor": ("mentors:profile_mine",),
}
SHOTS = {
    "programs:programme_detail",
    "programs:opening_detail",
    "programs:opening_edit",
    "mentors:profile_list",
    "mentors:profile_edit",
}


def test_opening_and_mentor_profile_pages_pass_axe_and_stack_on_a_phone(
    live_world: World,
    live_server,
    page,  # type: ignore[no-untyped-def]
) -> None:
    from django.conf import settings

    shots = settings.BASE_DIR / "var" / "screenshots" / "matching"
    shots.mkdir(parents=True, exist_ok=True)
    failures = {}
    for role, names in NEW_PAGES.items():
        page.context.clear_cookies()
        log_in(page, live_server, live_world.users[role])
        for name in names:
            kwargs = MATRIX[name].kwargs_for(live_world)
            if name == "programs:programme_detail":
                kwargs = {"pk": live_world.objects["network"].pk}
            page.set_viewport_size({"width": 1280, "height": 800})
            response = page.goto(live_server.url + reverse(name, kwargs=kwargs))
            assert response is not None and response.status == 200, name
            assert page.locator(".page-header h1").count() == 1, name
            if violations := axe_violations(page):
                failures[name] = violations
            if name in SHOTS:
                slug = name.replace(":", "-")
                page.screenshot(path=str(shots / f"{slug}-1280.png"), full_page=True)
                page.set_viewport_size({"width": 390, "height": 844})
                page.screenshot(path=str(shots / f"{slug}-390.png"), full_page=True)
                # Stacked tables: nothing scrolls sideways on a phone.
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= 390, (name, width)
    assert failures == {}
