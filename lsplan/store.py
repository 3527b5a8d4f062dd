"""The store of accepted submissions: an SQLite database (standard library), with full history.

Every accepted file becomes one row in `submissions` (file name, SHA-256, agency, year, period,
maturity, time received) and its figures rows in `observations` (indicator, value, unit, sheet,
cell, the text as sent, cumulative or quarter alone, maturity). Nothing is ever deleted: a later
submission from the same agency for the same year and period *supersedes* the earlier one
(`superseded_by`), and `history()` shows every value ever received.

Which value counts ("current"), per indicator, year and period: the most mature figure
(estimate < preliminary < official), then the latest received. A quarter-alone figure
(`cumulative = 0`, "quý II") is kept as sent; for flows the cumulative figure is derived by
adding the cumulative figure of the previous quarter (Q1 alone is Q1 cumulative).

Safety: WAL journal, a busy timeout, and every write in one `BEGIN IMMEDIATE` transaction, so a
killed process leaves no partial submission and two processes ingesting at once neither corrupt
nor lose anything. The schema version is `PRAGMA user_version`; `MIGRATIONS` brings any older
store (version 0 = empty file) up to date when it is opened.

Location: `--store`, else `$LSPLAN_STORE`, else `default_store_path()`:
`%LOCALAPPDATA%\\lsplan\\store.sqlite3` on Windows, `~/Library/Application Support/lsplan/
store.sqlite3` on macOS, `$XDG_DATA_HOME/lsplan/store.sqlite3` (default `~/.local/share`) elsewhere.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from lsplan.i18n import _
from lsplan.model import Observation
from lsplan.store_paths import default_store_path, resolve_store_path
from lsplan.store_schema import MIGRATIONS, SCHEMA_VERSION, SchemaTooNew, migrate

# The store's location functions live in lsplan.store_paths and are re-exported here.
__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "Store",
    "StoreError",
    "StoredValue",
    "Submission",
    "default_store_path",
    "resolve_store_path",
]

MATURITY_RANK = {"estimate": 0, "preliminary": 1, "official": 2}
PERIODS = ("Q1", "Q2", "Q3", "Q4")
BUSY_TIMEOUT_S = 30.0


class StoreError(Exception):
    """The store cannot be used at all (not a database, newer schema, unwritable folder)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class Submission:
    id: int
    file_name: str
    sha256: str
    agency: str
    year: int
    period: str
    maturity: str
    received_at: str
    superseded_by: int | None = None
    file_name_bytes: bytes | None = None  # the name's exact bytes when it is not UTF-8


@dataclass(frozen=True, slots=True)
class StoredValue:
    """A figure with its provenance: the observation and the submission it came from."""

    observation: Observation
    submission_id: int
    file_name: str
    received_at: str
    superseded: bool = False
    derived_from: tuple[int, ...] = ()  # submission ids added up for a derived cumulative figure
    counts: bool = False  # in `history`: this is the figure that counts now for its period

    def to_dict(self) -> dict:
        obs = self.observation
        return {
            "indicator": obs.indicator,
            "year": obs.year,
            "period": obs.period,
            "value": obs.value,
            "unit": obs.unit,
            "cumulative": obs.cumulative,
            "maturity": obs.maturity,
            "raw": obs.raw,
            "agency": obs.agency,
            "file": self.file_name,
            "sheet": obs.sheet,
            "cell": obs.cell,
            "submission": self.submission_id,
            "received_at": self.received_at,
            "superseded": self.superseded,
            "counts": self.counts,
            "derived_from": list(self.derived_from),
        }


def _now() -> str:
    """When a submission is received. SOURCE_DATE_EPOCH (the reproducible-builds convention)
    pins it, so that documented examples print the same thing every time; the order of
    submissions never depends on it (ids do)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).isoformat(timespec="microseconds")
    return datetime.now(UTC).isoformat(timespec="microseconds")


def quarter_index(period: str) -> int:
    return PERIODS.index(period) + 1


def _is_read_only(exc: sqlite3.OperationalError) -> bool:
    """SQLite's words for "this process may not write here" (SQLITE_READONLY, SQLITE_CANTOPEN)."""
    text = str(exc)
    return "readonly" in text or "unable to open" in text


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # too long a name, a loop of links: not a store that exists
        return False


def _until_unlocked(step: Callable[[], object], timeout: float) -> None:
    """Run `step`, retrying while another process holds the database lock.

    SQLite answers "database is locked" at once, without waiting on the busy timeout, when two
    processes open a new store together and one is switching it to WAL or creating its tables;
    the second must simply try again a moment later (seen with two `lsplan ingest` at once).
    """
    deadline = time.monotonic() + timeout
    delay = 0.005
    while True:
        try:
            step()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() >= deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.25)


