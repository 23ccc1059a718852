"""The placement report and the funder report: scoped selectors and their CSV, XLSX and PDF writers.

Every format is written from the same filtered, scoped queryset, so an export can never hold a row
the HTML page would not show. Exports carry no national id, no notes and no NAV data. Spreadsheet
cells are neutralised against formula injection by one function, ``neutralise``.
"""

from .common import (
    CSV_CHUNK_ROWS,
    FORMULA_PREFIXES,
    SMALL_CELL,
    XLSX_INLINE_LIMIT,
    Checkpoint,
    Status,
    bold_row,
    neutralise,
    typed_row,
)
from .funder import (
    REGION_OF,
    REGIONS,
    Cell,
    FigureRow,
    FunderReport,
    funder_report,
    funder_xlsx,
    region_of,
    suppress_small_cells,
)
from .placements import (
    COLUMNS,
    FIELDS,
    CountRow,
    PlacementSummary,
    _exit_kind,
    csv_header,
    csv_stream,
    header_row,
    label_exit_outcomes,
    placement_report,
    placement_summary,
    placements_xlsx,
    python_csv_stream,
    python_report_rows,
    report_rows,
)

__all__ = [
    "COLUMNS",
    "CSV_CHUNK_ROWS",
    "Cell",
    "Checkpoint",
    "CountRow",
    "FIELDS",
    "FORMULA_PREFIXES",
    "FigureRow",
    "FunderReport",
    "PlacementSummary",
    "REGIONS",
    "REGION_OF",
    "SMALL_CELL",
    "Status",
    "XLSX_INLINE_LIMIT",
    "_exit_kind",
    "bold_row",
    "csv_header",
    "csv_stream",
    "funder_report",
    "funder_xlsx",
    "header_row",
    "label_exit_outcomes",
    "neutralise",
    "placement_report",
    "placement_summary",
    "placements_xlsx",
    "python_csv_stream",
    "python_report_rows",
    "region_of",
    "report_rows",
    "suppress_small_cells",
    "typed_row",
]
