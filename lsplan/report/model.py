"""The quarterly review pack as data: built from `gaps` results, rendered by xlsx.py and html.py.

`build_report` takes the `GapsResult.to_dict()` of the report's quarter (and of the earlier
quarters of the same year, for the path charts) plus the catalogue for names, sectors and source
quotes. Every figure in a `ReportLine` is copied from the gaps row unchanged: renderers format,
they never compute, so the report's numbers are the numbers of `lsplan gaps --all`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

STATUS_ORDER = (
    "exceeded", "achieved", "nearly_met", "on_track", "at_risk", "off_track", "not_met", "no_data",
    "not_assessed", "info",
)
QUARTERS = ("Q1", "Q2", "Q3", "Q4")
QUARTER_END = {"Q1": "31/3", "Q2": "30/6", "Q3": "30/9", "Q4": "31/12"}


@dataclass(frozen=True, slots=True)
class PathPoint:
    quarter: str
    expected: float | None
    actual: float | None


@dataclass(frozen=True, slots=True)
class ReportLine:
    """One target in the report's table, with where its figure and its target came from."""

    target: str
    indicator: str
    name: str
    name_en: str
    unit: str
    plan: str
    sector: str
    status: str
    expected: float | None
    actual: float | None
    attainment: float | None
    gap: float | None
    statement: str  # the annual (or multi-year) target as the plan states it
    annual_low: float | None
    annual_high: float | None
    period: str  # "2025" or "2021–2030"
    vs_same_period: float | None  # growth against the same period last year, where known
    lead: tuple[str, ...]  # agency names
    maturity: str  # "estimate" (ước), "preliminary", "official", "" when no figure
    indicative: bool
    source_file: str
    source_sheet: str
    source_cell: str
    quote: str
    quote_document: str
    quote_section: str
    path: tuple[PathPoint, ...] = ()  # Q1.. the report's quarter, for the path chart
    comparison: str = ""  # the target's comparison (at_least, approx, relative, ...), for wording
    plans: tuple[str, ...] = ()  # every plan that sets this goal (one row per goal, from gaps)
    stretches: tuple[tuple[str, str], ...] = ()  # (statement, stretch status) of stretch-role targets

    @property
    def estimate(self) -> bool:
        return self.actual is not None and self.maturity == "estimate"

    @property
    def anchor(self) -> str:
        """A stable id fragment for HTML anchors (target ids are kebab-case with dots)."""
        return self.target.replace(".", "-")


@dataclass(frozen=True, slots=True)
class MissingLine:
    target: str
    indicator: str
    name: str
    name_en: str
    lead: tuple[str, ...]  # the agency to chase: gaps' `chase` (statistics office for its figures) or lead
    overdue: bool
    deadline: str = ""


@dataclass(frozen=True, slots=True)
class SectorGroup:
    sector: str
    lines: tuple[ReportLine, ...]


@dataclass(frozen=True, slots=True)
class PlanGroup:
    plan: str
    title: str
    title_en: str
    number: str
    sectors: tuple[SectorGroup, ...]


@dataclass(frozen=True, slots=True)
class Report:
    year: int
    quarter: str
    cutoff: str  # the data cut-off as shown to readers (ISO date or date-time)
    groups: tuple[PlanGroup, ...]
    missing: tuple[MissingLine, ...]
    plan_filter: str | None = None
    by_status: dict[str, int] = field(default_factory=dict)
    by_plan: dict[str, dict[str, int]] = field(default_factory=dict)
    by_agency: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def lines(self) -> tuple[ReportLine, ...]:
        return tuple(line for g in self.groups for s in g.sectors for line in s.lines)

    @property
    def estimates(self) -> tuple[ReportLine, ...]:
        return tuple(line for line in self.lines if line.estimate)

    @property
    def overdue(self) -> tuple[MissingLine, ...]:
        return tuple(m for m in self.missing if m.overdue)


def _get(mapping: Any, name: str, default: Any = None) -> Any:
    if isinstance(mapping, Mapping):
        return mapping.get(name, default)
    return getattr(mapping, name, default)


def _source(row: Mapping[str, Any]) -> tuple[str, str, str]:
    """(file, sheet, cell) of the actual, from a nested `source` or flat keys."""
    nested = row.get("source")
    holder = nested if isinstance(nested, Mapping) else row
    return (str(holder.get("file") or ""), str(holder.get("sheet") or ""), str(holder.get("cell") or ""))


