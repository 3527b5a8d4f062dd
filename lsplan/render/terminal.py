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
from lsplan.render.plain import (
    GridColumn,
    PlainConsole,
    Segment,
    cell_width,
    known_style,
    plain_console,
    plain_text,
)

# Table borders and padding: a column costs 3 characters (1 of padding each side, 1 of border),
# the table 1 more (its last border).
_BOX_COLUMN, _BOX_EDGE = 3, 1


def _words_width(text: str) -> int:
    """The widest word: a column narrower than this would have to cut a word inside."""
    return max((cell_width(word) for word in text.split()), default=0)


def _lines_width(text: str) -> int:
    return max((cell_width(line) for line in text.splitlines()), default=0)


def _header_width(header: str, lines: int = 2) -> int:
    """The narrowest width that shows a header in at most `lines` lines, breaking between words."""
    words = [cell_width(word) for word in header.split()]
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
    return _rich_table(
        [_grid_column(f) for f in fitted],
        [f.column.header for f in fitted],
        [_row_cells(fitted, row) for row in rows],
        title,
        caption,
    )


def _grid_column(fitted: FittedColumn) -> GridColumn:
    return GridColumn(fitted.width, fitted.column.justify)


def _row_cells(fitted: Sequence[FittedColumn], row: dict) -> list[Segment]:
    """One row's cells as (text, style): shown as they are (a "[" in a file name is not markup)."""
    return [
        (_display(f.column, row.get(f.column.key)), f.column.tone(row) if f.column.tone is not None else None)
        for f in fitted
    ]


def _rich_text(cell: Segment):
    from rich.text import Text

    return Text(cell[0], style=cell[1] or "")


def _rich_table(columns, header, rows, title, caption, header_style: str = "bold"):
    from rich.table import Table

    table = Table(title=title, caption=caption, show_lines=False, header_style=header_style)
    for column, text in zip(columns, header, strict=True):
        # Every column is at least as wide as its longest word: "fold" never has to cut one.
        justify = cast(Any, column.justify)  # "left" | "right" | "center", as rich's Literal wants
        table.add_column(text, justify=justify, width=column.width, overflow="fold")
    for row in rows:
        table.add_row(*[_rich_text(cell) for cell in row])
    return table


class RichDrawing:
    """The drawing operations of lsplan.render.plain.PlainConsole, made by rich: for any stream
    and any text (PlainConsole draws the same, byte for byte, where it can)."""

    def __init__(self, console: Any) -> None:
        self.console = console

    @property
    def width(self) -> int:
        return self.console.width

    @width.setter
    def width(self, width: int) -> None:
        self.console.width = width

    @property
    def file(self) -> Any:
        return self.console.file

    def text(self, text: str, style: str | None = None) -> None:
        from rich.text import Text

        self.console.print(Text(text, style=style or ""))

    def string(self, text: str, style: str | None = None, *, markup: bool = True) -> None:
        """A string printed as a string (rich reads its :emoji: codes, and its markup unless
        `markup` is False)."""
        self.console.print(text, style=style, markup=markup)

    def grid(
        self, columns: Sequence[GridColumn], rows: Sequence[Sequence[Segment]], *, gap: int, indent: int = 0
    ) -> None:
        from rich.table import Table

        grid = Table.grid(padding=(0, gap, 0, 0))
        for column in columns:
            grid.add_column(justify=cast(Any, column.justify), width=column.width, overflow="fold")
        for row in rows:
            grid.add_row(*[_rich_text(cell) for cell in row])
        if indent:
            from rich.padding import Padding

            self.console.print(Padding(grid, (0, 0, 0, indent)))
        else:
            self.console.print(grid)

    def table(
        self,
        columns: Sequence[GridColumn],
        header: Sequence[str],
        rows: Sequence[Sequence[Segment]],
        *,
        title: str | None = None,
        caption: str | None = None,
        header_style: str = "bold",
    ) -> None:
        self.console.print(_rich_table(columns, header, rows, title, caption, header_style))


Drawing = RichDrawing | PlainConsole


def terminal(stderr: bool = False) -> Drawing:
    """Where the terminal output is drawn: without rich when plain_console can, else by rich."""
    from lsplan.render import console

    plain = plain_console(stderr=stderr)
    return plain if plain is not None else RichDrawing(console(stderr=stderr))


def _drawable(
    out: Drawing, texts: Iterable[str], strings: Iterable[str], styles: Iterable[str | None] = ()
) -> Drawing:
    """`out`, or rich's drawing on the same stream when a text or style is beyond PlainConsole (a
    wide character, markup in a string rich would parse, a style it has no SGR codes for)."""
    if isinstance(out, PlainConsole):
        if not (
            all(plain_text(t) for t in texts)
            and all(plain_text(s, read_as_markup=True) for s in strings)
            and all(known_style(style) for style in styles)
        ):
            return RichDrawing(out.fallback())
    return out


def message(out: Drawing, text: str, style: str | None = None) -> None:
    """One message (not markup) on a terminal, wrapped at its width."""
    _drawable(out, (), [text]).string(text, style, markup=False)


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


