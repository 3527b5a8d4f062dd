"""The XLSX report, reopened with openpyxl: cells, numbers, styles, charts, panes and print setup."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook
from test_report_support import catalog, results

from lsplan.report import UnsupportedReportFormat, build_report, same_period_last_year, write_report
from lsplan.report.files import atomic_write
from lsplan.report.labels import STATUS_COLOURS
from lsplan.report.xlsx import CHART_COLOURS, HEADER_ROW


@pytest.fixture(scope="module")
def workbook_vi(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("xlsx") / "bao-cao.xlsx"
    write_report(build_report(results(), "Q2", catalog=catalog()), path, "vi")
    return load_workbook(path)


def _rows_by_name(sheet) -> dict[str, tuple]:
    """Target rows (STT is a number) keyed by indicator name."""
    out = {}
    for row in sheet.iter_rows(min_row=HEADER_ROW + 1):
        if isinstance(row[0].value, int):
            out[row[1].value] = row
    return out


def test_title_block_and_headers(workbook_vi) -> None:
    sheet = workbook_vi["Báo cáo"]
    assert sheet["A1"].value == "UBND TỈNH LẠNG SƠN"
    assert sheet["A2"].value == "BÁO CÁO TÌNH HÌNH THỰC HIỆN CÁC CHỈ TIÊU KẾ HOẠCH"
    assert sheet["A3"].value == "Quý II năm 2025 (lũy kế đến ngày 30/6/2025)"
    assert sheet["A4"].value.startswith("Số liệu tính đến: 15/04/2025 16:30")
    assert "3 số liệu là số ước tính" in sheet["A4"].value
    assert sheet["A5"].value == "Có 1 chỉ tiêu chưa có số liệu kỳ này; 1 chỉ tiêu đã quá hạn báo cáo."
    assert sheet["A5"].font.color.rgb.endswith("9C0006")  # missing submissions in red at the top
    headers = [c.value for c in sheet[HEADER_ROW]]
    assert headers[:10] == [
        "STT",
        "Chỉ tiêu",
        "ĐVT",
        "Kế hoạch năm",
        "Kế hoạch đến hết kỳ",
        "Thực hiện lũy kế",
        "So với kế hoạch (%)",
        "So với cùng kỳ (%)",
        "Đánh giá",
        "Cơ quan chủ trì",
    ]


def test_groups_have_roman_plan_rows_and_sector_rows(workbook_vi) -> None:
    sheet = workbook_vi["Báo cáo"]
    labels = [
        (row[0].value, row[1].value)
        for row in sheet.iter_rows(min_row=HEADER_ROW + 1)
        if isinstance(row[0].value, str)
    ]
    assert labels == [
        ("I", "Thực hiện kịch bản tăng trưởng kinh tế năm 2025"),
        ("1.1", "Kinh tế"),
        ("1.2", "Ngân sách"),
        ("1.3", "Môi trường"),
        ("II", "Chương trình hành động 98"),
        ("2.1", "Xã hội"),
    ]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert f"B{HEADER_ROW + 1}:L{HEADER_ROW + 1}" in merged


def test_every_number_equals_the_gaps_result(workbook_vi) -> None:
    rows = _rows_by_name(workbook_vi["Báo cáo"])
    gaps_rows = results()["Q2"]["rows"]
    assert len(rows) == len(gaps_rows)
    for expected in gaps_rows:
        row = rows[expected["indicator_name"]]
        assert row[4].value == expected["expected"]
        assert row[5].value == expected["actual"]
        assert row[6].value == expected["attainment"]
        assert row[2].value == expected["unit"]
        assert row[9].value == ", ".join(expected["lead"])


def test_status_words_and_fills(workbook_vi) -> None:
    rows = _rows_by_name(workbook_vi["Báo cáo"])
    words = {name: row[8].value for name, row in rows.items()}
    assert words == {
        "Tốc độ tăng trưởng GRDP": "Vượt",  # achieved at 116 %
        "Khách du lịch": "Chậm tiến độ",
        "Tổng mức bán lẻ hàng hóa": "Đúng tiến độ",
        "Thu ngân sách nhà nước": "Có nguy cơ chậm",
        "Tỷ lệ che phủ rừng": "Chưa có số liệu",
        "Tỷ lệ hộ nghèo": "Không đánh giá (tham khảo)",
    }
    by_status = {row["indicator_name"]: row["status"] for row in results()["Q2"]["rows"]}
    for name, row in rows.items():
        assert row[8].fill.fgColor.rgb.endswith(STATUS_COLOURS[by_status[name]][0])


def test_estimates_marked_and_annual_plan(workbook_vi) -> None:
    rows = _rows_by_name(workbook_vi["Báo cáo"])
    assert rows["Khách du lịch"][11].value == "số ước"
    assert rows["Khách du lịch"][5].font.i is True
    assert rows["Tổng mức bán lẻ hàng hóa"][11].value == "sơ bộ"
    assert rows["Thu ngân sách nhà nước"][3].value == 9937.8  # a single-figure plan stays a number
    assert rows["Tốc độ tăng trưởng GRDP"][3].value == "8 - 9"
    assert rows["Tổng mức bán lẻ hàng hóa"][3].value == "≥ 44.000"


def test_text_that_looks_like_a_formula_stays_text(workbook_vi) -> None:
    cell = _rows_by_name(workbook_vi["Báo cáo"])["Thu ngân sách nhà nước"][10]
    assert cell.data_type == "s"
    assert cell.value.startswith("'=cmd")


def test_frozen_header_and_print_setup(workbook_vi) -> None:
    sheet = workbook_vi["Báo cáo"]
    assert sheet.freeze_panes == f"C{HEADER_ROW + 1}"
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert int(sheet.page_setup.fitToWidth) == 1
    assert int(sheet.page_setup.fitToHeight) == 0
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"


def test_summary_counts_and_native_charts(workbook_vi) -> None:
    sheet = workbook_vi["Tổng hợp"]
    counts = {sheet.cell(row=r, column=1).value: sheet.cell(row=r, column=2).value for r in range(5, 15)}
    assert counts == {
        "Vượt": 0,
        "Đạt": 1,
        "Cơ bản đạt": 0,
        "Đúng tiến độ": 1,
        "Có nguy cơ chậm": 1,
        "Chậm tiến độ": 1,
        "Không đạt": 0,
        "Chưa có số liệu": 1,
        "Không đánh giá": 1,
        "Thông tin": 0,
    }
    charts = sheet._charts
    assert len(charts) == 2
    assert {c.type for c in charts} == {"bar"}
    stacked = [c for c in charts if c.grouping == "stacked"]
    assert len(stacked) == 1 and len(stacked[0].series) == 10
    attainment = next(c for c in charts if c.grouping != "stacked")
    assert len(attainment.series) == 1
    values = [row for row in sheet.iter_rows(values_only=True) if row[0] == "I.1 Tốc độ tăng trưởng GRDP"]
    assert values and values[0][1] == 116.25  # "I.1": plan I, row 1 — names repeat across plans
    colours = [p.graphicalProperties.solidFill.srgbClr for p in attainment.series[0].dPt]
    assert colours == [CHART_COLOURS[s] for s in ("achieved", "off_track", "on_track", "at_risk")]


def test_missing_sheet_lists_who_to_chase(workbook_vi) -> None:
    sheet = workbook_vi["Chưa nộp báo cáo"]
    assert sheet["A4"].value == "Tỷ lệ che phủ rừng"
    assert sheet["B4"].value == "Sở Nông nghiệp và Môi trường"
    assert sheet["C4"].value == "Quá hạn"


def test_english_workbook(tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    write_report(build_report(results(), "Q2", catalog=catalog()), path, "en")
    book = load_workbook(path)
    assert book.sheetnames == ["Report", "Summary", "Missing submissions"]
    sheet = book["Report"]
    assert sheet["A1"].value == "PEOPLE'S COMMITTEE OF LANG SON PROVINCE"
    assert sheet[f"B{HEADER_ROW}"].value == "Indicator"
    names = [row[1].value for row in sheet.iter_rows(min_row=HEADER_ROW + 1) if isinstance(row[0].value, int)]
    assert "GRDP growth rate" in names
    sectors = [row[1].value for row in sheet.iter_rows(min_row=HEADER_ROW + 1) if row[0].value == "1.1"]
    assert sectors == ["Economy"]
    assert _rows_by_name(sheet)["Tourists"][11].value == "estimate (ước)"


def test_unknown_extension_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedReportFormat):
        write_report(build_report(results(), "Q1", catalog=catalog()), tmp_path / "report.pdf")
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_leaves_nothing_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old")

    def explode(handle) -> None:
        handle.write(b"partial")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        atomic_write(target, explode)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]


def test_same_period_last_year_only_where_known(tmp_path: Path) -> None:
    report = build_report(
        results(), "Q2", catalog=catalog(), same_period={"tourists": 1.5, "retail-sales": 0.0}
    )
    lines = {line.indicator: line for line in report.lines}
    assert lines["tourists"].vs_same_period == pytest.approx(140.0)  # 2,1 against 1,5 a year earlier
    assert lines["retail-sales"].vs_same_period is None  # a zero base gives no percentage
    assert lines["budget-revenue"].vs_same_period is None
    path = tmp_path / "r.xlsx"
    write_report(report, path)
    rows = _rows_by_name(load_workbook(path)["Báo cáo"])
    assert rows["Khách du lịch"][7].value == pytest.approx(140.0)
    assert rows["Thu ngân sách nhà nước"][7].value is None


def test_same_period_asks_the_store_for_flows_of_last_year() -> None:
    asked = {}

    def current(year, period, *, flows=(), indicators=None):
        asked.update(year=year, period=period, flows=set(flows), indicators=set(indicators))
        observation = SimpleNamespace(value=1.5)
        return {"tourists": SimpleNamespace(observation=observation)}

    found = same_period_last_year(catalog(), SimpleNamespace(current=current), year=2025, quarter="Q2")
    assert found == {"tourists": 1.5}
    flows = {"tourists", "budget-revenue", "retail-sales"}
    assert asked == {"year": 2024, "period": "Q2", "flows": flows, "indicators": flows}


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice not installed (libreoffice-calc-nogui)"
)
def test_libreoffice_opens_the_workbook(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.xlsx"
    write_report(build_report(results(), "Q2", catalog=catalog()), path)
    done = subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "bao-cao.pdf").read_bytes().startswith(b"%PDF")


def test_missing_names_the_agency_to_chase() -> None:
    data = results()
    data["Q2"]["missing"][0]["chase"] = ["Cục Thống kê"]
    report = build_report(data, "Q2", catalog=catalog())
    assert [m.lead for m in report.missing] == [("Cục Thống kê",)]
    assert build_report(results(), "Q2").missing[0].lead == (
        "Sở Nông nghiệp và Môi trường",
    )  # no chase: lead
