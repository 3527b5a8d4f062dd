"""Two processes ingesting at once lose nothing; a process killed mid-transaction leaves nothing."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from test_store_fakes import FAKE_CATALOG, fake_check, write_submission

from lsplan.ingest import ingest
from lsplan.store import Store

pytestmark = pytest.mark.slow


def _worker(store_path: str, files: list[str]) -> None:
    with Store(store_path) as store:
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
    processes = [context.Process(target=_worker, args=(str(store_path), files)) for files in batches]
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
