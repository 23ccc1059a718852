"""Shared helpers for the browser journeys (DOMAIN.md, "The journeys that must work end to end").

People's ways through the app in Debian's Chromium against ``live_server``: links and buttons
found by their visible names in the journey's language, fields by their labels, never a form
posted by hand. Only the state before a journey is made through the services.

- ``t`` / ``tn`` / ``tc``: a text as the page shows it in a language;
- ``lang``: a fixture over bokmål and English that sets the language cookie; ``sign_in`` logs a
  user in (``log_in`` of tests/browser, no password typed) and keeps the language;
- ``Visits``: every page a journey shows has one h1, no sideways scrolling, and passes axe
  (WCAG 2.1 A/AA), scanned once per kind of page;
- ``Mouse`` / ``Keyboard`` (``person(page, mode)``): the same steps with a mouse, or with Tab,
  Shift+Tab, Enter, Space and the arrows only, checking after every Tab that the focused
  element shows where the focus is;
- ``phone_check``: no sideways scrolling at 390×844, with a screenshot in var/test-artifacts/phone/;
- ``artifacts``: a Playwright trace of the test, saved with a screenshot in
  var/test-artifacts/<test-name>/ when the test fails.
"""

import datetime
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.formats import date_format
from django.utils.text import capfirst

from tests.browser.conftest import (  # noqa: F401 (fixtures shared with the journeys)
    axe_violations,
    browser_type_launch_args,
    live_world,
    log_in,
)

LANGS = ["nb", "en"]
ARTIFACTS = Path(settings.BASE_DIR) / "var" / "test-artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


# --- Languages ------------------------------------------------------------------------------


def t(lang: str, msgid: str, **values: object) -> str:
    """``msgid`` as the page shows it in ``lang`` (the catalogue's text, or the msgid itself)."""
    with translation.override(lang):
        text = str(translation.gettext(msgid))
    return text % values if values else text


def t_plain(lang: str, msgid: str, **values: object) -> str:
    """A translated text with markup in it (``<bdi>`` around a name) as the page reads."""
    return re.sub(r"<[^>]+>", "", t(lang, msgid, **values))


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


@pytest.fixture(params=LANGS)
def lang(request, page, live_server) -> str:  # type: ignore[no-untyped-def]
    """The journey's language; the browser asks for it (``log_in`` clears cookies: use
    ``sign_in``, or ``speak`` again after it)."""
    speak(page, live_server, request.param)
    return request.param


def sign_in(page, live_server, user, lang: str) -> None:  # type: ignore[no-untyped-def]
    """A session for ``user`` (as tests/browser's ``log_in`` gives it) speaking ``lang``."""
    log_in(page, live_server, user)
    speak(page, live_server, lang)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):  # type: ignore[no-untyped-def]
    # No transitions: a focus ring is checked the moment the focus lands.
    return {**browser_context_args, "reduced_motion": "reduce", "viewport": DESKTOP}


# --- Finding things as people do ------------------------------------------------------------


def field(page, label: str):  # type: ignore[no-untyped-def]
    """The form control in the main area labelled ``label`` (crispy marks required ones "*")."""
    pattern = re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$", re.IGNORECASE)
    return page.locator("main").get_by_label(pattern)


def named(label: str, detail: str) -> re.Pattern[str]:
    """The accessible name of a control that reads "<label>: <detail>" with the detail visually
    hidden (Chromium puts a space before the hidden part)."""
    return re.compile(rf"^{re.escape(label)}\s*:\s*{re.escape(detail)}$")


