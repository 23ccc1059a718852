"""Browser fixtures: Debian's Chromium through Playwright, pages served by live_server."""

import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe
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


def axe_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Run axe-core with the WCAG 2.1 A/AA rules; return one line per violation."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    lines = []
    for violation in results.response["violations"]:
        targets = [", ".join(node["target"]) for node in violation["nodes"]][:5]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return lines
