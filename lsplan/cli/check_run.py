"""The body of `lsplan check`, without typer: what it reads, what it prints, its exit code.

`lsplan check` is the command an office runs most, often on one file, so its start-up counts
(README, "Speed"). lsplan.cli.fast calls `run_check` straight from the command line when the
line is plain; lsplan.cli.check_cmds declares the same options to typer (help, errors, any
unusual line) and calls the same function. Errors end in `CommandExit` (lsplan.cli.exits).

Exit codes: 0 every file valid (warnings allowed); 1 a file has errors; 2 a file cannot be read
at all, a pattern matched nothing, or the command is misused.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from lsplan.cli import labels
from lsplan.cli.exits import catalog_or_exit, echo_err, fail
from lsplan.i18n import _
from lsplan.render import Column, OutputFormat


def _name(path: object) -> str:
    return Path(str(path)).name if path else "—"


def _problem(code: object) -> str:
    """A finding code as words in a table ("Sender's ratio disagrees"); CSV and JSON keep the code."""
    from lsplan.findings import CODES, title

    return title(str(code)) if code in CODES else "—"


def _pct(value: object) -> str:
    return "—" if value is None else f"{labels.num(value, 1)}%"


# Headers are English msgids, translated when shown (labels.columns); codes and indicator ids
# keep their value in CSV and JSON and read as words in tables (labels.label, _problem, and the
# indicator's name from the catalogue, set per run in `_with_names`).
FINDING_COLUMNS = (
    Column("path", "File", max_width=40, show=_name),
    Column("status", "Status", show=labels.label),
    Column("severity", "Severity", show=labels.label, no_wrap=True, tone=labels.severity_tone),
    Column("code", "Problem", show=_problem, priority=2, no_wrap=True),
    Column("where", "Cell", no_wrap=True),
    Column("indicator", "Indicator", max_width=40, priority=3),
    Column("message", "Message", max_width=90, min_width=50),
)
OBSERVATION_COLUMNS = (
    Column("path", "File", max_width=40, show=_name, no_wrap=True, priority=2),
    Column("indicator", "Indicator", max_width=48, min_width=20),
    Column("value", "Value", justify="right", show=labels.num, no_wrap=True),
    Column("unit", "Unit", priority=1, min_width=10),
    Column("same_period_pct", "Same period (%)", justify="right", show=_pct, no_wrap=True, priority=2),
    Column("where", "Cell", no_wrap=True, priority=1),
    Column("maturity", "Maturity", show=labels.label, priority=3),
    Column("cumulative", "Cumulative", show=lambda v: _(v) if v else "—", priority=3),
)
# The terminal shows one line per file (what a clean file says in full), its findings beneath.
FILE_COLUMNS = (
    Column("path", "File", show=_name, no_wrap=True),
    Column("agency_label", "Agency", no_wrap=True, priority=2),
    Column("period_label", "Reporting period", no_wrap=True, priority=3),
    Column("status", "Status", show=labels.label, no_wrap=True, tone=labels.status_tone),
    Column("figures", "Figures read", justify="right", no_wrap=True, priority=1),
    Column("notes", "Notes", no_wrap=True, priority=4),
)
# The findings beneath their file, in this order: the file is the line above, the indicator is
# named in the message (its column is shown with --wide), the problem's title when there is room.
FINDING_DETAIL_KEYS = ("where", "severity", "code", "indicator", "message")


def _detail_columns(catalog: Any) -> list[Column]:
    by_key = {c.key: c for c in _with_names(FINDING_COLUMNS, catalog)}
    return [replace(by_key[key], wide=key == "indicator") for key in FINDING_DETAIL_KEYS]


def _with_names(specs: tuple[Column, ...], catalog: Any) -> list[Column]:
    """The columns in the process language, the indicator column showing names, not ids."""
    from lsplan.check_rows import indicator_name

    def name(ident: object) -> str:
        indicator = catalog.indicators.get(ident) if ident else None
        return indicator_name(indicator) if indicator is not None else str(ident or "—")

    return [replace(c, show=name) if c.key == "indicator" else c for c in labels.columns(specs)]


def quarter_or_exit(text: str | None) -> str | None:
    from lsplan.periods import parse_quarter

    if text is None:
        return None
    try:
        return parse_quarter(text)
    except ValueError as exc:
        raise fail(str(exc)) from None


def _where(sheet: str | None, cell: str | None) -> str | None:
    if sheet and cell:
        return f"{sheet}!{cell}"
    return cell or sheet


# The informational findings of a file, said in words in its summary line (all of them, cell by
# cell, are in --format json). English msgids; "{count}" is the number of such findings.
_INFO_WORDS = {
    "value-empty": "{count} row(s) left empty",
    "unit-converted": "{count} value(s) converted to the catalogue's unit",
    "number-ambiguous": "{count} number(s) like 1.234 settled by the row's own plan",
}


def _infos_in_words(counts: Counter[str]) -> str:
    from lsplan.findings import CODES, title

    parts = []
    for code, count in sorted(counts.items()):
        if code in _INFO_WORDS:
            parts.append(_(_INFO_WORDS[code]).format(count=count))
        else:
            parts.append(f"{title(code) if code in CODES else code} ×{count}")
    return ", ".join(parts)


def _period_words(period: str | None, year: int | None) -> str:
    from lsplan.i18n import period_label

    if period and year:
        return period_label(period, year)
    if year:
        return _("year {year}, period unknown").format(year=year)
    return _("period unknown")


def _agency_words(result: Any, catalog: Any) -> str:
    """The sending agency's name in the process language (English name with --lang en)."""
    from lsplan.i18n import resolve_lang

    agency = getattr(catalog, "agencies", {}).get(result.agency) if result.agency else None
    if agency is not None and resolve_lang() == "en" and agency.name_en:
        return str(agency.name_en)
    return result.agency_name or _("agency unknown")


