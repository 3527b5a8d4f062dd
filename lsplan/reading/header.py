"""Stage "header and columns": which row is a table's header, and what each column holds.

A header row names the indicator column ("Chỉ tiêu", "Nội dung") and at least one of the
actual, plan or unit columns; a second header row below it (merged cells, "Kế hoạch | Ước TH"
under "Năm 2025") adds its words to the columns it sits under, and a column-number row
("(1) (2) (3)", "A B 1 2 3=2/1") directly below is part of the header. Of several columns of
actual figures, the one of this period is read (`choose_actual`): cumulative first, then the
latest quarter; columns of an earlier year than the report are last year's figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lsplan.periods import PeriodRef, parse_period
from lsplan.text import fold, lazy_pattern

if TYPE_CHECKING:
    from lsplan.readers import Sheet
    from lsplan.reading.celltext import CellText

NUMBERING = re.compile(r"^\(?[a-z0-9]{1,3}\)?$|^\(?\d+\s*[=x*/+-].*\)?$")
_MERGED_CELLS_BUDGET = 200_000


# Compiled on first use: only a header whose next row leaves the name column empty asks whether
# that row is a sub-header; compiling it at import cost every start.
_subheader_words = lazy_pattern(
    r"\b(quy|thang|nam|ke hoach|kh|thuc hien|th|uoc|uth|ck|cung ky|luy ke|so voi|gia tri|co cau|%)\b|%"
    r"|\b(19|20)\d\d\b"  # year sub-columns under "Tốc độ tăng so với cùng kỳ (%)"
)


_UNTIL_DATE = re.compile(r"\bden (ngay )?\d{1,2}/\d{1,2}")


@dataclass(frozen=True, slots=True)
class ValueColumn:
    """A column of actual figures: its header, the period it names and how mature its figures are."""

    col: int
    header: str
    period: PeriodRef | None
    maturity: str  # "estimate" for "Ước thực hiện", "preliminary" for "Thực hiện"
    # "actual" ("Thực hiện", "Ước", "Lũy kế", "Giải ngân đến 31/8"); without one, a table's
    # figures are its "value" ("Giá trị"), "growth" ("Tốc độ tăng so với cùng kỳ (%)") or
    # "share" ("Cơ cấu (%)") column.
    kind: str = "actual"


@dataclass(frozen=True, slots=True)
class Header:
    """A table's header: its first and last rows, the text over each column, the name column."""

    first: int
    last: int
    texts: dict[int, str]
    name_col: int


def classify_header(text: str) -> str | None:
    """The role of a column from its (folded) header text, or None."""
    folded = fold(text)
    words = set(folded.replace("%", " % ").split())
    if not folded:
        return None
    if folded in ("stt", "tt", "so tt", "so thu tu"):
        return "stt"
    if "ma chi tieu" in folded:
        return "id"
    if "ghi chu" in folded:
        return "note"
    if "vai tro" in folded:
        return "role"
    if ("toc do tang" in folded or "tang truong" in folded) and "ke hoach" not in folded:
        return "growth"  # "Tốc độ tăng so với cùng kỳ (%)": the growth itself, 8,5 for 8,5 %
    if "cung ky" in folded or "ck" in words:
        return "yoy"
    if folded.startswith("co cau"):
        return "share"
    if "so voi" in folded or "so sanh" in folded or "ty le" in folded or "%" in words:
        return "ratio"
    if "don vi" in folded or "dvt" in words:
        return "unit"
    if "uoc" in words or "uth" in words or "thuc hien" in folded or "luy ke" in folded or "th" in words:
        return "actual"
    if "ke hoach" in folded or "kh" in words:
        return "plan"
    if "giai ngan" in folded or _UNTIL_DATE.search(folded):
        return "actual"  # "Giải ngân đến 31/8/2025"
    if folded.startswith("gia tri"):
        return "value"
    if "chi tieu" in folded or "noi dung" in folded or "danh muc" in folded:
        return "name"
    return None


def merged_origins(sheet: Sheet, max_row: int) -> dict[tuple[int, int], tuple[int, int]]:
    """(row, col) -> top-left (row, col) for cells inside merged ranges starting above max_row."""
    origins: dict[tuple[int, int], tuple[int, int]] = {}
    for text in sheet.merged:
        if len(origins) > _MERGED_CELLS_BUDGET:
            break  # a hostile sheet of huge merges: the headers of real reports come first
        bounds = range_bounds(text)
        if bounds is None or bounds[0] > max_row:
            continue
        top, left, bottom, right = bounds
        if (bottom - top + 1) * (right - left + 1) > 10_000:  # a hostile merge: ignore it
            continue
        for row in range(top, bottom + 1):
            for col in range(left, right + 1):
                origins[(row, col)] = (top, left)
    return origins


