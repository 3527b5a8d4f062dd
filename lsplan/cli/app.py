"""The Typer application object, shared by the command modules that register on it."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="lsplan",
    help="Plan-compliance toolkit for Lạng Sơn: plan targets, quarterly submissions, attainment.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)
