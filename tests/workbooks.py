"""Test helpers: a small in-code catalogue and builders of submission workbooks (openpyxl).

The fake catalogue implements the parts of `lsplan.catalog.Catalog` the checks use, with a few
indicators whose units and measures mirror the real data, so the check tests do not move when
the shipped data grows. Workbooks are generated in tmp dirs: no binary blobs in the repo.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsplan.model import (
    Agency,
    AgencyResolution,
    Comparison,
    HistoryEvent,
    Indicator,
    Measure,
    Plan,
    Rule,
    Severity,
    Target,
)
from lsplan.text import fold


def _indicator(id: str, name: str, unit: str, measure: Measure, *aliases: str) -> Indicator:
    return Indicator(id=id, name=name, name_en=id, unit=unit, measure=measure, aliases=aliases)


INDICATORS = (
    _indicator(
        "retail-sales",
        "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng",
        "tỷ đồng",
        Measure.FLOW,
        "Tổng mức bán lẻ",
    ),
    _indicator("coal-output", "Sản lượng than", "tấn", Measure.FLOW, "Than sạch", "Than"),
    _indicator("electricity-output", "Sản lượng điện", "triệu kWh", Measure.FLOW, "Điện sản xuất"),
    _indicator("tourists", "Tổng lượt khách du lịch", "triệu lượt", Measure.FLOW, "Lượng khách du lịch"),
    _indicator("tourists-international", "Khách quốc tế", "triệu lượt", Measure.FLOW),
    _indicator("tourists-domestic", "Khách nội địa", "triệu lượt", Measure.FLOW),
    _indicator("tourism-revenue", "Tổng thu từ khách du lịch", "tỷ đồng", Measure.FLOW, "Doanh thu du lịch"),
    _indicator("grdp-growth", "Tốc độ tăng trưởng GRDP", "%", Measure.GROWTH_RATE, "Tăng trưởng GRDP"),
    _indicator("grdp-share-agri", "Nông, lâm nghiệp và thủy sản", "%", Measure.SHARE),
    _indicator("grdp-share-industry-construction", "Công nghiệp - xây dựng", "%", Measure.SHARE),
    _indicator("grdp-share-services", "Dịch vụ", "%", Measure.SHARE),
    _indicator("grdp-share-taxes", "Thuế sản phẩm trừ trợ cấp sản phẩm", "%", Measure.SHARE),
    _indicator("annual-crop-area", "Diện tích gieo trồng cây hằng năm", "nghìn ha", Measure.FLOW),
)


def _agency(id: str, name: str, *aliases: str, active: bool = True, into: str | None = None) -> Agency:
    history = (HistoryEvent("merged", "2025", (into,)),) if into else ()
    return Agency(id=id, code=id, name=name, kind="so", aliases=aliases, active=active, history=history)


AGENCIES = (
    _agency("so-cong-thuong", "Sở Công Thương", "SCT", "Sở CT"),
    _agency("so-van-hoa-the-thao-va-du-lich", "Sở Văn hóa, Thể thao và Du lịch", "Sở VHTTDL"),
    _agency("so-tai-chinh", "Sở Tài chính", "STC"),
    _agency("cuc-thong-ke", "Cục Thống kê tỉnh", "Thống kê tỉnh"),
    _agency("so-ke-hoach-va-dau-tu", "Sở Kế hoạch và Đầu tư", "Sở KH&ĐT", active=False, into="so-tai-chinh"),
)

RESPONSIBLE = {
    "so-cong-thuong": {
        "retail-sales": "lead",
        "coal-output": "lead",
        "electricity-output": "lead",
        "tourists": "support",
    },
    "so-van-hoa-the-thao-va-du-lich": {
        "tourists": "lead",
        "tourists-international": "lead",
        "tourists-domestic": "lead",
        "tourism-revenue": "lead",
    },
    "cuc-thong-ke": {
        "grdp-growth": "lead",
        "grdp-share-agri": "lead",
        "grdp-share-industry-construction": "lead",
        "grdp-share-services": "lead",
        "grdp-share-taxes": "lead",
    },
    "so-tai-chinh": {},
}


def _target(indicator: str, low: float | None, high: float | None, unit: str, statement: str) -> Target:
    comparison = Comparison.RANGE if high is not None and low != high else Comparison.AT_LEAST
    return Target(
        id=f"kb-2025.{indicator}",
        plan="kb-2025",
        indicator=indicator,
        comparison=comparison,
        year_start=2025,
        year_end=2025,
        low=low,
        high=high,
        unit=unit,
        statement=statement,
    )


PLAN_SOURCE = "KH tăng trưởng 2025"  # how readers know the plan the targets come from
PLANS = (
    Plan(
        "kb-2025",
        "/KH-UBND",
        "Kế hoạch tăng trưởng 2025",
        "UBND tỉnh",
        "kb.txt",
        2025,
        2025,
        short=PLAN_SOURCE,
    ),
)

TARGETS = (
    _target("retail-sales", 43167, None, "tỷ đồng", "Tổng mức bán lẻ đạt 43.167 tỷ đồng"),
    _target("coal-output", 500000, None, "tấn", "Than sạch 500.000 tấn"),
    _target("tourists", 4.4, None, "triệu lượt", "Thu hút 4,4 triệu lượt khách"),
    _target("grdp-growth", 8, 9, "%", "GRDP tăng 8 - 9%"),
    _target("grdp-share-agri", 21, 22, "%", "Nông nghiệp 21 - 22%"),
)

RULES = (
    Rule(
        "grdp-structure-sum",
        "Cơ cấu kinh tế cộng lại bằng 100%",
        "grdp-share-agri + grdp-share-industry-construction + grdp-share-services + grdp-share-taxes",
        "==",
        "100",
        0.5,
        Severity.WARNING,
        "skip",
    ),
    Rule(
        "tourists-sum",
        "Khách quốc tế + nội địa = tổng lượt khách",
        "tourists-international + tourists-domestic",
        "==",
        "tourists",
        0.01,
        Severity.ERROR,
        "warn",
    ),
)


@dataclass
class FakeCatalog:
    indicators: dict[str, Indicator] = field(default_factory=lambda: {i.id: i for i in INDICATORS})
    agencies: dict[str, Agency] = field(default_factory=lambda: {a.id: a for a in AGENCIES})
    targets: dict[str, Target] = field(default_factory=lambda: {t.id: t for t in TARGETS})
    rules: tuple[Rule, ...] = RULES
    plans: dict[str, Plan] = field(default_factory=lambda: {p.id: p for p in PLANS})

    def resolve_agency(self, name: str) -> AgencyResolution:
        key = fold(name)
        for agency in self.agencies.values():
            if key in {fold(agency.name), *(fold(a) for a in agency.aliases), agency.id}:
                if not agency.active:
                    successor = self.agencies[agency.history[0].into[0]]
                    return AgencyResolution(
                        name,
                        successor,
                        agency,
                        "former",
                        note=f"{agency.name} đã hợp nhất vào {successor.name} (2025)",
                    )
                return AgencyResolution(name, agency, agency, "folded")
        return AgencyResolution(name, None, how="unknown", candidates=(self.agencies["so-cong-thuong"],))

    def match_indicator(self, text: str) -> Indicator | None:
        key = fold(text)
        for indicator in self.indicators.values():
            if key in {fold(indicator.name), *(fold(a) for a in indicator.aliases)}:
                return indicator
        return None

    def indicators_for_agency(self, agency_id: str) -> dict[str, str]:
        return dict(RESPONSIBLE.get(agency_id, {}))

    def targets_for(
        self, plan: str | None = None, agency: str | None = None, year: int | None = None
    ) -> list[Target]:
        return [t for t in self.targets.values() if year is None or t.year_start <= year <= t.year_end]


HEADER = (
    "STT",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Kế hoạch năm 2025",
    "Ước thực hiện 6 tháng năm 2025",
    "So với kế hoạch (%)",
    "So với cùng kỳ (%)",
    "Ghi chú",
)
TITLE = (
    "UBND TỈNH LẠNG SƠN",
    "SỞ CÔNG THƯƠNG",
    "BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU 6 THÁNG ĐẦU NĂM 2025",
)
ROWS: tuple[tuple[Any, ...], ...] = (
    ("I", "CÔNG NGHIỆP", None, None, None, None, None, None),
    (1, "Sản lượng than", "tấn", 500000, 240000, 48, 102, None),
    (2, "Sản lượng điện", "triệu kWh", 700, 350, 50, 101, None),
    ("II", "THƯƠNG MẠI", None, None, None, None, None, None),
    (
        3,
        "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng",
        "tỷ đồng",
        43167,
        "21.583,5",
        50,
        110,
        None,
    ),
)


def save_report(
    path: Path,
    rows: tuple[tuple[Any, ...], ...] = ROWS,
    *,
    title: tuple[str, ...] = TITLE,
    header: tuple[str, ...] = HEADER,
    gap: int = 1,
    merge_title: bool = True,
    font: str | None = None,
    number_formats: dict[str, str] | None = None,
    formulas: dict[str, str] | None = None,
    extra_sheets: tuple[str, ...] = (),
) -> Path:
    """A conventional report table: title block (merged across the table), header, rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Biểu 01"
    for index, line in enumerate(title, start=1):
        sheet.cell(index, 1, line)
        if merge_title:
            sheet.merge_cells(start_row=index, start_column=1, end_row=index, end_column=len(header))
    header_row = len(title) + gap + 1
    for col, text in enumerate(header, start=1):
        sheet.cell(header_row, col, text)
    for offset, values in enumerate(rows, start=1):
        for col, value in enumerate(values, start=1):
            if value is not None:
                cell = sheet.cell(header_row + offset, col, value)
                if isinstance(value, str):
                    cell.data_type = "s"
    if font:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    cell.font = Font(name=font)
    for ref, fmt in (number_formats or {}).items():
        sheet[ref].number_format = fmt
    for ref, formula in (formulas or {}).items():
        sheet[ref] = formula
    for name in extra_sheets:
        workbook.create_sheet(name)
    workbook.save(path)
    return path


def fill_form(path: Path, values: dict[str, Any], maturity: str | None = None) -> Path:
    """Fill an lsplan form's input column (G) by indicator id, as a department would in Excel."""
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    sheet = workbook["Báo cáo"]
    for row in sheet.iter_rows(min_row=12):
        indicator = row[1].value
        if indicator in values:
            row[6].value = values[indicator]
    if maturity:
        sheet["B6"] = maturity
    workbook.save(path)
    return path
