"""Read a legacy Excel 97-2003 workbook (.xls, BIFF8) with xlrd, as the xlsx reader does.

Many district offices still save .xls, often typed in `.VnTime` fonts; xlrd (BSD) gives the
values, number formats, fonts and merged ranges. Two differences from .xlsx: xlrd does not
expose formula text, so formula cells carry only the value Excel cached (`formula` is None),
and xlrd parses a whole sheet into memory, so .xls files get a quarter of the size limit.
"""

from __future__ import annotations

import io
import struct
from datetime import datetime
from pathlib import Path
from typing import Any

from lsplan.model import Finding, Severity
from lsplan.readers.base import Cell, CellValue, Limits, ReadError, Sheet, Workbook, cell_ref

XLS_SIZE_SHARE = 4  # .xls files may be at most max_file_bytes / 4


def strip_brackets(replacement: str, text: str) -> str:
    r"""re.sub(r"\[[^]]*\]", replacement, text) in one pass: an unmatched "[" is kept unsearched."""
    last_close = text.rfind("]")
    if last_close < 0:
        return text
    out: list[str] = []
    kept_from = 0
    while True:
        start = text.find("[", kept_from, last_close)
        if start < 0:
            break
        end = text.find("]", start + 1)  # found: start < last_close
        out.append(text[kept_from:start])
        out.append(replacement)
        kept_from = end + 1
    out.append(text[kept_from:])
    return "".join(out)


def read_xls(path: str | Path, limits: Limits) -> Workbook:
    """Read every worksheet of an .xls file, or raise ReadError."""
    import xlrd  # type: ignore[import-untyped]
    import xlrd.formatting  # type: ignore[import-untyped]
    from xlrd.compdoc import CompDocError  # type: ignore[import-untyped]
    from xlrd.formula import FormulaError  # type: ignore[import-untyped]

    # xlrd judges each number format with re.sub(r"\[[^]]*\]"), quadratic on unmatched "[":
    # 50 formats of 4,000 "[" cost 0.4 s, a 5 MB file of them minutes. Same result, linear.
    xlrd.formatting.fmt_bracketed_sub = strip_brackets
    name = str(path)
    with open(name, "rb") as handle:
        data = handle.read(limits.max_file_bytes + 1)
    if len(data) > limits.max_file_bytes // XLS_SIZE_SHARE:
        raise ReadError.of(
            "file-too-large",
            f"The .xls file is {len(data):,} bytes; the limit for .xls is "
            f"{limits.max_file_bytes // XLS_SIZE_SHARE:,} bytes. Save it as .xlsx.",
            name,
        )
    log = io.StringIO()  # xlrd writes its warnings to a log file (stdout by default)
    try:
        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, on_demand=True, ragged_rows=True, logfile=log
        )
        try:
            findings: list[Finding] = []
            sheets = _read_sheets(book, limits, findings, name)
        finally:
            book.release_resources()
    except xlrd.XLRDError as exc:
        raise _classify(str(exc), name) from None
    except (
        CompDocError,
        struct.error,
        IndexError,
        KeyError,
        ValueError,
        TypeError,
        EOFError,
        AssertionError,
        OverflowError,
        LookupError,  # a damaged CODEPAGE record names an encoding that does not exist
        RecursionError,  # a cyclic directory tree in the OLE2 container (hostile or damaged)
        FormulaError,
    ) as exc:
        # xlrd's parser raises these on damaged records (found by fuzzing, see
        # tests/test_readers_xls.py): the file is broken, never "valid".
        message = f"The .xls file is damaged ({type(exc).__name__}: {str(exc)[:80]})."
        raise ReadError.of("file-corrupt", message, name) from None
    if not sheets:
        raise ReadError.of("not-a-spreadsheet", "The workbook holds no worksheet.", name)
    return Workbook(path=name, format="xls", sheets=sheets, findings=tuple(findings))


def _classify(message: str, name: str) -> ReadError:
    lowered = message.lower()
    if "encrypted" in lowered:
        return ReadError.of(
            "file-encrypted", "The workbook is password-protected; save it again without a password.", name
        )
    if "can't find workbook" in lowered or "not supported" in lowered:
        return ReadError.of(
            "not-a-spreadsheet", "The file is an Office document but not an Excel workbook.", name
        )
    return ReadError.of("file-corrupt", f"The .xls file is damaged ({message[:80]}).", name)


