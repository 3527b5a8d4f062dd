"""Layout detection: find the report table in a sheet, whichever of the two layouts it is.

* The **conventional report table** departments already send: a title block ("UBND TỈNH LẠNG SƠN
  / SỞ CÔNG THƯƠNG", "BIỂU TỔNG HỢP ... 6 THÁNG ĐẦU NĂM 2025"), then a header row — found
  wherever it sits, possibly two rows with merged cells — with columns STT | Chỉ tiêu | ĐVT |
  Kế hoạch | (Ước) thực hiện ... | So với kế hoạch (%) | So với cùng kỳ (%) | Ghi chú.
* The **lsplan form** (`lsplan.template`): the same kind of table plus a "Mã chỉ tiêu" column and a
  hidden marker sheet holding the agency id, year and quarter.

This module only finds structure: which cells hold what. Matching names to the catalogue and
judging values is `lsplan.checks`' job. Text typed in legacy encodings (TCVN3, VNI) is converted
here, so that headers typed in .VnTime are recognised too; each converted cell is recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lsplan.periods import PeriodRef, parse_period, parse_year
from lsplan.text import fold, nfc

if TYPE_CHECKING:
    from lsplan.readers import Cell, Sheet, Workbook

MARKER_SHEET = "_lsplan"
MARKER = "lsplan-form"
HEADER_SCAN_ROWS = 40

_NUMBERING = re.compile(r"^\(?[a-z0-9]{1,3}\)?$|^\(?\d+\s*[=x*/+-].*\)?$")
_SUBHEADER_WORDS = re.compile(
    r"\b(quy|thang|nam|ke hoach|kh|thuc hien|th|uoc|uth|ck|cung ky|luy ke|so voi|%)\b|%"
)


@dataclass(frozen=True, slots=True)
class LegacyText:
    ref: str
    encoding: str
    original: str
    converted: str


@dataclass(frozen=True, slots=True)
class ValueColumn:
    """A column of actual figures: its header, the period it names and how mature its figures are."""

    col: int
    header: str
    period: PeriodRef | None
    maturity: str  # "estimate" for "Ước thực hiện", "preliminary" for "Thực hiện"


@dataclass(frozen=True, slots=True)
class TableRow:
    row: int
    stt: str
    name: str
    name_cell: Cell | None
    indicator_id: str | None  # from the form's "Mã chỉ tiêu" column
    unit: str
    plan: Cell | None
    actual: Cell | None
    ratio: Cell | None
    yoy: Cell | None = None  # the sender's "So với cùng kỳ (%)"


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


class _TextReader:
    """Cell text as a person reads it: NFC, legacy encodings converted (and remembered)."""

    def __init__(self) -> None:
        self.legacy: list[LegacyText] = []
        self._seen: set[str] = set()

    def __call__(self, cell: Cell | None) -> str:
        if cell is None or cell.value is None:
            return ""
        value = cell.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if not isinstance(value, str):
            return nfc(str(value))
        text = _nfc_lines(value)
        if text:
            # Detect on the raw text: TCVN3 uses bytes (such as U+00AD for "ư") that NFC clean-up drops.
            encoding = _legacy().detect_legacy(value, cell.font)
            if encoding:
                converted = _nfc_lines(_legacy().to_unicode(value, encoding, cell.font))
                if cell.ref not in self._seen:
                    self._seen.add(cell.ref)
                    self.legacy.append(LegacyText(cell.ref, encoding, text, converted))
                text = converted
        return text


def _legacy():
    import lsplan.legacy

    return lsplan.legacy


def _nfc_lines(text: str) -> str:
    lines = (nfc(line) for line in text.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


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
    if "cung ky" in folded or "ck" in words:
        return "yoy"
    if "so voi" in folded or "so sanh" in folded or "ty le" in folded or "%" in words:
        return "ratio"
    if "don vi" in folded or "dvt" in words:
        return "unit"
    if "uoc" in words or "uth" in words or "thuc hien" in folded or "luy ke" in folded or "th" in words:
        return "actual"
    if "ke hoach" in folded or "kh" in words:
        return "plan"
    if "chi tieu" in folded or "noi dung" in folded or "danh muc" in folded:
        return "name"
    return None


def _merged_origins(sheet: Sheet, max_row: int) -> dict[tuple[int, int], tuple[int, int]]:
    """(row, col) -> top-left (row, col) for cells inside merged ranges starting above max_row."""
    origins: dict[tuple[int, int], tuple[int, int]] = {}
    for text in sheet.merged:
        bounds = _range_bounds(text)
        if bounds is None or bounds[0] > max_row:
            continue
        top, left, bottom, right = bounds
        if (bottom - top + 1) * (right - left + 1) > 10_000:  # a hostile merge: ignore it
            continue
        for row in range(top, bottom + 1):
            for col in range(left, right + 1):
                origins[(row, col)] = (top, left)
    return origins


def _range_bounds(text: str) -> tuple[int, int, int, int] | None:
    match = re.fullmatch(r"([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)", text.strip().upper())
    if not match:
        return None

    def col(letters: str) -> int:
        number = 0
        for ch in letters:
            number = number * 26 + ord(ch) - 64
        return number

    return int(match.group(2)), col(match.group(1)), int(match.group(4)), col(match.group(3))


def _row_texts(sheet: Sheet, row: int, read: _TextReader, origins: dict) -> dict[int, str]:
    """Non-empty texts of a row, with horizontally merged headers spread over their columns."""
    texts: dict[int, str] = {}
    for col in range(1, sheet.max_col + 1):
        origin = origins.get((row, col))
        if origin is not None and origin[0] == row:
            text = read(sheet.cell(*origin))
        else:
            text = read(sheet.cell(row, col))
        if text:
            texts[col] = text
    return texts


def _is_subheader(texts: dict[int, str], name_col: int) -> bool:
    if not texts or name_col in texts:
        return False
    return all(isinstance(t, str) and _SUBHEADER_WORDS.search(fold(t) + " ") for t in texts.values())


def _is_numbering(texts: dict[int, str]) -> bool:
    return bool(texts) and all(len(t) <= 10 and _NUMBERING.match(fold(t) or "x") for t in texts.values())


def _value_column(col: int, header: str) -> ValueColumn:
    folded = fold(header)
    maturity = "estimate" if ("uoc" in folded.split() or "uth" in folded.split()) else "preliminary"
    return ValueColumn(col, header, parse_period(header, whole_year=True), maturity)


def _choose_actual(columns: list[ValueColumn], year: int | None) -> tuple[ValueColumn | None, tuple]:
    """The column of this period's actuals: prefer cumulative, then the latest quarter.

    Columns naming an earlier year than the report ("Thực hiện năm 2024") are last year's figures.
    """
    current = [
        c
        for c in columns
        if c.period is None or c.period.year is None or year is None or c.period.year >= year
    ]
    if not current:
        return None, tuple(columns)

    def key(c: ValueColumn) -> tuple:
        quarter = c.period.quarter if c.period and c.period.quarter else ""
        return (c.period is not None and c.period.cumulative, quarter, c.col)

    best = max(current, key=key)
    return best, tuple(c for c in columns if c is not best)


def find_table(sheet: Sheet) -> Table | None:
    """The report table in a sheet, or None when no header row is found."""
    read = _TextReader()
    scan = min(sheet.max_row, HEADER_SCAN_ROWS)
    origins = _merged_origins(sheet, scan + 1)
    for row in range(1, scan + 1):
        texts = _row_texts(sheet, row, read, origins)
        roles = {col: classify_header(text) for col, text in texts.items()}
        if "name" not in roles.values() or not ({"actual", "plan", "unit"} & set(roles.values())):
            continue
        name_col = next(col for col, role in roles.items() if role == "name")
        headers = dict(texts)
        last = row
        below = _row_texts(sheet, row + 1, read, origins)
        if _is_subheader(
            {c: t for c, t in below.items() if origins.get((row + 1, c), (0,))[0] != row}, name_col
        ):
            for col, text in below.items():
                if origins.get((row + 1, col), (0,))[0] == row:
                    continue  # the same merged cell as above
                headers[col] = f"{headers.get(col, '')} {text}".strip()
            last = row + 1
        if _is_numbering(_row_texts(sheet, last + 1, read, origins)):
            last += 1
        return _build(sheet, read, headers, row, last, name_col)
    return None


def _build(
    sheet: Sheet, read: _TextReader, headers: dict[int, str], first: int, last: int, name_col: int
) -> Table:
    columns: dict[str, int] = {"name": name_col}
    actuals: list[ValueColumn] = []
    plan_header = ""
    for col, text in sorted(headers.items()):
        role = classify_header(text)
        if role == "actual":
            actuals.append(_value_column(col, text))
        elif role is not None and role not in columns:
            columns[role] = col
            if role == "plan":
                plan_header = text
    title_lines = tuple(
        (cell.ref, line)
        for r in range(1, first)
        for cell in sheet.rows[r - 1]
        if cell is not None
        for line in read(cell).split("\n")
        if line
    )
    year = parse_year(plan_header) if plan_header else None
    if year is None:
        year = next((parse_year(line) for _, line in title_lines if parse_year(line)), None)
    actual, others = _choose_actual(actuals, year)
    rows = []
    for r in range(last + 1, sheet.max_row + 1):

        def at(role: str, r: int = r) -> Cell | None:
            return sheet.cell(r, columns[role]) if role in columns else None

        name_cell = sheet.cell(r, name_col)
        ident = read(at("id")) or None
        row = TableRow(
            r,
            read(at("stt")),
            read(name_cell),
            name_cell,
            ident,
            read(at("unit")),
            at("plan"),
            sheet.cell(r, actual.col) if actual else None,
            at("ratio"),
            at("yoy"),
        )
        if row.name or row.indicator_id or (row.actual is not None and row.actual.value is not None):
            rows.append(row)
    return Table(
        sheet.name,
        "report",
        last,
        columns,
        actual,
        others,
        plan_header,
        title_lines,
        tuple(rows),
        tuple(read.legacy),
    )


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
    bounds = _range_bounds(f"{ref}:{ref}")
    if bounds is None:
        return ""
    return _TextReader()(sheet.cell(bounds[0], bounds[1]))


def find_tables(workbook: Workbook) -> list[Table]:
    """Every table in the workbook, the form's marked sheet first; the marker sheet itself is skipped."""
    meta = form_metadata(workbook)
    tables: list[Table] = []
    for sheet in workbook.sheets:
        if sheet.name == MARKER_SHEET:
            continue
        table = find_table(sheet)
        if table is None:
            continue
        if meta is not None and meta.get("sheet", sheet.name) == sheet.name:
            meta = dict(meta)
            if meta.get("maturity_cell"):
                meta["maturity"] = _cell_text(sheet, meta["maturity_cell"])
            table = Table(
                table.sheet,
                "form",
                table.header_row,
                table.columns,
                table.actual,
                table.other_actuals,
                table.plan_header,
                table.title_lines,
                table.rows,
                table.legacy,
                meta,
            )
            tables.insert(0, table)
        else:
            tables.append(table)
    return tables
