"""A coordinator fills a position, and an employer's job opening, from its shortlist with the
keyboard only, in bokmål and in English: from the programme page to the shortlist, dismisses a
weak suggestion with a reason, proposes the best one (the application is created as screened,
with who decided). Every page passes axe; screenshots at 1280×800 and 390×844 are kept in
var/test-artifacts/matching/ and var/screenshots/matching/."""

import pytest
from django.conf import settings
from django.urls import reverse

from candidates.models import Application
from matching.models import MatchDecision
from tests.factories import CandidateFactory
from tests.journeys import conftest as journeys
from tests.journeys.conftest import (
    ARTIFACTS,
    DESKTOP,
    PHONE,
    Keyboard,
    Visits,
    field,
    message,
    named,
    sign_in,
    t,
)

# The journeys' fixtures: Debian's Chromium, a world for the live server, the two languages.
browser_context_args = journeys.browser_context_args
browser_type_launch_args = journeys.browser_type_launch_args
live_world = journeys.live_world
lang = journeys.lang

pytestmark = pytest.mark.browser


def test_coordinator_fills_a_position_from_its_shortlist_by_keyboard(
    live_world,
    live_server,
    page,
    lang,  # type: ignore[no-untyped-def]
) -> None:
    world = live_world
    position = world.objects["position"]  # STYRK-08 2511
    best = CandidateFactory(
        operator=world.operator, given_name="Leyla", family_name="Hassan",
        profession_id="2511", norwegian_level="B2",
    )  # fmt: skip
    weak = CandidateFactory(
        operator=world.operator, given_name="Piotr", family_name="Nowak",
        profession_id="5120", norwegian_level="A2",
    )  # fmt: skip
    visits, keys = _coordinator_on_programme(page, live_server, world, lang, position.programme_id)

    keys.follow(page.get_by_role("link", name=named(t(lang, "Shortlist"), position.title)))
    assert visits.check() == "matching:shortlist"
    names = page.locator("main table tbody tr td:first-child").all_inner_texts()
    assert names[0].strip() == "Leyla Hassan"
    assert names.index("Piotr Nowak") > names.index("Leyla Hassan")
    reasons = page.locator("main table tbody tr").first.inner_text()
    assert t(lang, "same STYRK-08 occupation").casefold() in reasons.casefold()
    shots = ARTIFACTS / "matching"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / f"shortlist-{lang}-1280.png"), full_page=True)

    # Dismiss the weak suggestion, with a reason.
    keys.follow(page.get_by_role("link", name=named(t(lang, "Dismiss"), "Piotr Nowak")))
    assert visits.check() == "matching:dismiss"
    keys.type(
        field(page, t(lang, "Why is this candidate not suitable?")), "Mangler relevant erfaring"
    )
    keys.follow(page.locator("main").get_by_role("button", name=t(lang, "Dismiss"), exact=True))
    assert visits.check() == "matching:shortlist"
    assert t(lang, "%(name)s was dismissed.", name="Piotr Nowak") in message(page)
    assert "Piotr Nowak" not in page.locator("main table").inner_text()
    assert "Mangler relevant erfaring" in page.locator("main").inner_text()

    # Propose the best one: the application is created, at "screened", with who decided.
    keys.follow(page.get_by_role("button", name=named(t(lang, "Propose"), "Leyla Hassan")))
    assert visits.check() == "matching:shortlist"
    assert "Leyla Hassan" in message(page)
    application = Application.objects.get(candidate=best, position=position)
    assert application.stage == Application.Stage.SCREENED
    assert application.history.last().by == world.users["coordinator"]
    decision = MatchDecision.objects.get(candidate=best, position=position)
    assert decision.kind == "proposed" and decision.decided_by == world.users["coordinator"]
    assert MatchDecision.objects.get(candidate=weak).reason == "Mangler relevant erfaring"
    assert keys.presses > 0 and keys.focus_checks > 0

    page.set_viewport_size(PHONE)
    page.reload()
    visits.check(axe=True)
    page.screenshot(path=str(shots / f"shortlist-{lang}-390.png"), full_page=True)


def test_coordinator_proposes_for_a_job_opening_from_its_shortlist_by_keyboard(
    live_world,
    live_server,
    page,
    lang,  # type: ignore[no-untyped-def]
) -> None:
    """From the network programme to the employer's job opening, its shortlist, and back to the
    opening, which now lists the proposed candidate; screenshots of the opening and the shortlist
    at both sizes go to var/screenshots/matching/."""
    world = live_world
    opening = world.objects["opening"]  # "Utvikler", STYRK-08 2512, in the network programme
    best = CandidateFactory(
        operator=world.operator, given_name="Amina", family_name="Yusuf",
        profession_id="2512", norwegian_level="B2",
    )  # fmt: skip
    visits, keys = _coordinator_on_programme(page, live_server, world, lang, opening.programme_id)
    shots = settings.BASE_DIR / "var" / "screenshots" / "matching"
    shots.mkdir(parents=True, exist_ok=True)

    openings = page.locator("section", has=page.locator("#h-openings"))
    keys.follow(openings.get_by_role("link", name=opening.title, exact=True))
    assert visits.check(axe=True) == "programs:opening_detail"
    assert t(lang, "No candidate has been proposed yet.") in page.locator("main").inner_text()
    _screenshots(page, shots / f"opening-{lang}")

    keys.follow(page.locator("main").get_by_role("link", name=t(lang, "Shortlist"), exact=True))
    assert visits.check(axe=True) == "matching:shortlist"
    assert "Amina Yusuf" in page.locator("main table tbody tr").first.inner_text()
    _screenshots(page, shots / f"opening-shortlist-{lang}")

    keys.follow(page.get_by_role("button", name=named(t(lang, "Propose"), "Amina Yusuf")))
    assert visits.check() == "matching:shortlist"
    assert "Amina Yusuf" in message(page)
    application = Application.objects.get(candidate=best, opening=opening)
    assert application.position_id is None
    assert application.stage == Application.Stage.SCREENED
    decision = MatchDecision.objects.get(candidate=best, opening=opening)
    assert decision.application == application
    assert decision.decided_by == world.users["coordinator"]

    # Back to the opening through the breadcrumb: the candidate is listed there.
    crumbs = page.get_by_role("navigation", name=t(lang, "Breadcrumb"))
    keys.follow(crumbs.get_by_role("link", name=opening.title, exact=True))
    assert visits.check(axe=True) == "programs:opening_detail"
    proposed = page.locator("section", has=page.locator("#h-opening-applications"))
    assert "Amina Yusuf" in proposed.inner_text()
    _screenshots(page, shots / f"opening-proposed-{lang}")
    assert keys.presses > 0 and keys.focus_checks > 0


def _coordinator_on_programme(page, live_server, world, lang, programme_id):  # type: ignore[no-untyped-def]
    """The coordinator signed in, speaking lang, on the programme's page (checked)."""
    sign_in(page, live_server, world.users["coordinator"], lang)
    visits, keys = Visits(page, lang), Keyboard(page)
    page.goto(live_server.url + reverse("programs:programme_detail", kwargs={"pk": programme_id}))
    visits.check()
    return visits, keys


def _screenshots(page, stem) -> None:  # type: ignore[no-untyped-def]
    """The page at 1280×800 and at 390×844 (no sideways scrolling there), then back to desktop."""
    page.screenshot(path=f"{stem}-1280.png", full_page=True)
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=f"{stem}-390.png", full_page=True)
    page.set_viewport_size(DESKTOP)
