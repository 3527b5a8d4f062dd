"""--output: never the store, never an input, never a device or folder; atomic, one mode, no
temporary file left behind (errors, SIGINT, SIGTERM). Conditions are built in each test."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lsplan.cli import app
from lsplan.outputs import OutputRefused, atomic_write, check_output, new_file_mode
from lsplan.store import Store

runner = CliRunner()
EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "lsplan" / "examples_data").glob("*/*.xlsx"))


def _code(path, **kwargs) -> str:
    with pytest.raises(OutputRefused) as refused:
        check_output(Path(path), **kwargs)
    return refused.value.code


# ------------------------------------------------------------------------- check_output


def test_the_store_is_refused_by_name_link_hard_link_and_before_it_exists(tmp_path):
    store = tmp_path / "store.sqlite3"
    assert _code(store, store=store) == "output-is-store"  # not created yet: same resolved path
    Store(store).close()
    assert _code(store, store=store) == "output-is-store"
    (tmp_path / "link.sqlite3").symlink_to(store)
    os.link(store, tmp_path / "hard.sqlite3")
    assert _code(tmp_path / "link.sqlite3", store=store) == "output-is-store"
    assert _code(tmp_path / "hard.sqlite3", store=store) == "output-is-store"
    assert _code(tmp_path / "sub" / ".." / "store.sqlite3", store=store) in ("output-is-store",)
    assert _code(tmp_path / "store.sqlite3-wal", store=store) == "output-is-store"


def test_an_input_is_refused_and_an_ordinary_new_file_is_accepted(tmp_path):
    source = tmp_path / "so-ct.xlsx"
    source.write_bytes(b"x")
    (tmp_path / "alias.xlsx").symlink_to(source)
    assert _code(source, inputs=[source]) == "output-is-input"
    assert _code(tmp_path / "alias.xlsx", inputs=[source]) == "output-is-input"
    check_output(tmp_path / "out.csv", store=tmp_path / "store.sqlite3", inputs=[source])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alias.xlsx", "so-ct.xlsx"]  # probe removed


def test_devices_fifos_and_folders_are_refused(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert _code("/dev/null") == _code(fifo) == _code(tmp_path) == "output-not-a-file"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode) and stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_missing_folder_is_an_error_not_created(tmp_path):
    assert _code(tmp_path / "typo" / "out.csv") == "output-folder-missing"
    assert not (tmp_path / "typo").exists()
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    assert _code(blocker / "out.csv") == "output-unwritable"  # ENOTDIR
    assert _code(tmp_path / ("n" * 300 + ".csv")) == "output-unwritable"  # ENAMETOOLONG


# ------------------------------------------------------------------------- atomic_write


def test_new_files_get_the_mode_of_a_new_file_and_replaced_files_keep_theirs(tmp_path):
    old_mask = os.umask(0o027)
    try:
        atomic_write(tmp_path / "new.csv", lambda h: h.write(b"a"))
        assert stat.S_IMODE(os.stat(tmp_path / "new.csv").st_mode) == 0o640 == new_file_mode()
    finally:
        os.umask(old_mask)
    kept = tmp_path / "kept.csv"
    kept.write_bytes(b"old")
    kept.chmod(0o600)
    atomic_write(kept, lambda h: h.write(b"new"))
    assert kept.read_bytes() == b"new" and stat.S_IMODE(os.stat(kept).st_mode) == 0o600


def test_a_symbolic_link_is_written_through(tmp_path):
    real = tmp_path / "real.csv"
    real.write_bytes(b"old")
    (tmp_path / "link.csv").symlink_to(real)
    atomic_write(tmp_path / "link.csv", lambda h: h.write(b"new"))
    assert (tmp_path / "link.csv").is_symlink() and real.read_bytes() == b"new"


def test_disk_full_is_output_unwritable_and_leaves_nothing(tmp_path):
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")

    def full(handle):
        handle.write(b"partial")
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputRefused) as refused:
        atomic_write(target, full)
    assert refused.value.code == "output-unwritable" and "No space left" in str(refused.value)
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["out.csv"]


_KILLED_MID_WRITE = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from lsplan.outputs import atomic_write

    def slow(handle):
        handle.write(b"half of it")
        handle.flush()
        print("writing", flush=True)
        time.sleep(30)

    atomic_write(Path(sys.argv[1]), slow)
    """
)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_process_killed_mid_write_leaves_no_temporary_file(tmp_path, signum):
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"the old report")
    child = subprocess.Popen(
        [sys.executable, "-c", _KILLED_MID_WRITE, str(target)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert child.stdout is not None and child.stdout.readline() == b"writing\n"
    assert len(list(tmp_path.iterdir())) == 2  # the temporary file exists while writing
    child.send_signal(signum)
    child.wait(timeout=20)
    assert child.returncode != 0
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"], "temporary file left behind"
    assert target.read_bytes() == b"the old report"
    if signum != signal.SIGINT:  # the process still ends by the signal it was sent
        assert child.returncode == -signum


# -------------------------------------------------------------------------------- CLI


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A real store with the shipped Q1 2025 examples, pointed at by $LSPLAN_STORE."""
    path = tmp_path / "store.sqlite3"
    result = runner.invoke(app, ["ingest", *map(str, EXAMPLES), "--store", str(path)])
    assert result.exit_code == 0, result.output
    monkeypatch.setenv("LSPLAN_STORE", str(path))
    return path


def _stored(path: Path) -> tuple[int, int]:
    with Store(path) as opened:
        return opened.count()


@pytest.mark.parametrize(
    "args",
    [
        ["gaps", "-q", "Q1", "--year", "2025", "-f", "csv"],
        ["gaps", "-q", "Q1", "--year", "2025", "-f", "xlsx"],
        ["agency", "Sở Công Thương", "-q", "Q1", "--year", "2025", "-f", "json"],
        ["history", "tourists", "-f", "csv"],
        ["targets", "-f", "csv"],
        ["plans", "-f", "md"],
    ],
    ids=lambda a: a[0],
)
def test_no_command_writes_over_the_store(store, args):
    before = store.read_bytes()
    for how in ([str(store)], [str(store), "--store", str(store)]):
        extra = ["--store", how[2]] if len(how) > 1 and args[0] in ("gaps", "agency", "history") else []
        result = runner.invoke(app, [*args, "-o", how[0], *extra])
        assert result.exit_code == 2, result.output
        assert "[output-is-store]" in result.stderr and "Traceback" not in result.output
    assert store.read_bytes() == before


def test_report_and_template_refuse_the_store_and_a_folder(store, tmp_path):
    link = tmp_path / "store.xlsx"
    link.symlink_to(store)  # a report name that is the store through a link
    for args in (
        ["report", "-q", "Q1", "--year", "2025", "-o", str(link)],
        ["template", "--agency", "Sở Công Thương", "--year", "2025", "--quarter", "Q1", "-o", str(link)],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and "[output-is-store]" in result.stderr, result.output
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    result = runner.invoke(app, ["report", "-q", "Q1", "--year", "2025", "-o", str(folder)])
    assert result.exit_code == 2 and "[output-not-a-file]" in result.stderr
    assert folder.is_dir() and _stored(store)[0] == len(EXAMPLES)


def test_ingest_refuses_an_output_that_is_one_of_its_inputs_and_stores_nothing(tmp_path):
    submission = tmp_path / EXAMPLES[0].name
    submission.write_bytes(EXAMPLES[0].read_bytes())
    store = tmp_path / "new.sqlite3"
    result = runner.invoke(
        app, ["ingest", str(submission), "--store", str(store), "-f", "csv", "-o", str(submission)]
    )
    assert result.exit_code == 2 and "[output-is-input]" in result.stderr, result.output
    assert submission.read_bytes() == EXAMPLES[0].read_bytes()
    assert not store.exists()  # refused before the store was even created
    result = runner.invoke(
        app, ["ingest", str(submission), "--store", str(store), "-o", str(tmp_path / "no" / "x.csv")]
    )
    assert result.exit_code == 2 and "[output-folder-missing]" in result.stderr
    assert not store.exists()


def test_a_plan_data_file_is_an_input_too(tmp_path):
    from lsplan.catalog_load import default_data_dir

    targets = default_data_dir() / "targets.yaml"
    before = targets.read_bytes()
    result = runner.invoke(app, ["targets", "-f", "csv", "-o", str(targets)])
    assert result.exit_code == 2 and "[output-is-input]" in result.stderr
    assert targets.read_bytes() == before


def test_dev_null_is_refused_and_left_a_device(store):
    result = runner.invoke(app, ["gaps", "-q", "Q1", "--year", "2025", "-f", "csv", "-o", "/dev/null"])
    assert result.exit_code == 2 and "[output-not-a-file]" in result.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_an_ordinary_output_is_written_with_the_mode_of_a_new_file(store, tmp_path):
    out = tmp_path / "gaps.csv"
    result = runner.invoke(app, ["gaps", "-q", "Q1", "--year", "2025", "-f", "csv", "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    assert stat.S_IMODE(os.stat(out).st_mode) == new_file_mode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gaps.csv", "store.sqlite3"]
