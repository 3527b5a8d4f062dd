"""`lsplan check` and `lsplan template`: validate submissions, write the lsplan form.

Exit codes (check): 0 every file valid (warnings allowed); 1 a file has errors; 2 a file cannot
be read at all, a pattern matched nothing, or the command is misused.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer

from lsplan.cli import labels
from lsplan.cli.app import app
from lsplan.cli.options import AgencyOption, DataDirOption, FormatOption, QuarterOption, YearOption
from lsplan.i18n import _
from lsplan.render import Column, OutputFormat


def _name(path: object) -> str:
    return Path(str(path)).name if path else "—"


# Headers are English msgids, translated when shown (labels.columns); codes keep their value in
# CSV and JSON and read as words in tables (labels.label).
FINDING_COLUMNS = (
    Column("path", "File", max_width=40, show=_name),
    Column("status", "Status", show=labels.label),
    Column("severity", "Severity", show=labels.label),
    Column("code", "Code"),
    Column("where", "Cell"),
    Column("indicator", "Indicator"),
    Column("message", "Message", max_width=90),
)
OBSERVATION_COLUMNS = (
    Column("path", "File", max_width=40, show=_name),
    Column("indicator", "Indicator"),
    Column("value", "Value", justify="right", show=labels.num),
    Column("unit", "Unit"),
    Column("where", "Cell"),
    Column("maturity", "Maturity", show=labels.label),
    Column("cumulative", "Cumulative", show=lambda v: _(v) if v else "—"),
)


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(_("error: {message}").format(message=message), err=True)
    return typer.Exit(code)


def _catalog(data_dir: Path | None) -> Any:
    from lsplan.catalog import CatalogError, load_catalog

    try:
        return load_catalog(data_dir)
    except CatalogError as exc:
        message = _("the plan data is invalid: {error} (run `lsplan data validate`)")
        raise _fail(message.format(error=exc)) from None


def _quarter(text: str | None) -> str | None:
    from lsplan.periods import parse_quarter

    if text is None:
        return None
    try:
        return parse_quarter(text)
    except ValueError as exc:
        raise _fail(str(exc)) from None


def _where(sheet: str | None, cell: str | None) -> str | None:
    if sheet and cell:
        return f"{sheet}!{cell}"
    return cell or sheet


def _rows(report: Any) -> tuple[list[dict], list[dict]]:
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
        summary = _("{agency}, {period} {year}: {count} value(s) read").format(
            agency=result.agency_name or "?",
            period=result.period or "?",
            year=result.year or "",
            count=len(result.observations),
        )
        if infos:
            also = ", ".join(f"{code} ×{count}" for code, count in sorted(infos.items()))
            summary += _("; also {codes}").format(codes=also)
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
                    "maturity": obs.maturity,
                    "cumulative": "yes" if obs.cumulative else "quarter alone",  # msgids: shown via _()
                }
            )
    return findings, observations


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
    if report.missing:
        text += _("; no file matches {patterns}").format(patterns=", ".join(report.missing))
    return text


@app.command("check")
def check_command(
    files: Annotated[
        list[str], typer.Argument(help=_("Files or globs (*.xlsx), expanded here too."), show_default=False)
    ],
    agency: AgencyOption = None,
    year: YearOption = None,
    quarter: QuarterOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    data: DataDirOption = None,
) -> None:
    """Check submitted spreadsheets (.xlsx, .csv) cell by cell and list what is wrong, where.

    Example: [bold]lsplan check bao-cao-6-thang.xlsx --format json[/bold]

    Exit codes: 0 every file valid (warnings allowed), 1 errors found, 2 unreadable file or misuse.
    """
    from lsplan.checks import check_files, expand_paths
    from lsplan.render import console, emit

    if fmt is OutputFormat.XLSX:
        raise _fail(_("--format xlsx is not available for check; use table, json, csv or md"))
    quarter = _quarter(quarter)
    catalog = _catalog(data)
    paths, missing = expand_paths(files)
    if len(paths) > 1:
        from rich.progress import Progress

        with Progress(console=console(stderr=True), transient=True) as progress:
            task = progress.add_task(_("Checking"), total=len(paths))
            report = check_files(
                paths,
                catalog,
                agency,
                year,
                quarter,
                missing=tuple(missing),
                on_file=lambda _result: progress.advance(task),
            )
    else:
        report = check_files(paths, catalog, agency, year, quarter, missing=tuple(missing))
    findings, observations = _rows(report)
    single = len(report.files) == 1 and fmt in (OutputFormat.TABLE, OutputFormat.MD)
    emit(
        report.to_dict(),
        findings,
        labels.columns(FINDING_COLUMNS[2:] if single else FINDING_COLUMNS),  # one file: name in the title
        fmt,
        title=f"lsplan check {Path(report.files[0].path).name}" if single else "lsplan check",
        extra_tables=(
            (
                _("Values read"),
                observations,
                labels.columns(OBSERVATION_COLUMNS[1:] if single else OBSERVATION_COLUMNS),
            ),
        ),
    )
    typer.echo(_summary(report), err=True)
    raise typer.Exit(report.exit_code)


@app.command("template")
def template_command(
    agency: AgencyOption = None,
    year: YearOption = None,
    quarter: QuarterOption = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help=_("Where to write the form (.xlsx)."), show_default=False),
    ] = None,
    data: DataDirOption = None,
) -> None:
    """Write the lsplan form for one agency and period, ready to fill in and send back.

    Example: [bold]lsplan template --agency "Sở Công Thương" --year 2025 --quarter Q2 -o form.xlsx[/bold]
    """
    from lsplan.template import TemplateError, write_template

    if agency is None or year is None or quarter is None:
        raise _fail(_("--agency, --year and --quarter are required"))
    quarter = _quarter(quarter)
    catalog = _catalog(data)
    target = output or Path(f"lsplan-form-{year}-{quarter}.xlsx")
    try:
        result = write_template(target, catalog, agency, year, quarter or "")
    except TemplateError as exc:
        raise _fail(exc.finding.message) from None
    except OSError as exc:
        message = _("cannot write {path}: {error}")
        raise _fail(message.format(path=target, error=exc.strerror or exc)) from None
    typer.echo(
        _("{path}: {count} indicator(s) for {agency}, {quarter} {year}").format(
            path=result.path,
            count=len(result.rows),
            agency=result.agency_name,
            quarter=result.quarter,
            year=result.year,
        ),
        err=True,
    )
