"""The `lsplan` command: parse -> call one library function -> render -> exit.

Start-up is kept short (README, "Speed"): this package imports nothing heavy. `main()` answers
`lsplan --version` and `lsplan --help` itself, without importing typer or any command module
(lsplan.cli.root_help draws the same help typer would); a plain `lsplan check FILE...` line runs
without typer too (lsplan.cli.fast); every other command goes through the Typer app
(lsplan.cli.app), which imports only the module of the command that runs (the table in
lsplan.cli.commands). The command's own process also reuses the dataclass methods compiled by
earlier runs (lsplan.classcode). `from lsplan.cli import app` gives the complete app, every command module
imported, as tests and Python callers expect.

Language: `lsplan --lang vi|en` (or $LSPLAN_LANG; Vietnamese by default) sets the language of the
whole process through `lsplan.i18n.set_lang`. Help texts are built when the command modules are
imported, so a `--lang` on the command line is read first, before they are defined.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING

from lsplan import __version__

if TYPE_CHECKING:
    from typing import Any


def _early_lang(argv: list[str]) -> None:
    from lsplan import i18n

    try:
        i18n.set_lang(i18n.lang_from_argv(argv))
    except i18n.UnknownLanguage:
        pass  # reported by the root callback as a usage error


def _without_lang(argv: list[str]) -> list[str] | None:
    """`argv` without one leading `--lang X` / `--lang=X` (None when X is not a language)."""
    from lsplan import i18n

    rest = list(argv)
    if rest and rest[0].startswith("--lang="):
        value, rest = rest[0].partition("=")[2], rest[1:]
    elif len(rest) >= 2 and rest[0] == "--lang":
        value, rest = rest[1], rest[2:]
    else:
        return rest
    try:
        i18n.normalise_lang(value)
    except i18n.UnknownLanguage:
        return None  # the root callback says why
    return rest


def main() -> None:
    argv = sys.argv[1:]
    rest = argv if argv == ["--version"] else _without_lang(argv)
    if rest == ["--version"]:
        sys.stdout.write(f"lsplan {__version__}\n")
        return
    _early_lang(argv)
    from lsplan.cli.streams import make_standard_streams_safe

    make_standard_streams_safe()  # Vietnamese output on a cp1252 pipe must not end in a traceback
    if rest == ["--help"]:
        from lsplan.cli.root_help import print_root_help

        print_root_help()
        return
    from lsplan import classcode

    classcode.install()  # dataclasses' methods compiled in an earlier run: ~35 ms of a check
    if rest is not None:
        from lsplan.cli.fast import run_fast

        code = run_fast(rest)  # a plain `lsplan check ...` line, without typer
        if code is not None:
            sys.exit(code)
    from lsplan.cli.app import app as typer_app

    typer_app()


class _Package(types.ModuleType):
    """`lsplan.cli.app` names the complete Typer app, although a submodule has that name too.

    Importing the submodule lsplan.cli.app makes Python bind it as this package's attribute
    `app`; the setter below keeps the attribute for the Typer app instead, so that
    `from lsplan.cli import app` gives the app whatever was imported first."""

    @property
    def app(self) -> Any:
        from lsplan.cli.app import load_all

        return load_all()

    @app.setter
    def app(self, _value: Any) -> None:
        pass


sys.modules[__name__].__class__ = _Package
