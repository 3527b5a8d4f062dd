"""Checks: one submitted file in, a CheckResult (findings + observations) out.

    from lsplan.catalog import load_catalog
    from lsplan.checks import check_file
    result = check_file("report.xlsx", load_catalog())
    result.status        # "ok" | "invalid" | "unreadable"
    result.observations  # tuple[Observation], values in the catalogue's unit
    result.to_dict()     # the JSON contract (schemas/check-result.schema.json)

The file is read by `lsplan.readers` (which refuses hostile files), the table found by
`lsplan.layouts`, and each row judged here. Nothing is printed and nothing raises for bad data:
every problem is a Finding with a code from `lsplan.findings`.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsplan.check_meta import Metadata, resolve_metadata
from lsplan.check_rows import RowChecker
from lsplan.findings import CODES, localise, make_finding
from lsplan.i18n import _
from lsplan.layouts import Table, find_tables
from lsplan.model import Finding, Observation, Severity

if TYPE_CHECKING:
    from lsplan.catalog import Catalog
    from lsplan.readers import Workbook

FINDINGS_CAP = 500


@dataclass(frozen=True)
class CheckResult:
    """What `check_file` found in one file. `status` is "ok", "invalid" or "unreadable"."""

    path: str
    status: str
    agency: str | None = None  # agency id
    agency_name: str | None = None
    year: int | None = None
    period: str | None = None  # "Q1".."Q4", cumulative to the end of that quarter
    layout: str | None = None  # "form" or "report"
    findings: tuple[Finding, ...] = ()
    observations: tuple[Observation, ...] = ()

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "status": self.status,
            "agency": self.agency,
            "agency_name": self.agency_name,
            "year": self.year,
            "period": self.period,
            "layout": self.layout,
            "findings": [f.as_dict() for f in self.findings],
            "observations": [
                {
                    "indicator": o.indicator,
                    "value": o.value,
                    "unit": o.unit,
                    "sheet": o.sheet,
                    "cell": o.cell,
                    "raw": o.raw,
                    "maturity": o.maturity,
                    "cumulative": o.cumulative,
                    "same_period_pct": o.same_period_pct,
                }
                for o in self.observations
            ],
        }


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


def _catalogued(finding: Finding) -> Finding:
    finding = localise(finding)  # the readers write English; the sender reads the process language
    entry = CODES.get(finding.code)
    if entry is None or entry.severity is finding.severity:
        return finding
    return replace(finding, severity=entry.severity)


def _status(findings: list[Finding]) -> str:
    return "invalid" if any(f.severity is Severity.ERROR for f in findings) else "ok"


def _cap(findings: list[Finding], limit: int) -> tuple[Finding, ...]:
    if len(findings) <= limit:
        return tuple(findings)
    # Errors first, so that capping never hides why a file is invalid.
    ordered = sorted(findings, key=lambda f: f.severity is not Severity.ERROR)
    return (*ordered[:limit], make_finding("findings-capped", limit=limit))


def check_file(
    path: str | Path,
    catalog: Catalog,
    agency: str | None = None,
    year: int | None = None,
    quarter: str | None = None,
    *,
    limits: Any = None,
    max_findings: int = FINDINGS_CAP,
) -> CheckResult:
    """Read one submission and judge it. `agency`, `year`, `quarter` override what the file says.

    Raises ValueError only for a malformed `quarter` option (a usage error, not bad data).
    """
    from lsplan.readers import DEFAULT_LIMITS, ReadError, open_workbook

    if quarter is not None:
        from lsplan.periods import parse_quarter

        quarter = parse_quarter(quarter)
    name = str(path)
    try:
        workbook = open_workbook(path, limits or DEFAULT_LIMITS)
    except ReadError as exc:
        return CheckResult(name, "unreadable", findings=(localise(exc.finding),))
    return check_workbook(workbook, catalog, agency, year, quarter, name=name, max_findings=max_findings)


def check_workbook(
    workbook: Workbook,
    catalog: Catalog,
    agency: str | None = None,
    year: int | None = None,
    quarter: str | None = None,
    *,
    name: str | None = None,
    max_findings: int = FINDINGS_CAP,
) -> CheckResult:
    """Judge a workbook already read (`quarter` must be "Q1".."Q4" or None)."""
    name = name or workbook.path
    # The catalogue decides severities: a capped read is an error here ("never report valid on
    # data you did not read"), even though the reader only warns about it.
    findings: list[Finding] = [_catalogued(f) for f in workbook.findings]
    tables = find_tables(workbook)
    if not tables:
        findings.append(
            make_finding("no-table-found", sheet=workbook.sheets[0].name if workbook.sheets else None)
        )
        return CheckResult(name, "invalid", findings=_cap(findings, max_findings))
    meta = resolve_metadata(tables, catalog, agency, year, quarter)
    findings.extend(meta.findings)
    observations = _read_tables(tables, catalog, meta, findings)
    findings.extend(cross_row_findings(catalog, observations))
    return CheckResult(
        name,
        _status(findings),
        agency=meta.agency.id if meta.agency else None,
        agency_name=meta.agency.name if meta.agency else None,
        year=meta.year,
        period=meta.quarter,
        layout=tables[0].layout,
        findings=_cap(findings, max_findings),
        observations=tuple(observations),
    )


def _read_tables(
    tables: list[Table], catalog: Catalog, meta: Metadata, findings: list[Finding]
) -> list[Observation]:
    checker = RowChecker(catalog, meta)
    for table in tables:
        checker.read_table(table)
    findings.extend(checker.findings)
    return checker.observations


def cross_row_findings(catalog: Catalog, observations: list[Observation]) -> list[Finding]:
    """Findings of the catalogue's cross-row rules over one submission's values."""
    from lsplan.rules import RuleSyntaxError, check_rule

    values = {o.indicator: o.value for o in observations}
    cells = {o.indicator: (o.sheet, o.cell) for o in observations}
    findings = []
    for rule in getattr(catalog, "rules", ()):
        try:
            outcome = check_rule(rule, values)
        except RuleSyntaxError as exc:
            findings.append(make_finding("rule-invalid", rule=rule.id, detail=str(exc)))
            continue
        first = next(
            (cells[name] for name in sorted(cells) if name in rule.left + " " + rule.right), (None, None)
        )
        if outcome.status == "fail":
            tol = ""
            if rule.tolerance:
                tol = _(" (tolerance {tolerance})").format(tolerance=f"{rule.tolerance:g}")
            findings.append(
                make_finding(
                    "rule-violated",
                    severity=rule.severity,
                    sheet=first[0],
                    cell=first[1],
                    description=rule.description or rule.id,
                    left=outcome.left,
                    right=outcome.right,
                    operator=rule.operator,
                    tol=tol,
                )
            )
        elif outcome.status == "missing" and rule.missing == "warn":
            findings.append(
                make_finding(
                    "rule-incomplete",
                    sheet=first[0],
                    cell=first[1],
                    description=rule.description or rule.id,
                    missing=", ".join(_named(catalog, ident) for ident in outcome.missing),
                )
            )
    return findings


def _named(catalog: Catalog, ident: str) -> str:
    """An indicator id as its name in the process language (the id when the catalogue lacks it)."""
    from lsplan.check_rows import indicator_name

    indicator = getattr(catalog, "indicators", {}).get(ident)
    return f"'{indicator_name(indicator)}'" if indicator is not None else ident


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
        found = (
            sorted(glob.glob(os.path.expanduser(pattern), recursive=True))
            if glob.has_magic(pattern) and not literal
            else [pattern]
        )
        matches: list[str] = []
        for match in found:
            if os.path.isdir(match):
                matches += sorted(
                    str(p)
                    for p in Path(match).iterdir()
                    if p.suffix.lower() in SPREADSHEET_SUFFIXES and p.is_file()
                )
            elif os.path.isfile(match) or literal or not glob.has_magic(pattern):
                matches.append(match)
        if not matches:
            missing.append(pattern)
        for match in matches:
            if match not in seen:
                seen.add(match)
                files.append(Path(match))
    return files, missing


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
