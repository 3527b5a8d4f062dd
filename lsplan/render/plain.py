"""The terminal's tables and lines drawn without rich, character for character as rich draws them.

Importing rich and laying out its renderables is about 30 ms, a fifth of a `lsplan check` of one
file (README, "Speed"), and lsplan's terminal output uses a small part of it: lines of text, a
borderless grid (the outline of `check`) and a table with a heavy head (HEAVY_HEAD), in a few
styles, cells already fitted by lsplan.render.terminal.fit_columns. This module draws exactly
those, to the byte: the same characters, line breaks, padding and SGR colour codes as rich, which
tests/test_render_plain.py holds it to on random tables, texts, widths and colour settings.

It is used only where what rich would do is known (`plain_console`; anything else is drawn by
rich through lsplan.render.terminal.RichDrawing):
- not on Windows (rich detects the legacy console and may draw through the Win32 API there), not
  in Jupyter or IDLE, and only on a UTF-8 stream (rich swaps in ASCII borders otherwise);
- every text is "plain" (`plain_text`): characters rich measures as one cell each (Latin with
  Vietnamese letters in NFC, Greek, Cyrillic, common punctuation), and, where rich would read
  markup or :emoji: codes in a string, none of either;
- styles from `_SGR` only (bold, dim, italic, the eight standard colours).
The choice of colour follows rich's own rules, read from the same environment variables
(FORCE_COLOR, TTY_COMPATIBLE, NO_COLOR, TERM, COLUMNS, LINES) and terminal sizes.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any

# Characters rich measures as one cell: its own fast ranges (rich.cells) and the ones its Unicode
# table gives one cell that lsplan's texts use (Vietnamese letters, dashes and quotes, arrows and
# comparison signs); tests/test_render_plain.py checks each against rich.cells.cell_len.
_ONE_CELL_RANGES = (
    (0x20, 0x7E),
    (0xA0, 0xAC),
    (0xAE, 0x2FF),
    (0x370, 0x482),
    (0x1E00, 0x1EFF),  # Latin Extended Additional: ạ ả ấ ầ ẩ ẫ ậ ... ỹ
    (0x2010, 0x2027),  # dashes, quotes, bullet, ellipsis
    (0x2030, 0x205E),
    (0x20AC, 0x20AC),
    (0x2116, 0x2116),
    (0x2190, 0x2193),
    (0x2212, 0x2212),
    (0x2260, 0x2260),
    (0x2264, 0x2265),
    (0x2500, 0x25FC),
)
ONE_CELL = frozenset(chr(code) for start, end in _ONE_CELL_RANGES for code in range(start, end + 1))
_ONE_CELL_OR_NEWLINE = ONE_CELL | {"\n"}
# What rich would read in a string (not in a Text): [markup] and :emoji: codes.
_MARKUP_OR_EMOJI = re.compile(r"\[|:\S*?:")

# The SGR parameters rich writes for these style words, in its order: attributes, then colour.
_ATTRIBUTES = {"bold": 1, "dim": 2, "italic": 3, "underline": 4}
_COLOURS = {
    name: 30 + index
    for index, name in enumerate(("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"))
}


def plain_text(text: str, *, read_as_markup: bool = False) -> bool:
    """True when every character is one cell wide as rich measures it (newlines apart) and, for a
    string rich would parse (`read_as_markup`), it holds no markup and no emoji code."""
    if not _ONE_CELL_OR_NEWLINE.issuperset(text):
        return False
    return not (read_as_markup and _MARKUP_OR_EMOJI.search(text))


def cell_width(text: str) -> int:
    """The cells `text` takes on a terminal, as rich.cells.cell_len measures it."""
    if ONE_CELL.issuperset(text):
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def known_style(style: str | None) -> bool:
    return not style or all(word in _ATTRIBUTES or word in _COLOURS for word in style.split())


def _sgr(style: str | None, no_color: bool) -> str:
    """The SGR codes of a style, as rich.style.Style renders them ('' for none)."""
    if not style:
        return ""
    words = style.split()
    codes = sorted(_ATTRIBUTES[w] for w in set(words) if w in _ATTRIBUTES)
    colours = [_COLOURS[w] for w in words if w in _COLOURS]
    if colours and not no_color:
        codes.append(colours[-1])  # the last colour named wins, as in Style.parse
    return ";".join(str(code) for code in codes)


# --- Text wrapping: rich.text.Text.wrap for one-cell characters ------------------------------

_WORD = re.compile(r"\s*\S+\s*")  # rich._wrap.re_word: a word with the whitespace around it
_TRAILING_SPACE = re.compile(r"\s+$")


def _breaks(line: str, width: int) -> list[int]:
    """rich._wrap.divide_line(line, width, fold=True), every character one cell."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(line):
        start, word = match.start(), match.group()
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:  # longer than a line: folded
            pieces = [word[i : i + width] for i in range(0, len(word), width)]
            for index, piece in enumerate(pieces):
                if start:
                    breaks.append(start)
                if index == len(pieces) - 1:
                    offset = len(piece)
                else:
                    start += len(piece)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    return breaks


