"""Options shared by several commands, declared once as Annotated aliases."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from lsplan.render import OutputFormat

DataDirOption = Annotated[
    Path | None,
    typer.Option("--data", help="Folder holding targets.yaml and assignments.yaml (default: the shipped data).",
                 envvar="LSPLAN_DATA", show_default=False),
]
YearOption = Annotated[int | None, typer.Option("--year", "-y", help="Plan year, e.g. 2025.", show_default=False)]
QuarterOption = Annotated[
    str | None,
    typer.Option("--quarter", "-q", help="Q1..Q4: cumulative to the end of that quarter (Q2 = six months).",
                 show_default=False),
]
AgencyOption = Annotated[
    str | None, typer.Option("--agency", "-a", help="Agency name, alias or abbreviation.", show_default=False)
]
PlanOption = Annotated[str | None, typer.Option("--plan", "-p", help="Plan id (see `lsplan plans`).", show_default=False)]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
StoreOption = Annotated[
    Path | None,
    typer.Option("--store", help="SQLite store (default: $LSPLAN_STORE, else the user data folder).",
                 envvar="LSPLAN_STORE", show_default=False),
]
