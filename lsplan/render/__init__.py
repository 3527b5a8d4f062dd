"""Every output format rendered in one place.

Commands build a JSON-able payload (the contract tests check) plus a list of flat rows and the
columns to show; `emit` renders them as a Rich table, JSON, CSV, Markdown or XLSX. Data goes to
stdout (or `--output`, written atomically after the whole output is ready); messages and progress
go to stderr. Render never computes: it formats what it is given.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsplan.render.columns import Column
from lsplan.render.columns import display_text as _display
from lsplan.text import lazy_pattern

if TYPE_CHECKING:
    from lsplan.render.terminal import (
        FittedColumn,
        Outline,
        fit_columns,
        print_outline,
        progress,
        rich_table,
    )

# The terminal side (lsplan.render.terminal) is imported when a table is shown, not when a
# command starts: `lsplan.render.Outline` and the rest resolve through __getattr__.
_TERMINAL = ("FittedColumn", "Outline", "fit_columns", "print_outline", "progress", "rich_table")


def __getattr__(name: str) -> Any:
    if name in _TERMINAL:
        from lsplan.render import terminal

        return getattr(terminal, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Column",
    "FittedColumn",
    "OutputFormat",
    "Outline",
    "console",
    "emit",
    "fit_columns",
    "neutralise",
    "print_outline",
    "progress",
    "render_csv",
    "render_markdown",
    "render_xlsx",
    "rich_table",
    "sheet_title",
    "to_json",
    "write_text",
]


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MD = "md"
    XLSX = "xlsx"


# Characters that make a spreadsheet treat a cell as a formula (CSV/formula injection). A leading
# CR or LF counts too: a spreadsheet that trims it would otherwise see the formula behind it.
_FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value: Any) -> Any:
    """Prefix text that a spreadsheet would run as a formula with an apostrophe.

    Numbers are left alone: a negative number is data, not a formula.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_LEAD):
        return "'" + value
    return value


