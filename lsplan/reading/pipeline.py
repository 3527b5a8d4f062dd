"""The reading pipeline, stage by stage: open -> tables -> header and columns -> rows in their
group context -> values -> indicators -> findings.

    from lsplan.catalog import load_catalog
    from lsplan.reading.pipeline import check_workbook
    result = check_workbook(workbook, load_catalog())

Each stage is a module of `lsplan.reading`; this one only runs them in order and gathers the
result. Nothing is printed and nothing raises for bad data: every problem is a Finding with a
code from `lsplan.findings`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from lsplan.findings import CODES, localise, make_finding
from lsplan.i18n import _
from lsplan.model import Finding, Observation, Severity
from lsplan.reading.judge import RowChecker, indicator_name
from lsplan.reading.opening import sheets_to_read
from lsplan.reading.tables import find_tables
from lsplan.reading.values import number_convention

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
                    "qualifier": o.qualifier,
                    "method": o.method,
                    "column": o.column,
                }
                for o in self.observations
            ],
        }


def catalogued(finding: Finding) -> Finding:
    """A reader's finding in the process language, with the catalogue's severity."""
    finding = localise(finding)  # the readers write English; the sender reads the process language
    entry = CODES.get(finding.code)
    if entry is None or entry.severity is finding.severity:
        return finding
    return replace(finding, severity=entry.severity)


def _status(findings: list[Finding]) -> str:
    return "invalid" if any(f.severity is Severity.ERROR for f in findings) else "ok"


def cap(findings: list[Finding], limit: int) -> tuple[Finding, ...]:
    if len(findings) <= limit:
        return tuple(findings)
    # Errors first, so that capping never hides why a file is invalid.
    ordered = sorted(findings, key=lambda f: f.severity is not Severity.ERROR)
    return (*ordered[:limit], make_finding("findings-capped", limit=limit))


def check_workbook(
    workbook: Workbook,
    catalog: Catalog,
    agency: str | None = None,
    year: int | None = None,
    quarter: str | None = None,
    *,
    name: str | None = None,
    max_findings: int = FINDINGS_CAP,
    aliases: Any = None,
) -> CheckResult:
    """Judge a workbook already read (`quarter` must be "Q1".."Q4" or None). `aliases` is the
    store (path) beside which an officer's learned names are kept (`lsplan alias`; default: the
    default store's folder, or $LSPLAN_ALIASES)."""
    from lsplan.check_meta import resolve_metadata

    name = name or workbook.path
    # The catalogue decides severities: a capped read is an error here ("never report valid on
    # data you did not read"), even though the reader only warns about it.
    findings: list[Finding] = [catalogued(f) for f in workbook.findings]
    sheets, skipped = sheets_to_read(workbook)
    findings.extend(skipped)
    tables = find_tables(workbook, sheets)
    if not tables:
        first = sheets[0].name if sheets else (workbook.sheets[0].name if workbook.sheets else None)
        findings.append(make_finding("no-table-found", sheet=first))
        return CheckResult(name, "invalid", findings=cap(findings, max_findings))
    read = {table.sheet for table in tables}
    meta = resolve_metadata(
        tables,
        catalog,
        agency,
        year,
        quarter,
        file_name=str(name),
        other_lines=_sheet_lines(sheet for sheet in workbook.sheets if sheet.name not in read),
    )
    findings.extend(meta.findings)
    convention = number_convention(
        cell for table in tables for row in table.rows for cell in (row.actual, row.plan, row.ratio, row.yoy)
    )
    index, alias_findings = _index(catalog, aliases)
    findings.extend(alias_findings)
    checker = RowChecker(catalog, meta, convention, index=index)
    for table in tables:
        checker.read_table(table)
    findings.extend(checker.findings)
    observations = checker.observations
    findings.extend(cross_row_findings(catalog, observations))
    return CheckResult(
        name,
        _status(findings),
        agency=meta.agency.id if meta.agency else None,
        agency_name=meta.agency.name if meta.agency else None,
        year=meta.year,
        period=meta.quarter,
        layout=tables[0].layout,
        findings=cap(findings, max_findings),
        observations=tuple(observations),
    )


def _index(catalog: Catalog, aliases: Any) -> tuple[Any, list[Finding]]:
    """The catalogue's indicator index with the learned aliases beside the store; a broken alias
    file is a finding, not a refusal. Test catalogues without an index get None (their own)."""
    if not hasattr(catalog, "indicator_index"):
        return None, []
    from lsplan.aliases import learned_index

    return learned_index(catalog, aliases)


def _sheet_lines(sheets: Any, limit: int = 200) -> list[str]:
    """The text of the sheets holding no table (a cover sheet: "Kèm theo Báo cáo số …/BC-SXD"),
    line by line in reading order, for the agency and period when the tables say nothing."""
    lines: list[str] = []
    for sheet in sheets:
        if sheet.state != "visible":  # hidden sheets are not read (the form's marker has its own path)
            continue
        for cells in sheet.rows[:limit]:
            texts = [c.value.strip() for c in cells[:20] if c is not None and isinstance(c.value, str)]
            if any(texts):
                lines.append(" ".join(t for t in texts if t))
            if len(lines) >= limit:
                return lines
    return lines


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
    indicator = getattr(catalog, "indicators", {}).get(ident)
    return f"'{indicator_name(indicator)}'" if indicator is not None else ident