def nav(page, lang: str, label: str):  # type: ignore[no-untyped-def]
    """A link of the main navigation: the offcanvas menu is opened first on a phone, and the
    group's menu (Programmes, Follow-up, Administration, the user's menu) when it is in one."""
    menu = page.get_by_role("navigation", name=t(lang, "Main navigation"))
    toggler = menu.get_by_role("button", name=t(lang, "Show or hide navigation"))
    if toggler.is_visible() and not menu.locator("#main-nav.show").count():
        toggler.click()
        menu.locator("#main-nav.show").wait_for()
    link = menu.get_by_role("link", name=t(lang, label), exact=True)
    if not link.is_visible():
        group = menu.locator(
            ".dropdown",
            has=page.get_by_role("link", name=t(lang, label), exact=True, include_hidden=True),
        )
        group.locator("[data-bs-toggle=dropdown]").first.click()
    return link


def message(page) -> str:  # type: ignore[no-untyped-def]
    """The flash messages at the top of the page, whitespace collapsed."""
    return " ".join(page.locator(".messages").inner_text().split())


def table_rows(page, selector: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """Every row of the table at ``selector`` as its cells' text, whitespace collapsed."""
    return page.locator(selector).evaluate(
        """table => Array.from(table.querySelectorAll('tr')).map(tr =>
            Array.from(tr.children).map(c => c.textContent.replace(/\\s+/g, ' ').trim()))"""
    )


def date_text(lang: str, day: datetime.date, fmt: str = "DATE_FORMAT") -> str:
    """A date as the templates print it with ``|date:fmt`` in ``lang`` (``fmt`` may also name a
    format setting, e.g. "DATE_FORMAT")."""
    with translation.override(lang):
        return date_format(day, fmt)


# --- Every page checked ---------------------------------------------------------------------


PAGE_FACTS = """() => ({
    lang: document.documentElement.lang,
    h1: document.querySelectorAll('h1').length,
    main: document.querySelectorAll('main#main').length,
    width: document.documentElement.scrollWidth,
    inner: window.innerWidth,
    error: document.querySelector('.is-invalid, .alert-danger') !== null,
})"""


# Kinds of page axe has passed in this test run: (language, URL name, error shown, width). A
# page the mouse and the keyboard variant of a journey both show is scanned once.
AXE_PASSED: set[tuple[str, str, bool, int]] = set()


class Visits:
    """Every page a journey shows: the language asked for, one h1, the main landmark, no
    sideways scrolling; axe once per kind of page (language, URL name, whether it shows an
    error, viewport width) in the test run, or whenever ``axe=True``."""

    def __init__(self, page, lang: str) -> None:  # type: ignore[no-untyped-def]
        self.page = page
        self.lang = lang
        self.scanned: list[str] = []

    def check(self, *, axe: bool | None = None) -> str:
        page = self.page
        page.wait_for_load_state()
        path = urlsplit(page.url).path
        try:
            name = resolve(path).view_name
        except Resolver404:  # pragma: no cover - a journey never leaves the app
            name = path
        facts = page.evaluate(PAGE_FACTS)
        assert facts["lang"] == self.lang, (path, facts)
        assert facts["h1"] == 1, f"{path} needs exactly one h1"
        assert facts["main"] == 1, f"{path} needs one main landmark"
        assert facts["width"] <= facts["inner"], f"{path} scrolls sideways: {facts}"
        key = (self.lang, name, facts["error"], facts["inner"])
        if axe or (axe is None and key not in AXE_PASSED):
            assert axe_violations(page) == [], path
            self.scanned.append(name)
            AXE_PASSED.add(key)
        return name


# --- Mouse or keyboard ---------------------------------------------------------------------


class Mouse:
    """A person with a mouse (or a finger): clicks, fills and picks from lists."""

    def __init__(self, page) -> None:  # type: ignore[no-untyped-def]
        self.page = page

    def follow(self, locator) -> None:  # type: ignore[no-untyped-def]
        """Click a link or a submit button that leads to another page."""
        locator.click()

    def type(self, locator, text: str) -> None:  # type: ignore[no-untyped-def]
        locator.fill(text)

    def date(self, locator, day: datetime.date) -> None:  # type: ignore[no-untyped-def]
        locator.fill(day.isoformat())

    def choose(self, locator, option: str) -> None:  # type: ignore[no-untyped-def]
        locator.select_option(label=option)

    def check(self, locator) -> None:  # type: ignore[no-untyped-def]
        locator.check()

    def radio(self, group, option: str) -> None:  # type: ignore[no-untyped-def]
        """Choose ``option`` (a radio button's label) in ``group`` (its fieldset)."""
        group.get_by_label(option, exact=True).check()

    def back_to(self, locator) -> None:  # type: ignore[no-untyped-def]
        """A mouse goes straight to any control: nothing to do."""


# The focused element's ring and size, and whether it is the element the Tabs are heading for
# (``target``, or inside it when ``within``): one round trip per key.
FOCUS_STATE = """([target, within]) => {
    const el = document.activeElement;
    const reached = within ? target.contains(el) : el === target;
    if (!el || el === document.body || el === document.documentElement) return {reached};
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = !!style.boxShadow && style.boxShadow !== 'none';
    const box = el.getBoundingClientRect();
    return {
        reached,
        tag: el.tagName.toLowerCase(),
        id: el.id,
        name: (el.getAttribute('aria-label') || el.textContent || el.value || '').slice(0, 60),
        ring: outline || shadow,
        onScreen: box.width > 0 && box.height > 0,
    };
}"""


class Keyboard:
    """A person without a mouse: Tab and Shift+Tab to move, Enter and Space to act, arrows to
    choose. After every Tab the focused element must show a focus ring (an outline or a
    box-shadow, WCAG 2.4.7) and have a size on screen. Same methods as ``Mouse``."""

    def __init__(self, page, max_presses: int = 150) -> None:  # type: ignore[no-untyped-def]
        self.page = page
        self.max_presses = max_presses
        self.presses = 0
        self.focus_checks = 0

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.presses += 1

    def _tab_until(self, target, *, within: bool = False, backwards: bool = False) -> None:  # type: ignore[no-untyped-def]
        """Tab (or Shift+Tab) until ``target`` (an element handle) has the focus, checking the
        focus ring after every key."""
        key = "Shift+Tab" if backwards else "Tab"
        for _ in range(self.max_presses):
            self.press(key)
            state = self.page.evaluate(FOCUS_STATE, [target, within])
            if "tag" in state:  # else between the last control and the browser's own
                self.focus_checks += 1
                assert state["ring"], f"focus not visible after {key} on {self.page.url}: {state}"
                assert state["onScreen"], f"focus off screen after {key} on {self.page.url}"
            if state["reached"]:
                return
        raise AssertionError(f"{key} never reached {target} on {self.page.url}")

    def focus(self, locator, *, backwards: bool = False) -> None:  # type: ignore[no-untyped-def]
        """Tab (or Shift+Tab) until ``locator`` has the focus (no key if it has it already)."""
        locator.wait_for()
        target = locator.element_handle()
        if not self.page.evaluate("el => document.activeElement === el", target):
            self._tab_until(target, backwards=backwards)

    def back_to(self, locator) -> None:  # type: ignore[no-untyped-def]
        """Shift+Tab back to a control passed over (to change it next)."""
        self.focus(locator, backwards=True)

    def follow(self, locator) -> None:  # type: ignore[no-untyped-def]
        """Tab to a link or a submit button, press Enter and wait for the next page."""
        self.focus(locator)
        with self.page.expect_navigation():
            self.press("Enter")

    def type(self, locator, text: str) -> None:  # type: ignore[no-untyped-def]
        """Tab into a text field, select what it holds and type over it."""
        self.focus(locator)
        self.press("Control+A")
        if text:
            self.page.keyboard.type(text)
        else:
            self.press("Delete")
        assert locator.input_value() == text

    def date(self, locator, day: datetime.date) -> None:  # type: ignore[no-untyped-def]
        """Type a date into a date field (Chromium's field takes month, day, year in order)."""
        self.focus(locator)
        self.page.keyboard.type(day.strftime("%m%d%Y"))
        assert locator.input_value() == day.isoformat(), locator.input_value()

    def choose(self, locator, option: str) -> None:  # type: ignore[no-untyped-def]
        """Tab to a select; the arrows move the choice until ``option`` (its text) is chosen."""
        self.focus(locator)
        labels = locator.evaluate("s => Array.from(s.options).map(o => o.text.trim())")
        assert option in labels, (option, labels)
        steps = labels.index(option) - locator.evaluate("s => s.selectedIndex")
        for _ in range(abs(steps)):
            self.press("ArrowDown" if steps > 0 else "ArrowUp")
        assert locator.evaluate("s => s.options[s.selectedIndex].text.trim()") == option

    def check(self, locator) -> None:  # type: ignore[no-untyped-def]
        """Tab to a checkbox and tick it with Space."""
        self.focus(locator)
        if not locator.is_checked():
            self.press("Space")
        assert locator.is_checked()

    def radio(self, group, option: str) -> None:  # type: ignore[no-untyped-def]
        """Tab into a group of radio buttons, then the arrows move to ``option`` and choose it."""
        group.wait_for()
        self._tab_until(group.element_handle(), within=True)
        radios = group.locator("input[type=radio]")
        ids = radios.evaluate_all("rs => rs.map(r => r.id)")
        wanted = group.get_by_label(option, exact=True)
        steps = ids.index(wanted.get_attribute("id")) - ids.index(
            self.page.evaluate("document.activeElement.id")
        )
        if steps == 0:
            self.press("Space")
        for _ in range(abs(steps)):
            self.press("ArrowRight" if steps > 0 else "ArrowLeft")
        assert wanted.is_checked()


def person(page, mode: str):  # type: ignore[no-untyped-def]
    """The way the journey's person works the page: "mouse" or "keyboard"."""
    return Keyboard(page) if mode == "keyboard" else Mouse(page)


# --- Phones ---------------------------------------------------------------------------------


WIDER_THAN_SCREEN = """() => Array.from(document.querySelectorAll('body *'))
    .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
    .map(el => `${el.tagName.toLowerCase()}.${el.className}`).slice(0, 8)"""


def phone_check(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """At 390×844 the page needs no sideways scrolling; a screenshot is kept for people to see."""
    page.wait_for_load_state()
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    folder = ARTIFACTS / "phone"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    if width > inner:
        wide = page.evaluate(WIDER_THAN_SCREEN)
        raise AssertionError(f"{page.url} scrolls sideways on a phone ({width} > {inner}): {wide}")


# --- Artefacts on failure -------------------------------------------------------------------


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):  # type: ignore[no-untyped-def]
    """Keep each phase's report on the test item (``rep_setup``, ``rep_call``) for fixtures."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def artifact_dir(request) -> Path:  # type: ignore[no-untyped-def]
    return ARTIFACTS / re.sub(r"[^\w.-]+", "_", request.node.name).strip("_")


@pytest.fixture
def artifacts(request, context, page):  # type: ignore[no-untyped-def]
    """A trace of the whole test; kept with a screenshot of every open page in
    var/test-artifacts/<test-name>/ only when the test fails."""
    page.set_default_timeout(10_000)
    shutil.rmtree(artifact_dir(request), ignore_errors=True)  # a passing run leaves none
    context.tracing.start(screenshots=True, snapshots=True, sources=False)
    yield artifact_dir(request)
    report = getattr(request.node, "rep_call", None)
    if report is not None and not report.failed:
        context.tracing.stop()
        return
    folder = artifact_dir(request)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        for i, open_page in enumerate(context.pages):
            open_page.screenshot(path=str(folder / f"page-{i}.png"), full_page=True)
    finally:
        context.tracing.stop(path=str(folder / "trace.zip"))
