"""The store: refusal, idempotence, supersede with history, maturity, derivation, migrations."""

from __future__ import annotations

import sqlite3

import pytest
from test_store_fakes import FAKE_CATALOG, fake_check, write_submission

from lsplan.ingest import ingest
from lsplan.model import Observation
from lsplan.store import MIGRATIONS, SCHEMA_VERSION, Store, StoreError, default_store_path, resolve_store_path


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "store.sqlite3") as opened:
        yield opened


def run(store, *paths, dry_run=False):
    return ingest(store, paths, FAKE_CATALOG, dry_run=dry_run, checker=fake_check)


def test_new_store_is_at_latest_schema_in_wal_mode(store):
    assert store.schema_version == SCHEMA_VERSION == 5
    assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_invalid_file_is_refused_whole_and_store_unchanged(store, tmp_path):
    good = write_submission(
        tmp_path, "good.json", "so-vhttdl", 2025, "Q1", [{"indicator": "tourists", "value": 1.92}]
    )
    run(store, good)
    before = store.count()
    bad = write_submission(
        tmp_path,
        "bad.json",
        "so-ct",
        2025,
        "Q1",
        [{"indicator": "retail", "value": 10783.1}],
        errors=("not-a-number",),
    )
    report = run(store, bad)
    assert [f.status for f in report.files] == ["refused"]
    assert report.exit_code == 1
    assert store.count() == before == (1, 1)
    assert store.submissions(agency="so-ct") == []


def test_unreadable_file_exit_2(store, tmp_path):
    report = run(store, tmp_path / "missing.json")
    assert report.files[0].status == "unreadable" and report.exit_code == 2
    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(b"\x00\x01PK")
    assert run(store, garbage).files[0].status == "unreadable"
    assert store.count() == (0, 0)


def test_reingest_same_file_changes_nothing(store, tmp_path):
    path = write_submission(
        tmp_path, "a.json", "so-vhttdl", 2025, "Q1", [{"indicator": "tourists", "value": 1.92}]
    )
    first = run(store, path)
    assert first.files[0].status == "added" and first.exit_code == 0
    rows = store._db.execute("SELECT * FROM submissions").fetchall()
    second = run(store, path, path)
    assert [f.status for f in second.files] == ["unchanged", "unchanged"]
    assert second.files[0].submission == first.files[0].submission
    assert store._db.execute("SELECT * FROM submissions").fetchall() == rows
    assert store.count() == (1, 1)


def test_later_submission_supersedes_but_history_keeps_both(store, tmp_path):
    a = write_submission(
        tmp_path, "a.json", "so-vhttdl", 2025, "Q1", [{"indicator": "tourists", "value": 1.9}]
    )
    b = write_submission(
        tmp_path, "b.json", "so-vhttdl", 2025, "Q1", [{"indicator": "tourists", "value": 1.92}]
    )
    first, second = run(store, a).files[0], run(store, b).files[0]
    assert second.supersedes == [first.submission]
    subs = {s.id: s for s in store.submissions()}
    assert subs[first.submission].superseded_by == second.submission
    assert subs[second.submission].superseded_by is None
    history = store.history("tourists")
    assert [(h.observation.value, h.file_name, h.superseded, h.counts) for h in history] == [
        (1.9, "a.json", True, False),
        (1.92, "b.json", False, True),
    ]
    assert store.current(2025, "Q1")["tourists"].observation.value == 1.92


def test_most_mature_wins_over_later_estimate(store, tmp_path):
    official = write_submission(
        tmp_path,
        "off.json",
        "cuc-thong-ke",
        2025,
        "Q1",
        [{"indicator": "grdp-growth", "value": 8.1, "maturity": "official"}],
    )
    estimate = write_submission(
        tmp_path,
        "est.json",
        "cuc-thong-ke",
        2025,
        "Q1",
        [{"indicator": "grdp-growth", "value": 8.27, "maturity": "estimate"}],
    )
    first = run(store, official).files[0]
    second = run(store, estimate).files[0]
    assert second.supersedes == []  # the official figure keeps its place
    assert store.current(2025, "Q1")["grdp-growth"].observation.value == 8.1
    subs = {s.id: s for s in store.submissions()}
    assert subs[second.submission].superseded_by == first.submission


