"""The terminal side of the output: tables that fit the terminal's width without cutting a word,
the outline of `lsplan check` (one line per file, its findings beneath) and the progress bar.
Rich is imported inside the functions, when something is shown.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, cast

from lsplan.render.columns import Column
from lsplan.render.columns import display_text as _display

# Table borders and padding: a column costs 3 characters (1 of padding each side, 1 of border),
# the table 1 more (its last border).
_BOX_COLUMN, _BOX_EDGE = 3, 1


def _words_width(text: str) -> int:
    """The widest word: a column narrower than this would have to cut a word inside."""
    from rich.cells import cell_len

    return max((cell_len(word) for word in text.split()), default=0)


def _lines_width(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(line) for line in text.splitlines()), default=0)


def _header_width(header: str, lines: int = 2) -> int:
    """The narrowest width that shows a header in at most `lines` lines, breaking between words."""
    from rich.cells import cell_len

    words = [cell_len(word) for word in header.split()]
    if not words:
        return 0
    width = max(words)
    while True:
        used, count = 0, 1
        for word in words:
            if used and used + 1 + word > width:
                used, count = word, count + 1
            else:
                used += (1 if used else 0) + word
        if count <= lines:
            return width
        width += 1


@dataclass(frozen=True, slots=True)
class FittedColumn:
    """A column the terminal shows, and its width in characters (borders and padding apart)."""

    column: Column
    width: int


def fit_columns(
    columns: Sequence[Column],
    cells: Sequence[Sequence[str]],
    available: int,
    *,
    wide: bool = False,
    per_column: int = _BOX_COLUMN,
    edge: int = _BOX_EDGE,
) -> list[FittedColumn]:
    """The columns the terminal shows and the width of each, so that no word is cut.

    `cells[i]` are the display texts of `columns[i]`. A column is at least as wide as its longest
    word (its longest text when `no_wrap`), as its header in two lines, and as its `min_width`
    and `min_share` of `available` (but not wider than its longest text). Without `wide`, the
    `wide` columns are left out, and secondary columns with nothing in them, then the ones of
    the highest priority number while the rest do not fit in `available`. The space left goes
    to the columns by priority, in proportion to what each lacks to show its texts on one line
    (up to `max_width`), then to headers. When even the first columns cannot fit, the table is
    wider than `available` rather than cutting a word.
    """
    least: dict[int, int] = {}
    most: dict[int, int] = {}  # the cells on one line (up to max_width)
    header: dict[int, int] = {}  # and the header too
    for i, column in enumerate(columns):
        full = max([_lines_width(column.header), *(_lines_width(t) for t in cells[i])])
        longest = max((_lines_width(t) for t in cells[i]), default=0)
        need = longest if column.no_wrap else max((_words_width(t) for t in cells[i]), default=0)
        # min_width keeps a column readable, but never wider than its longest text
        floor = min(max(column.min_width or 1, int((column.min_share or 0) * available)), full)
        least[i] = max(need, _header_width(column.header), floor, 1)
        most[i] = max(min(longest, column.max_width or longest), least[i])
        header[i] = max(min(full, column.max_width or full), most[i])
    # a secondary column with nothing in any row says nothing: not even its header is shown
    blank = {i for i, c in enumerate(columns) if c.priority > 0 and all(t in ("", "—") for t in cells[i])}
    shown = [i for i, c in enumerate(columns) if (wide or not c.wide) and i not in blank]
    if not shown:  # a table shows at least one column, even of dashes
        shown = [i for i, c in enumerate(columns) if not c.wide][:1] or [0]

    def cost(indexes: list[int]) -> int:
        return sum(least[i] for i in indexes) + per_column * len(indexes) + edge

    while not wide and len(shown) > 1 and cost(shown) > available:
        droppable = [i for i in shown if columns[i].priority > 0]
        if not droppable:
            break
        worst = max(columns[i].priority for i in droppable)
        shown.remove([i for i in droppable if columns[i].priority == worst][-1])
    # a narrow column left out after a wide one of more need fits again once that one is gone
    for i in sorted(set(range(len(columns))) - set(shown) - blank, key=lambda i: columns[i].priority):
        if not wide and not columns[i].wide and cost([*shown, i]) <= available:
            shown = sorted([*shown, i])
    widths = {i: least[i] for i in shown}
    spare = available - cost(shown)
    for level in sorted({columns[i].priority for i in shown}):  # what a reader needs first, first
        spare = _share(spare, [i for i in shown if columns[i].priority == level], widths, most)
    # then headers on one line, when there is room left: the nearest first, so that a few
    # characters set several whole headers straight rather than part of a long one
    for i in sorted(shown, key=lambda i: header[i] - widths[i]):
        step = min(spare, max(header[i] - widths[i], 0))
        if step < header[i] - widths[i]:
            break
        widths[i] += step
        spare -= step
    return [FittedColumn(columns[i], widths[i]) for i in shown]


def _share(spare: int, indexes: list[int], widths: dict[int, int], most: dict[int, int]) -> int:
    """Give `spare` characters to the columns `indexes`, in proportion to what each lacks to
    reach its `most`; return what is left."""
    while spare > 0:
        lacking = {i: most[i] - widths[i] for i in indexes if most[i] > widths[i]}
        if not lacking:
            break
        total = sum(lacking.values())
        given = 0
        for i, lack in lacking.items():
            share = min(lack, spare * lack // total)
            widths[i] += share
            given += share
        if given == 0:  # less spare than columns lacking: one character each, neediest first
            for i in sorted(lacking, key=lambda i: -lacking[i])[:spare]:
                widths[i] += 1
                given += 1
        spare -= given
    return spare


def _cell_texts(rows: Sequence[dict], columns: Sequence[Column]) -> list[list[str]]:
    return [[_display(c, row.get(c.key)) for row in rows] for c in columns]


def _table_width(fitted: Sequence[FittedColumn]) -> int:
    return sum(f.width for f in fitted) + _BOX_COLUMN * len(fitted) + _BOX_EDGE


def rich_table(
    rows: Iterable[dict],
    columns: Sequence[Column],
    title: str | None = None,
    caption: str | None = None,
    *,
    width: int | None = None,
    wide: bool = False,
):
    """A Rich table of the columns that fit in `width` (all of them when `width` is None)."""
    rows = list(rows)
    fitted = fit_columns(
        columns, _cell_texts(rows, columns), width if width is not None else 10**6, wide=wide or width is None
    )
    return _table(rows, fitted, title, caption)


def _table(rows: Sequence[dict], fitted: Sequence[FittedColumn], title: str | None, caption: str | None):
    from rich.table import Table

    table = Table(title=title, caption=caption, show_lines=False, header_style="bold")
    for f in fitted:
        justify = cast(Any, f.column.justify)  # "left" | "right" | "center", as rich's Literal wants
        # Every column is at least as wide as its longest word: "fold" never has to cut one.
        table.add_column(
            f.column.header, justify=justify, style=f.column.style, width=f.width, overflow="fold"
        )
    for row in rows:
        table.add_row(*_row_cells(fitted, row))
    return table


def _row_cells(fitted: Sequence[FittedColumn], row: dict) -> list[Any]:
    """One row's cells as Rich Text: shown as they are (a "[" in a file name is not markup)."""
    from rich.text import Text

    cells = []
    for f in fitted:
        tone = f.column.tone(row) if f.column.tone is not None else None
        cells.append(Text(_display(f.column, row.get(f.column.key)), style=tone or ""))
    return cells


