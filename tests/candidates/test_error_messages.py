"""Every national-id and import error message renders with its numbers filled in, in bokmål and
English: a ValidationError keeps the params of the parser's message (no raw ``%(count)d``)."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from candidates import imports
from candidates.forms import CandidateForm
from candidates.national_id import _MESSAGES, InvalidNationalId, parse_national_id
from candidates.services import candidate_create
from core.forms import call_service
from tests.conftest import World

LANGUAGES = ("nb", "en")
# One input for each fault the parser names (every key of its message table), and two lengths.
FAULTS = {
    "format": "1510869508a",
    "length": "1510869508",
    "date": "32108695088",
    "checksum": "15108695089",
    "synthetic": "15859010099",  # month + 80: a synthetic test number
}
LENGTHS = {"1510869508": "10", "1510869508812": "13"}


def rendered(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


def assert_filled(messages: list[str]) -> None:
    assert messages
    for message in messages:
        assert "%(" not in message and "%s" not in message, message


def test_every_parser_fault_has_an_input_here() -> None:
    assert set(FAULTS) == set(_MESSAGES)
    for code, raw in FAULTS.items():
        with pytest.raises(InvalidNationalId) as caught:
            parse_national_id(raw, allow_synthetic=False)
        assert caught.value.code == code, raw


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("raw", sorted({*FAULTS.values(), *LENGTHS}))
def test_the_parsers_error_renders_filled_in(raw: str, language: str) -> None:
    with pytest.raises(InvalidNationalId) as caught:
        parse_national_id(raw, allow_synthetic=False)
    with translation.override(language):
        messages = rendered(caught.value.as_validation_error())
        assert_filled(messages)
        if raw in LENGTHS:
            assert LENGTHS[raw] in messages[0]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("raw", sorted({*FAULTS.values(), *LENGTHS}))
def test_the_form_shows_the_national_id_error_filled_in(
    world: World, raw: str, language: str, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.ALLOW_SYNTHETIC_IDS = False
    with translation.override(language):
        form = CandidateForm(data={"given_name": "Åse", "family_name": "Berg", "national_id": raw})
        assert form.is_valid(), form.errors
        data = {**form.cleaned_data, "national_id": raw}
        created = call_service(
            form, candidate_create, operator=world.operator, by=world.users["lead"], **data
        )
        assert created is None
        messages = [str(m) for m in form.errors["national_id"]]
        assert_filled(messages)
        if raw in LENGTHS:
            assert LENGTHS[raw] in messages[0]
        assert "%(" not in form.errors.as_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_import_row_errors_are_filled_in(world: World, language: str, settings) -> None:  # type: ignore[no-untyped-def]
    settings.ALLOW_SYNTHETIC_IDS = False
    rows = [
        {imports.ROW_NUMBER: n, "given_name": f"Navn{n}", "family_name": "Berg", "national_id": raw}
        for n, raw in enumerate(sorted({*FAULTS.values(), *LENGTHS}), start=2)
    ]
    rows.append({imports.ROW_NUMBER: 99, "given_name": "Dato", "family_name": "Berg"})
    rows[-1]["birth_date"] = "31.02.1990"
    with translation.override(language):
        report = imports.validate_import(operator=world.operator, rows=rows)
        errors = [e for row in report.rows for e in row.errors]
        assert len(errors) >= len(rows)
        assert_filled(errors)
        assert any("10" in e for e in errors) and any("13" in e for e in errors)
        assert_filled(rendered(imports.ImportRejected(report)))


def upload(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("import.csv", content)


def _xlsx_without_sheets() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    return buffer.getvalue()


HEADER = ";".join(column.header for column in imports.COLUMNS).encode()
FILES = {
    "empty": b"",
    "xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
    "too_large": b"a" * (imports.MAX_BYTES + 1),
    "file_type": b"\x00\x01binary",
    "encoding": "Fornavn;Etternavn\nÅse;Berg\n".encode("latin-1"),
    "no_rows": HEADER + b"\n",
    "too_many_rows": HEADER + b"\n" + b"A;B\n" * (imports.MAX_ROWS + 1),
    "headers": b"Hva;Som;Helst\nA;B;C\n",
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", sorted(FILES))
def test_import_file_errors_are_filled_in(code: str, language: str) -> None:
    with translation.override(language), pytest.raises(imports.ImportFileError) as caught:
        imports.read_rows(upload(FILES[code]))
    assert caught.value.code == code
    with translation.override(language):
        assert_filled(rendered(caught.value))
