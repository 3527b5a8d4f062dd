"""How a command ends where typer is not imported: a message on stderr and an exit code.

`lsplan check` runs without typer when its command line is plain (lsplan.cli.fast), so its body
(lsplan.cli.check_run) cannot raise `typer.Exit`. It raises `CommandExit` instead; under typer,
the root group (lsplan.cli.failures.FailureGroup) turns it into `typer.Exit` with the same code,
so both paths end the same way.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import Any


class CommandExit(Exception):
    """The end of a command with exit `code` (its message, if any, already written)."""

    def __init__(self, code: int = 0) -> None:
        super().__init__(code)
        self.code = code


def echo_err(message: str) -> None:
    """One line on stderr, as `typer.echo(message, err=True)` writes it."""
    stream = sys.stderr
    stream.write(message + "\n")
    stream.flush()


def fail(message: str, code: int = 2) -> CommandExit:
    """Say `error: message` on stderr; the caller raises what this returns."""
    from lsplan.i18n import _

    echo_err(_("error: {message}").format(message=message))
    return CommandExit(code)


def os_error_message(exc: OSError) -> str:
    """"No space left on device: /srv/out.csv" rather than "[Errno 28] ..."."""
    text = exc.strerror or str(exc)
    names = [os.fsdecode(n) for n in (exc.filename, exc.filename2) if n is not None]
    return f"{text}: {' -> '.join(names)}" if names else text


def failure_exit(exc: BaseException) -> CommandExit | None:
    """The last line of defence of every command (lsplan.cli.failures): an output refused or an
    OS error the command did not catch is said as `error: ... [code]` and ends with exit 2. None
    for anything else, and for a broken pipe (`lsplan gaps | head`), which ends quietly."""
    from lsplan.outputs import OutputRefused

    if isinstance(exc, OutputRefused):
        return fail(f"{exc} [{exc.code}]")
    if isinstance(exc, OSError) and exc.errno != errno.EPIPE:
        return fail(f"{os_error_message(exc)} [os-error]")
    return None


def catalog_or_exit(data_dir: Any) -> Any:
    """The plan data, or `error: the plan data is invalid …` and exit 2. Shared by every command
    (lsplan.cli.store_common re-exports it) and by check's typer-free body."""
    from lsplan.catalog import CatalogError, load_catalog
    from lsplan.i18n import _

    try:
        return load_catalog(data_dir)
    except CatalogError as exc:
        message = _("the plan data is invalid: {error} (run `lsplan data validate`)")
        raise fail(message.format(error=exc)) from None
