"""The commands that keep nynorsk complete while others add strings: list what is missing (with
the bokmål text beside it) and write the translations back."""

import io
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


@pytest.fixture
def locale_copy(tmp_path: Path, settings) -> Path:  # type: ignore[no-untyped-def]
    copy = tmp_path / "locale"
    shutil.copytree(Path(settings.LOCALE_PATHS[0]), copy)
    settings.LOCALE_PATHS = [copy]
    return copy


def test_missing_nynorsk_is_listed_and_written_back(locale_copy: Path) -> None:
    nn = locale_copy / "nn/LC_MESSAGES/django.po"
    po = polib.pofile(str(nn))
    po.find("Log in to Springbrett").msgstr = ""
    plural = next(e for e in po if e.msgid == "%(counter)s candidate")
    plural.msgstr_plural = {0: "", 1: ""}
    po.save()

    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_status:
        call_command("untranslated", "nn", "--tsv", stdout=out, stderr=io.StringIO())
    assert exit_status.value.code == 1
    lines = sorted(out.getvalue().splitlines())
    assert lines == [
        "%(counter)s candidate\t%(counter)s kandidat||%(counter)s kandidater",
        "Log in to Springbrett\tLogg inn i Springbrett",
    ]

    tsv = locale_copy / "todo.tsv"
    tsv.write_text(
        "Log in to Springbrett\tLogg inn i Springbrett\n"
        "%(counter)s candidate\t%(counter)s kandidat||%(counter)s kandidatar\n"
    )
    call_command("apply_translations", "nn", str(tsv), stdout=io.StringIO())
    call_command("untranslated", "nn", stdout=io.StringIO(), stderr=io.StringIO())  # no exit
    po = polib.pofile(str(nn))
    assert po.find("%(counter)s candidate").msgstr_plural == {
        0: "%(counter)s kandidat",
        1: "%(counter)s kandidatar",
    }


def test_unknown_msgid_is_refused(locale_copy: Path) -> None:
    nn = locale_copy / "nn/LC_MESSAGES/django.po"
    before = nn.read_bytes()
    tsv = locale_copy / "bad.tsv"
    tsv.write_text("No such string\tIngen slik tekst\n")
    with pytest.raises(CommandError):
        call_command("apply_translations", "nn", str(tsv), stdout=io.StringIO())
    assert nn.read_bytes() == before