def wrap(text: str, width: int, justify: str | None = None) -> list[str]:
    """The lines rich.text.Text.wrap makes of `text` at `width` cells (overflow "fold"):
    `justify` "left", "right" or "center" pads each line to `width`; None leaves it as broken."""
    lines: list[str] = []
    for raw in text.split("\n"):
        pieces = []
        start = 0
        for end in [*_breaks(raw, width), len(raw)]:
            pieces.append(raw[start:end])
            start = end
        for piece in pieces:
            if len(piece) > width:  # Text.rstrip_end: trailing whitespace beyond the width
                space = _TRAILING_SPACE.search(piece)
                if space is not None:
                    piece = piece[: len(piece) - min(len(space.group()), len(piece) - width)]
            if justify == "left":
                piece = piece[:width].ljust(width)
            elif justify == "center":
                piece = piece.rstrip()[:width]
                left = (width - len(piece)) // 2
                piece = (" " * left + piece).ljust(width)
            elif justify == "right":
                piece = piece.rstrip()[:width].rjust(width)
            lines.append(piece[:width])
    return lines


# --- Segments and the console ------------------------------------------------------------------

Segment = tuple[str, str | None]  # a text and its style, as rich.segment.Segment
Line = list[Segment]


@dataclass(frozen=True, slots=True)
class GridColumn:
    """A column drawn at a fixed width (borders and padding apart)."""

    width: int
    justify: str = "left"


class PlainConsole:
    """Writes lines of segments to a stream as rich.console.Console would: SGR codes around each
    styled segment when `colour` (rich's colour system is set), none at all otherwise."""

    def __init__(
        self,
        file: IO[str],
        width: int,
        *,
        colour: bool,
        no_color: bool = False,
        fallback: Callable[[], Any],
    ) -> None:
        self.file = file
        self.width = width
        self.colour = colour  # rich's colour system is set: styles are written as SGR codes
        self.no_color = no_color  # NO_COLOR: styles without their colours (bold stays bold)
        self.fallback = fallback  # the rich Console of the same stream, for what this cannot draw

    def write_lines(self, lines: Iterable[Line]) -> None:
        parts: list[str] = []
        for line in lines:
            for text, style in line:
                codes = _sgr(style, self.no_color) if self.colour and text else ""
                parts.append(f"\x1b[{codes}m{text}\x1b[0m" if codes else text)
            parts.append("\n")
        self.file.write("".join(parts))

    # What print_tables and print_outline draw ------------------------------------------------

    def text(self, text: str, style: str | None = None) -> None:
        """console.print(Text(text, style=style))"""
        self.write_lines([[(line, style)] if line else [] for line in wrap(text, self.width)])

    def string(self, text: str, style: str | None = None, *, markup: bool = True) -> None:
        """console.print(text, style=style) of a plain string (no markup, no emoji code in it)."""
        self.text(text, style)

    def grid(
        self,
        columns: Sequence[GridColumn],
        rows: Sequence[Sequence[Segment]],
        *,
        gap: int,
        indent: int = 0,
    ) -> None:
        """A rich Table.grid(padding=(0, gap, 0, 0)) of fixed-width columns. With `indent`, as
        rich's Padding(grid, (0, 0, 0, indent)) draws it: indented, each line padded to the width."""
        lines: list[Line] = []
        for row in rows:
            cells = [wrap(text, c.width, c.justify) for c, (text, _style) in zip(columns, row, strict=True)]
            height = max(len(cell) for cell in cells)
            for number in range(height):
                line: Line = [(" " * indent, None)] if indent else []
                for index, (column, cell, (_text, style)) in enumerate(zip(columns, cells, row, strict=True)):
                    line.append((cell[number], style) if number < len(cell) else (" " * column.width, None))
                    if index < len(columns) - 1 and gap:
                        line.append((" " * gap, None))
                if indent:
                    used = indent + sum(c.width for c in columns) + gap * (len(columns) - 1)
                    if used < self.width:
                        line.append((" " * (self.width - used), None))
                lines.append(line)
        self.write_lines(lines)

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
        """A rich Table(box=HEAVY_HEAD, padding=(0, 1)) of fixed-width columns, with its title
        (italic) and caption (dim italic) centred over it."""
        widths = [c.width + 2 for c in columns]  # one space of padding each side
        total = sum(widths) + len(widths) + 1
        lines: list[Line] = []
        if title:
            lines += [[(line, "italic")] for line in wrap(title, total, "center")]
        lines.append([("┏" + "┳".join("━" * w for w in widths) + "┓", None)])
        head = [wrap(text, c.width, c.justify) for c, text in zip(columns, header, strict=True)]
        height = max(len(cell) for cell in head)
        for number in range(height):  # header cells sit at the bottom of their row
            line: Line = [("┃", None)]
            for column, cell in zip(columns, head, strict=True):
                blank = height - len(cell)
                if number < blank:
                    line.append((" " * (column.width + 2), header_style))
                else:
                    line += [(" ", header_style), (cell[number - blank], header_style), (" ", header_style)]
                line.append(("┃", None))
            lines.append(line)
        lines.append([("┡" + "╇".join("━" * w for w in widths) + "┩", None)])
        for row in rows:
            cells = [wrap(text, c.width, c.justify) for c, (text, _style) in zip(columns, row, strict=True)]
            height = max(len(cell) for cell in cells)
            for number in range(height):
                line = [("│", None)]
                for column, cell, (_text, style) in zip(columns, cells, row, strict=True):
                    if number < len(cell):
                        line += [(" ", None), (cell[number], style), (" ", None)]
                    else:
                        line.append((" " * (column.width + 2), None))
                    line.append(("│", None))
                lines.append(line)
        lines.append([("└" + "┴".join("─" * w for w in widths) + "┘", None)])
        if caption:
            lines += [[(line, "dim italic")] for line in wrap(caption, total, "center")]
        self.write_lines(lines)


