"""Stage "rows with their group context": the rows under a header, each with the headings above it.

Every row below a header becomes a `TableRow` holding the cells of its roles (name, unit,
plan, actual, ratio, same-period) and `context`: the texts of the enclosing group rows,
outermost first. A row's depth comes from its STT ("A" < "I" < "1" < "1.1" < "a)") or its
bullet ("-" < "+" < "*"); unmarked group rows ("Tốc độ tăng trưởng (%)") hold the unmarked
rows below them; "Trong đó:" / "Chia ra:" opens a group under the row just above it, which
the rows below belong to until a row at the parent's depth or shallower comes.

A row whose value cell holds something is never a heading: "Cơ cấu kinh tế: Dịch vụ" with a
figure is a data row whose name is "Dịch vụ" in the group "Cơ cấu kinh tế".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from lsplan import name_forms
from lsplan.reading.noise import SIGNATURE, noise_kind
from lsplan.text import fold, lazy_pattern

if TYPE_CHECKING:
    from lsplan.readers import Cell, Sheet
    from lsplan.reading.celltext import CellText

ROMAN = re.compile(r"^(?=[ivxl]+$)l?x{0,3}(ix|iv|v?i{0,3})$")
# Bullets and numbering in front of a name: the pattern of lsplan.name_forms, whose [ivxlIVXL]
# under re.I compiles to the very same code as the [ivxl] written here before. Sharing the
# compiled object saves compiling it a second time (~0.9 ms a start).
_BULLET = name_forms._BULLET
IN_WHICH = re.compile(r"^\s*(trong đó|trong do|chia ra|bao gồm|gồm)\s*:?\s*", re.I)
_HEADING_WORDS = (
    "co cau",
    "trong do",
    "chia ra",
    "chi tieu kinh te",
    "chi tieu xa hoi",
    "chi tieu moi truong",
)


# Compiled on first use: only a row with a figure and a ":" in its name ("Cơ cấu kinh tế: Dịch vụ")
# is split; compiling it at import cost every start.
_group_prefix = lazy_pattern(r"^(?P<group>[^:]{3,80}):\s*(?P<name>\S.*)$")


# Depths: smaller is outer. Unmarked group rows hold the unmarked rows below them.
_DEPTH_LETTER, _DEPTH_ROMAN, _DEPTH_NUMBER = 0.0, 1.0, 2.0
_DEPTH_UNMARKED_GROUP, _DEPTH_UNMARKED = 5.0, 6.0
_DEPTH_BULLET = {"-": 10.0, "–": 10.0, "—": 10.0, "+": 11.0, "*": 12.0, "•": 12.0}


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
    context: tuple[str, ...] = ()  # the enclosing group rows' texts, outermost first
    heading: bool = False  # a group row: no value, and a heading by its look
    label: str = ""  # the name as matched: no bullet, numbering, "Trong đó:" or group prefix
    noise: str = ""  # not data: "signature", "column-numbers", "header" (lsplan.reading.noise)
    share: Cell | None = None  # the row's "Cơ cấu (%)" cell, when the table has one beside "Giá trị"


def clean_name(name: str) -> str:
    """ "- Trong đó: 1.2. Khách quốc tế" -> "Khách quốc tế": bullets, numbering, "Trong đó:"."""
    text = name.strip()
    for _attempt in range(3):
        cleaned = IN_WHICH.sub("", _BULLET.sub("", text, count=1), count=1)
        if cleaned == text:
            break
        text = cleaned
    return text.strip(" :")


def has_value(cell: Cell | None) -> bool:
    return cell is not None and (cell.value is not None or cell.uncalculated)


def looks_like_heading(row: TableRow, cleaned: str | None = None) -> bool:
    """Roman-numeral or letter STT, an upper-case title, or a structural phrase ending in ":"."""
    stt = fold(row.stt).rstrip(".") if row.stt else ""
    name = clean_name(row.name) if cleaned is None else cleaned
    if stt and (ROMAN.match(stt) or (len(stt) == 1 and stt.isalpha())):
        return True
    letters = [ch for ch in name if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters) and len(letters) > 3:
        return True
    return row.name.rstrip().endswith(":") or fold(name).startswith(_HEADING_WORDS)


_DITTO = {'"', "''", "〃", "”", "“", "„", "nt", "-nt-", "- nt -", "n.t", "như trên", "nhu tren", "-như trên-"}


def is_figure(cell: Cell | None) -> bool:
    """A number, or text that reads as one ("21.583,5")."""
    from lsplan.numbers import parse_number

    value = cell.value if cell is not None else None
    if isinstance(value, bool) or value is None:
        return False
    return isinstance(value, int | float) or parse_number(value).value is not None


def is_ditto(text: str) -> bool:
    """A ditto mark in the unit column: the unit of the row above."""
    key = text.strip().lower()
    return bool(key) and (key in _DITTO or fold(key).strip(" -") in ("nt", "nhu tren"))


def split_group_prefix(name: str) -> tuple[str, str]:
    """ "Cơ cấu kinh tế: Dịch vụ" -> ("Cơ cấu kinh tế", "Dịch vụ"); ("", name) without a prefix.
    "Trong đó: Khách quốc tế" is nesting, not a prefix (clean_name drops it)."""
    text = clean_name(name)
    match = _group_prefix().match(text)
    if not match or IN_WHICH.match(text):
        return "", text
    return match.group("group").strip(), match.group("name").strip(" :")


def _depth(stt: str, name: str) -> float | None:
    """The depth a row's STT or bullet gives it; None for an unmarked row."""
    mark = fold(stt).rstrip(".)").lstrip("(")
    if mark:
        if len(mark) == 1 and mark.isalpha() and stt.strip()[:1].isupper() and mark not in "ivxl":
            return _DEPTH_LETTER
        if ROMAN.match(mark):
            return _DEPTH_ROMAN
        if re.fullmatch(r"\d+(\.\d+)*", mark):
            return _DEPTH_NUMBER + mark.count(".")
        if len(mark) == 1 and mark.isalpha():
            return _DEPTH_NUMBER + 3
    text = name.lstrip()
    if text[:1] in _DEPTH_BULLET:
        return _DEPTH_BULLET[text[:1]]
    numbered = re.match(r"^(\d+(?:\.\d+)*)[.)]\s", text)
    if numbered:
        return _DEPTH_NUMBER + numbered.group(1).count(".")
    roman = re.match(r"^([IVXL]+)[.)]\s", text)
    if roman:
        return _DEPTH_ROMAN
    return None


