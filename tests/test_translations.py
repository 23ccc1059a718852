"""Gate 5: complete bokmål and English catalogues, and every marked string in them."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import require

LOCALES = ("nb", "nn", "en")


def catalogue(locale: str) -> polib.POFile:
    return polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / locale / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_has_no_empty_or_fuzzy_entries(locale: str) -> None:
    po = catalogue(locale)
    assert len(po) > 50
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert [e.msgid for e in po.obsolete_entries()] == []


@pytest.mark.parametrize("locale", ["nb", "nn"])
def test_placeholders_match_the_source(locale: str) -> None:
    """A translation that drops or renames %(name)s would crash or mislead at run time."""
    pattern = re.compile(r"%\(\w+\)[sd]")
    for entry in catalogue(locale).translated_entries():
        expected = sorted(set(pattern.findall(entry.msgid + (entry.msgid_plural or ""))))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            assert sorted(set(pattern.findall(text))) == expected, entry.msgid


def test_nynorsk_has_every_bokmal_entry_and_is_not_a_copy_of_it() -> None:
    """The same strings in both Norwegian catalogues, and nynorsk written as nynorsk: most
    sentences differ from bokmål (ikkje, frå, vart, -ar plurals), so a copied catalogue fails."""
    bokmal = {(e.msgid, e.msgid_plural): e for e in catalogue("nb")}
    nynorsk = {(e.msgid, e.msgid_plural): e for e in catalogue("nn")}
    assert set(nynorsk) == set(bokmal)
    sentences = [key for key in bokmal if len(key[0].split()) >= 6]
    same = [key for key in sentences if nynorsk[key].msgstr == bokmal[key].msgstr != ""]
    assert len(same) < len(sentences) / 20, same[:20]
    words = " ".join(e.msgstr for e in nynorsk.values())
    for bokmal_word in ("ikke", "hvis", "fra", "ble", "hva", "hvordan", "bare", "noen"):
        assert not re.search(rf"\b{bokmal_word}\b", words, re.IGNORECASE), bokmal_word


def test_every_marked_string_is_in_the_catalogues(tmp_path: Path) -> None:
    """Run makemessages on a scratch copy of the sources: it must find no string we lack.

    makemessages writes next to the sources it reads, so it runs on a copy, never on the tree.
    """
    require(shutil.which("xgettext") is not None, "GNU gettext is not installed")
    base = Path(settings.BASE_DIR)
    copy = tmp_path / "src"
    skip = shutil.ignore_patterns(
        ".venv",
        "var",
        ".git",
        "tests",
        "node_modules",
        "vendor",
        "__pycache__",
        "*.mo",
        "*.csv",
        "*.xlsx",
    )
    shutil.copytree(base, copy, ignore=skip)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DJANGO_LOCALE_DIR": str(copy / "locale"),
    }
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "nb",
            "-l",
            "nn",
            "--add-location=file",
            "--ignore=.venv",
            "--ignore=var",
        ],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    for locale in ("nb", "nn"):
        fresh = polib.pofile(str(copy / "locale" / locale / "LC_MESSAGES" / "django.po"))
        missing = sorted(e.msgid for e in fresh.untranslated_entries() + fresh.fuzzy_entries())
        assert missing == [], f"Run `make messages` and translate these {locale} strings"


def test_pages_speak_bokmal_by_default_and_english_on_request(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get(reverse("accounts:login")).content.decode()
    assert 'lang="nb"' in page and "Logg inn i Springbrett" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("accounts:login")).content.decode()
    assert 'lang="en"' in page and "Log in to Springbrett" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nn"
    page = client.get(reverse("accounts:login")).content.decode()
    assert 'lang="nn"' in page and "For dykk som driv program" in page
