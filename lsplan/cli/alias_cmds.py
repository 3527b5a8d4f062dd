"""`lsplan alias add/list/remove`: names officers use for indicators, taught once.

The names live in aliases.yaml beside the store (lsplan.aliases.alias_path: the folder of
--store / $LSPLAN_STORE / the default store, or $LSPLAN_ALIASES). `lsplan check` and `ingest`
match them with method "learned-alias".

Exit codes: 0 done; 1 refused (unknown indicator, a name that already names another indicator
or is decided by its heading, an alias not found, an alias file that breaks its schema);
2 misuse, or an alias file that cannot be read or written at all, or plan data that cannot be
loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from lsplan.cli import labels
from lsplan.cli.app import app
from lsplan.cli.options import DataDirOption, FormatOption, StoreOption
from lsplan.i18n import _
from lsplan.render import Column, OutputFormat

alias_app = typer.Typer(
    help=_("Names officers use for indicators, taught once (aliases.yaml beside the store)."),
    no_args_is_help=True,
)
app.add_typer(alias_app, name="alias")

ALIAS_COLUMNS = [
    Column("name", "Name"),
    Column("indicator", "Indicator id"),
    Column("indicator_name", "Indicator", max_width=60),
    Column("added", "Added"),
]


def _catalog(data_dir: Path | None) -> Any:
    from lsplan.cli.store_common import catalog_or_exit

    return catalog_or_exit(data_dir)


def _refused(exc: Any) -> typer.Exit:
    for finding in exc.findings:
        typer.echo(_("error: {message}").format(message=f"{finding.message} [{finding.code}]"), err=True)
    return typer.Exit(2 if exc.unreadable else 1)


def _row(entry: Any, catalog: Any) -> dict:
    from lsplan.check_rows import indicator_name

    indicator = catalog.indicators.get(entry.indicator)
    return {
        "name": entry.name,
        "indicator": entry.indicator,
        "indicator_name": indicator_name(indicator) if indicator is not None else "",
        "added": entry.added,
    }


@alias_app.command("add")
def add_cmd(
    name: Annotated[str, typer.Argument(help=_('The name as reports write it, e.g. "TMBL".'))],
    indicator: Annotated[str, typer.Argument(help=_("The indicator id (see `lsplan targets`)."))],
    store: StoreOption = None,
    data: DataDirOption = None,
) -> None:
    """Teach lsplan a name for an indicator, once for every later check.

    Refused when the indicator does not exist or the name already names another indicator.

    Example: lsplan alias add "TMBL" retail-sales
    """
    from lsplan.aliases import AliasError, add_alias, alias_path

    catalog = _catalog(data)
    path = alias_path(store)
    try:
        entry = add_alias(path, catalog, name, indicator)
    except ValueError:
        typer.echo(_("error: {message}").format(message=_("an alias needs letters or digits")), err=True)
        raise typer.Exit(2) from None
    except AliasError as exc:
        raise _refused(exc) from None
    row = _row(entry, catalog)
    typer.echo(
        _("ok: '{name}' now names {indicator} ({indicator_name}) in {path}").format(
            name=row["name"], indicator=row["indicator"], indicator_name=row["indicator_name"], path=path
        )
    )


@alias_app.command("list")
def list_cmd(
    store: StoreOption = None, data: DataDirOption = None, fmt: FormatOption = OutputFormat.TABLE
) -> None:
    """List the learned names, checked against the plan data.

    Example: lsplan alias list --format json
    """
    from lsplan.aliases import AliasError, alias_path, problems, read_aliases
    from lsplan.render import emit

    if fmt is OutputFormat.XLSX:
        typer.echo(_("error: --format xlsx needs --output FILE.xlsx"), err=True)
        raise typer.Exit(2)
    catalog = _catalog(data)
    path = alias_path(store)
    try:
        entries = read_aliases(path)
    except AliasError as exc:
        raise _refused(exc) from None
    rows = [_row(entry, catalog) for entry in entries]
    found = problems(entries, catalog)
    payload = {
        "file": str(path),
        "ok": not found,
        "aliases": rows,
        "findings": [{"code": f.code, "severity": f.severity.value, "message": f.message} for f in found],
    }
    emit(payload, rows, labels.columns(ALIAS_COLUMNS), fmt, title=_("Learned names"), caption=str(path))
    for finding in found:
        typer.echo(_("error: {message}").format(message=f"{finding.message} [{finding.code}]"), err=True)
    raise typer.Exit(1 if found else 0)


@alias_app.command("remove")
def remove_cmd(
    name: Annotated[str, typer.Argument(help=_("The learned name to forget."))],
    store: StoreOption = None,
) -> None:
    """Forget a learned name.

    Example: lsplan alias remove "TMBL"
    """
    from lsplan.aliases import AliasError, alias_path, remove_alias

    path = alias_path(store)
    try:
        entry = remove_alias(path, name)
    except AliasError as exc:
        raise _refused(exc) from None
    typer.echo(
        _("ok: '{name}' no longer names {indicator} ({path})").format(
            name=entry.name, indicator=entry.indicator, path=path
        )
    )
