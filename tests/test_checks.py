"""check_file on generated workbooks: one test per finding code, and the values it reads."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from workbooks import HEADER, PLAN_SOURCE, ROWS, TITLE, FakeCatalog, save_report

from lsplan.checks import check_file
from lsplan.findings import CODES
from lsplan.model import Rule, Severity

SCT = TITLE
VHTTDL = ("UBND TỈNH LẠNG SƠN", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "BÁO CÁO 6 THÁNG ĐẦU NĂM 2025")
THONG_KE = ("UBND TỈNH LẠNG SƠN", "CỤC THỐNG KÊ TỈNH", "BÁO CÁO 6 THÁNG ĐẦU NĂM 2025")


def run(tmp_path: Path, rows=ROWS, catalog=None, options=None, name="r.xlsx", **kwargs):
    path = save_report(tmp_path / name, rows, **kwargs)
    return check_file(path, catalog or FakeCatalog(), **(options or {}))


def codes(result) -> list[str]:
    return [f.code for f in result.findings]


def only(result, code: str):
    found = [f for f in result.findings if f.code == code]
    assert len(found) == 1, result.findings
    return found[0]


def values(result) -> dict[str, float]:
    return {o.indicator: o.value for o in result.observations}


def row(name: str, unit: str | None, value, plan=None, ratio=None, stt=1):
    return (stt, name, unit, plan, value, ratio, None, None)


def test_conventional_report_reads_cleanly(tmp_path: Path) -> None:
    result = run(tmp_path)
    assert result.status == "ok", result.findings
    assert (result.agency, result.year, result.period, result.layout) == (
        "so-cong-thuong",
        2025,
        "Q2",
        "report",
    )
    assert values(result) == {"coal-output": 240000, "electricity-output": 350, "retail-sales": 21583.5}
    retail = next(o for o in result.observations if o.indicator == "retail-sales")
    assert (retail.sheet, retail.cell, retail.raw, retail.maturity, retail.cumulative) == (
        "Biểu 01",
        "E10",
        "21.583,5",
        "estimate",
        True,
    )
    assert retail.agency == "so-cong-thuong" and retail.period == "Q2" and retail.year == 2025
    assert codes(result) == []  # headings "I CÔNG NGHIỆP" are not unmatched rows


def test_header_found_lower_down_and_thuc_hien_is_preliminary(tmp_path: Path) -> None:
    header = tuple("Thực hiện 6 tháng năm 2025" if h.startswith("Ước") else h for h in HEADER)
    result = run(tmp_path, header=header, gap=6, merge_title=False)
    assert result.status == "ok" and len(result.observations) == 3
    assert {o.maturity for o in result.observations} == {"preliminary"}


def test_quarter_alone_column_is_kept_as_not_cumulative(tmp_path: Path) -> None:
    header = tuple("Thực hiện quý II" if h.startswith("Ước") else h for h in HEADER)
    result = run(
        tmp_path,
        header=header,
        title=("SỞ CÔNG THƯƠNG", "BÁO CÁO QUÝ II NĂM 2025"),
        rows=(row("Sản lượng than", "tấn", 120000),),
    )
    assert result.period == "Q2" and result.status == "ok"
    assert [o.cumulative for o in result.observations] == [False]


def test_two_row_merged_header_prefers_the_cumulative_column(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"] = "UBND TỈNH LẠNG SƠN\nSỞ CÔNG THƯƠNG"
    sheet.merge_cells("A1:C1")
    sheet["A2"] = "BIỂU TỔNG HỢP CHỈ TIÊU NĂM 2025"
    for ref, text in {
        "A4": "STT",
        "B4": "Chỉ tiêu",
        "C4": "ĐVT",
        "D4": "Kế hoạch năm 2025",
        "E4": "Thực hiện",
        "G4": "So sánh (%)",
        "E5": "Quý II",
        "F5": "6 tháng",
        "G5": "KH",
        "H5": "CK",
    }.items():
        sheet[ref] = text
    for cells in ("A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:F4", "G4:H4"):
        sheet.merge_cells(cells)
    for col, text in enumerate(("1", "2", "3", "4", "5", "6", "7", "8"), start=1):
        sheet.cell(6, col, f"({text})")
    sheet.append([1, "Sản lượng than", "tấn", 500000, 130000, 240000, 48, 102])
    path = tmp_path / "two-row.xlsx"
    workbook.save(path)
    result = check_file(path, FakeCatalog())
    assert result.status == "ok", result.findings
    assert (result.agency, result.period, result.year) == ("so-cong-thuong", "Q2", 2025)
    assert [(o.value, o.cell, o.cumulative) for o in result.observations] == [(240000, "F7", True)]


def test_percent_formatted_cell_and_text_numbers(tmp_path: Path) -> None:
    rows = (
        row("Tốc độ tăng trưởng GRDP", "%", 0.0827),
        row("Dịch vụ", "%", "52,82"),
        row("Nông, lâm nghiệp và thủy sản", "%", "16,11%"),
    )
    result = run(tmp_path, rows=rows, title=THONG_KE, number_formats={"E6": "0.00%"})
    assert values(result) == pytest.approx(
        {"grdp-growth": 8.27, "grdp-share-services": 52.82, "grdp-share-agri": 16.11}
    )


def test_nfd_text_is_matched(tmp_path: Path) -> None:
    def nfd(text: str) -> str:
        return unicodedata.normalize("NFD", text)

    rows = (row(nfd("Sản lượng than"), nfd("tấn"), 1000),)
    result = run(tmp_path, rows=rows, title=tuple(nfd(t) for t in SCT), header=tuple(nfd(h) for h in HEADER))
    assert result.agency == "so-cong-thuong" and values(result) == {"coal-output": 1000}


def test_csv_with_bom_and_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.csv"
    lines = [
        "SỞ CÔNG THƯƠNG;;;",
        "BÁO CÁO 6 THÁNG NĂM 2025;;;",
        "STT;Chỉ tiêu;ĐVT;Ước thực hiện 6 tháng",
        "1;Sản lượng than;tấn;240.500",
        "2;Tổng mức bán lẻ;tỷ đồng;21.583,5",
    ]
    path.write_bytes("\ufeff".encode() + "\r\n".join(lines).encode("utf-8"))
    result = check_file(path, FakeCatalog())
    assert result.status == "ok", result.findings
    assert values(result) == {"coal-output": 240500, "retail-sales": 21583.5}
    assert codes(result) == ["number-ambiguous"]  # "240.500": thousands, but worth a warning


@pytest.mark.parametrize(
    ("title", "code", "agency"),
    [
        (("UBND TỈNH LẠNG SƠN", "BIỂU TỔNG HỢP 6 THÁNG NĂM 2025"), "agency-missing", None),
        (("SỞ CÔNG THƯƠNG", "SỞ TÀI CHÍNH", "BÁO CÁO 6 THÁNG NĂM 2025"), "agency-ambiguous", None),
        (("SỞ NGOẠI VỤ", "BÁO CÁO 6 THÁNG NĂM 2025"), "agency-unknown", None),
        (("SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "BÁO CÁO 6 THÁNG NĂM 2025"), "agency-former-name", "so-tai-chinh"),
    ],
)
def test_agency_findings(tmp_path: Path, title, code: str, agency) -> None:
    result = run(tmp_path, title=title, rows=(row("Sản lượng than", "tấn", 1),))
    finding = only(result, code)
    assert finding.severity is CODES[code].severity
    assert result.agency == agency


def test_agency_option_wins_but_a_different_title_is_reported(tmp_path: Path) -> None:
    result = run(tmp_path, options={"agency": "SCT"})
    assert result.agency == "so-cong-thuong" and result.status == "ok"
    result = run(tmp_path, options={"agency": "Sở Tài chính"})
    assert "agency-ambiguous" in codes(result) and result.status == "invalid"
    assert "--agency Sở Tài chính, nhưng tệp ghi Sở Công Thương" in only(result, "agency-ambiguous").message
    result = run(tmp_path, options={"agency": "Sở Không Có"})
    assert "agency-unknown" in codes(result)


def test_period_missing_and_ambiguous(tmp_path: Path) -> None:
    header = ("STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện")
    result = run(tmp_path, header=header, title=("SỞ CÔNG THƯƠNG", "BÁO CÁO"), rows=(row("Than", "tấn", 1),))
    assert [f.code for f in result.findings if f.code.startswith("period")] == ["period-missing"] * 2
    fixed = run(
        tmp_path,
        header=header,
        title=("SỞ CÔNG THƯƠNG", "BÁO CÁO"),
        rows=(row("Than", "tấn", 1),),
        options={"year": 2025, "quarter": "Q2"},
    )
    assert fixed.status == "ok" and (fixed.year, fixed.period) == (2025, "Q2")
    clash = run(tmp_path, options={"quarter": "Q3"})
    assert only(clash, "period-ambiguous").severity is Severity.ERROR and clash.period == "Q3"
    assert "--quarter Q3 (9 tháng) nhưng" in only(clash, "period-ambiguous").message
    assert "6 tháng đầu năm" in only(clash, "period-ambiguous").message  # what the file says, in words
    year_clash = run(tmp_path, options={"year": 2024})
    assert "--year 2024" in only(year_clash, "period-ambiguous").message and year_clash.year == 2024


def test_no_table_and_missing_column(tmp_path: Path) -> None:
    result = run(tmp_path, header=("Một", "Hai"), rows=(("x", "y"),), title=("Thư gửi", "Nội dung"))
    assert codes(result) == ["no-table-found"] and result.status == "invalid"
    result = run(
        tmp_path,
        header=("STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2025"),
        rows=(row("Than", "tấn", 1),),
        options={"quarter": "Q2"},
    )
    assert "missing-column" in codes(result)


def test_unmatched_rows_warn_and_headings_do_not(tmp_path: Path) -> None:
    rows = (
        ("I", "CÔNG NGHIỆP", None, None, None),
        (None, "Cơ cấu kinh tế", "%", None, 100),
        (None, "Trong đó:", None, None, None),
        (1, "Số doanh nghiệp thành lập mới", "DN", None, 120),
        (2, "- Than sạch", "tấn", None, 5),
    )
    result = run(tmp_path, rows=rows)
    # A row holding a value is never a heading: "Cơ cấu kinh tế" with 100 is warned about, not dropped.
    unmatched = [f for f in result.findings if f.code == "indicator-unmatched"]
    assert [(f.cell, f.severity) for f in unmatched] == [("B7", Severity.WARNING), ("B9", Severity.WARNING)]
    assert "Số doanh nghiệp thành lập mới" in unmatched[1].message
    assert result.status == "ok" and values(result) == {"coal-output": 5}


def test_duplicate_and_not_responsible(tmp_path: Path) -> None:
    rows = (
        row("Sản lượng than", "tấn", 10),
        row("Than sạch", "tấn", 20),
        row("Doanh thu du lịch", "tỷ đồng", 5),
    )
    result = run(tmp_path, rows=rows)
    duplicate = only(result, "indicator-duplicate")
    assert (duplicate.cell, duplicate.indicator) == ("E7", "coal-output")
    assert values(result) == {"coal-output": 10, "tourism-revenue": 5}
    assert only(result, "agency-not-responsible").indicator == "tourism-revenue"


@pytest.mark.parametrize(
    ("value", "unit", "code", "kept"),
    [
        ("khoảng 200", "tấn", "value-qualified", 200),
        ("200 quả", "tấn", "not-a-number", None),
        ("240.000", "tấn", "number-ambiguous", 240000),
        (-5, "tấn", "value-impossible", None),
        (240, "nghìn tấn", "unit-converted", 240000),
        (240, "tỷ đồng", "value-other-kind", None),
        (240, "quả", "unit-mismatch", None),
        ("-", "tấn", "value-empty", None),
    ],
)
def test_value_findings(tmp_path: Path, value, unit: str, code: str, kept) -> None:
    result = run(tmp_path, rows=(row("Sản lượng than", unit, value),))
    finding = only(result, code)
    assert (finding.cell, finding.indicator, finding.severity) == ("E6", "coal-output", CODES[code].severity)
    assert values(result) == ({} if kept is None else {"coal-output": kept})


def test_share_over_100_is_impossible(tmp_path: Path) -> None:
    result = run(tmp_path, rows=(row("Dịch vụ", "%", 120),), title=THONG_KE)
    message = only(result, "value-impossible").message
    assert "'Dịch vụ'" in message and "tỷ trọng" in message and result.status == "invalid"  # name, not id


def test_formula_without_cached_value(tmp_path: Path) -> None:
    result = run(tmp_path, rows=(row("Sản lượng than", "tấn", 1),), formulas={"E6": "=D6*0.5"})
    finding = only(result, "formula-uncalculated")
    assert finding.cell == "E6" and "=D6*0.5" in finding.message and result.status == "invalid"


def test_units_from_sender_converted_to_catalogue(tmp_path: Path) -> None:
    rows = (
        row("Tổng lượt khách du lịch", "lượt", 2_100_000),
        row("Khách quốc tế", "nghìn lượt", 300),
        row("Khách nội địa", "triệu lượt", 1.8),
    )
    result = run(tmp_path, rows=rows, title=VHTTDL)
    assert values(result) == pytest.approx(
        {"tourists": 2.1, "tourists-international": 0.3, "tourists-domestic": 1.8}
    )
    assert codes(result).count("unit-converted") == 2 and result.status == "ok"


def test_sender_ratio_and_plan_checks(tmp_path: Path) -> None:
    rows = (
        row("Sản lượng than", "tấn", 240000, plan=500000, ratio=60),
        row("Tổng mức bán lẻ", "tỷ đồng", 20000, plan=40000, ratio=50.4),
        row("Sản lượng điện", "triệu kWh", 350, plan=700, ratio=0.5),
    )  # a fraction: 50 %
    result = run(tmp_path, rows=rows)
    ratio = only(result, "sender-ratio-mismatch")
    assert (ratio.cell, ratio.indicator) == ("F6", "coal-output")
    assert "240.000 ÷ 500.000 là 48,0%." in ratio.message  # Vietnamese by default: "." groups, "," decimals
    plan = only(result, "plan-differs")
    assert (plan.cell, plan.indicator) == ("D7", "retail-sales") and "43.167" in plan.message
    assert plan.message.endswith(" trong " + PLAN_SOURCE + "."), plan.message  # the plan, not an id
    assert result.status == "ok"  # both are warnings: the actuals stand


def test_cross_row_rules(tmp_path: Path) -> None:
    shares = (
        row("Nông, lâm nghiệp và thủy sản", "%", 21),
        row("Công nghiệp - xây dựng", "%", 25),
        row("Dịch vụ", "%", 51),
        row("Thuế sản phẩm trừ trợ cấp sản phẩm", "%", 4),
    )
    result = run(tmp_path, rows=shares, title=THONG_KE)
    violated = only(result, "rule-violated")
    assert violated.severity is Severity.WARNING and "101" in violated.message
    tourists = (row("Tổng lượt khách du lịch", "triệu lượt", 2.0), row("Khách quốc tế", "triệu lượt", 0.3))
    result = run(tmp_path, rows=tourists, title=VHTTDL)
    assert "'Khách nội địa'" in only(result, "rule-incomplete").message  # named, not tourists-domestic
    tourists += (row("Khách nội địa", "triệu lượt", 1.5),)
    result = run(tmp_path, rows=tourists, title=VHTTDL)
    assert only(result, "rule-violated").severity is Severity.ERROR and result.status == "invalid"


def test_invalid_rule_is_reported_not_raised(tmp_path: Path) -> None:
    catalog = FakeCatalog(rules=(Rule("bad", "bad", "coal-output +", "==", "1"),))
    assert "rule-invalid" in codes(run(tmp_path, catalog=catalog))


def test_legacy_tcvn3_text_is_converted_and_reported(tmp_path: Path) -> None:
    from lsplan.legacy import from_unicode

    def tcvn3(text):
        return from_unicode(text, "tcvn3") if isinstance(text, str) else text

    rows = (tuple(tcvn3(v) for v in row("Sản lượng than", "tấn", 1000)),)
    result = run(
        tmp_path,
        rows=rows,
        title=tuple(tcvn3(t) for t in SCT),
        header=tuple(tcvn3(h) for h in HEADER),
        font=".VnTime",
    )
    assert result.agency == "so-cong-thuong" and values(result) == {"coal-output": 1000}
    assert only(result, "legacy-encoding").severity is Severity.WARNING


def test_findings_are_capped_with_errors_first(tmp_path: Path) -> None:
    rows = tuple(row(f"Dòng lạ số {i}", "cái", i) for i in range(30)) + (row("Sản lượng than", "tấn", "abc"),)
    path = save_report(tmp_path / "many.xlsx", rows)
    result = check_file(path, FakeCatalog(), max_findings=5)
    assert len(result.findings) == 6 and result.findings[-1].code == "findings-capped"
    assert result.findings[0].code == "not-a-number" and result.status == "invalid"


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"", "file-empty"), (b"\x00\x01garbage" * 10, "not-a-spreadsheet"), (None, "file-not-found")],
)
def test_unreadable_files(tmp_path: Path, content, code: str) -> None:
    path = tmp_path / "x.xlsx"
    if content is not None:
        path.write_bytes(content)
    result = check_file(path, FakeCatalog())
    assert result.status == "unreadable" and codes(result) == [code]


def test_quarter_option_is_validated(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        check_file(tmp_path / "x.xlsx", FakeCatalog(), quarter="Q7")


def test_rows_beyond_the_cap_make_the_file_invalid(tmp_path: Path) -> None:
    from lsplan.readers import Limits

    rows = tuple(row(f"Dòng {i}", None, None) for i in range(40)) + (row("Sản lượng than", "tấn", 5),)
    path = save_report(tmp_path / "long.xlsx", rows)
    result = check_file(path, FakeCatalog(), limits=Limits(max_rows=20))
    capped = only(result, "rows-capped")
    assert capped.severity is Severity.ERROR and result.status == "invalid"


def test_n_of_m_for_ratio_indicators(tmp_path: Path) -> None:
    from lsplan.model import Indicator, Measure

    catalog = FakeCatalog()
    catalog.indicators["products"] = Indicator(
        "products", "Sản phẩm công nghiệp chủ yếu đạt kế hoạch", "products", "sản phẩm", Measure.RATIO
    )
    result = run(
        tmp_path,
        rows=(
            row("Sản phẩm công nghiệp chủ yếu đạt kế hoạch", "sản phẩm", "12/13"),
            row("Sản lượng than", "tấn", "12/13"),
        ),
        catalog=catalog,
    )
    assert values(result) == {"products": 12}
    assert only(result, "not-a-number").indicator == "coal-output"


def test_plan_compared_only_with_targets_in_the_same_unit(tmp_path: Path) -> None:
    from lsplan.model import Comparison, Target

    catalog = FakeCatalog()
    catalog.targets["extra"] = Target(
        "extra", "kb-2025", "coal-output", Comparison.AT_LEAST, 2025, 2025, low=13, unit="%"
    )
    result = run(tmp_path, rows=(row("Sản lượng than", "tấn", 1, plan=500000),), catalog=catalog)
    assert "plan-differs" not in codes(result)
    result = run(tmp_path, rows=(row("Sản lượng than", "tấn", 1, plan=13),), catalog=catalog)
    assert "500.000" in only(result, "plan-differs").message


def test_xlsxwriter_formula_cached_as_zero_is_not_a_real_zero(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "xw.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Biểu 01")
    for r, cells in enumerate([[line] for line in SCT] + [list(HEADER)]):
        sheet.write_row(r, 0, cells)
    sheet.write_row(4, 0, [1, "Sản lượng than", "tấn", 500000])
    sheet.write_formula(4, 4, "=D5*0.5")  # xlsxwriter stores 0 as the cached value
    sheet.write_row(5, 0, [2, "Sản lượng điện", "triệu kWh", 700, 0])  # a real zero
    workbook.close()
    result = check_file(path, FakeCatalog())
    assert only(result, "formula-uncalculated").cell == "E5"
    assert values(result) == {"electricity-output": 0}


def test_unit_written_in_the_name(tmp_path: Path) -> None:
    result = run(tmp_path, rows=(row("Tổng mức bán lẻ (triệu đồng)", None, 21_583_500),))
    assert values(result) == {"retail-sales": 21583.5} and "unit-converted" in codes(result)


def test_title_and_column_periods_must_agree(tmp_path: Path) -> None:
    title = ("SỞ CÔNG THƯƠNG", "BÁO CÁO KẾT QUẢ 9 THÁNG NĂM 2025")
    result = run(tmp_path, title=title, rows=(row("Sản lượng than", "tấn", 5),))
    message = only(result, "period-ambiguous").message
    assert "6 tháng đầu năm, 9 tháng" in message and result.period is None


def test_letterhead_lines_are_not_agencies_or_periods(tmp_path: Path) -> None:
    title = (
        "UBND TỈNH LẠNG SƠN",
        "SỞ CÔNG THƯƠNG",
        "Số: 123/BC-SCT",
        "Lạng Sơn, ngày 6 tháng 10 năm 2025",
        "BÁO CÁO 9 THÁNG NĂM 2025",
    )
    header = tuple("Ước thực hiện 9 tháng" if h.startswith("Ước") else h for h in HEADER)
    result = run(tmp_path, title=title, header=header, rows=(row("Sản lượng than", "tấn", 5),))
    assert result.status == "ok" and (result.agency, result.period, result.year) == (
        "so-cong-thuong",
        "Q3",
        2025,
    )
