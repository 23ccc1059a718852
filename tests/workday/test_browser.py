"""The home worklist, the header and the design in Chromium: per role the due items with links
that open, an item that leaves when done, a header of at most 7 entries in one row at 1024 px and
an offcanvas menu on a phone, and screenshots of home, a list, a detail and a form at desktop and
phone sizes in var/screenshots/ for people to look at."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from candidates.models import Application
from mentors.models import Milestone, MilestoneKind
from tests.browser.conftest import axe_violations, log_in
from tests.conftest import World

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
# One row of the navbar: 55–60 px with Bootstrap's paddings; a wrapped header is 95 px or more.
ONE_ROW = 72
MAX_TOP_LEVEL = 7


def make_work_due(world: World) -> None:
    """Give each role something due today, relative to the real date (the live server's)."""
    today = timezone.localdate()
    Application.objects.update(stage_changed_at=timezone.now() - datetime.timedelta(days=20))
    Milestone.objects.filter(kind=MilestoneKind.FOLLOW_UP).update(
        due_on=today + datetime.timedelta(days=2)
    )
    placement = world.objects["followed_placement"]
    placement.starts_on = today - datetime.timedelta(days=60)
    placement.planned_end = today + datetime.timedelta(days=12)
    placement.save(update_fields=["starts_on", "planned_end"])
    draft = world.objects["doc_draft"]
    draft.tasks = "Arkiv og resepsjon."
    draft.save(update_fields=["tasks"])


def sections(page) -> set[str]:  # type: ignore[no-untyped-def]
    return set(
        page.locator("[data-section]").evaluate_all("els => els.map(e => e.dataset.section)")
    )


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("lead", {"applications_applied", "documents_to_approve", "placements_ending"}),
        ("coordinator", {"applications_applied", "placements_ending", "without_consent"}),
        ("mentor", {"my_follow_ups", "my_candidates"}),
        ("partner", {"partner_programmes"}),
    ],
)
def test_home_lists_the_due_items_of_each_role_and_their_links_open(  # type: ignore[no-untyped-def]
    live_world: World, live_server, page, role: str, expected: set[str]
) -> None:
    make_work_due(live_world)
    log_in(page, live_server, live_world.users[role])
    home = live_server.url + reverse("workday:home")
    page.goto(home)
    assert expected <= sections(page), sections(page)
    assert axe_violations(page) == []
    for key in sorted(expected):
        link = page.locator(f'[data-section="{key}"] .list-group-item a').first
        href = link.get_attribute("href")
        link.click()
        page.wait_for_load_state()
        assert page.url.endswith(href), (key, page.url)
        assert page.locator("h1").count() == 1, (key, href)
        page.goto(home)


def test_an_approved_attest_leaves_the_home(live_world: World, live_server, page) -> None:  # type: ignore[no-untyped-def]
    make_work_due(live_world)
    draft = live_world.objects["doc_draft"]
    log_in(page, live_server, live_world.users["lead"])
    page.goto(live_server.url + reverse("workday:home"))
    section = page.locator('[data-section="documents_to_approve"]')
    section.locator(f'a[href="{reverse("documents:detail", kwargs={"pk": draft.pk})}"]').click()
    page.locator(
        f'form[action="{reverse("documents:approve", kwargs={"pk": draft.pk})}"] button'
    ).click()
    page.wait_for_load_state()
    page.goto(live_server.url + reverse("workday:home"))
    assert "documents_to_approve" not in sections(page)
    assert "placements_ending" in sections(page)


ROLES = ("lead", "coordinator", "mentor", "partner", "site_admin")


def test_the_header_is_one_row_at_1024_px_with_at_most_7_entries_for_every_role(  # type: ignore[no-untyped-def]
    live_world: World, live_server, page
) -> None:
    heights = {}
    for lang in ("nb", "en"):
        for role in ROLES:
            log_in(page, live_server, live_world.users[role])
            page.context.add_cookies(
                [{"name": "django_language", "value": lang, "url": live_server.url}]
            )
            page.set_viewport_size({"width": 1024, "height": 768})
            page.goto(live_server.url + reverse("workday:home"))
            entries = page.locator("#main-nav-list > li").count()
            assert 1 <= entries <= MAX_TOP_LEVEL, (role, entries)
            height = page.locator("header nav").evaluate("el => el.getBoundingClientRect().height")
            heights[(lang, role)] = height
            assert page.evaluate("document.documentElement.scrollWidth") <= 1024, role
            assert page.locator('#main-nav-list [aria-current="page"]').count() == 1, role
    assert all(h <= ONE_ROW for h in heights.values()), heights


