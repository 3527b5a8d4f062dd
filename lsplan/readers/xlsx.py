"""Read an .xlsx workbook with openpyxl in read-only mode, keeping what a person sees.

One load of the package, then each sheet's XML is streamed once for values, number formats,
fonts and formulas, and a second time (only when the sheet holds formulas) for the values
Excel cached for them. `<dimension>` is never trusted: rows are read as they come.
Merged ranges come from the same stream (read-only worksheets do not expose them).
"""

from __future__ import annotations

import warnings
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from lsplan.model import Finding, Severity
from lsplan.readers.base import Cell, CellValue, Limits, ReadError, Sheet, Workbook, cell_ref

# Beyond max_rows, empty (styled) rows are skipped only up to this many rows in all, so that a
# sheet of a million formatted empty rows cannot hold the reader.
_SCAN_FACTOR = 2


def read_xlsx(path: str | Path, limits: Limits) -> Workbook:
    """Read every worksheet; raise ReadError (file-corrupt, xml-unsafe) when the read fails."""
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    name = str(path)
    try:
        # A file object, not the name: openpyxl would refuse a workbook whose name does not
        # end in .xlsx, and we go by content. Opened read-only; the input is never written.
        # openpyxl warns (to stderr) about missing default styles and out-of-range dates: the
        # library never prints, and such cells are reported by the checks instead.
        with open(name, "rb") as handle, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(handle, read_only=True, data_only=False, keep_links=False, keep_vba=False)
            try:
                findings: list[Finding] = []
                zero_is_uncalculated = _written_uncalculated(book)
                budget = _Budget()
                read: list[Sheet] = []
                for index, ws in enumerate(book.worksheets):
                    if index >= limits.max_sheets or budget.exhausted:
                        findings.append(_sheets_capped(name, index, len(book.worksheets)))
                        break
                    read.append(_read_sheet(book, ws, limits, zero_is_uncalculated, findings, name, budget))
                sheets = tuple(read)
            finally:
                book.close()
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ParseError, KeyError) as exc:
        raise _read_error(exc, name) from None
    except (ValueError, TypeError, IndexError) as exc:
        # defusedxml's refusals are ValueErrors, which openpyxl wraps in its own ValueError;
        # its descriptors raise ValueError/TypeError for malformed parts (a style index out of
        # range, an attribute of the wrong type): the file is broken, and never "valid".
        raise _read_error(exc, name) from None
    if not sheets:
        raise ReadError.of("not-a-spreadsheet", "The workbook holds no worksheet.", name)
    return Workbook(path=name, format="xlsx", sheets=sheets, findings=tuple(findings))


@dataclass(slots=True)
class _Budget:
    """Cells read so far in the whole workbook (Limits.max_cells / max_scanned_cells)."""

    kept: int = 0
    scanned: int = 0
    exhausted: bool = False


def _sheets_capped(name: str, read: int, total: int) -> Finding:
    return Finding(
        code="sheets-capped",
        severity=Severity.WARNING,
        message=f"Only the first {read} of {total} sheets were read; the rest were ignored.",
        file=name,
    )


def _read_error(exc: BaseException, name: str) -> ReadError:
    """xml-unsafe when defusedxml refused a part anywhere in the chain, else file-corrupt."""
    from defusedxml import DefusedXmlException  # type: ignore[import-untyped]

    chain: BaseException | None = exc
    while chain is not None:
        if isinstance(chain, DefusedXmlException):
            return ReadError.of("xml-unsafe", f"The workbook's XML is unsafe ({type(chain).__name__}).", name)
        chain = chain.__cause__ or chain.__context__
    first_line = str(exc).splitlines()[0] if str(exc) else ""
    return ReadError.of("file-corrupt", f"The file is damaged ({type(exc).__name__}: {first_line}).", name)


def _written_uncalculated(book: Any) -> bool:
    """True for packages whose cached formula values were never computed (xlsxwriter's).

    xlsxwriter stores 0 as every formula's cached value, writes no calcChain and asks Excel
    to recalculate on load; Excel and LibreOffice, once they save, write real values.
    """
    names = set(book._archive.namelist())
    calc = getattr(book, "calculation", None)
    full_calc = bool(getattr(calc, "fullCalcOnLoad", False))
    return full_calc and "xl/calcChain.xml" not in names


def _parser(book: Any, ws: Any, data_only: bool) -> Any:
    from openpyxl.worksheet._reader import WorkSheetParser  # type: ignore[import-untyped]

    return WorkSheetParser(
        ws._get_source(),
        ws._shared_strings,  # the list the reader gave this sheet (book.shared_strings may be empty)
        data_only=data_only,
        epoch=book.epoch,
        date_formats=book._date_formats,
        timedelta_formats=book._timedelta_formats,
    )


