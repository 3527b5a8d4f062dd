"""The stdlib .xlsx reader gives, cell by cell, what openpyxl reads from the same file.

Workbooks written by openpyxl, by xlsxwriter and by hand (shared formulas, inline rich text,
absolute part names, 1904 dates, an understated <dimension>) are read by lsplan.readers.ooxml
and compared with openpyxl's own full (not read-only) load_workbook, turned into the same
records with the conventions the checks rely on.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from hostile import CONTENT_TYPES, ROOT_RELS, SHEET_HEAD

from lsplan.readers import DEFAULT_LIMITS, Cell, Limits, Sheet, Workbook, cell_ref, open_workbook
from lsplan.readers.ooxml import read_xlsx

ROOT = Path(__file__).resolve().parent.parent


def _plain(value: Any) -> Any:
    if isinstance(value, datetime) or value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, time | timedelta):
        return str(value)
    return str(getattr(value, "text", value))  # ArrayFormula


def openpyxl_reading(path: Path) -> tuple[Sheet, ...]:
    """What openpyxl's full load of `path` says, as the reader's records."""
    import warnings

    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        formulas = load_workbook(path, data_only=False)
        cached = load_workbook(path, data_only=True)
    with zipfile.ZipFile(path) as archive:
        calc_chain = "xl/calcChain.xml" in archive.namelist()
    calc = formulas.calculation
    zero_is_uncalculated = bool(calc is not None and calc.fullCalcOnLoad) and not calc_chain
    sheets = []
    for ws in formulas.worksheets:
        grid: dict[int, dict[int, Cell]] = {}
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None or not hasattr(cell, "column"):
                    continue
                formula = None
                value = _plain(cell.value)
                uncalculated = False
                if cell.data_type == "f":
                    formula = value
                    value = _plain(cached[ws.title].cell(cell.row, cell.column).value)
                    uncalculated = value is None or (zero_is_uncalculated and value in (0, ""))
                    value = None if uncalculated else value
                grid.setdefault(cell.row, {})[cell.column] = Cell(
                    row=cell.row,
                    col=cell.column,
                    ref=cell_ref(cell.row, cell.column),
                    value=value,
                    number_format=cell.number_format or "General",
                    font=cell.font.name if cell.font is not None else None,
                    formula=formula,
                    uncalculated=uncalculated,
                )
        height = max(grid, default=0)
        width = max((max(cols) for cols in grid.values()), default=0)
        rows = tuple(tuple(grid.get(r, {}).get(c) for c in range(1, width + 1)) for r in range(1, height + 1))
        merged = tuple(str(r) for r in ws.merged_cells.ranges)
        sheets.append(Sheet(name=ws.title, rows=rows, merged=merged, state=ws.sheet_state))
    return tuple(sheets)


def assert_same(path: Path) -> Workbook:
    book = read_xlsx(path, DEFAULT_LIMITS)
    expected = openpyxl_reading(path)
    assert [(s.name, s.state) for s in book.sheets] == [(s.name, s.state) for s in expected]
    for mine, theirs in zip(book.sheets, expected, strict=True):
        assert sorted(mine.merged) == sorted(theirs.merged), mine.name
        assert mine.max_row == theirs.max_row and mine.max_col == theirs.max_col, mine.name
        for row_mine, row_theirs in zip(mine.rows, theirs.rows, strict=True):
            for a, b in zip(row_mine, row_theirs, strict=True):
                assert a == b, f"{mine.name}: {a} != {b}"
                if a is not None and b is not None:
                    assert type(a.value) is type(b.value), (a, b)  # 5 stays int, 5.0 float
    return book


def _openpyxl_book(path: Path) -> Path:
    from openpyxl import Workbook as OpenpyxlWorkbook
    from openpyxl.styles import Font

    book = OpenpyxlWorkbook()
    ws = book.active
    ws.title = "Biểu 01"
    ws["A1"] = "UBND TỈNH LẠNG SƠN"
    ws.merge_cells("A1:H1")
    ws.append(["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "So với KH (%)", "Ghi chú"])
    formats = ["0.0%", '[$-42A]#,##0.0" tỷ"', '#,##0.0;[Red]-#,##0.0;"-"', "0.00E+00", "@", "dd/mm/yyyy"]
    for i in range(1, 30):
        ws.append([i, f"Chỉ tiêu {i}", "tỷ đồng", 1000 + i, i * 1.5, 0.085 + i / 1000, f"ghi {i}"])
        ws.cell(2 + i, 6).number_format = formats[i % len(formats)]
        ws.cell(2 + i, 5).number_format = formats[(i + 1) % len(formats)]
    ws["B5"].font = Font(name=".VnTime")
    ws["B5"] = "Tæng møc b¸n lÎ"
    ws["B6"].font = Font(name="VNI-Times", bold=True)
    ws["H3"] = "=E3/D3"
    ws["H4"] = "=SUM(D3:D9)"
    ws["H5"] = True
    ws["H6"] = "#DIV/0!"
    ws["H7"] = datetime(2025, 6, 30, 8, 30)
    ws["H8"] = 5.0
    ws["H9"] = -0.0
    ws["H10"] = 1e-12
    ws["H11"] = 12345678901234
    ws["H12"] = time(12, 30)
    hidden = book.create_sheet("Ẩn")
    hidden.sheet_state = "hidden"
    hidden["A1"] = "dữ liệu cũ"
    very = book.create_sheet("Rất ẩn")
    very.sheet_state = "veryHidden"
    very["B2"] = 3
    book.create_sheet("Trống")
    book.save(path)
    return path


def _xlsxwriter_book(path: Path) -> Path:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("Số liệu")
    bold = book.add_format({"bold": True, "font_name": ".VnTime"})
    percent = book.add_format({"num_format": "0.0%"})
    custom = book.add_format({"num_format": '[$-42A]#,##0.00" triệu"'})
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    ws.merge_range("A1:F1", "BIỂU TỔNG HỢP 6 THÁNG ĐẦU NĂM 2025", bold)
    ws.write_row(1, 0, ["Chỉ tiêu", "Đơn vị", "Kế hoạch", "Thực hiện", "Tỷ lệ", "Ngày"])
    for r in range(2, 22):
        ws.write_string(r, 0, f"Chỉ tiêu {r % 7}")  # repeated shared strings
        ws.write_string(r, 1, "tỷ đồng")
        ws.write_number(r, 2, 100 + r, custom)
        ws.write_number(r, 3, r * 2.5)
        ws.write_formula(r, 4, f"=D{r + 1}/C{r + 1}", percent)
        ws.write_datetime(r, 5, datetime(2025, 1, r), date_format)
    ws.write_rich_string("A23", "Tổng ", bold, "mức", " bán lẻ")
    ws.write_boolean("B23", False)
    ws.write_formula("C23", "=1/0", None, "#DIV/0!")
    ws.write_formula("D23", "=C3*2", None, 204)
    ws.write_formula("E23", '="a"&"b"', None, "ab")
    ws.write_formula("F23", "=TRUE()", None, True)
    ws.write_array_formula("G3:G3", "{=SUM(C3:C5*D3:D5)}")
    hidden = book.add_worksheet("Cũ")
    hidden.hide()
    hidden.write("A1", 1)
    book.close()
    return path


_STYLES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="[$-42A]#,##0.0&quot; tỷ&quot;"/>'
    '<numFmt numFmtId="165" formatCode="0.0%"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Times New Roman"/></font>'
    '<font><b/><name val=".VnTime"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0"/></cellStyleXfs>'
    '<cellXfs count="5"><xf numFmtId="0" fontId="0"/><xf numFmtId="164" fontId="1" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0"/><xf numFmtId="14" fontId="0"/><xf numFmtId="46" fontId="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '<dxfs count="1"><dxf><font><name val="Arial"/></font></dxf></dxfs>'
    "</styleSheet>"
)
_STRINGS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">'
    "<si><t>Sở Công Thương</t></si>"
    '<si><r><rPr><b/></rPr><t xml:space="preserve">Tổng mức </t></r><r><t>bán lẻ</t></r>'
    '<rPh sb="0" eb="1"><t>phonetic</t></rPh></si>'
    "<si><t>x005F_x000D_ giữ</t></si></sst>"
)


def _hand_built(path: Path, date1904: bool = False) -> Path:
    """A package as Excel saves it: shared strings, styles, shared formulas, an absolute target."""
    rows = (
        '<dimension ref="A1:B2"/><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s" s="1"><v>1</v></c>'
        '<c r="C1" t="inlineStr"><is><r><t>Khách </t></r><r><rPr><i/></rPr><t>quốc tế</t></r></is></c>'
        '<c r="D1" t="s"><v>2</v></c></row>'
        '<row r="2"><c r="A2"><v>10</v></c><c r="B2" s="1"><v>9937.8</v></c><c r="C2" s="2"><v>0.085</v></c>'
        '<c r="D2"><f t="shared" ref="D2:D5" si="0">A2*2+$A$2+SUM(A$2:B2)&amp;"A1"</f><v>40</v></c>'
        '<c r="E2" t="b"><v>1</v></c><c r="F2" t="e"><v>#N/A</v></c><c r="G2" s="3"><v>45838</v></c>'
        '<c r="H2" t="str"><f>"x"&amp;A2</f><v>x10</v></c><c r="I2" s="4"><v>1.5</v></c></row>'
        '<row r="3"><c r="A3"><v>1E3</v></c><c r="D3"><f t="shared" si="0"/><v>2021</v></c>'
        '<c r="E3"><f>A3/0</f><v></v></c><c r="F3" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>'
        '<row r="5"><c r="D5"><f t="shared" si="0"/><v>7</v></c></row>'
        '<row><c><v>6</v></c><c/><c s="2"><v>0.5</v></c></row>'
        '<row r="40"><c r="Z40"><v>-3</v></c></row>'
        '</sheetData><mergeCells count="1"><mergeCell ref="A8:C9"/></mergeCells>'
    )
    workbook = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        + ('<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>")
        + '<sheets><sheet name="Tổng hợp" sheetId="1" r:id="rId1"/>'
        '<sheet name="Phụ" sheetId="2" state="hidden" r:id="rId2"/></sheets>'
        '<calcPr calcId="191029"/></workbook>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'worksheet" Target="/xl/worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'worksheet" Target="worksheets/../data/other.xml"/></Relationships>'
    )
    types = CONTENT_TYPES.replace(
        "</Types>",
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.styles+xml"/></Types>',
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", rels)
        archive.writestr("xl/styles.xml", _STYLES)
        archive.writestr("xl/sharedStrings.xml", _STRINGS)
        archive.writestr("xl/worksheets/sheet1.xml", SHEET_HEAD + rows + "</worksheet>")
        other = '<sheetData><row r="2"><c r="B2"><v>4</v></c></row></sheetData></worksheet>'
        archive.writestr("xl/data/other.xml", SHEET_HEAD + other)
    return path


def test_openpyxl_written_workbook_reads_the_same(tmp_path: Path) -> None:
    book = assert_same(_openpyxl_book(tmp_path / "openpyxl.xlsx"))
    sheet = book.sheets[0]
    assert sheet.cell(5, 2) is not None and sheet.cell(5, 2).font == ".VnTime"  # type: ignore[union-attr]
    assert [s.state for s in book.sheets] == ["visible", "hidden", "veryHidden", "visible"]
    h3 = sheet.cell(3, 8)
    assert h3 is not None and h3.formula == "=E3/D3" and h3.uncalculated and h3.value is None
    assert sheet.cell(6, 8).value == "#DIV/0!"  # type: ignore[union-attr]
    assert sheet.cell(7, 8).value == datetime(2025, 6, 30, 8, 30)  # type: ignore[union-attr]


def test_xlsxwriter_written_workbook_reads_the_same(tmp_path: Path) -> None:
    book = assert_same(_xlsxwriter_book(tmp_path / "xlsxwriter.xlsx"))
    sheet = book.sheets[0]
    assert sheet.cell(23, 1).value == "Tổng mức bán lẻ"  # type: ignore[union-attr]  # rich text
    e3 = sheet.cell(3, 5)
    assert e3 is not None and e3.uncalculated and e3.number_format == "0.0%"  # cached 0, fullCalcOnLoad
    d23 = sheet.cell(23, 4)
    assert d23 is not None and d23.value == 204 and not d23.uncalculated
    assert sheet.cell(3, 3).number_format == '[$-42A]#,##0.00" triệu"'  # type: ignore[union-attr]


@pytest.mark.parametrize("date1904", [False, True])
def test_hand_built_package_reads_the_same(tmp_path: Path, date1904: bool) -> None:
    book = assert_same(_hand_built(tmp_path / "excel.xlsx", date1904))
    sheet = book.sheets[0]
    assert sheet.cell(1, 2).value == "Tổng mức bán lẻ"  # type: ignore[union-attr]  # phonetic run left out
    assert sheet.cell(1, 2).font == ".VnTime"  # type: ignore[union-attr]
    assert sheet.cell(2, 2).number_format == '[$-42A]#,##0.0" tỷ"'  # type: ignore[union-attr]
    d3, d5 = sheet.cell(3, 4), sheet.cell(5, 4)
    assert d3 is not None and d3.formula == '=A3*2+$A$2+SUM(A$2:B3)&"A1"' and d3.value == 2021
    assert d5 is not None and d5.formula == '=A5*2+$A$2+SUM(A$2:B5)&"A1"'
    assert sheet.cell(3, 1).value == 1000.0 and sheet.max_row == 40  # type: ignore[union-attr]
    assert book.sheets[1].name == "Phụ" and book.sheets[1].cell(2, 2).value == 4  # type: ignore[union-attr]


def test_the_conventional_report_of_the_reader_tests_reads_the_same(tmp_path: Path) -> None:
    from test_readers import _report

    assert_same(_report(tmp_path / "report.xlsx"))


def test_understated_dimension_and_caps_match_limits(tmp_path: Path) -> None:
    path = _hand_built(tmp_path / "excel.xlsx")
    book = read_xlsx(path, Limits(max_cols=3, max_rows=3))
    assert [f.code for f in book.findings] == ["rows-capped", "cols-capped"]
    assert book.sheets[0].max_row == 3 and book.sheets[0].max_col == 3


def test_check_does_not_import_openpyxl_or_numpy(tmp_path: Path) -> None:
    path = _xlsxwriter_book(tmp_path / "report.xlsx")
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from lsplan.cli.app import app\n"
        f"result = CliRunner().invoke(app, ['check', {str(path)!r}, '--format', 'json'])\n"
        "assert result.exit_code in (0, 1), result.output\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('openpyxl', 'numpy', 'pandas')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"


def test_open_workbook_uses_the_stdlib_reader(tmp_path: Path) -> None:
    path = _hand_built(tmp_path / "excel.xlsx")
    assert open_workbook(path) == read_xlsx(path, DEFAULT_LIMITS)


def test_one_row_of_too_many_cells_stops_inside_the_row(tmp_path: Path) -> None:
    from hostile import minimal_xlsx, sheet_xml

    limits = Limits(max_scanned_cells=1000, max_cols=20_000)
    row = "".join(f'<c r="{cell_ref(1, c)}" s="0"/>' for c in range(1, 5001))
    path = minimal_xlsx(
        tmp_path / "wide.xlsx", sheet_xml([]).replace("<sheetData>", f'<sheetData><row r="1">{row}</row>')
    )
    book = read_xlsx(path, limits)
    assert [f.code for f in book.findings] == ["cells-capped"] and book.sheets[0].rows == ()
