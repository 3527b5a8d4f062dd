"""Layout detection: header roles, header position, merged two-row headers, value columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from workbooks import HEADER, FakeCatalog, save_report

from lsplan.findings import CODES
from lsplan.layouts import classify_header, find_tables
from lsplan.readers import Cell, Sheet, Workbook, open_workbook


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("STT", "stt"),
        ("TT", "stt"),
        ("Mã chỉ tiêu", "id"),
        ("Chỉ tiêu", "name"),
        ("Nội dung", "name"),
        ("Đơn vị tính", "unit"),
        ("ĐVT", "unit"),
        ("Kế hoạch năm 2025", "plan"),
        ("KH 2025", "plan"),
        ("Chỉ tiêu kế hoạch năm 2025", "plan"),
        ("Ước thực hiện 6 tháng", "actual"),
        ("Thực hiện quý I", "actual"),
        ("TH 9 tháng", "actual"),
        ("Lũy kế", "actual"),
        ("So với kế hoạch (%)", "ratio"),
        ("Thực hiện so với KH (%)", "ratio"),
        ("% KH", "ratio"),
        ("So với cùng kỳ (%)", "yoy"),
        ("So sánh CK", "yoy"),
        ("Ghi chú", "note"),
        ("", None),
        ("Người lập biểu", None),
    ],
)
def test_classify_header(text: str, role: str | None) -> None:
    assert classify_header(text) == role


def _sheet(rows: list[list[object]], merged: tuple[str, ...] = ()) -> Sheet:
    grid = tuple(
        tuple(
            Cell(r, c, f"{chr(64 + c)}{r}", v) if v is not None else None
            for c, v in enumerate(values, start=1)
        )
        for r, values in enumerate(rows, start=1)
    )
    return Sheet("S", grid, merged)


def test_table_found_anywhere_with_numbering_row_skipped() -> None:
    rows = [[None] * 5 for _ in range(12)]
    rows[0][0] = "SỞ CÔNG THƯƠNG"
    rows += [
        ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện 9 tháng"],
        ["A", "B", "1", "2", "3"],
        [1, "Sản lượng than", "tấn", 10, 7],
    ]
    (table,) = find_tables(Workbook("x", "xlsx", (_sheet(rows),)))
    assert (table.header_row, table.columns["name"], table.actual.col) == (14, 2, 5)
    assert table.actual.period.quarter == "Q3" and table.title_lines == (("A1", "SỞ CÔNG THƯƠNG"),)
    assert [(r.row, r.name, r.unit) for r in table.rows] == [(15, "Sản lượng than", "tấn")]


def test_last_years_column_is_not_the_actual() -> None:
    rows = [
        [
            "STT",
            "Chỉ tiêu",
            "ĐVT",
            "Thực hiện năm 2024",
            "Kế hoạch năm 2025",
            "Ước thực hiện 6 tháng năm 2025",
        ],
        [1, "Than", "tấn", 900, 1000, 480],
    ]
    (table,) = find_tables(Workbook("x", "xlsx", (_sheet(rows),)))
    assert table.actual.col == 6 and [c.col for c in table.other_actuals] == [4]


def test_no_table_in_free_text() -> None:
    assert (
        find_tables(Workbook("x", "xlsx", (_sheet([["Kính gửi: Sở Tài chính"], ["Nội dung báo cáo"]]),)))
        == []
    )


def test_form_marker_sheet_sets_form_layout(tmp_path: Path) -> None:
    from lsplan.template import write_template

    path = write_template(tmp_path / "f.xlsx", FakeCatalog(), "SCT", 2025, "Q3").path
    (table,) = find_tables(open_workbook(path))
    assert (
        table.layout == "form" and table.form["quarter"] == "Q3" and table.form["maturity"] == "Ước thực hiện"
    )
    assert table.columns["id"] == 2 and table.rows[0].indicator_id == "coal-output"


def test_report_sheets_each_found(tmp_path: Path) -> None:
    path = save_report(tmp_path / "r.xlsx", extra_sheets=("Ghi chú",))
    tables = find_tables(open_workbook(path))
    assert [t.sheet for t in tables] == ["Biểu 01"] and tables[0].actual.header == HEADER[4]


def test_every_finding_code_in_the_project_is_catalogued() -> None:
    import re

    root = Path(__file__).resolve().parent.parent / "lsplan"
    patterns = (
        r'make_finding\(\s*"([a-z0-9-]+)"',
        r'code="([a-z0-9-]+)"',
        r'Finding\(\s*"([a-z0-9-]+)"',
        r'ReadError\.of\(\s*"([a-z0-9-]+)"',
        r'StoreError\(\s*"([a-z0-9-]+)"',
    )
    used = set()
    for file in root.rglob("*.py"):
        text = file.read_text(encoding="utf-8")
        for pattern in patterns:
            used |= set(re.findall(pattern, text))
    missing = sorted(used - set(CODES))
    assert used and not missing, f"add these codes to lsplan/findings.py (the one catalogue): {missing}"
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code) for code in CODES)


def test_catalogue_markdown_lists_every_code() -> None:
    from lsplan.findings import catalogue_markdown

    table = catalogue_markdown()
    assert all(f"| `{code}` | {entry.severity} |" in table for code, entry in CODES.items())
