"""`lsplan check FILE...` run without typer when its command line is plain.

Why: importing typer (and the stdlib modules it pulls in: subprocess, shutil, platform, uuid,
traceback...) and building its click command is about a tenth of checking one small report,
the command offices run most (README, "Speed"). So `main()` first offers the command line to
`run_fast`, which knows the options of `check` from the table below and calls the same body
typer would (lsplan.cli.check_run.run_check).

The rule that keeps the two paths the same: the fast path only answers a line it understands
completely, and gives every other line to typer (`run_fast` returns None): `--help`, an unknown
option, a value that does not convert (`--year abc`, `--format pdf`), a missing value or file
argument, an unreadable `--data` folder, a shell-completion request. typer then prints its own
help or usage error. tests/test_cli_fast.py checks that the table matches the options typer
declares for `check` and that both paths give the same output and exit code.

What is parsed as click does: `--name value`, `--name=value`, `-x value`, `-xvalue`, options
before, between or after the files, `--` ending the options, a lone `-` as a file, the last of
a repeated option winning, `$LSPLAN_DATA` when `--data` is not given (an empty one is unset), and
on Windows the same expansion of `~`, `%VARS%` and globs that click applies to sys.argv.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Kinds of option value: "text" (kept as typed), "int", "path" (a pathlib.Path), "format" (an
# OutputFormat value), "flag" (takes no value; True when given).
CHECK_OPTIONS: dict[str, tuple[str, str]] = {
    "--agency": ("agency", "text"),
    "-a": ("agency", "text"),
    "--year": ("year", "int"),
    "-y": ("year", "int"),
    "--quarter": ("quarter", "text"),
    "-q": ("quarter", "text"),
    "--format": ("fmt", "format"),
    "-f": ("fmt", "format"),
    "--data": ("data", "path"),
    "--wide": ("wide", "flag"),
}
CHECK_ENVVARS = {"data": "LSPLAN_DATA"}


class _NotPlain(Exception):
    """The line is not one the fast path answers: typer must (module docstring)."""


def _convert(kind: str, value: str) -> Any:
    if kind == "text":
        return value
    if kind == "int":
        try:
            return int(value)
        except ValueError:
            raise _NotPlain from None
    if kind == "path":
        # click.Path as typer declares it: an existing path must be readable, anything else
        # passes; "" would become Path("."), which typer is left to decide on.
        if not value or (os.path.exists(value) and not os.access(value, os.R_OK)):
            raise _NotPlain
        return Path(value)
    if kind == "format":
        from lsplan.render import OutputFormat

        try:
            return OutputFormat(value)  # typer's Choice is case-sensitive, so is this
        except ValueError:
            raise _NotPlain from None
    raise _NotPlain


def parse(
    args: list[str], options: dict[str, tuple[str, str]], envvars: dict[str, str]
) -> tuple[list[str], dict[str, Any]]:
    """(the positional arguments, the options by parameter name); _NotPlain when not plain."""
    positional: list[str] = []
    given: dict[str, Any] = {}
    index = 0
    while index < len(args):
        token = args[index]
        index += 1
        if token == "--":
            positional.extend(args[index:])
            break
        if not token.startswith("-") or token == "-":
            positional.append(token)
            continue
        if token.startswith("--"):
            name, has_value, attached = token.partition("=")
            attached_value: str | None = attached if has_value else None
        else:
            name, rest = token[:2], token[2:]
            attached_value = rest or None
        if name not in options:
            raise _NotPlain
        dest, kind = options[name]
        if kind == "flag":
            if attached_value is not None:
                raise _NotPlain  # "--wide=yes", or "-w..." combining short flags: typer says
            given[dest] = True
            continue
        if attached_value is None:
            if index >= len(args) or (args[index].startswith("-") and args[index] != "-"):
                raise _NotPlain  # no value, or one that looks like an option: typer decides
            attached_value = args[index]
            index += 1
        given[dest] = _convert(kind, attached_value)
    kinds = dict(options.values())
    for dest, variable in envvars.items():
        if dest not in given and os.environ.get(variable):
            given[dest] = _convert(kinds[dest], os.environ[variable])
    return positional, given


def _expand_like_click(args: list[str]) -> list[str]:
    """What click does to sys.argv on Windows (no shell expands there): ~, variables, globs."""
    from glob import glob

    out: list[str] = []
    for arg in args:
        arg = os.path.expandvars(os.path.expanduser(arg))
        try:
            matches = glob(arg, recursive=True)
        except Exception:  # re.error for a pattern glob cannot compile: kept as typed, as click
            matches = []
        out.extend(matches or [arg])
    return out


def _check_command(args: list[str]) -> Callable[[], int]:
    files, given = parse(args, CHECK_OPTIONS, CHECK_ENVVARS)
    if not files:
        raise _NotPlain  # typer says "Missing argument"

    def run() -> int:
        from lsplan.cli.check_run import run_check

        return run_check(files, **given)

    return run


FAST_COMMANDS: dict[str, Callable[[list[str]], Callable[[], int]]] = {"check": _check_command}


def run_fast(argv: list[str]) -> int | None:
    """Run `argv` (without the program name and --lang) when it is a plain line of a command in
    FAST_COMMANDS, and return its exit code; None when typer must run it."""
    if not argv or argv[0] not in FAST_COMMANDS:
        return None
    if any(name.startswith("_LSPLAN_COMPLETE") for name in os.environ):
        return None  # shell completion is click's
    args = _expand_like_click(argv) if os.name == "nt" else list(argv)
    if not args or args[0] not in FAST_COMMANDS:
        return None
    try:
        command = FAST_COMMANDS[args[0]](args[1:])
    except _NotPlain:
        return None
    return _ending(command)


def _ending(command: Callable[[], int]) -> int:
    """The command's exit code, its failures ended as typer and lsplan.cli.failures end them."""
    from lsplan.cli.exits import CommandExit, failure_exit

    try:
        return command()
    except CommandExit as exc:
        return exc.code
    except KeyboardInterrupt:
        return 130  # typer's exit code for Ctrl-C, said by the shell
    except Exception as exc:
        import errno

        if isinstance(exc, OSError) and exc.errno == errno.EPIPE:
            _quiet_broken_pipe()
            return 1
        ending = failure_exit(exc)
        if ending is None:
            raise
        return ending.code


def _quiet_broken_pipe() -> None:
    """`lsplan check ... | head`: the reader left; what is still buffered goes nowhere instead of
    ending in "BrokenPipeError" when Python flushes the streams at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.dup2(devnull, sys.stderr.fileno())
    except (OSError, ValueError):
        pass
