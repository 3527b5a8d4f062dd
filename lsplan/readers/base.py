"""The records every spreadsheet reader returns: cells, sheets, workbooks, and read errors.

This is the contract between the readers and the checks. A reader never interprets values
(numbers are lsplan.numbers' job, legacy encodings lsplan.legacy's): it reports what the file
holds, with the number format and font a person would see in Excel.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lsplan.model import Finding, Severity

CellValue = str | int | float | bool | datetime | None


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds that keep a hostile or broken file from exhausting time or memory."""

    max_file_bytes: int = 20 * 1024 * 1024
    max_uncompressed: int = 200 * 1024 * 1024  # sum of declared sizes of the zip's entries
    max_entries: int = 10_000
    max_ratio: float = 100.0  # uncompressed / compressed, per entry of meaningful size
    max_rows: int = 5_000  # per sheet; beyond it the reader stops with `rows-capped`
    max_cols: int = 200  # per sheet; beyond it columns are dropped with `cols-capped`
    # Per workbook: cells holding a value, and cell elements scanned (empty styled ones too).
    # Beyond either the reader stops with `cells-capped`: at ~15 µs a cell this bounds a
    # hostile workbook to about a second; real reports hold a few thousand cells.
    max_cells: int = 30_000
    max_scanned_cells: int = 60_000
    max_sheets: int = 50  # beyond it the remaining sheets are ignored with `sheets-capped`
    # Declared size of one XML part read besides the worksheets (shared strings, which are held
    # in memory, styles, workbook, relationships), and of one worksheet part (streamed; cells
    # are capped above). Beyond either: `file-too-large`.
    max_part_bytes: int = 8 * 1024 * 1024
    max_sheet_part_bytes: int = 16 * 1024 * 1024
    # Merged ranges, validations, hyperlinks and conditional-format rules in one worksheet:
    # the merged ranges are kept in memory (and openpyxl, which writes templates, built them
    # all: 450,000 merges took 5 s). Real reports hold dozens.
    max_sheet_structures: int = 20_000
    # Work that a small file can multiply (each beyond its cap: `file-too-complex`, refused).
    # Excel itself allows 64,000 cell formats, about 250 custom number formats of up to 255
    # characters, formulas of 8,192 characters and cells of 32,767 characters; the caps sit
    # above what Excel writes, so that only a hand-made (or damaged) file reaches them.
    max_styles: int = 64_000  # cell formats (cellXfs) in styles.xml
    max_fonts: int = 4_096  # fonts in styles.xml (Excel keeps at most 1,024)
    max_number_formats: int = 1_000  # custom number formats (numFmts)
    max_format_chars: int = 512  # characters of one number format code
    max_strings: int = 100_000  # shared strings
    max_text_chars: int = 32_767  # characters of one cell's text
    max_workbook_text_chars: int = 750_000  # text of every cell kept, shared strings counted per use
    max_formula_chars: int = 8_192  # characters of one formula
    max_workbook_formula_chars: int = 4_000_000  # formula text kept, shared formulas as translated
    max_shared_formula_chars: int = 1_000_000  # of which translated from shared formulas (~0.5 s)
    max_sheet_entries: int = 1_000  # sheets the workbook lists (beyond max_sheets: `sheets-capped`)


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True, slots=True)
class Cell:
    row: int  # 1-based
    col: int  # 1-based
    ref: str  # "D12"
    value: CellValue  # the cached value for formulas
    number_format: str = "General"
    font: str | None = None  # font name, e.g. ".VnTime", "VNI-Times" (xlsx only)
    formula: str | None = None  # the formula text ("=SUM(D3:D9)") when the cell holds one
    uncalculated: bool = False  # a formula with no cached value (never calculated)


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str
    rows: tuple[tuple[Cell | None, ...], ...]  # dense grid, rows[r-1][c-1]; None = empty
    merged: tuple[str, ...] = ()  # "A1:H1" ranges
    state: str = "visible"  # "visible" | "hidden" | "veryHidden": a hidden sheet may hold old data
    # 1-based rows and columns the sender hid (a superseded column beside the current one).
    hidden_rows: frozenset[int] = frozenset()
    hidden_cols: frozenset[int] = frozenset()

    def cell(self, row: int, col: int) -> Cell | None:
        """The cell at 1-based (row, col), or None when it is empty or outside the grid."""
        if row < 1 or col < 1 or row > len(self.rows):
            return None
        cells = self.rows[row - 1]
        return cells[col - 1] if col <= len(cells) else None

    @property
    def max_row(self) -> int:
        return len(self.rows)

    @property
    def max_col(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass(frozen=True, slots=True)
class Workbook:
    path: str
    format: str  # "xlsx" | "csv" | "xls" | "ods"
    sheets: tuple[Sheet, ...]
    findings: tuple[Finding, ...] = ()  # warnings found while reading (e.g. rows capped)


class ReadError(Exception):
    """The file cannot be read at all; `finding` says why, with a stable code."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding

    @classmethod
    def of(cls, code: str, message: str, path: str | None = None) -> ReadError:
        return cls(Finding(code=code, severity=Severity.ERROR, message=message, file=path))


def column_letter(col: int) -> str:
    """1 -> "A", 27 -> "AA"."""
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_ref(row: int, col: int) -> str:
    return f"{column_letter(col)}{row}"
