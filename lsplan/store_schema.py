"""The store's schema: versioned with `PRAGMA user_version`, upgraded in code.

Migration *i* (1-based) brings `user_version` from i-1 to i; a new store (version 0, an empty
file) runs them all. Never edit a released migration: add one.
"""

from __future__ import annotations

import sqlite3

# Each migration is a list of statements; migration i (1-based) brings user_version to i.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE submissions (
            id INTEGER PRIMARY KEY,
            file_name TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            agency TEXT NOT NULL,
            year INTEGER NOT NULL,
            period TEXT NOT NULL,
            maturity TEXT NOT NULL,
            received_at TEXT NOT NULL,
            superseded_by INTEGER REFERENCES submissions(id)
        )""",
        """CREATE TABLE observations (
            id INTEGER PRIMARY KEY,
            submission_id INTEGER NOT NULL REFERENCES submissions(id),
            indicator TEXT NOT NULL,
            year INTEGER NOT NULL,
            period TEXT NOT NULL,
            value REAL NOT NULL,
            unit TEXT NOT NULL DEFAULT '',
            sheet TEXT,
            cell TEXT,
            raw TEXT,
            cumulative INTEGER NOT NULL DEFAULT 1,
            maturity TEXT NOT NULL
        )""",
    ),
    (
        # Version 2: the rank makes "most mature, then latest" one ORDER BY; indexes for gaps.
        "ALTER TABLE observations ADD COLUMN maturity_rank INTEGER NOT NULL DEFAULT 0",
        "UPDATE observations SET maturity_rank = CASE maturity WHEN 'official' THEN 2 "
        "WHEN 'preliminary' THEN 1 ELSE 0 END",
        "CREATE INDEX observations_by_period ON observations(year, period, indicator)",
        "CREATE INDEX observations_by_indicator ON observations(indicator)",
        "CREATE INDEX submissions_by_key ON submissions(agency, year, period)",
    ),
    (
        # Version 3: the benchmark's value sent with a relative target's figure.
        "ALTER TABLE observations ADD COLUMN benchmark REAL",
    ),
    (
        # Version 4: a file name that is not UTF-8 (cp1258 names unzipped from Windows archives),
        # kept as its exact bytes; `file_name` holds it readably (lsplan.filenames).
        "ALTER TABLE submissions ADD COLUMN file_name_bytes BLOB",
    ),
    (
        # Version 5: reminder letters the clerk numbered (`lsplan remind --record`), so that the
        # next reminder recalls them ("Tiếp theo Công văn số ...").
        """CREATE TABLE letters (
            id INTEGER PRIMARY KEY,
            agency TEXT NOT NULL,
            year INTEGER NOT NULL,
            period TEXT NOT NULL,
            number TEXT NOT NULL,
            sent_on TEXT NOT NULL,
            subject TEXT NOT NULL DEFAULT '',
            targets TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        )""",
        "CREATE INDEX letters_by_key ON letters(agency, year, period)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


class SchemaTooNew(Exception):
    """The store was written by a newer lsplan."""


def schema_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite3.Connection) -> None:
    """Bring the store up to SCHEMA_VERSION in one transaction (a no-op when it is already)."""
    if schema_version(db) == SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        version = schema_version(db)  # re-read under the lock: another process may have migrated
        if version > SCHEMA_VERSION:
            raise SchemaTooNew(f"schema {version}; this lsplan knows up to {SCHEMA_VERSION}")
        for number in range(version + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[number - 1]:
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {number}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