def _read_sheet(
    book: Any,
    ws: Any,
    limits: Limits,
    zero_is_uncalculated: bool,
    findings: list[Finding],
    name: str,
    budget: _Budget,
) -> Sheet:
    from openpyxl.cell.read_only import ReadOnlyCell  # type: ignore[import-untyped]

    grid: dict[int, dict[int, Cell]] = {}
    formulas: dict[tuple[int, int], str] = {}
    styles: dict[int, tuple[str, str | None]] = {}  # style id -> (number format, font name)
    capped_rows = capped_cols = capped_cells = False
    stopped_at = 0
    parser = _parser(book, ws, data_only=False)
    try:
        for row_idx, row in parser.parse():
            if row_idx > limits.max_rows:
                if any(c["value"] is not None for c in row) or row_idx > _SCAN_FACTOR * limits.max_rows:
                    capped_rows = True
                    break
                continue
            budget.scanned += len(row)
            budget.kept += sum(1 for c in row if c["value"] is not None)
            if budget.kept > limits.max_cells or budget.scanned > limits.max_scanned_cells:
                capped_cells, stopped_at, budget.exhausted = True, row_idx, True
                break
            for raw in row:
                value = raw["value"]
                col = raw["column"]
                if value is None:
                    continue
                if col > limits.max_cols:
                    capped_cols = True
                    continue
                style_id = raw["style_id"]
                if style_id not in styles:
                    styled = ReadOnlyCell(ws, row_idx, col, value, raw["data_type"], style_id)
                    font_name = styled.font.name if styled.font is not None else None
                    styles[style_id] = (styled.number_format or "General", font_name)
                number_format, font = styles[style_id]
                formula = None
                if raw["data_type"] == "f":
                    formula = value if isinstance(value, str) else str(getattr(value, "text", value))
                    formulas[(row_idx, col)] = formula
                    value = None
                grid.setdefault(row_idx, {})[col] = Cell(
                    row=row_idx,
                    col=col,
                    ref=cell_ref(row_idx, col),
                    value=_plain(value),
                    number_format=number_format,
                    font=font,
                    formula=formula,
                )
        merged = () if capped_rows or capped_cells else _merged(parser)
    finally:
        parser.source.close()
    if formulas:
        _fill_cached_values(book, ws, grid, formulas, zero_is_uncalculated)
    if capped_rows:
        findings.append(
            Finding(
                code="rows-capped",
                severity=Severity.WARNING,
                message=f"Only the first {limits.max_rows:,} rows were read; the rest was ignored.",
                sheet=ws.title,
                file=name,
            )
        )
    if capped_cells:
        findings.append(
            Finding(
                code="cells-capped",
                severity=Severity.WARNING,
                message=f"The workbook holds too many cells (limit {limits.max_cells:,}); reading "
                f"stopped at row {stopped_at:,} of this sheet and the rest was ignored.",
                sheet=ws.title,
                file=name,
            )
        )
    if capped_cols:
        findings.append(
            Finding(
                code="cols-capped",
                severity=Severity.WARNING,
                message=f"Only the first {limits.max_cols:,} columns were read.",
                sheet=ws.title,
                file=name,
            )
        )
    state = str(getattr(ws, "sheet_state", "visible") or "visible")
    return Sheet(name=ws.title, rows=_dense(grid), merged=merged, state=state)


def _fill_cached_values(
    book: Any,
    ws: Any,
    grid: dict[int, dict[int, Cell]],
    formulas: dict[tuple[int, int], str],
    zero_is_uncalculated: bool,
) -> None:
    """Second stream of the sheet: the values Excel cached for its formulas."""
    from dataclasses import replace

    cached: dict[tuple[int, int], CellValue] = {}
    parser = _parser(book, ws, data_only=True)
    try:
        for row_idx, row in parser.parse():
            for raw in row:
                key = (row_idx, raw["column"])
                if key in formulas:
                    cached[key] = raw["value"]
            if len(cached) == len(formulas):
                break
    finally:
        parser.source.close()
    for (row_idx, col), _formula in formulas.items():
        value = _plain(cached.get((row_idx, col)))
        uncalculated = value is None or (zero_is_uncalculated and value in (0, ""))
        cell = grid[row_idx][col]
        grid[row_idx][col] = replace(cell, value=None if uncalculated else value, uncalculated=uncalculated)


def _plain(value: Any) -> CellValue:
    """Cell values as plain Python types (rich text and the like become str)."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    from datetime import date, datetime, time, timedelta

    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, time | timedelta):
        return str(value)
    return str(value)


def _merged(parser: Any) -> tuple[str, ...]:
    merged = parser.merged_cells
    if not merged:
        return ()
    return tuple(str(item.ref) for item in merged.mergeCell)


def _dense(grid: dict[int, dict[int, Cell]]) -> tuple[tuple[Cell | None, ...], ...]:
    if not grid:
        return ()
    width = max(max(cols) for cols in grid.values())
    height = max(grid)
    return tuple(tuple(grid.get(r, {}).get(c) for c in range(1, width + 1)) for r in range(1, height + 1))
