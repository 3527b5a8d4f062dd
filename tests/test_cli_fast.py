"""The typer-free path of `lsplan check` (lsplan.cli.fast) against typer's own: the same options,
the same output and exit code for every plain line, and every other line left to typer."""

from __future__ import annotations

import inspect
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner
from workbooks import FakeCatalog, save_report

from lsplan.cli import app, fast
from lsplan.cli.check_run import run_check
from lsplan.render import OutputFormat

runner = CliRunner()


@pytest.fixture(autouse=True)
def fake_catalog(monkeypatch: pytest.MonkeyPatch) -> FakeCatalog:
    catalog = FakeCatalog()
    monkeypatch.setattr("lsplan.cli.check_run.catalog_or_exit", lambda data: catalog)
    monkeypatch.delenv("LSPLAN_DATA", raising=False)
    return catalog


def _click_check():
    import typer

    group = typer.main.get_command(app)
    return group.get_command(None, "check")


def _kind(param) -> str:
    """The fast table's kind of a click option, asserting the details the fast path relies on."""
    kind = param.type.name
    if param.is_flag:
        assert kind == "boolean" and param.default is False
        return "flag"
    if kind == "choice":
        assert sorted(param.type.choices) == sorted(OutputFormat) and param.type.case_sensitive
        return "format"
    if kind == "path":
        path = param.type
        assert not (path.exists or path.resolve_path or path.allow_dash or path.writable)
        assert path.file_okay and path.dir_okay and path.readable
        return "path"
    assert kind in ("int", "str"), kind
    return {"int": "int", "str": "text"}[kind]


def test_the_fast_table_is_what_typer_declares_for_check() -> None:
    command = _click_check()
    declared: dict[str, tuple[str, str]] = {}
    envvars: dict[str, str] = {}
    arguments = []
    for param in command.params:
        if param.param_type_name == "argument":
            arguments.append((param.name, param.nargs, param.required))
            continue
        assert not param.multiple and not param.count and param.nargs == 1
        assert not param.secondary_opts  # no --x/--no-x pairs: the table has none
        for flag in param.opts:
            declared[flag] = (param.name, _kind(param))
        if param.envvar:
            envvars[param.name] = param.envvar
    assert declared == fast.CHECK_OPTIONS
    assert envvars == fast.CHECK_ENVVARS
    assert arguments == [("files", -1, True)]
    # ... and the names are the parameters of the body both paths call.
    names = set(inspect.signature(run_check).parameters)
    assert names == {dest for dest, _kind in fast.CHECK_OPTIONS.values()} | {"files"}


def _both(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[tuple, tuple]:
    """(exit code, stdout) by typer and by the fast path, for `lsplan check ARGS`."""
    typed = runner.invoke(app, ["check", *args])
    capsys.readouterr()
    code = fast.run_fast(["check", *args])
    out = capsys.readouterr()
    # CliRunner's `stdout` reads CRLF (CSV's line ends) as LF; the bytes written are the same.
    return (typed.exit_code, typed.stdout), (code, out.out.replace("\r\n", "\n"))


@pytest.mark.parametrize(
    "args",
    [
        ["{report}", "--format", "json"],
        ["--format=json", "{report}"],
        ["-fjson", "{report}", "--agency", "Sở Công Thương", "-y", "2025", "-q", "Q2"],
        ["{report}", "-f", "csv", "--wide"],
        ["{report}", "{bad}", "-f", "json"],
        ["{report}", "--format", "md", "--format", "json"],  # the last one wins
        ["-f", "json", "--", "{report}"],
        ["{missing}", "-f", "json"],
        ["{report}", "-f", "xlsx"],  # refused by the body itself: exit 2 on both paths
        ["{report}", "-q", "Q9", "-f", "json"],
    ],
)
def test_a_plain_line_gives_what_typer_gives(args: list[str], tmp_path: Path, capsys) -> None:
    report = save_report(tmp_path / "r.xlsx")
    bad = save_report(tmp_path / "bad.xlsx", rows=((1, "Sản lượng than", "tấn", None, "abc"),))
    names = {"report": str(report), "bad": str(bad), "missing": str(tmp_path / "none-*.xlsx")}
    line = [a.format(**names) for a in args]
    typed, fasted = _both(line, capsys)
    assert fasted[0] is not None, "a plain line must not fall back to typer"
    assert fasted == typed


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["{report}", "--help"],
        [],
        ["--format", "json"],  # no file: typer says "Missing argument"
        ["{report}", "--year", "abc"],
        ["{report}", "--format", "pdf"],
        ["{report}", "--format", "JSON"],  # typer's choice is case-sensitive
        ["{report}", "--format"],
        ["{report}", "--agency", "--wide"],  # a value that looks like an option: typer decides
        ["{report}", "--wide=yes"],
        ["{report}", "--output", "x.csv"],
        ["{report}", "--lang", "en"],  # a root option after the command
        ["{report}", "-x"],
        ["{report}", "--data", ""],
    ],
)
def test_any_other_line_is_left_to_typer(args: list[str], tmp_path: Path) -> None:
    report = save_report(tmp_path / "r.xlsx")
    line = [a.format(report=str(report)) for a in args]
    assert fast.run_fast(["check", *line]) is None
    if line != ["--help"] and "--help" not in line:
        assert runner.invoke(app, ["check", *line]).exit_code != 0 or "--data" in line


