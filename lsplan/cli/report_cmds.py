"""`lsplan report`: the quarterly review pack as XLSX or self-contained HTML."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from lsplan.cli.app import app
from lsplan.cli.options import DataDirOption, PlanOption, StoreOption, YearOption

LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang", "-l", help="Report language: vi (default) or en.", envvar="LSPLAN_LANG", show_default=False
    ),
]


def _fail(message: str, code: int = 2) -> typer.Exit:
    from lsplan.render import console

    console(stderr=True).print(f"[red]error:[/red] {message}", markup=True, highlight=False)
    return typer.Exit(code)


@app.command("report")
def report_command(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="FILE.xlsx or FILE.html: the format follows the extension.",
            show_default=False,
        ),
    ],
    quarter: Annotated[
        str,
        typer.Option(
            "--quarter", "-q", help="Q1..Q4: cumulative to the end of that quarter.", show_default=False
        ),
    ],
    year: YearOption = None,
    plan: PlanOption = None,
    lang: LangOption = None,
    store: StoreOption = None,
    data: DataDirOption = None,
) -> None:
    """Write the quarterly report to the Provincial People's Committee (XLSX or HTML).

    Every target of the year with its plan, result, attainment and assessment, grouped by plan and
    sector; the data cut-off, which figures are estimates ("ước"), and the submissions still missing.

    Example: lsplan report --quarter Q1 --year 2025 -o bao-cao-q1.xlsx
    """
    from lsplan.i18n import UnknownLanguage, gettext_for, resolve_lang
    from lsplan.report import FORMATS

    quarter = quarter.strip().upper()
    if quarter not in ("Q1", "Q2", "Q3", "Q4"):
        raise _fail(f"--quarter must be Q1, Q2, Q3 or Q4, not {quarter!r}")
    if output.suffix.lower() not in FORMATS:
        raise _fail(f"{output}: the report is written as .xlsx or .html")
    try:
        language = resolve_lang(lang)
    except UnknownLanguage as exc:
        raise _fail(str(exc)) from exc
    from lsplan.catalog import CatalogError, load_catalog
    from lsplan.report import build_report, report_results, write_report
    from lsplan.store import Store, StoreError, resolve_store_path

    try:
        catalog = load_catalog(data)
    except CatalogError as exc:
        raise _fail(f"the plan data is invalid: {exc}") from exc
    try:
        with Store(resolve_store_path(store)) as opened:
            year = year or opened.latest_year()
            if year is None:
                raise _fail("the store holds no submission; give --year or ingest files first")
            if plan is not None and plan not in catalog.plans:
                raise _fail(f"unknown plan {plan!r}; known: {', '.join(catalog.plans)}")
            results = report_results(catalog, opened, year=year, quarter=quarter, plan=plan)
    except StoreError as exc:
        raise _fail(str(exc)) from exc
    report = build_report(results, quarter, catalog=catalog, plan=plan)
    write_report(report, output, language)
    _ = gettext_for(language)
    from lsplan.render import console

    console(stderr=True).print(_("Report written: {path}").format(path=output), highlight=False)
