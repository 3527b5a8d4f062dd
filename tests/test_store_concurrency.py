"""Two processes ingesting at once lose nothing; a process killed mid-transaction leaves nothing."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from test_store_fakes import FAKE_CATALOG, fake_check, write_submission

from lsplan.ingest import ingest
from lsplan.store import Store

pytestmark = pytest.mark.slow


def _worker(store_path: str, files: list[str], start: Any) -> None:
    with Store(store_path) as store:
        start.wait(30)  # both processes hold an open store before either writes: they really overlap
        report = ingest(store, files, FAKE_CATALOG, checker=fake_check)
    if report.exit_code != 0:
        raise SystemExit(1)


def test_two_processes_ingesting_at_once(tmp_path):
    store_path = tmp_path / "store.sqlite3"
    batches = []
    for worker in range(2):
        files = [
            str(
                write_submission(
                    tmp_path,
                    f"w{worker}-{i}.json",
                    f"agency-{worker}-{i}",
                    2025,
                    "Q1",
                    [
                        {"indicator": "retail", "value": float(i + 1)},
                        {"indicator": "tourists", "value": float(worker)},
                    ],
                )
            )
            for i in range(25)
        ]
        # Both workers also ingest the same shared file: it must be stored exactly once.
        files.append(
            str(
                write_submission(
                    tmp_path, "shared.json", "shared", 2025, "Q1", [{"indicator": "retail", "value": 7.0}]
                )
            )
        )
        batches.append(files)
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    processes = [context.Process(target=_worker, args=(str(store_path), files, start)) for files in batches]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    with Store(store_path) as store:
        assert store.count() == (51, 101)
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert len(store.submissions(agency="shared")) == 1


KILLER = textwrap.dedent("""
    import os, signal, sys
    from lsplan.model import Observation
    from lsplan.store import Store

    original = Store._insert_observations

    def insert_then_die(self, *args):
        original(self, *args)            # rows written inside the open transaction...
        os.kill(os.getpid(), signal.SIGKILL)   # ...and the process dies before COMMIT

    store = Store(sys.argv[1])
    store.add_submission(file_name="ok.xlsx", sha256="first", agency="a", year=2025, period="Q1",
                         observations=[Observation("retail", 1.0, "", 2025, "Q1")])
    Store._insert_observations = insert_then_die
    store.add_submission(file_name="killed.xlsx", sha256="second", agency="b", year=2025, period="Q1",
                         observations=[Observation("retail", float(i), "", 2025, "Q1") for i in range(500)])
""")


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")
def test_killed_ingest_leaves_no_partial_data(tmp_path):
    store_path = tmp_path / "store.sqlite3"
    process = subprocess.run([sys.executable, "-c", KILLER, str(store_path)], capture_output=True, timeout=60)
    assert process.returncode == -9, process.stderr
    with Store(store_path) as store:
        assert [s.file_name for s in store.submissions()] == ["ok.xlsx"]
        assert store.count() == (1, 1)
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert Path(store_path).exists()


def test_two_lsplan_ingest_commands_at_once_store_each_example_once(tmp_path):
    """The real command, twice at the same moment, on overlapping sets of real example files."""
    from lsplan.demo import example_files

    files = [str(p) for p in example_files()]
    store_path = tmp_path / "store.sqlite3"
    env = {**os.environ, "LSPLAN_STORE": str(store_path)}
    command = [sys.executable, "-m", "lsplan", "ingest", "--format", "json"]
    runs = [
        subprocess.Popen([*command, *files], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE),
        subprocess.Popen(
            [*command, *reversed(files)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        ),
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    for run, (_out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err.decode("utf-8", "replace")
    statuses = sorted(f["status"] for out, _err in outputs for f in json.loads(out)["files"])
    assert statuses.count("added") == len(files) and statuses.count("unchanged") == len(files)
    with Store(store_path) as store:
        assert len(store.submissions()) == len(files)
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
