"""Commands over the plan data: data validate, plans, targets, show.

Exit codes: 0 done (validate: the data is clean); 1 validate found problems, or `show` got an
unknown target id, or `targets --agency` an unknown agency; 2 the plan data cannot be loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from lsplan.cli.app import app
from lsplan.cli.options import AgencyOption, DataDirOption, FormatOption, PlanOption, YearOption
from lsplan.render import Column, OutputFormat

data_app = typer.Typer(
    help="Check the plan data (data/targets.yaml, data/assignments.yaml).", no_args_is_help=True
)
app.add_typer(data_app, name="data")

OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to FILE (atomically); needed for --format xlsx.")
]
SourcesOption = Annotated[
    Path | None,
    typer.Option(
        "--sources",
        help="Folder of the plan source texts for the quote check "
        "(default: $LSPLAN_SOURCES, else ../shared/sources beside the checkout).",
        envvar="LSPLAN_SOURCES",
        show_default=False,
    ),
]


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _need_output(fmt: OutputFormat, output: Path | None) -> None:
    if fmt is OutputFormat.XLSX and output is None:
        _err("error: --format xlsx needs --output FILE.xlsx")
        raise typer.Exit(2)


def _catalog(data_dir: Path | None) -> Any:
    from lsplan.catalog import CatalogError, load_catalog

    try:
        return load_catalog(data_dir)
    except CatalogError as exc:
        for finding in exc.findings:
            _err(f"{finding.severity.value}: {finding.message} [{finding.code}]")
        _err("error: the plan data is invalid (run `lsplan data validate`)")
        raise typer.Exit(2) from None


@data_app.command("validate")
def validate_cmd(
    data: DataDirOption = None,
    sources: SourcesOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Check both data files: JSON Schema, references, ranges, verbatim quotes.

    Prints each problem as FILE:LINE: PATH: MESSAGE. Exit 0 when clean, 1 when not.

    Example: lsplan data validate --data data/
    """
    from lsplan.catalog import validate
    from lsplan.model import Severity

    catalog, findings = validate(data, sources)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    rows = [
        {"severity": f.severity.value, "code": f.code, "file": f.file, "line": f.line, "message": f.message}
        for f in findings
    ]
    if fmt is OutputFormat.JSON:
        from lsplan.render import emit

        payload = {
            "ok": not errors,
            "errors": len(errors),
            "warnings": len(findings) - len(errors),
            "findings": rows,
        }
        emit(payload, rows, [], fmt)
    else:
        for row in rows:
            typer.echo(f"{row['severity']}: {row['message']} [{row['code']}]")
        if catalog is not None and not errors:
            typer.echo(
                f"ok: {len(catalog.plans)} plans, {len(catalog.indicators)} indicators, "
                f"{len(catalog.targets)} targets, {len(catalog.agencies)} agencies, "
                f"{len(catalog.tasks)} tasks, {len(catalog.responsibilities)} responsibilities",
            )
        else:
            _err(f"{len(errors)} error(s), {len(findings) - len(errors)} warning(s)")
    raise typer.Exit(1 if errors else 0)


PLAN_COLUMNS = [
    Column("id", "Plan"),
    Column("number", "Số"),
    Column("kind", "Loại"),
    Column("title", "Tên", max_width=70),
    Column("horizon", "Horizon"),
    Column("targets", "Targets", justify="right"),
    Column("tasks", "Tasks", justify="right"),
]


@app.command("plans")
def plans_cmd(
    data: DataDirOption = None, fmt: FormatOption = OutputFormat.TABLE, output: OutputOption = None
) -> None:
    """List the plans in the data with their counts of targets and tasks.

    Example: lsplan plans --format json
    """
    from lsplan.render import emit

    _need_output(fmt, output)
    catalog = _catalog(data)
    rows = catalog.plan_records()
    emit(rows, rows, PLAN_COLUMNS, fmt, title="Plans", output=output)


TARGET_COLUMNS = [
    Column("id", "Target"),
    Column("indicator_name", "Chỉ tiêu", max_width=48),
    Column("statement", "Mục tiêu", max_width=40),
    Column("period", "Period"),
    Column("low", "Low", justify="right"),
    Column("high", "High", justify="right"),
    Column("unit", "ĐVT"),
    Column("lead", "Cơ quan chủ trì", max_width=36),
]
CSV_COLUMNS = [
    Column(key, key)
    for key in (
        "id",
        "plan",
        "indicator",
        "indicator_name",
        "unit",
        "kind",
        "comparison",
        "low",
        "high",
        "period",
        "statement",
        "lead",
        "support",
    )
] + [Column("source_section", "source_section"), Column("source_quote", "source_quote")]


