"""The report as an Excel workbook in the layout officials expect.

Sheet 1 (the report): title block, header row, plan rows (I, II, ...) and sector rows (1.1, 1.2)
over the targets, status colours, frozen header, A4 landscape print setup with repeated header
row and fit to width. Sheet 2 (summary): counts by status, by plan and by agency, with two native
charts (attainment by indicator; status by agency, stacked). Sheet 3: missing submissions.
Figures are written as numbers (the reader's Excel shows them in its own locale); text is
neutralised so that nothing a department typed can become a formula.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lsplan.i18n import status_label
from lsplan.render import neutralise, workbook_bytes, xlsx_text
from lsplan.report.labels import STATUS_COLOURS, Labels
from lsplan.report.model import STATUS_ORDER, Report

HEADER_ROW = 6  # rows 1-5 hold the title block
WIDTHS = (6, 46, 10, 14, 14, 14, 12, 12, 18, 30, 28, 22)
# A hidden column after the visible ones holds each row's target id, so that the sheet can be
# read back by programs (and tests) although indicator names repeat across plans.
ID_COLUMN = len(WIDTHS) + 1
# Chart colours: stronger than the cell fills, which are pale so that text on them stays readable.
CHART_COLOURS = {
    "achieved": "2E7D32",
    "on_track": "1565C0",
    "at_risk": "F9A825",
    "off_track": "C62828",
    "no_data": "9E9E9E",
    "not_assessed": "D0D0D0",
    "exceeded": "1B5E20",
    "nearly_met": "7CB342",
    "not_met": "8E0000",
    "info": "EEEEEE",
}
NUMERIC_COLUMNS = (5, 6, 7, 8)  # expected, actual, attainment, vs same period (1-based)


def _text(cell: Any, value: Any) -> None:
    # A control character (from a file or sheet name) would make openpyxl refuse the whole
    # workbook: it is shown as its visible picture instead.
    cell.value = xlsx_text(neutralise(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"


def _number(cell: Any, value: float | None) -> None:
    cell.value = value
    if value is not None:
        cell.number_format = "#,##0" if float(value).is_integer() else "#,##0.0#"


def build_workbook(report: Report, lang: str = "vi"):
    """An openpyxl Workbook holding the report (not saved)."""
    from openpyxl import Workbook

    labels = Labels(lang, report)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = labels._("Report")[:31]
    _report_sheet(sheet, labels, report)
    _summary_sheet(workbook.create_sheet(labels._("Summary")[:31]), labels, report)
    _missing_sheet(workbook.create_sheet(labels._("Missing submissions")[:31]), labels, report)
    return workbook


def _report_sheet(sheet: Any, labels: Labels, report: Report) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    headers = labels.headers()
    last = get_column_letter(len(headers))
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    block = [
        (labels.issuer(), Font(bold=True, size=12)),
        (labels.title(), Font(bold=True, size=14)),
        (labels.period(), Font(italic=True)),
        (labels.cutoff() + " — " + labels.estimates_note(), Font(size=10)),
        (labels.missing_banner(), Font(bold=True, color="9C0006" if report.missing else "006100")),
    ]
    for row, (text, font) in enumerate(block, start=1):
        sheet.merge_cells(f"A{row}:{last}{row}")
        cell = sheet.cell(row=row, column=1)
        _text(cell, text)
        cell.font = font
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for col, header in enumerate(headers, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=col, value=header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        sheet.column_dimensions[get_column_letter(col)].width = WIDTHS[col - 1]
    row = HEADER_ROW
    plan_fill, sector_fill = PatternFill("solid", fgColor="D9E1F2"), PatternFill("solid", fgColor="F2F2F2")
    for p_index, group in enumerate(report.groups, start=1):
        row += 1
        numeral, title = labels.plan_row(p_index, group)
        _group_row(sheet, row, numeral, title, len(headers), plan_fill, Font(bold=True), border)
        number = 0
        for s_index, sector in enumerate(group.sectors, start=1):
            row += 1
            _group_row(
                sheet,
                row,
                f"{p_index}.{s_index}",
                labels.sector_name(sector.sector),
                len(headers),
                sector_fill,
                Font(bold=True, italic=True),
                border,
            )
            for line in sector.lines:
                row += 1
                number += 1
                annual: Any = labels.annual(line)
                if line.annual_low is not None and line.annual_low == line.annual_high:
                    annual = line.annual_low
                values: list[Any] = [
                    number,
                    labels.indicator(line),
                    line.unit,
                    annual,
                    line.expected,
                    line.actual,
                    line.attainment,
                    line.vs_same_period,
                    labels.status(line),
                    labels.lead(line.lead),
                    labels.source(line),
                    labels.notes(line),
                ]
                for col, value in enumerate(values, start=1):
                    cell = sheet.cell(row=row, column=col)
                    if col in NUMERIC_COLUMNS or (col == 4 and isinstance(value, float)) or col == 1:
                        _number(cell, value)
                    else:
                        _text(cell, value)
                    cell.border = border
                    cell.alignment = Alignment(vertical="top", wrap_text=col in (2, 10, 11, 12))
                if line.estimate:
                    sheet.cell(row=row, column=6).font = Font(italic=True)
                fill, ink = STATUS_COLOURS.get(line.status, ("FFFFFF", "000000"))
                status_cell = sheet.cell(row=row, column=9)
                status_cell.fill = PatternFill("solid", fgColor=fill)
                status_cell.font = Font(bold=True, color=ink)
                _text(sheet.cell(row=row, column=ID_COLUMN), line.target)
    _text(sheet.cell(row=HEADER_ROW, column=ID_COLUMN), "target")
    sheet.column_dimensions[get_column_letter(ID_COLUMN)].hidden = True
    sheet.freeze_panes = f"C{HEADER_ROW + 1}"  # header and the STT and name columns stay in view
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(row, HEADER_ROW)}"


def _group_row(
    sheet: Any, row: int, label: str, title: str, width: int, fill: Any, font: Any, border: Any
) -> None:
    from openpyxl.utils import get_column_letter

    _text(sheet.cell(row=row, column=1), label)
    _text(sheet.cell(row=row, column=2), title)
    sheet.merge_cells(f"B{row}:{get_column_letter(width)}{row}")
    for col in range(1, width + 1):
        cell = sheet.cell(row=row, column=col)
        cell.fill, cell.font, cell.border = fill, font, border


def _summary_sheet(sheet: Any, labels: Labels, report: Report) -> None:
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.marker import DataPoint
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    _ = labels._
    names = [status_label(s, labels.lang, quarter=report.quarter) for s in STATUS_ORDER]
    _text(sheet.cell(row=1, column=1), f"{labels.title()} — {labels.period()}")
    sheet.cell(row=1, column=1).font = Font(bold=True, size=12)
    _text(sheet.cell(row=2, column=1), labels.cutoff())
    # Counts by status.
    row = 4
    sheet.cell(row=row, column=1, value=_("Assessment")).font = Font(bold=True)
    sheet.cell(row=row, column=2, value=_("Targets")).font = Font(bold=True)
    for status, name in zip(STATUS_ORDER, names, strict=True):
        row += 1
        _text(sheet.cell(row=row, column=1), name)
        sheet.cell(row=row, column=2, value=report.by_status.get(status, 0))
        from openpyxl.styles import PatternFill

        sheet.cell(row=row, column=1).fill = PatternFill("solid", fgColor=STATUS_COLOURS[status][0])
    # Counts by plan and by agency: one column per status.
    row = _matrix(
        sheet,
        row + 2,
        _("Plan"),
        names,
        {
            g.title if labels.lang == "vi" else g.title_en: report.by_plan.get(g.plan, {})
            for g in report.groups
        },
    )
    agency_top = row + 2
    row = _matrix(sheet, agency_top, _("Lead agency"), names, report.by_agency)
    # Attainment by indicator, the data the bar chart reads.
    bars_top = row + 2
    sheet.cell(row=bars_top, column=1, value=_("Indicator")).font = Font(bold=True)
    sheet.cell(row=bars_top, column=2, value=_("Against plan (%)")).font = Font(bold=True)
    assessed = [line for line in report.lines if line.attainment is not None]
    refs = labels.references()  # "I.3 ...": names repeat across plans
    for i, line in enumerate(assessed, start=1):
        _text(sheet.cell(row=bars_top + i, column=1), f"{refs[line.target]} {labels.indicator(line)}")
        _number(sheet.cell(row=bars_top + i, column=2), line.attainment)
    sheet.column_dimensions["A"].width = 50
    for col in range(2, 2 + len(names)):
        sheet.column_dimensions[get_column_letter(col)].width = 13
    chart_row = 4
    if assessed:
        chart = BarChart()
        chart.type = "bar"
        chart.title = _("Attainment against the plan to date (%)")
        chart.add_data(
            Reference(sheet, min_col=2, min_row=bars_top, max_row=bars_top + len(assessed)),
            titles_from_data=True,
        )
        chart.set_categories(
            Reference(sheet, min_col=1, min_row=bars_top + 1, max_row=bars_top + len(assessed))
        )
        chart.legend = None
        for index, line in enumerate(assessed):
            point = DataPoint(idx=index)
            point.graphicalProperties.solidFill = CHART_COLOURS[line.status]
            chart.series[0].dPt.append(point)
        chart.height, chart.width = max(9.0, 0.85 * len(assessed)), 20
        sheet.add_chart(chart, f"I{chart_row}")
        chart_row += int(chart.height / 0.5) + 2  # rows are about 0.5 cm high
    if report.by_agency:
        stacked = BarChart()
        stacked.type = "bar"
        stacked.grouping = "stacked"
        stacked.overlap = 100
        stacked.title = _("Status by lead agency")
        count = len(report.by_agency)
        stacked.add_data(
            Reference(
                sheet, min_col=2, max_col=1 + len(names), min_row=agency_top, max_row=agency_top + count
            ),
            titles_from_data=True,
        )
        stacked.set_categories(
            Reference(sheet, min_col=1, min_row=agency_top + 1, max_row=agency_top + count)
        )
        for series, status in zip(stacked.series, STATUS_ORDER, strict=True):
            series.graphicalProperties.solidFill = CHART_COLOURS[status]
        stacked.height, stacked.width = max(7.5, 0.7 * count), 18
        sheet.add_chart(stacked, f"I{chart_row}")
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _matrix(sheet: Any, top: int, first: str, names: list[str], counts: dict[str, dict[str, int]]) -> int:
    from openpyxl.styles import Alignment, Font

    _text(sheet.cell(row=top, column=1), first)
    sheet.cell(row=top, column=1).font = Font(bold=True)
    for col, name in enumerate(names, start=2):
        cell = sheet.cell(row=top, column=col)
        _text(cell, name)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    row = top
    for key, per_status in counts.items():
        row += 1
        _text(sheet.cell(row=row, column=1), key)
        for col, status in enumerate(STATUS_ORDER, start=2):
            sheet.cell(row=row, column=col, value=per_status.get(status, 0))
    return row


def _missing_sheet(sheet: Any, labels: Labels, report: Report) -> None:
    from openpyxl.styles import Font

    _ = labels._
    _text(sheet.cell(row=1, column=1), labels.missing_banner())
    sheet.cell(row=1, column=1).font = Font(bold=True, color="9C0006" if report.missing else "006100")
    for col, header in enumerate((_("Indicator"), _("Agency to chase"), _("Submission")), start=1):
        sheet.cell(row=3, column=col, value=header).font = Font(bold=True)
    for row, item in enumerate(report.missing, start=4):
        _text(sheet.cell(row=row, column=1), labels.indicator(item))
        _text(sheet.cell(row=row, column=2), labels.lead(item.lead))
        _text(sheet.cell(row=row, column=3), labels.missing_status(item))
    sheet.column_dimensions["A"].width = 50
    sheet.column_dimensions["B"].width = 40
    sheet.column_dimensions["C"].width = 18


def write_xlsx(report: Report, path: Path, lang: str = "vi") -> None:
    """Build and save the workbook atomically (a failed run leaves no half-written file)."""
    from lsplan.report.files import atomic_write

    data = workbook_bytes(build_workbook(report, lang))
    atomic_write(Path(path), lambda handle: handle.write(data))