def test_the_current_section_is_marked_in_its_group(live_world: World, live_server, page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, live_server, live_world.users["lead"])
    page.goto(live_server.url + reverse("placements:list"))
    toggle = page.locator('#main-nav-list .dropdown-toggle[aria-current="true"]')
    assert toggle.count() == 1
    toggle.click()
    current = page.locator('#main-nav-list .dropdown-menu [aria-current="page"]')
    assert current.get_attribute("href") == reverse("placements:list")


def test_the_menu_is_an_offcanvas_sheet_on_a_phone(live_world: World, live_server, page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, live_server, live_world.users["coordinator"])
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + reverse("workday:home"))
    menu = page.locator("#main-nav")
    assert not menu.is_visible()
    page.locator(".navbar-toggler").click()
    page.locator("#main-nav.show").wait_for()
    assert page.locator("#main-nav").get_attribute("role") == "dialog"
    assert page.locator("#site-search").is_visible()
    assert axe_violations(page) == []
    page.locator("#main-nav .btn-close").click()
    page.locator("#main-nav.show").wait_for(state="detached")


def test_the_search_box_finds_a_candidate_from_the_header(
    live_world: World, live_server, page
) -> None:  # type: ignore[no-untyped-def]
    log_in(page, live_server, live_world.users["lead"])
    page.goto(live_server.url + reverse("workday:home"))
    page.locator("#site-search").fill("Haddad")
    page.locator("#site-search").press("Enter")
    page.wait_for_load_state()
    candidate = live_world.objects["candidate"]
    link = page.locator(
        f'#search-results a[href="{reverse("candidates:detail", kwargs={"pk": candidate.pk})}"]'
    )
    assert link.count() == 1
    assert axe_violations(page) == []


def test_tables_become_cards_with_labels_on_a_phone(live_world: World, live_server, page) -> None:  # type: ignore[no-untyped-def]
    log_in(page, live_server, live_world.users["lead"])
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + reverse("placements:list"))
    cell = page.locator("table.table-stack tbody td").first
    assert cell.get_attribute("data-label")
    assert cell.evaluate("el => getComputedStyle(el).display") in ("block", "grid")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The filter panel is behind a button and opens as a sheet.
    assert not page.locator("#filter-panel form").is_visible()
    page.locator('[data-bs-target="#filter-panel"]').first.click()
    page.locator("#filter-panel.show").wait_for()
    assert page.locator("#filter-panel form").is_visible()


SHOTS = {
    "home": lambda w: reverse("workday:home"),
    "list": lambda w: reverse("placements:list"),
    "detail": lambda w: reverse("candidates:detail", kwargs={"pk": w.objects["candidate"].pk}),
    "form": lambda w: reverse("candidates:edit", kwargs={"pk": w.objects["candidate"].pk}),
    "search": lambda w: reverse("workday:search") + "?q=Haddad",
}


SCREENSHOT_ROLES = ("lead", "coordinator", "mentor", "partner", "site_admin")


def test_screenshots_of_home_list_detail_and_form(live_world: World, live_server, page) -> None:  # type: ignore[no-untyped-def]
    """Written for people to look at (var/screenshots/); each page also passes axe."""
    make_work_due(live_world)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # Every signed-in role's home (each has its own worklist and menu); the lead's list, detail,
    # form and search besides.
    for role in SCREENSHOT_ROLES:
        log_in(page, live_server, live_world.users[role])
        for size_name, size in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(size)
            for name, url in SHOTS.items():
                if role != "lead" and name != "home":
                    continue
                response = page.goto(live_server.url + url(live_world))
                assert response is not None and response.status == 200, name
                page.screenshot(
                    path=str(SCREENSHOTS / f"{role}-{name}-{size_name}.png"), full_page=True
                )
                assert page.evaluate("document.documentElement.scrollWidth") <= size["width"], name
                assert axe_violations(page) == [], (role, name, size_name)
    written = {path.name for path in SCREENSHOTS.glob("*.png")}
    for size_name in ("desktop", "phone"):
        assert {f"{role}-home-{size_name}.png" for role in SCREENSHOT_ROLES} <= written
        assert {f"lead-{name}-{size_name}.png" for name in SHOTS} <= written
