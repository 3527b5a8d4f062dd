"""lsplan.render.plain draws what rich draws, byte for byte, where it is used instead of rich.

Each drawing is made twice on random input, once by PlainConsole and once by rich through
RichDrawing, on the same width and colour settings, and the two outputs must be equal: the same
characters, line breaks, padding and SGR codes. The decisions (`plain_console`) are compared with
rich's Console on random environments.
"""

from __future__ import annotations

import io
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.style import Style
from rich.text import Text

from lsplan.render import Column, OutputFormat, emit
from lsplan.render.plain import (
    ONE_CELL,
    GridColumn,
    PlainConsole,
    _sgr,
    cell_width,
    plain_console,
    plain_text,
    wrap,
)
from lsplan.render.terminal import Outline, RichDrawing, print_tables

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Vietnamese letters in NFC, ASCII, digits and the punctuation lsplan's texts carry; spaces of
# several kinds (rich breaks lines at any Unicode whitespace) and newlines.
LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
SYMBOLS = "0123456789.,;:%()-–—…“”'/+×≤≥→•"
word = st.text(alphabet=LETTERS + SYMBOLS, min_size=1, max_size=14)
space = st.sampled_from([" ", " ", " ", "  ", "\u00a0", "\n"])


@st.composite
def sentence(draw, max_words: int = 8) -> str:
    words = draw(st.lists(word, min_size=0, max_size=max_words))
    text = ""
    for item in words:
        text += item + draw(space)
    return text.strip(" ") if draw(st.booleans()) else text


STYLES = st.sampled_from([None, "green", "red", "yellow", "bold", "dim"])
JUSTIFY = st.sampled_from(["left", "right", "center"])
COLOUR = st.sampled_from([(False, False), (True, False), (True, True)])  # (colour, NO_COLOR)


def _rich(
    width: int, colour: bool, no_color: bool, buffer: io.StringIO | None = None
) -> tuple[io.StringIO, Console]:
    buffer = io.StringIO() if buffer is None else buffer
    console = Console(
        file=buffer,
        width=width,
        force_terminal=colour,
        color_system="standard" if colour else None,
        no_color=no_color,
        highlight=False,
        soft_wrap=False,
        _environ={},
    )
    return buffer, console


def _both(width: int, colour: bool, no_color: bool):
    buffer, console = _rich(width, colour, no_color)
    plain_buffer = io.StringIO()
    # what PlainConsole cannot draw, rich draws on the same stream
    plain = PlainConsole(
        plain_buffer,
        width,
        colour=colour,
        no_color=no_color,
        fallback=lambda: _rich(width, colour, no_color, plain_buffer)[1],
    )
    return (plain, plain_buffer), (RichDrawing(console), buffer)


def test_every_one_cell_character_is_one_cell_for_rich() -> None:
    assert all(cell_len(c) == 1 for c in ONE_CELL)
    assert plain_text("Tỷ lệ hộ nghèo – 2025 (≥ 1,5%)")
    assert not plain_text(unicodedata.normalize("NFD", "Tỷ lệ"))  # combining marks: rich measures them
    assert not plain_text("一二")  # wide
    assert not plain_text("a\tb")  # a tab is expanded by rich
    assert not plain_text("[bold]x", read_as_markup=True) and plain_text("[bold]x")
    assert not plain_text("a :smile: b", read_as_markup=True)
    assert cell_width("Tỷ lệ") == 5 and cell_width("一二") == 4


@pytest.mark.parametrize("style", ["bold", "dim", "italic", "dim italic", "green", "bold red", "yellow"])
def test_sgr_codes_are_rich_s(style: str) -> None:
    from rich.color import ColorSystem

    rendered = Style.parse(style).render("x", color_system=ColorSystem.STANDARD)
    assert rendered == f"\x1b[{_sgr(style, False)}mx\x1b[0m"
    without = Style.parse(style).without_color.render("x", color_system=ColorSystem.STANDARD)
    assert without == (f"\x1b[{_sgr(style, True)}mx\x1b[0m" if _sgr(style, True) else "x")


