"""`lsplan gaps` and `lsplan agency`: what is lagging, who answers for it, what is missing.

`gaps()` assesses every target covering the year (optionally of one plan or one agency) against
the figures in the store that count for the quarter (see `lsplan.store.Store.current`), using the
attainment engine, and returns the lagging rows worst first (every row with `include_all`) and
the **missing** targets: assessable (not qualitative) with no figure yet, with the agency to chase.

Reporting deadlines (when a missing figure is *overdue*):
- administrative figures (`reporting: admin`): the `report_deadline_day` (default 14) of the
  quarter's last month — 14 March, 14 June, 14 September, 14 December;
- statistics figures (`reporting: statistics`): the statistics office publishes its quarterly
  estimates at the end of the quarter's last month, so they are overdue from the 6th of the
  following month (deadline the 5th: 5 April, 5 July, 5 October, 5 January of the next year).
A figure is overdue when the day of the run (`today`) is after its deadline.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from lsplan.attainment import LAGGING as _LAGGING
from lsplan.attainment import sort_worst_first
from lsplan.model import Assessment, Status, Target
from lsplan.store import PERIODS, Store, StoredValue, quarter_index

LAGGING = tuple(sorted(_LAGGING))  # at_risk, not_met, off_track: what `gaps` lists
STATISTICS_DEADLINE_DAY = 5  # of the month after the quarter


class AgencyLookupError(Exception):
    """A name that resolves to no single agency; `resolution.candidates` says who it might be."""

    def __init__(self, resolution: Any) -> None:
        names = ", ".join(a.name for a in resolution.candidates) or "no candidate"
        super().__init__(f"unknown or ambiguous agency {resolution.query!r}; did you mean: {names}?")
        self.resolution = resolution


def deadline(year: int, quarter: str, reporting: str, admin_day: int = 14) -> date:
    """The day by which a figure for the quarter is due (see the module docstring)."""
    last_month = quarter_index(quarter) * 3
    if reporting == "statistics":
        return (
            date(year + 1, 1, STATISTICS_DEADLINE_DAY)
            if last_month == 12
            else date(year, last_month + 1, STATISTICS_DEADLINE_DAY)
        )
    return date(year, last_month, admin_day)


@dataclass(slots=True)
class GapsResult:
    year: int
    quarter: str
    rows: list[dict]
    missing: list[dict]
    as_of: str
    plan: str | None = None
    agency: dict | None = None
    counts: dict[str, int] = field(default_factory=dict)
    assessments: list[Assessment] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "year": self.year,
            "quarter": self.quarter,
            "as_of": self.as_of,
            "plan": self.plan,
            "agency": self.agency,
            "counts": self.counts,
            "rows": self.rows,
            "missing": self.missing,
        }

    def to_frame(self, section: str = "rows"):
        """The rows (or `section="missing"`) as a pandas DataFrame, for analysts working in Python.

        Nested values (the source of an actual, lists of agencies) stay as Python objects in
        their columns. pandas is imported here only: the CLI never needs it.
        """
        import pandas as pd

        if section not in ("rows", "missing"):
            raise ValueError(f"section must be 'rows' or 'missing', not {section!r}")
        records = self.rows if section == "rows" else self.missing
        frame = pd.DataFrame.from_records(records)
        frame.attrs.update(year=self.year, quarter=self.quarter, as_of=self.as_of)
        return frame


def _default_assess() -> Callable[..., list[Assessment]]:
    from lsplan.attainment import assess_all

    return assess_all


def _source(value: StoredValue | None) -> dict | None:
    if value is None:
        return None
    obs = value.observation
    return {
        "file": value.file_name,
        "sheet": obs.sheet,
        "cell": obs.cell,
        "submission": value.submission_id,
        "agency": obs.agency,
        "maturity": obs.maturity,
        "received_at": value.received_at,
        "cumulative_derived": bool(value.derived_from),
    }


def _accepts(function: Callable[..., Any], name: str) -> bool:
    import inspect

    try:
        parameters = inspect.signature(function).parameters
    except (TypeError, ValueError):
        return False
    return name in parameters or any(p.kind is p.VAR_KEYWORD for p in parameters.values())


def _figures(catalog: Any, kind: str) -> list:
    return [f for f in getattr(catalog, "figures", ()) or () if f.kind == kind]


def _histories(store: Store, catalog: Any, targets: Sequence[Target], year: int, flows: set[str]) -> dict:
    """Year-end (Q4) values of earlier years, per indicator: the store's, else the published
    `baselines:` of the data. They feed averages, paths of levels due later and changes."""
    wanted = {t.indicator for t in targets}
    out: dict[str, dict[int, float]] = {}
    for figure in _figures(catalog, "baseline"):
        if figure.indicator in wanted and figure.period == "Q4" and figure.year < year:
            out.setdefault(figure.indicator, {})[figure.year] = figure.value
    if not wanted:
        return out
    first = min(t.year_start for t in targets)
    for past in range(max(first - 1, year - 15), year):
        for indicator, value in store.current(past, "Q4", flows=flows, indicators=wanted).items():
            out.setdefault(indicator, {})[past] = value.observation.value
    return out


def _last_years(store: Store, catalog: Any, targets: Sequence[Target], year: int, flows: set[str]) -> dict:
    """Each flow's cumulative figures by quarter last year (store first, then data baselines):
    its own in-year path, the yardstick for this year."""
    wanted = {t.indicator for t in targets} & flows
    out: dict[str, dict[str, float]] = {}
    for figure in _figures(catalog, "baseline"):
        if figure.indicator in wanted and figure.year == year - 1:
            out.setdefault(figure.indicator, {})[figure.period] = figure.value
    if wanted:
        for quarter in PERIODS:
            for indicator, value in store.current(year - 1, quarter, flows=flows, indicators=wanted).items():
                out.setdefault(indicator, {})[quarter] = value.observation.value
    return out


def _benchmarks(catalog: Any, year: int, quarter: str) -> dict[str, float]:
    """The benchmarks the data holds for the period (national averages), by indicator."""
    return {
        f.indicator: f.value for f in _figures(catalog, "benchmark") if f.year == year and f.period == quarter
    }


def goal_key(target: Target) -> tuple:
    """What makes two plans' targets the same goal: indicator, comparison, figures, period."""
    return (target.indicator, str(target.comparison), target.low, target.high, target.unit,
            target.year_start, target.year_end, target.span_basis, target.role)


