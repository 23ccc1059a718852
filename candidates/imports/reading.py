"""Reading a CSV or XLSX file into rows of cells keyed by field, within the limits."""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from typing import IO, Any

from django.utils.translation import gettext as _

from .spec import (
    _SPACES,
    COLUMNS,
    MAX_BYTES,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    ROW_NUMBER,
    XLS_MAGIC,
    XLSX_MAGIC,
    ImportFileError,
    in_english,
    is_blank,
)

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


def _rows_from_table(table: Iterable[list[Any]]) -> list[dict[str, Any]]:
    iterator = iter(table)
    header_row = next(iterator, None)
    if header_row is None or all(is_blank(v) for v in header_row):
        raise ImportFileError(
            _("The first row must hold the column headings; it is empty."), code="no_header"
        )
    positions = _header_positions(header_row)
    rows: list[dict[str, Any]] = []
    for number, cells in enumerate(iterator, start=2):
        if all(is_blank(v) for v in cells):
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
        if is_blank(cell):
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
        c.english if in_english() else c.header
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
