"""Stages "tables" and "header": several tables in a sheet, each with its own columns."""

from __future__ import annotations

import time

from workbooks import FakeCatalog

from lsplan.readers import Cell, Sheet, Workbook
from lsplan.readers.base import cell_ref
from lsplan.reading.pipeline import check_workbook
from lsplan.reading.tables import find_sheet_tables


def sheet(rows: list[tuple], name: str = "S") -> Sheet:
    width = max(len(r) for r in rows)
    grid = tuple(
        tuple(
            Cell(r, c, cell_ref(r, c), v) if (v := (values + (None,) * width)[c - 1]) is not None else None
            for c in range(1, width + 1)
        )
        for r, values in enumerate(rows, start=1)
    )
    return Sheet(name, grid)


TITLE = [("SỞ CÔNG THƯƠNG",), ("BÁO CÁO 6 THÁNG NĂM 2025",)]


def test_a_second_header_starts_a_second_table() -> None:
    rows = [
        *TITLE,
        ("STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2025", "Ước thực hiện 6 tháng năm 2025"),
        (1, "Sản lượng than", "tấn", 500000, 250000),
        (None, "Bảng 2", None, None, None),
        ("STT", "Chỉ tiêu", "Ước thực hiện 6 tháng năm 2025", "ĐVT"),
        (1, "Tổng mức bán lẻ", 20000, "tỷ đồng"),
    ]
    tables = find_sheet_tables(sheet(rows))
    assert [(t.header_first, t.actual.col if t.actual else None) for t in tables] == [(3, 5), (6, 3)]
    assert [r.name for r in tables[1].rows] == ["Tổng mức bán lẻ"]
    result = check_workbook(Workbook("x.xlsx", "xlsx", (sheet(rows),)), FakeCatalog())
    assert {o.indicator: (o.value, o.cell) for o in result.observations} == {
        "coal-output": (250000, "E4"),
        "retail-sales": (20000, "C7"),
    }


def test_five_thousand_rows_in_under_a_second() -> None:
    header = ("STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2025", "Ước thực hiện 6 tháng năm 2025")
    body = [(i, f"Chỉ tiêu phụ số {i}", "tấn", 1000 + i, 500 + i) for i in range(5000)]
    workbook = Workbook("big.xlsx", "xlsx", (sheet([*TITLE, header, *body]),))
    catalog = FakeCatalog()
    catalog.match_indicator = lambda text: None  # the stages' cost, not fuzzy matching's
    start = time.perf_counter()
    result = check_workbook(workbook, catalog, max_findings=10_000)
    elapsed = time.perf_counter() - start
    assert sum(f.code == "indicator-unmatched" for f in result.findings) == 5000
    assert elapsed < 1.0, elapsed
