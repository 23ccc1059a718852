"""Gate 2: every page in the matrix passes axe-core (WCAG 2.1 A/AA) for a role that may see it."""

import pytest
from django.urls import reverse

from tests.browser.conftest import axe_violations, log_in, preload_axe, serve_static_from_memory
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


SHAPE = """() => [document.documentElement.lang, document.querySelectorAll("h1").length,
                document.querySelectorAll("main#main").length]"""


def walk(world: World, live_server, page, language: str) -> tuple[int, dict[str, list[str]]]:  # type: ignore[no-untyped-def]
    """Open every page of the plan in ``language`` and run axe on it; (pages scanned, failures)."""
    failures: dict[str, list[str]] = {}
    scanned = 0
    for role, urls in pages_by_role(world).items():
        log_in(page, live_server, world.users[role])  # one session per role, kept for its pages
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        for url in urls:
            response = page.goto(live_server.url + url)
            assert response is not None and response.status == 200, (language, role, url)
            # One round trip for the page's language, its h1 count and its main landmark.
            lang, h1s, mains = page.evaluate(SHAPE)
            assert lang == language, (language, url)
            assert h1s == 1, f"{url} needs exactly one h1"
            assert mains == 1, url
            violations = axe_violations(page)
            if violations:
                failures[f"{language} {role} {url}"] = violations
            scanned += 1
    return scanned, failures


# The issue asks for every page in all three languages: words and their lengths change with the
# language (wrapping, longer labels, lang attributes), so each language walks every page. What
# keeps three walks affordable (measured on the 2-core machine, about 95 pages per language):
# axe-core is loaded by an init script with the page instead of being sent over the browser
# protocol after it, axe returns only violations (not every passing node), and static files come
# from memory instead of the one-thread live server. A walk went from 115 s to about 55 s.
@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_every_page_passes_axe_in_each_language(  # type: ignore[no-untyped-def]
    live_world: World, live_server, page, language: str
) -> None:
    serve_static_from_memory(page)
    preload_axe(page)
    scanned, failures = walk(live_world, live_server, page, language)
    assert scanned >= sum(1 for entry in MATRIX.values() if entry.html) // 2
    assert failures == {}


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
