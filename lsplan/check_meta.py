"""Who reports, for which year and period: read from the file, or given on the command line.

The agency comes from the title block ("UBND TỈNH LẠNG SƠN / SỞ CÔNG THƯƠNG", or the form's
hidden metadata), the year and period from the value column's header or the title. An option
given on the command line wins, but a file that clearly says something else is reported
(period-ambiguous / agency-ambiguous): a form for Q3 filed as Q2 would mislead the review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lsplan.findings import make_finding
from lsplan.i18n import _
from lsplan.layouts import Table
from lsplan.model import Agency, AgencyResolution, Finding
from lsplan.periods import QUARTERS, parse_period, parse_year
from lsplan.text import fold

if TYPE_CHECKING:
    from lsplan.catalog import Catalog

# Lines of a title block that name a sender (after folding). "UBND tỉnh" heads every
# department's letterhead, so it is not one of them.
_AGENCY_PREFIXES = (
    "so ",
    "ban ",
    "cuc ",
    "chi cuc",
    "cong an",
    "bo chi huy",
    "ngan hang",
    "thanh tra",
    "ubnd huyen",
    "ubnd thanh pho",
    "uy ban nhan dan huyen",
    "uy ban nhan dan thanh pho",
    "van phong",
    "thong ke",
    "kho bac",
    "bao hiem",
    "tinh doan",
    "uy ban mat tran",
    "ubnd xa",
    "uy ban nhan dan xa",
)
_DOCUMENT_NUMBER = re.compile(r"^so \d")  # "Số: 123/BC-SCT"
_LABELS = ("co quan bao cao", "don vi bao cao", "co quan", "don vi")
_SKIP = ("ubnd tinh", "uy ban nhan dan tinh", "cong hoa", "doc lap", "tinh lang son")


_Named = tuple[Agency, str, AgencyResolution | None]  # an agency, the line naming it, how it resolved


@dataclass
class Metadata:
    agency: Agency | None = None
    year: int | None = None
    quarter: str | None = None
    findings: list[Finding] = field(default_factory=list)


def _strip_label(line: str) -> tuple[str, bool]:
    """ "Cơ quan báo cáo: Sở Công Thương" -> ("Sở Công Thương", True)."""
    if ":" in line:
        label, rest = line.split(":", 1)
        if fold(label) in _LABELS and rest.strip():
            return rest.strip(), True
    return line, False


def _title_agencies(table: Table, catalog: Catalog) -> tuple[list[_Named], list[str]]:
    """Agencies named in the title block as (agency, line, resolution), and agency-like lines unknown."""
    found: list[_Named] = []
    unknown: list[str] = []
    for _row, line in table.title_lines:
        text, labelled = _strip_label(line)
        folded = fold(text)
        if len(folded) > 100 or folded.startswith(_SKIP) or _DOCUMENT_NUMBER.match(folded):
            continue
        if not labelled and not folded.startswith(_AGENCY_PREFIXES):
            continue
        resolution = catalog.resolve_agency(text)
        if resolution.agency is not None and resolution.how != "fuzzy":
            found.append((resolution.agency, text, resolution))
        else:
            unknown.append(text)
    return found, unknown


def _hint(resolution: AgencyResolution | None) -> str:
    candidates = getattr(resolution, "candidates", ()) or ()
    names = [a.name for a in candidates][:3]
    return _(" (did you mean: {names}?)").format(names=", ".join(names)) if names else ""


def _resolve_agency(tables: list[Table], catalog: Catalog, option: str | None, meta: Metadata) -> None:
    table = tables[0]
    if table.layout == "form" and table.form.get("agency"):
        agency = catalog.agencies.get(table.form["agency"])
        if agency is None:
            meta.findings.append(
                make_finding("agency-unknown", sheet=table.sheet, name=table.form["agency"], hint="")
            )
        found: list[_Named] = [(agency, agency.name, None)] if agency else []
        unknown: list[str] = []
    else:
        found, unknown = [], []
        for each in tables:
            more, more_unknown = _title_agencies(each, catalog)
            found += more
            unknown += more_unknown
    distinct = {agency.id: (agency, line, res) for agency, line, res in found}
    if option is not None:
        resolution = catalog.resolve_agency(option)
        if resolution.agency is None or resolution.how == "fuzzy":
            meta.findings.append(make_finding("agency-unknown", name=option, hint=_hint(resolution)))
            return
        meta.agency = resolution.agency
        _note_former(resolution, meta)
        others = [a.name for a in (v[0] for v in distinct.values()) if a.id != resolution.agency.id]
        if others:
            meta.findings.append(
                make_finding(
                    "agency-ambiguous",
                    sheet=table.sheet,
                    names=_("--agency {given}, but the file names {names}").format(
                        given=resolution.agency.name, names=", ".join(others)
                    ),
                )
            )
        return
    if len(distinct) > 1:
        meta.findings.append(
            make_finding(
                "agency-ambiguous", sheet=table.sheet, names=", ".join(v[0].name for v in distinct.values())
            )
        )
    elif len(distinct) == 1:
        agency, _shown, how = next(iter(distinct.values()))
        meta.agency = agency
        _note_former(how, meta)
    elif unknown:
        first = catalog.resolve_agency(unknown[0])
        meta.findings.append(
            make_finding("agency-unknown", sheet=table.sheet, name=unknown[0], hint=_hint(first))
        )
    elif table.layout != "form" or table.form.get("agency") is None:
        meta.findings.append(make_finding("agency-missing", sheet=table.sheet))


def _note_former(resolution: AgencyResolution | None, meta: Metadata) -> None:
    if resolution is not None and getattr(resolution, "how", "") == "former":
        note = getattr(resolution, "note", "") or "former name"
        meta.findings.append(make_finding("agency-former-name", note=note))


def _is_year(text: str) -> bool:
    """Four ASCII digits: "2025", not "²" or 5,000 digits (int() raises on both)."""
    return len(text) == 4 and text.isascii() and text.isdigit()


def _file_period(tables: list[Table]) -> tuple[set[str], set[int]]:
    """Quarters and years the file itself states: form metadata, value-column headers, title."""
    quarters: set[str] = set()
    years: set[int] = set()
    for table in tables:
        if table.layout == "form":
            if table.form.get("quarter") in QUARTERS:
                quarters.add(table.form["quarter"])
            if _is_year(table.form.get("year", "")):
                years.add(int(table.form["year"]))
            continue
        column = table.actual.period if table.actual else None
        if column and column.quarter:
            quarters.add(column.quarter)
        if column and column.year:
            years.add(column.year)
        if table.plan_header and parse_year(table.plan_header):
            years.add(parse_year(table.plan_header))  # type: ignore[arg-type]
        # The title counts too: "BÁO CÁO 9 THÁNG" over a "6 tháng" column is a contradiction.
        for _row, line in table.title_lines:
            ref = parse_period(line)
            if ref and ref.quarter:
                quarters.add(ref.quarter)
        if not years:
            title_years = [y for _, line in table.title_lines if (y := parse_year(line))]
            if title_years:
                years.add(max(title_years))
    return quarters, years


def _in_words(value: Any) -> str:
    """Q3 -> "9 tháng" ("Nine months"); a year stays a year."""
    from lsplan.i18n import period_label

    return period_label(value) if value in QUARTERS else str(value)


def _settle(
    given: Any, found: set[Any], sheet: str | None, what: str, option: str, findings: list[Finding]
) -> Any:
    """The option wins (with a warning when the file says otherwise), else the one value the file
    states; several values or none are findings."""
    shown = ", ".join(_in_words(value) for value in sorted(found))
    if given is not None:
        if found - {given}:
            given_shown = given if given not in QUARTERS else f"{given} ({_in_words(given)})"
            detail = _("{option} {given} but the file says {found}").format(
                option=option, given=given_shown, found=shown
            )
            findings.append(make_finding("period-ambiguous", sheet=sheet, detail=detail))
        return given
    if len(found) == 1:
        return next(iter(found))
    if found:
        findings.append(make_finding("period-ambiguous", sheet=sheet, detail=shown))
    else:
        findings.append(make_finding("period-missing", sheet=sheet, what=what, option=option))
    return None


def resolve_metadata(
    tables: list[Table], catalog: Catalog, agency: str | None, year: int | None, quarter: str | None
) -> Metadata:
    meta = Metadata()
    form = tables[0].form if tables[0].layout == "form" else None
    if form is not None:
        damaged = [
            key
            for key, ok in (
                ("agency", bool(form.get("agency"))),
                ("year", _is_year(form.get("year", ""))),
                ("quarter", form.get("quarter") in QUARTERS),
            )
            if not ok
        ]
        if damaged:
            meta.findings.append(
                make_finding(
                    "form-damaged",
                    sheet=tables[0].sheet,
                    detail=_("{fields} missing or invalid").format(fields=", ".join(damaged)),
                )
            )
    _resolve_agency(tables, catalog, agency, meta)
    quarters, years = _file_period(tables)
    sheet = tables[0].sheet
    meta.quarter = _settle(quarter, quarters, sheet, _("period (quarter)"), "--quarter", meta.findings)
    meta.year = _settle(year, years, sheet, _("year"), "--year", meta.findings)
    return meta
