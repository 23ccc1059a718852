"""Gate 4: headers on every HTML response, no-store on logged-in pages, CSRF on every POST."""

import pytest
from django.urls import reverse

from tests.conftest import ROLES, World
from tests.urlmatrix import MATRIX


def html_responses(world: World):  # type: ignore[no-untyped-def]
    for name, entry in sorted(MATRIX.items()):
        url = reverse(name, kwargs=entry.kwargs_for(world))
        for role in ROLES:
            if entry.statuses[role] == 200:
                response = world.client_for(role).get(url)
                if response["Content-Type"].startswith("text/html"):
                    yield name, role, response


def test_every_html_response_carries_the_security_headers(world: World) -> None:
    seen = 0
    for name, role, response in html_responses(world):
        seen += 1
        csp = response["Content-Security-Policy"]
        script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
        assert "'unsafe-inline'" not in script_src, name
        assert "frame-ancestors 'none'" in csp, name
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert response["Referrer-Policy"] == "same-origin", name
        assert response["X-Frame-Options"] == "DENY", name
        if role != "anon":
            assert "no-store" in response["Cache-Control"], (name, role)
    assert seen > 20


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_post_without_csrf_token_is_refused(world: World, name: str) -> None:
    client = world.client_for("lead", enforce_csrf_checks=True)
    url = reverse(name, kwargs=MATRIX[name].kwargs_for(world))
    assert client.post(url, {}).status_code == 403
