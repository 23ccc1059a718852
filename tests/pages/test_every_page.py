"""Every HTML page of the permission matrix renders in bokmål, nynorsk and English, with one h1
in the shared page header (templates/partials/ui.html#page_header), and shows no catalogue text
of another language: an English page holds no bokmål sentence, a nynorsk page no bokmål-only one.

The pages are the ones the axe walk opens (tests/browser/test_accessibility.py ``pages_by_role``:
each page for the first role that may see it, and every role's home).
"""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import resolve
from django.utils.translation import trans_real

from tests.browser.test_accessibility import pages_by_role
from tests.conftest import World

LANGUAGES = ("nb", "nn", "en")
# Pages outside the staff layout: the candidate's portal and the host units' pages keep their
# own simple header.
OWN_LAYOUT = frozenset({"portal", "hostportal"})


class Headings(HTMLParser):
    """Counts h1 elements and those inside an element with class page-header."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []
        self.h1 = 0
        self.h1_in_header = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"br", "img", "input", "meta", "link", "hr", "source", "col", "wbr", "area"}:
            return
        classes = (dict(attrs).get("class") or "").split()
        self.stack.append("page-header" in classes)
        if tag == "h1":
            self.h1 += 1
            self.h1_in_header += any(self.stack)

    def handle_endtag(self, tag: str) -> None:
        if self.stack:
            self.stack.pop()


def visible_text(html: str) -> str:
    html = re.sub(r"(?s)<(script|style|template)\b.*?</\1>", " ", html)
    text = re.sub(r"<[^>]+>", " ", html)
    return " ".join(text.replace("&nbsp;", " ").split())


def catalogue(language: str) -> dict[str, str]:
    """msgid → msgstr of our catalogue for ``language`` (singular entries)."""
    return {
        k: v
        for k, v in trans_real.translation(language)._catalog.items()  # type: ignore[attr-defined]
        if isinstance(k, str) and k and v
    }


def foreign_sentences() -> dict[str, set[str]]:
    """Per language, texts that must not appear on its pages: long enough to be a sentence of
    the interface, without placeholders, and not the same text in the page's own language."""
    nb, nn = catalogue("nb"), catalogue("nn")

    def usable(text: str) -> bool:
        return len(text) >= 20 and "%" not in text and "{" not in text and "<" not in text

    english_ids = set(nb) | set(nn)
    nynorsk = set(nn.values())
    return {
        "en": {v for k, v in nb.items() if usable(v) and v != k and v not in english_ids},
        "nn": {v for k, v in nb.items() if usable(v) and v != nn.get(k, v) and v not in nynorsk},
        "nb": set(),
    }


@pytest.fixture(scope="module")
def forbidden() -> dict[str, set[str]]:
    return foreign_sentences()


def own_header(url: str) -> bool:
    """Whether the page uses the staff layout's page header."""
    return resolve(url.split("?")[0]).namespace not in OWN_LAYOUT


def client_in(world: World, role: str, language: str) -> Client:
    client = world.client_for(role)
    client.cookies["django_language"] = language
    return client


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_renders_in_each_language_with_one_header(  # type: ignore[no-untyped-def]
    world: World, language: str, forbidden
) -> None:
    problems: list[str] = []
    rendered = 0
    for role, urls in pages_by_role(world).items():
        client = client_in(world, role, language)
        for url in urls:
            response = client.get(url)
            where = f"{language} {role} {url}"
            if response.status_code != 200:
                problems.append(f"{where}: status {response.status_code}")
                continue
            html = response.content.decode()
            rendered += 1
            if f'<html lang="{language}"' not in html:
                problems.append(f"{where}: not rendered in {language}")
            headings = Headings()
            headings.feed(html)
            if headings.h1 != 1:
                problems.append(f"{where}: {headings.h1} h1 elements")
            elif own_header(url) and headings.h1_in_header != 1:
                problems.append(f"{where}: the h1 is not in the page header")
            text = visible_text(html)
            leaked = sorted(s for s in forbidden[language] if s in text)
            if leaked:
                problems.append(f"{where}: text of another language: {leaked[:3]}")
    assert rendered >= 50
    assert problems == []


def test_the_foreign_text_check_can_fail(forbidden) -> None:  # type: ignore[no-untyped-def]
    """A bokmål sentence of the catalogue is caught on an English page, or the check proves
    nothing."""
    assert forbidden["en"], "the bokmål catalogue gave no sentence to look for"
    sentence = next(iter(sorted(forbidden["en"])))
    assert any(s in visible_text(f"<p>{sentence}</p>") for s in forbidden["en"])
    assert forbidden["nn"], "no bokmål-only sentence differs from nynorsk"


def test_the_header_check_can_fail() -> None:
    headings = Headings()
    headings.feed('<main><h1>A</h1><div class="page-header"><div><h1>B</h1></div></div></main>')
    assert (headings.h1, headings.h1_in_header) == (2, 1)
