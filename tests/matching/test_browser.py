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
