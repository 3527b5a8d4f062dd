"""Commands over the store: ingest and history (gaps and agency: lsplan.cli.gaps_cmds).

Exit codes: 0 done; 1 a file refused (ingest) or an agency name not resolved (gaps, agency);
2 usage errors, an unreadable file, an unusable store or invalid plan data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from lsplan.cli import store_common as common
from lsplan.cli.app import app
from lsplan.cli.labels import label, severity_tone
from lsplan.cli.options import (
    AgencyOption,
    DataDirOption,
    FormatOption,
    QuarterOption,
    StoreOption,
    WideOption,
    YearOption,
)
from lsplan.cli.store_common import (
    OutputOption,
    datetime_vi,
    err,
    period_vi,
    quarter_alone,
    quarter_option,
    vn,
)
from lsplan.i18n import _
from lsplan.render import Column, OutputFormat

# ---------------------------------------------------------------------------------- ingest

# What happened to each file (stable codes in JSON; English msgids for the table).
INGEST_STATUS = {
    "added": "Stored",
    "would-add": "Would be stored",
    "unchanged": "Already stored, unchanged",
    "refused": "Refused",
    "unreadable": "Unreadable",
    "failed": "lsplan failed on this file",
}


def _ingest_status(status: str) -> str:
    return _(INGEST_STATUS[status]) if status in INGEST_STATUS else status


def _ingest_tone(row: dict) -> str | None:
    return {"added": "green", "refused": "red", "unreadable": "red"}.get(str(row.get("status")))


def _run_ingest(opened: Any, paths: list[Path], catalog: Any, **options: Any) -> Any:
    """Ingest into the open store (closing it after), with a progress bar on stderr for many files
    (lsplan.render.progress: none in a pipe or a log)."""
    from lsplan.ingest import ingest as run_ingest
    from lsplan.render import progress

    with opened, progress(_("Ingesting"), total=len(paths)) as advance:
        return run_ingest(opened, paths, catalog, on_file=advance, **options)


@app.command()
def ingest(
    files: Annotated[
        list[str],
        typer.Argument(
            help=_("Submissions to check and store; globs (*.xlsx) expanded here too."), show_default=False
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=_("Report what would change; store nothing."))
    ] = False,
    agency: AgencyOption = None,
    year: YearOption = None,
    quarter: QuarterOption = None,
    store: StoreOption = None,
    data: DataDirOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    wide: WideOption = False,
) -> None:
    """Check submissions and store the accepted ones, with history.

    A file with errors is refused whole (nothing stored); the same file again changes nothing; a
    later file from the same agency for the same period supersedes the earlier one, which stays
    in the history. Example: [bold]lsplan ingest reports/*.xlsx --dry-run[/bold]
    """
    from lsplan.checks import expand_paths
    from lsplan.render import emit
    from lsplan.store import Store, StoreError, resolve_store_path

    catalog = common.catalog_or_exit(data)
    q = quarter_option(quarter)
    paths, unmatched = expand_paths(files)
    common.require_output(fmt, output, store=store, inputs=paths, data=data)  # before anything is stored
    for pattern in unmatched:
        err(_("error: no file matches {pattern}").format(pattern=repr(pattern)))
    if unmatched and not paths:
        raise typer.Exit(2)
    path = resolve_store_path(store)
    try:
        opened = Store(path)
    except StoreError as exc:
        # --dry-run writes nothing: a store that can only be read is enough for it
        opened = common.read_only_or_none(path) if dry_run and exc.code == "store-unwritable" else None
        if opened is None:
            err(_("error: {message}").format(message=exc))
            raise typer.Exit(2) from exc
    try:
        report = _run_ingest(opened, paths, catalog, dry_run=dry_run, agency=agency, year=year, quarter=q)
    except StoreError as exc:  # e.g. locked by another writer past the busy timeout, or read-only
        err(_("error: {message}").format(message=exc))
        raise typer.Exit(2) from exc
    rows = [
        {
            "file": Path(f.path).name,
            "status": f.status,
            "agency": catalog.name_of(f.agency) if f.agency else None,
            "period": period_vi(f.period, f.year) if f.period and f.year else None,
            "observations": f.observations,
            "supersedes": f.supersedes or None,
            "submission": f.submission,
        }
        for f in report.files
    ]
    findings = [
        {
            "file": Path(f.path).name,
            "code": x.code,
            "severity": str(x.severity),
            "where": "!".join(p for p in (x.sheet, x.cell) if p) or None,
            "message": x.message,
        }
        for f in report.files
        for x in f.findings
        if str(x.severity) != "info"  # all of them in --format json
    ]
    columns = [
        Column("file", _("File"), no_wrap=True),
        Column("status", _("Status"), show=_ingest_status, min_width=10, tone=_ingest_tone),
        Column("agency", _("Agency"), min_width=14, priority=1),
        Column("period", _("Reporting period"), no_wrap=True, priority=2),
        Column("observations", _("Figures"), "right", no_wrap=True),
        Column("supersedes", _("Supersedes"), no_wrap=True, priority=3),
        Column("submission", _("Submission id"), "right", no_wrap=True, priority=3),
    ]
    finding_columns = [
        Column("file", _("File"), no_wrap=True, priority=1),
        Column("severity", _("Severity"), show=label, no_wrap=True, tone=severity_tone),
        Column("code", _("Code"), no_wrap=True, priority=2),
        Column("where", _("Cell"), no_wrap=True),
        Column("message", _("Message"), max_width=80, min_width=30),
    ]
    emit(
        report.to_dict(),
        rows if fmt is not OutputFormat.CSV else findings,
        columns if fmt is not OutputFormat.CSV else finding_columns,
        fmt,
        title=f"lsplan ingest{' --dry-run' if dry_run else ''} → {path}",
        output=output,
        extra_tables=[(_("Findings"), findings, finding_columns)] if fmt is not OutputFormat.CSV else (),
        wide=wide,
    )
    added = sum(f.status in ("added", "would-add") for f in report.files)
    refused = sum(f.status in ("refused", "unreadable", "failed") for f in report.files)
    summary = (
        _("{files} file(s): {added} would be stored, {unchanged} unchanged, {refused} refused.")
        if dry_run
        else _("{files} file(s): {added} stored, {unchanged} unchanged, {refused} refused.")
    )
    unchanged = sum(f.status == "unchanged" for f in report.files)
    err(summary.format(files=len(report.files), added=added, unchanged=unchanged, refused=refused))
    raise typer.Exit(2 if unmatched else report.exit_code)


# --------------------------------------------------------------------------------- history


@app.command()
def history(
    indicator: Annotated[str, typer.Argument(help=_("Indicator id or name."), show_default=False)],
    store: StoreOption = None,
    data: DataDirOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    wide: WideOption = False,
) -> None:
    """Every value ever received for an indicator, and where it came from.

    Example: [bold]lsplan history tourists[/bold]
    """
    from lsplan.render import emit

    common.require_output(fmt, output, store=store, data=data)
    catalog = common.catalog_or_exit(data)
    target = catalog.targets.get(indicator)  # a target id ("kb-2025.tourists") names its indicator
    found = (
        catalog.indicators.get(indicator)
        or (catalog.indicators.get(target.indicator) if target is not None else None)
        or catalog.match_indicator(indicator)
    )
    if found is None:
        err(
            _("error: unknown indicator {indicator} (see `lsplan targets`)").format(indicator=repr(indicator))
        )
        raise typer.Exit(1)
    with common.open_store(store, catalog=catalog) as opened:
        flows = [found.id] if str(found.measure) == "flow" else []
        values = [v.to_dict() for v in opened.history(found.id, flows=flows)]
    payload = {"indicator": {"id": found.id, "name": found.name, "unit": found.unit}, "values": values}
    for value in values:
        value["where"] = "!".join(str(p) for p in (value["sheet"], value["cell"]) if p) or None
        value["period_label"] = (
            period_vi(value["period"], value["year"])
            if value["cumulative"]
            else quarter_alone(value["period"], value["year"])
        )
        value["agency_name"] = catalog.name_of(value["agency"]) if value.get("agency") else None
    columns = [
        Column("period_label", _("Reporting period"), min_width=10),
        Column("value", _("Value"), "right", show=vn, no_wrap=True),
        Column("unit", _("Unit"), priority=1),
        Column(
            "cumulative", _("Cumulative"), show=lambda v: _("yes") if v else _("quarter alone"), priority=2
        ),
        Column("maturity", _("Maturity"), show=label, priority=2),
        Column("agency_name", _("Agency"), max_width=30, min_width=14, priority=1),
        Column("file", _("File"), no_wrap=True, priority=3),
        Column("where", _("Cell"), no_wrap=True, priority=3),
        Column("received_at", _("Received at"), show=datetime_vi, priority=2),
        Column("superseded", _("Superseded"), show=lambda v: _("yes") if v else ""),
        Column("counts", _("Figure in use"), show=lambda v: "✔" if v else ""),
    ]
    emit(payload, values, columns, fmt, title=f"{found.name} ({found.id})", output=output, wide=wide)


# Registered after ingest and history so that `lsplan --help` lists the commands in this order.
import lsplan.cli.gaps_cmds  # noqa: E402, F401