@dataclass(frozen=True, slots=True)
class Outline:
    """A terminal layout of one line per item (`heads`, in `head_columns`), each followed by its
    details (the `details` whose `key` equals the head's), indented and word-wrapped beneath.
    Other formats show the command's rows as a table."""

    heads: Sequence[dict]
    head_columns: Sequence[Column]
    details: Sequence[dict]
    detail_columns: Sequence[Column]
    key: str


_OUTLINE_GAP, _OUTLINE_INDENT = 2, 4


def _grid(fitted: Sequence[FittedColumn]):
    from rich.table import Table

    grid = Table.grid(padding=(0, _OUTLINE_GAP, 0, 0))
    for f in fitted:
        justify = cast(Any, f.column.justify)
        grid.add_column(justify=justify, style=f.column.style, width=f.width, overflow="fold")
    return grid


def _grid_width(fitted: Sequence[FittedColumn]) -> int:
    return sum(f.width for f in fitted) + _OUTLINE_GAP * len(fitted)


def print_outline(
    out: Any, outline: Outline, title: str | None, width: int, wide: bool
) -> list[tuple[Sequence[Column], list[FittedColumn]]]:
    """Print an Outline: the head lines aligned as columns, the details aligned beneath them.
    Returns the columns of each part with the ones shown."""
    from rich.padding import Padding
    from rich.text import Text

    def fit(columns: Sequence[Column], rows: Sequence[dict], room: int) -> list[FittedColumn]:
        return fit_columns(
            columns, _cell_texts(rows, columns), room, wide=wide, per_column=_OUTLINE_GAP, edge=0
        )

    head_fit = fit(outline.head_columns, outline.heads, width)
    detail_fit = fit(outline.detail_columns, outline.details, width - _OUTLINE_INDENT)
    needed = max(_grid_width(head_fit), _OUTLINE_INDENT + _grid_width(detail_fit))
    if not outline.heads:  # nothing to show: the summary on stderr says why
        return [(outline.head_columns, head_fit), (outline.detail_columns, detail_fit)]
    if title:
        out.print(Text(title, style="bold"))
    header = _grid(head_fit)
    header.add_row(*[Text(f.column.header, style="bold") for f in head_fit])
    _print_wider(out, header, needed)
    for head in outline.heads:
        line = _grid(head_fit)
        line.add_row(*_row_cells(head_fit, head))
        _print_wider(out, line, needed)
        details = [d for d in outline.details if d.get(outline.key) == head.get(outline.key)]
        if details:
            block = _grid(detail_fit)
            for detail in details:
                block.add_row(*_row_cells(detail_fit, detail))
            _print_wider(out, Padding(block, (0, 0, 0, _OUTLINE_INDENT)), needed)
    return [(outline.head_columns, head_fit), (outline.detail_columns, detail_fit)]


