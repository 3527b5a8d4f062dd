"""Commands over the plan data: data validate, plans, targets, show.

Exit codes: 0 done (validate: the data is clean); 1 validate found problems, or `show` got an
unknown target id, or `targets --agency` an unknown agency; 2 the plan data cannot be loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from lsplan.cli import labels
from lsplan.cli.app import app
from lsplan.cli.options import (
    AgencyOption,
    DataDirOption,
    FormatOption,
    PlanOption,
    QuarterOption,
    StoreOption,
    WideOption,
    YearOption,
)
from lsplan.cli.store_common import DemoOption
from lsplan.i18n import _
from lsplan.render import Column, OutputFormat

data_app = typer.Typer(
    help=_("Check the plan data (data/targets.yaml, data/assignments.yaml)."), no_args_is_help=True
)
app.add_typer(data_app, name="data")

OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help=_("Write to FILE (atomically); needed for --format xlsx.")),
]
SourcesOption = Annotated[
    Path | None,
    typer.Option(
        "--sources",
        help=_(
            "Folder of the plan source texts for the quote check "
            "(default: $LSPLAN_SOURCES, else the texts shipped in data/sources)."
        ),
        envvar="LSPLAN_SOURCES",
        show_default=False,
    ),
]


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _need_output(fmt: OutputFormat, output: Path | None, data: Path | None) -> None:
    from lsplan.cli.store_common import require_output

    require_output(fmt, output, data=data)  # xlsx needs a file; never the store or a data file


def _catalog(data_dir: Path | None) -> Any:
    from lsplan.catalog import CatalogError, load_catalog

    try:
        return load_catalog(data_dir)
    except CatalogError as exc:
        for finding in exc.findings:
            _err(f"{_(finding.severity.value)}: {finding.message} [{finding.code}]")
        _err(_("error: the plan data is invalid (run `lsplan data validate`)"))
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
            typer.echo(f"{_(str(row['severity']))}: {row['message']} [{row['code']}]")
        if catalog is not None and not errors:
            typer.echo(
                _(
                    "ok: {plans} plans, {indicators} indicators, {targets} targets, {agencies} agencies, "
                    "{tasks} tasks, {responsibilities} responsibilities"
                ).format(
                    plans=len(catalog.plans),
                    indicators=len(catalog.indicators),
                    targets=len(catalog.targets),
                    agencies=len(catalog.agencies),
                    tasks=len(catalog.tasks),
                    responsibilities=len(catalog.responsibilities),
                )
            )
        else:
            _err(
                _("{errors} error(s), {warnings} warning(s)").format(
                    errors=len(errors), warnings=len(findings) - len(errors)
                )
            )
    raise typer.Exit(1 if errors else 0)


# Headers are English msgids, translated when shown (labels.columns).
PLAN_COLUMNS = [
    Column("id", "Plan id"),
    Column("number", "Document number"),
    Column("kind", "Kind of document"),
    Column("title", "Title", max_width=70),
    Column("horizon", "Horizon"),
    Column("targets", "Targets", justify="right", show=labels.num),
    Column("tasks", "Number of tasks", justify="right", show=labels.num),
]


@app.command("plans")
def plans_cmd(
    data: DataDirOption = None, fmt: FormatOption = OutputFormat.TABLE, output: OutputOption = None
) -> None:
    """List the plans in the data with their counts of targets and tasks.

    Example: lsplan plans --format json
    """
    from lsplan.render import emit

    _need_output(fmt, output, data)
    catalog = _catalog(data)
    rows = catalog.plan_records()
    emit(rows, rows, labels.columns(PLAN_COLUMNS), fmt, title=_("Plans"), output=output)


# The terminal table keeps the first columns (priority 0) longest; the goal's wording is shown
# with --wide and by `lsplan show ID` (which has the quote too).
TARGET_COLUMNS = [
    Column("id", "Target id", priority=2, no_wrap=True),
    Column("indicator_name", "Indicator", max_width=48, min_width=20),
    Column("statement", "Goal", max_width=40, wide=True),
    Column("period", "Period", priority=3, no_wrap=True),
    Column("comparison", "Comparison", show=labels.label, priority=1, min_width=12),
    Column("low", "From", justify="right", show=labels.num, no_wrap=True),
    Column("high", "To", justify="right", show=labels.num, no_wrap=True),
    Column("unit", "Unit", priority=1, min_width=10),
    Column("lead", "Lead agency", max_width=36, min_width=12),
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
    wide: WideOption = False,
) -> None:
    """One row per target, with its lead agencies and source.

    --agency takes a name, alias or abbreviation, old names included ("Sở KH&ĐT" means Sở Tài chính).

    Example: lsplan targets --plan kb-2025 --agency "Sở Công Thương" --format json
    """
    from lsplan.render import emit

    _need_output(fmt, output, data)
    catalog = _catalog(data)
    if plan is not None and plan not in catalog.plans:
        _err(
            _("error: unknown plan {plan}; plans: {plans}").format(
                plan=repr(plan), plans=", ".join(catalog.plans)
            )
        )
        raise typer.Exit(1)
    caption = None
    if agency is not None:
        resolution = catalog.resolve_agency(agency)
        if resolution.agency is None:
            names = "; ".join(a.name for a in resolution.candidates)
            hint = _("; did you mean: {names}?").format(names=names) if names else ""
            _err(_("error: no agency matches {agency}").format(agency=repr(agency)) + hint)
            raise typer.Exit(1)
        if resolution.note:
            _err(_("note: {note}").format(note=resolution.note))
        agency = resolution.agency.id
        caption = _("Agency: {name}").format(name=resolution.agency.name)
    records = [catalog.target_record(t) for t in catalog.targets_for(plan=plan, agency=agency, year=year)]
    rows = [
        {**r, "source_section": r["source"]["section"], "source_quote": r["source"]["quote"]} for r in records
    ]
    columns = CSV_COLUMNS if fmt is OutputFormat.CSV else labels.columns(TARGET_COLUMNS)
    emit(records, rows, columns, fmt, title=_("Plan targets"), caption=caption, output=output, wide=wide)


@app.command("show")
def show_cmd(
    target_id: Annotated[
        str, typer.Argument(help=_("Target id, e.g. kb-2025.grdp-growth (see `lsplan targets`)."))
    ],
    data: DataDirOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    quarter: QuarterOption = None,
    year: YearOption = None,
    store: StoreOption = None,
    demo: DemoOption = False,
) -> None:
    """Everything known about one target: the target, its indicator, who answers for it, its quote.

    Example: lsplan show kb-2025.grdp-growth
    """
    # With --quarter (and --year, --store/--demo): how it was judged for that quarter, from the store.
    from lsplan.render import console, emit

    _need_output(fmt, output, data)
    catalog = _catalog(data)
    target = catalog.targets.get(target_id.strip())
    if target is None:
        close = catalog.close_target_ids(target_id)
        hint = _("; did you mean: {names}?").format(names=", ".join(close)) if close else ""
        _err(_("error: no target {target}").format(target=repr(target_id)) + hint)
        raise typer.Exit(1)
    record = catalog.show_record(target)
    if quarter is not None:
        record["assessment"] = _assessment(catalog, target.id, quarter, year, store, demo)
    if fmt is OutputFormat.TABLE and output is None:
        _print_show(console(), record)
        return
    rows = [{"field": key, "value": _flat(value)} for key, value in record.items()]
    emit(
        record,
        rows,
        labels.columns([Column("field", "Field"), Column("value", "Value")]),
        fmt,
        title=target.id,
        output=output,
    )


def _flat(value: Any) -> Any:
    if isinstance(value, float):
        return labels.num(value, 4)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_flat(v)}" for k, v in value.items() if v not in (None, "", [], {}))
    if isinstance(value, list):
        return "; ".join(str(_flat(v)) for v in value)
    return value


def _print_show(out: Any, record: dict) -> None:
    from rich.table import Table

    from lsplan.catalog import in_language

    table = Table(show_header=False, title=record["id"], title_justify="left", box=None, pad_edge=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    fields = [
        ("plan_title", "Plan"),
        ("indicator_name", "Indicator"),
        ("statement", "Goal"),
        ("period", "Period"),
        ("comparison", "Comparison"),
        ("low", "From"),
        ("high", "To"),
        ("unit", "Unit"),
        ("kind", "Kind of indicator"),
        ("benchmark", "Compared with"),
        ("note", "Notes"),  # shown in the reader's language below
        ("lead", "Lead agency"),
        ("support", "Supporting agencies"),
    ]
    coded = {"comparison", "kind"}  # stable codes in JSON, words here
    for key, header in fields:
        value = record.get(key)
        if key == "note":
            value = in_language(record.get("note") or "", record.get("note_en") or "")
        shown = labels.label(value) if key in coded else str(_flat(value))
        table.add_row(_(header), "—" if value in (None, [], "") else shown)
    if record.get("stretch"):
        stretch = record["stretch"]
        note = in_language(stretch.get("note") or "", stretch.get("note_en") or "")
        shown = str(stretch.get("text") or _flat(stretch)) + (f" ({note})" if note else "")
        table.add_row(_("Stretch goal"), shown)
    source = record["source"]
    table.add_row(
        _("Source"),
        _("{document}, section {section}").format(document=source["document"], section=source["section"]),
    )
    table.add_row(_("Quote"), f"“{source['quote']}”")
    for item in record.get("responsibilities", []):
        why = item["quote"] and f"“{item['quote']}”" or in_language(item["reason"], item.get("reason_en", ""))
        role, basis = labels.label(item["role"]), labels.label(item["basis"])
        table.add_row(_("Responsibility"), f"{item['agency']} ({role}, {basis}): {why}")
    for task in record.get("task_details", []):
        reason = in_language(task.get("reason", ""), task.get("reason_en", ""))
        table.add_row(_("Task"), f"{task['id']} {task['title']}" + (f" ({reason})" if reason else ""))
    out.print(table)
    if record.get("assessment"):
        _print_assessment(out, record["assessment"])


def _assessment(catalog: Any, target_id: str, quarter: str, year: int | None, store: Any, demo: bool) -> dict:
    from lsplan.cli import store_common as common
    from lsplan.gaps import explain

    q = common.quarter_option(quarter) or "Q4"
    with common.open_store(store, catalog=catalog, demo=demo) as opened:
        return explain(catalog, opened, target_id, year=year, quarter=q)


def _print_assessment(out: Any, row: dict) -> None:
    """The reasoning behind one status, line by line."""
    from rich.table import Table

    from lsplan.i18n import period_label, status_label

    title = _("How it was judged: {period}").format(period=period_label(row["quarter"], row["year"]))
    table = Table(show_header=False, title=title, title_justify="left", box=None, pad_edge=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    status = status_label(row["status"], quarter=row["quarter"], attainment=row.get("attainment"))
    if row.get("indicative"):
        status += " " + _("(indicative)")
    table.add_row(_("Assessment"), status)
    stretch = row.get("stretch_of_row")
    if stretch:
        table.add_row(_("Stretch of"), row["target"])
        if stretch.get("stretch_status"):
            label = status_label(stretch["stretch_status"], quarter=row["quarter"])
            table.add_row(_("Stretch status"), label)
    elif row.get("stretch_status"):
        table.add_row(_("Stretch status"), status_label(row["stretch_status"], quarter=row["quarter"]))
    for key, header in (("expected", "Expected by the quarter"), ("actual", "Actual"),
                        ("attainment", "Attainment (%)"), ("gap", "Gap")):
        if row.get(key) is None:
            continue
        if key == "attainment":
            table.add_row(_(header), labels.num(row[key], 1))
        else:
            table.add_row(_(header), f"{_flat(row[key])} {row.get('unit') or ''}".strip())
    if row.get("yardstick"):
        table.add_row(_("Yardstick"), str(row["yardstick"]))
    if row.get("benchmark") is not None:
        table.add_row(_("Benchmark"), str(_flat(row["benchmark"])))
    if row.get("history"):
        table.add_row(_("History used"), "; ".join(f"{y}: {_flat(v)}" for y, v in row["history"].items()))
    if len(row.get("plans") or ()) > 1:
        table.add_row(_("Set by"), ", ".join(row["plans"]))
    if row.get("missing_reason"):
        table.add_row(_("What was missing"), row["missing_reason"])
    if row.get("note"):
        table.add_row(_("Reasoning"), row["note"])
    out.print(table)
