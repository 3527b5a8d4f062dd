"""The store when it cannot be written, and submissions that lack their metadata: findings, not tracebacks."""

from __future__ import annotations

import json
import sqlite3

import pytest
from test_gaps_fakes import FakeCatalog
from test_store_fakes import FAKE_CATALOG, fake_check, write_submission
from typer.testing import CliRunner

import lsplan.ingest
from lsplan.cli import app, store_common
from lsplan.ingest import ingest
from lsplan.model import Observation
from lsplan.store import Store, StoreError

runner = CliRunner()


def _locked(path):
    """Another writer holding the store's write lock (as a second, slow `lsplan ingest` would)."""
    holder = sqlite3.connect(str(path), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def test_store_locked_past_its_timeout_is_store_unwritable_and_unchanged(tmp_path):
    path = tmp_path / "store.sqlite3"
    Store(path).close()
    holder = _locked(path)
    try:
        with Store(path, timeout=0.1) as store, pytest.raises(StoreError) as raised:
            store.add_submission(
                file_name="a.xlsx",
                sha256="a",
                agency="so-ct",
                year=2025,
                period="Q1",
                observations=[Observation("retail", 1.0, "", 2025, "Q1")],
            )
        assert raised.value.code == "store-unwritable" and "locked" in str(raised.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Store(path) as store:
        assert store.count() == (0, 0)


def test_store_folder_that_cannot_be_created_is_store_unwritable(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(StoreError) as raised:
        Store(blocker / "store.sqlite3")
    assert raised.value.code == "store-unwritable"


def test_submission_without_agency_or_period_is_refused_with_its_code(tmp_path):
    path = write_submission(tmp_path, "anon.json", None, 2025, "Q1", [{"indicator": "retail", "value": 5.0}])
    with Store(tmp_path / "store.sqlite3") as store:
        report = ingest(store, [path], FAKE_CATALOG, checker=fake_check)
        assert [f.status for f in report.files] == ["refused"] and report.exit_code == 1
        assert [x.code for x in report.files[0].findings] == ["ingest-missing-metadata"]
        assert store.count() == (0, 0)


@pytest.fixture
def cli_env(tmp_path, monkeypatch):
    monkeypatch.setattr(store_common, "catalog_or_exit", lambda data: FakeCatalog())
    monkeypatch.setattr(lsplan.ingest, "_default_checker", lambda: fake_check)
    path = tmp_path / "store.sqlite3"
    Store(path).close()
    return path


def test_cli_ingest_into_a_locked_store_is_exit_2_without_traceback(cli_env, tmp_path, monkeypatch):
    monkeypatch.setattr(Store.__init__, "__kwdefaults__", {"timeout": 0.1, "read_only": False})
    good = write_submission(
        tmp_path, "vh.json", "so-vhttdl", 2025, "Q2", [{"indicator": "tourists", "value": 4.1}]
    )
    holder = _locked(cli_env)
    try:
        result = runner.invoke(app, ["--lang", "en", "ingest", str(good), "--store", str(cli_env)])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 2, result.output
    assert "cannot write to the store" in result.stderr and "Traceback" not in result.output
    assert not isinstance(result.exception, sqlite3.Error)
    with Store(cli_env) as store:
        assert store.count() == (0, 0)


def test_cli_ingest_of_a_file_without_metadata_is_exit_1(cli_env, tmp_path):
    anon = write_submission(tmp_path, "anon.json", None, 2025, "Q1", [{"indicator": "retail", "value": 5.0}])
    result = runner.invoke(app, ["ingest", str(anon), "--store", str(cli_env), "--format", "json"])
    assert result.exit_code == 1, result.output
    files = json.loads(result.stdout)["files"]
    assert files[0]["status"] == "refused"
    assert [f["code"] for f in files[0]["findings"]] == ["ingest-missing-metadata"]


@pytest.mark.parametrize(
    "args",
    [
        ["history", "tourists", "--format", "xlsx"],
        ["agency", "SCT", "--format", "xlsx"],
        ["gaps", "--quarter", "Q1", "--format", "xlsx"],
    ],
)
def test_xlsx_without_output_is_a_usage_error_not_a_traceback(cli_env, args):
    result = runner.invoke(app, [*args, "--store", str(cli_env)])
    assert result.exit_code == 2, result.output
    assert (
        "--output" in result.stderr and result.exception is None or isinstance(result.exception, SystemExit)
    )


def test_ingest_xlsx_without_output_refuses_before_storing(cli_env, tmp_path):
    good = write_submission(
        tmp_path, "vh.json", "so-vhttdl", 2025, "Q2", [{"indicator": "tourists", "value": 4.1}]
    )
    result = runner.invoke(app, ["ingest", str(good), "--format", "xlsx", "--store", str(cli_env)])
    assert result.exit_code == 2 and "--output" in result.stderr
    with Store(cli_env) as store:
        assert store.count() == (0, 0)  # a usage error stores nothing


def test_ingest_report_written_to_a_workbook(cli_env, tmp_path):
    from openpyxl import load_workbook

    good = write_submission(
        tmp_path, "vh.json", "so-vhttdl", 2025, "Q2", [{"indicator": "tourists", "value": 4.1}]
    )
    out = tmp_path / "ingest.xlsx"
    result = runner.invoke(
        app, ["ingest", str(good), "--format", "xlsx", "--output", str(out), "--store", str(cli_env)]
    )
    assert result.exit_code == 0, result.output
    assert load_workbook(out).worksheets[0]["A2"].value == "vh.json"


def test_history_accepts_a_target_id_for_its_indicator(cli_env, tmp_path):
    good = write_submission(
        tmp_path, "vh.json", "so-vhttdl", 2025, "Q2", [{"indicator": "tourists", "value": 4.1}]
    )
    assert runner.invoke(app, ["ingest", str(good), "--store", str(cli_env)]).exit_code == 0
    by_target = runner.invoke(
        app, ["history", "kb-2025.tourists", "--format", "json", "--store", str(cli_env)]
    )
    assert by_target.exit_code == 0, by_target.output
    payload = json.loads(by_target.stdout)
    assert payload["indicator"]["id"] == "tourists" and [v["value"] for v in payload["values"]] == [4.1]
