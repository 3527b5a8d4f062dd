"""Commands over the store: ingest, history, gaps, agency.

Exit codes: 0 done; 1 a file refused (ingest) or an agency name not resolved (gaps, agency);
2 usage errors, an unreadable file, an unusable store or invalid plan data.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

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
from lsplan.render import Column, OutputFormat


def _status_vi(status: str | None, attainment: float | None = None, quarter: str | None = None) -> str:
    """A status as officials write it (one vocabulary with `lsplan report`: lsplan.i18n)."""
    from lsplan.i18n import status_label

    if not status:
        return "—"
    if status == "missing":
        return "Chưa báo cáo"
    return status_label(status, "vi", attainment=attainment, quarter=quarter)


def _labelled(row: dict, quarter: str) -> dict:
    return row | {
        "where": _where(row.get("source")),
        "status_label": _status_vi(row.get("status"), row.get("attainment"), quarter),
    }


OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE (atomically).")]
DemoOption = Annotated[
    bool,
    typer.Option(
        "--demo",
        help="Use the demo store built from the shipped Q1 2025 "
        "examples (also used when no store exists yet).",
    ),
]


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _vn(value: Any, decimals: int = 2) -> str:
    """A number the Vietnamese way: "." groups thousands, "," is the decimal mark."""
    if value is None:
        return "—"
    if not isinstance(value, (int, float)):
        return str(value)
    text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{value:,.0f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def _date_vi(value: Any) -> str:
    """2025-03-14 -> 14/03/2025, as Vietnamese documents write dates."""
    if not isinstance(value, str) or len(value) != 10:
        return "—" if value is None else str(value)
    year, month, day = value.split("-")
    return f"{day}/{month}/{year}"


def _quarter(text: str | None) -> str | None:
    if text is None:
        return None
    key = text.strip().upper().removeprefix("Q").removeprefix("QUÝ").strip()
    mapping = {"1": "Q1", "2": "Q2", "3": "Q3", "4": "Q4", "I": "Q1", "II": "Q2", "III": "Q3", "IV": "Q4"}
    if key not in mapping:
        _err(f"error: not a quarter: {text!r} (use Q1, Q2, Q3 or Q4)")
        raise typer.Exit(2)
    return mapping[key]


def _catalog(data_dir: Path | None) -> Any:
    from lsplan.catalog import CatalogError, load_catalog

    try:
        return load_catalog(data_dir)
    except CatalogError as exc:
        _err(f"error: the plan data is invalid: {exc} (run `lsplan data validate`)")
        raise typer.Exit(2) from exc


@contextmanager
def _open_store(path: Path | None, *, catalog: Any = None, demo: bool = False) -> Iterator[Any]:
    """The store to read; the demo store when asked, or when none was given and none exists yet."""
    from lsplan.store import Store, StoreError, default_store_path

    target = path or default_store_path()
    if path is not None and not target.exists() and not demo:
        _err(f"error: no store at {target} (`lsplan ingest FILE... --store {target}` creates it)")
        raise typer.Exit(2)
    if catalog is not None and (demo or (path is None and not target.exists())):
        from lsplan.demo import build_demo_store

        reason = "--demo" if demo else f"no store at {target} yet"
        _err(
            f"note: {reason}: using a demo store built from the shipped Q1 2025 example submissions "
            "(real published figures). `lsplan ingest FILE...` builds your own."
        )
        with (
            tempfile.TemporaryDirectory(prefix="lsplan-demo-") as folder,
            Store(Path(folder) / "demo.sqlite3") as store,
        ):
            report = build_demo_store(store, catalog)
            for outcome in report.files:
                if outcome.status not in ("added", "unchanged"):
                    _err(f"warning: demo example {Path(outcome.path).name} was {outcome.status}")
            yield store
        return
    try:
        store = Store(target)
    except StoreError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(2) from exc
    with store:
        yield store


# ---------------------------------------------------------------------------------- ingest


@app.command()
def ingest(
    files: Annotated[
        list[str],
        typer.Argument(
            help="Submissions to check and store; globs (*.xlsx) expanded here too.", show_default=False
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Report what would change; store nothing.")
    ] = False,
    agency: AgencyOption = None,
    year: YearOption = None,
    quarter: QuarterOption = None,
    store: StoreOption = None,
    data: DataDirOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Check submissions and store the accepted ones, with history.

    A file with errors is refused whole (nothing stored); the same file again changes nothing; a
    later file from the same agency for the same period supersedes the earlier one, which stays
    in the history. Example: [bold]lsplan ingest reports/*.xlsx --dry-run[/bold]
    """
    from lsplan.checks import expand_paths
    from lsplan.ingest import ingest as run_ingest
    from lsplan.render import console, emit
    from lsplan.store import Store, StoreError, resolve_store_path

    catalog = _catalog(data)
    q = _quarter(quarter)
    paths, unmatched = expand_paths(files)
    for pattern in unmatched:
        _err(f"error: no file matches {pattern!r}")
    if unmatched and not paths:
        raise typer.Exit(2)
    path = resolve_store_path(store)
    try:
        opened = Store(path)
    except StoreError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(2) from exc
    with opened:
        options = {"dry_run": dry_run, "agency": agency, "year": year, "quarter": q}
        if len(paths) > 1:
            from rich.progress import Progress

            with Progress(console=console(stderr=True), transient=True) as progress:
                task = progress.add_task("Ingesting", total=len(paths))
                report = run_ingest(
                    opened, paths, catalog, **options, on_file=lambda _o: progress.advance(task)
                )
        else:
            report = run_ingest(opened, paths, catalog, **options)
    rows = [
        {
            "file": Path(f.path).name,
            "status": f.status,
            "agency": catalog.name_of(f.agency) if f.agency else None,
            "period": f"{f.period} {f.year}" if f.period else None,
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
        Column("file", "Tệp"),
        Column("status", "Kết quả"),
        Column("agency", "Cơ quan"),
        Column("period", "Kỳ"),
        Column("observations", "Số liệu", "right"),
        Column("supersedes", "Thay thế"),
        Column("submission", "Mã", "right"),
    ]
    finding_columns = [
        Column("file", "Tệp"),
        Column("severity", "Mức"),
        Column("code", "Mã lỗi"),
        Column("where", "Ô"),
        Column("message", "Nội dung", max_width=80),
    ]
    emit(
        report.to_dict(),
        rows if fmt is not OutputFormat.CSV else findings,
        columns if fmt is not OutputFormat.CSV else finding_columns,
        fmt,
        title=f"lsplan ingest{' --dry-run' if dry_run else ''} → {path}",
        extra_tables=[("Phát hiện", findings, finding_columns)] if fmt is not OutputFormat.CSV else (),
    )
    added = sum(f.status in ("added", "would-add") for f in report.files)
    refused = sum(f.status in ("refused", "unreadable") for f in report.files)
    _err(
        f"{len(report.files)} file(s): {added} {'would be ' if dry_run else ''}stored, "
        f"{sum(f.status == 'unchanged' for f in report.files)} unchanged, {refused} refused."
    )
    raise typer.Exit(2 if unmatched else report.exit_code)


# --------------------------------------------------------------------------------- history


@app.command()
def history(
    indicator: Annotated[str, typer.Argument(help="Indicator id or name.", show_default=False)],
    store: StoreOption = None,
    data: DataDirOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
    output: OutputOption = None,
) -> None:
    """Every value ever received for an indicator, and where it came from.

    Example: [bold]lsplan history tourists[/bold]
    """
    from lsplan.render import emit

    catalog = _catalog(data)
    found = catalog.indicators.get(indicator) or catalog.match_indicator(indicator)
    if found is None:
        _err(f"error: unknown indicator {indicator!r} (see `lsplan targets`)")
        raise typer.Exit(1)
    with _open_store(store, catalog=catalog) as opened:
        flows = [found.id] if str(found.measure) == "flow" else []
        values = [v.to_dict() for v in opened.history(found.id, flows=flows)]
    payload = {"indicator": {"id": found.id, "name": found.name, "unit": found.unit}, "values": values}
    for value in values:
        value["where"] = "!".join(str(p) for p in (value["sheet"], value["cell"]) if p) or None
        value["period_label"] = f"{value['period']} {value['year']}"
    columns = [
        Column("period_label", "Kỳ"),
        Column("value", "Giá trị", "right", show=_vn),
        Column("unit", "ĐVT"),
        Column("cumulative", "Lũy kế", show=lambda v: "có" if v else "quý riêng"),
        Column("maturity", "Mức độ"),
        Column("agency", "Cơ quan"),
        Column("file", "Tệp"),
        Column("where", "Ô"),
        Column("received_at", "Nhận lúc"),
        Column("superseded", "Đã thay thế", show=lambda v: "có" if v else ""),
        Column("counts", "Số liệu được dùng", show=lambda v: "✔" if v else ""),
    ]
    emit(payload, values, columns, fmt, title=f"{found.name} ({found.id})", output=output)


# ------------------------------------------------------------------------------------ gaps


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


def _where(source: dict | None) -> str | None:
    if not source:
        return None
    cell = "!".join(str(p) for p in (source.get("sheet"), source.get("cell")) if p)
    return f"{source['file']} {cell}".strip()


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
    catalog = _catalog(data)
    q = _quarter(quarter)
    with _open_store(store, catalog=catalog, demo=demo) as opened:
        try:
            result = run_gaps(
                catalog, opened, year=year, quarter=q, plan=plan, agency=agency, include_all=show_all
            )
        except AgencyLookupError as exc:
            _err(f"error: {exc}")
            raise typer.Exit(1) from exc
    if plan is not None and plan not in catalog.plans:
        _err(f"warning: no plan {plan!r} (see `lsplan plans`)")
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

    catalog = _catalog(data)
    with _open_store(store, catalog=catalog, demo=demo) as opened:
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