@contextmanager
def progress(description: str, total: int, minimum: int = 5) -> Iterator[Callable[[Any], None]]:
    """A transient progress bar on stderr over `total` steps; yields the callback to call after
    each step. No bar for fewer than `minimum` steps, nor when stderr is not a terminal (a log
    or a pipe gets no control characters)."""
    from lsplan.render import console

    try:
        interactive = sys.stderr.isatty()
    except (AttributeError, ValueError, OSError):
        interactive = False
    # Decided before any console is made: `check --format json` of one file imports no rich.
    err = console(stderr=True) if total >= minimum and interactive else None
    if err is None or err.is_dumb_terminal:
        yield lambda _step: None
        return
    from rich.progress import Progress

    with Progress(console=err, transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda _step: bar.advance(task)


def _print_wider(out: Any, renderable: Any, needed: int) -> None:
    """Print at the console's width, or wider when `needed` (a word is never cut to fit)."""
    width = out.width
    if needed <= width:
        out.print(renderable)
        return
    out.width = needed  # Console.print(width=...) cannot go past the console's own width
    try:
        out.print(renderable)
    finally:
        out.width = width


def print_tables(
    out: Any,
    rows: Sequence[dict],
    columns: Sequence[Column],
    title: str | None,
    caption: str | None,
    extra_tables: Sequence[tuple[str, Sequence[dict], Sequence[Column]]],
    *,
    wide: bool,
    outline: Outline | None,
    empty: str | None = None,
) -> list[str]:
    """The tables of one result on a console, each fitted to its width (`wide`: every column).
    With no rows and an `empty` sentence, the title and that sentence stand for the first table
    (a reader sees "nothing is lagging", not a frame with nothing in it). Returns the headers of
    the columns left out."""
    hidden: list[str] = []

    def left_out(columns: Sequence[Column], fitted: Sequence[FittedColumn], rows: Sequence[dict]) -> None:
        shown = {id(f.column) for f in fitted}
        for column, texts in zip(columns, _cell_texts(rows, columns), strict=True):
            blank = all(t in ("", "—") for t in texts)
            if id(column) not in shown and not blank and column.header not in hidden:
                hidden.append(column.header)

    def show(table_rows, table_columns, table_title, table_caption=None):
        fitted = fit_columns(table_columns, _cell_texts(table_rows, table_columns), out.width, wide=wide)
        left_out(table_columns, fitted, table_rows)
        _print_wider(out, _table(table_rows, fitted, table_title, table_caption), _table_width(fitted))

    if outline is not None:
        parts = print_outline(out, outline, title, out.width, wide)
        for (columns_left, fitted), part_rows in zip(parts, (outline.heads, outline.details), strict=True):
            left_out(columns_left, fitted, part_rows)
        if caption:
            out.print(caption)
    elif not rows and empty:
        from rich.text import Text

        if title:
            out.print(Text(title, style="bold"))
        out.print(Text(empty))
        if caption:
            out.print(Text(caption, style="dim"))
    else:
        show(rows, columns, title, caption)
    for extra_title, extra_rows, extra_columns in extra_tables:
        if extra_rows:
            show(extra_rows, extra_columns, extra_title)
    return hidden
