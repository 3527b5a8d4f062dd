"""Noise is not data: signature blocks, column-number rows, a header again."""

from __future__ import annotations

from pathlib import Path

from workbooks import FakeCatalog, save_report

from lsplan.checks import check_file
from lsplan.model import Severity
from lsplan.reading.noise import HEADER, NUMBERS, SIGNATURE, noise_kind


def texts(*values: str) -> dict[int, str]:
    return dict(enumerate(values, start=1))


def test_kinds() -> None:
    assert noise_kind(texts("(1)", "(2)", "(3)", "(4)")) == NUMBERS
    assert noise_kind(texts("1", "2", "3", "4", "5")) == NUMBERS
    assert noise_kind(texts("A", "B", "1", "2", "3=2/1")) == NUMBERS
    assert noise_kind(texts("NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ")) == SIGNATURE
    assert noise_kind(texts("(Ký, ghi rõ họ tên)")) == SIGNATURE
    assert noise_kind(texts("Lạng Sơn, ngày 15 tháng 7 năm 2025")) == SIGNATURE
    assert noise_kind(texts("STT", "Chỉ tiêu", "ĐVT", "Kế hoạch")) == HEADER
    assert noise_kind(texts("Kế hoạch", "Thực hiện", "%")) == HEADER
    assert noise_kind(texts("1", "Sản lượng than", "tấn")) == ""
    assert noise_kind(texts("2", "Giám đốc các doanh nghiệp được đào tạo", "người")) == ""


def test_signature_block_and_column_numbers_are_skipped_quietly(tmp_path: Path) -> None:
    rows = (
        ("(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"),
        (1, "Sản lượng than", "tấn", 500000, 240000, 48, 102, None),
        ("STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", None, None, None, None),
        (2, "Sản lượng điện", "triệu kWh", 700, 350, 50, 101, None),
        (None, "Lạng Sơn, ngày 15 tháng 7 năm 2025", None, None, None, None, None, None),
        (None, "NGƯỜI LẬP BIỂU", None, None, "THỦ TRƯỞNG ĐƠN VỊ", None, None, None),
        (None, "(Ký, ghi rõ họ tên)", None, None, "(Ký tên, đóng dấu)", None, None, None),
        (None, "Nguyễn Văn An", None, None, "Hoàng Thị Bình", None, None, None),
    )
    result = check_file(save_report(tmp_path / "r.xlsx", rows), FakeCatalog())
    assert result.status == "ok", result.findings
    assert {o.indicator: o.value for o in result.observations} == {
        "coal-output": 240000,
        "electricity-output": 350,
    }
    assert not result.warnings, result.warnings
    (skipped,) = [f for f in result.findings if f.code == "rows-not-data"]
    assert skipped.severity is Severity.INFO and skipped.cell == "E11"
    assert "11–13" in skipped.message  # the signature rows that hold text in the value column


def test_a_figure_in_a_row_without_a_name_is_said(tmp_path: Path) -> None:
    rows = ((1, "Sản lượng than", "tấn", None, 240000, None, None, None), (None, None, None, None, 17))
    result = check_file(save_report(tmp_path / "r.xlsx", rows), FakeCatalog())
    assert [(f.code, f.cell) for f in result.findings if f.severity is Severity.WARNING] == [
        ("value-unnamed", "E7")
    ]