def _grid_width(fitted: Sequence[FittedColumn]) -> int:
    return sum(f.width for f in fitted) + _OUTLINE_GAP * len(fitted)


def print_outline(
    out: Drawing,
    outline: Outline,
    title: str | None,
    width: int,
    wide: bool,
    cell_texts: Callable[[Sequence[dict], Sequence[Column]], list[list[str]]] = _cell_texts,
) -> list[tuple[Sequence[Column], list[FittedColumn]]]:
    """Print an Outline: the head lines aligned as columns, the details aligned beneath them.
    Returns the columns of each part with the ones shown. `cell_texts` gives the display texts
    (print_tables passes the ones it already made)."""

    def fit(columns: Sequence[Column], rows: Sequence[dict], room: int) -> list[FittedColumn]:
        return fit_columns(
            columns, cell_texts(rows, columns), room, wide=wide, per_column=_OUTLINE_GAP, edge=0
        )

    head_fit = fit(outline.head_columns, outline.heads, width)
    detail_fit = fit(outline.detail_columns, outline.details, width - _OUTLINE_INDENT)
    needed = max(_grid_width(head_fit), _OUTLINE_INDENT + _grid_width(detail_fit))
    if not outline.heads:  # nothing to show: the summary on stderr says why
        return [(outline.head_columns, head_fit), (outline.detail_columns, detail_fit)]
    if title:
        out.text(title, "bold")
    head_columns = [_grid_column(f) for f in head_fit]
    detail_columns = [_grid_column(f) for f in detail_fit]
    with _wider(out, needed):
        out.grid(head_columns, [[(f.column.header, "bold") for f in head_fit]], gap=_OUTLINE_GAP)
        for head in outline.heads:
            out.grid(head_columns, [_row_cells(head_fit, head)], gap=_OUTLINE_GAP)
            details = [d for d in outline.details if d.get(outline.key) == head.get(outline.key)]
            if details:
                rows = [_row_cells(detail_fit, d) for d in details]
                out.grid(detail_columns, rows, gap=_OUTLINE_GAP, indent=_OUTLINE_INDENT)
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


@contextmanager
def _wider(out: Drawing, needed: int) -> Iterator[None]:
    """Draw at the terminal's width, or wider when `needed` (a word is never cut to fit)."""
    width = out.width
    if needed <= width:
        yield
        return
    out.width = needed  # Console.print(width=...) cannot go past the console's own width
    try:
        yield
    finally:
        out.width = width


def print_tables(
    out: Drawing,
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
    parts = (
        [(rows, columns)]
        if outline is None
        else [(outline.heads, outline.head_columns), (outline.details, outline.detail_columns)]
    )
    parts += [(extra_rows, extra_columns) for _title, extra_rows, extra_columns in extra_tables]
    # Each part's display texts, made once: for the check below, the fitting and what is left out.
    made = {
        (id(part_rows), id(part_columns)): _cell_texts(part_rows, part_columns)
        for part_rows, part_columns in parts
    }

    def texts_of(part_rows: Sequence[dict], part_columns: Sequence[Column]) -> list[list[str]]:
        return made.get((id(part_rows), id(part_columns))) or _cell_texts(part_rows, part_columns)

    cell_texts = [text for texts in made.values() for column_texts in texts for text in column_texts]
    strings = [c.header for _rows, part_columns in parts for c in part_columns]
    strings += [text for text in (title, caption, *(t for t, _r, _c in extra_tables)) if text]
    tones = [
        c.tone(row) for part_rows, part_columns in parts for c in part_columns if c.tone for row in part_rows
    ]
    out = _drawable(out, [*cell_texts, empty or ""], strings, tones)

    def left_out(columns: Sequence[Column], fitted: Sequence[FittedColumn], rows: Sequence[dict]) -> None:
        shown = {id(f.column) for f in fitted}
        for column, texts in zip(columns, texts_of(rows, columns), strict=True):
            blank = all(t in ("", "—") for t in texts)
            if id(column) not in shown and not blank and column.header not in hidden:
                hidden.append(column.header)

    def show(table_rows, table_columns, table_title, table_caption=None):
        fitted = fit_columns(table_columns, texts_of(table_rows, table_columns), out.width, wide=wide)
        left_out(table_columns, fitted, table_rows)
        with _wider(out, _table_width(fitted)):
            out.table(
                [_grid_column(f) for f in fitted],
                [f.column.header for f in fitted],
                [_row_cells(fitted, row) for row in table_rows],
                title=table_title,
                caption=table_caption,
            )

    if outline is not None:
        outline_parts = print_outline(out, outline, title, out.width, wide, texts_of)
        for (columns_left, fitted), part_rows in zip(
            outline_parts, (outline.heads, outline.details), strict=True
        ):
            left_out(columns_left, fitted, part_rows)
        if caption:
            out.string(caption)
    elif not rows and empty:
        if title:
            out.text(title, "bold")
        out.text(empty)
        if caption:
            out.text(caption, "dim")
    else:
        show(rows, columns, title, caption)
    for extra_title, extra_rows, extra_columns in extra_tables:
        if extra_rows:
            show(extra_rows, extra_columns, extra_title)
    return hidden
