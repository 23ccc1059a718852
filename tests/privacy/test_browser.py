"""The privacy pages in real Chromium: axe (WCAG 2.1 AA) with entries, history and a report."""

import pghistory
import pytest
from django.urls import reverse

from candidates.models import Candidate
from core.services import audit_access, audit_log
from history.selectors import is_recorded
from stewardship.retention import RUN_ACTION
from tests.browser import conftest as browser
from tests.browser.conftest import axe_violations, log_in
from tests.conftest import World

pytestmark = pytest.mark.browser
browser_type_launch_args = browser.browser_type_launch_args
live_world = browser.live_world


def test_privacy_pages_pass_axe_with_content(live_world: World, live_server, page) -> None:  # type: ignore[no-untyped-def]
    world = live_world
    candidate = world.objects["candidate"]
    audit_access(
        actor=world.users["lead"], operator=world.operator, action="reports.export",
        candidate_ids=range(1, 15), data={"report": "placements", "format": "csv"},
    )  # fmt: skip
    audit_log(actor=None, operator=world.operator, action=RUN_ACTION, data={"notes_deleted": 2})
    if is_recorded():  # two pages of history, with who made them
        with pghistory.context(user=world.users["coordinator"].pk, url="/test/"):
            for i in range(25):
                Candidate.objects.filter(pk=candidate.pk).update(phone=f"+47 {i:08d}")
    urls = [
        reverse("core:access_log"),
        reverse("core:access_log") + f"?candidate={candidate.pk}",
        reverse("stewardship:retention"),
        reverse("stewardship:retention_preview"),
        reverse("candidates:detail", args=[candidate.pk]),
        reverse("placements:detail", args=[world.objects["placement"].pk]),
    ]
    log_in(page, live_server, world.users["lead"])
    failures = {}
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response is not None and response.status == 200, url
        assert page.locator("h1").count() == 1, url
        if violations := axe_violations(page):
            failures[url] = violations
    assert failures == {}