class Store:
    """An open store. Use as a context manager, or call `close()`.

    `read_only=True` opens an existing store for reading only (SQLite `mode=ro`): no folder is
    created, the journal mode is left as it is, nothing is migrated; it works on a store that can
    be read but not written (a read-only file, folder or share, another user's store). A store
    older than this lsplan cannot be read that way (StoreError "store-unwritable").
    """

    def __init__(self, path: Path | str, *, timeout: float = BUSY_TIMEOUT_S, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        if read_only:
            self._open_read_only(timeout)
            return
        if str(path) != ":memory:":
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError("store-unwritable", f"cannot create {self.path.parent}: {exc}") from exc
        try:
            self._db = sqlite3.connect(str(path), timeout=timeout, isolation_level=None)
            self._db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            _until_unlocked(lambda: self._db.execute("PRAGMA journal_mode = WAL"), timeout)
            self._db.execute("PRAGMA foreign_keys = ON")
            _until_unlocked(self._migrate, timeout)
        except sqlite3.OperationalError as exc:
            if _is_read_only(exc) and _is_file(self.path):
                message = _(
                    "{path} can be read but not written ({error}): the file or its folder is "
                    "read-only, or belongs to another user; reading commands (gaps, agency, history, "
                    "report) still read it"
                )
                raise StoreError("store-unwritable", message.format(path=self.path, error=exc)) from exc
            raise StoreError("store-unreadable", f"{self.path} is not a usable lsplan store: {exc}") from exc
        except sqlite3.DatabaseError as exc:
            raise StoreError("store-unreadable", f"{self.path} is not a usable lsplan store: {exc}") from exc

    def _open_read_only(self, timeout: float) -> None:
        from urllib.parse import quote

        uri = "file:" + quote(os.fsdecode(self.path.absolute()), safe="/") + "?mode=ro"
        wal = self.path.with_name(self.path.name + "-wal")
        try:
            try:
                self._db = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
                self._db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
                version = self.schema_version
            except sqlite3.OperationalError:
                # A WAL store in a folder this user cannot write has no -shm file to share and
                # none can be made: SQLite then refuses even to read. With no -wal file either (a
                # store closed cleanly), the main file holds everything: read it as immutable.
                if wal.exists():
                    raise
                self._db.close()
                self._db = sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None)
                version = self.schema_version
        except sqlite3.DatabaseError as exc:
            raise StoreError("store-unreadable", f"{self.path} is not a usable lsplan store: {exc}") from exc
        if version > SCHEMA_VERSION:
            self._db.close()
            raise StoreError("store-too-new", f"{self.path}: schema {version}; upgrade lsplan")
        if version < SCHEMA_VERSION:
            self._db.close()
            message = _(
                "{path}: made by an older lsplan (schema {version}) and not writable, so it cannot be "
                "upgraded; open it once with write access (e.g. `lsplan ingest --dry-run`)"
            )
            raise StoreError("store-unwritable", message.format(path=self.path, version=version))

    # -- life cycle -------------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        try:
            migrate(self._db)
        except SchemaTooNew as exc:
            raise StoreError("store-too-new", f"{self.path}: {exc}: upgrade lsplan") from exc

    # -- writing ----------------------------------------------------------------------------
    def find_sha(self, sha256: str) -> Submission | None:
        row = self._db.execute(_SELECT_SUBMISSIONS + " WHERE sha256 = ?", (sha256,)).fetchone()
        return _submission(row) if row else None

    def add_submission(
        self,
        *,
        file_name: str,
        file_name_bytes: bytes | None = None,
        sha256: str,
        agency: str,
        year: int,
        period: str,
        observations: Sequence[Observation],
        received_at: str | None = None,
    ) -> tuple[Submission, bool]:
        """Store one accepted submission in one transaction; returns (submission, added).

        `added` is False when a submission with the same SHA-256 is already stored (nothing
        changes). Earlier submissions of the agency for the year and period are marked as
        superseded by whichever one now wins (most mature, then latest); none is deleted.
        """
        if period not in PERIODS:
            raise ValueError(f"period must be one of {PERIODS}, not {period!r}")
        ranks = [MATURITY_RANK.get(o.maturity, 0) for o in observations]
        maturity = {v: k for k, v in MATURITY_RANK.items()}[min(ranks) if ranks else 0]
        try:
            names = (file_name, file_name_bytes)
            return self._add(names, sha256, agency, year, period, maturity, observations, received_at)
        except sqlite3.OperationalError as exc:  # locked past the busy timeout, read-only, disk full
            raise StoreError("store-unwritable", f"{self.path}: cannot write to the store: {exc}") from exc

    def _add(
        self,
        names: tuple[str, bytes | None],
        sha256: str,
        agency: str,
        year: int,
        period: str,
        maturity: str,
        observations: Sequence[Observation],
        received_at: str | None,
    ) -> tuple[Submission, bool]:
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            existing = db.execute(_SELECT_SUBMISSIONS + " WHERE sha256 = ?", (sha256,)).fetchone()
            if existing:
                db.execute("ROLLBACK")
                return _submission(existing), False
            cursor = db.execute(
                "INSERT INTO submissions (file_name, file_name_bytes, sha256, agency, year, period, maturity,"
                " received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (*names, sha256, agency, year, period, maturity, received_at or _now()),
            )
            submission_id = int(cursor.lastrowid or 0)
            self._insert_observations(submission_id, agency, year, period, observations)
            self._resupersede(agency, year, period)
            row = db.execute(_SELECT_SUBMISSIONS + " WHERE id = ?", (submission_id,)).fetchone()
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        return _submission(row), True

    def _insert_observations(
        self, submission_id: int, agency: str, year: int, period: str, observations: Sequence[Observation]
    ) -> None:
        self._db.executemany(
            "INSERT INTO observations (submission_id, indicator, year, period, value, unit, sheet, cell, raw,"
            " cumulative, maturity, maturity_rank, benchmark) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    submission_id,
                    o.indicator,
                    year,
                    period,
                    float(o.value),
                    o.unit or "",
                    o.sheet,
                    o.cell,
                    o.raw,
                    1 if o.cumulative else 0,
                    o.maturity,
                    MATURITY_RANK.get(o.maturity, 0),
                    getattr(o, "benchmark", None),
                )
                for o in observations
            ],
        )

    def _resupersede(self, agency: str, year: int, period: str) -> None:
        rows = self._db.execute(
            "SELECT id, maturity FROM submissions WHERE agency = ? AND year = ? AND period = ?",
            (agency, year, period),
        ).fetchall()
        winner = max(rows, key=lambda r: (MATURITY_RANK.get(r[1], 0), r[0]))[0]
        self._db.execute(
            "UPDATE submissions SET superseded_by = CASE WHEN id = ? THEN NULL ELSE ? END"
            " WHERE agency = ? AND year = ? AND period = ?",
            (winner, winner, agency, year, period),
        )

    # -- reading ----------------------------------------------------------------------------
    def submissions(
        self, *, agency: str | None = None, year: int | None = None, period: str | None = None
    ) -> list[Submission]:
        sql, args = _SELECT_SUBMISSIONS + " WHERE 1 = 1", []
        for column, value in (("agency", agency), ("year", year), ("period", period)):
            if value is not None:
                sql += f" AND {column} = ?"
                args.append(value)
        return [_submission(r) for r in self._db.execute(sql + " ORDER BY id", args)]

    def record_letter(
        self,
        *,
        agency: str,
        year: int,
        period: str,
        number: str,
        sent_on: str,
        subject: str,
        targets: Iterable[str],
    ) -> int:
        """Keep a numbered reminder letter (lsplan.remind.history); returns its row id."""
        import json

        cursor = self._db.execute(
            "INSERT INTO letters (agency, year, period, number, sent_on, subject, targets, recorded_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (agency, year, period, number, sent_on, subject, json.dumps(sorted(targets)), _now()),
        )
        return int(cursor.lastrowid or 0)

    def letters(self, *, year: int, period: str, agency: str | None = None) -> list[dict]:
        """Recorded letters of one period (and agency), oldest first."""
        import json

        sql = "SELECT id, agency, year, period, number, sent_on, subject, targets, recorded_at FROM letters "
        sql += "WHERE year = ? AND period = ?"
        args: list[object] = [year, period]
        if agency is not None:
            sql += " AND agency = ?"
            args.append(agency)
        keys = ("id", "agency", "year", "period", "number", "date", "subject", "targets", "recorded_at")
        rows = [dict(zip(keys, r, strict=True)) for r in self._db.execute(sql + " ORDER BY id", args)]
        for row in rows:
            row["targets"] = json.loads(row["targets"])
        return rows

    def submitted_agencies(self, year: int, period: str) -> set[str]:
        rows = self._db.execute(
            "SELECT DISTINCT agency FROM submissions WHERE year = ? AND period = ?", (year, period)
        )
        return {r[0] for r in rows}

    def latest_year(self) -> int | None:
        row = self._db.execute("SELECT MAX(year) FROM submissions").fetchone()
        return int(row[0]) if row and row[0] is not None else None

    def count(self) -> tuple[int, int]:
        """(submissions, observations) stored."""
        subs = self._db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0]
        obs = self._db.execute("SELECT COUNT(*) FROM observations").fetchone()[0]
        return int(subs), int(obs)

    def history(self, indicator: str, *, flows: Iterable[str] = ()) -> list[StoredValue]:
        """Every value ever received for an indicator, oldest period first, in receiving order;
        `counts` marks the one that counts now for its year and period (see `current`)."""
        values = [
            _stored(r)
            for r in self._db.execute(
                _SELECT + " WHERE o.indicator = ? ORDER BY o.year, o.period, s.id, o.id", (indicator,)
            )
        ]
        flow_ids = set(flows)
        counting = {}
        for year, period in {(v.observation.year, v.observation.period) for v in values}:
            found = self.current(year, period, flows=flow_ids, indicators=[indicator]).get(indicator)
            if found is not None:
                counting[(year, period)] = found.submission_id
        return [
            replace(v, counts=counting.get((v.observation.year, v.observation.period)) == v.submission_id)
            for v in values
        ]

    def values(self, year: int, indicators: Iterable[str] | None = None) -> list[StoredValue]:
        sql = _SELECT + " WHERE o.year = ?"
        args: list[object] = [year]
        wanted = None if indicators is None else sorted(set(indicators))
        if wanted is not None and len(wanted) < 500:  # SQLite caps bound parameters; filter below
            sql += f" AND o.indicator IN ({', '.join('?' * len(wanted))})"
            args.extend(wanted)
        rows = [_stored(r) for r in self._db.execute(sql, args)]
        if wanted is not None and len(wanted) >= 500:
            keep = set(wanted)
            rows = [r for r in rows if r.observation.indicator in keep]
        return rows

    def current(
        self, year: int, period: str, *, flows: Iterable[str] = (), indicators: Iterable[str] | None = None
    ) -> dict[str, StoredValue]:
        """The value that counts for each indicator, cumulative to the end of `period`.

        Candidates are ranked most mature first, then latest received. A quarter-alone figure is
        used for a flow (an indicator id in `flows`) by adding the previous quarter's cumulative
        figure; for other measures a quarter-alone figure cannot be made cumulative and is skipped.
        """
        by_key: dict[tuple[str, str], list[StoredValue]] = {}
        for value in self.values(year, indicators):
            by_key.setdefault((value.observation.indicator, value.observation.period), []).append(value)
        for candidates in by_key.values():
            candidates.sort(
                key=lambda v: (MATURITY_RANK.get(v.observation.maturity, 0), v.submission_id), reverse=True
            )
        flow_ids = set(flows)
        memo: dict[tuple[str, str], StoredValue | None] = {}

        def best(indicator: str, quarter: str) -> StoredValue | None:
            key = (indicator, quarter)
            if key not in memo:
                memo[key] = None
                for value in by_key.get(key, ()):
                    if value.observation.cumulative:
                        memo[key] = value
                        break
                    if indicator in flow_ids:
                        derived = _derive(value, best, quarter)
                        if derived is not None:
                            memo[key] = derived
                            break
            return memo[key]

        result = {}
        for indicator in sorted({k[0] for k in by_key if k[1] == period}):
            found = best(indicator, period)
            if found is not None:
                result[indicator] = found
        return result