def _file_rows(report: Any, catalog: Any = None) -> list[dict]:
    """One row per file for the terminal's outline: who sent it, for when, its status."""
    rows = []
    for result in report.files:
        infos = Counter(f.code for f in result.findings if str(f.severity) == "info")
        readable = result.status != "unreadable"
        rows.append(
            {
                "path": result.path,
                "agency_label": _agency_words(result, catalog) if readable else None,
                "period_label": _period_words(result.period, result.year) if readable else None,
                "status": result.status,
                "figures": len(result.observations) if readable else None,
                "notes": _infos_in_words(infos) if infos else None,
            }
        )
    return rows


def _rows(report: Any, catalog: Any = None) -> tuple[list[dict], list[dict]]:
    findings, observations = [], []
    for result in report.files:
        shown = [f for f in result.findings if str(f.severity) != "info"]
        infos = Counter(f.code for f in result.findings if str(f.severity) == "info")
        for finding in shown:
            findings.append(
                {
                    "path": result.path,
                    "status": result.status,
                    "severity": str(finding.severity),
                    "code": finding.code,
                    "where": _where(finding.sheet, finding.cell),
                    "indicator": finding.indicator,
                    "message": finding.message,
                }
            )
        # One line for the informational findings (empty form rows, unit conversions): all of
        # them, cell by cell, are in --format json.
        if result.status == "unreadable":
            continue  # its error says why; there is nothing read to sum up
        summary = _("{agency}, {period}: {count} value(s) read").format(
            agency=_agency_words(result, catalog),
            period=_period_words(result.period, result.year),
            count=len(result.observations),
        )
        if infos:
            summary += _("; also {codes}").format(codes=_infos_in_words(infos))
        findings.append(
            {"path": result.path, "status": result.status, "severity": "info", "message": summary}
        )
        for obs in result.observations:
            observations.append(
                {
                    "path": result.path,
                    "indicator": obs.indicator,
                    "value": obs.value,
                    "unit": obs.unit,
                    "where": _where(obs.sheet, obs.cell),
                    "same_period_pct": obs.same_period_pct,
                    "maturity": obs.maturity,
                    "cumulative": "yes" if obs.cumulative else "quarter alone",  # msgids: shown via _()
                }
            )
    return findings, observations


