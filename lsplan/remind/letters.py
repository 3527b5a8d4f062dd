"""Who gets a reminder letter, and what it says: `gaps` results -> one `Letter` per agency.

Pure: takes the same `GapsResult` that `lsplan gaps` prints, so a letter never says anything the
gaps table does not. An agency is written to when it is the one to chase for a figure that is
*overdue* (the deadline has passed: administrative figures on the 14th of the quarter's last
month, statistics figures on the 5th of the next month), or when it leads a target that is
lagging (off track or at risk, not merely indicative). Rendering (docx, markdown) is elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from lsplan.periods import ROMAN_OF

# Agencies the province's bodies can instruct ("yêu cầu") when UBND tỉnh signs: its own
# departments, boards, inspectorate and communes. Everyone else (central agencies' provincial
# offices, mass organisations, armed forces, banks, enterprises) is asked ("đề nghị").
INSTRUCTABLE_KINDS = frozenset({"so", "ban", "thanh_tra", "ubnd_huyen", "ubnd_xa"})


class LetterKind(StrEnum):
    LATE = "late"  # figures not sent by their deadline
    LAGGING = "lagging"  # targets behind plan
    BOTH = "both"


@dataclass(frozen=True, slots=True)
class LateItem:
    """A figure the agency owes: what, under which plan, due when."""

    target: str
    indicator_name: str
    plan: str
    statement: str
    deadline: date
    reporting: str  # "admin" | "statistics"

    @property
    def overdue_since(self) -> date:
        return self.deadline + timedelta(days=1)


@dataclass(frozen=True, slots=True)
class LaggingItem:
    """A target behind plan: the figure, % of what was expected by now, and the pace still needed."""

    target: str
    indicator_name: str
    plan: str
    statement: str
    status: str
    actual: float | None
    unit: str
    expected: float | None
    expected_high: float | None
    attainment: float | None
    needed: (
        float | None
    )  # what the rest of the period needs (per quarter for flows, yearly rate for averages)
    needed_basis: str  # "per_quarter" | "yearly_rate" | ""
    source_file: str = ""
    source_cell: str = ""
    source_agency: str = ""  # who sent the figure (the statistics office sends growth rates)


@dataclass(frozen=True, slots=True)
class PriorLetter:
    """A letter already sent (numbered by the clerk and recorded), which a new one recalls."""

    number: str  # as the clerk wrote it: "125/STC-TH"
    date: date
    subject: str = ""


@dataclass(frozen=True, slots=True)
class Letter:
    agency_id: str
    agency_name: str
    agency_kind: str
    year: int
    quarter: str
    as_of: date
    late: tuple[LateItem, ...] = ()
    lagging: tuple[LaggingItem, ...] = ()
    plans: tuple[str, ...] = ()  # plan ids cited, in order of first use
    prior: PriorLetter | None = None

    @property
    def kind(self) -> LetterKind:
        if self.late and self.lagging:
            return LetterKind.BOTH
        return LetterKind.LATE if self.late else LetterKind.LAGGING

    @property
    def period_words(self) -> str:
        """The cumulative period as reports name it: "quý I năm 2025", "6 tháng đầu năm 2025"."""
        return period_words(self.quarter, self.year)

    @property
    def subject(self) -> str:
        """The trích yếu after "V/v"."""
        period = self.period_words
        if self.kind is LetterKind.LATE:
            return f"đôn đốc gửi số liệu thực hiện các chỉ tiêu {period}"
        if self.kind is LetterKind.LAGGING:
            return f"đôn đốc đẩy nhanh tiến độ thực hiện các chỉ tiêu {period}"
        return f"đôn đốc gửi số liệu và đẩy nhanh tiến độ thực hiện các chỉ tiêu {period}"

    @property
    def items(self) -> tuple[str, ...]:
        """The targets the letter is about: with its period, what identifies it in the history."""
        return tuple(sorted({i.target for i in self.late} | {i.target for i in self.lagging}))


def period_words(quarter: str, year: int) -> str:
    if quarter == "Q2":
        return f"6 tháng đầu năm {year}"
    if quarter == "Q3":
        return f"9 tháng năm {year}"
    if quarter == "Q4":
        return f"năm {year}"
    return f"quý {ROMAN_OF[int(quarter[1])]} năm {year}"


@dataclass(slots=True)
class LetterPlan:
    """Every letter of one run, and the agencies that owe nothing (for the summary)."""

    year: int
    quarter: str
    as_of: date
    letters: list[Letter] = field(default_factory=list)
    not_yet_due: list[dict] = field(default_factory=list)  # missing figures whose deadline is ahead


def plan_letters(
    result: Any,
    catalog: Any,
    *,
    kind: LetterKind = LetterKind.BOTH,
    agency: str | None = None,
    prior_letter: Callable[[str, tuple[str, ...]], PriorLetter | None] | None = None,
) -> LetterPlan:
    """One letter per agency that owes overdue figures or leads a lagging target.

    `result` is a `lsplan.gaps.GapsResult` (computed with `include_all=False` or True: only its
    lagging, non-indicative rows and its overdue missing figures are used). `agency` keeps one
    agency's letter. `prior_letter(agency id, targets)` gives the letter last recorded for them.
    """
    as_of = date.fromisoformat(result.as_of)
    late: dict[str, list[LateItem]] = {}
    lagging: dict[str, list[LaggingItem]] = {}
    not_yet_due: list[dict] = []
    if kind in (LetterKind.LATE, LetterKind.BOTH):
        for missing in result.missing:
            if not missing["overdue"]:
                not_yet_due.append(missing)
                continue
            for agency_id in _chase_ids(catalog, missing):
                late.setdefault(agency_id, []).append(_late_item(catalog, missing))
    if kind in (LetterKind.LAGGING, LetterKind.BOTH):
        for row in result.rows:
            if row.get("status") not in ("off_track", "at_risk") or row.get("indicative"):
                continue
            for agency_id in row.get("lead_ids") or ():
                lagging.setdefault(_current(catalog, agency_id), []).append(
                    _lagging_item(catalog, row, result.quarter)
                )
    wanted = _resolve(catalog, agency) if agency else None
    letters = []
    for agency_id in sorted(set(late) | set(lagging), key=lambda a: catalog.name_of(a)):
        if wanted is not None and agency_id != wanted:
            continue
        record = catalog.agencies.get(agency_id)
        owed, behind = tuple(late.get(agency_id, ())), tuple(lagging.get(agency_id, ()))
        plans = tuple(dict.fromkeys(i.plan for i in (*owed, *behind)))
        letter = Letter(
            agency_id=agency_id,
            agency_name=catalog.name_of(agency_id),
            agency_kind=getattr(record, "kind", "khac"),
            year=result.year,
            quarter=result.quarter,
            as_of=as_of,
            late=owed,
            lagging=behind,
            plans=plans,
        )
        prior = prior_letter(agency_id, letter.items) if prior_letter is not None else None
        if prior is not None:
            letter = replace(letter, prior=prior)
        letters.append(letter)
    return LetterPlan(result.year, result.quarter, as_of, letters, not_yet_due)


def _resolve(catalog: Any, name: str) -> str:
    resolution = catalog.resolve_agency(name)
    if resolution.agency is None:
        from lsplan.gaps import AgencyLookupError

        raise AgencyLookupError(resolution)
    return _current(catalog, resolution.agency.id)


def _current(catalog: Any, agency_id: str) -> str:
    """A former agency's letter goes to whoever holds its duties now (one successor)."""
    successors = catalog.successors(agency_id) if hasattr(catalog, "successors") else [agency_id]
    active = [a for a in successors if getattr(catalog.agencies.get(a), "active", True)]
    return active[0] if len(active) == 1 else agency_id


