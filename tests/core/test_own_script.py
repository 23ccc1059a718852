"""Names in their own script: the script decides the direction, the person's languages the
``lang`` (else ``und-<Script>``); Latin names read in the page's language."""

import pytest
from django.template import Context, Template

from core.names import name_language, script_of


@pytest.mark.parametrize(
    ("name", "languages", "expected"),
    [
        ("Selam", ["ti"], (None, "ltr")),
        ("ሰላም", ["ti", "ar"], ("ti", "ltr")),
        ("ሰላም", [], ("und-Ethi", "ltr")),
        ("مریم", ["en", "fa"], ("fa", "rtl")),
        ("יעל", None, ("und-Hebr", "rtl")),
        ("Олена", ["uk"], ("uk", "ltr")),
        ("", [], (None, "ltr")),
    ],
)
def test_name_language(name: str, languages: list[str] | None, expected: tuple) -> None:  # type: ignore[type-arg]
    assert name_language(name, languages) == expected


def test_script_of_counts_letters_only() -> None:
    assert script_of("Anne-Marie 2") == "Latn"
    assert script_of("محمد-Ali") == "Arab"
    assert script_of("123") is None


def test_the_tag_wraps_the_name_in_bdi_with_lang_and_dir() -> None:
    rendered = Template("{% load people %}{% own_script name langs %}").render(
        Context({"name": "مریم <b>", "langs": ["fa"]})
    )
    assert rendered == '<bdi lang="fa" dir="rtl">مریم &lt;b&gt;</bdi>'
