"""`lsplan --help` without typer and without any command module: the same panels that typer's
rich help draws (typer.rich_utils, whose imports alone cost ~60 ms: markdown, tracebacks,
syntax highlighting), built from the table in lsplan.cli.commands with rich's console, panel and
table only. tests/test_cli_lazy.py compares this output with typer's own for both languages.
"""

from __future__ import annotations

import os
import sys

from lsplan import i18n
from lsplan.cli import commands as command_table

# The styles of typer.rich_utils (typer 0.26-0.28), so that colours match the commands' help.
_THEME = {
    "option": "bold cyan",
    "switch": "bold green",
    "negative_option": "bold magenta",
    "negative_switch": "bold red",
    "types": "bold yellow",
    "types_sep": "dim",
    "usage": "yellow",
}


def program_name() -> str:
    """How the program was called, as click writes it in "Usage:" (`lsplan`, `python -m lsplan`)."""
    main = sys.modules.get("__main__")
    path = sys.argv[0] if sys.argv and sys.argv[0] else "lsplan"
    package = getattr(main, "__package__", None)
    if package in (None, ""):
        return os.path.basename(path)
    name = os.path.splitext(os.path.basename(path))[0]
    module = package if name == "__main__" else f"{package}.{name}"
    return f"python -m {module.lstrip('.')}"


def first_paragraph(msgid: str) -> str:
    """The translation of a command's one-line help: the first paragraph of the translated
    docstring whose first paragraph is `msgid` (docstrings are translated whole)."""
    translations = i18n.translator(i18n.resolve_lang())
    direct = translations.gettext(msgid)
    if direct != msgid or i18n.resolve_lang() == "en":
        return direct
    messages = getattr(translations, "_messages", {})
    for english, translated in messages.items():
        if english.partition("\n\n")[0] == msgid:
            return translated.partition("\n\n")[0]
    return msgid


# Everything rich's Console and this module read to decide how the help looks, besides the
# terminal sizes and whether stdout is a terminal (`_snapshot_key`).
_LOOK_VARIABLES = (
    "TERMINAL_WIDTH",
    "GITHUB_ACTIONS",
    "FORCE_COLOR",
    "PY_COLORS",
    "_TYPER_FORCE_DISABLE_TERMINAL",
    "COLUMNS",
    "LINES",
    "TERM",
    "COLORTERM",
    "NO_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "JUPYTER_COLUMNS",
    "JUPYTER_LINES",
    "DATABRICKS_RUNTIME_VERSION",
)


def _snapshot_key() -> str | None:
    """The key of the help as drawn before with exactly these inputs, or None where they cannot
    all be known without rich (Windows consoles, Jupyter, IDLE).

    The help is a pure function of: this module's and lsplan.i18n's code, the command table, the
    language's .po, the program's name and version, rich's files (an upgrade changes them), the
    variables rich and typer read (_LOOK_VARIABLES), whether stdout is a terminal and its
    encoding, and the sizes of the terminals on stdin, stdout and stderr. Any change to any of
    them is another key, so a snapshot is only ever shown for the inputs it was drawn from."""
    from importlib.machinery import PathFinder

    from lsplan.consoles import rich_alone_knows

    if rich_alone_knows():
        return None
    from lsplan import __version__, datacache

    lang = i18n.resolve_lang()
    spec = PathFinder.find_spec("rich")
    if spec is None or not spec.origin:
        return None
    rich_folder = os.path.dirname(spec.origin)
    table = (
        command_table.COMMAND_MODULES,
        command_table.APP_HELP,
        command_table.VERSION_HELP,
        command_table.LANG_HELP,
    )
    parts: list[bytes] = [__version__.encode(), lang.encode(), program_name().encode(), repr(table).encode()]
    try:
        for path in (__file__, i18n.__file__, str(i18n.po_path(lang))):
            with open(path, "rb") as handle:
                parts.append(handle.read())
        for name in ("__init__.py", "console.py", "panel.py", "table.py", "text.py", "columns.py"):
            status = os.stat(os.path.join(rich_folder, name))
            parts.append(f"{name}:{status.st_size}:{status.st_mtime_ns}".encode())
    except OSError:
        return None
    parts += [f"{name}={os.environ.get(name)!r}".encode() for name in _LOOK_VARIABLES]
    try:
        tty = sys.stdout.isatty()
    except (AttributeError, ValueError):
        tty = False
    parts.append(f"tty={tty} encoding={getattr(sys.stdout, 'encoding', None)}".encode())
    for descriptor in (0, 1, 2):
        try:
            parts.append(str(tuple(os.get_terminal_size(descriptor))).encode())
        except (AttributeError, ValueError, OSError):
            parts.append(b"-")
    return datacache.digest(*parts)