def gaps(
    catalog: Any,
    store: Store,
    *,
    year: int | None = None,
    quarter: str,
    plan: str | None = None,
    agency: str | None = None,
    include_all: bool = False,
    today: date | None = None,
    assess: Callable[..., list[Assessment]] | None = None,
) -> GapsResult:
    """Lagging targets worst first (all with `include_all`) and missing figures, for a quarter."""
    if quarter not in PERIODS:
        raise ValueError(f"quarter must be one of {PERIODS}, not {quarter!r}")
    today = today or date.today()
    year = year or store.latest_year() or today.year
    agency_info = None
    agency_id = None
    if agency is not None:
        resolution = catalog.resolve_agency(agency)
        if resolution.agency is None:
            raise AgencyLookupError(resolution)
        agency_id = resolution.agency.id
        agency_info = {"id": agency_id, "name": resolution.agency.name}
    # Every target of the plan/agency: the engine keeps those in view for the year (its period,
    # or a level due later on its path).
    targets = list(catalog.targets_for(plan=plan, agency=agency_id))
    indicators = catalog.indicators
    flows = {i for i, ind in indicators.items() if str(ind.measure) == "flow"}
    current = store.current(year, quarter, flows=flows, indicators={t.indicator for t in targets})
    observations = {i: v.observation for i, v in current.items()}
    engine = assess or _default_assess()
    extra = {
        "last_years": _last_years(store, catalog, targets, year, flows),
        "benchmarks": _benchmarks(catalog, year, quarter),
        "plan_starts": {p.id: getattr(p, "horizon_start", 0) for p in getattr(catalog, "plans", {}).values()},
    }
    # An engine of another shape (a test's fake) gets the year's targets and what it takes.
    extra = {k: v for k, v in extra.items() if _accepts(engine, k)}
    if "plan_starts" not in extra:
        targets = [t for t in targets if t.year_start <= year <= t.year_end]
    assessments = engine(
        targets,
        indicators,
        observations,
        year=year,
        quarter=quarter,
        settings=catalog.assessment,
        histories=_histories(store, catalog, targets, year, flows),
        **extra,
    )
    assessments = sort_worst_first(assessments)
    by_target = {t.id: t for t in targets}
    counts: dict[str, int] = {}
    rows, missing = [], []
    settings = catalog.assessment
    # One row per goal: the same target set by several plans is shown once, naming every plan.
    shared: dict[tuple, list[Assessment]] = {}
    for assessment in assessments:
        target = by_target.get(assessment.target)
        key = goal_key(target) if target is not None else (assessment.target,)
        shared.setdefault(key, []).append(assessment)
    order = {tid: i for i, tid in enumerate(by_target)}  # the plans in the data's order
    for group in shared.values():
        group.sort(key=lambda a: order.get(a.target, len(order)))
    # A stretch-role target is shown on its main target's row, with its own stretch status.
    stretches: dict[str, list[dict]] = {}
    for assessment in assessments:
        target = by_target.get(assessment.target)
        if target is not None and target.role == "stretch" and target.stretch_of:
            stretches.setdefault(target.stretch_of, []).append(
                {"target": target.id, "statement": target.statement, "note": assessment.note,
                 "stretch_status": str(assessment.stretch_status) if assessment.stretch_status else None}
            )
    main_ids = {t for t in stretches if t in by_target}
    for assessment in assessments:
        target = by_target.get(assessment.target)
        key = goal_key(target) if target is not None else (assessment.target,)
        group = shared[key]
        if group[0] is not assessment:
            continue  # shown on the first plan's row
        if target is not None and target.role == "stretch" and target.stretch_of in main_ids:
            continue  # shown on its main target's row
        counts[str(assessment.status)] = counts.get(str(assessment.status), 0) + 1
        indicator = indicators.get(assessment.indicator)
        lead_ids = list(catalog.lead_agencies(assessment.target))
        lead = [catalog.name_of(a) for a in lead_ids]
        if assessment.status is Status.NO_DATA and target is not None and not target.qualitative:
            reporting = getattr(indicator, "reporting", "admin") or "admin"
            due = deadline(year, quarter, reporting, settings.report_deadline_day)
            missing.append(
                {
                    "target": assessment.target,
                    "indicator": assessment.indicator,
                    "indicator_name": indicator.name if indicator else assessment.indicator,
                    "plan": assessment.plan,
                    "plans": [a.plan for a in group],
                    "targets": [a.target for a in group],
                    "lead": lead,
                    "lead_ids": lead_ids,
                    "chase": _chase(catalog, reporting, lead),
                    "owner": target.owner,  # a named company that delivers it, where the plan says
                    "reporting": reporting,
                    "deadline": due.isoformat(),
                    "overdue": today > due,
                }
            )
        lagging = assessment.status in LAGGING and not assessment.indicative
        if include_all or lagging:
            row = _row(assessment, indicator, target, lead, lead_ids, current.get(assessment.indicator))
            row["plans"] = [a.plan for a in group]
            row["targets"] = [a.target for a in group]
            row["stretches"] = stretches.get(assessment.target, [])
            rows.append(row)
    # the chase list: overdue first, grouped by the agency to ask
    missing.sort(key=lambda m: (not m["overdue"], m["chase"], m["plan"], m["indicator_name"]))
    return GapsResult(
        year=year,
        quarter=quarter,
        rows=rows,
        missing=missing,
        as_of=today.isoformat(),
        plan=plan,
        agency=agency_info,
        counts=counts,
        assessments=assessments,
    )


