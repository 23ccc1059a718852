"""Import of candidates from a spreadsheet (CSV or XLSX): read, validate as the service does,
then create every row or none.

Validation is the service's own: each row is created with ``candidate_create`` inside a
savepoint that is always rolled back, so an import can never accept what the form refuses.
Messages never carry a national id or another person's name; logs and audit data hold counts.
"""

from .reading import read_rows
from .spec import (
    COLUMNS,
    MAX_BYTES,
    MAX_ROWS,
    ROW_NUMBER,
    Column,
    ImportFileError,
    ImportRejected,
    ImportReport,
    RowResult,
)
from .validation import run_import, validate_import

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