@app.command("targets")
def targets_cmd(
    plan: PlanOption = None,
    agency: AgencyOption = None,
    year: YearOption = None,
    data: DataDirOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """One row per target, with its lead agencies and source.

    --agency takes a name, alias or abbreviation, old names included ("Sở KH&ĐT" means Sở Tài chính).

    Example: lsplan targets --plan kb-2025 --agency "Sở Công Thương" --format json
    """
    from lsplan.render import emit

    _need_output(fmt, output)
    catalog = _catalog(data)
    if plan is not None and plan not in catalog.plans:
        _err(f"error: unknown plan {plan!r}; plans: {', '.join(catalog.plans)}")
        raise typer.Exit(1)
    caption = None
    if agency is not None:
        resolution = catalog.resolve_agency(agency)
        if resolution.agency is None:
            names = "; ".join(a.name for a in resolution.candidates)
            _err(f"error: no agency matches {agency!r}" + (f"; did you mean: {names}?" if names else ""))
            raise typer.Exit(1)
        if resolution.note:
            _err(f"note: {resolution.note}")
        agency = resolution.agency.id
        caption = f"Agency: {resolution.agency.name}"
    records = [catalog.target_record(t) for t in catalog.targets_for(plan=plan, agency=agency, year=year)]
    rows = [
        {**r, "source_section": r["source"]["section"], "source_quote": r["source"]["quote"]} for r in records
    ]
    columns = CSV_COLUMNS if fmt is OutputFormat.CSV else TARGET_COLUMNS
    emit(records, rows, columns, fmt, title="Targets", caption=caption, output=output)


@app.command("show")
def show_cmd(
    target_id: Annotated[
        str, typer.Argument(help="Target id, e.g. kb-2025.grdp-growth (see `lsplan targets`).")
    ],
    data: DataDirOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """Everything known about one target: the target, its indicator, who answers for it, its quote.

    Example: lsplan show kb-2025.grdp-growth
    """
    from lsplan.render import console, emit

    _need_output(fmt, output)
    catalog = _catalog(data)
    target = catalog.targets.get(target_id.strip())
    if target is None:
        close = catalog.close_target_ids(target_id)
        _err(f"error: no target {target_id!r}" + (f"; did you mean: {', '.join(close)}?" if close else ""))
        raise typer.Exit(1)
    record = catalog.show_record(target)
    if fmt is OutputFormat.TABLE and output is None:
        _print_show(console(), record)
        return
    rows = [{"field": key, "value": _flat(value)} for key, value in record.items()]
    emit(
        record,
        rows,
        [Column("field", "Field"), Column("value", "Value")],
        fmt,
        title=target.id,
        output=output,
    )


def _flat(value: Any) -> Any:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_flat(v)}" for k, v in value.items() if v not in (None, "", [], {}))
    if isinstance(value, list):
        return "; ".join(str(_flat(v)) for v in value)
    return value


def _print_show(out: Any, record: dict) -> None:
    from rich.table import Table

    table = Table(show_header=False, title=record["id"], title_justify="left", box=None, pad_edge=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    labels = [
        ("plan_title", "Kế hoạch"),
        ("indicator_name", "Chỉ tiêu"),
        ("statement", "Mục tiêu"),
        ("period", "Thời kỳ"),
        ("comparison", "So sánh"),
        ("low", "Từ"),
        ("high", "Đến"),
        ("unit", "ĐVT"),
        ("kind", "Loại chỉ tiêu"),
        ("benchmark", "So với"),
        ("note", "Ghi chú"),
        ("lead", "Cơ quan chủ trì"),
        ("support", "Cơ quan phối hợp"),
    ]
    for key, label in labels:
        value = record.get(key)
        table.add_row(label, "—" if value in (None, [], "") else str(_flat(value)))
    if record.get("stretch"):
        table.add_row("Phấn đấu", str(_flat(record["stretch"])))
    source = record["source"]
    table.add_row("Nguồn", f"{source['document']} mục {source['section']}")
    table.add_row("Trích dẫn", f"“{source['quote']}”")
    for item in record.get("responsibilities", []):
        why = item["quote"] and f"“{item['quote']}”" or item["reason"]
        table.add_row("Trách nhiệm", f"{item['agency']} ({item['role']}, {item['basis']}): {why}")
    for task in record.get("task_details", []):
        table.add_row("Nhiệm vụ", f"{task['id']} {task['title']}")
    out.print(table)
