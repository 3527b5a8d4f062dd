"""Commands `lsplan gaps` and `lsplan agency`: what lags, who answers for it, what is missing."""

from __future__ import annotations

from typing import Annotated

import typer

from lsplan.cli import store_common as common
from lsplan.cli.app import app
from lsplan.cli.labels import label, status_tone
from lsplan.cli.options import (
    AgencyOption,
    DataDirOption,
    FormatOption,
    PlanOption,
    QuarterOption,
    RequiredQuarterOption,
    StoreOption,
    WideOption,
    YearOption,
)
from lsplan.cli.store_common import (
    AsOfOption,
    DemoOption,
    OutputOption,
    as_of_option,
    check_year,
    date_vi,
    err,
    labelled,
    period_vi,
    quarter_option,
    status_vi,
    vn,
)
from lsplan.i18n import _
from lsplan.render import Column, OutputFormat

_STATUS_ORDER = (
    "not_met", "off_track", "at_risk", "no_data", "nearly_met", "on_track", "achieved", "exceeded",
    "not_assessed", "info",
)
_STATUS_RANK = {status: rank for rank, status in enumerate(_STATUS_ORDER)}


def _gap_columns() -> list[Column]:
    # What a reader needs first (priority 0) comes first; the terminal table leaves out the
    # others from the highest priority number down when they do not fit, and shows the goal's
    # wording and the data source only with --wide (lsplan show has them too).
    return [
        Column("indicator_name", _("Indicator"), max_width=40, min_share=0.22),
        Column("plan_label", _("Plan"), max_width=20, min_width=11, priority=1),
        Column("statement", _("Goal"), max_width=40, wide=True),
        Column("expected_label", _("Expected by the quarter"), "right", no_wrap=True),
        Column("actual", _("Actual"), "right", show=vn, no_wrap=True),
        Column("unit", _("Unit"), min_width=10, priority=1),
        Column("attainment", _("Attainment (%)"), "right", show=lambda v: vn(v, 1), no_wrap=True),
        Column("gap", _("Gap"), "right", show=vn, no_wrap=True, priority=2),
        Column("status_label", _("Assessment"), min_width=7, tone=status_tone),
        Column("lead", _("Lead agency"), max_width=30, min_width=12),
        Column("where", _("Data source"), max_width=34, wide=True),
    ]


def _export_columns(columns: list[Column]) -> list[Column]:
    """CSV/XLSX cells hold values, not display text: the expected figure as a number (and the
    band's top), the plan id beside its label."""
    out: list[Column] = []
    for column in columns:
        if column.key == "expected_label":
            out += [Column("expected", column.header), Column("expected_high", _("Expected (upper bound)"))]
        elif column.key == "plan_label":
            out += [column, Column("plan", "plan")]
        else:
            out.append(column)
    return out


def _missing_columns() -> list[Column]:
    return [
        Column("indicator_name", _("Indicator"), max_width=40),
        Column("plan_label", _("Plan"), max_width=20, priority=2),
        Column("chase", _("Agency to chase"), max_width=34),
        Column("deadline", _("Report deadline"), show=date_vi, no_wrap=True, priority=1),
        Column("overdue", _("Deadline status"), show=lambda v: _("Overdue") if v else _("Not yet due")),
    ]


@app.command()
def gaps(
    quarter: RequiredQuarterOption,
    year: YearOption = None,
    plan: PlanOption = None,
    agency: AgencyOption = None,
    show_all: Annotated[
        bool, typer.Option("--all", help=_("Every target, not only the lagging ones."))
    ] = False,
    as_of: AsOfOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    store: StoreOption = None,
    demo: DemoOption = False,
    data: DataDirOption = None,
    wide: WideOption = False,
) -> None:
    """What is lagging, worst first, who answers for it, and which figures are missing.

    Example: [bold]lsplan gaps --quarter Q1 --year 2025[/bold]
    """
    from lsplan.gaps import AgencyLookupError
    from lsplan.gaps import gaps as run_gaps
    from lsplan.render import emit

    common.require_output(fmt, output, store=store, data=data)
    q = quarter_option(quarter) or "Q4"  # --quarter is required: never None here
    today = as_of_option(as_of)
    catalog = common.catalog_or_exit(data)
    check_year(catalog, year)
    if plan is not None and plan not in catalog.plans:
        err(
            _("error: no plan {plan}; plans: {plans} (see `lsplan plans`)").format(
                plan=repr(plan), plans=", ".join(sorted(catalog.plans))
            )
        )
        raise typer.Exit(1)  # a name not found, as for agencies and targets
    with common.open_store(store, catalog=catalog, demo=demo) as opened:
        try:
            result = run_gaps(
                catalog,
                opened,
                year=year,
                quarter=q,
                plan=plan,
                agency=agency,
                include_all=show_all,
                today=today,
            )
        except AgencyLookupError as exc:
            err(_("error: {message}").format(message=exc))
            raise typer.Exit(1) from exc
    rows = [labelled(row, result.quarter, catalog) for row in result.rows]
    missing = [labelled(m, result.quarter, catalog) | {"status": "missing"} for m in result.missing]
    columns, missing_columns = _gap_columns(), _missing_columns()
    heading = _("All targets") if show_all else _("Lagging targets")
    title = f"{heading} — {period_vi(result.quarter, result.year)}"
    counts = sorted(result.counts.items(), key=lambda kv: _STATUS_RANK.get(kv[0], 9))
    caption = ", ".join(f"{status_vi(k)}: {v}" for k, v in counts)
    caption += " · " + _("overdue as of {date}").format(date=date_vi(result.as_of))
    missing_title = _("No data yet ({count})").format(count=len(missing))
    if fmt in (OutputFormat.CSV, OutputFormat.XLSX):  # exports keep numbers as numbers
        columns = _export_columns(columns)
    if fmt is OutputFormat.CSV:  # one flat table: the rows, then the missing figures as status "missing"
        flat = [*rows, *missing]
        csv_columns = [
            *(c for c in columns if c.key != "status_label"),
            Column("status", "status"),
            Column("target", "target"),
            Column("indicator", "indicator"),
            Column("deadline", "deadline"),
            Column("overdue", "overdue"),
        ]
        emit(result.to_dict(), flat, csv_columns, fmt, output=output)
        return
    emit(
        result.to_dict(),
        rows,
        columns,
        fmt,
        title=title,
        caption=caption,
        output=output,
        extra_tables=[(missing_title, missing, missing_columns)],
        wide=wide,
        empty=_("No lagging target for this quarter.") if not show_all else _("No target."),
    )


