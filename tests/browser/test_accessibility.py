"""Gate 2: every page in the matrix passes axe-core (WCAG 2.1 A/AA) for a role that may see it."""

import pytest
from django.urls import reverse

from tests.browser.conftest import axe_violations, log_in
from tests.conftest import World
from tests.urlmatrix import MATRIX

pytestmark = pytest.mark.browser

# The first role in this order that gets a 200 scans the page.
SCAN_ORDER = ("lead", "coordinator", "mentor", "partner", "site_admin", "anon")


def pages_by_role(world: World) -> dict[str, list[str]]:
    plan: dict[str, list[str]] = {}
    for name, entry in sorted(MATRIX.items()):
        if not entry.html:
            continue
        role = next((r for r in SCAN_ORDER if entry.statuses[r] == 200), None)
        if role is not None:
            plan.setdefault(role, []).append(reverse(name, kwargs=entry.kwargs_for(world)))
    # Navigation differs by role: every role's home page is scanned too.
    for role in SCAN_ORDER[:-1]:
        if reverse("workday:home") not in plan.setdefault(role, []):
            plan[role].append(reverse("workday:home"))
    return plan


def test_every_page_passes_axe(live_world: World, live_server, page) -> None:  # type: ignore[no-untyped-def]
    failures: dict[str, list[str]] = {}
    scanned = 0
    for role, urls in pages_by_role(live_world).items():
        log_in(page, live_server, live_world.users[role])
        for url in urls:
            response = page.goto(live_server.url + url)
            assert response is not None and response.status == 200, (role, url)
            assert page.locator("h1").count() == 1, f"{url} needs exactly one h1"
            assert page.locator("main#main").count() == 1, url
            violations = axe_violations(page)
            if violations:
                failures[f"{role} {url}"] = violations
            scanned += 1
    assert scanned >= 10
    assert failures == {}


# The full walk above is in bokmål. Nynorsk and English change words and their lengths, not
# markup: a sample of a quarter of the pages (each kind of page: lists, details, forms, boards,
# dashboards, the public pages, every role's home) covers what a full walk per language would,
# at a quarter of its time.
NYNORSK_SAMPLE = frozenset(
    {
        "workday:home",
        "core:member_list",
        "core:operator_language",
        "core:access_log",
        "stewardship:retention",
        "core:accessibility",
        "accounts:login",
        "accounts:language",
        "accounts:mfa",
        "programs:programme_detail",
        "programs:cohort_detail",
        "programs:hostunit_list",
        "candidates:list",
        "candidates:detail",
        "candidates:edit",
        "candidates:cohort_board",
        "candidates:import_upload",
        "placements:detail",
        "placements:outcomes_due",
        "mentors:mine",
        "mentors:evaluation_fill",
        "mentors:evaluation_public",
        "events:detail",
        "reports:placements",
        "reports:funder",
        "dashboards:programme",
        "documents:detail",
        "documents:verify",
        "reminders:preferences",
    }
)


@pytest.mark.parametrize("language", ["nn", "en"])
def test_sample_of_pages_in_nynorsk_and_english_pass_axe(  # type: ignore[no-untyped-def]
    live_world: World, live_server, page, language: str
) -> None:
    assert set(MATRIX) >= NYNORSK_SAMPLE, NYNORSK_SAMPLE - set(MATRIX)
    sample = {
        reverse(name, kwargs=entry.kwargs_for(live_world))
        for name, entry in MATRIX.items()
        if name in NYNORSK_SAMPLE
    }
    failures: dict[str, list[str]] = {}
    scanned = 0
    for role, urls in pages_by_role(live_world).items():
        urls = [url for url in urls if url in sample]
        if not urls:
            continue
        log_in(page, live_server, live_world.users[role])
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        for url in urls:
            response = page.goto(live_server.url + url)
            assert response is not None and response.status == 200, (role, url)
            assert page.locator("html").get_attribute("lang") == language, url
            violations = axe_violations(page)
            if violations:
                failures[f"{role} {url}"] = violations
            scanned += 1
    assert scanned >= len(NYNORSK_SAMPLE)
    assert failures == {}


def test_pages_in_english_pass_axe(live_world: World, live_server, page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, live_server, live_world.users["lead"])
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(live_server.url + reverse("workday:home"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert axe_violations(page) == []


def test_skip_link_moves_focus_to_main(live_world: World, live_server, page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, live_server, live_world.users["lead"])
    page.goto(live_server.url + reverse("workday:home"))
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_page_loads_nothing_from_outside(live_world: World, live_server, page) -> None:  # type: ignore[no-untyped-def]
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    log_in(page, live_server, live_world.users["lead"])
    page.goto(live_server.url + reverse("workday:home"))
    page.wait_for_load_state("networkidle")
    assert requested and all(url.startswith(live_server.url) for url in requested), requested


def test_the_axe_gate_can_fail(page) -> None:  # type: ignore[no-untyped-def]
    """A page with known faults must produce violations, or the scans above prove nothing."""
    page.set_content('<html><body><img src="/x.png"><input type="text"></body></html>')
    ids = {line.split(" ")[0] for line in axe_violations(page)}
    assert {"image-alt", "html-has-lang", "label"} <= ids
