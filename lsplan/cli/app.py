"""The Typer application object, shared by the command modules that register on it.

The command modules are imported on demand: the root group (LazyGroup) knows from
lsplan.cli.commands which module defines which command and imports that module only when the
command is looked up, so `lsplan check` imports lsplan.cli.check_cmds and no other command module
(each costs imports and help-text translation at start-up). `load_all()` imports every one (the
complete app, as `from lsplan.cli import app` gives it).
"""

from __future__ import annotations

import importlib
import inspect
from typing import Annotated, Any, Literal

import typer

from lsplan import __version__, i18n
from lsplan.cli import commands as command_table
from lsplan.cli.failures import FailureGroup

MARKUP: Literal["rich"] = "rich"


class LazyGroup(FailureGroup):
    """The root group: commands from modules imported when a command is first looked up; OS
    errors of any command are a message and exit 2 (FailureGroup)."""

    def list_commands(self, ctx: Any) -> list[str]:
        names = command_table.command_names()
        return names + [name for name in self.commands if name not in names]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands:
            module = command_table.module_of(cmd_name)
            for name in [module] if module is not None else command_table.unlisted_modules():
                load(name)
            self.commands.update(click_commands(exclude=self.commands))
        return self.commands.get(cmd_name)


app = typer.Typer(
    name="lsplan",
    help=command_table.APP_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=MARKUP,
    cls=LazyGroup,
)


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
        typer.Option("--version", callback=_version, is_eager=True, help=i18n._(command_table.VERSION_HELP)),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", callback=_lang, is_eager=True, help=i18n._(command_table.LANG_HELP), show_default=False
        ),
    ] = None,
) -> None:
    """Plan-compliance toolkit for Lạng Sơn province."""


if isinstance(app.info.help, str) and i18n.resolve_lang() != "en":
    app.info.help = i18n._(app.info.help)

_loaded: set[str] = set()
_translated: set[int] = set()  # ids of the command infos whose help is already translated


def load(module: str) -> None:
    """Import lsplan.cli.<module> (its commands register on `app`) and translate their help."""
    if module not in _loaded:
        try:
            importlib.import_module(f"lsplan.cli.{module}")
        except ModuleNotFoundError as exc:  # a command module not written yet
            if exc.name != f"lsplan.cli.{module}":
                raise
        _loaded.add(module)
    _translate_help(app)


def load_all() -> typer.Typer:
    """Import every command module: `app` then holds every command."""
    for module in command_table.modules() + command_table.unlisted_modules():
        load(module)
    return app


def click_commands(exclude: Any = ()) -> dict[str, Any]:
    """Click commands for the commands and groups registered on `app` so far, by name."""
    found: dict[str, Any] = {}
    for info in app.registered_commands:
        name = info.name or typer.main.get_command_name(info.callback.__name__)  # type: ignore[union-attr]
        if name not in exclude:
            found[name] = typer.main.get_command_from_info(
                info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=MARKUP
            )
    for group in app.registered_groups:
        if group.name and group.name not in exclude:
            found[group.name] = typer.main.get_group_from_info(
                group,
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=MARKUP,
                suggest_commands=app.suggest_commands,
            )
    return found


def _translate_help(typer_app: typer.Typer) -> None:
    """Command help in the language of the process: docstrings and group help are English
    msgids (a test checks each has a Vietnamese translation). Cheap: a dictionary look-up each."""
    if i18n.resolve_lang() == "en":
        return
    for command in typer_app.registered_commands:
        if id(command) in _translated:
            continue
        _translated.add(id(command))
        doc = command.help or inspect.getdoc(command.callback)
        if isinstance(doc, str):
            command.help = i18n._(doc)
    for group in typer_app.registered_groups:
        if group.typer_instance is not None and id(group) not in _translated:
            _translated.add(id(group))
            info = group.typer_instance.info
            if isinstance(info.help, str):
                info.help = i18n._(info.help)
            _translate_help(group.typer_instance)
