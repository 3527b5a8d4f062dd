"""Every command that writes (-o) or reads, against a table of ordinary OS conditions: each one is
a clear message and exit code 2, never a traceback, and nothing is left behind.

Conditions are built in the test. Root ignores file modes, so "no permission" runs the command in
a subprocess under another user id (test_store_read_only._as_other_user; skipped with its reason
where that is impossible). A full disk is the kernel's own ENOSPC: the atomic write's temporary
file is swapped for /dev/full.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from test_store_read_only import _as_other_user
from typer.testing import CliRunner

import lsplan.outputs
from lsplan.cli import app

runner = CliRunner()
EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "lsplan" / "examples_data").glob("*/*.xlsx"))

# Every command with -o: its arguments before -o ({store} is a real store with the examples).
WRITERS: dict[str, list[str]] = {
    "plans": ["plans", "-f", "csv"],
    "targets": ["targets", "-f", "json"],
    "show": ["show", "kb-2025.grdp-growth", "-f", "md"],
    "template": ["template", "--agency", "Sở Công Thương", "--year", "2025", "--quarter", "Q2"],
    "ingest": ["ingest", str(EXAMPLES[0]), "--store", "{store}", "-f", "csv"],
    "history": ["history", "tourists", "--store", "{store}", "-f", "xlsx"],
    "gaps": ["gaps", "-q", "Q1", "--year", "2025", "--store", "{store}", "-f", "csv"],
    "agency": ["agency", "Sở Công Thương", "-q", "Q1", "--year", "2025", "--store", "{store}", "-f", "md"],
    "report": ["report", "-q", "Q1", "--year", "2025", "--store", "{store}"],
}


def _folder(tmp: Path) -> Path:
    (tmp / "out.xlsx").mkdir()
    return tmp / "out.xlsx"


def _file_as_folder(tmp: Path) -> Path:
    (tmp / "plain").write_text("x", encoding="utf-8")
    return tmp / "plain" / "out.xlsx"


def _fifo(tmp: Path) -> Path:
    os.mkfifo(tmp / "out.xlsx")
    return tmp / "out.xlsx"


# condition -> (build the -o path, the code expected on stderr)
OUTPUT_CONDITIONS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "a folder": (_folder, "output-not-a-file"),
    "a missing parent folder": (lambda tmp: tmp / "no-such-folder" / "out.xlsx", "output-folder-missing"),
    "a file used as a folder": (_file_as_folder, "output-unwritable"),
    "too long a name": (lambda tmp: tmp / ("n" * 300 + ".xlsx"), "output-unwritable"),
    "a FIFO": (_fifo, "output-not-a-file"),
    "/dev/null": (lambda tmp: Path("/dev/null"), "output-not-a-file"),
    "/dev/full": (lambda tmp: Path("/dev/full"), "output-not-a-file"),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("store") / "store.sqlite3"
    result = runner.invoke(app, ["ingest", *map(str, EXAMPLES), "--store", str(path)])
    assert result.exit_code == 0, result.output
    return path


def _args(command: str, store: Path) -> list[str]:
    return [a.replace("{store}", str(store)) for a in WRITERS[command]]


def _assert_clean_exit_2(result, code: str | None) -> None:
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and result.stderr.strip()
    if code is not None:
        assert f"[{code}]" in result.stderr, result.stderr


@pytest.mark.parametrize("condition", list(OUTPUT_CONDITIONS))
@pytest.mark.parametrize("command", list(WRITERS))
def test_output_conditions(command, condition, store, tmp_path):
    build, code = OUTPUT_CONDITIONS[condition]
    target = build(tmp_path)
    before = store.read_bytes()
    result = runner.invoke(app, ["--lang", "en", *_args(command, store), "-o", str(target)])
    if command == "report" and condition in ("/dev/null", "/dev/full"):
        code = None  # refused first for its name: a report is written as .xlsx or .html
    _assert_clean_exit_2(result, code)
    assert store.read_bytes() == before  # refused before any work: nothing stored
    leftovers = [p.name for p in tmp_path.rglob(".*.tmp")]
    assert leftovers == []


@pytest.mark.parametrize("command", list(WRITERS))
def test_a_full_disk(command, store, tmp_path, monkeypatch):
    """The kernel's ENOSPC, from /dev/full, in place of the temporary file's descriptor."""
    real_mkstemp = lsplan.outputs.tempfile.mkstemp

    def full_mkstemp(*args, **kwargs):
        fd, name = real_mkstemp(*args, **kwargs)
        if name.endswith(".tmp"):  # the atomic write's temporary file
            full = os.open("/dev/full", os.O_WRONLY)
            os.dup2(full, fd)
            os.close(full)
        return fd, name

    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    target = tmp_path / ("out.html" if command == "report" else "out.xlsx")
    args = _args(command, store)
    checked = {"done": False}
    real_check = lsplan.outputs.check_output

    def check_then_fill(*a, **k):  # the guard's own probe file is not written to
        real_check(*a, **k)
        checked["done"] = True
        monkeypatch.setattr(lsplan.outputs.tempfile, "mkstemp", full_mkstemp)

    monkeypatch.setattr(lsplan.outputs, "check_output", check_then_fill)
    result = runner.invoke(app, ["--lang", "en", *args, "-o", str(target)])
    assert checked["done"]
    _assert_clean_exit_2(result, "output-unwritable")
    assert "No space left on device" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # neither output nor temporary file


# Runs each command line (JSON on argv) in one process through Click's standalone mode, as the
# `lsplan` script does, and prints [exit code, stderr] for each: one interpreter start, not nine.
_EACH_COMMAND = """
import json, sys
from typer.testing import CliRunner
from lsplan.cli import app
runner = CliRunner()
results = [runner.invoke(app, args) for args in json.loads(sys.argv[1])]
print(json.dumps([[r.exit_code, r.stderr, repr(r.exception)] for r in results]))
"""


def test_no_permission_to_write_the_folder(store, tmp_path):
    prefix = _as_other_user()
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    env = dict(os.environ, LSPLAN_LANG="en", LSPLAN_CACHE_DIR=str(tmp_path / "cache"), HOME=str(tmp_path))
    lines = [
        [*_args(command, store), "-o", str(folder / ("out.html" if command == "report" else "out.xlsx"))]
        for command in WRITERS
    ]
    try:
        done = subprocess.run(
            [*prefix, sys.executable, "-c", _EACH_COMMAND, json.dumps(lines)],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        for command, (code, stderr, exception) in zip(WRITERS, json.loads(done.stdout), strict=True):
            assert code == 2, (command, stderr, exception)
            assert "[output-unwritable]" in stderr and "Permission denied" in stderr, (command, stderr)
            assert exception in ("None", "SystemExit(2)"), (command, exception)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


# What commands read: submissions (check, ingest) and the store (gaps, agency, history, report).
def _input_conditions(tmp: Path) -> dict[str, Path]:
    fifo = tmp / "pipe.xlsx"
    os.mkfifo(fifo)
    (tmp / "folder.xlsx").mkdir()
    (tmp / "plain").write_text("x", encoding="utf-8")
    return {
        "missing": tmp / "missing.xlsx",
        "a folder": tmp / "folder.xlsx",
        "a FIFO": fifo,
        "/dev/zero": Path("/dev/zero"),
        "a file used as a folder": tmp / "plain" / "x.xlsx",
        "too long a name": tmp / ("n" * 300 + ".xlsx"),
    }


@pytest.mark.parametrize("command", ["check", "ingest"])
def test_submission_conditions(command, tmp_path):
    store = tmp_path / "s.sqlite3"
    for condition, path in _input_conditions(tmp_path).items():
        extra = ["--store", str(store)] if command == "ingest" else []
        result = runner.invoke(app, ["--lang", "en", command, str(path), *extra])
        assert result.exit_code == 2, (condition, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            condition,
            result.exception,
        )


@pytest.mark.parametrize("command", ["gaps", "agency", "history", "report"])
def test_store_conditions(command, tmp_path):
    conditions = _input_conditions(tmp_path)
    (tmp_path / "not-a-store.sqlite3").write_bytes(b"this is no database" * 100)
    conditions["not a database"] = tmp_path / "not-a-store.sqlite3"
    for condition, path in conditions.items():
        args = [a.replace("{store}", str(path)) for a in WRITERS[command]]
        out = ["-o", str(tmp_path / "r.xlsx")] if command == "report" else []
        if command != "report":
            args = [a for a in args if a not in ("-f", "csv", "xlsx", "md")]
        result = runner.invoke(app, ["--lang", "en", *args, *out])
        assert result.exit_code == 2, (condition, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            condition,
            result.exception,
        )
        assert "Traceback" not in result.output and result.stderr.strip(), condition
