"""Start-up stays light: what `lsplan --version`, `--help` and `check` import (read from
sys.modules in a fresh process, never timed), the command table against the command modules, and
the typer-free root help against typer's own."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lsplan.cli import commands as command_table

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("typer", "click", "rich", "pydantic", "pandas", "numpy", "openpyxl", "yaml", "jsonschema")

# Runs `lsplan ARGS` (json in argv[1]) in this process as the command does; a probe appends what
# it reports on stderr afterwards.
_RUN = (
    "import importlib, json, sys\n"
    "probe_args = sys.argv[2:]\n"
    "sys.argv = ['lsplan', *json.loads(sys.argv[1])]\n"
    "from lsplan.cli import main\n"
    "try:\n"
    "    main()\n"
    "except SystemExit:\n"
    "    pass\n"
    "sys.stdout.flush()\n"
)
_PROBE = _RUN + "sys.stderr.write('\\nMODULES ' + json.dumps(sorted(sys.modules)))\n"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LSPLAN_LANG", "COLUMNS")}
    return {**env, **extra}


def _modules_after(*args: str, **env: str) -> tuple[set[str], str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(list(args))],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(**env),
        timeout=60,
    )
    listing = done.stderr.rpartition("MODULES ")[2]
    return set(json.loads(listing)), done.stdout


def _tops(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def _command_modules(modules: set[str]) -> set[str]:
    return {m for m in modules if m.startswith("lsplan.cli.") and m.endswith("_cmds")}


def test_version_imports_no_argument_layer_no_rich_and_no_command_module() -> None:
    modules, out = _modules_after("--version")
    assert out.strip().startswith("lsplan ")
    assert _tops(modules) & set(HEAVY) == set()
    assert _command_modules(modules) == set() and "lsplan.catalog" not in modules


def test_help_imports_no_typer_and_no_command_module() -> None:
    modules, out = _modules_after("--help")
    assert "check" in out and "gaps" in out
    assert _tops(modules) & {"typer", "click", "pydantic", "pandas", "numpy", "openpyxl", "yaml"} == set()
    assert _command_modules(modules) == set() and "typer.rich_utils" not in modules


def test_check_imports_no_argument_layer_and_no_store(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from workbooks import save_report

    report = save_report(tmp_path / "r.xlsx")
    cache = str(tmp_path / "cache")
    _modules_after("check", str(report), "--format", "json", LSPLAN_CACHE_DIR=cache)  # fills the memo
    modules, out = _modules_after("check", str(report), "--format", "json", LSPLAN_CACHE_DIR=cache)
    assert json.loads(out)["files"][0]["path"].endswith("r.xlsx")
    # A plain line runs without typer (lsplan.cli.fast), so no command module at all; with the
    # plan-data memo filled, no YAML parser and no schema validation; no store either.
    assert _command_modules(modules) == set()
    heavy = {"typer", "click", "pydantic", "pandas", "numpy", "openpyxl", "yaml", "jsonschema"}
    assert _tops(modules) & heavy == set()
    assert "sqlite3" not in modules and "lsplan.store" not in modules
    # Standard modules only rarer paths need: glob (an argument naming no file), difflib (an
    # agency name no exact step knows), tempfile (writing the alias file), decimal (the first
    # figure written: this JSON has none).
    assert {"glob", "difflib", "tempfile", "decimal"} & modules == set()
    # A line the fast path leaves to typer imports check's own command module and no other.
    modules, _out = _modules_after("check", "--help", LSPLAN_CACHE_DIR=cache)
    assert _command_modules(modules) == {"lsplan.cli.check_cmds"}


# Patterns compiled on first use (functools.cache'd accessors) that a check of a normal report,
# in Unicode with every row named as the catalogue names it, never needs.
_LAZY_PATTERNS = (
    ("lsplan.legacy", "_pattern"),
    ("lsplan.check_meta", "_of_sender"),
    ("lsplan.check_meta", "_file_words"),
    ("lsplan.periods", "_whole_year"),
    ("lsplan.readers.ooxml_sheet", "_ref"),
    ("lsplan.readers.ooxml_values", "_iso"),
    ("lsplan.reading.header", "_subheader_words"),
    ("lsplan.reading.rows", "_group_prefix"),
    ("lsplan.reading.values", "_number_part"),
    ("lsplan.reading.indicators", "_trailing_parens"),
    ("lsplan.integrity", "_vn_number"),
    ("lsplan.name_forms", "_suffix_unit"),
)

_COMPILED_PROBE = _RUN + (
    "accessors = json.loads(probe_args[0])\n"
    "used = {}\n"
    "for module, name in accessors:\n"
    "    accessor = getattr(importlib.import_module(module), name)\n"
    "    used[f'{module}.{name}'] = accessor.cache_info().currsize\n"
    "sys.stderr.write('\\nCOMPILED ' + json.dumps(used))\n"
)


def test_check_compiles_no_pattern_of_a_rarer_path(tmp_path: Path) -> None:
    report = ROOT / "examples" / "submissions" / "2025-Q1" / "so-tai-chinh-2025-Q1.xlsx"
    env = _env(LSPLAN_CACHE_DIR=str(tmp_path / "cache"))
    args = json.dumps(["check", str(report), "--format", "json"])
    for _run in range(2):  # the second with the plan-data memo filled
        done = subprocess.run(
            [sys.executable, "-c", _COMPILED_PROBE, args, json.dumps(_LAZY_PATTERNS)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=60,
        )
    assert json.loads(done.stdout)["files"][0]["status"] == "ok"
    compiled = json.loads(done.stderr.rpartition("COMPILED ")[2])
    assert {name for name, count in compiled.items() if count} == set()


def test_the_command_table_matches_the_command_modules() -> None:
    from lsplan import i18n
    from lsplan.cli.app import load_all

    app = load_all()
    defined: dict[str, str] = {}
    for info in app.registered_commands:
        name = info.name or info.callback.__name__.replace("_", "-")
        defined[name] = (inspect.getdoc(info.callback) or "").partition("\n\n")[0]
    groups = {g.name: g.typer_instance.info.help for g in app.registered_groups if g.typer_instance}
    table = {name: msgid for _module, entries in command_table.COMMAND_MODULES for name, msgid in entries}
    assert set(table) == set(defined) | set(groups)
    for name, msgid in table.items():
        if name in defined:
            assert defined[name] == msgid, name
        else:
            assert groups[name] in (msgid, i18n._(msgid)), name
    for module, entries in command_table.COMMAND_MODULES:  # each command is in the module named
        for name, _msgid in entries:
            owner = [i.callback.__module__ for i in app.registered_commands if i.name == name]
            assert owner in ([], [f"lsplan.cli.{module}"]), name


def test_every_command_module_is_in_the_table() -> None:
    assert command_table.unlisted_modules() == [], "add a line to lsplan/cli/commands.py"
    for module in command_table.modules():
        assert (ROOT / "lsplan" / "cli" / f"{module}.py").exists(), module


def test_a_command_module_missing_from_the_table_still_runs() -> None:
    code = (
        "import sys\n"
        "from lsplan.cli import commands\n"
        "commands.COMMAND_MODULES = tuple(e for e in commands.COMMAND_MODULES if e[0] != 'report_cmds')\n"
        "assert commands.unlisted_modules() == ['report_cmds']\n"
        "sys.argv = ['lsplan', 'report', '--help']\n"
        "from lsplan.cli import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=_env(), timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "Usage:" in done.stdout and "report" in done.stdout


def test_the_package_app_is_the_complete_app_whatever_was_imported_first() -> None:
    code = (
        "import lsplan.cli.check_cmds, lsplan.cli.app\n"
        "from lsplan.cli import app\n"
        "import typer; assert isinstance(app, typer.Typer), type(app)\n"
        "print(len(app.registered_commands) + len(app.registered_groups))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == len(command_table.command_names())


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("width", ["80", "120"])
def test_the_fast_root_help_is_typers_help(lang: str, width: str) -> None:
    env = _env(LSPLAN_LANG=lang, COLUMNS=width, NO_COLOR="1", TERM="dumb")
    fast = subprocess.run(
        [sys.executable, "-m", "lsplan", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    typer_code = (
        "import sys; sys.argv = ['lsplan', '--help']\n"
        "from lsplan.cli.app import load_all\n"
        "load_all()(prog_name='python -m lsplan')\n"
    )
    slow = subprocess.run(
        [sys.executable, "-c", typer_code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60
    )
    assert fast.returncode == slow.returncode == 0, (fast.stderr, slow.stderr)
    assert fast.stdout == slow.stdout
    words = {"vi": "Kiểm tra từng ô", "en": "Check submitted spreadsheets"}
    assert words[lang] in fast.stdout and "report" in fast.stdout


def test_check_s_terminal_table_imports_no_rich(tmp_path: Path) -> None:
    """The terminal output of a check is drawn by lsplan.render.plain, without rich (the same
    bytes: tests/test_render_plain.py), both to a pipe and, with FORCE_COLOR, in colour."""
    sys.path.insert(0, str(ROOT / "tests"))
    from workbooks import save_report

    report = save_report(tmp_path / "r.xlsx")
    cache = str(tmp_path / "cache")
    for colour in ("", "1"):
        modules, out = _modules_after(
            "check", str(report), LSPLAN_CACHE_DIR=cache, FORCE_COLOR=colour, COLUMNS="100"
        )
        assert "r.xlsx" in out and ("\x1b[" in out) == bool(colour)
        assert "rich" not in _tops(modules)
