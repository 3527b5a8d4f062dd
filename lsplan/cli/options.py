"""Options shared by several commands, declared once as Annotated aliases.

Help texts are English msgids translated at import time (`lsplan.i18n._`): lsplan.cli sets the
language from --lang / $LSPLAN_LANG before the command modules import this one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from lsplan.i18n import _
from lsplan.render import OutputFormat

DataDirOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help=_("Folder holding targets.yaml and assignments.yaml (default: the shipped data)."),
        envvar="LSPLAN_DATA",
        show_default=False,
    ),
]
YearOption = Annotated[
    int | None, typer.Option("--year", "-y", help=_("Plan year, e.g. 2025."), show_default=False)
]
# The quarter of commands that need one (gaps, report, remind): required, no default.
RequiredQuarterOption = Annotated[
    str,
    typer.Option("--quarter", "-q", help=_("Q1..Q4, cumulative (Q2 = six months)."), show_default=False),
]
QuarterOption = Annotated[
    str | None,
    typer.Option(
        "--quarter",
        "-q",
        help=_("Q1..Q4: cumulative to the end of that quarter (Q2 = six months)."),
        show_default=False,
    ),
]
AgencyOption = Annotated[
    str | None,
    typer.Option("--agency", "-a", help=_("Agency name, alias or abbreviation."), show_default=False),
]
PlanOption = Annotated[
    str | None, typer.Option("--plan", "-p", help=_("Plan id (see `lsplan plans`)."), show_default=False)
]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help=_("Output format."))]
StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        help=_("SQLite store (default: $LSPLAN_STORE, else the user data folder)."),
        envvar="LSPLAN_STORE",
        show_default=False,
    ),
]
# --wide, on every command whose terminal table leaves long columns out to fit the terminal.
WideOption = Annotated[
    bool,
    typer.Option(
        "--wide",
        help=_(
            "Every column in the terminal table (the goal's wording, the data source); "
            "the table may then be wider than the terminal."
        ),
    ),
]