def _chase_ids(catalog: Any, missing: dict) -> list[str]:
    """The agencies to ask for a missing figure, as ids (gaps gives the chase list by name)."""
    by_name = {a.name: a.id for a in catalog.agencies.values()}
    ids = [by_name[name] for name in missing.get("chase") or () if name in by_name]
    return [_current(catalog, a) for a in (ids or missing.get("lead_ids") or ())]


def _statement(catalog: Any, target_id: str) -> str:
    return getattr(catalog.targets.get(target_id), "statement", "") or ""


def _late_item(catalog: Any, missing: dict) -> LateItem:
    return LateItem(
        target=missing["target"],
        indicator_name=missing["indicator_name"],
        plan=missing["plan"],
        statement=_statement(catalog, missing["target"]),
        deadline=date.fromisoformat(missing["deadline"]),
        reporting=missing.get("reporting") or "admin",
    )


def _lagging_item(catalog: Any, row: dict, quarter: str) -> LaggingItem:
    needed, basis = _needed(catalog, row, quarter)
    source = row.get("source") or {}
    return LaggingItem(
        target=row["target"],
        indicator_name=row["indicator_name"],
        plan=row["plan"],
        statement=row.get("statement") or _statement(catalog, row["target"]),
        status=row["status"],
        actual=row.get("actual"),
        unit=row.get("unit") or "",
        expected=row.get("expected"),
        expected_high=row.get("expected_high"),
        attainment=row.get("attainment"),
        needed=needed,
        needed_basis=basis,
        source_file=source.get("file") or "",
        source_cell=source.get("cell") or "",
        source_agency=source.get("agency") or "",
    )


def _needed(catalog: Any, row: dict, quarter: str) -> tuple[float | None, str]:
    """The pace the rest of the period needs.

    Multi-year averages: the engine's `needed_rate` (the yearly rate still needed). Flows with a
    yearly total (disbursement, revenue, tourists): what is left of the year's target shared over
    the quarters left. Anything else: None (the letter then restates the target).
    """
    if row.get("needed_rate") is not None:
        return float(row["needed_rate"]), "yearly_rate"
    indicator = catalog.indicators.get(row["indicator"])
    target = catalog.targets.get(row["target"])
    quarters_left = 4 - int(quarter[1])
    if (
        indicator is None
        or target is None
        or str(getattr(indicator, "measure", "")) != "flow"
        or quarters_left <= 0
        or row.get("actual") is None
        or target.low is None
        or target.year_start != target.year_end
        or (target.unit or indicator.unit) != (row.get("unit") or indicator.unit)
    ):
        return None, ""
    left = target.low - float(row["actual"])
    return (max(left, 0.0) / quarters_left, "per_quarter") if left > 0 else (None, "")
