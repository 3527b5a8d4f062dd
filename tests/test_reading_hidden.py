"""Stage "open": hidden sheets, rows and columns are not read, and an info finding says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from workbooks import FakeCatalog, save_report

from lsplan.checks import check_file
from lsplan.model import Severity
from lsplan.readers import open_workbook

ROWS = ((1, "Sản lượng than", "tấn", 500000, 240000, 48, 102, None),)


def hidden(result) -> list[tuple[str | None, str | None]]:
    found = [f for f in result.findings if f.code == "hidden-not-read"]
    assert all(f.severity is Severity.INFO for f in found)
    return [(f.sheet, f.cell) for f in found]


def test_a_hidden_sheet_with_an_old_quarter_is_not_read(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = save_report(tmp_path / "r.xlsx", ROWS)
    workbook = load_workbook(path)
    old = workbook.create_sheet("Quý I")
    old.append(["Chỉ tiêu", "ĐVT", "Thực hiện 6 tháng năm 2025"])
    old.append(["Sản lượng than", "tấn", 100000])
    old.sheet_state = "hidden"
    workbook.save(path)
    assert [s.state for s in open_workbook(path).sheets] == ["visible", "hidden"]
    result = check_file(path, FakeCatalog())
    assert [o.value for o in result.observations] == [240000]
    assert hidden(result) == [("Quý I", None)]
    assert not result.warnings


def test_a_hidden_column_beside_the_current_one_is_not_chosen(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    header = (
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Kế hoạch năm 2025",
        "Ước thực hiện 6 tháng năm 2025",
        "Ước thực hiện 6 tháng năm 2025 (bản cũ)",
    )
    rows = ((1, "Sản lượng than", "tấn", 500000, 240000, 210000),)
    path = save_report(tmp_path / "r.xlsx", rows, header=header)
    workbook = load_workbook(path)
    workbook.active.column_dimensions["F"].hidden = True
    workbook.save(path)
    assert open_workbook(path).sheets[0].hidden_cols == frozenset({6})
    result = check_file(path, FakeCatalog())
    assert [(o.value, o.cell) for o in result.observations] == [(240000, "E6")]
    assert hidden(result) == [("Biểu 01", "F5")]
    assert "F" in next(f.message for f in result.findings if f.code == "hidden-not-read")


def test_hidden_rows_are_not_read(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    rows = (*ROWS, (2, "Than sạch", "tấn", None, 100000, None, None, None))
    path = save_report(tmp_path / "r.xlsx", rows)
    workbook = load_workbook(path)
    workbook.active.row_dimensions[7].hidden = True
    workbook.save(path)
    result = check_file(path, FakeCatalog())
    assert result.status == "ok", result.findings  # no duplicate from the hidden row
    assert [o.value for o in result.observations] == [240000]
    assert hidden(result) == [("Biểu 01", "A7")]


def test_xls_hidden_rows_and_columns(tmp_path: Path) -> None:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("Biểu 01")
    lines = [
        ["SỞ CÔNG THƯƠNG"],
        ["BÁO CÁO 6 THÁNG ĐẦU NĂM 2025"],
        ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2025", "Ước thực hiện 6 tháng năm 2025", "Cũ"],
        [1, "Sản lượng than", "tấn", 500000, 240000, 1],
        [2, "Than sạch", "tấn", None, 9, None],
    ]
    for r, values in enumerate(lines):
        for c, value in enumerate(values):
            if value is not None:
                sheet.write(r, c, value)
    sheet.row(4).hidden = True
    sheet.col(5).hidden = True
    path = tmp_path / "r.xls"
    book.save(str(path))
    read = open_workbook(path).sheets[0]
    assert (read.hidden_rows, read.hidden_cols) == (frozenset({5}), frozenset({6}))
    result = check_file(path, FakeCatalog())
    assert [o.value for o in result.observations] == [240000]
    assert hidden(result) == [("Biểu 01", "F3")]
