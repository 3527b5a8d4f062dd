"""Commands `lsplan gaps` and `lsplan agency`: what lags, who answers for it, what is missing."""

from __future__ import annotations

from typing import Annotated

import typer

from lsplan.cli import store_common as common
from lsplan.cli.app import app
from lsplan.cli.options import (
    AgencyOption,
    DataDirOption,
    FormatOption,
    PlanOption,
    QuarterOption,
    StoreOption,
    YearOption,
)
from lsplan.cli.store_common import (
    DemoOption,
    OutputOption,
    _date_vi,
    _err,
    _labelled,
    _quarter,
    _status_vi,
    _vn,
)
from lsplan.render import Column, OutputFormat


def _gap_columns() -> list[Column]:
    return [
        Column("indicator_name", "Chỉ tiêu", max_width=40),
        Column("plan", "Kế hoạch"),
        Column("statement", "Mục tiêu", max_width=30),
        Column("expected", "Dự kiến đến quý", "right", show=_vn),
        Column("actual", "Thực hiện", "right", show=_vn),
        Column("unit", "ĐVT"),
        Column("attainment", "Đạt (%)", "right", show=lambda v: _vn(v, 1)),
        Column("gap", "Chênh lệch", "right", show=_vn),
        Column("status_label", "Đánh giá"),
        Column("lead", "Cơ quan chủ trì", max_width=30),
        Column("where", "Nguồn số liệu", max_width=34),
    ]


def _missing_columns() -> list[Column]:
    return [
        Column("indicator_name", "Chỉ tiêu", max_width=40),
        Column("plan", "Kế hoạch"),
        Column("chase", "Cơ quan cần đôn đốc", max_width=34),
        Column("deadline", "Hạn báo cáo", show=_date_vi),
        Column("overdue", "Quá hạn", show=lambda v: "quá hạn" if v else "chưa đến hạn"),
    ]


@app.command()
def gaps(
    quarter: Annotated[
        str, typer.Option("--quarter", "-q", help="Q1..Q4, cumulative (Q2 = six months).", show_default=False)
    ],
    year: YearOption = None,
    plan: PlanOption = None,
    agency: AgencyOption = None,
    show_all: Annotated[bool, typer.Option("--all", help="Every target, not only the lagging ones.")] = False,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    store: StoreOption = None,
    demo: DemoOption = False,
    data: DataDirOption = None,
) -> None:
    """What is lagging, worst first, who answers for it, and which figures are missing.

    Example: [bold]lsplan gaps --quarter Q1 --year 2025[/bold]
    """
    from lsplan.gaps import AgencyLookupError
    from lsplan.gaps import gaps as run_gaps
    from lsplan.render import emit

    if fmt is OutputFormat.XLSX and output is None:
        _err("error: --format xlsx needs --output FILE.xlsx")
        raise typer.Exit(2)
    catalog = common._catalog(data)
    q = _quarter(quarter) or "Q4"  # --quarter is required: never None here
    if plan is not None and plan not in catalog.plans:
        _err(f"error: no plan {plan!r}; plans: {', '.join(sorted(catalog.plans))} (see `lsplan plans`)")
        raise typer.Exit(2)
    with common._open_store(store, catalog=catalog, demo=demo) as opened:
        try:
            result = run_gaps(
                catalog, opened, year=year, quarter=q, plan=plan, agency=agency, include_all=show_all
            )
        except AgencyLookupError as exc:
            _err(f"error: {exc}")
            raise typer.Exit(1) from exc
    rows = [_labelled(row, result.quarter) for row in result.rows]
    missing = [m | {"status": "missing"} for m in result.missing]
    columns, missing_columns = _gap_columns(), _missing_columns()
    title = f"{'Tất cả chỉ tiêu' if show_all else 'Chỉ tiêu chậm tiến độ'} — {result.quarter} {result.year}"
    caption = ", ".join(f"{_status_vi(k)}: {v}" for k, v in sorted(result.counts.items()))
    missing_title = f"Chưa có số liệu ({len(missing)})"
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
    )
    if fmt is OutputFormat.TABLE and output is None and not rows:
        _err("No lagging target for this quarter." if not show_all else "No target.")


# ---------------------------------------------------------------------------------- agency


@app.command()
def agency(
    name: Annotated[
        str, typer.Argument(help="Agency name, alias, abbreviation or former name.", show_default=False)
    ],
    year: YearOption = None,
    quarter: QuarterOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
    store: StoreOption = None,
    demo: DemoOption = False,
    data: DataDirOption = None,
) -> None:
    """One agency's whole picture: tasks it leads and supports, its indicators, what is missing.

    Example: [bold]lsplan agency "So Cong Thuong" --quarter Q1 --year 2025[/bold]
    """
    from lsplan.gaps import agency_view
    from lsplan.render import emit, to_json

    catalog = common._catalog(data)
    with common._open_store(store, catalog=catalog, demo=demo) as opened:
        view = agency_view(catalog, opened, name, year=year, quarter=_quarter(quarter))
    if not view.ok:
        names = "; ".join(c["name"] for c in view.candidates)
        _err(f"error: {view.error}: {name!r}." + (f" Did you mean: {names}?" if names else ""))
        if fmt is OutputFormat.JSON:
            typer.echo(to_json(view.to_dict()))
        raise typer.Exit(1)
    payload = view.to_dict()
    resolved = payload["resolved_from"]
    if resolved["how"] not in ("exact",) or resolved["note"]:
        _err(
            f"note: {name!r} resolved to {payload['agency']['name']} ({resolved['how']})"
            + (f": {resolved['note']}" if resolved["note"] else "")
        )
    indicators = [_labelled(row, payload["quarter"]) for row in payload["indicators"]]
    task_columns = [
        Column("number", "Mục"),
        Column("plan", "Kế hoạch"),
        Column("title", "Nhiệm vụ", max_width=70),
        Column("via", "Qua nhóm", max_width=30),
    ]
    indicator_columns = [
        Column("indicator_name", "Chỉ tiêu", max_width=40),
        Column("plan", "Kế hoạch"),
        Column("role", "Vai trò"),
        Column("expected", "Dự kiến đến quý", "right", show=_vn),
        Column("actual", "Thực hiện", "right", show=_vn),
        Column("unit", "ĐVT"),
        Column("attainment", "Đạt (%)", "right", show=lambda v: _vn(v, 1)),
        Column("status_label", "Đánh giá"),
        Column("where", "Nguồn số liệu", max_width=34),
    ]
    title = f"{payload['agency']['name']} — {payload['quarter']} {payload['year']}"
    submitted = "đã nộp báo cáo" if payload["submitted"] else "chưa nộp báo cáo kỳ này"
    emit(
        payload,
        indicators,
        indicator_columns,
        fmt,
        title=f"{title} - chỉ tiêu phụ trách",
        caption=submitted,
        output=output,
        extra_tables=[
            (f"Nhiệm vụ chủ trì ({len(payload['lead_tasks'])})", payload["lead_tasks"], task_columns),
            (f"Nhiệm vụ phối hợp ({len(payload['support_tasks'])})", payload["support_tasks"], task_columns),
            (f"Chưa có số liệu ({len(payload['missing'])})", payload["missing"], _missing_columns()),
        ],
    )
