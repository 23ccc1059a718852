"""What every export shares: limits, formula neutralising and the XLSX row writers."""

import datetime
from collections.abc import Iterable

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from placements.models import Outcome, Placement

# Above this many rows an XLSX is not built inside the request (about 0.5 s at 5,000 rows);
# the background job that builds bigger ones is a later step.
XLSX_INLINE_LIMIT = 5000
CSV_CHUNK_ROWS = 2000
# A spreadsheet treats a cell starting with one of these as a formula (or as the start of one).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
SMALL_CELL = 5

Status = Placement.Status
Checkpoint = Outcome.Checkpoint


def neutralise(value: object) -> object:
    """Make a text cell inert in Excel/LibreOffice: prefix a quote when it could start a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def bold_row(ws, values: Iterable[object]) -> list[WriteOnlyCell]:  # type: ignore[no-untyped-def]
    cells = []
    for value in values:
        cell = WriteOnlyCell(ws, value=neutralise(value))
        cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def typed_row(ws, values: Iterable[object]) -> list[object]:  # type: ignore[no-untyped-def]
    cells: list[object] = []
    for value in values:
        if isinstance(value, datetime.date):
            cell = WriteOnlyCell(ws, value=value)
            cell.number_format = "yyyy-mm-dd"
            cells.append(cell)
        else:
            cells.append(neutralise(value))
    return cells
