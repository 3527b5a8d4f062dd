"""Helpers shared by the store commands (ingest, history, gaps, agency): options, number and
date display in the language of the process (Vietnamese by default: "9.937,8", 14/03/2025),
status labels, loading the plan data, opening the store or the demo store.

The `_vi` names are historical: each helper writes the language of the process (lsplan.i18n).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from lsplan.cli.exits import catalog_or_exit as catalog_or_exit  # one for every command
from lsplan.i18n import _, resolve_lang


def status_vi(status: str | None, attainment: float | None = None, quarter: str | None = None) -> str:
    """A status as officials write it (one vocabulary with `lsplan report`: lsplan.i18n)."""
    from lsplan.i18n import status_label

    if not status:
        return "—"
    if status == "missing":
        return _("Not reported")
    return status_label(status, resolve_lang(), attainment=attainment, quarter=quarter)


ROMAN_QUARTER = {"Q1": "I", "Q2": "II", "Q3": "III", "Q4": "IV"}


def maturity_label(maturity: str | None) -> str:
    """estimate -> "Ước" / "Estimate", preliminary, official."""
    from lsplan.cli.labels import label

    return label(maturity)


def period_vi(quarter: str, year: int | str) -> str:
    """The cumulative period as reports name it: Q1 -> "Quý I năm 2025", Q2 -> "6 tháng đầu năm
    2025", Q3 -> "9 tháng năm 2025", Q4 -> "Năm 2025" (the whole year); in English "Q1 2025",
    "First half of 2025", "Nine months of 2025", "Year 2025" (lsplan.i18n.period_label, which
    the library's messages use too)."""
    from lsplan.i18n import period_label

    return period_label(quarter, year)


def quarter_alone(quarter: str, year: int | str) -> str:
    """A quarter's own figure (not cumulative): "Quý II năm 2025 (riêng quý)"."""
    return _("Quarter {roman} of {year} (quarter alone)").format(
        roman=ROMAN_QUARTER.get(quarter, quarter), year=year
    )


def expected_vi(low: Any, high: Any = None) -> str:
    """What was expected by the quarter: one figure, or a band "24 - 25" (structure shares)."""
    if high is not None and low is not None and high != low:
        return f"{vn(low)} - {vn(high)}"
    return vn(low if low is not None else high)


def role_vi(role: str | None) -> str:
    """lead -> "Chủ trì" / "Lead", support -> "Phối hợp" / "Support"."""
    from lsplan.cli.labels import label

    return label(role)


def labelled(row: dict, quarter: str, catalog: Any = None) -> dict:
    """A result row with the words a Vietnamese reader expects next to the ids the JSON keeps:
    source cell, status, role, the plan's short label, lead agencies as one line."""
    plan = row.get("plan")
    status = status_vi(row.get("status"), row.get("attainment"), quarter)
    out = row | {
        "where": where(row.get("source")),
        # shares and levels judged at year end: the in-year figure is only indicative
        "status_label": f"{status} {_('(indicative)')}" if row.get("indicative") else status,
        "expected_label": expected_vi(row.get("expected"), row.get("expected_high")),
        "plan_label": catalog.plan_label(plan) if catalog is not None and plan else plan,
    }
    if "role" in row:
        out["role_label"] = role_vi(row.get("role"))
    return out


OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help=_("Write to FILE (atomically)."))]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help=_(
            "Judge overdue figures as of this day, YYYY-MM-DD (default: today), "
            "to reproduce an earlier review."
        ),
        show_default=False,
    ),
]
DemoOption = Annotated[
    bool,
    typer.Option(
        "--demo",
        help=_(
            "Use the demo store built from the shipped Q1 2025 examples (also used when no store exists yet)."
        ),
    ),
]


def err(message: str) -> None:
    typer.echo(message, err=True)


def require_output(
    fmt: Any, output: Any, *, store: Path | None = None, inputs: Any = (), data: Path | None = None
) -> None:
    """A workbook cannot go to the terminal: usage error (exit 2) before any work is done; and
    `--output` must be a file this run may write (guard_output)."""
    from lsplan.render import OutputFormat

    if fmt is OutputFormat.XLSX and output is None:
        err(_("error: --format xlsx needs --output FILE.xlsx"))
        raise typer.Exit(2)
    guard_output(output, store=store, inputs=inputs, data=data)


def guard_output(
    output: Path | None, *, store: Path | None = None, inputs: Any = (), data: Path | None = None
) -> None:
    """Refuse (exit 2, before any work) an `--output` that is the store (--store, else
    $LSPLAN_STORE, else the default store), an input of this run (`inputs`, the plan data files of
    `data`), not a regular file, or in a folder that does not exist: lsplan.outputs.check_output."""
    if output is None:
        return
    from lsplan.outputs import OutputRefused, check_output
    from lsplan.store import resolve_store_path

    if data is None:
        from lsplan.catalog_load import default_data_dir

        data = default_data_dir()
    try:
        plan_files = sorted(Path(data).glob("*.yaml")) if Path(data).is_dir() else [Path(data)]
    except OSError:
        plan_files = []
    try:
        check_output(Path(output), store=resolve_store_path(store), inputs=[*inputs, *plan_files])
    except OutputRefused as exc:
        err(_("error: {message}").format(message=f"{exc} [{exc.code}]"))
        raise typer.Exit(2) from None


