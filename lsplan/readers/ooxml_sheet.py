"""Stream one worksheet part of an .xlsx into a Sheet: one pass, constant memory per row.

Cells are taken as they come (`<dimension>` is never read); each cell's value, number format,
font, formula text and cached value are known at its end tag. Rows, columns and cells are
capped by `Limits` as the openpyxl reader capped them, with the same findings; parsing stops
at the first cap that ends the read.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from lsplan.model import Finding, Severity
from lsplan.readers.base import Cell, CellValue, Limits, ReadError, Sheet, cell_ref, column_letter
from lsplan.readers.ooxml_parts import MAIN, Package, SheetEntry, Style, open_part, safe_parser, too_complex
from lsplan.readers.ooxml_values import cast_number, from_iso, from_serial
from lsplan.text import lazy_pattern

# Beyond max_rows, empty (styled) rows are skipped only up to this many rows in all, so that a
# sheet of a million formatted empty rows cannot hold the reader.
_SCAN_FACTOR = 2
_ROW, _C, _V, _F, _IS, _T, _R = (MAIN + t for t in ("row", "c", "v", "f", "is", "t", "r"))
_MERGE = MAIN + "mergeCell"
_COL = MAIN + "col"
_TRUE = ("1", "true")
_COLUMNS: dict[str, int] = {}


# Compiled on first use: only a shared formula (its dependants' references) is split, and the
# ~0.3 ms of compiling them at import was paid by every start.
_ref = lazy_pattern(r"(?<![A-Za-z0-9_.$'])(\$?)([A-Z]{1,3})(\$?)([0-9]{1,7})(?![A-Za-z0-9_(!])")


_quoted = lazy_pattern(r"(\"[^\"]*\"|'[^']*')")


@dataclass(slots=True)
class Budget:
    """Cells read so far in the whole workbook (Limits.max_cells / max_scanned_cells), and the
    characters of text and of formulas kept (max_workbook_text_chars / _formula_chars)."""

    kept: int = 0
    scanned: int = 0
    text_chars: int = 0
    formula_chars: int = 0
    shared_formula_chars: int = 0
    exhausted: bool = False


class _Stop(Exception):
    """Raised from a handler to end the parse at a cap."""


def column_index(letters: str) -> int:
    """ "D" -> 4; raise ValueError for anything but 1-3 capital letters."""
    index = _COLUMNS.get(letters)
    if index is None:
        if not 1 <= len(letters) <= 3 or not letters.isascii() or not letters.isupper():
            raise ValueError(f"bad cell reference column {letters[:10]!r}")
        index = 0
        for ch in letters:
            index = index * 26 + ord(ch) - 64
        _COLUMNS[letters] = index
    return index


# A formula as literal text and A1 references (column "$", column, row "$", row).
FormulaTokens = list[str | tuple[str, int, str, int]]


def formula_tokens(formula: str) -> FormulaTokens:
    """Split a formula once, so that each dependant of a shared formula only fills in references."""
    tokens: FormulaTokens = []
    for i, part in enumerate(_quoted().split(formula)):
        if i % 2:  # quoted text: never a reference
            tokens.append(part)
            continue
        pos = 0
        for match in _ref().finditer(part):
            col_abs, letters, row_abs, digits = match.groups()
            tokens.append(part[pos : match.start()])
            tokens.append((col_abs, column_index(letters), row_abs, int(digits)))
            pos = match.end()
        tokens.append(part[pos:])
    return tokens


def shift_tokens(tokens: FormulaTokens, rows: int, cols: int) -> str:
    """The formula of `tokens` as seen `rows` rows and `cols` columns away (relative references moved)."""
    parts = []
    for token in tokens:
        if isinstance(token, str):
            parts.append(token)
            continue
        col_abs, col, row_abs, row = token
        col += 0 if col_abs else cols
        row += 0 if row_abs else rows
        parts.append("#REF!" if col < 1 or row < 1 else f"{col_abs}{column_letter(col)}{row_abs}{row}")
    return "".join(parts)


def shift_formula(formula: str, rows: int, cols: int) -> str:
    """A shared formula's text as seen from a dependant cell: relative A1 references moved."""
    return shift_tokens(formula_tokens(formula), rows, cols)


def read_sheet(
    archive: zipfile.ZipFile,
    entry: SheetEntry,
    package: Package,
    limits: Limits,
    budget: Budget,
    findings: list[Finding],
    name: str,
) -> Sheet:
    reader = _SheetReader(package, limits, budget, name)
    parser = safe_parser()
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.text
    try:
        with open_part(archive, entry.target, limits.max_sheet_part_bytes, name) as stream:
            parser.ParseFile(stream)
    except _Stop:
        pass
    for code, message in reader.caps():
        findings.append(
            Finding(code=code, severity=Severity.WARNING, message=message, sheet=entry.name, file=name)
        )
    merged = () if reader.capped_rows or reader.capped_cells else tuple(reader.merged)
    return Sheet(
        name=entry.name,
        rows=_dense(reader.grid),
        merged=merged,
        state=entry.state,
        hidden_rows=frozenset(reader.hidden_rows),
        hidden_cols=frozenset(reader.hidden_cols),
    )