MAX_NAMED = 10  # files named in the summary line per status


def _summary(report: Any) -> str:
    statuses = [r.status for r in report.files]
    errors = sum(len(r.errors) for r in report.files)
    warnings = sum(len(r.warnings) for r in report.files)
    text = _(
        "{files} file(s): {ok} ok, {invalid} invalid, {unreadable} unreadable; "
        "{errors} error(s), {warnings} warning(s)"
    ).format(
        files=len(statuses),
        ok=statuses.count("ok"),
        invalid=statuses.count("invalid"),
        unreadable=statuses.count("unreadable"),
        errors=errors,
        warnings=warnings,
    )
    if len(statuses) > 1:  # with forty files, say which ones need a reply
        for status, heading in (("invalid", _("invalid: {files}")), ("unreadable", _("unreadable: {files}"))):
            names = [_name(r.path) for r in report.files if r.status == status]
            if names:
                shown = ", ".join(names[:MAX_NAMED])
                if len(names) > MAX_NAMED:
                    shown += _(" and {count} more").format(count=len(names) - MAX_NAMED)
                text += "; " + heading.format(files=shown)
    if report.missing:
        text += _("; no file matches {patterns}").format(patterns=", ".join(report.missing))
    return text


def run_check(
    files: list[str],
    agency: str | None = None,
    year: int | None = None,
    quarter: str | None = None,
    fmt: OutputFormat = OutputFormat.TABLE,
    data: Path | None = None,
    wide: bool = False,
) -> int:
    """Check the files (paths or globs), print the result in `fmt`; the exit code (module doc)."""
    from lsplan.checks import check_files, expand_paths
    from lsplan.render import Outline, emit, progress

    if fmt is OutputFormat.XLSX:
        raise fail(_("--format xlsx is not available for check; use table, json, csv or md"))
    quarter = quarter_or_exit(quarter)
    catalog = catalog_or_exit(data)
    paths, missing = expand_paths(files)
    with progress(_("Checking"), total=len(paths)) as advance:
        report = check_files(paths, catalog, agency, year, quarter, missing=tuple(missing), on_file=advance)
    findings, observations = _rows(report, catalog)
    observation_columns: tuple[Column, ...] = OBSERVATION_COLUMNS
    if all(o.get("same_period_pct") is None for o in observations):  # a column of dashes says nothing
        observation_columns = tuple(c for c in OBSERVATION_COLUMNS if c.key != "same_period_pct")
    single = len(report.files) == 1 and fmt in (OutputFormat.TABLE, OutputFormat.MD)
    if single:  # one file: its name is in the title (md) or its line (table)
        observation_columns = observation_columns[1:]
    # The terminal: one line per file, its findings beneath; the values read when one file is
    # checked (with --wide, for every file). Other formats keep the tables of findings and values.
    outline = Outline(
        heads=_file_rows(report, catalog),
        head_columns=labels.columns(FILE_COLUMNS),
        details=[f for f in findings if f.get("severity") != "info"],
        detail_columns=_detail_columns(catalog),
        key="path",
    )
    terminal = fmt is OutputFormat.TABLE
    values = (_("Values read"), observations, _with_names(observation_columns, catalog))
    title = f"lsplan check {Path(report.files[0].path).name}" if single and not terminal else "lsplan check"
    emit(
        report.to_dict(),
        findings,
        _with_names(FINDING_COLUMNS[2:] if single else FINDING_COLUMNS, catalog),
        fmt,
        title=title,
        extra_tables=(values,) if not terminal or single or wide else (),
        wide=wide,
        outline=outline if terminal else None,
    )
    echo_err(_summary(report))
    return report.exit_code
