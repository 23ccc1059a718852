"""Import of candidates from a spreadsheet (CSV or XLSX): read, validate as the service does,
then create every row or none.

Validation is the service's own: each row is created with ``candidate_create`` inside a
savepoint that is always rolled back, so an import can never accept what the form refuses.
Messages never carry a national id or another person's name; logs and audit data hold counts.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, NamedTuple

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.models import Organisation, User
from core.services import audit_log

from .models import Candidate
from .national_id import InvalidNationalId, mask_national_id, parse_national_id
from .services import EDITABLE_FIELDS, candidate_create

__all__ = [
    "COLUMNS",
    "MAX_BYTES",
    "MAX_ROWS",
    "ROW_NUMBER",
    "Column",
    "ImportFileError",
    "ImportRejected",
    "ImportReport",
    "RowResult",
    "read_rows",
    "run_import",
    "validate_import",
]

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


# --- Reading -------------------------------------------------------------------------------


def _header_key(text: str) -> str:
    # NFC: a file saved on macOS may spell "ø" or "å" as a letter plus a combining mark.
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


HEADER_ALIASES: dict[str, str] = {}
for _column in COLUMNS:
    HEADER_ALIASES[_header_key(_column.header)] = _column.field
    HEADER_ALIASES[_header_key(_column.english)] = _column.field


def read_rows(uploaded_file: IO[bytes]) -> list[dict[str, Any]]:
    """Return the file's non-empty data rows keyed by field, or raise ImportFileError."""
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > MAX_BYTES:
        raise _too_large()
    uploaded_file.seek(0)
    # One byte past the limit tells "too large" apart without reading a huge stream whole.
    raw = uploaded_file.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise _too_large()
    if not raw.strip():
        raise ImportFileError(_("The file is empty."), code="empty")
    if raw.startswith(XLSX_MAGIC):
        table = _xlsx_rows(raw)
    elif raw.startswith(XLS_MAGIC):
        raise ImportFileError(
            _("This is the old Excel format (.xls). Save the file as .xlsx or CSV and try again."),
            code="xls",
        )
    else:
        table = _csv_rows(raw)
    return _rows_from_table(table)


def _too_large() -> ImportFileError:
    return ImportFileError(
        _("The file is larger than %(size)d MB. Split it into smaller files."),
        code="too_large",
        params={"size": MAX_BYTES // (1024 * 1024)},
    )


def _not_a_spreadsheet() -> ImportFileError:
    return ImportFileError(
        _("The file is not a CSV file or an Excel workbook (.xlsx)."), code="file_type"
    )


def _csv_rows(raw: bytes) -> Iterator[list[Any]]:
    if b"\x00" in raw:
        # Text files have no NUL bytes; this is some other binary format (or UTF-16).
        raise _not_a_spreadsheet()
    try:
        # utf-8-sig drops the BOM Excel writes with "CSV UTF-8" and accepts text without one.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            _(
                "The file is not UTF-8 text. In Excel, choose “CSV UTF-8” when you save, "
                "or upload the workbook as .xlsx."
            ),
            code="encoding",
        ) from None
    first_line = text.split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(first_line, delimiters=";,").delimiter
    except csv.Error:
        # One column, or a heading line the sniffer cannot decide on: Norway's Excel uses ";".
        delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error:
        raise _not_a_spreadsheet() from None