# --- When the terminal can be drawn without rich -----------------------------------------------


def _environment_allows(stream: Any) -> bool:
    from lsplan.consoles import rich_alone_knows

    if rich_alone_knows():
        return False
    encoding = (getattr(stream, "encoding", "utf-8") or "utf-8").lower()
    return encoding.startswith("utf")


def _is_terminal(stream: Any, environ: Mapping[str, str]) -> bool:
    """rich.console.Console.is_terminal"""
    compatible = environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = environ.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    isatty = getattr(stream, "isatty", None)
    try:
        return False if isatty is None else bool(isatty())
    except ValueError:
        return False


def _width(terminal: bool, dumb: bool, environ: Mapping[str, str]) -> int:
    """rich.console.Console.width for a console made without a width (POSIX)."""
    columns = environ.get("COLUMNS")
    fixed = int(columns) if columns is not None and columns.isdigit() else None
    lines = environ.get("LINES")
    if fixed is not None and lines is not None and lines.isdigit():
        return fixed
    if terminal and dumb:
        return 80
    width = None
    for descriptor in (0, 1, 2):
        try:
            width = os.get_terminal_size(descriptor)[0]
        except (AttributeError, ValueError, OSError):
            continue
        break
    if fixed is not None:
        return fixed
    return width or 80


def plain_console(
    stderr: bool = False, *, stream: Any = None, environ: Mapping[str, str] | None = None
) -> PlainConsole | None:
    """A PlainConsole on stdout (or stderr, or `stream`) deciding as rich.console.Console(stderr=
    stderr) would, or None where only rich knows what it would do."""
    if stream is None:
        stream = sys.stderr if stderr else sys.stdout
    if stream is None or not _environment_allows(stream):
        return None
    environ = os.environ if environ is None else environ
    terminal = _is_terminal(stream, environ)
    dumb = environ.get("TERM", "").lower() in ("dumb", "unknown")

    def rich_console() -> Any:
        from lsplan.render import console

        return (
            console(stderr=stderr)
            if stream is (sys.stderr if stderr else sys.stdout)
            else console(file=stream)
        )

    return PlainConsole(
        stream,
        _width(terminal, dumb, environ),
        colour=terminal and not dumb,
        no_color=environ.get("NO_COLOR", "") != "",
        fallback=rich_console,
    )