def _chase(catalog: Any, reporting: str, lead: list[str]) -> list[str]:
    """Who to ask for the figure: the statistics office for statistics figures, else the leads."""
    if reporting == "statistics":
        from lsplan.text import fold

        office = [a.name for a in catalog.agencies.values() if a.active and "thong ke" in fold(a.name)]
        if office:
            return office[:1]
    return lead


def _row(
    assessment: Assessment,
    indicator: Any,
    target: Target | None,
    lead: list[str],
    lead_ids: list[str],
    value: StoredValue | None,
) -> dict:
    return {
        "target": assessment.target,
        "indicator": assessment.indicator,
        "indicator_name": indicator.name if indicator else assessment.indicator,
        "plan": assessment.plan,
        "status": str(assessment.status),
        "expected": assessment.expected,
        "expected_high": assessment.expected_high,
        "actual": assessment.actual,
        "attainment": assessment.attainment,
        "gap": assessment.gap,
        "unit": assessment.unit,
        "lead": lead,
        "lead_ids": lead_ids,
        "statement": target.statement if target else "",
        "indicative": assessment.indicative,
        "stretch_status": str(assessment.stretch_status) if assessment.stretch_status else None,
        "needed_rate": assessment.needed_rate,
        "note": assessment.note,
        "final": assessment.final,
        "role": assessment.role,
        "yardstick": assessment.yardstick,
        "benchmark": assessment.benchmark,
        "history": {str(y): v for y, v in assessment.history},
        "missing_reason": assessment.missing,
        "owner": target.owner if target else "",
        "source": _source(value) if assessment.actual is not None else None,
    }


@dataclass(slots=True)
class AgencyView:
    query: str
    payload: dict | None = None  # the JSON result when the name resolved
    candidates: list[dict] = field(default_factory=list)  # when it did not
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.payload is not None

    def to_dict(self) -> dict:
        if self.payload is not None:
            return self.payload
        return {"error": self.error, "query": self.query, "candidates": self.candidates}