class ContextTracker:
    """Walks the rows top to bottom and says, for each, the group rows it sits in."""

    def __init__(self) -> None:
        self.stack: list[tuple[float, str]] = []  # (depth, text) of the open groups
        self.previous: tuple[float, str] | None = None  # the last row: a "Trong đó:" opens under it
        # An open "Trong đó:" group: (the parent's depth, its children's depth, whether the first
        # child was marked); unmarked children take the child depth, until the group ends.
        self.frame: tuple[float, float, bool | None] | None = None

    def _pop_to(self, depth: float) -> None:
        while self.stack and self.stack[-1][0] >= depth:
            self.stack.pop()

    def place(self, stt: str, name: str, group: bool, cleaned: str | None = None) -> tuple[str, ...]:
        """The context of this row; the row then becomes a possible parent of the rows below."""
        text = name.strip()
        marker = IN_WHICH.match(_BULLET.sub("", text, count=1))
        if marker:
            if self.previous is not None:
                base = self.previous[0]
                self._pop_to(base)
                self.stack.append(self.previous)
            else:
                base = self.stack[-1][0] if self.stack else 0.0
            label = marker.group(1)
            self.stack.append((base + 0.5, label[:1].upper() + label[1:] + ":"))
            self.frame = (base, base + 0.6, None)
            context = tuple(t for _, t in self.stack)
            return context
        depth = _depth(stt, text)
        if self.frame is not None:
            parent, child, marked = self.frame
            if marked is None:
                self.frame = (parent, child, depth is not None)
                marked = depth is not None
            if depth is None and not marked:
                depth = child
            elif (depth is None and marked) or (depth is not None and depth <= parent):
                self.frame = None  # a sibling of the parent: the "Trong đó" group is over
                self._pop_to(parent + 0.5)
        if depth is None:
            depth = _DEPTH_UNMARKED_GROUP if group else _DEPTH_UNMARKED
        self._pop_to(depth)
        context = tuple(t for _, t in self.stack)
        own = clean_name(text) if cleaned is None else cleaned
        if own:
            self.stack.append((depth, own))
            self.previous = (depth, own)
        return context


def read_rows(
    sheet: Sheet,
    read: CellText,
    columns: dict[str, int],
    actual_col: int | None,
    first: int,
    last: int,
) -> tuple[TableRow, ...]:
    """The rows `first`..`last` (inclusive) of a table; empty rows are left out."""
    name_col = columns["name"]
    rows: list[TableRow] = []
    tracker = ContextTracker()

    def at(cells: tuple, role: str) -> Cell | None:
        col = columns.get(role)
        return cells[col - 1] if col is not None and col <= len(cells) else None

    unit_above = ""
    signed = False  # below a signature line, text rows are names and titles, not data
    for r in range(first, last + 1):
        cells = sheet.rows[r - 1]
        name_cell = cells[name_col - 1] if name_col <= len(cells) else None
        actual = cells[actual_col - 1] if actual_col is not None and actual_col <= len(cells) else None
        name = read(name_cell)
        ident = read(at(cells, "id")) or None
        if not (name or ident or (actual is not None and actual.value is not None)):
            continue
        unit = read(at(cells, "unit"))
        if is_ditto(unit):
            unit = unit_above  # '"', "-nt-", "như trên": the unit of the row above
        elif unit:
            unit_above = unit
        row = TableRow(
            r,
            read(at(cells, "stt")),
            name,
            name_cell,
            ident,
            unit,
            at(cells, "plan"),
            actual,
            at(cells, "ratio"),
            at(cells, "yoy"),
            share=at(cells, "share"),
        )
        noise = ""
        figure = is_figure(actual)
        # Only rows without a figure, or with a name as short as "(2)", can be noise: a data
        # row costs no more than before (5,000 rows in well under a second).
        if not ident and (not figure or len(name) <= 4):
            texts = {c: t for c, cell in enumerate(cells, start=1) if cell is not None and (t := read(cell))}
            noise = noise_kind(texts, actual_col)
            if noise == SIGNATURE:
                signed = True
            elif signed and not figure:
                noise = SIGNATURE
        if noise:
            rows.append(replace(row, noise=noise))
            continue
        cleaned = clean_name(name)
        valued = has_value(actual)
        heading = not valued and not ident and looks_like_heading(row, cleaned)
        # Any row without a figure may hold the unmarked rows below it ("Tốc độ tăng trưởng (%)").
        context = tracker.place(row.stt, name, group=not valued, cleaned=cleaned)
        label = cleaned
        if valued and ":" in cleaned:
            group, label = split_group_prefix(cleaned)
            if group:
                context = (*context, group)  # "Cơ cấu kinh tế: Dịch vụ" is "Dịch vụ" in that group
        rows.append(replace(row, context=context, heading=heading, label=label))
    return tuple(rows)
