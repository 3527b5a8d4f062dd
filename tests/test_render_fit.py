"""lsplan.render.fit_columns and the Rich table it lays out: whatever the texts and the width,
no word is cut, the table is no wider than the terminal when its first columns can fit, and the
columns a reader needs first are the last to go."""

from __future__ import annotations

import io
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from tables import box_tables, joined, normal, read_rows

from lsplan.render import Column, fit_columns, rich_table

# Words as in the shipped data: Vietnamese letters, digits and the punctuation of codes and cells.
LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạếệốộữĐQý0123456789-,.!%()/"
WORD = st.text(alphabet=LETTERS, min_size=1, max_size=14)
TEXT = st.lists(WORD, min_size=0, max_size=12).map(" ".join)
COLUMN = st.builds(
    Column,
    key=st.just(""),
    header=st.lists(WORD, min_size=1, max_size=3).map(" ".join),
    priority=st.integers(0, 3),
    wide=st.booleans(),
    no_wrap=st.booleans(),
    min_width=st.none() | st.integers(1, 30),
    min_share=st.none() | st.floats(0, 0.4),
    max_width=st.none() | st.integers(5, 40),
)


@st.composite
def tables(draw):
    columns = draw(st.lists(COLUMN, min_size=1, max_size=8))
    columns = [  # keys and headers told apart; the first, as in every command, always wanted
        replace(c, key=f"c{i}", header=f"H{i} {c.header}", **({} if i else {"priority": 0, "wide": False}))
        for i, c in enumerate(columns)
    ]
    rows = draw(st.lists(st.fixed_dictionaries({c.key: TEXT for c in columns}), min_size=1, max_size=6))
    return columns, rows


def words(text: str) -> list[str]:
    return text.split()


@settings(max_examples=150, deadline=None)
@given(tables(), st.integers(20, 160), st.booleans())
def test_no_word_is_ever_narrower_than_its_column(table, width: int, wide: bool) -> None:
    columns, rows = table
    cells = [[row[c.key] or "—" for row in rows] for c in columns]
    fitted = fit_columns(columns, cells, width, wide=wide)

    def blank(column: Column) -> bool:
        return all(t == "—" for t in cells[columns.index(column)])

    assert fitted, "at least one column is always shown"
    for f in fitted:
        i = columns.index(f.column)
        longest = max(len(w) for text in [*cells[i], f.column.header] for w in words(text))
        assert f.width >= longest  # a narrower column would have to cut a word
        if f.column.no_wrap:
            assert f.width >= max(len(t) for t in cells[i])
    shown = {f.column.key for f in fitted}
    if not wide:
        assert not any(f.column.wide for f in fitted)
        total = sum(f.width for f in fitted) + 3 * len(fitted) + 1
        dropped = [c for c in columns if c.key not in shown and not c.wide and not blank(c)]
        if total > width:  # wider than the terminal only when nothing more could be left out
            assert all(f.column.priority == 0 for f in fitted) or len(fitted) == 1
        for c in dropped:  # what a reader needs first stays
            assert c.priority > 0
    else:
        assert shown == {c.key for c in columns if c.priority == 0 or not blank(c)}


@settings(max_examples=80, deadline=None)
@given(tables(), st.integers(30, 140))
def test_the_rich_table_shows_each_cell_whole(table, width: int) -> None:
    columns, rows = table
    rows = [{k: v or "x" for k, v in row.items()} for row in rows]
    buffer = io.StringIO()
    out = Console(file=buffer, width=10_000, color_system=None)
    out.print(rich_table(rows, columns, width=width))
    ((header_lines, body),) = box_tables(buffer.getvalue())
    headers = [normal(joined([line[c] for line in header_lines])) for c in range(len(header_lines[0]))]
    by_header = {c.header: c for c in columns}
    shown = [by_header[h] for h in headers if h in by_header]
    assert len(shown) == len(headers)
    read_rows(body, [[row[c.key] for c in shown] for row in rows])
