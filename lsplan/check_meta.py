"""Who reports, for which year and period: read from the file, or given on the command line.

The agency comes, strongest first, from the form's hidden metadata; the title block ("UBND TỈNH
LẠNG SƠN / SỞ CÔNG THƯƠNG", "Đơn vị báo cáo: ..."), where a form or document code ("Biểu số
02/SVHTTDL", "Số: 45/BC-SCT") and an attachment line ("Kèm theo Báo cáo số .../BC-SXD ngày ...
của Sở Xây dựng") count too; then the text of other sheets (a cover sheet: `other_lines`); last
the file name ("so-cong-thuong-q2-2025.xlsx", "BC_SCT_6thang.xlsx"). A title line ("SỐ LIỆU ...",
"BÁO CÁO ...", "BIỂU TỔNG HỢP ...") is never taken for an agency, though "số" also starts "Sở".

The year and period come from the value column's header, the title lines ("Quý II/2025", "6
tháng đầu năm", "9 tháng", "Năm 2025 (ước)", "ƯTH cả năm"), then the cover sheet, then the file
name. A period of an earlier year ("Cả năm 2024", "Thực hiện 2024": the comparison column) and
lines about the comparison ("so với cùng kỳ") do not count against the reporting period.

An option given on the command line wins, but a file that clearly says something else is
reported (period-ambiguous / agency-ambiguous): a form for Q3 filed as Q2 would mislead the review.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lsplan.findings import make_finding
from lsplan.i18n import _
from lsplan.layouts import Table
from lsplan.model import Agency, AgencyResolution, Finding
from lsplan.periods import QUARTERS, parse_period, parse_year
from lsplan.text import fold, lazy_pattern

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
# A cover sheet's letterhead and title are at its top: more lines than this are not read.
MAX_OTHER_LINES = 200
_DOCUMENT_NUMBER = re.compile(r"^so \d")  # "Số: 123/BC-SCT"
_LABELS = ("co quan bao cao", "don vi bao cao", "co quan", "don vi")
_SKIP = ("ubnd tinh", "uy ban nhan dan tinh", "cong hoa", "doc lap", "tinh lang son")
# Title lines: "SỐ LIỆU ..." folds to "so lieu ...", which starts like "Sở ...".
_TITLE_WORDS = (
    "so lieu",
    "so sanh",
    "so thu tu",
    "bao cao",
    "bieu",
    "tong hop",
    "ket qua",
    "tinh hinh",
    "phu luc",
    "danh muc",
    "chi tieu",
    "uoc thuc hien",
    "thuc hien",
    "kem theo",
    "ke hoach",
    "don vi tinh",
    "dvt",
)
# "Biểu số 02/SVHTTDL", "Số: 45/BC-SCT", "Báo cáo số 123/BC-SXD": the sender's code after the slash.
_CODE = re.compile(r"\d+[a-zA-Z]?\s*/\s*((?:[A-ZĐ][A-Za-zĐđ&]*-)*[A-ZĐ][A-Za-zĐđ&]+)")
_DOCUMENT_KINDS = frozenset(
    {"BC", "KH", "QĐ", "QD", "CV", "TTR", "NQ", "CTR", "TB", "BB", "TTG", "CP", "TU", "UBND"}
)


# Compiled on first use (these four): an attachment line in a title ("Kèm theo Báo cáo số ... của
# ...") is rare, and the file name's words are read only when the sheets named no agency or no
# period; compiling them at import cost every start.


# "... của Sở Xây dựng" at the end of an attachment line.
_of_sender = lazy_pattern(r"\bcủa\s+(.+?)[\s.)]*$", re.IGNORECASE)


_file_words = lazy_pattern(r"[-_.\s]+")


_q_number = lazy_pattern(r"\bq ([1-4])\b")


_digit_letter = lazy_pattern(r"(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d)")


# A whole-year estimate named in a title: "Năm 2025 (ước)", "ước thực hiện năm 2025", "ƯTH cả năm".
_YEAR_ESTIMATE = re.compile(
    r"\b(?:uoc(?: thuc hien| th)?|uth) (?:ca )?nam\b|\bnam \d{4} uoc\b|\buth\b.*\bnam\b"
)
_COMPARISON = re.compile(r"\b(?:cung ky|so voi|so sanh)\b")


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


def _code_agency(code: str, catalog: Catalog) -> Agency | None:
    """ "BC-SXD" -> Sở Xây dựng; document kinds ("BC", "UBND") name no sender."""
    parts = [p for p in code.split("-") if p and p.upper() not in _DOCUMENT_KINDS]
    if not parts:
        return None
    resolution = catalog.resolve_agency(parts[-1])
    return resolution.agency if resolution.how in ("exact", "alias", "folded", "former") else None


def _line_agencies(lines: Iterable[str], catalog: Catalog) -> tuple[list[_Named], list[str]]:
    """Agencies named by lines of text as (agency, line, resolution), and agency-like lines unknown:
    labelled lines, lines that start like an agency's name, form and document codes, and the
    "của <agency>" of an attachment line."""
    found: list[_Named] = []
    unknown: list[str] = []
    for line in lines:
        text, labelled = _strip_label(line)
        folded = fold(text)
        if len(folded) > 200:
            continue
        for match in _CODE.finditer(text):
            agency = _code_agency(match.group(1), catalog)
            if agency is not None:
                found.append((agency, text, None))
        if folded.startswith(("kem theo", "dinh kem")) or "bao cao so" in folded:
            sender = _of_sender().search(text)
            if sender:
                resolution = catalog.resolve_agency(sender.group(1))
                if resolution.agency is not None and resolution.how not in ("fuzzy", "unknown", "ambiguous"):
                    found.append((resolution.agency, text, resolution))
            continue
        if len(folded) > 100 or folded.startswith(_SKIP) or _DOCUMENT_NUMBER.match(folded):
            continue
        if not labelled and (not folded.startswith(_AGENCY_PREFIXES) or folded.startswith(_TITLE_WORDS)):
            continue
        resolution = catalog.resolve_agency(text)
        if resolution.agency is not None and resolution.how != "fuzzy":
            found.append((resolution.agency, text, resolution))
        else:
            unknown.append(text)
    return found, unknown


def _title_agencies(table: Table, catalog: Catalog) -> tuple[list[_Named], list[str]]:
    """Agencies named in the title block as (agency, line, resolution), and agency-like lines unknown."""
    return _line_agencies((line for _row, line in table.title_lines), catalog)


def file_name_words(file_name: str) -> str:
    """ "BC_SCT_6thang.xlsx" -> "bc sct 6 thang": the stem folded, separators and digit/letter
    boundaries as spaces, so that period and agency words can be found in it."""
    stem = file_name.replace("\\", "/").rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    words = _digit_letter().sub(" ", fold(_file_words().sub(" ", stem)))
    return _q_number().sub(r"quy \1", words)  # "q2" -> "quy 2"


def _file_name_agency(file_name: str, catalog: Catalog) -> Agency | None:
    """The one agency a file name names by a code or alias word ("sct") or a whole name
    ("so-cong-thuong", "thong-ke"); None when none or several do."""
    words = file_name_words(file_name)
    padded = f" {words} "
    hits: set[str] = set()
    for agency in catalog.agencies.values():
        if not agency.active:
            continue
        names = [agency.name, *agency.aliases]
        codes = [agency.code, *(a for a in agency.aliases if " " not in a.strip())]
        for code in codes:
            key = fold(code or "").replace(" ", "")
            if len(key) >= 3 and f" {key} " in padded:
                hits.add(agency.id)
        for name in names:
            key = fold(name)
            for prefix in ("so ", "cuc "):
                key = key.removeprefix(prefix) if len(key.split()) > 2 else key
            key = key.removesuffix(" tinh lang son").removesuffix(" lang son").removesuffix(" tinh")
            if len(key) >= 6 and f" {key} " in padded:
                hits.add(agency.id)
    return catalog.agencies[next(iter(hits))] if len(hits) == 1 else None


def _hint(resolution: AgencyResolution | None) -> str:
    candidates = getattr(resolution, "candidates", ()) or ()
    names = [a.name for a in candidates][:3]
    return _(" (did you mean: {names}?)").format(names=", ".join(names)) if names else ""


def _resolve_agency(
    tables: list[Table],
    catalog: Catalog,
    option: str | None,
    meta: Metadata,
    other_lines: Sequence[str] = (),
    file_name: str | None = None,
) -> None:
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
        if not found and other_lines:  # a cover sheet, or a sheet of text before the table
            found, more_unknown = _line_agencies(other_lines, catalog)
            unknown += more_unknown
        if not found and file_name:
            named = _file_name_agency(file_name, catalog)
            found = [(named, file_name, None)] if named is not None else []
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


def _line_periods(lines: Iterable[str]) -> list[tuple[str | None, int | None]]:
    """(quarter, year) each line names; lines about the comparison ("so với cùng kỳ") skipped."""
    out: list[tuple[str | None, int | None]] = []
    for line in lines:
        folded = fold(line)
        if _COMPARISON.search(folded) or folded.startswith("ke hoach"):
            continue
        ref = parse_period(line)
        quarter = ref.quarter if ref else None
        if quarter is None and _YEAR_ESTIMATE.search(folded):
            quarter = "Q4"  # "Năm 2025 (ước)": the whole year's estimate
        if quarter is not None or (ref and ref.year):
            out.append((quarter, ref.year if ref else parse_year(line)))
    return out


def _file_period(
    tables: list[Table], other_lines: Sequence[str] = (), file_name: str | None = None
) -> tuple[set[str], set[int]]:
    """Quarters and years the file itself states: form metadata, value-column headers, title;
    else the other sheets' text, else the file name. A period of an earlier year than the
    reporting year (the comparison column's "Cả năm 2024") is not the reporting period."""
    quarters: set[str] = set()
    years: set[int] = set()
    titled: list[tuple[str | None, int | None]] = []
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
        titled += _line_periods(line for _row, line in table.title_lines)
    if not quarters and not years and not titled:
        titled = _line_periods(other_lines)
    if not quarters and not years and not titled and file_name:
        titled = _line_periods([file_name_words(file_name)])
    if not years:
        title_years = [y for _q, y in titled if y]
        if title_years:
            years.add(max(title_years))
    reporting = max(years) if years else None
    for quarter, year in titled:
        if quarter and not (reporting and year and year < reporting):
            quarters.add(quarter)
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
    tables: list[Table],
    catalog: Catalog,
    agency: str | None,
    year: int | None,
    quarter: str | None,
    *,
    file_name: str | None = None,
    other_lines: Sequence[str] = (),
) -> Metadata:
    """Agency, year and quarter of one file (module docstring). `file_name` is the submitted
    file's name (only its last part is read); `other_lines` the text of the workbook's other
    sheets (a cover sheet), in reading order, of which the first MAX_OTHER_LINES are read: both
    are used only when the tables say nothing."""
    meta = Metadata()
    other_lines = list(other_lines[:MAX_OTHER_LINES])
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
    _resolve_agency(tables, catalog, agency, meta, other_lines, file_name)
    quarters, years = _file_period(tables, other_lines, file_name)
    sheet = tables[0].sheet
    meta.quarter = _settle(quarter, quarters, sheet, _("period (quarter)"), "--quarter", meta.findings)
    meta.year = _settle(year, years, sheet, _("year"), "--year", meta.findings)
    return meta
