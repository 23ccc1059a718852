"""What an import reads: the columns, the limits, the report and the errors."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import ngettext

from ..national_id import mask_national_id
from ..services import EDITABLE_FIELDS

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
# An XLSX is a ZIP; a few MB of deflated XML can expand enormously, so the unpacked size is
# bounded before openpyxl sees it. Ordinary 5,000-row sheets unpack to a few MB.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
XLSX_MAGIC = b"PK\x03\x04"
# The legacy binary Excel format (OLE2); named so the user gets a useful message.
XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Key in each row dict from read_rows: the row's number as the spreadsheet shows it.
ROW_NUMBER = "_row"
NATIONAL_ID = "national_id"


class Column(NamedTuple):
    header: str  # Norwegian, as users see it in the spreadsheet and in the template
    field: str
    required: bool
    english: str  # accepted as well, and used for the template when the UI is in English


COLUMNS: list[Column] = [
    Column("Fornavn", "given_name", True, "Given name"),
    Column("Etternavn", "family_name", True, "Family name"),
    Column("Fornavn (latinske bokstaver)", "given_name_latin", False, "Given name (Latin letters)"),
    Column(
        "Etternavn (latinske bokstaver)", "family_name_latin", False, "Family name (Latin letters)"
    ),
    Column("Foretrukket navn", "preferred_name", False, "Preferred name"),
    Column("Fødselsdato", "birth_date", False, "Birth date"),
    Column("Kjønn", "gender", False, "Gender"),
    Column("E-post", "email", False, "E-mail"),
    Column("Telefon", "phone", False, "Phone"),
    Column("Fødselsnummer/D-nummer/DUF", NATIONAL_ID, False, "National id"),
    Column("Fødeland", "country_of_birth", False, "Country of birth"),
    Column("Statsborgerskap", "nationality", False, "Nationality"),
    Column("Ankomstår", "arrival_year", False, "Year of arrival"),
    Column("Utdanningsnivå", "education_level", False, "Education level"),
    Column("Fagfelt", "education_field", False, "Field of education"),
    Column("Norsknivå", "norwegian_level", False, "Norwegian level"),
    Column("NAV-veileder", "nav_caseworker", False, "NAV caseworker"),
    Column("NAV-kontor", "nav_office", False, "NAV office"),
]
assert {c.field for c in COLUMNS} - {NATIONAL_ID} <= EDITABLE_FIELDS
COLUMN_BY_FIELD = {c.field: c for c in COLUMNS}

# Words people write in a gender column, in both UI languages, besides the stored codes.
GENDER_WORDS = {
    "k": "female",
    "kvinne": "female",
    "f": "female",
    "woman": "female",
    "m": "male",
    "mann": "male",
    "man": "male",
    "x": "other",
    "annet": "other",
    "annen": "other",
}

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NORWEGIAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_SPACES = re.compile(r"\s+")


class ImportFileError(ValidationError):
    """The file as a whole cannot be read: wrong type, too large, too many rows, bad headers."""


class ImportRejected(ValidationError):
    """At least one row has an error, so nothing was imported; ``report`` says which."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        super().__init__(
            ngettext(
                "Nothing was imported: %(count)d row has errors.",
                "Nothing was imported: %(count)d rows have errors.",
                report.error_count,
            ),
            code="rows_invalid",
            params={"count": report.error_count},
        )


@dataclass
class RowResult:
    number: int
    values: dict[str, Any]
    errors: list[str] = field(default_factory=list)
    # The birth date the candidate will have: as written, or else read from the id number.
    birth_date: datetime.date | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def masked_id(self) -> str:
        raw = self.values.get(NATIONAL_ID)
        return mask_national_id(raw) if raw else ""


@dataclass
class ImportReport:
    rows: list[RowResult]

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @property
    def has_errors(self) -> bool:
        return self.error_count > 0


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def in_english() -> bool:
    return (translation.get_language() or "").startswith("en")
