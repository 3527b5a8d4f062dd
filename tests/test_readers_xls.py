"""Legacy .xls workbooks (written here with xlwt) read like .xlsx: values, formats, fonts, merges."""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import datetime
from pathlib import Path

import pytest

from lsplan.readers import Cell, ReadError, open_workbook

xlwt = pytest.importorskip("xlwt")


def _xls(path: Path) -> Path:
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("Biểu 01")
    ws.write_merge(0, 0, 0, 5, "UBND TỈNH LẠNG SƠN")
    ws.write(2, 0, 0.085, xlwt.easyxf("font: name Times New Roman", num_format_str="0.0%"))
    ws.write(2, 1, "Tæng møc b¸n lÎ", xlwt.easyxf("font: name .VnTime"))
    ws.write(2, 2, datetime(2025, 6, 30), xlwt.easyxf(num_format_str="dd/mm/yyyy"))
    ws.write(2, 3, 500000)
    ws.write(2, 4, 9937.8)
    ws.write(2, 5, "9.937,8")
    ws.write(3, 1, True)
    hidden = book.add_sheet("Cũ")
    hidden.write(0, 0, unicodedata.normalize("NFD", "Sở Công Thương"))
    hidden.visibility = 1
    book.save(str(path))
    return path


def test_xls_values_formats_fonts_and_merges(tmp_path: Path) -> None:
    book = open_workbook(_xls(tmp_path / "report.xls"))
    assert book.format == "xls" and book.findings == ()
    assert [(s.name, s.state) for s in book.sheets] == [("Biểu 01", "visible"), ("Cũ", "hidden")]
    sheet = book.sheets[0]
    assert sheet.merged == ("A1:F1",)
    assert sheet.cell(1, 1) == Cell(1, 1, "A1", "UBND TỈNH LẠNG SƠN", "General", "Arial")
    assert sheet.cell(1, 2) is None and sheet.cell(2, 1) is None
    assert sheet.cell(3, 1) == Cell(3, 1, "A3", 0.085, "0.0%", "Times New Roman")
    assert sheet.cell(3, 2) == Cell(3, 2, "B3", "Tæng møc b¸n lÎ", "General", ".VnTime")
    date_cell = sheet.cell(3, 3)
    assert date_cell is not None and date_cell.value == datetime(2025, 6, 30)
    assert [sheet.cell(3, c).value for c in (4, 5, 6)] == [500000, 9937.8, "9.937,8"]  # type: ignore[union-attr]
    boolean = sheet.cell(4, 2)
    assert boolean is not None and boolean.value is True
    assert sheet.max_row == 4 and sheet.max_col == 6
    nfd = book.sheets[1].cell(1, 1)
    assert nfd is not None and nfd.value == unicodedata.normalize("NFD", "Sở Công Thương")


def test_xls_is_detected_by_content_and_left_unchanged(tmp_path: Path) -> None:
    path = _xls(tmp_path / "report.xlsx")  # wrong extension: content decides
    before = (hashlib.sha256(path.read_bytes()).digest(), path.stat().st_mtime_ns)
    assert open_workbook(path).format == "xls"
    assert (hashlib.sha256(path.read_bytes()).digest(), path.stat().st_mtime_ns) == before


def test_xls_prints_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    open_workbook(_xls(tmp_path / "report.xls"))
    assert capsys.readouterr() == ("", "")


def test_damaged_xls_bytes_give_a_read_error_never_a_crash(tmp_path: Path) -> None:
    import random

    whole = _xls(tmp_path / "report.xls").read_bytes()
    rng = random.Random(1993)
    path = tmp_path / "fuzz.xls"
    codes: set[str] = set()
    for _ in range(300):
        data = bytearray(whole)
        for _ in range(rng.randint(1, 6)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        path.write_bytes(bytes(data))
        try:
            open_workbook(path)
            codes.add("ok")
        except ReadError as exc:
            codes.add(exc.finding.code)
    assert codes <= {"ok", "file-corrupt", "not-a-spreadsheet", "file-encrypted", "file-too-large"}
    assert "ok" in codes


def test_word_document_in_an_ole_container_is_not_a_spreadsheet(tmp_path: Path) -> None:
    # An OLE2 file whose directory names no Workbook stream (as a .doc): xlrd cannot find one.
    book = xlwt.Workbook()
    book.add_sheet("S").write(0, 0, 1)
    path = tmp_path / "x.xls"
    book.save(str(path))
    data = path.read_bytes().replace("Workbook".encode("utf-16-le"), "WordDocu".encode("utf-16-le"))
    path.write_bytes(data)
    with pytest.raises(ReadError) as caught:
        open_workbook(path)
    assert caught.value.finding.code == "not-a-spreadsheet"
