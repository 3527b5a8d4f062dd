"""Stage "open": a submitted file read safely (`lsplan.readers`), and the part of it that is read.

The readers refuse hostile files and report what the file holds, hidden parts included; this
stage decides what the submission is: what a person sees in Excel. Hidden sheets (an old
quarter kept in the workbook), hidden rows and hidden columns (a superseded column beside the
current one) are not read; an info finding says what was left out, when it held anything.
The lsplan form's marker sheet is hidden by design and stays readable (`lsplan.reading.tables`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsplan.findings import make_finding
from lsplan.i18n import _

if TYPE_CHECKING:
    from lsplan.model import Finding
    from lsplan.readers import Sheet, Workbook

MARKER_SHEET = "_lsplan"  # lsplan.reading.tables.MARKER_SHEET (not imported: no cycle)


def open_submission(path: str | Path, limits: Any = None) -> Workbook:
    """The workbook at `path`; raises `lsplan.readers.ReadError` (with a stable code) when it
    cannot be read."""
    from lsplan.readers import DEFAULT_LIMITS, open_workbook

    return open_workbook(path, limits or DEFAULT_LIMITS)


def _holds_something(sheet: Sheet) -> bool:
    return any(cell is not None and cell.value is not None for row in sheet.rows for cell in row)


def visible_part(sheet: Sheet) -> tuple[Sheet, list[int], list[int], str | None]:
    """The sheet with its hidden rows and columns emptied (row numbers kept); the hidden rows
    and columns that held a value, and the first such cell."""
    from lsplan.readers.base import cell_ref

    if not sheet.hidden_rows and not sheet.hidden_cols:
        return sheet, [], [], None
    rows_cut: set[int] = set()
    cols_cut: set[int] = set()
    first: str | None = None
    grid = []
    for number, cells in enumerate(sheet.rows, start=1):
        hidden_row = number in sheet.hidden_rows
        if not hidden_row and not (sheet.hidden_cols and sheet.hidden_cols & set(range(1, len(cells) + 1))):
            grid.append(cells)
            continue
        kept: list = []
        for col, cell in enumerate(cells, start=1):
            if hidden_row or col in sheet.hidden_cols:
                if cell is not None and cell.value is not None:
                    (rows_cut if hidden_row else cols_cut).add(number if hidden_row else col)
                    first = first or cell_ref(number, col)
                kept.append(None)
            else:
                kept.append(cell)
        grid.append(tuple(kept))
    return replace(sheet, rows=tuple(grid)), sorted(rows_cut), sorted(cols_cut), first


def sheets_to_read(workbook: Workbook) -> tuple[tuple[Sheet, ...], list[Finding]]:
    """The sheets whose tables are read (hidden parts emptied), and info findings about what
    was left out."""
    from lsplan.readers.base import column_letter

    sheets: list[Sheet] = []
    findings: list[Finding] = []
    for sheet in workbook.sheets:
        if sheet.name == MARKER_SHEET:
            sheets.append(sheet)
            continue
        if sheet.state != "visible":
            if _holds_something(sheet):
                findings.append(make_finding("hidden-not-read", sheet=sheet.name, what=_("the hidden sheet")))
            continue
        visible, rows, cols, first = visible_part(sheet)
        parts = []
        if rows:
            parts.append(_("hidden row(s) {rows}").format(rows=_spans([str(r) for r in rows], rows)))
        if cols:
            letters = [column_letter(c) for c in cols]
            parts.append(_("hidden column(s) {cols}").format(cols=_spans(letters, cols)))
        if parts:
            findings.append(
                make_finding("hidden-not-read", sheet=sheet.name, cell=first, what="; ".join(parts))
            )
        sheets.append(visible)
    return tuple(sheets), findings


def _spans(labels: list[str], numbers: list[int]) -> str:
    """["3", "4", "5", "9"] over [3, 4, 5, 9] -> "3–5, 9"; column letters alike."""
    spans: list[tuple[int, int]] = []
    for index, number in enumerate(numbers):
        if spans and number == numbers[spans[-1][1]] + 1:
            spans[-1] = (spans[-1][0], index)
        else:
            spans.append((index, index))
    return ", ".join(labels[a] if a == b else f"{labels[a]}–{labels[b]}" for a, b in spans)
