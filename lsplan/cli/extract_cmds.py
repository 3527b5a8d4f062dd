"""`lsplan extract`: a new plan's targets and tasks proposed, each with its verbatim quote.

Exit codes: 0 the plan was read (its anomalies are in the output, for review); 2 the plan cannot
be read (no such file, a format not supported, a PDF without a text layer) or the plan data
cannot be loaded. python-docx and pypdf are imported only when a .docx or .pdf is read.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from lsplan.cli import labels
from lsplan.cli.app import app
from lsplan.cli.options import DataDirOption
from lsplan.i18n import _
from lsplan.render import Column


class ExtractFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    YAML = "yaml"


# The terminal shows what a reviewer reads first (the name as the plan writes it and the figure);
# the catalogue id when there is room, the quote with --wide (it is in full in JSON and YAML).
TARGET_COLUMNS = [
    Column("section", "Section", no_wrap=True),
    Column("indicator", "Indicator", max_width=48, min_width=20),
    Column("comparison", "Comparison", no_wrap=True, show=labels.label),
    Column("low", "Low", justify="right", show=labels.num, no_wrap=True),
    Column("high", "High", justify="right", show=labels.num, no_wrap=True),
    Column("unit", "Unit", priority=1),
    Column("indicator_id", "Catalogue indicator", max_width=34, priority=2, show=lambda v: v or _("new")),
    Column("quote", "Quote", max_width=70, wide=True),
]
TASK_COLUMNS = [
    Column("number", "Number", no_wrap=True),
    Column("title", "Task", max_width=50, min_width=24, show=lambda v: _shortened(v, 140)),
    Column("lead", "Lead", max_width=40),
    Column("support", "Support", max_width=40, priority=1),
    Column("timeframe", "Time frame", priority=2),
]


def _shortened(text: object, length: int) -> str:
    """A long task title in the terminal: its first words, ending on a whole word (JSON and YAML
    keep it in full)."""
    import textwrap

    return textwrap.shorten(str(text or "—"), width=length, placeholder=" …")


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _write_folder(folder: Path, extraction: object, data: Path | None) -> None:
    """A data folder that `lsplan data validate --data FOLDER --sources FOLDER/sources` checks as
    it is: the current plan data with the proposals appended, and the source texts beside it
    (the current ones and the new plan's normalised text)."""
    from lsplan.catalog_load import default_sources_dir
    from lsplan.extract.draft import merged_data
    from lsplan.render import write_text

    for name, text in merged_data(extraction, data).items():  # type: ignore[arg-type]
        write_text(folder / name, text)
    sources = folder / "sources"
    sources.mkdir(exist_ok=True)
    shipped = default_sources_dir()
    if shipped is not None:
        for path in sorted(Path(shipped).glob("*.txt")):
            write_text(sources / path.name, path.read_text(encoding="utf-8"))
    write_text(sources / extraction.plan.source_file, extraction.document.text + "\n")  # type: ignore[attr-defined]


@app.command("extract")
def extract_cmd(
    plan: Annotated[Path, typer.Argument(help=_("The plan: .txt, .md, .docx or a .pdf with a text layer."))],
    plan_id: Annotated[
        str | None, typer.Option("--plan-id", help=_("Id of the new plan (default: from the file name)."))
    ] = None,
    fmt: Annotated[
        ExtractFormat | None,
        typer.Option(
            "--format",
            "-f",
            help=_("Output format (default: table, or yaml with --output)."),
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=_(
                "Write the draft to FILE (atomically); to a folder: the plan data with the draft "
                "appended, and its sources, ready for `lsplan data validate --data FOLDER`."
            ),
        ),
    ] = None,
    text_out: Annotated[
        Path | None,
        typer.Option(
            "--text", help=_("Also write the normalised plan text (the text the quotes come from).")
        ),
    ] = None,
    data: DataDirOption = None,
) -> None:
    """Propose the targets and tasks of a new plan, each with its verbatim quote, for review.

    Example: lsplan extract ke-hoach-2026.docx --plan-id kh-2026 -o draft.yaml
    """
    from lsplan.catalog import CatalogError, load_catalog
    from lsplan.extract import extract_plan
    from lsplan.extract.draft import draft_yaml, to_record
    from lsplan.extract.model import ExtractError
    from lsplan.findings import make_finding
    from lsplan.render import OutputFormat, emit, to_json, write_text

    try:
        catalog = load_catalog(data)
    except CatalogError as exc:
        for finding in exc.findings:
            _err(f"{_(finding.severity.value)}: {finding.message} [{finding.code}]")
        _err(_("error: the plan data is invalid (run `lsplan data validate`)"))
        raise typer.Exit(2) from None
    try:
        extraction = extract_plan(plan, catalog, plan_id)
    except ExtractError as exc:
        finding = make_finding(exc.code, **exc.params)
        _err(f"{_('error')}: {plan}: {finding.message} [{finding.code}]")
        raise typer.Exit(2) from None
    chosen = fmt or (ExtractFormat.YAML if output is not None else ExtractFormat.TABLE)
    record = to_record(extraction)
    if text_out is not None:
        write_text(text_out, extraction.document.text + "\n")
    if output is not None and output.is_dir():
        _write_folder(output, extraction, data)
    elif chosen is ExtractFormat.YAML:
        text = draft_yaml(extraction, plan.name)
        if output is None:
            typer.echo(text, nl=False)
        else:
            write_text(output, text)
    elif chosen is ExtractFormat.JSON:
        text = to_json(record) + "\n"
        if output is None:
            typer.echo(text, nl=False)
        else:
            write_text(output, text)
    else:
        targets = [
            dict(t, indicator_id=t["indicator_id"] or f"+{t['new_indicator']}") for t in record["targets"]
        ]
        tasks = [dict(t, lead=", ".join(t["lead"]), support=", ".join(t["support"])) for t in record["tasks"]]
        emit(
            record,
            targets,
            labels.columns(TARGET_COLUMNS),
            OutputFormat.TABLE,
            title=_("Proposed targets"),
            extra_tables=[(_("Proposed tasks"), tasks, labels.columns(TASK_COLUMNS))],
        )
    for finding in extraction.anomalies:
        _err(f"{_(finding.severity.value)}: {finding.cell or '-'}: {finding.message} [{finding.code}]")
    _err(
        _(
            "{targets} target(s), {tasks} task(s), {anomalies} anomaly(ies) proposed from {file}: "
            "review each one"
        ).format(
            targets=len(extraction.targets),
            tasks=len(extraction.tasks),
            anomalies=len(extraction.anomalies),
            file=plan.name,
        )
    )
