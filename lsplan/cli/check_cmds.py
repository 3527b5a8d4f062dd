"""`lsplan check` and `lsplan template`: validate submissions, write the lsplan form.

The options are declared here for typer; the body of `check` is lsplan.cli.check_run, which
lsplan.cli.fast also calls without typer for a plain command line (README, "Speed"). Exit
codes (check): 0 every file valid (warnings allowed); 1 a file has errors; 2 a file cannot be
read at all, a pattern matched nothing, or the command is misused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from lsplan.cli.app import app
from lsplan.cli.exits import fail
from lsplan.cli.options import AgencyOption, DataDirOption, FormatOption, QuarterOption, YearOption
from lsplan.i18n import _
from lsplan.render import OutputFormat


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
    wide: Annotated[
        bool,
        typer.Option(
            "--wide",
            help=_(
                "Every column in the terminal, and the values read from every file (not only "
                "when one file is checked); the output may be wider than the terminal."
            ),
        ),
    ] = False,
) -> None:
    """Check submitted spreadsheets (.xlsx, .csv) cell by cell and list what is wrong, where.

    Example: [bold]lsplan check bao-cao-6-thang.xlsx --format json[/bold]

    Exit codes: 0 every file valid (warnings allowed), 1 errors found, 2 unreadable file or misuse.
    """
    from lsplan.cli.check_run import run_check

    raise typer.Exit(run_check(files, agency, year, quarter, fmt, data, wide))


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
    from lsplan.cli.check_run import catalog_or_exit, quarter_or_exit
    from lsplan.template import TemplateError, write_template

    if agency is None or year is None or quarter is None:
        raise fail(_("--agency, --year and --quarter are required"))
    quarter = quarter_or_exit(quarter)
    catalog = catalog_or_exit(data)
    target = output or Path(f"lsplan-form-{year}-{quarter}.xlsx")
    from lsplan.cli.store_common import guard_output

    guard_output(target, data=data)  # never the store, a data file, a device or a folder
    try:
        result = write_template(target, catalog, agency, year, quarter or "")
    except TemplateError as exc:
        raise fail(exc.finding.message) from None
    except OSError as exc:
        message = _("cannot write {path}: {error}")
        raise fail(message.format(path=target, error=exc.strerror or exc)) from None
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
