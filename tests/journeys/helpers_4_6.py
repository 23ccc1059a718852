"""Helpers for the browser journeys 4–6: the language, translated labels, axe on every page,
and a screenshot plus a Playwright trace in var/test-artifacts/ when a journey fails."""

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import capfirst

from tests.browser.conftest import axe_violations
from tests.conftest import require

LANGS = ["nb", "en"]
ARTIFACTS = Path(settings.BASE_DIR) / "var" / "test-artifacts"
# pdftotext keeps the direction marks around right-to-left names; comparisons ignore them.
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def t(lang: str, msgid: str | Promise, **values: object) -> str:
    """``msgid`` (or a lazy label) as the page shows it in ``lang``."""
    with translation.override(lang):
        text = str(msgid) if isinstance(msgid, Promise) else str(translation.gettext(msgid))
    return text % values if values else text


def tn(lang: str, singular: str, plural: str, count: int) -> str:
    """A ``{% blocktranslate count %}`` text as the page shows it in ``lang``."""
    with translation.override(lang):
        return str(translation.ngettext(singular, plural, count)) % {"counter": count}


def tc(lang: str, msgid: str) -> str:
    """A model field's verbose name as a form label shows it (first letter capitalised)."""
    return str(capfirst(t(lang, msgid)))


def speak(page, live_server, lang: str) -> None:  # type: ignore[no-untyped-def]
    """The browser asks for ``lang`` the way the language switcher leaves it: a cookie."""
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": lang, "url": live_server.url}]
    )


def field(page, label: str):  # type: ignore[no-untyped-def]
    """The form control in the main area labelled ``label`` (crispy marks required ones "*")."""
    pattern = re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$", re.IGNORECASE)
    return page.locator("main").get_by_label(pattern)


def definitions(page, selector: str = "main") -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The <dt>/<dd> pairs inside ``selector``, whitespace collapsed."""
    return page.locator(selector).evaluate(
        """root => Object.fromEntries(Array.from(root.querySelectorAll('dt')).map(dt => [
            dt.textContent.replace(/\\s+/g, ' ').trim(),
            dt.nextElementSibling.textContent.replace(/\\s+/g, ' ').trim(),
        ]))"""
    )


def table_rows(page, selector: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """Every row of the table at ``selector`` as its cells' text, whitespace collapsed."""
    return page.locator(selector).evaluate(
        """table => Array.from(table.querySelectorAll('tr')).map(tr =>
            Array.from(tr.children).map(c => c.textContent.replace(/\\s+/g, ' ').trim()))"""
    )


class Visits:
    """Every page a journey shows is checked: one h1, the main landmark, no axe violations."""

    def __init__(self, page, lang: str) -> None:  # type: ignore[no-untyped-def]
        self.page = page
        self.lang = lang
        self.paths: list[str] = []

    def check(self) -> None:
        page = self.page
        page.wait_for_load_state()
        path = urlsplit(page.url).path
        assert page.locator("html").get_attribute("lang") == self.lang, path
        assert page.locator("h1").count() == 1, f"{path} needs exactly one h1"
        assert page.locator("main#main").count() == 1, path
        assert axe_violations(page) == [], path
        self.paths.append(path)


def pdftotext(pdf: bytes, tmp_path: Path, *flags: str) -> str:
    """The PDF's text as poppler extracts it, bidi controls removed."""
    tool = shutil.which("pdftotext")
    require(bool(tool), "poppler-utils' pdftotext is not installed")
    source = tmp_path / "journey.pdf"
    source.write_bytes(pdf)
    out = subprocess.run(
        [str(tool), *flags, str(source), "-"], capture_output=True, text=True, check=True
    ).stdout
    return BIDI_CONTROLS.sub("", out)


@pytest.fixture
def artifacts(request, context, page):  # type: ignore[no-untyped-def]
    """A trace of the whole journey; kept with a screenshot only when the test fails."""
    page.set_default_timeout(10_000)  # a missing button fails in 10 s, not 30
    context.tracing.start(screenshots=True, snapshots=True, sources=False)
    yield
    report = getattr(request.node, "rep_call", None)
    failed = report is None or report.failed
    if not failed:
        context.tracing.stop()
        return
    stem = re.sub(r"[^\w.-]+", "_", request.node.nodeid.split("::", 1)[-1])
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        page.screenshot(path=str(ARTIFACTS / f"{stem}.png"), full_page=True)
    finally:
        context.tracing.stop(path=str(ARTIFACTS / f"{stem}-trace.zip"))