def _derive(value: StoredValue, best, quarter: str) -> StoredValue | None:
    """A cumulative figure from a quarter-alone one: previous quarter's cumulative + this quarter."""
    obs = value.observation
    index = quarter_index(quarter)
    if index == 1:
        previous_total, sources = 0.0, tuple[int, ...]()
    else:
        previous = best(obs.indicator, PERIODS[index - 2])
        if previous is None:
            return None
        previous_total = previous.observation.value
        sources = previous.derived_from or (previous.submission_id,)
    derived = replace(
        obs,
        value=previous_total + obs.value,
        cumulative=True,
        raw=f"{obs.raw or obs.value} ({quarter} alone; cumulative derived)",
    )
    return replace(value, observation=derived, derived_from=(*sources, value.submission_id))


_SELECT = (
    "SELECT o.indicator, o.value, o.unit, o.year, o.period, s.agency, o.sheet, o.cell, o.cumulative,"
    " o.maturity, o.raw, s.id, s.file_name, s.received_at, s.superseded_by, o.benchmark"
    " FROM observations o JOIN submissions s ON s.id = o.submission_id"
)


def _stored(row: tuple) -> StoredValue:
    observation = Observation(
        indicator=row[0],
        value=row[1],
        unit=row[2],
        year=row[3],
        period=row[4],
        agency=row[5],
        sheet=row[6],
        cell=row[7],
        cumulative=bool(row[8]),
        maturity=row[9],
        raw=row[10],
        **({"benchmark": row[15]} if row[15] is not None else {}),
    )
    return StoredValue(
        observation=observation,
        submission_id=row[11],
        file_name=row[12],
        received_at=row[13],
        superseded=row[14] is not None,
    )


_SELECT_SUBMISSIONS = (
    "SELECT id, file_name, sha256, agency, year, period, maturity, received_at, superseded_by,"
    " file_name_bytes FROM submissions"
)


def _submission(row: tuple) -> Submission:
    return Submission(*row)
