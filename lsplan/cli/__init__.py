"""The `lsplan` command: parse -> call one library function -> render -> exit.

Command modules register themselves on the shared Typer app when imported. They import the
library lazily inside each command so that `lsplan --help` stays fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

from lsplan import __version__
from lsplan.cli.app import app


def _version(value: bool) -> None:
    if value:
        typer.echo(f"lsplan {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Plan-compliance toolkit for Lạng Sơn province."""


def _register() -> None:
    # Imported for their side effect: each module adds its commands to `app`.
    import importlib

    for name in ("data_cmds", "check_cmds", "store_cmds", "report_cmds"):
        try:
            importlib.import_module(f"lsplan.cli.{name}")
        except ModuleNotFoundError as exc:  # a command module not written yet
            if exc.name != f"lsplan.cli.{name}":
                raise


_register()


def main() -> None:
    app()
