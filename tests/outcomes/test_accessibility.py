"""axe-core (WCAG 2.1 AA) on the outcome and event pages with rows in them: the matrix scan sees
them nearly empty, this one sees the worklist, the goal's progress bar and the attendance table."""

import datetime
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from programs.models import ORDINARY_JOB_KINDS, OutcomeKind, Programme
from tests.browser import conftest as browser
from tests.browser.conftest import axe_violations, log_in
from tests.conftest import World

from .helpers import EXIT, outcome, placement

pytestmark = pytest.mark.browser
# The browser fixtures live beside the browser tests; this module uses them from here.
browser_type_launch_args = browser.browser_type_launch_args
live_world = browser.live_world


def test_outcome_and_event_pages_pass_axe(live_world: World, live_server, page) -> None:  # type: ignore[no-untyped-def]
    world = live_world
    network = world.objects["network"]
    Programme.objects.filter(pk=network.pk).update(
        goal_target=1000,
        goal_deadline=datetime.date(2028, 12, 31),
        goal_outcome_kinds=ORDINARY_JOB_KINDS,
    )
    hired = placement(world, programme=network, given_name="Olena", family_name="Kovalenko")
    outcome(world, hired, EXIT, OutcomeKind.PERMANENT_OUTSIDE_FIELD)
    waiting = placement(world, given_name="محمد", family_name="الأحمد")
    event = world.objects["event"]
    create = reverse("placements:outcome_create")
    urls = [
        reverse("placements:outcomes_due"),
        reverse("placements:outcome_list"),
        f"{create}?{urlencode({'placement': waiting.pk, 'checkpoint': 'exit'})}",
        reverse("placements:programme_figures", kwargs={"pk": network.pk}),
        reverse("events:detail", kwargs={"pk": event.pk}),
        reverse("events:list"),
    ]
    failures = {}
    log_in(page, live_server, world.users["lead"])
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response is not None and response.status == 200, url
        assert page.locator("h1").count() == 1, url
        if violations := axe_violations(page):
            failures[url] = violations
    # The form with errors, as a user meets it after a refused submission.
    page.goto(live_server.url + create)
    page.click("button[type=submit]")
    if violations := axe_violations(page):
        failures["outcome form with errors"] = violations
    assert failures == {}