# ---------------------------------------------------------------------------------- agency


@app.command()
def agency(
    name: Annotated[
        str, typer.Argument(help=_("Agency name, alias, abbreviation or former name."), show_default=False)
    ],
    year: YearOption = None,
    quarter: QuarterOption = None,
    as_of: AsOfOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    store: StoreOption = None,
    demo: DemoOption = False,
    data: DataDirOption = None,
    wide: WideOption = False,
) -> None:
    """One agency's whole picture: tasks it leads and supports, its indicators, what is missing.

    Example: [bold]lsplan agency "So Cong Thuong" --quarter Q1 --year 2025[/bold]
    """
    from lsplan.gaps import agency_view
    from lsplan.render import emit, to_json

    common.require_output(fmt, output, store=store, data=data)
    q = quarter_option(quarter)
    today = as_of_option(as_of)
    catalog = common.catalog_or_exit(data)
    check_year(catalog, year)
    with common.open_store(store, catalog=catalog, demo=demo) as opened:
        view = agency_view(catalog, opened, name, year=year, quarter=q, today=today)
    if not view.ok:
        names = "; ".join(c["name"] for c in view.candidates)
        what = _("is ambiguous") if view.error == "agency-ambiguous" else _("matches no agency")
        hint = (
            _(" Did you mean: {names}?").format(names=names)
            if names
            else _(" See `lsplan targets --agency` for the names known.")
        )
        err(_("error: {name} {what} [{code}].").format(name=repr(name), what=what, code=view.error) + hint)
        if fmt is OutputFormat.JSON:
            typer.echo(to_json(view.to_dict()))
        raise typer.Exit(1)
    payload = view.to_dict()
    resolved = payload["resolved_from"]
    if resolved["how"] not in ("exact",) or resolved["note"]:
        err(
            _("note: {name} resolved to {agency} ({how})").format(
                name=repr(name), agency=payload["agency"]["name"], how=label(resolved["how"])
            )
            + (f": {resolved['note']}" if resolved["note"] else "")
        )
    indicators = [labelled(row, payload["quarter"], catalog) for row in payload["indicators"]]
    lead_tasks = [labelled(t, payload["quarter"], catalog) for t in payload["lead_tasks"]]
    support_tasks = [labelled(t, payload["quarter"], catalog) for t in payload["support_tasks"]]
    missing = [labelled(m, payload["quarter"], catalog) for m in payload["missing"]]
    task_columns = [
        Column("number", _("Item"), no_wrap=True),
        Column("plan_label", _("Plan"), max_width=20, priority=2),
        Column("title", _("Task"), max_width=70, min_width=30),
        Column("via", _("Through group"), max_width=30, min_width=14, priority=1),
    ]
    indicator_columns = [
        Column("indicator_name", _("Indicator"), max_width=40, min_width=20),
        Column("plan_label", _("Plan"), max_width=16, min_width=11),
        # two targets of one indicator (budget revenue: 9.937,8 and "13% above the central
        # estimate") are told apart by what they ask for: the goal's wording is in --wide
        Column("statement", _("Goal"), max_width=30, wide=True),
        Column("role_label", _("Role"), priority=2),
        Column("expected_label", _("Expected by the quarter"), "right", no_wrap=True),
        Column("actual", _("Actual"), "right", show=vn, no_wrap=True),
        Column("unit", _("Unit"), min_width=10, priority=1),
        Column("attainment", _("Attainment (%)"), "right", show=lambda v: vn(v, 1), no_wrap=True),
        Column("status_label", _("Assessment"), min_width=7, tone=status_tone),
        Column("where", _("Data source"), max_width=34, wide=True),
    ]
    title = f"{payload['agency']['name']} — {period_vi(payload['quarter'], payload['year'])}"
    submitted = (
        _("{count} report(s) submitted for this period").format(count=len(payload["submissions"]))
        if payload["submitted"]
        else _("No report submitted for this period")
    )
    emit(
        payload,
        indicators,
        indicator_columns,
        fmt,
        title=_("{title}: indicators in its charge").format(title=title),
        caption=submitted,
        output=output,
        extra_tables=[
            (_("Tasks it leads ({count})").format(count=len(lead_tasks)), lead_tasks, task_columns),
            (_("Tasks it supports ({count})").format(count=len(support_tasks)), support_tasks, task_columns),
            (_("No data yet ({count})").format(count=len(missing)), missing, _missing_columns()),
        ],
        wide=wide,
    )
