"""Stage "tables": where the report tables are in the sheets that are read.

* The **conventional report table** departments already send: a title block ("UBND TỈNH LẠNG SƠN
  / SỞ CÔNG THƯƠNG", "BIỂU TỔNG HỢP ... 6 THÁNG ĐẦU NĂM 2025"), then a header row — found
  wherever it sits in the first HEADER_SCAN_ROWS rows, possibly two rows with merged cells —
  with columns STT | Chỉ tiêu | ĐVT | Kế hoạch | (Ước) thực hiện ... | So với kế hoạch (%) |
  So với cùng kỳ (%) | Ghi chú.
* The **lsplan form** (`lsplan.template`): the same kind of table plus a "Mã chỉ tiêu" column and a
  hidden marker sheet holding the agency id, year and quarter.

A second header row further down starts a second table (statistics offices put several in a
sheet); the title block above the first header is every table's title block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from lsplan.periods import parse_year
from lsplan.reading.celltext import CellText, LegacyText
from lsplan.reading.header import (
    Header,
    ValueColumn,
    choose_actual,
    columns_of,
    header_name_col,
    merged_origins,
    range_bounds,
    read_header,
    row_texts,
    share_column,
)
from lsplan.reading.rows import TableRow, is_figure, read_rows
from lsplan.text import nfc

if TYPE_CHECKING:
    from lsplan.readers import Sheet, Workbook

MARKER_SHEET = "_lsplan"
MARKER = "lsplan-form"
HEADER_SCAN_ROWS = 40


@dataclass(frozen=True)
class Table:
    sheet: str
    layout: str  # "report" or "form"
    header_row: int  # the last header row
    columns: dict[str, int]  # role -> 1-based column
    actual: ValueColumn | None
    other_actuals: tuple[ValueColumn, ...]
    plan_header: str
    title_lines: tuple[tuple[str, str], ...]  # (cell ref, line of text) above the header
    rows: tuple[TableRow, ...]
    legacy: tuple[LegacyText, ...] = ()
    form: dict[str, str] = field(default_factory=dict)  # the form's hidden metadata
    header_first: int = 0  # the first header row (0: unknown)
    # "Đơn vị tính: triệu đồng" above the header: (the unit, the cell saying it), or None.
    stated_unit: tuple[str, str] | None = None
    share: ValueColumn | None = None  # "Cơ cấu (%)" beside "Giá trị": the shares' column


def _header_rows(sheet: Sheet, read: CellText, origins: dict, width: int) -> list[tuple[int, int]]:
    """(row, name column) of each header row: the first within HEADER_SCAN_ROWS, more below it."""
    found: list[tuple[int, int]] = []
    for row in range(1, sheet.max_row + 1):
        if not found and row > HEADER_SCAN_ROWS:
            break
        cells = sheet.rows[row - 1]
        # A header holds text only; a data row holds figures (cheap test first: 5,000 rows).
        if found and any(is_figure(c) for c in cells):
            continue
        name_col = header_name_col(row_texts(sheet, row, read, origins, width))
        if name_col is not None:
            found.append((row, name_col))
    return found


def find_sheet_tables(sheet: Sheet) -> list[Table]:
    """The report tables of a sheet, top to bottom (none when no header row is found)."""
    read = CellText()
    width = sheet.max_col
    origins = merged_origins(sheet, sheet.max_row + 1)
    starts = _header_rows(sheet, read, origins, width)
    if not starts:
        return []
    first_row = starts[0][0]
    title_lines = _lines(sheet, read, 1, first_row)
    first_unit = stated_unit(title_lines)
    tables: list[Table] = []
    headers: list[Header] = []
    for row, name_col in starts:
        if headers and row <= headers[-1].last:
            continue  # the sub-header of the table above
        header = read_header(sheet, row, read, origins, name_col, width)
        if headers and not columns_of(header)[1]:
            continue  # a header again without a value column: a row of the table above (noise)
        headers.append(header)
    for index, header in enumerate(headers):
        end = headers[index + 1].first - 1 if index + 1 < len(headers) else sheet.max_row
        columns, actuals, plan_header = columns_of(header)
        year = parse_year(plan_header) if plan_header else None
        if year is None:
            year = next((parse_year(line) for _, line in title_lines if parse_year(line)), None)
        actual, others = choose_actual(actuals, year)
        share = share_column(actuals, actual)
        if share is not None:
            columns = {**columns, "share": share.col}
        rows = read_rows(sheet, read, columns, actual.col if actual else None, header.last + 1, end)
        unit = first_unit
        if index:  # a later table may say its own unit in the rows just above its header
            above = _lines(sheet, read, max(headers[index - 1].last + 1, header.first - 3), header.first)
            unit = stated_unit(above) or first_unit
        tables.append(
            Table(
                sheet.name,
                "report",
                header.last,
                columns,
                actual,
                others,
                plan_header,
                title_lines,
                rows,
                (),
                header_first=header.first,
                stated_unit=unit,
                share=share,
            )
        )
    # Legacy-encoded cells are counted once per sheet, on its first table.
    tables[0] = replace(tables[0], legacy=tuple(read.legacy))
    return tables


def _lines(sheet: Sheet, read: CellText, first: int, end: int) -> tuple[tuple[str, str], ...]:
    """(cell ref, line of text) of the rows first..end-1."""
    return tuple(
        (cell.ref, line)
        for r in range(max(first, 1), end)
        for cell in sheet.rows[r - 1]
        if cell is not None
        for line in read(cell).split("\n")
        if line
    )


_STATED_UNIT = re.compile(r"^\(?\s*(?:đơn vị tính|đơn vị|đvt)\s*[:.\-]\s*(?P<unit>[^()]+?)\s*\)?\s*$", re.I)


def stated_unit(lines: tuple[tuple[str, str], ...]) -> tuple[str, str] | None:
    """ "Đơn vị tính: triệu đồng" / "(ĐVT: tỷ đồng)" among the lines: (unit, cell ref). A line
    naming no known unit ("Đơn vị: Sở Công Thương" names the sender) is not a unit."""
    from lsplan.units import lookup

    for ref, line in lines:
        match = _STATED_UNIT.match(nfc(line))
        if match and lookup(match.group("unit")) is not None:
            return match.group("unit"), ref
    return None


def find_table(sheet: Sheet) -> Table | None:
    """The first report table in a sheet, or None when no header row is found."""
    tables = find_sheet_tables(sheet)
    return tables[0] if tables else None


def form_metadata(workbook: Workbook) -> dict[str, str] | None:
    """The hidden marker sheet of an lsplan form as key -> value, or None if there is none."""
    for sheet in workbook.sheets:
        if sheet.name != MARKER_SHEET:
            continue
        pairs = {}
        for cells in sheet.rows:
            if len(cells) >= 2 and cells[0] is not None and cells[0].value is not None:
                value = cells[1].value if cells[1] is not None else None
                pairs[str(cells[0].value)] = "" if value is None else str(value)
        return pairs if pairs.get(MARKER) else None
    return None


def _cell_text(sheet: Sheet, ref: str) -> str:
    bounds = range_bounds(f"{ref}:{ref}")
    if bounds is None:
        return ""
    return CellText()(sheet.cell(bounds[0], bounds[1]))


def find_tables(workbook: Workbook, sheets: tuple[Sheet, ...] | None = None) -> list[Table]:
    """Every table in `sheets` (default: the workbook's), the form's marked sheet first; the
    marker sheet itself is skipped."""
    meta = form_metadata(workbook)
    tables: list[Table] = []
    for sheet in workbook.sheets if sheets is None else sheets:
        if sheet.name == MARKER_SHEET:
            continue
        found = find_sheet_tables(sheet)
        if not found:
            continue
        if meta is not None and meta.get("sheet", sheet.name) == sheet.name:
            meta = dict(meta)
            if meta.get("maturity_cell"):
                meta["maturity"] = _cell_text(sheet, meta["maturity_cell"])
            tables[:0] = [replace(table, layout="form", form=meta) for table in found]
        else:
            tables.extend(found)
    return tables
