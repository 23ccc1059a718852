"""In Chromium: the charts are drawn by static/js/charts.js under the CSP, without errors,
and the partner's view of the dashboard passes axe too."""

import pytest
from django.urls import reverse

from tests.browser.conftest import (  # noqa: F401 (fixtures)
    axe_violations,
    browser_type_launch_args,
    live_world,
    log_in,
)
from tests.conftest import World

pytestmark = pytest.mark.browser


def test_charts_are_drawn_without_errors(live_world: World, live_server, page) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    errors: list[str] = []
    page.on(
        "console",
        lambda msg: (
            errors.append(f"{msg.text} {msg.location.get('url')}")
            if msg.type == "error" and "favicon" not in str(msg.location.get("url"))
            else None
        ),
    )
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    url = reverse("dashboards:programme", kwargs={"pk": live_world.objects["programme"].pk})
    for role in ("lead", "partner"):
        log_in(page, live_server, live_world.users[role])
        page.goto(live_server.url + url)
        page.wait_for_load_state("load")
        drawn = page.evaluate(
            "() => Array.from(document.querySelectorAll('canvas[data-chart]'))"
            ".map(c => !!(window.Chart && window.Chart.getChart(c)))"
        )
        assert drawn == [True, True], role
        assert axe_violations(page) == [], role
    assert errors == []