def vn(value: Any, decimals: int = 2) -> str:
    """A number the way of the process language: "9.937,8" (vi), "9,937.8" (en); trailing zeros
    dropped."""
    from lsplan.numfmt import format_number

    if value is None:
        return "—"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return format_number(value, resolve_lang(), decimals)


def date_vi(value: Any) -> str:
    """2025-03-14 -> 14/03/2025 as Vietnamese documents write dates (the same in English output:
    the day first, as the province writes it)."""
    if not isinstance(value, str) or len(value) != 10:
        return "—" if value is None else str(value)
    year, month, day = value.split("-")
    return f"{day}/{month}/{year}"


def datetime_vi(value: Any) -> str:
    """An ISO time stamp -> "22/11/2026 22:24" in Vietnam time, as Vietnamese documents write it."""
    from lsplan.i18n import local_stamp

    if not isinstance(value, str):
        return "—" if value is None else str(value)
    stamp = local_stamp(value)
    if len(stamp) != 16 or stamp[4] != "-":
        return value
    return f"{stamp[8:10]}/{stamp[5:7]}/{stamp[0:4]} {stamp[11:]}"


def as_of_option(text: str | None) -> Any:
    """--as-of YYYY-MM-DD -> a date (None: today); anything else is a usage error (exit 2)."""
    from datetime import date

    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        err(_("error: not a date: {text} (use YYYY-MM-DD, e.g. 2025-04-20)").format(text=repr(text)))
        raise typer.Exit(2) from None


def check_year(catalog: Any, year: int | None) -> None:
    """A --year no plan covers (--year 1800) is a usage error (exit 2), not an empty table."""
    if year is None:
        return
    plans = list(catalog.plans.values())
    if plans and not any(p.horizon_start <= year <= p.horizon_end for p in plans):
        first = min(p.horizon_start for p in plans)
        last = max(p.horizon_end for p in plans)
        err(
            _("error: no plan covers the year {year} (the plans span {first}-{last})").format(
                year=year, first=first, last=last
            )
        )
        raise typer.Exit(2)


def quarter_option(text: str | None) -> str | None:
    if text is None:
        return None
    key = text.strip().upper().removeprefix("Q").removeprefix("QUÝ").strip()
    mapping = {"1": "Q1", "2": "Q2", "3": "Q3", "4": "Q4", "I": "Q1", "II": "Q2", "III": "Q3", "IV": "Q4"}
    if key not in mapping:
        err(_("error: not a quarter: {text} (use Q1, Q2, Q3 or Q4)").format(text=repr(text)))
        raise typer.Exit(2)
    return mapping[key]


@contextmanager
def open_store(path: Path | None, *, catalog: Any = None, demo: bool = False) -> Iterator[Any]:
    """The store to read; the demo store when asked, or when none was given and none exists yet."""
    from lsplan.store import Store, StoreError, default_store_path

    target = path or default_store_path()
    if path is not None and not target.exists() and not demo:
        err(
            _("error: no store at {path} (`lsplan ingest FILE... --store {path}` creates it)").format(
                path=target
            )
        )
        raise typer.Exit(2)
    if catalog is not None and (demo or (path is None and not target.exists())):
        from lsplan.demo import build_demo_store

        reason = "--demo" if demo else _("no store at {path} yet").format(path=target)
        err(
            _(
                "note: {reason}: using a demo store built from the shipped Q1 2025 example submissions "
                "(real published figures). `lsplan ingest FILE...` builds your own."
            ).format(reason=reason)
        )
        with (
            tempfile.TemporaryDirectory(prefix="lsplan-demo-") as folder,
            Store(Path(folder) / "demo.sqlite3") as store,
        ):
            report = build_demo_store(store, catalog)
            for outcome in report.files:
                if outcome.status not in ("added", "unchanged"):
                    err(
                        _("warning: demo example {name} was {status}").format(
                            name=Path(outcome.path).name, status=outcome.status
                        )
                    )
            yield store
        return
    opened: Any
    try:
        opened = Store(target)
    except StoreError as exc:
        # A store this user can read but not write (a read-only file, folder or share, another
        # user's store): reading commands read it as it is, without migrating or journalling.
        opened = read_only_or_none(target) if exc.code != "store-too-new" else None
        if opened is None:
            err(_("error: {message}").format(message=exc))
            raise typer.Exit(2) from exc
    with opened:
        yield opened


def read_only_or_none(target: Path) -> Any:
    """The store opened read-only, or None when it cannot be read either."""
    from lsplan.store import Store, StoreError

    if not target.is_file():
        return None
    try:
        return Store(target, read_only=True)
    except StoreError:
        return None


def where(source: dict | None) -> str | None:
    if not source:
        return None
    cell = "!".join(str(p) for p in (source.get("sheet"), source.get("cell")) if p)
    return f"{source['file']} {cell}".strip()