def _read_sheets(book: Any, limits: Limits, findings: list[Finding], name: str) -> tuple[Sheet, ...]:
    sheets: list[Sheet] = []
    kept = 0
    for index in range(book.nsheets):
        if index >= limits.max_sheets or kept > limits.max_cells:
            findings.append(
                Finding(
                    code="sheets-capped",
                    severity=Severity.WARNING,
                    message=f"Only the first {index} of {book.nsheets} sheets were read.",
                    file=name,
                )
            )
            break
        xl_sheet = book.sheet_by_index(index)  # xlrd lists worksheets only, not chart sheets
        sheet, kept = _read_sheet(book, xl_sheet, limits, findings, name, kept)
        sheets.append(sheet)
        book.unload_sheet(index)
    return tuple(sheets)


def _read_sheet(
    book: Any, xl_sheet: Any, limits: Limits, findings: list[Finding], name: str, kept: int
) -> tuple[Sheet, int]:
    import xlrd

    rows: list[tuple[Cell | None, ...]] = []
    styles: dict[int, tuple[str, str | None]] = {}
    capped: str | None = None
    for r in range(xl_sheet.nrows):
        if r >= limits.max_rows:
            capped = "rows-capped"
            break
        width = xl_sheet.row_len(r)
        if width > limits.max_cols:
            capped, width = "cols-capped", limits.max_cols
        types, values = xl_sheet.row_types(r, 0, width), xl_sheet.row_values(r, 0, width)
        row: list[Cell | None] = []
        for c in range(width):
            value = _value(types[c], values[c], book.datemode, xlrd)
            if value is None:
                row.append(None)
                continue
            kept += 1
            number_format, font = _style(book, xl_sheet.cell_xf_index(r, c), styles)
            row.append(Cell(r + 1, c + 1, cell_ref(r + 1, c + 1), value, number_format, font))
        rows.append(tuple(row))
        if kept > limits.max_cells:
            capped = "cells-capped"
            break
    if capped:
        findings.append(
            Finding(
                code=capped,
                severity=Severity.WARNING,
                message=f"The sheet is larger than the limits ({capped}); the rest was ignored.",
                sheet=xl_sheet.name,
                file=name,
            )
        )
    while rows and not any(rows[-1]):
        rows.pop()
    width = max((len(row) for row in rows), default=0)
    while width and not any(len(row) >= width and row[width - 1] for row in rows):
        width -= 1
    dense = tuple(row[:width] + (None,) * (width - len(row[:width])) for row in rows)
    merged = tuple(
        f"{cell_ref(rlo + 1, clo + 1)}:{cell_ref(rhi, chi)}" for rlo, rhi, clo, chi in xl_sheet.merged_cells
    )
    state = ("visible", "hidden", "veryHidden")[min(xl_sheet.visibility, 2)]
    hidden_rows = frozenset(r + 1 for r, info in xl_sheet.rowinfo_map.items() if info.hidden)
    hidden_cols = frozenset(c + 1 for c, info in xl_sheet.colinfo_map.items() if info.hidden)
    sheet = Sheet(
        name=xl_sheet.name,
        rows=dense,
        merged=merged,
        state=state,
        hidden_rows=hidden_rows,
        hidden_cols=hidden_cols,
    )
    return sheet, kept


def _value(ctype: int, value: Any, datemode: int, xlrd: Any) -> CellValue:
    if ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if ctype == xlrd.XL_CELL_TEXT:
        return str(value) if value != "" else None
    if ctype == xlrd.XL_CELL_NUMBER:
        number = float(value)
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if ctype == xlrd.XL_CELL_DATE:
        try:
            converted: datetime = xlrd.xldate_as_datetime(value, datemode)
        except (ValueError, OverflowError, xlrd.XLDateError):
            return float(value)
        return converted
    if ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    if ctype == xlrd.XL_CELL_ERROR:
        return str(xlrd.error_text_from_code.get(value, "#ERROR!"))
    return str(value)


def _style(book: Any, xf_index: int, cache: dict[int, tuple[str, str | None]]) -> tuple[str, str | None]:
    if xf_index not in cache:
        number_format, font = "General", None
        if 0 <= xf_index < len(book.xf_list):
            xf = book.xf_list[xf_index]
            fmt = book.format_map.get(xf.format_key)
            number_format = fmt.format_str if fmt is not None and fmt.format_str else "General"
            if 0 <= xf.font_index < len(book.font_list):
                font = book.font_list[xf.font_index].name or None
        cache[xf_index] = (number_format, font)
    return cache[xf_index]
