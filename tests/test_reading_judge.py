"""Stage "findings": a legitimate extra row never refuses a file; unit slips are warned about."""

from __future__ import annotations

from pathlib import Path

from workbooks import TITLE, FakeCatalog, save_report

from lsplan.checks import check_file
from lsplan.model import Severity

THONG_KE = ("UBND TỈNH LẠNG SƠN", "CỤC THỐNG KÊ TỈNH", "BÁO CÁO 6 THÁNG ĐẦU NĂM 2025")


def run(tmp_path: Path, rows, title=TITLE, **kwargs):
    return check_file(save_report(tmp_path / "r.xlsx", rows, title=title, **kwargs), FakeCatalog())


def found(result, code: str) -> list[tuple[str | None, Severity]]:
    return [(f.cell, f.severity) for f in result.findings if f.code == code]


def test_a_level_beside_a_growth_target_gives_the_growth_from_the_same_period(tmp_path: Path) -> None:
    rows = ((1, "Tăng trưởng GRDP", "tỷ đồng", None, 15230, None, 108.2, None),)
    result = run(tmp_path, rows, title=THONG_KE)
    assert result.status == "ok", result.findings
    (observation,) = result.observations
    read = (observation.indicator, observation.value, observation.qualifier)
    assert read == ("grdp-growth", 8.2, "derived")
    assert (observation.cell, observation.same_period_pct) == ("G6", 108.2)
    assert found(result, "value-derived") == [("G6", Severity.INFO)]


def test_a_level_beside_a_rate_without_the_same_period_is_a_warning(tmp_path: Path) -> None:
    rows = ((1, "Tăng trưởng GRDP", "tỷ đồng", None, 15230, None, None, None),)
    result = run(tmp_path, rows, title=THONG_KE)
    assert result.status == "ok" and not result.observations
    assert found(result, "value-other-kind") == [("E6", Severity.WARNING)]


def test_a_repeated_identical_figure_is_a_warning(tmp_path: Path) -> None:
    rows = (
        (1, "Sản lượng than", "tấn", None, 240000, None, None, None),
        (2, "Than sạch", "nghìn tấn", None, 240, None, None, None),
    )
    result = run(tmp_path, rows)
    assert result.status == "ok"
    assert found(result, "indicator-repeated") == [("E7", Severity.WARNING)]
    assert [o.value for o in result.observations] == [240000]


def test_two_different_figures_for_one_indicator_are_an_error(tmp_path: Path) -> None:
    rows = (
        (1, "Sản lượng than", "tấn", None, 240000, None, None, None),
        (2, "Than sạch", "tấn", None, 250000, None, None, None),
    )
    result = run(tmp_path, rows)
    assert result.status == "invalid"
    assert found(result, "indicator-duplicate") == [("E7", Severity.ERROR)]


def test_a_helper_sheet_is_a_warning(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = save_report(tmp_path / "r.xlsx", ((1, "Sản lượng than", "tấn", None, 240000, None, None, None),))
    workbook = load_workbook(path)
    helper = workbook.create_sheet("Tính toán")
    helper.append(["Chỉ tiêu", "ĐVT", "Thực hiện 6 tháng năm 2025"])
    helper.append(["Sản lượng than", "tấn", 120000])
    workbook.save(path)
    result = check_file(path, FakeCatalog())
    assert result.status == "ok", result.findings
    assert found(result, "indicator-elsewhere") == [("C2", Severity.WARNING)]
    assert [(o.value, o.sheet) for o in result.observations] == [(240000, "Biểu 01")]


def test_a_figure_a_million_times_its_plan_is_a_unit_slip(tmp_path: Path) -> None:
    rows = ((1, "Tổng mức bán lẻ", "tỷ đồng", 43167, 21583500000, None, None, None),)
    result = run(tmp_path, rows)
    assert found(result, "unit-slip-likely") == [("E6", Severity.WARNING)]
    message = next(f.message for f in result.findings if f.code == "unit-slip-likely")
    assert "1.000.000" in message
    plain = run(tmp_path, ((1, "Tổng mức bán lẻ", "tỷ đồng", 43167, 21583.5, None, None, None),))
    assert not found(plain, "unit-slip-likely")


def test_a_name_with_a_group_prefix_is_read_not_dropped(tmp_path: Path) -> None:
    rows = ((1, "Cơ cấu kinh tế: Dịch vụ", "%", None, 52.8, None, None, None),)
    result = run(tmp_path, rows, title=THONG_KE)
    assert [(o.indicator, o.value, o.method) for o in result.observations] == [
        ("grdp-share-services", 52.8, "exact-name")
    ]
