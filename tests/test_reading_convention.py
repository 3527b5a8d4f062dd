"""Numbers typed the English way in a Vietnamese file: the file's own evidence decides, and a
plan cell misread the same way never confirms the misreading."""

from __future__ import annotations

from pathlib import Path

from workbooks import FakeCatalog, save_report

from lsplan.checks import check_file
from lsplan.model import Severity
from lsplan.readers import Cell
from lsplan.reading.values import number_convention

VHTTDL = ("UBND TỈNH LẠNG SƠN", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "BÁO CÁO 6 THÁNG ĐẦU NĂM 2025")


def cells(*values: str) -> list[Cell]:
    return [Cell(1, c, f"{chr(64 + c)}1", v) for c, v in enumerate(values, start=1)]


def test_convention() -> None:
    assert number_convention(cells("9,937.8", "2,931")) == ("en", "A1")
    assert number_convention(cells("2,931", "12.5")) == ("en", "B1")
    assert number_convention(cells("9.937,8")) == ("vi", "A1")
    assert number_convention(cells("8,5", "1,234,567")) is None  # both: nothing settled
    assert number_convention(cells("2,931", "1.234")) is None  # only the questions themselves


def ambiguous(result):
    (finding,) = [f for f in result.findings if f.code == "number-ambiguous"]
    return finding


def revenue(value: str, plan: str | None = None, *extra: tuple) -> tuple:
    return ((1, "Tổng thu từ khách du lịch", "tỷ đồng", plan, value, None, None, None), *extra)


def test_a_plan_misread_the_same_way_confirms_nothing(tmp_path: Path) -> None:
    result = check_file(
        save_report(tmp_path / "r.xlsx", revenue("2,931", "4,400"), title=VHTTDL), FakeCatalog()
    )
    finding = ambiguous(result)
    assert finding.severity is Severity.WARNING  # 2,931 ÷ 4,400 fits either way: no confirmation
    assert result.observations[0].value == 2.931


def test_the_file_writing_the_english_way_decides(tmp_path: Path) -> None:
    rows = revenue("2,931", "4,400", (2, "Khách quốc tế", "triệu lượt", None, "0.32", None, None, None))
    result = check_file(save_report(tmp_path / "r.xlsx", rows, title=VHTTDL), FakeCatalog())
    finding = ambiguous(result)
    assert finding.severity is Severity.INFO and "E7" in finding.message
    assert {o.indicator: o.value for o in result.observations}["tourism-revenue"] == 2931


def test_the_file_writing_the_vietnamese_way_keeps_the_rule(tmp_path: Path) -> None:
    rows = revenue("2,931", None, (2, "Khách quốc tế", "triệu lượt", None, "0,32", None, None, None))
    result = check_file(save_report(tmp_path / "r.xlsx", rows, title=VHTTDL), FakeCatalog())
    assert ambiguous(result).severity is Severity.INFO
    assert {o.indicator: o.value for o in result.observations}["tourism-revenue"] == 2.931


def test_a_plan_of_the_targets_size_still_confirms(tmp_path: Path) -> None:
    rows = ((1, "Tổng mức bán lẻ", "tỷ đồng", "43.167", "21.583", None, None, None),)
    result = check_file(save_report(tmp_path / "r.xlsx", rows), FakeCatalog())
    assert ambiguous(result).severity is Severity.INFO
    assert result.observations[0].value == 21583