class _Recorder:
    """stdout as rich sees it (isatty, encoding, fileno...), also keeping what is written."""

    def __init__(self, stream: object) -> None:
        self._stream = stream
        self.written: list[str] = []

    def write(self, text: str) -> int:
        self.written.append(text)
        return self._stream.write(text)  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def print_root_help() -> None:
    """Print the help; from the user cache when these exact inputs drew it before (`_snapshot_key`:
    drawing it imports rich and lays out three panels, some 80 ms)."""
    from lsplan import datacache

    key = _snapshot_key()
    stored = datacache.get(key, "help") if key else None
    if isinstance(stored, str):
        sys.stdout.write(stored)
        return
    recorder = _Recorder(sys.stdout)
    _draw_root_help(recorder)
    if key:
        datacache.put(key, "".join(recorder.written), "help")


def _draw_root_help(stdout: _Recorder) -> None:
    from rich.align import Align
    from rich.columns import Columns  # as typer wraps option help: it sets the column widths
    from rich.console import Console
    from rich.highlighter import RegexHighlighter
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text
    from rich.theme import Theme

    class OptionHighlighter(RegexHighlighter):
        highlights = [
            r"(^|\W)(?P<switch>\-\w+)(?![a-zA-Z0-9])",
            r"(^|\W)(?P<option>\-\-[\w\-]+)(?![a-zA-Z0-9])",
            r"(?P<types>\<[^\>]+\>)",
            r"(?P<usage>Usage: )",
        ]

    class TypesHighlighter(RegexHighlighter):
        highlights = [
            r"^(?P<types_sep>(\[|<))",
            r"(?P<types_sep>\|)",
            r"(?P<types_sep>(\]|>))(\.\.\.)?$",
        ]

    highlighter, types_highlighter = OptionHighlighter(), TypesHighlighter()
    terminal_width = os.environ.get("TERMINAL_WIDTH")
    force_terminal = (
        True
        if (os.environ.get("GITHUB_ACTIONS") or os.environ.get("FORCE_COLOR") or os.environ.get("PY_COLORS"))
        else None
    )
    if os.environ.get("_TYPER_FORCE_DISABLE_TERMINAL"):
        force_terminal = False
    console = Console(
        theme=Theme(_THEME),
        highlighter=highlighter,
        color_system="auto",
        force_terminal=force_terminal,
        width=int(terminal_width) if terminal_width else None,
        file=stdout,  # type: ignore[arg-type]  # sys.stdout, recorded
    )
    _ = i18n.translator(i18n.resolve_lang()).gettext

    def text(markup: str) -> Text:
        return highlighter(Text.from_markup(markup, style="", emoji=False))  # no :emoji: codes here

    console.print(
        Padding(highlighter(f"Usage: {program_name()} [OPTIONS] COMMAND [ARGS]..."), 1), style="bold"
    )
    console.print(Padding(Align(text(_(command_table.APP_HELP)), pad=False), (0, 1, 1, 1)))

    def panel_table(highlight: bool) -> Table:
        """The borderless grid typer draws inside each panel."""
        return Table(
            highlight=highlight,
            show_header=False,
            expand=True,
            box=None,
            show_lines=False,
            leading=0,
            border_style=None,
            row_styles=None,
            pad_edge=False,
            padding=(0, 1),
        )

    options = panel_table(highlight=True)
    for name, kind, help_text in (
        ("--version", "", _(command_table.VERSION_HELP)),
        ("--lang", "<str>", _(command_table.LANG_HELP)),
        ("--help", "", "Show this message and exit."),
    ):
        options.add_row(
            highlighter(name),
            highlighter(""),
            highlighter(""),
            highlighter(""),
            types_highlighter(Text(kind, style="bold yellow", overflow="fold")),
            Columns([text(help_text)]),
        )
    console.print(Panel(options, border_style="dim", title="Options", title_align="left"))

    names = command_table.command_names()
    listing = panel_table(highlight=False)
    listing.add_column(style="bold cyan", no_wrap=True, width=max(len(n) for n in names))
    listing.add_column("Description", justify="left", no_wrap=False, ratio=10)
    for _module, entries in command_table.COMMAND_MODULES:
        for name, msgid in entries:
            listing.add_row(Text(name), text(first_paragraph(msgid).strip()))
    console.print(Panel(listing, border_style="dim", title="Commands", title_align="left"))
    stdout.write("\n")  # click echoes the (empty) rest of the help after typer's panels
