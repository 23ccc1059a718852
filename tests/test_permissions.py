"""Gate 1: every URL is classified, and every role gets exactly the status the matrix says."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import ROLES, World
from tests.urlmatrix import ADMIN_NAMESPACE, MATRIX


def url_names(patterns=None, namespace: str = "") -> set[str]:  # type: ignore[no-untyped-def]
    names: set[str] = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = (
                f"{namespace}:{pattern.namespace}"
                if namespace and pattern.namespace
                else (pattern.namespace or namespace)
            )
            names |= url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            qualified = f"{namespace}:{pattern.name}" if namespace else (pattern.name or "")
            if not qualified or pattern.name is None:
                qualified = f"{namespace}:<unnamed {pattern.pattern}>"
            names.add(qualified)
    return names


def test_every_url_is_in_the_matrix() -> None:
    resolved = {n for n in url_names() if not n.startswith(f"{ADMIN_NAMESPACE}:")}
    assert resolved - set(MATRIX) == set(), "URLs missing from tests/urlmatrix.py"
    assert set(MATRIX) - resolved == set(), "tests/urlmatrix.py names URLs that no longer exist"


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_its_status(world: World, name: str) -> None:
    entry = MATRIX[name]
    url = reverse(name, kwargs=entry.kwargs_for(world))
    got = {role: world.client_for(role).get(url).status_code for role in ROLES}
    assert got == entry.statuses


OWN_SIGNIN = {"portal": "portal:signin", "hostportal": "hostportal:signin"}


def test_anonymous_is_sent_to_login(world: World) -> None:
    for name, entry in MATRIX.items():
        if entry.statuses["anon"] == 302 and name not in {"core:set_language"}:
            response = world.client_for("anon").get(reverse(name, kwargs=entry.kwargs_for(world)))
            # The candidates' portal and the host units' pages have their own sign-in (by
            # e-mailed link).
            login = OWN_SIGNIN.get(name.split(":")[0], "accounts:login")
            assert response["Location"].startswith(reverse(login)), name


def test_admin_is_for_site_admins_only(world: World) -> None:
    admin_names = sorted(n for n in url_names() if n.startswith(f"{ADMIN_NAMESPACE}:"))
    assert "admin:index" in admin_names
    assert world.client_for("site_admin").get(reverse("admin:index")).status_code == 200
    for role in ROLES:
        if role == "site_admin":
            continue
        response = world.client_for(role).get(reverse("admin:index"))
        assert response.status_code == 302, role
        assert response["Location"].startswith(reverse("admin:login")), role