def test_quarter_alone_flow_is_kept_as_sent_and_cumulated(store, tmp_path):
    q1 = write_submission(tmp_path, "q1.json", "so-ct", 2025, "Q1", [{"indicator": "retail", "value": 100.0}])
    q2 = write_submission(
        tmp_path,
        "q2.json",
        "so-ct",
        2025,
        "Q2",
        [
            {"indicator": "retail", "value": 120.0, "cumulative": False},
            {"indicator": "grdp-growth", "value": 8.0, "cumulative": False},
        ],
    )
    run(store, q1, q2)
    stored = [h.observation for h in store.history("retail")]
    assert [(o.period, o.value, o.cumulative) for o in stored] == [("Q1", 100.0, True), ("Q2", 120.0, False)]
    current = store.current(2025, "Q2", flows={"retail"})
    assert current["retail"].observation.value == 220.0
    assert current["retail"].observation.cumulative is True
    assert len(current["retail"].derived_from) == 2
    assert "grdp-growth" not in current  # a growth rate for the quarter alone cannot be cumulated
    assert "retail" not in store.current(2025, "Q2")  # not known to be a flow: not derived


def test_quarter_alone_without_previous_quarter_is_not_derived(store, tmp_path):
    q2 = write_submission(
        tmp_path,
        "q2.json",
        "so-ct",
        2025,
        "Q2",
        [{"indicator": "retail", "value": 120.0, "cumulative": False}],
    )
    run(store, q2)
    assert store.current(2025, "Q2", flows={"retail"}) == {}
    q1 = write_submission(
        tmp_path,
        "q1.json",
        "so-ct",
        2025,
        "Q1",
        [{"indicator": "retail", "value": 90.0, "cumulative": False}],
    )
    run(store, q1)
    assert store.current(2025, "Q2", flows={"retail"})["retail"].observation.value == 210.0


def test_dry_run_reports_and_writes_nothing(store, tmp_path):
    a = write_submission(
        tmp_path, "a.json", "so-vhttdl", 2025, "Q1", [{"indicator": "tourists", "value": 1.9}]
    )
    run(store, a)
    b = write_submission(
        tmp_path, "b.json", "so-vhttdl", 2025, "Q1", [{"indicator": "tourists", "value": 9.0}]
    )
    report = run(store, b, dry_run=True)
    outcome = report.files[0]
    assert outcome.status == "would-add" and outcome.supersedes == [1] and outcome.observations == 1
    assert [f.code for f in outcome.findings] == ["history-outlier"]
    assert store.count() == (1, 1)
    assert report.to_dict()["dry_run"] is True


def test_history_warnings(store, tmp_path):
    q1 = write_submission(
        tmp_path,
        "q1.json",
        "so-ct",
        2025,
        "Q1",
        [{"indicator": "retail", "value": 100.0}, {"indicator": "grdp-growth", "value": 8.0}],
    )
    run(store, q1)
    q2 = write_submission(
        tmp_path,
        "q2.json",
        "so-ct",
        2025,
        "Q2",
        [{"indicator": "retail", "value": 90.0, "cell": "D7"}, {"indicator": "grdp-growth", "value": 9.0}],
    )
    outcome = run(store, q2).files[0]
    assert outcome.status == "added"  # warnings do not refuse
    assert [(f.code, f.indicator, f.cell, str(f.severity)) for f in outcome.findings] == [
        ("history-cumulative-decrease", "retail", "D7", "warning")
    ]
    # outliers: against the same quarter of the previous year when this year has none
    q1_next = write_submission(
        tmp_path,
        "n.json",
        "so-ct",
        2026,
        "Q1",
        [{"indicator": "retail", "value": 301.0}, {"indicator": "grdp-growth", "value": 19.0}],
    )
    codes = sorted((f.code, f.indicator) for f in run(store, q1_next).files[0].findings)
    assert codes == [("history-outlier", "grdp-growth"), ("history-outlier", "retail")]
    fine = write_submission(
        tmp_path,
        "f.json",
        "so-ct",
        2026,
        "Q1",
        [{"indicator": "retail", "value": 299.0}, {"indicator": "grdp-growth", "value": 18.0}],
    )
    assert run(store, fine).files[0].findings == []


