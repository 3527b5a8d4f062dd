"""The last line of defence of every command: an OS error is a message and exit 2, never a traceback.

A command checks what it can before doing any work (`store_common.guard_output`); what the system
refuses later (a full disk, a folder removed meanwhile, a file that cannot be opened) reaches here
as `OutputRefused` or `OSError` and becomes `error: ... [code]` on stderr with exit code 2, the
code the README gives for "cannot run: usage, unreadable input, unusable store or output". A broken
pipe (`lsplan gaps | head`) is left to Click, which ends quietly.
"""

from __future__ import annotations

import errno
import os
from typing import Any

import typer
from typer.core import TyperGroup


def os_error_message(exc: OSError) -> str:
    """"No space left on device: /srv/out.csv" rather than "[Errno 28] ..."."""
    text = exc.strerror or str(exc)
    names = [os.fsdecode(n) for n in (exc.filename, exc.filename2) if n is not None]
    return f"{text}: {' -> '.join(names)}" if names else text


class FailureGroup(TyperGroup):
    """The root command group, turning OS-level failures of any command into exit 2."""

    def invoke(self, ctx: Any) -> Any:
        from lsplan.i18n import _
        from lsplan.outputs import OutputRefused

        try:
            return super().invoke(ctx)
        except OutputRefused as exc:
            typer.echo(_("error: {message}").format(message=f"{exc} [{exc.code}]"), err=True)
            raise typer.Exit(2) from None
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise
            message = os_error_message(exc)
            typer.echo(_("error: {message}").format(message=f"{message} [os-error]"), err=True)
            raise typer.Exit(2) from None
