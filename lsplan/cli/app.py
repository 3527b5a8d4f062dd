"""The Typer application object, shared by the command modules that register on it."""

from __future__ import annotations

import typer

from lsplan.cli.failures import FailureGroup

app = typer.Typer(
    name="lsplan",
    cls=FailureGroup,  # OS errors of any command: a message and exit 2 (lsplan.cli.failures)
    help="Plan-compliance toolkit for Lạng Sơn: plan targets, quarterly submissions, attainment.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)
