"""The header's entries, kept per viewer, view and language (workday/navigation.py): every role
sees what its capabilities allow, the current entry follows the page, labels follow the language."""

import pytest
from django.test import RequestFactory
from django.urls import resolve, reverse
from django.utils import translation

from core.models import Role
from core.permissions import CAPABILITIES, has_capability, role_has_capability
from tests.conftest import World
from workday import navigation
from workday.navigation import GROUPS, Viewer, build_entries, entries_for

PAGES = ["workday:home", "candidates:list", "placements:list", "programs:programme_list"]


def urls(entries: tuple[navigation.Entry, ...]) -> set[str]:
    return {e.url for e in entries if e.url} | {p.url for e in entries for p in e.pages}


def current(entries: tuple[navigation.Entry, ...]) -> list[str]:
    marked = [e.url for e in entries if e.current and e.url]
    return marked + [p.url for e in entries for p in e.pages if p.current]


def test_role_has_capability_agrees_with_has_capability(world: World) -> None:
    for role in [*Role.values, None, "unknown"]:
        membership = world.operator.memberships.first()
        assert membership is not None
        if role is not None:
            membership.role = role
        for capability in [*CAPABILITIES, "no.such.capability"]:
            expected = has_capability(membership if role is not None else None, capability)
            assert role_has_capability(role, capability) == expected, (role, capability)


@pytest.mark.parametrize("role", ["lead", "coordinator", "mentor", "partner"])
def test_each_role_sees_the_pages_its_capabilities_allow_on_every_page(
    world: World, role: str
) -> None:
    client = world.client_for(role, HTTP_ACCEPT_LANGUAGE="en")
    membership = world.users[role].memberships.get()  # type: ignore[union-attr]
    viewer = Viewer(membership.role, False)
    allowed = {
        reverse(page.url_name) for group in GROUPS for page in group.pages if page.visible(viewer)
    }
    for name in PAGES:
        response = client.get(reverse(name))
        if response.status_code != 200:
            continue
        entries = response.context["nav"]
        assert urls(entries) == allowed, (role, name)
        if reverse(name) in allowed:
            assert current(entries) == [reverse(name)], (role, name)
    # Kept entries are the ones built afresh.
    navigation._ENTRIES.clear()
    with translation.override("en"):
        fresh = build_entries(viewer, ("", "", ""))
    assert urls(fresh) == allowed


def test_a_site_admin_sees_site_administration_and_a_lead_does_not(world: World) -> None:
    admin_url = reverse("admin:index")
    assert admin_url in urls(build_entries(Viewer(None, True), ("", "", "")))
    assert admin_url not in urls(build_entries(Viewer(Role.LEAD, False), ("", "", "")))


def test_the_current_entry_follows_the_page_and_labels_follow_the_language(
    world: World,
) -> None:
    lead = world.users["lead"]
    factory = RequestFactory()
    seen = {}
    for language in ("nb", "en"):
        for name in ("candidates:list", "placements:list"):
            request = factory.get(reverse(name))
            request.user = lead  # type: ignore[assignment]
            request.membership = lead.memberships.get()  # type: ignore[union-attr, attr-defined]
            request.resolver_match = resolve(reverse(name))
            with translation.override(language):
                seen[(language, name)] = entries_for(request)
                assert entries_for(request) is seen[(language, name)]  # kept
    assert current(seen[("en", "candidates:list")]) == [reverse("candidates:list")]
    assert current(seen[("en", "placements:list")]) == [reverse("placements:list")]
    labels = {lang: [e.label for e in seen[(lang, "candidates:list")]] for lang in ("nb", "en")}
    assert "Home" in labels["en"] and "Forside" in labels["nb"], labels


def test_the_header_shows_the_users_own_entries_after_another_role_filled_the_cache(
    world: World,
) -> None:
    home = reverse("workday:home")
    lead_page = world.client_for("lead", HTTP_ACCEPT_LANGUAGE="en").get(home)
    mentor_page = world.client_for("mentor", HTTP_ACCEPT_LANGUAGE="en").get(home)
    members = reverse("core:member_list")
    assert members in urls(lead_page.context["nav"])
    assert members not in urls(mentor_page.context["nav"])
    assert f'href="{members}"' in lead_page.content.decode()
    assert f'href="{members}"' not in mentor_page.content.decode()
