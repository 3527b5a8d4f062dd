"""Stage "header": value columns without the words "Thực hiện / Ước", and which column was read."""

from __future__ import annotations

from pathlib import Path

import pytest
from workbooks import FakeCatalog

from lsplan.checks import check_file
from lsplan.model import Severity
from lsplan.reading.header import classify_header

THONG_KE = ("UBND TỈNH LẠNG SƠN", "CỤC THỐNG KÊ TỈNH", "BÁO CÁO 6 THÁNG ĐẦU NĂM 2025")


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Tốc độ tăng so với cùng kỳ (%)", "growth"),
        ("So với cùng kỳ (%)", "yoy"),
        ("Giá trị (tỷ đồng)", "value"),
        ("Cơ cấu (%)", "share"),
        ("Giải ngân đến 31/8/2025", "actual"),
        ("Kế hoạch vốn giải ngân năm 2025", "plan"),
        ("Ước thực hiện 6 tháng năm 2025", "actual"),
    ],
)
def test_roles(text: str, role: str) -> None:
    assert classify_header(text) == role


def save(path: Path, lines: list[tuple], merges: tuple[str, ...] = ()) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Biểu"
    for values in lines:
        sheet.append(list(values))
    for ref in merges:
        sheet.merge_cells(ref)
    workbook.save(path)
    return path


def column_read(result) -> list[tuple[str | None, str]]:
    found = [f for f in result.findings if f.code == "value-column-read"]
    assert all(f.severity is Severity.INFO for f in found)
    return [(f.cell, f.message) for f in found]


def test_growth_over_year_sub_columns_reads_the_report_year(tmp_path: Path) -> None:
    lines = [
        *[(line,) for line in THONG_KE],
        ("STT", "Chỉ tiêu", "Tốc độ tăng so với cùng kỳ (%)", None),
        (None, None, "Năm 2024", "Năm 2025"),
        (1, "Tăng trưởng GRDP", 7.1, 8.27),
    ]
    result = check_file(save(tmp_path / "r.xlsx", lines, ("C4:D4",)), FakeCatalog())
    assert [(o.indicator, o.value, o.cell) for o in result.observations] == [("grdp-growth", 8.27, "D6")]
    (read,) = column_read(result)
    assert read[0] == "D5" and "Năm 2025" in read[1] and "Năm 2024" in read[1]


def test_value_and_share_columns(tmp_path: Path) -> None:
    lines = [
        *[(line,) for line in THONG_KE],
        ("STT", "Chỉ tiêu", "Giá trị (tỷ đồng)", "Cơ cấu (%)"),
        (1, "Tổng mức bán lẻ", 21583.5, None),
        (2, "Nông, lâm nghiệp và thủy sản", 3000, 21.5),
    ]
    result = check_file(save(tmp_path / "r.xlsx", lines), FakeCatalog())
    read = {o.indicator: (o.value, o.cell, o.column) for o in result.observations}
    assert read == {
        "retail-sales": (21583.5, "C5", "Giá trị (tỷ đồng)"),
        "grdp-share-agri": (21.5, "D6", "Cơ cấu (%)"),
    }
    assert [cell for cell, _ in column_read(result)] == ["C4"]


def test_disbursed_until_a_date(tmp_path: Path) -> None:
    lines = [
        ("UBND TỈNH LẠNG SƠN",),
        ("SỞ CÔNG THƯƠNG",),
        ("BÁO CÁO 6 THÁNG ĐẦU NĂM 2025",),
        ("STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2025", "Giải ngân đến 30/6/2025"),
        (1, "Tổng mức bán lẻ", "tỷ đồng", 43167, 21583.5),
    ]
    result = check_file(save(tmp_path / "r.xlsx", lines), FakeCatalog())
    assert [(o.value, o.column) for o in result.observations] == [(21583.5, "Giải ngân đến 30/6/2025")]
    assert not column_read(result)  # an actual column, and the only one: nothing to say


def test_a_unit_in_the_value_column_header(tmp_path: Path) -> None:
    lines = [
        *[(line,) for line in THONG_KE],
        ("STT", "Chỉ tiêu", "Giá trị (triệu đồng)", "Cơ cấu (%)"),
        (1, "Tổng mức bán lẻ", 21583500, None),
    ]
    result = check_file(save(tmp_path / "r.xlsx", lines), FakeCatalog())
    assert [o.value for o in result.observations] == [21583.5]
