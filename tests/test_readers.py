"""The xlsx and csv readers: values, number formats, fonts, merged ranges, formulas, encodings."""

from __future__ import annotations

import hashlib
import time
import unicodedata
from datetime import datetime
from pathlib import Path

import pytest
from hostile import minimal_xlsx, sheet_xml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lsplan.readers import Cell, Limits, ReadError, Sheet, open_workbook


def _report(path: Path) -> Path:
    """A conventional report: merged title rows, a header, percent cells, a .VnTime cell, a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    ws = book.active
    ws.title = "Biểu 01"
    ws["A1"] = "UBND TỈNH LẠNG SƠN"
    ws.merge_cells("A1:H1")
    ws["A2"] = "BIỂU TỔNG HỢP 6 THÁNG ĐẦU NĂM 2025"
    ws.merge_cells("A2:H2")
    ws.append(["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2025", "Thực hiện 6 tháng", "So với KH (%)"])
    for i in range(1, 50):
        ws.append([i, f"Chỉ tiêu {i}", "tỷ đồng", 1000 + i, "9.937,8", 0.085])
        ws.cell(3 + i, 6).number_format = "0.0%"
    ws["G4"] = "=E4/D4"
    ws["B5"].font = Font(name=".VnTime")
    ws["B5"] = "Tæng møc b¸n lÎ"
    ws["H4"] = datetime(2025, 6, 30)
    second = book.create_sheet("Ghi chú")
    second.sheet_state = "hidden"
    second["A1"] = unicodedata.normalize("NFD", "Sở Công Thương")
    book.save(path)
    return path


def test_xlsx_reads_values_formats_fonts_and_merges(tmp_path: Path) -> None:
    book = open_workbook(_report(tmp_path / "report.xlsx"))
    assert book.format == "xlsx" and book.findings == ()
    assert [(s.name, s.state) for s in book.sheets] == [("Biểu 01", "visible"), ("Ghi chú", "hidden")]
    sheet = book.sheets[0]
    assert set(sheet.merged) == {"A1:H1", "A2:H2"}
    assert sheet.cell(1, 1) == Cell(1, 1, "A1", "UBND TỈNH LẠNG SƠN", "General", "Calibri")
    assert sheet.cell(1, 2) is None  # inside the merged range: empty
    percent = sheet.cell(4, 6)
    assert percent is not None and percent.value == 0.085 and percent.number_format == "0.0%"
    assert percent.ref == "F4"
    text_number = sheet.cell(4, 5)
    assert text_number is not None and text_number.value == "9.937,8"
    legacy = sheet.cell(5, 2)
    assert legacy is not None and legacy.font == ".VnTime" and legacy.value == "Tæng møc b¸n lÎ"
    date_cell = sheet.cell(4, 8)
    assert date_cell is not None and date_cell.value == datetime(2025, 6, 30)
    assert sheet.max_row == 52 and all(len(row) == sheet.max_col for row in sheet.rows)
    # The reader reports the text as stored: NFC is the checks' business.
    nfd = book.sheets[1].cell(1, 1)
    assert nfd is not None and nfd.value == unicodedata.normalize("NFD", "Sở Công Thương")


def test_openpyxl_formula_without_cached_value_is_uncalculated(tmp_path: Path) -> None:
    sheet = open_workbook(_report(tmp_path / "report.xlsx")).sheets[0]
    formula = sheet.cell(4, 7)
    assert formula is not None
    assert formula.formula == "=E4/D4" and formula.value is None and formula.uncalculated


def test_xlsxwriter_zero_cached_formulas_are_uncalculated(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "xw.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("Data")
    ws.write_number("A1", 0)  # a real zero typed by a person
    ws.write_number("B1", 7)
    ws.write_formula("C1", "=A1+B1")  # xlsxwriter caches 0
    ws.write_formula("D1", "=B1*2", None, 14)  # an explicit cached value is kept
    ws.write_formula("E1", '=IF(B1>0,"yes","no")')
    ws.write_row(1, 0, ["Sản lượng điện", "triệu kWh"])  # xlsxwriter writes shared strings
    book.close()
    sheet = open_workbook(path).sheets[0]
    zero, seven, c1, d1, e1 = (sheet.cell(1, c) for c in range(1, 6))
    assert zero == Cell(1, 1, "A1", 0, "General", "Calibri")
    assert seven is not None and seven.value == 7
    assert c1 is not None and c1.uncalculated and c1.value is None and c1.formula == "=A1+B1"
    assert d1 is not None and not d1.uncalculated and d1.value == 14
    assert e1 is not None and e1.uncalculated
    assert [c.value for c in sheet.rows[1][:2] if c] == ["Sản lượng điện", "triệu kWh"]


def test_calculated_formulas_keep_their_cached_values_even_zero(tmp_path: Path) -> None:
    # As Excel saves: cached values present, no fullCalcOnLoad: a cached 0 is a real 0.
    xml = sheet_xml([[3, 0, ("A1-A1", 0), ("A1*2", 6), ("A1/B1", None)]])
    sheet = open_workbook(minimal_xlsx(tmp_path / "calc.xlsx", xml)).sheets[0]
    c, d, e = sheet.cell(1, 3), sheet.cell(1, 4), sheet.cell(1, 5)
    assert c is not None and c.value == 0 and not c.uncalculated and c.formula == "=A1-A1"
    assert d is not None and d.value == 6 and not d.uncalculated
    assert e is not None and e.value is None and e.uncalculated


def test_full_calc_on_load_marks_zero_cached_values_uncalculated(tmp_path: Path) -> None:
    xml = sheet_xml([[3, ("A1-A1", 0), ("A1*2", 6)]])
    calc = '<calcPr calcId="124519" fullCalcOnLoad="1"/>'
    sheet = open_workbook(minimal_xlsx(tmp_path / "calc.xlsx", xml, calc=calc)).sheets[0]
    b, c = sheet.cell(1, 2), sheet.cell(1, 3)
    assert b is not None and b.uncalculated and b.value is None
    assert c is not None and c.value == 6 and not c.uncalculated


def test_columns_beyond_the_limit_are_dropped_with_a_warning(tmp_path: Path) -> None:
    path = minimal_xlsx(tmp_path / "wide.xlsx", sheet_xml([list(range(1, 13))]))
    book = open_workbook(path, Limits(max_cols=10))
    assert book.sheets[0].max_col == 10
    assert [f.code for f in book.findings] == ["cols-capped"]


def test_detection_is_by_content_not_extension(tmp_path: Path) -> None:
    xlsx_as_csv = _report(tmp_path / "report.csv")
    assert open_workbook(xlsx_as_csv).format == "xlsx"
    csv_as_xlsx = tmp_path / "data.xlsx"
    csv_as_xlsx.write_text("a,b\n1,2\n")
    with pytest.raises(ReadError) as caught:
        open_workbook(csv_as_xlsx)
    assert caught.value.finding.code == "not-a-spreadsheet"


def test_a_small_report_reads_in_well_under_100_ms(tmp_path: Path) -> None:
    path = _report(tmp_path / "report.xlsx")
    open_workbook(path)  # warm the imports
    best = min(_timed(lambda: open_workbook(path)) for _ in range(3))
    assert best < 0.1, f"{best * 1000:.0f} ms"


def _timed(action: object) -> float:
    started = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - started


@pytest.mark.parametrize("name", ["report.xlsx", "data.csv"])
def test_reading_never_changes_the_input(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if name.endswith(".xlsx"):
        _report(path)
    else:
        path.write_text("Chỉ tiêu;Giá trị\nGRDP;8,5\n", encoding="utf-8")
    before = (hashlib.sha256(path.read_bytes()).digest(), path.stat().st_mtime_ns)
    open_workbook(path)
    assert (hashlib.sha256(path.read_bytes()).digest(), path.stat().st_mtime_ns) == before


# ---- CSV ----


def _csv(tmp_path: Path, data: bytes, name: str = "report.csv") -> Sheet:
    path = tmp_path / name
    path.write_bytes(data)
    book = open_workbook(path)
    assert book.format == "csv"
    return book.sheets[0]


def _values(sheet: Sheet) -> list[list[object]]:
    return [[c.value if c else None for c in row] for row in sheet.rows]


def test_csv_utf8_bom_and_semicolons(tmp_path: Path) -> None:
    text = "STT;Chỉ tiêu;Thực hiện\n1;Tổng mức bán lẻ;9.937,8\n2;Khách du lịch;\n"
    sheet = _csv(tmp_path, b"\xef\xbb\xbf" + text.encode())
    assert sheet.name == "report"
    assert _values(sheet) == [
        ["STT", "Chỉ tiêu", "Thực hiện"],
        ["1", "Tổng mức bán lẻ", "9.937,8"],
        ["2", "Khách du lịch", None],
    ]
    cell = sheet.cell(2, 3)
    assert cell is not None and cell.ref == "C2" and cell.number_format == "General" and cell.font is None


def test_csv_commas_with_quoted_vietnamese_numbers(tmp_path: Path) -> None:
    text = 'Chỉ tiêu,Thực hiện,Tỷ lệ\nGRDP,"9.937,8","8,5%"\n'
    sheet = _csv(tmp_path, text.encode())
    assert _values(sheet)[1] == ["GRDP", "9.937,8", "8,5%"]


def test_csv_in_cp1258_is_read_with_a_warning(tmp_path: Path) -> None:
    # cp1258 writes "ở" as "ơ" + a combining hook; NFC puts it back together.
    text = "Đơn vi\u0323;Sơ\u0309 Công Thương\n"
    path = tmp_path / "old.csv"
    path.write_bytes(text.encode("cp1258"))
    book = open_workbook(path)
    assert [f.code for f in book.findings] == ["csv-encoding-guessed"]
    cell = book.sheets[0].cell(1, 2)
    assert cell is not None and unicodedata.normalize("NFC", str(cell.value)) == "Sở Công Thương"


def test_csv_rows_beyond_the_limit_are_capped(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("".join(f"{i},x\n" for i in range(20)))
    book = open_workbook(path, Limits(max_rows=10))
    assert book.sheets[0].max_row == 10
    assert [f.code for f in book.findings] == ["rows-capped"]


def test_csv_with_only_blank_lines_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_text("\n \n")
    with pytest.raises(ReadError) as caught:
        open_workbook(path)
    assert caught.value.finding.code == "file-empty"


def test_sheet_cell_outside_the_grid_is_none() -> None:
    sheet = Sheet("S", ((Cell(1, 1, "A1", 1),),))
    assert sheet.cell(1, 1) == Cell(1, 1, "A1", 1)
    assert sheet.cell(0, 1) is None and sheet.cell(2, 1) is None and sheet.cell(1, 2) is None


def test_reading_emits_no_warnings(tmp_path: Path) -> None:
    import warnings

    # A package without a styles part makes openpyxl warn; the library must stay silent.
    path = minimal_xlsx(tmp_path / "bare.xlsx", sheet_xml([["a", 1]]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        book = open_workbook(path)
    assert book.sheets[0].cell(1, 2) == Cell(1, 2, "B1", 1, "General", "Calibri")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), bom=st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe"]))
def test_any_bytes_named_csv_give_a_workbook_or_a_read_error(tmp_path: Path, data: bytes, bom: bytes) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(bom + data)
    try:
        book = open_workbook(path)
    except ReadError as exc:
        assert exc.finding.code in {"not-a-spreadsheet", "file-corrupt", "file-empty"}
    else:
        assert all(isinstance(c.value, str) for row in book.sheets[0].rows for c in row if c)
