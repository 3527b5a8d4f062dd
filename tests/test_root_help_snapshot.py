"""`lsplan --help` from the user cache: only ever for the exact inputs it was drawn from.

Each run is a fresh process with its own cache folder; the help drawn anew (LSPLAN_NO_CACHE=1)
is the reference.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Runs `lsplan --help` as the command does and reports what it printed and whether rich was used.
_PROBE = (
    "import json, sys\n"
    "sys.argv = ['lsplan', *json.loads(sys.argv[1])]\n"
    "from lsplan.cli import main\n"
    "import io\n"
    "main()\n"
    "sys.stdout.flush()\n"
    "sys.stderr.write('\\nRICH ' + json.dumps(any(m.startswith('rich') for m in sys.modules)))\n"
)


def _help(cache: Path, *args: str, **env: str) -> tuple[str, bool]:
    environment = {
        k: v for k, v in os.environ.items() if k not in ("LSPLAN_NO_CACHE", "COLUMNS", "LSPLAN_LANG")
    }
    environment.update({"LSPLAN_CACHE_DIR": str(cache), **env})
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps([*args, "--help"])],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        timeout=60,
        check=True,
    )
    return done.stdout, json.loads(done.stderr.rpartition("RICH ")[2])


@pytest.mark.parametrize(
    "args, env",
    [
        ((), {"COLUMNS": "80"}),
        (("--lang", "en"), {"COLUMNS": "120"}),
        ((), {"COLUMNS": "100", "FORCE_COLOR": "1"}),
        ((), {"COLUMNS": "100", "FORCE_COLOR": "1", "NO_COLOR": "1"}),
    ],
)
def test_the_second_help_is_the_first_without_rich(tmp_path: Path, args: tuple[str, ...], env: dict) -> None:
    reference, _rich = _help(tmp_path / "none", *args, LSPLAN_NO_CACHE="1", **env)
    first, first_rich = _help(tmp_path, *args, **env)
    second, second_rich = _help(tmp_path, *args, **env)
    assert first == second == reference
    assert first_rich and not second_rich
    assert ("\x1b[" in first) == ("FORCE_COLOR" in env)


def test_other_inputs_are_drawn_anew(tmp_path: Path) -> None:
    """A snapshot drawn at one width, language or colour is never shown for another."""
    _help(tmp_path, COLUMNS="80")
    for args, env in (
        ((), {"COLUMNS": "60"}),
        (("--lang", "en"), {"COLUMNS": "80"}),
        ((), {"COLUMNS": "80", "FORCE_COLOR": "1"}),
    ):
        shown, used_rich = _help(tmp_path, *args, **env)
        assert used_rich  # drawn, not taken from the cache
        assert shown == _help(tmp_path / "none", *args, LSPLAN_NO_CACHE="1", **env)[0]
    assert (
        _help(tmp_path, LSPLAN_LANG="en", COLUMNS="80")[0] == _help(tmp_path, "--lang", "en", COLUMNS="80")[0]
    )


def test_the_key_follows_every_input(monkeypatch: pytest.MonkeyPatch) -> None:
    from lsplan import i18n
    from lsplan.cli import commands, root_help

    monkeypatch.delenv("NO_COLOR", raising=False)
    base = root_help._snapshot_key()
    assert base is not None
    monkeypatch.setenv("NO_COLOR", "1")
    assert root_help._snapshot_key() not in (None, base)
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setattr(commands, "APP_HELP", commands.APP_HELP + " (edited)")
    assert root_help._snapshot_key() != base
    monkeypatch.undo()
    monkeypatch.setattr(i18n, "resolve_lang", lambda *a, **k: "en" if i18n.DEFAULT_LANG != "en" else "vi")
    assert root_help._snapshot_key() != base
    monkeypatch.undo()
    monkeypatch.setattr(sys, "platform", "win32")  # rich may draw through the Win32 console there
    assert root_help._snapshot_key() is None