def _float(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


class _Names:
    """Catalogue look-ups that tolerate a missing catalogue or a record it does not hold."""

    def __init__(self, catalog: Any | None) -> None:
        self.catalog = catalog

    def _table(self, name: str) -> Mapping[str, Any]:
        return _get(self.catalog, name, None) or {}

    def agencies(self, lead: Any) -> tuple[str, ...]:
        if lead is None:
            return ()
        items = [lead] if isinstance(lead, str) else list(lead)
        agencies, groups = self._table("agencies"), self._table("groups")
        out = []
        for item in items:
            if isinstance(item, Mapping):
                out.append(str(item.get("name") or item.get("id") or ""))
                continue
            record = agencies.get(item) or groups.get(item)
            out.append(record.name if record is not None else str(item))
        return tuple(name for name in out if name)

    def indicator(self, indicator_id: str) -> Any:
        return self._table("indicators").get(indicator_id)

    def target(self, target_id: str) -> Any:
        return self._table("targets").get(target_id)

    def plan(self, plan_id: str) -> Any:
        return self._table("plans").get(plan_id)


def _versus(actual: float | None, previous: float | None) -> float | None:
    """Actual as a percent of the same period last year ("so với cùng kỳ"), where both are known."""
    if actual is None or previous is None or previous <= 0:
        return None
    return actual / previous * 100


def annual_bounds(target: Any, indicator: Any) -> tuple[float | None, float | None]:
    """The annual plan figure in the indicator's unit. A relative target whose margin is in % of a
    fixed benchmark ("cao hơn khoảng 13% so với dự toán Trung ương giao", 9.100 tỷ đồng) is shown
    as the amount it means (10.283), never as "13 tỷ đồng"; one without a fixed benchmark has no
    figure (its statement is shown instead)."""
    low, high = _float(_get(target, "low")), _float(_get(target, "high"))
    target_unit, indicator_unit = _get(target, "unit", "") or "", _get(indicator, "unit", "") or ""
    if str(_get(target, "comparison", "")) != "relative":
        if target_unit and indicator_unit and target_unit != indicator_unit:
            # "47 - 48 nghìn tỷ đồng" against an indicator in tỷ đồng: the column's unit is the
            # indicator's, so the plan figure is converted (47.000 - 48.000), or not shown.
            from lsplan.units import convert

            low = None if low is None else convert(low, target_unit, indicator_unit)
            high = None if high is None else convert(high, target_unit, indicator_unit)
        return low, high
    benchmark = _float(_get(target, "benchmark_value"))
    margin_in_percent = _get(target, "unit", "") == "%" and _get(indicator, "unit", "") != "%"
    if benchmark is None or not margin_in_percent:
        return (low, high) if _get(target, "unit", "") == _get(indicator, "unit", "") else (None, None)

    def scale(margin: float | None) -> float | None:
        return None if margin is None else benchmark * (1 + margin / 100)

    return scale(low), scale(high)


def _line(
    row: Mapping[str, Any], names: _Names, path: tuple[PathPoint, ...], previous: Mapping[str, float]
) -> ReportLine:
    target = names.target(row["target"])
    indicator = names.indicator(row.get("indicator", ""))
    source = _get(target, "source")
    file, sheet, cell = _source(row)
    nested = row.get("source")
    observation = nested if isinstance(nested, Mapping) else {}
    bounds = annual_bounds(target, indicator)
    return ReportLine(
        target=row["target"],
        indicator=row.get("indicator", ""),
        name=row.get("indicator_name") or _get(indicator, "name", "") or row.get("indicator", ""),
        name_en=_get(indicator, "name_en", "") or row.get("indicator_name", ""),
        unit=row.get("unit") or _get(target, "unit", "") or _get(indicator, "unit", ""),
        plan=row.get("plan") or _get(target, "plan", ""),
        sector=_get(indicator, "sector", "") or row.get("sector", "") or "",
        status=row.get("status", "no_data"),
        expected=_float(row.get("expected")),
        actual=_float(row.get("actual")),
        attainment=_float(row.get("attainment")),
        gap=_float(row.get("gap")),
        statement=_get(target, "statement", "") or row.get("statement", "") or "",
        annual_low=bounds[0],
        annual_high=bounds[1],
        comparison=str(_get(target, "comparison", "") or ""),
        period=_get(target, "period_label", "") or "",
        vs_same_period=_float(row.get("vs_same_period"))
        if row.get("vs_same_period") is not None
        else _versus(_float(row.get("actual")), previous.get(row.get("indicator", ""))),
        lead=names.agencies(row.get("lead")),
        maturity=str(row.get("maturity") or observation.get("maturity") or ""),
        indicative=bool(row.get("indicative", False)),
        source_file=file,
        source_sheet=sheet,
        source_cell=cell,
        quote=_get(source, "quote", "") or "",
        quote_document=_get(source, "document", "") or "",
        quote_section=_get(source, "section", "") or "",
        path=path,
        plans=tuple(_get(names.plan(p), "short", "") or p for p in row.get("plans") or ()),
        stretches=tuple(
            (str(s.get("statement") or s.get("target") or ""), str(s.get("stretch_status") or ""))
            for s in row.get("stretches") or ()
        ),
    )


def _paths(results: Mapping[str, Mapping[str, Any]], quarter: str) -> dict[str, tuple[PathPoint, ...]]:
    upto = QUARTERS[: QUARTERS.index(quarter) + 1]
    paths: dict[str, list[PathPoint]] = {}
    for q in upto:
        for row in (results.get(q) or {}).get("rows", ()):
            point = PathPoint(q, _float(row.get("expected")), _float(row.get("actual")))
            paths.setdefault(row["target"], []).append(point)
    return {target: tuple(points) for target, points in paths.items()}


def build_report(
    results: Mapping[str, Mapping[str, Any]],
    quarter: str,
    *,
    catalog: Any | None = None,
    cutoff: str = "",
    plan: str | None = None,
    same_period: Mapping[str, float] | None = None,
) -> Report:
    """Assemble the report for `quarter` from {quarter: gaps dict} (the quarter's own is required).

    `same_period` holds last year's figure for the same quarter by indicator id (see
    `lsplan.report.same_period_last_year`); "so với cùng kỳ" is shown only where it is known.
    """
    current = results[quarter]
    names = _Names(catalog)
    paths = _paths(results, quarter)
    lines = [
        _line(row, names, paths.get(row["target"], ()), same_period or {}) for row in current.get("rows", ())
    ]
    order = {tid: i for i, tid in enumerate(_get(catalog, "targets", None) or {})}
    lines.sort(key=lambda line: order.get(line.target, len(order)))
    groups = _group(lines, names)
    missing = tuple(
        MissingLine(
            target=m.get("target", ""),
            indicator=m.get("indicator", ""),
            name=m.get("indicator_name")
            or _get(names.indicator(m.get("indicator", "")), "name", "")
            or m.get("indicator", ""),
            name_en=_get(names.indicator(m.get("indicator", "")), "name_en", "") or m.get("indicator", ""),
            lead=names.agencies(m.get("chase") or m.get("lead")),  # who to ask for the figure
            overdue=bool(m.get("overdue", False)),
            deadline=str(m.get("deadline") or ""),
        )
        for m in current.get("missing", ())
    )
    return Report(
        year=int(current["year"]),
        quarter=str(current.get("quarter", quarter)),
        cutoff=cutoff or data_cutoff(current),
        groups=groups,
        missing=missing,
        plan_filter=plan,
        by_status=_count(line.status for line in lines),
        by_plan={p.plan: _count(line.status for s in p.sectors for line in s.lines) for p in groups},
        by_agency=_by_agency(lines),
    )


def data_cutoff(result: Mapping[str, Any]) -> str:
    """When the newest figure in the result was received, in Vietnam time ("2025-04-15 16:30"),
    else the run date."""
    received = [
        str(row["source"].get("received_at") or "")
        for row in result.get("rows", ())
        if isinstance(row.get("source"), Mapping)
    ]
    latest = max((r for r in received if r), default="")
    if latest:
        from lsplan.i18n import local_stamp

        return local_stamp(latest)
    return str(result.get("cutoff") or result.get("as_of") or "")


def _count(statuses: Any) -> dict[str, int]:
    counts = Counter(statuses)
    return {status: counts[status] for status in STATUS_ORDER if counts[status]}


def _by_agency(lines: Sequence[ReportLine]) -> dict[str, dict[str, int]]:
    per: dict[str, list[str]] = {}
    for line in lines:
        for agency in line.lead or ("—",):
            per.setdefault(agency, []).append(line.status)
    return {agency: _count(per[agency]) for agency in sorted(per)}


def _group(lines: Sequence[ReportLine], names: _Names) -> tuple[PlanGroup, ...]:
    plans: dict[str, dict[str, list[ReportLine]]] = {}
    for line in lines:
        plans.setdefault(line.plan, {}).setdefault(line.sector, []).append(line)
    groups = []
    for plan_id, sectors in plans.items():
        record = names.plan(plan_id)
        groups.append(
            PlanGroup(
                plan=plan_id,
                title=_get(record, "title", "") or plan_id,
                title_en=_get(record, "title_en", "") or _get(record, "title", "") or plan_id,
                number=_get(record, "number", "") or "",
                sectors=tuple(SectorGroup(sector, tuple(items)) for sector, items in sectors.items()),
            )
        )
    return tuple(groups)
