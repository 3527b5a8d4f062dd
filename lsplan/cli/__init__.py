"""The `lsplan` command: parse -> call one library function -> render -> exit.

Command modules register themselves on the shared Typer app when imported. They import the
library lazily inside each command so that `lsplan --help` stays fast.

Language: `lsplan --lang vi|en` (or $LSPLAN_LANG; Vietnamese by default) sets the language of the
whole process through `lsplan.i18n.set_lang`. Help texts are built when the command modules are
imported, so a `--lang` on the command line is read here first, before they are defined.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from lsplan import __version__, i18n


def _early_lang(argv: list[str]) -> None:
    try:
        i18n.set_lang(i18n.lang_from_argv(argv))
    except i18n.UnknownLanguage:
        pass  # reported by the root callback as a usage error


_early_lang(sys.argv[1:])

from lsplan.cli.app import app  # noqa: E402 (after the language is known: help texts use it)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"lsplan {__version__}")
        raise typer.Exit()


def _lang(value: str | None) -> str | None:
    try:
        i18n.set_lang(value)
    except i18n.UnknownLanguage as exc:
        raise typer.BadParameter(str(exc)) from None
    return value


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help=i18n._("Show the version and exit.")
        ),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            callback=_lang,
            is_eager=True,
            help=i18n._("Language of all output: vi (default) or en; also $LSPLAN_LANG."),
            show_default=False,
        ),
    ] = None,
) -> None:
    """Plan-compliance toolkit for Lạng Sơn province."""


def _register() -> None:
    # Imported for their side effect: each module adds its commands to `app`.
    import importlib

    for name in ("data_cmds", "check_cmds", "store_cmds", "report_cmds", "remind_cmds"):
        try:
            importlib.import_module(f"lsplan.cli.{name}")
        except ModuleNotFoundError as exc:  # a command module not written yet
            if exc.name != f"lsplan.cli.{name}":
                raise


_register()


def _translate_help() -> None:
    """Command help in the language of the process: docstrings and group help are English
    msgids (a test checks each has a Vietnamese translation). Cheap: a dictionary look-up each."""
    if i18n.resolve_lang() == "en":
        return
    import inspect

    def commands(typer_app: typer.Typer) -> None:
        for command in typer_app.registered_commands:
            doc = command.help or inspect.getdoc(command.callback)
            if isinstance(doc, str):
                command.help = i18n._(doc)
        for group in typer_app.registered_groups:
            if group.typer_instance is not None:
                info = group.typer_instance.info
                if isinstance(info.help, str):
                    info.help = i18n._(info.help)
                commands(group.typer_instance)

    commands(app)
    if isinstance(app.info.help, str):
        app.info.help = i18n._(app.info.help)


_translate_help()


def main() -> None:
    from lsplan.cli.streams import make_standard_streams_safe

    make_standard_streams_safe()  # Vietnamese output on a cp1252 pipe must not end in a traceback
    app()