# What an XLSX cell cannot hold (XML 1.0): C0 controls other than TAB, LF, CR; U+FFFE, U+FFFF;
# lone surrogates (a file name in an unknown encoding). openpyxl refuses them with an exception.
# Characters an XLSX cell cannot hold (compiled on first use: ~0.7 ms no table needs).
_xlsx_illegal = lazy_pattern("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _visible_control(match: re.Match[str]) -> str:
    char = match.group()
    return chr(0x2400 + ord(char)) if ord(char) < 0x20 else "\ufffd"  # U+2401 "␁" for U+0001


def xlsx_text(value: Any) -> Any:
    """Text a workbook can hold: each control character is replaced by its visible picture
    (U+0007 -> "␇"), an unencodable character by "\ufffd"; other values unchanged."""
    if isinstance(value, str) and _xlsx_illegal().search(value):
        return _xlsx_illegal().sub(_visible_control, value)
    return value


# Bidirectional embedding, override and isolate controls: text that would reorder what the reader
# sees ("gpj.exe" shown as "exe.jpg"). HTML and Markdown show them instead of obeying them.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def show_bidi(text: str) -> str:
    """Each bidi control replaced by a visible mark: U+202E -> "‹U+202E›"."""
    return _BIDI_CONTROLS.sub(lambda m: f"‹U+{ord(m.group()):04X}›", text)


def html_escape(text: Any, quote: bool = True) -> str:
    """HTML-escaped text with its bidi controls shown (show_bidi), for every text in a page."""
    import html

    return html.escape(show_bidi(str(text)), quote)


def to_json(payload: Any) -> str:
    import json

    return json.dumps(payload, ensure_ascii=False, indent=2, default=_json_default)


def _json_default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _flat(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return value


def render_csv(rows: Iterable[dict], columns: Sequence[Column]) -> str:
    """CSV as RFC 4180 and Excel write it: CRLF line ends, and (QUOTE_MINIMAL) every field that
    holds a CR, an LF, the separator or a quote is quoted, so no text can start a row of its own.
    QUOTE_ALL would quote numbers too, which Excel then reads as text. Neutralised afterwards."""
    buffer = io.StringIO()
    import csv

    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([c.key for c in columns])
    for row in rows:
        writer.writerow([neutralise(_flat(row.get(c.key))) for c in columns])
    return buffer.getvalue()


def render_markdown(rows: Iterable[dict], columns: Sequence[Column], title: str | None = None) -> str:
    def cell(text: str) -> str:
        return show_bidi(text).replace("|", "\\|").replace("\r\n", " ").replace("\r", " ").replace("\n", " ")

    lines = [f"### {cell(title)}", ""] if title else []
    lines.append("| " + " | ".join(cell(c.header) for c in columns) + " |")
    lines.append("|" + "|".join("---:" if c.justify == "right" else "---" for c in columns) + "|")
    for row in rows:
        lines.append("| " + " | ".join(cell(_display(c, row.get(c.key))) for c in columns) + " |")
    return "\n".join(lines) + "\n"


def sheet_title(name: str, used: set[str] | None = None) -> str:
    """A title Excel accepts: none of / \\ ? * [ ] :, no leading or trailing apostrophe, at most
    31 characters, not empty, and unique in the workbook (case-insensitively) when `used` is given."""
    text = "".join("-" if ch in "/\\?*[]:" else ch for ch in xlsx_text(name))
    text = text.strip().strip("'").strip() or "Sheet"
    title, number = text[:31], 2
    while used is not None and title.casefold() in used:
        suffix = f" ({number})"
        title, number = text[: 31 - len(suffix)] + suffix, number + 1
    if used is not None:
        used.add(title.casefold())
    return title


def render_xlsx(path: Path, sheets: Sequence[tuple[str, Sequence[dict], Sequence[Column]]]) -> None:
    """Write rows to an XLSX file; text is neutralised and written as strings, never formulas."""
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Font  # type: ignore[import-untyped]

    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for name, rows, columns in sheets:
        sheet = workbook.create_sheet(title=sheet_title(name, used))
        sheet.append([xlsx_text(c.header) for c in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            values = [xlsx_text(neutralise(_flat(row.get(c.key)))) for c in columns]
            sheet.append(values)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # a string that looks like a formula stays a string
        sheet.freeze_panes = "A2"
    data = workbook_bytes(workbook)
    _atomic_write(path, lambda handle: handle.write(data), binary=True)


def workbook_bytes(workbook: Any) -> bytes:
    """An openpyxl workbook saved in memory: a failing disk then fails one plain write, and no
    half-closed zip file is left to complain on the terminal when it is collected."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def console(stderr: bool = False, file: Any = None):
    from rich.console import Console

    return Console(stderr=stderr, file=file, highlight=False, soft_wrap=False)


def _atomic_write(path: Path, write: Callable[[Any], None], binary: bool = False) -> None:
    """Write through a temporary file in the same folder, then rename: no half-written output
    (lsplan.outputs: one file mode, no temporary file left behind, OS errors as OutputRefused)."""
    from lsplan.outputs import atomic_write

    atomic_write(path, write, binary=binary)


def write_text(path: Path, text: str) -> None:
    _atomic_write(path, lambda handle: handle.write(text))


def emit(
    payload: Any,
    rows: Sequence[dict],
    columns: Sequence[Column],
    fmt: OutputFormat,
    *,
    title: str | None = None,
    caption: str | None = None,
    output: Path | None = None,
    extra_tables: Sequence[tuple[str, Sequence[dict], Sequence[Column]]] = (),
    wide: bool = False,
    outline: Outline | None = None,
    empty: str | None = None,
) -> None:
    """Render one command's result. `extra_tables` are further (title, rows, columns) sections;
    `empty` is what the terminal says in place of a first table with no rows.

    The terminal table shows the columns that fit (`wide`: all of them, wider than the terminal
    if need be) and, given an `outline`, shows it in place of the first table; every other
    format keeps every column.
    """
    if fmt is OutputFormat.XLSX:
        if output is None:
            raise ValueError("--format xlsx needs --output FILE.xlsx")
        render_xlsx(output, [(title or "lsplan", rows, columns), *extra_tables])
        return
    if fmt is OutputFormat.TABLE and output is None:
        from lsplan.render.terminal import print_tables, terminal

        out = terminal()
        hidden = print_tables(
            out, rows, columns, title, caption, extra_tables, wide=wide, outline=outline, empty=empty
        )
        if hidden:  # say what is left out, and how to see it
            from lsplan.i18n import _
            from lsplan.render.terminal import message

            out.file.flush()  # after the table, also where stdout and stderr share a terminal
            text = _("Columns not shown: {columns} (--wide shows them).").format(columns=", ".join(hidden))
            message(terminal(stderr=True), text, "dim")
        return
    if fmt is OutputFormat.JSON:
        text = to_json(payload) + "\n"
    elif fmt is OutputFormat.CSV:
        text = render_csv(rows, columns)
    elif fmt is OutputFormat.MD:
        text = render_markdown(rows, columns, title)
        for extra_title, extra_rows, extra_columns in extra_tables:
            text += "\n" + render_markdown(extra_rows, extra_columns, extra_title)
    else:  # a table written to a file: plain text, no colour codes
        from lsplan.render.plain import PlainConsole
        from lsplan.render.terminal import print_tables

        buffer = io.StringIO()

        def rich_console() -> Any:
            from rich.console import Console

            return Console(file=buffer, width=160, color_system=None)

        file_console = PlainConsole(buffer, 160, colour=False, fallback=rich_console)
        print_tables(
            file_console, rows, columns, title, caption, extra_tables, wide=True, outline=outline, empty=empty
        )
        text = buffer.getvalue()
    if output is not None:
        # A CSV file is opened in Excel, which reads UTF-8 without a byte-order mark as the ANSI
        # code page and garbles every Vietnamese letter; stdout (pipes) gets no BOM.
        write_text(output, ("\ufeff" if fmt is OutputFormat.CSV else "") + text)
    else:
        sys.stdout.write(text)
