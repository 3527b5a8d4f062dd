"""`lsplan report`: the quarterly review pack as XLSX or self-contained HTML."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from lsplan.cli.app import app
from lsplan.cli.options import DataDirOption, PlanOption, RequiredQuarterOption, StoreOption, YearOption
from lsplan.cli.store_common import AsOfOption, DemoOption
from lsplan.i18n import _

LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        "-l",
        help=_("Report language: vi or en (default: `lsplan --lang`, else $LSPLAN_LANG, else vi)."),
        show_default=False,
    ),
]


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(_("error: {message}").format(message=message), err=True)
    return typer.Exit(code)


@app.command("report")
def report_command(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help=_("FILE.xlsx or FILE.html: the format follows the extension."),
            show_default=False,
        ),
    ],
    quarter: RequiredQuarterOption,
    year: YearOption = None,
    plan: PlanOption = None,
    lang: LangOption = None,
    as_of: AsOfOption = None,
    store: StoreOption = None,
    demo: DemoOption = False,
    data: DataDirOption = None,
) -> None:
    """Write the quarterly report to the Provincial People's Committee (XLSX or HTML).

    Every target of the year: plan, result, attainment and assessment, grouped by plan and sector.
    It states the data cut-off, which figures are estimates ("ước") and which submissions are missing.
    Vietnamese by default; --lang en (or LSPLAN_LANG=en) for English.

    Example: [bold]lsplan report --quarter Q1 --year 2025 -o bao-cao-q1.xlsx[/bold]
    """
    # The store, demo fallback, quarter and catalogue handling are those of `lsplan gaps`, so that
    # the report shows exactly what `lsplan gaps --all` shows for the same arguments.
    from lsplan.cli.store_common import as_of_option, catalog_or_exit, check_year, open_store, quarter_option
    from lsplan.i18n import UnknownLanguage, gettext_for, resolve_lang
    from lsplan.report import FORMATS

    if output.suffix.lower() not in FORMATS:
        raise _fail(_("{path}: the report is written as .xlsx or .html").format(path=output))
    from lsplan.cli.store_common import guard_output

    guard_output(output, store=store, data=data)  # never the store, an input, a device or a folder
    try:
        language = resolve_lang(lang)
    except UnknownLanguage as exc:
        raise _fail(str(exc)) from exc
    q = quarter_option(quarter)
    today = as_of_option(as_of)
    assert q is not None
    catalog = catalog_or_exit(data)
    check_year(catalog, year)
    if plan is not None and plan not in catalog.plans:
        raise _fail(  # a name not found, as for agencies and targets
            _("unknown plan {plan}; known: {plans}").format(plan=repr(plan), plans=", ".join(catalog.plans)),
            1,
        )
    from lsplan.report import build_report, report_results, same_period_last_year, write_report

    with open_store(store, catalog=catalog, demo=demo) as opened:
        results = report_results(
            catalog, opened, year=year or opened.latest_year(), quarter=q, plan=plan, today=today
        )
        previous = same_period_last_year(catalog, opened, year=results[q]["year"], quarter=q)
    report = build_report(results, q, catalog=catalog, plan=plan, same_period=previous)
    write_report(report, output, language)
    text = gettext_for(language)
    typer.echo(text("Report written: {path}").format(path=output), err=True)
