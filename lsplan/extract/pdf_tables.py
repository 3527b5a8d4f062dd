"""Tables in a PDF's text: the columns of a page read with its layout, back as "| a | b |" rows.

A PDF has no tables, only words placed on a page. Read plainly (pypdf's default), an annex
table of tasks comes out one cell fragment a line ("Sở Văn", "hóa, Thể", "thao và Du", "lịch"),
and no later stage can tell which agency leads which task. pypdf's layout mode keeps each word
where it stands, so a table's columns line up in the text; this module finds the tables there
and writes each row the way the Word and markdown readers do (lsplan.extract.read.row_line).

A table is found by its header: a line whose first cell is "STT" or "TT" and that holds at
least three more cells separated by two spaces or more, one of them naming the task or target
("Nội dung", "Nhiệm vụ", "Chỉ tiêu", ...). The header's cells give the columns; a header may run
over a few lines ("Đơn vị chủ" / "trì"). A row starts where the first column holds a number
("1", "2.", "I", "II"); the lines below it, with that column empty, continue its cells. The table
ends at a line whose words cross a column boundary (a paragraph of running text) or at the end
of the page. Only pages with such a table are read in layout mode; every other page keeps its
plain text, so nothing changes for plans without tables.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lsplan.text import fold

_GAP = re.compile(r"\S+(?:\s\S+)*")  # a run of words with single spaces: one cell's text
_FIRST = re.compile(r"^(?:stt|tt|so tt)$")
_NAMING = re.compile(r"\b(?:noi dung|nhiem vu|chi tieu|ten|hoat dong|giai phap|cong viec)\b")
_ROW_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]{1,6}\.?|[a-zđ]\))$")


def _cells(line: str) -> list[tuple[int, str]]:
    """(start column, text) of each run of words separated by two spaces or more."""
    return [(m.start(), m.group(0)) for m in _GAP.finditer(line)]


def _header_columns(line: str) -> list[int] | None:
    cells = _cells(line)
    if len(cells) < 4 or not _FIRST.match(fold(cells[0][1])):
        return None
    if not any(_NAMING.search(fold(text)) for _, text in cells[1:]):
        return None
    return [start for start, _ in cells]


def _split(line: str, columns: list[int]) -> list[str] | None:
    """The line's text cut at the columns; None when a word crosses a column boundary."""
    cells = [""] * len(columns)
    for start, text in _cells(line):
        end = start + len(text)
        index = max((i for i, c in enumerate(columns) if c <= start + 1), default=0)
        if index + 1 < len(columns) and end > columns[index + 1] + 1:
            return None  # running text across the columns: not a table line
        cells[index] = f"{cells[index]} {text}".strip()
    return cells


def layout_rows(text: str, row_line: Callable[[list[str]], str]) -> list[str] | None:
    """The page's lines with its tables as rows; None when the page holds no table."""
    lines = text.split("\n")
    out: list[str] = []
    found = False
    i = 0
    while i < len(lines):
        columns = _header_columns(lines[i])
        if columns is None:
            out.append(" ".join(lines[i].split()))
            i += 1
            continue
        found = True
        header = _split(lines[i], columns) or [""] * len(columns)
        i += 1
        rows: list[list[str]] = []
        while i < len(lines):
            line = lines[i]
            if not line.strip():
                i += 1
                continue
            cells = _split(line, columns)
            if cells is None:
                break
            if cells[0] and _ROW_NUMBER.match(cells[0]):
                rows.append(cells)
            elif cells[0]:
                break  # a line that starts at the left and is no row number: the table is over
            elif rows:
                rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=True)]
            else:
                header = [f"{a} {b}".strip() for a, b in zip(header, cells, strict=True)]
            i += 1
        out.append(row_line(header))
        out.extend(row_line(row) for row in rows)
    return out if found else None
