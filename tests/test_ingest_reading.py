"""Ingest reads each file once, of the right type, whatever its name's encoding, and goes on
after a bad one."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lsplan.catalog import load_catalog
from lsplan.checks import check_file
from lsplan.cli import app
from lsplan.ingest import ingest
from lsplan.store import Store

runner = CliRunner()
EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "lsplan" / "examples_data").glob("*/*.xlsx"))


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def _within(seconds: float, work):
    """Run `work()` in a thread; fail (instead of hanging the suite) if it blocks."""
    box: dict = {}
    thread = threading.Thread(target=lambda: box.setdefault("result", work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    return box["result"]


def test_a_fifo_a_device_and_a_folder_are_refused_at_once(tmp_path, catalog):
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)  # nobody writes to it: reading would block forever

    def run():  # a store is used in the thread that opened it
        with Store(tmp_path / "store.sqlite3") as store:
            return ingest(store, [fifo, Path("/dev/zero"), tmp_path, EXAMPLES[0]], catalog), store.count()

    report, count = _within(10, run)
    assert [f.status for f in report.files] == ["unreadable", "unreadable", "unreadable", "added"]
    assert [f.findings[0].code for f in report.files[:3]] == ["not-a-file"] * 3
    assert report.exit_code == 2 and count[0] == 1


def test_the_cli_refuses_a_fifo_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    result = _within(
        20, lambda: runner.invoke(app, ["ingest", str(fifo), "--store", str(tmp_path / "s.sqlite3")])
    )
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output


def test_a_file_that_changes_during_ingest_is_stored_as_the_version_that_was_checked(tmp_path, catalog):
    first, second = EXAMPLES[0].read_bytes(), EXAMPLES[1].read_bytes()
    submission = tmp_path / "bao-cao.xlsx"
    submission.write_bytes(first)

    def check_while_the_sender_overwrites(path, *args, **kwargs):
        submission.write_bytes(second)  # a new version lands between the hash and the check
        return check_file(path, *args, **kwargs)

    with Store(tmp_path / "store.sqlite3") as store:
        report = ingest(store, [submission], catalog, checker=check_while_the_sender_overwrites)
        assert report.files[0].status == "added"
        (stored,) = store.submissions()
        expected = check_file(EXAMPLES[0], catalog)
        assert stored.sha256 == hashlib.sha256(first).hexdigest() and stored.agency == expected.agency
        # the second version is new, not "unchanged": it is checked and stored in its turn
        again = ingest(store, [submission], catalog)
        assert (
            again.files[0].status == "added"
            and again.files[0].agency == check_file(EXAMPLES[1], catalog).agency
        )


def test_a_cp1258_file_name_is_stored_with_its_bytes_and_shown_readably(tmp_path):
    raw = "Báo cáo Q1 năm 2025.xlsx".encode("cp1258")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    name = os.fsdecode(raw)  # what Python gets from the file system: surrogate escapes
    (tmp_path / name).write_bytes(EXAMPLES[0].read_bytes())
    store = tmp_path / "store.sqlite3"
    result = runner.invoke(app, ["ingest", str(tmp_path / name), "--store", str(store), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["files"][0]["path"].endswith("Báo cáo Q1 năm 2025.xlsx")
    with Store(store) as opened:
        (stored,) = opened.submissions()
        assert stored.file_name == "Báo cáo Q1 năm 2025.xlsx" and stored.file_name_bytes == raw
    for args in (["history", "tourists"], ["history", "retail-sales", "-f", "csv"]):
        shown = runner.invoke(app, [*args, "--store", str(store)])
        assert shown.exit_code == 0 and "Traceback" not in shown.output, shown.output
    report = tmp_path / "report.xlsx"
    result = runner.invoke(
        app, ["report", "-q", "Q1", "--year", "2025", "--store", str(store), "-o", str(report)]
    )
    assert result.exit_code == 0, result.output


def test_a_utf8_name_keeps_no_bytes_copy(tmp_path, catalog):
    path = tmp_path / "Sở Công Thương.xlsx"
    path.write_bytes(EXAMPLES[0].read_bytes())
    with Store(tmp_path / "store.sqlite3") as store:
        ingest(store, [path], catalog)
        (stored,) = store.submissions()
        assert stored.file_name == "Sở Công Thương.xlsx" and stored.file_name_bytes is None


def test_one_file_that_makes_lsplan_fail_never_stops_the_batch(tmp_path, catalog):
    def fragile(path, *args, **kwargs):
        result = check_file(path, *args, **kwargs)
        if result.agency == check_file(EXAMPLES[1], catalog).agency:
            raise OverflowError("int too large to convert to float")
        return result

    with Store(tmp_path / "store.sqlite3") as store:
        report = ingest(store, EXAMPLES, catalog, checker=fragile)
        statuses = [f.status for f in report.files]
        assert statuses[1] == "failed" and statuses.count("added") == len(EXAMPLES) - 1
        assert report.files[1].findings[0].code == "ingest-failed"
        assert "OverflowError" in report.files[1].findings[0].message and report.exit_code == 2
        assert store.count()[0] == len(EXAMPLES) - 1


def test_a_file_larger_than_the_limit_is_not_read_whole(tmp_path, catalog, monkeypatch):
    from lsplan.readers import DEFAULT_LIMITS

    big = tmp_path / "big.csv"
    with open(big, "wb") as handle:
        handle.truncate(DEFAULT_LIMITS.max_file_bytes + 1)  # sparse: costs no disk
    with Store(tmp_path / "store.sqlite3") as store:
        report = ingest(store, [big], catalog)
        assert report.files[0].status == "unreadable" and report.files[0].findings[0].code == "file-too-large"
