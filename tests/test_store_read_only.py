"""A store that can be read but not written: reading commands read it, ingest says why not.

Real permissions: the tests run as root in CI, and root ignores file modes, so the commands run
in a subprocess under another user id through a user namespace (`unshare --map-user`), where the
kernel checks the modes again. Without unshare (and as root) they are skipped with that reason.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lsplan.cli import app
from lsplan.model import Observation
from lsplan.store import SCHEMA_VERSION, Store, StoreError

runner = CliRunner()
EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "lsplan" / "examples_data").glob("*/*.xlsx"))


def _as_other_user() -> list[str]:
    """The command prefix that runs a process without the right to ignore file modes."""
    if os.geteuid() != 0:
        return []
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("running as root, and no `unshare` to run as another user: file modes cannot bind")
    prefix = [unshare, "--user", "--map-user=1000", "--map-group=1000"]
    probe = subprocess.run(
        [*prefix, sys.executable, "-c", "import os; print(os.geteuid())"], capture_output=True
    )
    if probe.returncode != 0 or probe.stdout.strip() != b"1000":
        pytest.skip(f"running as root and user namespaces are not available: {probe.stderr.decode()[:200]}")
    return prefix


@pytest.fixture
def read_only_store(tmp_path):
    folder = tmp_path / "share"
    folder.mkdir()
    store = folder / "store.sqlite3"
    result = runner.invoke(app, ["ingest", *map(str, EXAMPLES), "--store", str(store)])
    assert result.exit_code == 0, result.output
    store.chmod(0o444)
    folder.chmod(0o555)
    yield store
    folder.chmod(0o755)
    store.chmod(0o644)


def _run(prefix: list[str], tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, LSPLAN_LANG="en", LSPLAN_CACHE_DIR=str(tmp_path / "cache"), HOME=str(tmp_path))
    env.pop("LSPLAN_STORE", None)
    return subprocess.run(
        [*prefix, sys.executable, "-m", "lsplan", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_reading_commands_read_a_store_they_cannot_write(read_only_store, tmp_path):
    prefix = _as_other_user()
    before = read_only_store.read_bytes()
    store = str(read_only_store)
    gaps = _run(
        prefix, tmp_path, "gaps", "-q", "Q1", "--year", "2025", "--all", "--store", store, "-f", "json"
    )
    assert gaps.returncode in (0, 1), gaps.stderr
    assert any(row.get("actual") is not None for row in json.loads(gaps.stdout)["rows"])
    history = _run(prefix, tmp_path, "history", "tourists", "--store", store, "-f", "json")
    assert history.returncode == 0 and json.loads(history.stdout)["values"], history.stderr
    agency = _run(
        prefix, tmp_path, "agency", "Sở Công Thương", "-q", "Q1", "--year", "2025", "--store", store
    )
    assert agency.returncode in (0, 1) and "Traceback" not in agency.stderr, agency.stderr
    report = tmp_path / "report.xlsx"
    made = _run(prefix, tmp_path, "report", "-q", "Q1", "--year", "2025", "--store", store, "-o", str(report))
    assert made.returncode == 0 and report.stat().st_size > 0, made.stderr
    assert read_only_store.read_bytes() == before
    assert sorted(p.name for p in read_only_store.parent.iterdir()) == ["store.sqlite3"]  # no -wal, -shm


def test_ingest_into_a_store_it_cannot_write_says_why_and_exits_2(read_only_store, tmp_path):
    prefix = _as_other_user()
    before = read_only_store.read_bytes()
    extra = tmp_path / "extra.xlsx"
    extra.write_bytes(EXAMPLES[0].read_bytes() + b"")
    result = _run(prefix, tmp_path, "ingest", str(EXAMPLES[0]), "--store", str(read_only_store))
    assert result.returncode == 2, result.stderr
    assert "can be read but not written" in result.stderr and "Traceback" not in result.stderr
    dry = _run(
        prefix,
        tmp_path,
        "ingest",
        str(extra),
        str(EXAMPLES[1]),
        "--dry-run",
        "--store",
        str(read_only_store),
        "-f",
        "json",
    )
    assert dry.returncode == 0, dry.stderr  # a dry run writes nothing: reading the store is enough
    assert [f["status"] for f in json.loads(dry.stdout)["files"]] == ["unchanged", "unchanged"]
    assert read_only_store.read_bytes() == before


# Without other users: the read-only mode itself.


def test_read_only_mode_leaves_the_journal_mode_and_refuses_writes(tmp_path):
    path = tmp_path / "store.sqlite3"
    with Store(path) as store:
        store._db.execute("PRAGMA journal_mode = DELETE")
    with Store(path, read_only=True) as store:
        assert store.count() == (0, 0) and store.schema_version == SCHEMA_VERSION
        with pytest.raises(StoreError) as refused:
            store.add_submission(
                file_name="a.xlsx",
                sha256="a",
                agency="so-ct",
                year=2025,
                period="Q1",
                observations=[Observation("retail", 1.0, "", 2025, "Q1")],
            )
        assert refused.value.code == "store-unwritable"
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.sqlite3"]


def test_read_only_mode_refuses_a_store_it_would_have_to_upgrade(tmp_path):
    old = tmp_path / "old.sqlite3"
    sqlite3.connect(old).execute("PRAGMA user_version = 1").connection.close()
    with pytest.raises(StoreError) as refused:
        Store(old, read_only=True)
    assert refused.value.code == "store-unwritable" and "(lược đồ 1)" in str(refused.value)