class _SheetReader:
    """expat handlers; a cell is (col, value, style id, formula text, cached value)."""

    def __init__(self, package: Package, limits: Limits, budget: Budget, name: str) -> None:
        self.strings, self.styles, self.epoch = package.shared_strings, package.styles, package.epoch
        self.zero_is_uncalculated = package.full_calc_on_load and not package.has_calc_chain
        self.limits, self.budget, self.name = limits, budget, name
        self.grid: dict[int, dict[int, Cell]] = {}
        self.merged: list[str] = []
        # si -> (master's tokens, its length, row, col)
        self.shared: dict[str, tuple[FormulaTokens, int, int, int]] = {}
        self.capped_rows = self.capped_cols = self.capped_cells = False
        self.stopped_at = 0
        self.row = self.col = self.depth = self.cell_depth = 0
        self.cells: list[tuple[int, CellValue, int, str | None, CellValue]] = []
        self.sink: list[str] | None = None
        self.hidden_rows: set[int] = set()
        self.hidden_cols: set[int] = set()
        self._reset_cell({})

    def _reset_cell(self, attrs: dict[str, str]) -> None:
        self.kind = attrs.get("t") or "n"
        self.style = int(attrs["s"]) if attrs.get("s") else 0
        self.value: list[str] | None = None
        self.formula: list[str] | None = None
        self.formula_attrs: dict[str, str] = {}
        self.plain: list[str] | None = None
        self.runs: list[str] = []
        self.in_inline = self.in_run = self.has_inline = False

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        self.sink = None  # text is an element's own, before any child (as findtext reads it)
        if self.cell_depth:
            level = self.depth - self.cell_depth
            if level == 1:
                if tag == _V and self.value is None:
                    self.value = self.sink = []
                elif tag == _F and self.formula is None:
                    self.formula = self.sink = []
                    self.formula_attrs = attrs
                elif tag == _IS and not self.has_inline:
                    self.in_inline = self.has_inline = True
            elif self.in_inline and level == 2:
                if tag == _T:
                    self.plain = self.sink = []
                self.in_run = tag == _R
            elif self.in_run and level == 3 and tag == _T:
                self.sink = self.runs
        elif tag == _C:
            self.cell_depth = self.depth
            self._reset_cell(attrs)
            ref = attrs.get("r")
            if ref:
                letters = ref.rstrip("0123456789")
                if letters == ref or not ref[len(letters) :].isascii():
                    raise ValueError(f"bad cell reference {ref[:12]!r}")
                self.col = column_index(letters)
            else:
                self.col += 1
        elif tag == _ROW:
            number = attrs.get("r")
            if number is None:
                self.row += 1
            else:
                try:
                    self.row = int(number)
                except ValueError:
                    as_float = float(number)
                    if not as_float.is_integer():
                        raise
                    self.row = int(as_float)
            self.col = 0
            self.cells = []
            if attrs.get("hidden") in _TRUE:
                self.hidden_rows.add(self.row)
        elif tag == _COL and attrs.get("hidden") in _TRUE:
            try:
                low, high = int(attrs.get("min", "0")), int(attrs.get("max", "0"))
            except ValueError:
                low = high = 0
            # Columns beyond max_cols are not read anyway; a hostile max="16384" costs nothing.
            self.hidden_cols.update(range(max(low, 1), min(high, self.limits.max_cols) + 1))
        elif tag == _MERGE and "ref" in attrs:
            self.merged.append(attrs["ref"])
            if len(self.merged) > self.limits.max_sheet_structures:
                raise ReadError.of(
                    "file-too-large",
                    f"A worksheet holds more than {self.limits.max_sheet_structures:,} merged ranges; "
                    "refused.",
                    self.name,
                )

    def text(self, data: str) -> None:
        if self.sink is not None:
            self.sink.append(data)

    def end(self, tag: str) -> None:
        self.sink = None
        if self.depth == self.cell_depth:
            self.cell_depth = 0
            self._end_cell()
        elif tag == _ROW and not self.cell_depth:
            self._end_row()
        elif self.in_inline and tag == _IS and self.depth == self.cell_depth + 1:
            self.in_inline = False
        elif tag == _R:
            self.in_run = False
        self.depth -= 1

    def _convert(self, raw: str | None) -> CellValue:
        kind = self.kind
        if raw is None:
            if kind == "inlineStr" and self.has_inline:
                return "".join(self.plain or ()) + "".join(self.runs)
            return None
        if kind == "n":
            number = cast_number(raw)
            style = self.styles[self.style] if 0 <= self.style < len(self.styles) else None
            if style is not None and style.is_date and not isinstance(number, str):
                try:
                    return from_serial(number, self.epoch, style.is_duration)
                except (OverflowError, ValueError):
                    return "#VALUE!"
            return number
        if kind == "s":
            return self.strings[int(raw)]
        if kind == "b":
            return bool(int(raw))
        if kind == "d":
            return from_iso(raw)
        return raw  # "str", "e" (#DIV/0!, #N/A, ...) and unknown types: the text itself

    def _end_cell(self) -> None:
        raw = None if self.kind == "inlineStr" else ("".join(self.value) if self.value else None) or None
        cached = self._convert(raw)
        limits = self.limits
        if isinstance(cached, str) and len(cached) > limits.max_text_chars:
            raise too_complex(self.name, "a cell text of more characters", limits.max_text_chars)
        formula = None
        if self.formula is not None:
            formula = self._formula_text("".join(self.formula))
            # Counted as translated: a long shared formula copied to thousands of cells is what
            # cost minutes and gigabytes (90 KB x 3,600 dependants).
            self.budget.formula_chars += len(formula)
            if self.budget.formula_chars > limits.max_workbook_formula_chars:
                raise too_complex(self.name, "formula text", limits.max_workbook_formula_chars)
            first: CellValue = formula
        else:
            first = cached
        self.cells.append((self.col, first, self.style, formula, cached))
        if len(self.cells) > self.limits.max_scanned_cells:
            # One row of a million (styled, empty) cells: judge it now, not at its end tag.
            self._end_row()
            self.cells = []

    def _formula_text(self, text: str) -> str:
        if len(text) > self.limits.max_formula_chars:
            raise too_complex(self.name, "a formula of more characters", self.limits.max_formula_chars)
        attrs = self.formula_attrs
        if attrs.get("t") == "shared":
            index = attrs.get("si", "")
            if index in self.shared:
                tokens, length, row, col = self.shared[index]
                limit = self.limits.max_shared_formula_chars
                self.budget.shared_formula_chars += length
                if self.budget.shared_formula_chars > limit:
                    raise too_complex(self.name, "shared formula text to translate", limit)
                return "=" + shift_tokens(tokens, self.row - row, self.col - col)
            if text:
                self.shared[index] = (formula_tokens(text), len(text), self.row, self.col)
        return "=" + text

    def _end_row(self) -> None:
        limits, budget, cells = self.limits, self.budget, self.cells
        row = self.row
        if row > limits.max_rows:
            if any(c[1] is not None for c in cells) or row > _SCAN_FACTOR * limits.max_rows:
                self.capped_rows = True
                raise _Stop
            return
        budget.scanned += len(cells)
        budget.kept += sum(1 for c in cells if c[1] is not None)
        if budget.kept > limits.max_cells or budget.scanned > limits.max_scanned_cells:
            self.capped_cells, self.stopped_at, budget.exhausted = True, row, True
            raise _Stop
        for col, first, style_id, formula, cached in cells:
            if first is None:
                continue
            if col > limits.max_cols:
                self.capped_cols = True
                continue
            style = self._style(style_id)
            if isinstance(cached, str):
                budget.text_chars += len(cached)
                if budget.text_chars > limits.max_workbook_text_chars:
                    raise too_complex(self.name, "cell text", limits.max_workbook_text_chars)
            value: CellValue
            if formula is None:
                value, uncalculated = first, False
            else:
                uncalculated = cached is None or (self.zero_is_uncalculated and cached in (0, ""))
                value = None if uncalculated else cached
            self.grid.setdefault(row, {})[col] = Cell(
                row=row,
                col=col,
                ref=cell_ref(row, col),
                value=value,
                number_format=style.number_format,
                font=style.font,
                formula=formula,
                uncalculated=uncalculated,
            )

    def _style(self, style_id: int) -> Style:
        if not 0 <= style_id < len(self.styles) or self.styles[style_id].broken:
            raise ReadError.of(
                "file-corrupt", f"The file is damaged (cell style {style_id} is broken).", self.name
            )
        return self.styles[style_id]

    def caps(self) -> list[tuple[str, str]]:
        found = []
        limits = self.limits
        if self.capped_rows:
            found.append(
                ("rows-capped", f"Only the first {limits.max_rows:,} rows were read; the rest was ignored.")
            )
        if self.capped_cells:
            found.append(
                (
                    "cells-capped",
                    f"The workbook holds too many cells (limit {limits.max_cells:,}); reading "
                    f"stopped at row {self.stopped_at:,} of this sheet and the rest was ignored.",
                )
            )
        if self.capped_cols:
            found.append(("cols-capped", f"Only the first {limits.max_cols:,} columns were read."))
        return found


def _dense(grid: dict[int, dict[int, Cell]]) -> tuple[tuple[Cell | None, ...], ...]:
    if not grid:
        return ()
    width = max(max(cols) for cols in grid.values())
    height = max(grid)
    return tuple(tuple(grid.get(r, {}).get(c) for c in range(1, width + 1)) for r in range(1, height + 1))