def range_bounds(text: str) -> tuple[int, int, int, int] | None:
    """ "B2:D3" -> (top, left, bottom, right), 1-based; None for anything else."""
    match = re.fullmatch(r"([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)", text.strip().upper())
    if not match:
        return None

    def col(letters: str) -> int:
        number = 0
        for ch in letters:
            number = number * 26 + ord(ch) - 64
        return number

    return int(match.group(2)), col(match.group(1)), int(match.group(4)), col(match.group(3))


def row_texts(
    sheet: Sheet, row: int, read: CellText, origins: dict, width: int | None = None
) -> dict[int, str]:
    """Non-empty texts of a row, with horizontally merged headers spread over their columns.
    `width` is the sheet's max_col (pass it in loops: the property walks every row)."""
    texts: dict[int, str] = {}
    for col in range(1, (sheet.max_col if width is None else width) + 1):
        origin = origins.get((row, col))
        if origin is not None and origin[0] == row:
            text = read(sheet.cell(*origin))
        else:
            text = read(sheet.cell(row, col))
        if text:
            texts[col] = text
    return texts


def header_name_col(texts: dict[int, str]) -> int | None:
    """The name column when the row's texts make a header row, else None."""
    roles = {col: classify_header(text) for col, text in texts.items()}
    if "name" not in roles.values() or not (_VALUE_ROLES & set(roles.values())):
        return None
    return next(col for col, role in roles.items() if role == "name")


def is_subheader(texts: dict[int, str], name_col: int) -> bool:
    if not texts or name_col in texts:
        return False
    return all(isinstance(t, str) and _subheader_words().search(fold(t) + " ") for t in texts.values())


def is_numbering(texts: dict[int, str]) -> bool:
    return bool(texts) and all(len(t) <= 10 and NUMBERING.match(fold(t) or "x") for t in texts.values())


def read_header(sheet: Sheet, row: int, read: CellText, origins: dict, name_col: int, width: int) -> Header:
    """The header starting at `row`: with the sub-header and column-number rows under it."""
    headers = row_texts(sheet, row, read, origins, width)
    last = row
    below = row_texts(sheet, row + 1, read, origins, width)
    if is_subheader({c: t for c, t in below.items() if origins.get((row + 1, c), (0,))[0] != row}, name_col):
        for col, text in below.items():
            if origins.get((row + 1, col), (0,))[0] == row:
                continue  # the same merged cell as above
            headers[col] = f"{headers.get(col, '')} {text}".strip()
        last = row + 1
    if is_numbering(row_texts(sheet, last + 1, read, origins, width)):
        last += 1
    return Header(row, last, headers, name_col)


def value_column(col: int, header: str, kind: str = "actual") -> ValueColumn:
    folded = fold(header)
    maturity = "estimate" if ("uoc" in folded.split() or "uth" in folded.split()) else "preliminary"
    return ValueColumn(col, header, parse_period(header, whole_year=True), maturity, kind)


def columns_of(header: Header) -> tuple[dict[str, int], list[ValueColumn], str]:
    """(role -> column, the columns of actual figures, the plan column's header text)."""
    columns: dict[str, int] = {"name": header.name_col}
    actuals: list[ValueColumn] = []
    plan_header = ""
    for col, text in sorted(header.texts.items()):
        role = classify_header(text)
        if role in ("actual", "growth", "value", "share"):
            actuals.append(value_column(col, text, role))
        elif role is not None and role not in columns:
            columns[role] = col
            if role == "plan":
                plan_header = text
    return columns, actuals, plan_header


_KINDS = ("actual", "value", "growth", "share")
_VALUE_ROLES = {"actual", "plan", "unit", "growth", "value", "share"}


def share_column(columns: list[ValueColumn], chosen: ValueColumn | None) -> ValueColumn | None:
    """ "Cơ cấu (%)" beside "Giá trị": where the shares of a structure are read."""
    if chosen is None or chosen.kind == "share":
        return None
    return next((c for c in columns if c.kind == "share"), None)


def choose_actual(columns: list[ValueColumn], year: int | None) -> tuple[ValueColumn | None, tuple]:
    """The column of this period's actuals: prefer cumulative, then the latest quarter.

    Columns naming an earlier year than the report ("Thực hiện năm 2024") are last year's figures.
    Without an actual column, the "value" column, else the "growth" one of the report's year,
    else the "share" one is read (`ValueColumn.kind`).
    """
    for kind in _KINDS:
        if any(c.kind == kind for c in columns):
            break
    if year is None:
        years = [c.period.year for c in columns if c.kind == kind and c.period and c.period.year]
        year = max(years) if kind == "growth" and years else None  # the latest year sub-column
    current = [
        c
        for c in columns
        if c.kind == kind
        and (c.period is None or c.period.year is None or year is None or c.period.year >= year)
    ]
    if not current:
        return None, tuple(columns)

    def key(c: ValueColumn) -> tuple:
        quarter = c.period.quarter if c.period and c.period.quarter else ""
        return (c.period is not None and c.period.cumulative, quarter, c.col)

    best = max(current, key=key)
    return best, tuple(c for c in columns if c is not best)