@SETTINGS
@given(
    text=sentence(12), width=st.integers(1, 40), justify=st.sampled_from([None, "left", "right", "center"])
)
def test_wrap_breaks_lines_where_rich_does(text: str, width: int, justify: str | None) -> None:
    console = Console(file=io.StringIO(), width=200)
    expected = [line.plain for line in Text(text).wrap(console, width, justify=justify, overflow="fold")]
    assert wrap(text, width, justify) == expected


@SETTINGS
@given(text=sentence(12), width=st.integers(5, 60), style=STYLES, colour=COLOUR)
def test_a_line_of_text_is_rich_s(text: str, width: int, style: str | None, colour) -> None:
    (plain, plain_out), (rich, rich_out) = _both(width, *colour)
    plain.text(text, style)
    rich.text(text, style)
    plain.string(text, style)
    rich.string(text, style, markup=False)  # as emit prints a message (the texts hold no ":x:")
    assert plain_out.getvalue() == rich_out.getvalue()


@st.composite
def grid_input(draw):
    count = draw(st.integers(1, 5))
    columns = [GridColumn(draw(st.integers(1, 18)), draw(JUSTIFY)) for _ in range(count)]
    rows = draw(
        st.lists(
            st.lists(st.tuples(sentence(4), STYLES), min_size=count, max_size=count), min_size=1, max_size=5
        )
    )
    return columns, rows


@SETTINGS
@given(
    data=grid_input(),
    gap=st.sampled_from([0, 1, 2]),
    indent=st.sampled_from([0, 4]),
    extra=st.integers(0, 20),
    colour=COLOUR,
)
def test_a_grid_is_rich_s(data, gap: int, indent: int, extra: int, colour) -> None:
    columns, rows = data
    width = indent + sum(c.width for c in columns) + gap * (len(columns) - 1) + extra
    (plain, plain_out), (rich, rich_out) = _both(width, *colour)
    plain.grid(columns, rows, gap=gap, indent=indent)
    rich.grid(columns, rows, gap=gap, indent=indent)
    assert plain_out.getvalue() == rich_out.getvalue()


@SETTINGS
@given(
    data=grid_input(),
    header=st.lists(sentence(3), min_size=5, max_size=5),
    title=st.one_of(st.none(), sentence(6)),
    caption=st.one_of(st.none(), sentence(6)),
    extra=st.integers(0, 20),
    colour=COLOUR,
)
def test_a_table_is_rich_s(data, header, title, caption, extra: int, colour) -> None:
    columns, rows = data
    header = header[: len(columns)]
    width = sum(c.width + 3 for c in columns) + 1 + extra
    (plain, plain_out), (rich, rich_out) = _both(width, *colour)
    plain.table(columns, header, rows, title=title, caption=caption)
    rich.table(columns, header, rows, title=title, caption=caption)
    assert plain_out.getvalue() == rich_out.getvalue()


@st.composite
def result_rows(draw):
    keys = ["a", "b", "c", "d"]
    columns = [
        Column("a", draw(sentence(2)) or "A", priority=0),
        Column("b", draw(sentence(2)) or "B", justify="right", no_wrap=draw(st.booleans()), priority=1),
        Column(
            "c",
            draw(sentence(3)) or "C",
            max_width=30,
            priority=2,
            tone=lambda row: "green" if row["d"] else None,
        ),
        Column("d", "D", wide=draw(st.booleans()), priority=3),
    ]
    rows = draw(st.lists(st.fixed_dictionaries({k: sentence(5) for k in keys}), min_size=0, max_size=6))
    return columns, rows


@SETTINGS
@given(
    data=result_rows(),
    width=st.sampled_from([40, 80, 120]),
    wide=st.booleans(),
    outline=st.booleans(),
    colour=COLOUR,
)
def test_print_tables_draws_the_same_with_either(data, width: int, wide: bool, outline: bool, colour) -> None:
    """The whole of a command's terminal output (tables, outline, titles) is the same both ways."""
    columns, rows = data
    layout = Outline(heads=rows[:2], head_columns=columns, details=rows, detail_columns=columns[:3], key="a")
    extra = [("Số liệu", rows, columns)]
    (plain, plain_out), (rich, rich_out) = _both(width, *colour)
    for out in (plain, rich):
        print_tables(
            out,
            rows,
            columns,
            "Tiêu đề",
            "Chú thích",
            extra,
            wide=wide,
            outline=layout if outline else None,
            empty="Không có",
        )
    assert plain_out.getvalue() == rich_out.getvalue()


