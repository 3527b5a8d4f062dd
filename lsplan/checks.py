"""Checks: one submitted file in, a CheckResult (findings + observations) out.

    from lsplan.catalog import load_catalog
    from lsplan.checks import check_file
    result = check_file("report.xlsx", load_catalog())
    result.status        # "ok" | "invalid" | "unreadable"
    result.observations  # tuple[Observation], values in the catalogue's unit
    result.to_dict()     # the JSON contract (schemas/check-result.schema.json)

This is the public API over `lsplan.reading`, whose stages read the file (open -> tables ->
header -> rows -> values -> indicators -> findings). Nothing is printed and nothing raises for
bad data: every problem is a Finding with a code from `lsplan.findings`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsplan.findings import localise
from lsplan.reading.pipeline import FINDINGS_CAP, CheckResult, check_workbook, cross_row_findings

if TYPE_CHECKING:
    from lsplan.catalog import Catalog

__all__ = [
    "FINDINGS_CAP",
    "CheckReport",
    "CheckResult",
    "check_file",
    "check_files",
    "check_workbook",
    "cross_row_findings",
    "expand_paths",
]


@dataclass(frozen=True)
class CheckReport:
    """Several files checked in one call; `exit_code` is the CLI's (0 ok, 1 errors, 2 unreadable)."""

    files: tuple[CheckResult, ...]
    missing: tuple[str, ...] = field(default=())  # patterns that matched no file

    @property
    def exit_code(self) -> int:
        if self.missing or any(r.status == "unreadable" for r in self.files):
            return 2
        return 1 if any(r.status == "invalid" for r in self.files) else 0

    def to_dict(self) -> dict[str, Any]:
        return {"files": [r.to_dict() for r in self.files]}


def check_file(
    path: str | Path,
    catalog: Catalog,
    agency: str | None = None,
    year: int | None = None,
    quarter: str | None = None,
    *,
    limits: Any = None,
    max_findings: int = FINDINGS_CAP,
    aliases: Any = None,
) -> CheckResult:
    """Read one submission and judge it. `agency`, `year`, `quarter` override what the file says;
    `aliases` names the store beside which learned names are kept (default: the default store).

    Raises ValueError only for a malformed `quarter` option (a usage error, not bad data).
    """
    from lsplan.readers import ReadError
    from lsplan.reading.opening import open_submission

    if quarter is not None:
        from lsplan.periods import parse_quarter

        quarter = parse_quarter(quarter)
    name = str(path)
    try:
        workbook = open_submission(path, limits)
    except ReadError as exc:
        return CheckResult(name, "unreadable", findings=(localise(exc.finding),))
    return check_workbook(
        workbook, catalog, agency, year, quarter, name=name, max_findings=max_findings, aliases=aliases
    )


SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")


def expand_paths(patterns: list[str]) -> tuple[list[Path], list[str]]:
    """Files named by the arguments, globs expanded here too (Windows shells do not expand them).

    A folder stands for the spreadsheets directly inside it. Returns (files, arguments that
    matched nothing). A named file that does not exist is kept in the first list so that it is
    reported as unreadable with its own finding.
    """
    files: list[Path] = []
    missing: list[str] = []
    seen: set[str] = set()
    for pattern in patterns:
        # An existing file is taken as named even when its name holds glob characters
        # ("bao cao [Q1].xlsx"): only arguments that name nothing are expanded as patterns.
        literal = os.path.exists(pattern)
        # glob (~0.5 ms to import) only for an argument that names no file: `check FILE` skips it.
        magic = False if literal else _glob().has_magic(pattern)
        found = sorted(_glob().glob(os.path.expanduser(pattern), recursive=True)) if magic else [pattern]
        matches: list[str] = []
        for match in found:
            if os.path.isdir(match):
                matches += sorted(
                    str(p)
                    for p in Path(match).iterdir()
                    if p.suffix.lower() in SPREADSHEET_SUFFIXES and p.is_file()
                )
            elif os.path.isfile(match) or literal or not magic:
                matches.append(match)
        if not matches:
            missing.append(pattern)
        for match in matches:
            if match not in seen:
                seen.add(match)
                files.append(Path(match))
    return files, missing


def _glob():
    import glob

    return glob


def check_files(
    paths: list[Path],
    catalog: Catalog,
    agency: str | None = None,
    year: int | None = None,
    quarter: str | None = None,
    *,
    missing: tuple[str, ...] = (),
    on_file: Any = None,
) -> CheckReport:
    """Check each file; `on_file(result)` is called after each (for a progress bar)."""
    results = []
    for path in paths:
        result = check_file(path, catalog, agency, year, quarter)
        results.append(result)
        if on_file is not None:
            on_file(result)
    return CheckReport(tuple(results), tuple(missing))