def test_migration_from_version_zero_and_one(tmp_path):
    empty = tmp_path / "v0.sqlite3"
    sqlite3.connect(empty).close()
    with Store(empty) as store:
        assert store.schema_version == SCHEMA_VERSION
    v1 = tmp_path / "v1.sqlite3"
    db = sqlite3.connect(v1)
    for statement in MIGRATIONS[0]:
        db.execute(statement)
    db.execute(
        "INSERT INTO submissions VALUES (1, 'old.xlsx', 'abc', 'so-ct', 2024, 'Q4', 'official', 't', NULL)"
    )
    db.execute(
        "INSERT INTO observations (submission_id, indicator, year, period, value, maturity)"
        " VALUES (1, 'retail', 2024, 'Q4', 42.0, 'official')"
    )
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    with Store(v1) as store:
        assert store.schema_version == SCHEMA_VERSION == 5
        (value,) = store.current(2024, "Q4").values()
        assert value.observation.value == 42.0 and value.observation.maturity == "official"
        assert store._db.execute("SELECT maturity_rank FROM observations").fetchone()[0] == 2


def test_newer_or_broken_store_is_refused(tmp_path):
    newer = tmp_path / "new.sqlite3"
    db = sqlite3.connect(newer)
    db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(StoreError) as info:
        Store(newer)
    assert info.value.code == "store-too-new"
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError) as info:
        Store(junk)
    assert info.value.code == "store-unreadable"


def test_add_submission_raising_midway_leaves_nothing(store, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(Store, "_resupersede", boom)
    obs = [Observation("tourists", 1.0, "", 2025, "Q1")]
    with pytest.raises(RuntimeError):
        store.add_submission(file_name="x", sha256="s", agency="a", year=2025, period="Q1", observations=obs)
    assert store.count() == (0, 0)
    assert not store._db.in_transaction


def test_store_location(monkeypatch, tmp_path):
    monkeypatch.setenv("LSPLAN_STORE", str(tmp_path / "env.sqlite3"))
    assert resolve_store_path(tmp_path / "x.sqlite3") == tmp_path / "x.sqlite3"
    assert resolve_store_path(None) == tmp_path / "env.sqlite3"
    monkeypatch.delenv("LSPLAN_STORE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_store_path(None) == default_store_path()
    assert default_store_path().name == "store.sqlite3" and default_store_path().parent.name == "lsplan"


def test_dry_run_of_a_less_mature_file_supersedes_nothing(store, tmp_path):
    official = write_submission(
        tmp_path,
        "off.json",
        "cuc-thong-ke",
        2025,
        "Q1",
        [{"indicator": "grdp-growth", "value": 8.1, "maturity": "official"}],
    )
    estimate = write_submission(
        tmp_path,
        "est.json",
        "cuc-thong-ke",
        2025,
        "Q1",
        [{"indicator": "grdp-growth", "value": 8.27, "maturity": "estimate"}],
    )
    run(store, official)
    assert run(store, estimate, dry_run=True).files[0].supersedes == []
    run(store, estimate)
    history = store.history("grdp-growth")
    assert [(h.observation.value, h.counts) for h in history] == [(8.1, True), (8.27, False)]


def test_benchmark_value_round_trips(store):
    observation = Observation("budget-vs-estimate", 2666.0, "tỷ đồng", 2025, "Q1", benchmark=2359.0)
    store.add_submission(
        file_name="b.xlsx", sha256="b", agency="stc", year=2025, period="Q1", observations=[observation]
    )
    assert store.current(2025, "Q1")["budget-vs-estimate"].observation.benchmark == 2359.0
