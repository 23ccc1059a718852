"""Browser fixtures: Debian's Chromium through Playwright, pages served by live_server."""

import mimetypes
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client

from tests.accounts.otp import log_in_verified
from tests.conftest import World, build_world, require

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):  # type: ignore[no-untyped-def]
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    require(bool(path), "Debian's chromium is not installed (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": path, "args": CHROMIUM_FLAGS}


@pytest.fixture
def live_world(transactional_db) -> World:  # type: ignore[no-untyped-def]
    return build_world()


def log_in(page, live_server, user) -> None:  # type: ignore[no-untyped-def]
    """Give the browser a session for ``user`` without typing a password."""
    page.context.clear_cookies()
    if user is None:
        return
    client = log_in_verified(Client(), user)  # leads and coordinators: verified (core.mfa)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


_axe = Axe()
# Only violations come back with their nodes: axe's passes and inapplicable rules would be
# serialised through the browser protocol on every page for nothing.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}


def axe_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Run axe-core with the WCAG 2.1 A/AA rules; return one line per violation."""
    if not page.evaluate("typeof window.axe === 'object'"):  # an init script may have put it there
        page.evaluate(_axe.axe_script)
    response = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    lines = []
    for violation in response["violations"]:
        targets = [", ".join(node["target"]) for node in violation["nodes"]][:5]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return lines


def preload_axe(page) -> None:  # type: ignore[no-untyped-def]
    """Load axe-core into every document the page opens, before its own scripts run."""
    page.context.add_init_script(script=_axe.axe_script)


_static_cache: dict[str, tuple[bytes, str]] = {}


def serve_static_from_memory(page) -> None:  # type: ignore[no-untyped-def]
    """Answer requests for static files from memory instead of the live server.

    The live server is one thread; each page asks it for seven static files (CSS, scripts,
    icons), so a walk over every page spends most of its time serving the same files again.
    The files are the ones the staticfiles finders would serve, byte for byte.
    """
    prefix = settings.STATIC_URL

    def fulfil(route) -> None:  # type: ignore[no-untyped-def]
        path = urlsplit(route.request.url).path
        if not path.startswith(prefix):
            route.continue_()
            return
        name = unquote(path[len(prefix) :])
        if name not in _static_cache:
            found = finders.find(name)
            if not found:
                route.continue_()  # let the server answer (a 404 the test should see)
                return
            body = Path(found).read_bytes()
            kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
            _static_cache[name] = (body, kind)
        body, kind = _static_cache[name]
        route.fulfill(status=200, body=body, headers={"Content-Type": kind})

    page.route(f"**{prefix}**", fulfil)
