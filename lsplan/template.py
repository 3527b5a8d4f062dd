"""The lsplan form: an .xlsx a department fills in, and `lsplan check` reads back exactly.

    from lsplan.template import write_template
    write_template("form.xlsx", catalog, agency="Sở Công Thương", year=2025, quarter="Q2")

One row per indicator the agency leads or supports (id, name, unit, role, annual target) and an
input cell for the cumulative actual with Excel data validation; metadata (agency, year, period)
in locked cells under sheet protection (no password: it prevents slips, it is not security);
a hidden marker sheet (`_lsplan`) holding the ids the checks read back. The file is written to a
temporary file beside the target and renamed: a failure never leaves a half-written form.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from lsplan.findings import make_finding
from lsplan.i18n import _
from lsplan.layouts import MARKER, MARKER_SHEET
from lsplan.model import Finding, Indicator, Measure, Target
from lsplan.periods import QUARTERS, describe, parse_quarter

if TYPE_CHECKING:
    from lsplan.catalog import Catalog

SHEET = "Báo cáo"
HEADER_ROW = 11
MATURITY_CELL = "B6"
MATURITY_CHOICES = ("Ước thực hiện", "Thực hiện", "Chính thức")
HEADERS = (
    "STT",
    "Mã chỉ tiêu",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Vai trò",
    "Kế hoạch năm {year}",
    "Thực hiện lũy kế {period}",
    "Ghi chú",
)
WIDTHS = (6, 30, 60, 14, 10, 18, 22, 30)
INSTRUCTIONS = (
    "Hướng dẫn: nhập số liệu lũy kế từ đầu năm đến hết kỳ báo cáo vào cột G, theo đơn vị tính ở cột D.",
    "Dùng dấu phẩy hoặc dấu chấm thập phân theo cài đặt của Excel; không nhập chữ vào cột G.",
    "Không sửa cột A-F và các ô thông tin; chọn loại số liệu ở ô B6. Gửi lại tệp .xlsx này.",
)


class TemplateError(ValueError):
    """The form cannot be made (unknown agency, bad quarter); `finding` says why."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


@dataclass(frozen=True, slots=True)
class FormRow:
    indicator: Indicator
    role: str  # "lead" or "support"
    target: Target | None


@dataclass(frozen=True, slots=True)
class TemplateResult:
    path: Path
    agency: str
    agency_name: str
    year: int
    quarter: str
    rows: tuple[FormRow, ...]


def form_rows(catalog: Catalog, agency_id: str, year: int) -> tuple[FormRow, ...]:
    """The agency's indicators (lead first), each with its target for the year where one exists."""
    roles = catalog.indicators_for_agency(agency_id)
    targets = catalog.targets_for(year=year)
    rows = []
    for indicator_id, role in roles.items():
        indicator = catalog.indicators.get(indicator_id)
        if indicator is None:
            continue
        candidates = [t for t in targets if t.indicator == indicator_id]
        # The year's own target in the indicator's unit first ("9.937,8 tỷ đồng", not "+13 %").
        candidates.sort(
            key=lambda t: (
                (t.unit or indicator.unit) != indicator.unit,
                t.year_start != t.year_end,
                t.year_end - t.year_start,
            )
        )
        rows.append(FormRow(indicator, role, candidates[0] if candidates else None))
    rows.sort(key=lambda r: (r.role != "lead", r.indicator.sector, r.indicator.id))
    return tuple(rows)


def _target_cell(target: Target | None) -> float | str | None:
    if target is None or (target.low is None and target.high is None):
        return target.statement[:120] if target is not None else None
    if target.low is not None and target.high is not None and target.low != target.high:
        return f"{target.low:g} - {target.high:g}"
    return target.low if target.low is not None else target.high


def write_template(
    path: str | Path, catalog: Catalog, agency: str, year: int, quarter: str
) -> TemplateResult:
    """Write the form for `agency` (a name, alias or id), `year`, `quarter` ("Q2"). Raises TemplateError."""
    try:
        quarter = parse_quarter(quarter)
    except ValueError as exc:
        raise TemplateError(
            make_finding("period-missing", what=_("quarter ({error})").format(error=exc), option="--quarter")
        ) from exc
    resolution = catalog.resolve_agency(agency)
    found = catalog.agencies.get(agency) if hasattr(catalog, "agencies") else None
    chosen = found or (resolution.agency if resolution.how != "fuzzy" else None)
    if chosen is None:
        names = ", ".join(a.name for a in resolution.candidates[:3])
        raise TemplateError(
            make_finding(
                "agency-unknown",
                name=agency,
                hint=_(" (did you mean: {names}?)").format(names=names) if names else "",
            )
        )
    rows = form_rows(catalog, chosen.id, year)
    workbook = _build(chosen.id, chosen.name, year, quarter, rows)
    target = Path(path)
    from lsplan.outputs import atomic_write  # one file mode; nothing left behind; no folder created
    from lsplan.render import workbook_bytes

    data = workbook_bytes(workbook)
    atomic_write(target, lambda handle: handle.write(data))
    return TemplateResult(target, chosen.id, chosen.name, year, quarter, rows)


