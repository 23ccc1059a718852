"""The streaming XLSX writer: typed cells, escaping, and what spreadsheets read back."""

import datetime
import io

from openpyxl import load_workbook

from reports.exports import FORMULA_PREFIXES
from reports.xlsx import column_letters, typed_workbook


def test_cells_read_back_typed_escaped_and_never_as_formulas() -> None:
    rows = [
        ["<b>&amp; \x01bell", " padded ", datetime.date(2027, 1, 4), 37.5, 3, None, ""],
        ["=SUM(A1)", "-1", None, None, None, "Ærlig Østby Åse", "تجربة"],
    ]
    body = typed_workbook(
        "Plasser/inger: [test]", ["A", "B"], iter(rows), prefixes=FORMULA_PREFIXES
    )
    sheet = load_workbook(io.BytesIO(body)).active
    assert sheet.title == "Plasseringer test"
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:2] == ("A", "B")
    assert values[1][:5] == ("<b>&amp; bell", " padded ", datetime.datetime(2027, 1, 4), 37.5, 3)
    assert values[1][5] is None and values[1][6] is None
    assert values[2][:2] == ("'=SUM(A1)", "'-1") and values[2][5:] == ("Ærlig Østby Åse", "تجربة")
    assert sheet["C2"].number_format == "yyyy\\-mm\\-dd" or sheet["C2"].is_date
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_column_letters() -> None:
    assert [column_letters(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]
