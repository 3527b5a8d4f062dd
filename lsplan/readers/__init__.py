"""The only code that opens submitted spreadsheets: safe open, then one reader per format.

    from lsplan.readers import open_workbook, ReadError
    try:
        book = open_workbook("report.xlsx")
    except ReadError as exc:
        print(exc.finding.code)          # file-encrypted, zip-bomb, not-a-spreadsheet, ...

Detection is by content, not by extension (.xlsx with zipfile and expat, legacy .xls via xlrd, .csv by
its extension once the bytes are text); the input is opened read-only and never changed.
"""

from __future__ import annotations

from pathlib import Path

from lsplan.readers.base import (
    DEFAULT_LIMITS,
    Cell,
    CellValue,
    Limits,
    ReadError,
    Sheet,
    Workbook,
    cell_ref,
    column_letter,
)

__all__ = [
    "DEFAULT_LIMITS",
    "Cell",
    "CellValue",
    "Limits",
    "ReadError",
    "Sheet",
    "Workbook",
    "cell_ref",
    "column_letter",
    "open_workbook",
]


def open_workbook(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Workbook:
    """Read a submitted spreadsheet (xlsx, xls or csv) or raise ReadError with a stable code."""
    from lsplan.readers.safety import sniff

    kind = sniff(path, limits)
    if kind == "xlsx":
        from lsplan.readers.ooxml import read_xlsx

        return read_xlsx(path, limits)
    if kind == "xls":
        from lsplan.readers.xls import read_xls

        return read_xls(path, limits)
    from lsplan.readers.csvfile import read_csv

    return read_csv(path, limits)