def _build(agency_id: str, agency_name: str, year: int, quarter: str, rows: tuple[FormRow, ...]):
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Alignment, Font, PatternFill, Protection  # type: ignore[import-untyped]
    from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    period = describe(quarter, year)
    sheet["A1"] = "UBND TỈNH LẠNG SƠN"
    sheet["A2"] = f"Cơ quan báo cáo: {agency_name}"
    sheet["A3"] = f"BIỂU BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU {period.upper()}"
    sheet["A4"] = f"Năm: {year}"
    sheet["A5"] = f"Kỳ báo cáo: {quarter} (lũy kế {period})"
    sheet["A6"] = "Loại số liệu:"
    sheet[MATURITY_CELL] = MATURITY_CHOICES[0]
    for row, text in enumerate(INSTRUCTIONS, start=7):
        sheet.cell(row, 1, text).font = Font(italic=True)
    for ref in ("A1", "A2", "A3"):
        sheet[ref].font = Font(bold=True)
    headers = [h.format(year=year, period=period) for h in HEADERS]
    for col, (text, width) in enumerate(zip(headers, WIDTHS, strict=True), start=1):
        cell = sheet.cell(HEADER_ROW, col, text)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        sheet.column_dimensions[cell.column_letter].width = width
    unlocked = Protection(locked=False)
    input_fill = PatternFill("solid", fgColor="FFF2CC")
    maturity = DataValidation(type="list", formula1='"' + ",".join(MATURITY_CHOICES) + '"', allow_blank=False)
    any_number = _validation(DataValidation, None, None)
    non_negative = _validation(DataValidation, 0, None)
    share = _validation(DataValidation, 0, 100)
    for validation in (maturity, any_number, non_negative, share):
        sheet.add_data_validation(validation)
    maturity.add(MATURITY_CELL)
    sheet[MATURITY_CELL].protection = unlocked
    sheet[MATURITY_CELL].fill = input_fill
    for index, form_row in enumerate(rows, start=1):
        r = HEADER_ROW + index
        ind = form_row.indicator
        values = (
            index,
            ind.id,
            ind.name,
            ind.unit,
            "chủ trì" if form_row.role == "lead" else "phối hợp",
            _target_cell(form_row.target),
        )
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(r, col, value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
        for col in (7, 8):
            cell = sheet.cell(r, col)
            cell.protection = unlocked
            cell.fill = input_fill
        sheet.cell(r, 7).number_format = "#,##0.###"
        if ind.measure in (Measure.FLOW, Measure.COUNT):
            non_negative.add(f"G{r}")
        elif ind.measure is Measure.SHARE:
            share.add(f"G{r}")
        else:
            any_number.add(f"G{r}")
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # let people widen columns
    _marker(workbook, agency_id, year, quarter)
    return workbook


def _validation(factory, low: float | None, high: float | None):
    if low is not None and high is not None:
        validation = factory(type="decimal", operator="between", formula1=str(low), formula2=str(high))
    elif low is not None:
        validation = factory(type="decimal", operator="greaterThanOrEqual", formula1=str(low))
    else:
        validation = factory(type="decimal", operator="between", formula1="-1E+15", formula2="1E+15")
    validation.allow_blank = True
    validation.showErrorMessage = True
    validation.errorTitle = "Số liệu không hợp lệ"
    validation.error = (
        "Nhập một số"
        + (
            f" từ {low:g} đến {high:g}"
            if high is not None and low is not None
            else " không âm"
            if low is not None
            else ""
        )
        + "."
    )
    return validation


def _marker(workbook, agency_id: str, year: int, quarter: str) -> None:
    marker = workbook.create_sheet(MARKER_SHEET)
    pairs = (
        (MARKER, "1"),
        ("agency", agency_id),
        ("year", str(year)),
        ("quarter", quarter),
        ("sheet", SHEET),
        ("maturity_cell", MATURITY_CELL),
        ("generated", datetime.now(UTC).isoformat(timespec="seconds")),
    )
    for key, value in pairs:
        marker.append([key, value])
        marker.cell(marker.max_row, 2).data_type = "s"
    marker.sheet_state = "veryHidden"
    marker.protection.sheet = True
    assert quarter in QUARTERS