def _xlsx_rows(raw: bytes) -> Iterator[list[Any]]:
    # Imported here: openpyxl is slow to import and only this path needs it.
    from openpyxl import load_workbook

    buffer = io.BytesIO(raw)
    try:
        with zipfile.ZipFile(buffer) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise _not_a_spreadsheet() from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise _too_large()
    try:
        workbook = load_workbook(buffer, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a ZIP that is no workbook
        raise _not_a_spreadsheet() from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise ImportFileError(_("The workbook has no sheets."), code="empty")
        for row in sheet.iter_rows(values_only=True):
            yield list(row)
    except ImportFileError:
        raise
    except Exception:  # a damaged sheet: the user needs a message, not a 500
        raise _not_a_spreadsheet() from None
    finally:
        workbook.close()


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _rows_from_table(table: Iterable[list[Any]]) -> list[dict[str, Any]]:
    iterator = iter(table)
    header_row = next(iterator, None)
    if header_row is None or all(_is_blank(v) for v in header_row):
        raise ImportFileError(
            _("The first row must hold the column headings; it is empty."), code="no_header"
        )
    positions = _header_positions(header_row)
    rows: list[dict[str, Any]] = []
    for number, cells in enumerate(iterator, start=2):
        if all(_is_blank(v) for v in cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise ImportFileError(
                _("The file has more than %(count)d rows. Split it into smaller files."),
                code="too_many_rows",
                params={"count": MAX_ROWS},
            )
        row: dict[str, Any] = {ROW_NUMBER: number}
        for index, name in positions.items():
            row[name] = cells[index] if index < len(cells) else None
        rows.append(row)
    if not rows:
        raise ImportFileError(_("The file has headings but no rows."), code="no_rows")
    return rows


def _header_positions(header_row: list[Any]) -> dict[int, str]:
    positions: dict[int, str] = {}
    unknown: list[str] = []
    repeated: list[str] = []
    for index, cell in enumerate(header_row):
        if _is_blank(cell):
            continue
        text = str(cell).strip()
        name = HEADER_ALIASES.get(_header_key(text))
        if name is None:
            unknown.append(text)
        elif name in positions.values():
            repeated.append(text)
        else:
            positions[index] = name
    problems = []
    if unknown:
        problems.append(
            _("Unknown columns: %(columns)s.") % {"columns": ", ".join(f"“{h}”" for h in unknown)}
        )
    if repeated:
        problems.append(
            _("Columns that appear twice: %(columns)s.")
            % {"columns": ", ".join(f"“{h}”" for h in repeated)}
        )
    missing = [
        c.english if _english() else c.header
        for c in COLUMNS
        if c.required and c.field not in positions.values()
    ]
    if missing:
        problems.append(
            _("Required columns missing: %(columns)s.")
            % {"columns": ", ".join(f"“{h}”" for h in missing)}
        )
    if problems:
        hint = _("Use the headings from the template.")
        raise ImportFileError(" ".join([*problems, hint]), code="headers")
    return positions


# --- Validation ----------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        # Excel stores a phone number typed without "+" as a number: 40000000.0.
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _choice_lookup(choices: type[Candidate.Gender] | type[Candidate.EducationLevel]) -> dict:
    lookup: dict[str, str] = {}
    for member in choices:
        lookup[member.value.casefold()] = member.value
        for language in ("nb", "nn", "en"):
            with translation.override(language):
                lookup[str(member.label).casefold()] = member.value
    return lookup


def _parse_date(value: Any) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    if match := _ISO_DATE.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _NORWEGIAN_DATE.match(text):
        day, month, year = (int(g) for g in match.groups())
    else:
        raise ValueError(_("Write the date as YYYY-MM-DD or DD.MM.YYYY."))
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValueError(_("This date does not exist.")) from None


def _parse_year(value: Any) -> int:
    text = _text(value)
    if not re.fullmatch(r"\d{4}", text):
        raise ValueError(_("Write the year with four digits."))
    return int(text)


def _national_id(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        # A number cell drops the leading zero of ids born on days 1 to 9; put it back. A wrong
        # guess cannot slip through: the check digits are validated as usual.
        text = _text(value)
        return text.zfill(11) if len(text) == 10 else text
    return _text(value)


def _parse_row(
    raw: dict[str, Any], genders: dict[str, str], levels: dict[str, str]
) -> tuple[dict[str, Any], list[str]]:
    """Turn cells into service arguments; cells that cannot be converted become errors."""
    values: dict[str, Any] = {}
    errors: list[str] = []
    for name, cell in raw.items():
        if name == ROW_NUMBER or name not in COLUMN_BY_FIELD:
            continue
        if _is_blank(cell):
            continue
        try:
            if name == "birth_date":
                values[name] = _parse_date(cell)
            elif name == "arrival_year":
                values[name] = _parse_year(cell)
            elif name == NATIONAL_ID:
                values[name] = _national_id(cell)
            elif name in {"country_of_birth", "nationality", "norwegian_level"}:
                values[name] = _text(cell).upper()
            elif name == "gender":
                text = _text(cell).casefold()
                values[name] = genders.get(text) or GENDER_WORDS.get(text) or _text(cell)
            elif name == "education_level":
                values[name] = levels.get(_text(cell).casefold(), _text(cell))
            else:
                # Names are kept exactly as written (no case or Unicode folding), only trimmed.
                values[name] = _text(cell)
        except ValueError as exc:
            errors.append(_labelled(name, str(exc)))
    return values, errors


def _english() -> bool:
    return (translation.get_language() or "").startswith("en")


def _labelled(name: str, message: str) -> str:
    if name == NON_FIELD_ERRORS or name not in COLUMN_BY_FIELD:
        return message
    column = COLUMN_BY_FIELD[name]
    heading = column.english if _english() else column.header
    return _("%(column)s: %(message)s") % {"column": heading, "message": message}


def _name_key(values: dict[str, Any], birth_date: datetime.date | None) -> tuple | None:
    given, family = values.get("given_name", ""), values.get("family_name", "")
    if not (given and family and birth_date):
        return None

    def fold(text: str) -> str:
        return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()

    return fold(given), fold(family), birth_date


def _id_and_birth(values: dict[str, Any]) -> tuple[str, datetime.date | None]:
    """The normalised id ("" when absent or invalid) and the birth date the service would use."""
    birth_date = values.get("birth_date")
    raw = values.get(NATIONAL_ID, "")
    if not raw:
        return "", birth_date
    try:
        parsed = parse_national_id(raw, allow_synthetic=settings.ALLOW_SYNTHETIC_IDS)
    except InvalidNationalId:
        return "", birth_date
    return parsed.value, birth_date or parsed.birth_date


def validate_import(*, operator: Organisation, rows: list[dict[str, Any]]) -> ImportReport:
    """Return every row's values and errors; the database is left exactly as it was."""
    genders = _choice_lookup(Candidate.Gender)
    levels = _choice_lookup(Candidate.EducationLevel)
    parsed = []
    for index, raw in enumerate(rows):
        values, errors = _parse_row(raw, genders, levels)
        parsed.append(
            RowResult(number=raw.get(ROW_NUMBER, index + 2), values=values, errors=errors)
        )

    keys = [_id_and_birth(row.values) for row in parsed]
    existing_ids, existing_names = _existing(operator, keys, parsed)
    # The constraint's own message would repeat the duplicate finding in other words.
    id_taken = str(
        next(
            c.violation_error_message
            for c in Candidate._meta.constraints
            if c.name == "candidate_national_id_unique_per_operator"
        )
    )

    seen_ids: dict[str, int] = {}
    seen_names: dict[tuple, int] = {}
    with transaction.atomic():
        for row, (national_id, birth_date) in zip(parsed, keys, strict=True):
            row.birth_date = birth_date
            duplicate_errors = _duplicates(
                row, national_id, birth_date, existing_ids, existing_names, seen_ids, seen_names
            )
            service_errors = _service_errors(operator, row.values)
            if national_id in existing_ids:
                service_errors = [m for m in service_errors if m != id_taken]
            row.errors.extend(service_errors + duplicate_errors)
    return ImportReport(rows=parsed)


def _existing(
    operator: Organisation,
    keys: list[tuple[str, datetime.date | None]],
    parsed: list[RowResult],
) -> tuple[set[str], set[tuple]]:
    # Two queries for the whole file, whatever its length.
    ids = {national_id for national_id, _birth in keys if national_id}
    dates = {birth for _id, birth in keys if birth}
    existing_ids = set(
        Candidate.objects.filter(operator=operator, national_id__in=ids).values_list(
            "national_id", flat=True
        )
    )
    existing_names = set()
    for given, family, birth in Candidate.objects.filter(
        operator=operator, birth_date__in=dates
    ).values_list("given_name", "family_name", "birth_date"):
        key = _name_key({"given_name": given, "family_name": family}, birth)
        if key is not None:
            existing_names.add(key)
    return existing_ids, existing_names


def _duplicates(
    row: RowResult,
    national_id: str,
    birth_date: datetime.date | None,
    existing_ids: set[str],
    existing_names: set[tuple],
    seen_ids: dict[str, int],
    seen_names: dict[tuple, int],
) -> list[str]:
    """Messages name a row number or "an existing candidate", never the person or the id."""
    errors = []
    if national_id:
        if national_id in existing_ids:
            errors.append(_("Looks like a duplicate of an existing candidate (same id number)."))
        elif national_id in seen_ids:
            errors.append(
                _("Looks like a duplicate of row %(row)d (same id number).")
                % {"row": seen_ids[national_id]}
            )
        seen_ids.setdefault(national_id, row.number)
    name_key = _name_key(row.values, birth_date)
    if name_key is not None:
        if name_key in existing_names:
            errors.append(
                _("Looks like a duplicate of an existing candidate (same name and birth date).")
            )
        elif name_key in seen_names:
            errors.append(
                _("Looks like a duplicate of row %(row)d (same name and birth date).")
                % {"row": seen_names[name_key]}
            )
        seen_names.setdefault(name_key, row.number)
    return errors


def _service_errors(operator: Organisation, values: dict[str, Any]) -> list[str]:
    """Create the row as the service would, collect its refusals, and undo the creation."""
    savepoint = transaction.savepoint_create()
    try:
        candidate_create(operator=operator, by=None, **values)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            return [
                _labelled(name, message)
                for name, messages in exc.message_dict.items()
                for message in messages
            ]
        return list(exc.messages)
    finally:
        # Always rolled back: validation must not leave a row behind, valid or not.
        transaction.savepoint_rollback(savepoint)
    return []


# --- Import --------------------------------------------------------------------------------


def run_import(*, operator: Organisation, rows: list[dict[str, Any]], by: User) -> list[Candidate]:
    """Create every row's candidate or none: any error raises ImportRejected and saves nothing."""
    with transaction.atomic():
        report = validate_import(operator=operator, rows=rows)
        if report.has_errors:
            raise ImportRejected(report)
        created = []
        for row in report.rows:
            try:
                created.append(candidate_create(operator=operator, by=by, **row.values))
            except ValidationError as exc:
                # Only a concurrent change can get here (validation passed a moment ago); the
                # exception leaves the atomic block, so everything created so far is undone.
                row.errors.extend(exc.messages)
                raise ImportRejected(report) from None
        audit_log(
            actor=by,
            operator=operator,
            action="candidates.import.completed",
            data={"rows": len(created)},
        )
    return created