def test_text_beyond_the_plain_drawing_goes_to_rich() -> None:
    drawn = []
    plain = PlainConsole(
        io.StringIO(), 80, colour=False, fallback=lambda: drawn.append(1) or _rich(80, False, False)[1]
    )
    columns = [Column("a", "Tên")]
    print_tables(plain, [{"a": "Hà Nội"}], columns, "Tiêu đề", None, [], wide=False, outline=None)
    assert not drawn
    for cell, title in (("東京", "Tiêu đề"), ("Hà Nội", "[b]x[/b]")):
        print_tables(plain, [{"a": cell}], columns, title, None, [], wide=False, outline=None)
    assert len(drawn) == 2
    # a tone PlainConsole has no SGR codes for ("blink", a background) is rich's to draw
    toned = [Column("a", "Tên", tone=lambda row: row["tone"])]
    print_tables(plain, [{"a": "Hà Nội", "tone": "green"}], toned, None, None, [], wide=False, outline=None)
    assert len(drawn) == 2
    print_tables(
        plain, [{"a": "Hà Nội", "tone": "blink on red"}], toned, None, None, [], wide=False, outline=None
    )
    assert len(drawn) == 3


class _Stream(io.StringIO):
    def __init__(self, tty: bool, encoding: str = "utf-8") -> None:
        super().__init__()
        self._tty = tty
        self._encoding = encoding

    def isatty(self) -> bool:
        return self._tty

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


ENVIRONMENTS = st.fixed_dictionaries(
    {},
    optional={
        "FORCE_COLOR": st.sampled_from(["", "1", "0"]),
        "NO_COLOR": st.sampled_from(["", "1"]),
        "TERM": st.sampled_from(["xterm-256color", "dumb", "unknown", ""]),
        "COLUMNS": st.sampled_from(["100", "0", "abc", "60"]),
        "LINES": st.sampled_from(["30", "x"]),
        "TTY_COMPATIBLE": st.sampled_from(["0", "1", "2"]),
    },
)


@SETTINGS
@given(environ=ENVIRONMENTS, tty=st.booleans())
def test_the_decisions_are_rich_s(environ: dict[str, str], tty: bool) -> None:
    stream = _Stream(tty)
    plain = plain_console(stream=stream, environ=environ)
    assert plain is not None
    rich_console = Console(file=stream, _environ=environ, highlight=False, soft_wrap=False)
    assert plain.width == rich_console.width
    assert plain.colour == (rich_console.color_system is not None)
    assert plain.no_color == rich_console.no_color


def test_no_plain_drawing_where_rich_alone_knows() -> None:
    assert plain_console(stream=_Stream(True, encoding="cp1252"), environ={}) is None  # ASCII borders


def test_a_table_written_to_a_file_is_the_same_without_rich(tmp_path) -> None:
    columns = [Column("a", "Chỉ tiêu"), Column("b", "Giá trị", justify="right")]
    rows = [{"a": "Tốc độ tăng trưởng GRDP", "b": "8,27"}, {"a": "Tỷ lệ che phủ rừng", "b": "67"}]
    target = tmp_path / "out.txt"
    emit({}, rows, columns, OutputFormat.TABLE, title="lsplan gaps", output=target)
    buffer, console = _rich(160, False, False)
    RichDrawing(console).table(
        [GridColumn(23, "left"), GridColumn(7, "right")],
        ["Chỉ tiêu", "Giá trị"],
        [[(r["a"], None), (r["b"], None)] for r in rows],
        title="lsplan gaps",
    )
    assert target.read_text(encoding="utf-8") == buffer.getvalue()