def agency_view(
    catalog: Any,
    store: Store,
    name: str,
    year: int | None = None,
    quarter: str | None = None,
    *,
    today: date | None = None,
    assess: Callable[..., list[Assessment]] | None = None,
) -> AgencyView:
    """One agency's whole picture: tasks led and supported, indicators with status, missing."""
    resolution = catalog.resolve_agency(name)
    if resolution.agency is None:
        candidates = [{"id": a.id, "name": a.name} for a in resolution.candidates]
        kind = "ambiguous" if len(candidates) > 1 else "unknown"
        return AgencyView(query=name, candidates=candidates, error=f"agency-{kind}")
    today = today or date.today()
    year = year or store.latest_year() or today.year
    agency = resolution.agency
    quarter = quarter or _latest_quarter(store, year, today)
    result = gaps(
        catalog,
        store,
        year=year,
        quarter=quarter,
        agency=agency.id,
        include_all=True,
        today=today,
        assess=assess,
    )
    led, supported = catalog.tasks_for_agency(agency.id)
    roles = catalog.indicators_for_agency(agency.id)
    own = set(catalog.successors(agency.id)) if hasattr(catalog, "successors") else {agency.id}
    indicators = []
    for row in result.rows:
        role = "lead" if own & set(row["lead_ids"]) else roles.get(row["indicator"], "support")
        indicators.append(
            {
                key: row[key]
                for key in (
                    "target",
                    "indicator",
                    "indicator_name",
                    "plan",
                    "statement",
                    "status",
                    "expected",
                    "expected_high",
                    "actual",
                    "attainment",
                    "gap",
                    "unit",
                    "indicative",
                    "source",
                    "plans",
                    "stretches",
                    "final",
                    "note",
                )
            }
            | {"role": role}
        )
    missing = [m for m in result.missing if own & set(m["lead_ids"])]
    submissions = [
        {
            "id": s.id,
            "file": s.file_name,
            "received_at": s.received_at,
            "maturity": s.maturity,
            "superseded_by": s.superseded_by,
        }
        for s in store.submissions(agency=agency.id, year=year, period=quarter)
    ]
    payload = {
        "agency": {"id": agency.id, "name": agency.name},
        "resolved_from": {
            "query": name,
            "how": resolution.how,
            "matched": resolution.matched.name if resolution.matched else agency.name,
            "note": resolution.note,
        },
        "year": year,
        "quarter": quarter,
        "lead_tasks": [_task(catalog, t, own, "lead") for t in led],
        "support_tasks": [_task(catalog, t, own, "support") for t in supported],
        "indicators": indicators,
        "missing": missing,
        "submissions": submissions,
        "submitted": bool(submissions),
    }
    return AgencyView(query=name, payload=payload)


def _latest_quarter(store: Store, year: int, today: date) -> str:
    periods = {s.period for s in store.submissions(year=year)}
    if periods:
        return max(periods, key=quarter_index)
    return PERIODS[(today.month - 1) // 3] if today.year == year else "Q4"


def _task(catalog: Any, task: Any, own: set[str], role: str) -> dict:
    parties = task.lead if role == "lead" else task.support
    named = any(p not in catalog.groups and own & set(catalog.expand(p)) for p in parties)
    # "via": the groups ("Các sở, ban, ngành") through which the agency has the task, when not named itself
    via = (
        []
        if named
        else [catalog.name_of(p) for p in parties if p in catalog.groups and own & set(catalog.expand(p))]
    )
    return {
        "id": task.id,
        "plan": task.plan,
        "number": task.number,
        "title": task.title,
        "timeframe": task.timeframe,
        "via": via,
        "lead": [catalog.name_of(p) for p in task.lead],
    }


def explain(
    catalog: Any, store: Store, target_id: str, *, year: int | None = None, quarter: str,
    today: date | None = None,
) -> dict:
    """How one target was judged for a quarter, as `lsplan show TARGET --quarter Q2` prints it:
    its gaps row (status, expected, actual, yardstick, history, benchmark, note, what was
    missing), found on its own row, on the row of the plan it shares the goal with, or, for a
    stretch, on its main target's row. A target not in view for the year says so."""
    target = catalog.targets[target_id]
    result = gaps(catalog, store, year=year, quarter=quarter, plan=None, include_all=True, today=today)
    for row in result.rows:
        if target_id == row["target"] or target_id in row.get("targets", ()):
            return {"year": result.year, "quarter": quarter, "shown_on": row["target"], **row}
        for stretch in row.get("stretches", ()):
            if stretch["target"] == target_id:
                return {"year": result.year, "quarter": quarter, "shown_on": row["target"], **row,
                        "stretch_of_row": stretch}
    return {
        "year": result.year, "quarter": quarter, "shown_on": None, "target": target_id,
        "status": str(Status.NOT_ASSESSED), "plans": [target.plan],
        "note": f"not in view for {result.year}: the target is for {target.period_label}",
    }
