"""A one-sheet XLSX written as a stream: rows go straight into the zip entry as SpreadsheetML,
so memory stays flat however many rows there are, and per cell there is one type test and one
C-level escape (``str.translate``). Used for the placement report, where XlsxWriter's
constant-memory mode gave 11,000 rows/s of CPU and this gives several times that (see
docs/performance.md).

What it writes: inline strings (no shared-string table, as in XlsxWriter's constant-memory
mode), numbers, dates as date-formatted serial numbers, a bold header row frozen in place.
Never a formula: no cell is written with a ``<f>`` element, and text starting with one of the
caller's ``prefixes`` gets a quote first.
"""

import datetime
import io
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

EPOCH = datetime.date(1899, 12, 30)
# XML escapes; control characters XML 1.0 cannot hold are dropped (tab and newlines stay).
_TEXT = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
    | {c: None for c in range(32) if c not in (9, 10, 13)}
    | {0xFFFE: None, 0xFFFF: None}
)

_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_SML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_PKG = "http://schemas.openxmlformats.org/package/2006"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = (
    f'{_XML}<Types xmlns="{_PKG}/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_SML}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_SML}.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_SML}.styles+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    f'{_XML}<Relationships xmlns="{_PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK_RELS = (
    f'{_XML}<Relationships xmlns="{_PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name={name} sheetId="1" r:id="rId1"/></sheets></workbook>'
)
# Style 0: normal; 1: bold (the header); 2: a date (yyyy-mm-dd).
STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetViews><sheetView workbookViewId="0">'
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
    "</sheetView></sheetViews><sheetData>"
)
SHEET_END = "</sheetData></worksheet>"
BATCH = 2000


def column_letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text_cell(ref: str, text: str, style: str = "") -> str:
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{text.translate(_TEXT)}</t></is></c>'


def typed_workbook(
    title: str, headers: list[str], rows: Iterable[Sequence[Any]], *, prefixes: tuple[str, ...]
) -> bytes:
    """One sheet called ``title``: a bold, frozen header row (``headers``, already neutralised),
    then ``rows`` of typed cells (text, int/float, date; None is an empty cell)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        name = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31] or "Sheet1"
        archive.writestr("xl/workbook.xml", WORKBOOK.format(name=quoteattr(escape(name))))
        archive.writestr("xl/styles.xml", STYLES)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as raw:
            sheet = io.TextIOWrapper(raw, encoding="utf-8", write_through=False)
            _write_sheet(sheet, headers, rows, prefixes)
            sheet.flush()
            sheet.detach()
    return out.getvalue()


def _write_sheet(sheet, headers: list[str], rows: Iterable[Sequence[Any]], prefixes) -> None:  # type: ignore[no-untyped-def]
    letters = [column_letters(i) for i in range(max(len(headers), 1) + 64)]
    sheet.write(SHEET_START)
    cells = "".join(_text_cell(f"{letters[c]}1", h, ' s="1"') for c, h in enumerate(headers))
    sheet.write(f'<row r="1">{cells}</row>')
    serials: dict[datetime.date, str] = {}
    numbers: dict[object, str] = {}
    chunk: list[str] = []
    text, date, floating, integer = str, datetime.date, float, int
    for r, row in enumerate(rows, start=2):
        parts = [f'<row r="{r}">']
        n = str(r)
        for c, value in enumerate(row):
            kind = type(value)
            if kind is text:
                if not value:
                    continue
                if value.startswith(prefixes):
                    value = "'" + value
                parts.append(_text_cell(letters[c] + n, value))
            elif value is None:
                continue
            elif kind is date:
                serial = serials.get(value)
                if serial is None:
                    serial = serials[value] = str((value - EPOCH).days)
                parts.append(f'<c r="{letters[c]}{n}" s="2"><v>{serial}</v></c>')
            elif kind is floating or kind is integer:
                number = numbers.get(value)
                if number is None:
                    number = numbers[value] = repr(value)
                parts.append(f'<c r="{letters[c]}{n}"><v>{number}</v></c>')
            else:
                shown = str(value)
                if shown.startswith(prefixes):
                    shown = "'" + shown
                parts.append(_text_cell(letters[c] + n, shown))
        parts.append("</row>")
        chunk.append("".join(parts))
        if len(chunk) == BATCH:
            sheet.write("".join(chunk))
            chunk.clear()
    sheet.write("".join(chunk))
    sheet.write(SHEET_END)
