"""A column of a command's output, and the text a table or Markdown shows for a value."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a command's output. Every format shows every column, except the terminal
    table, which fits the terminal: it leaves out the `wide` ones unless `--wide` asks for them,
    then the ones of the highest `priority` number while the rest cannot fit without cutting a
    word (0 = what a reader needs first, kept longest)."""

    key: str
    header: str
    justify: str = "left"  # "left" | "right" | "center"
    max_width: int | None = None  # a soft cap: never below the column's longest word
    # Turns a raw value into display text for table/md (csv/xlsx keep the raw value).
    show: Callable[[Any], str] | None = None
    priority: int = 0
    wide: bool = False  # long text (a goal's statement, a data source): terminal table with --wide only
    no_wrap: bool = False  # short text read at a glance (a figure, a status): kept on one line
    min_width: int | None = None
    min_share: float | None = None  # at least this share of the terminal's width (0.25: a quarter)
    # A style for one row's cell (a status in red or green): the terminal table only.
    tone: Callable[[dict], str | None] | None = None


def display_text(column: Column, value: Any) -> str:
    if column.show is not None:
        return column.show(value)
    if value is None:
        return "—"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
