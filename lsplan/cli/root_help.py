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


def print_root_help() -> None:
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
    sys.stdout.write("\n")  # click echoes the (empty) rest of the help after typer's panels