def test_other_commands_and_completion_are_left_to_typer(tmp_path: Path, monkeypatch) -> None:
    report = str(save_report(tmp_path / "r.xlsx"))
    assert fast.run_fast(["gaps", "--quarter", "Q1"]) is None
    assert fast.run_fast([]) is None
    monkeypatch.setenv("_LSPLAN_COMPLETE", "bash_complete")
    assert fast.run_fast(["check", report]) is None


def test_lsplan_data_is_read_when_data_is_not_given(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("LSPLAN_DATA", str(tmp_path))
    assert fast.parse(["r.xlsx"], fast.CHECK_OPTIONS, fast.CHECK_ENVVARS)[1] == {"data": tmp_path}
    given_data = fast.parse(["r.xlsx", "--data", "d"], fast.CHECK_OPTIONS, fast.CHECK_ENVVARS)[1]
    assert given_data == {"data": Path("d")}
    monkeypatch.setenv("LSPLAN_DATA", "")  # empty: unset, as click reads it
    assert fast.parse(["r.xlsx"], fast.CHECK_OPTIONS, fast.CHECK_ENVVARS)[1] == {}


def test_an_unreadable_data_folder_is_left_to_typer(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(0)
    try:
        if os.access(folder, os.R_OK):
            pytest.skip("running as a user who reads everything")
        assert fast.run_fast(["check", "r.xlsx", "--data", str(folder)]) is None
    finally:
        folder.chmod(0o755)


def test_an_os_error_ends_as_under_typer(tmp_path: Path, monkeypatch, capsys) -> None:
    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied", "/srv/lsplan/r.xlsx")

    monkeypatch.setattr("lsplan.checks.check_files", refuse)
    report = str(save_report(tmp_path / "r.xlsx"))
    typed = runner.invoke(app, ["check", report])
    capsys.readouterr()
    assert fast.run_fast(["check", report]) == typed.exit_code == 2
    assert "Permission denied: /srv/lsplan/r.xlsx [os-error]" in capsys.readouterr().err


_TOKENS = st.sampled_from(
    ["r.xlsx", "-", "--", "-f", "json", "--format", "--format=csv", "-fmd", "--wide", "--wide=1",
     "-a", "Sở X", "--year", "2025", "-y", "x", "-q", "Q2", "--data", "d", "--help", "-z", "--lang", "en"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TOKENS, max_size=7))
def test_the_parser_takes_only_what_click_takes_the_same_way(tokens: list[str]) -> None:
    """Over random lines: whenever the fast parser accepts one, click parses it to the same values."""
    from typer._click.exceptions import ClickException

    try:
        files, options = fast.parse(tokens, fast.CHECK_OPTIONS, fast.CHECK_ENVVARS)
    except fast._NotPlain:
        return
    command = _click_check()
    try:
        context = command.make_context("check", list(tokens), resilient_parsing=False)
    except ClickException as exc:
        assert not files, f"click refused {tokens} ({exc}) but the fast parser took it"
        return
    expected = {k: v for k, v in context.params.items() if k != "files"}
    if expected["data"] is not None:  # typer makes the Path when it calls the command
        expected["data"] = Path(expected["data"])
    defaults = {"agency": None, "year": None, "quarter": None, "data": None, "wide": False}
    defaults["fmt"] = OutputFormat.TABLE
    assert list(context.params["files"]) == files
    assert expected == {**defaults, **options}
