"""Helpers shared by the store commands (ingest, history, gaps, agency): options, number and
date display the Vietnamese way, status labels, loading the plan data, opening the store or the
demo store."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer


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


def _where(source: dict | None) -> str | None:
    if not source:
        return None
    cell = "!".join(str(p) for p in (source.get("sheet"), source.get("cell")) if p)
    return f"{source['file']} {cell}".strip()
