"""The last line of defence of every command: an OS error is a message and exit 2, never a traceback.

A command checks what it can before doing any work (`store_common.guard_output`); what the system
refuses later (a full disk, a folder removed meanwhile, a file that cannot be opened) reaches here
as `OutputRefused` or `OSError` and becomes `error: ... [code]` on stderr with exit code 2, the
code the README gives for "cannot run: usage, unreadable input, unusable store or output". A broken
pipe (`lsplan gaps | head`) is left to Click, which ends quietly. The messages are
lsplan.cli.exits.failure_exit, which the typer-free path of `check` (lsplan.cli.fast) uses too.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup


class FailureGroup(TyperGroup):
    """The root command group, turning OS-level failures of any command into exit 2."""

    def invoke(self, ctx: Any) -> Any:
        from lsplan.cli.exits import CommandExit, failure_exit
        from lsplan.outputs import OutputRefused

        try:
            return super().invoke(ctx)
        except CommandExit as exc:  # a body written without typer (lsplan.cli.exits)
            raise typer.Exit(exc.code) from None
        except (OutputRefused, OSError) as exc:
            ending = failure_exit(exc)
            if ending is None:
                raise
            raise typer.Exit(ending.code) from None
