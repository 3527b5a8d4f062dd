"""`lsplan remind`: reminder letters (công văn đôn đốc) to agencies late with figures or behind plan."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from lsplan.cli import store_common as common
from lsplan.cli.app import app
from lsplan.cli.options import DataDirOption, RequiredQuarterOption, StoreOption, YearOption
from lsplan.cli.store_common import AsOfOption, DemoOption, err
from lsplan.i18n import _
from lsplan.render import Column, OutputFormat

_KINDS = ("late", "lagging", "both")


def _fail(message: str, code: int = 2) -> typer.Exit:
    err(_("error: {message}").format(message=message))
    return typer.Exit(code)


def _day(value: str | None, option: str):
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise _fail(
            _("{option} must be a date YYYY-MM-DD, not {value}").format(option=option, value=repr(value))
        ) from exc


def _output_folder(output: Path) -> Path:
    """The folder for the letters: an existing folder, or a new one in an existing parent."""
    if output.exists() and not output.is_dir():
        raise _fail(
            _("{path} exists and is not a folder: the letters are written into a folder").format(path=output)
        )
    if not output.exists():
        if not output.parent.is_dir():
            raise _fail(_("the folder {path} does not exist").format(path=output.parent))
        try:
            output.mkdir()
        except OSError as exc:
            raise _fail(_("cannot create {path}: {reason}").format(path=output, reason=exc.strerror)) from exc
    return output


def _summary_columns() -> list[Column]:
    return [
        Column("agency_name", _("Agency")),
        Column("kind_label", _("Reminder about")),
        Column("late_count", _("Figures overdue"), "right"),
        Column("lagging_count", _("Targets lagging"), "right"),
        Column("follows", _("Follows letter")),
        Column("file", _("File")),
    ]


def _kind_label(kind: str) -> str:
    return {"late": _("figures overdue"), "lagging": _("targets lagging"), "both": _("overdue and lagging")}[
        kind
    ]


@app.command()
def remind(
    quarter: RequiredQuarterOption,
    year: YearOption = None,
    agency: Annotated[
        str | None,
        typer.Option("--agency", "-a", help=_("Only the letter to this agency."), show_default=False),
    ] = None,
    kind: Annotated[
        str, typer.Option("--kind", help=_("What to remind of: late (figures), lagging (targets) or both."))
    ] = "both",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=_("Folder to write the letters (.docx) and the summary into."),
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help=_("table or json: the summary; md: the letters themselves.")),
    ] = OutputFormat.TABLE,
    deadline: Annotated[
        str | None, typer.Option("--deadline", help=_("New date to send by, YYYY-MM-DD."), show_default=False)
    ] = None,
    contact: Annotated[
        str | None,
        typer.Option("--contact", help=_("Contact line: drafter, unit, phone."), show_default=False),
    ] = None,
    signer: Annotated[
        str,
        typer.Option(
            "--signer", help=_("so: the Sở signs (KT. GIÁM ĐỐC); ubnd: a draft for UBND tỉnh to sign.")
        ),
    ] = "so",
    settings_file: Annotated[
        Path | None,
        typer.Option(
            "--settings",
            help=_("Issuer and signer settings (default: remind.yaml beside the store)."),
            show_default=False,
        ),
    ] = None,
    record: Annotated[
        str | None,
        typer.Option(
            "--record",
            help=_("Record the number and date the clerk gave to the letter to AGENCY."),
            show_default=False,
        ),
    ] = None,
    number: Annotated[
        str | None,
        typer.Option(
            "--number", help=_("With --record: the letter's number, e.g. 125/STC-TH."), show_default=False
        ),
    ] = None,
    sent_on: Annotated[
        str | None,
        typer.Option("--date", help=_("With --record: the letter's date, YYYY-MM-DD."), show_default=False),
    ] = None,
    as_of: AsOfOption = None,
    store: StoreOption = None,
    demo: DemoOption = False,
    data: DataDirOption = None,
) -> None:
    """Reminder letters (công văn đôn đốc) to agencies late with figures or behind plan.

    One .docx per agency in the layout of Nghị định 30/2020/NĐ-CP, from the same results as
    `lsplan gaps`, with the number and day left blank for the clerk; plus a summary.

    Example: [bold]lsplan remind --quarter Q1 --year 2025 -o cong-van/[/bold]
    """
    from dataclasses import replace

    from lsplan.gaps import AgencyLookupError
    from lsplan.remind import LetterKind, SettingsError, draft_letters, load_settings
    from lsplan.remind.settings import SETTINGS_FILE
    from lsplan.store import resolve_store_path

    if kind not in _KINDS:
        raise _fail(_("--kind must be one of {kinds}").format(kinds=", ".join(_KINDS)))
    if fmt not in (OutputFormat.TABLE, OutputFormat.JSON, OutputFormat.MD):
        raise _fail(_("--format must be table, json or md"))
    q = common.quarter_option(quarter) or "Q4"
    today = common.as_of_option(as_of)
    due = _day(deadline, "--deadline")
    catalog = common.catalog_or_exit(data)
    common.check_year(catalog, year)
    store_path = resolve_store_path(store)
    try:
        settings = load_settings(settings_file or store_path.parent / SETTINGS_FILE, signer=signer)
    except SettingsError as exc:
        raise _fail(str(exc)) from exc
    if contact:
        settings = replace(settings, contact=contact.strip())
    if record is not None:
        _record(catalog, store, record, number, _day(sent_on, "--date"), year, q, today, settings)
        return
    with common.open_store(store, catalog=catalog, demo=demo) as opened:
        try:
            run = draft_letters(
                catalog,
                opened,
                year=year,
                quarter=q,
                today=today,
                kind=LetterKind(kind),
                agency=agency,
                settings=settings,
                deadline=due,
            )
        except AgencyLookupError as exc:
            raise _fail(str(exc), 1) from exc
    if output is not None:
        _write(run, _output_folder(output))
    if fmt is OutputFormat.MD:
        from lsplan.remind.markdown import render_letter_md

        typer.echo("\n".join(render_letter_md(text) for _letter, text in run.letters), nl=False)
    else:
        from lsplan.render import emit

        rows = [
            r | {"kind_label": _kind_label(r["kind"]), "follows": r["follows"] or ""}
            for r in run.summary_rows()
        ]
        title = _("Reminder letters — {period}").format(
            period=common.period_vi(run.plan.quarter, run.plan.year)
        )
        emit(run.to_dict(), rows, _summary_columns(), fmt, title=title)
    for skipped in run.skipped:
        err(
            _("note: no letter to {agency}: it is the issuer; its own figures: {targets}").format(
                agency=skipped["agency_name"], targets="; ".join(skipped["indicator_names"])
            )
        )
    if not run.letters:
        err(_("No agency to remind for this quarter."))


def _write(run, folder: Path) -> None:
    from lsplan.outputs import atomic_write
    from lsplan.remind.docx_writer import created_at, write_docx, write_summary_docx
    from lsplan.remind.letters import period_words

    created = created_at(run.plan.as_of)
    for _letter, text in run.letters:
        path = folder / f"{text.file_stem}.docx"
        atomic_write(path, lambda handle, text=text: write_docx(text, handle, created=created), binary=True)
    period = period_words(run.plan.quarter, run.plan.year)
    labels = {
        "late": "Chậm gửi số liệu",
        "lagging": "Chỉ tiêu chậm tiến độ",
        "both": "Chậm gửi số liệu; chỉ tiêu chậm tiến độ",
    }
    rows = [["STT", "Cơ quan", "Nội dung đôn đốc", "Số liệu quá hạn", "Chỉ tiêu chậm", "Tiếp theo"]]
    for i, row in enumerate(run.summary_rows(), 1):
        rows.append(
            [
                str(i),
                row["agency_name"],
                labels[row["kind"]],
                str(row["late_count"]),
                str(row["lagging_count"]),
                row["follows"] or "",
            ]
        )
    notes = [
        f"Số liệu tính đến ngày {run.plan.as_of.strftime('%d/%m/%Y')}; mỗi cơ quan một công văn "
        f"(tệp cong-van-<cơ quan>-{run.plan.year}-{run.plan.quarter}.docx)."
    ]
    for skipped in run.skipped:
        notes.append(
            f"Không gửi công văn cho {skipped['agency_name']} (cơ quan ban hành), cơ quan tự theo dõi "
            f"các chỉ tiêu: {'; '.join(skipped['indicator_names'])}."
        )
    if run.plan.not_yet_due:
        names = sorted({m["indicator_name"] for m in run.plan.not_yet_due})
        notes.append("Chưa đến hạn gửi, chưa đôn đốc: " + "; ".join(names) + ".")
    title = f"DANH SÁCH CƠ QUAN ĐƯỢC ĐÔN ĐỐC {period.upper()}"
    path = folder / f"tong-hop-don-doc-{run.plan.year}-{run.plan.quarter}.docx"
    atomic_write(
        path, lambda handle: write_summary_docx(title, rows, notes, handle, created=created), binary=True
    )
    err(_("Letters written: {count} in {path}").format(count=len(run.letters), path=folder))


def _record(catalog, store_option, name, number, sent_on, year, quarter, today, settings) -> None:
    from lsplan.gaps import AgencyLookupError
    from lsplan.remind import draft_letters
    from lsplan.store import Store, StoreError, resolve_store_path

    if not number or sent_on is None:
        raise _fail(_("--record needs --number (as the clerk wrote it) and --date"))
    path = resolve_store_path(store_option)
    if not path.exists():
        raise _fail(_("no store at {path}: letters are recorded in your own store").format(path=path))
    try:
        with Store(path) as opened:
            try:
                run = draft_letters(
                    catalog, opened, year=year, quarter=quarter, today=today, agency=name, settings=settings
                )
            except AgencyLookupError as exc:
                raise _fail(str(exc), 1) from exc
            if not run.letters:
                raise _fail(
                    _("no letter to {agency} for this quarter: nothing to record").format(agency=name), 1
                )
            letter, text = run.letters[0]
            opened.record_letter(
                agency=letter.agency_id,
                year=letter.year,
                period=letter.quarter,
                number=number,
                sent_on=sent_on.isoformat(),
                subject=text.subject.removeprefix("V/v "),
                targets=letter.items,
            )
    except StoreError as exc:
        raise _fail(str(exc)) from exc
    err(
        _("Recorded letter {number} of {date} to {agency}.").format(
            number=number, date=sent_on.strftime("%d/%m/%Y"), agency=letter.agency_name
        )
    )
