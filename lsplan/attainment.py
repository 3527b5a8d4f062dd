"""The attainment engine: targets + observations -> one status row per target and quarter.

Pure computation, no I/O. The rules (docs/attainment.md has the worked examples):

- Quarters are cumulative: Q2 is the six months to June. Target values are annual (or for a span).
- Every number is compared in the indicator's unit: the target's low/high, milestones, baseline
  and stretch are converted from the target's unit (`lsplan.units.convert`).
- What the target asks for (its *goal*) follows from the comparison and the indicator's direction:
  at_least / reduction -> reach at least the low end; at_most / rank -> stay at or below the high
  end; a range is met at its low end (the high end for lower-is-better, both edges for
  Direction.TARGET); approx X is met within ±tolerance (target.tolerance, else
  settings.approx_tolerance, relative); exact X is at least X (at most X for lower-is-better);
  a band (structure shares) is met inside [low - band_tolerance, high + band_tolerance];
  relative targets compare with the benchmark value the observation carries
  (``benchmark × (1 + margin/100)`` when the target gives a margin in % of a non-% indicator,
  "tăng 13% so với dự toán"; "thấp hơn" / "cao hơn" without a margin are strict).
- Flows: expected by quarter q = annual goal × cumulative share: the target's milestone for the
  quarter if the data gives one, else the indicator's seasonal profile, else even (¼, ½, ¾, 1).
  In-year, a flow that already meets the whole annual goal is `achieved`.
- Growth rates ("so với cùng kỳ") are compared directly with the annual goal every quarter.
- Shares, levels, counts, ratios and ranks are judged at year end (Q4). In-year, without a
  milestone for the quarter, the value is *indicative*: `on_track` when it already satisfies the
  target, else `not_assessed`; never `at_risk`/`off_track`, and no figure is chased.
- Status for a goal to reach (higher is better), with ratio = actual / expected:
  met -> `achieved` at the end of the target's period (Q4 of its final year), else `on_track`;
  not met -> `on_track` if ratio >= settings.on_track (0.95; at year end this reads "cơ bản
  đạt", nearly met), `at_risk` if ratio >= settings.at_risk (0.85), else `off_track`.
  Lower-is-better uses ratio = expected / actual. A value outside a band is never on track:
  `at_risk` when within the at_risk ratio of the nearest edge, else `off_track`.
- Attainment (%) = actual / expected × 100 (expected / actual for lower-is-better); None for
  bands and where the expected value is not positive. Gap = actual - expected (expected - actual
  for lower-is-better; the signed distance outside a band): negative always means behind.
- Multi-year spans: see `lsplan.trajectory`. "annual_average" growth targets use the compound
  path when `history` holds every earlier year of the span (expected = the rate still needed,
  also in `needed_rate`); without it the year's rate is compared with the average, and the note
  says so. "by_end" targets apply to their end year; earlier years are on the linear path from
  `target.baseline`, or `not_assessed` ("no baseline in the data"). "per_year" targets apply
  to each year of the span.
- No observation -> `no_data`; qualitative targets -> `not_assessed` with the statement as note.
- Stretch goals are judged apart into `stretch_status`; they never change `status`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from lsplan import trajectory
from lsplan.goals import Goal, amount, annual_goal, describe, fmt, unit_factor
from lsplan.model import (
    Assessment,
    AssessmentSettings,
    Comparison,
    Direction,
    Indicator,
    Measure,
    Observation,
    Status,
    Target,
)

QUARTERS = ("Q1", "Q2", "Q3", "Q4")
EVEN_PROFILE = (0.25, 0.5, 0.75, 1.0)  # cumulative share of an annual flow by Q1..Q4
# Worst first: what the Chairman asks about comes at the top of `lsplan gaps`.
SEVERITY_ORDER: dict[Status, int] = {
    Status.OFF_TRACK: 0,
    Status.AT_RISK: 1,
    Status.NO_DATA: 2,
    Status.ON_TRACK: 3,
    Status.ACHIEVED: 4,
    Status.NOT_ASSESSED: 5,
}
DEFAULT_SETTINGS = AssessmentSettings()  # the documented defaults (docs/attainment.md)
LAGGING = frozenset({Status.AT_RISK, Status.OFF_TRACK})
_AT_A_DATE = frozenset({Measure.SHARE, Measure.LEVEL, Measure.COUNT, Measure.RATIO, Measure.RANK})

__all__ = [
    "DEFAULT_SETTINGS", "EVEN_PROFILE", "LAGGING", "QUARTERS", "SEVERITY_ORDER", "assess", "assess_all",
    "covers", "expected_by_quarter", "is_lagging", "is_qualitative", "quarter_number", "severity_key",
    "sort_worst_first",
]


@dataclass(frozen=True, slots=True)
class _Expectation:
    """What the target asks for by the end of the quarter."""

    goal: Goal
    whole: Goal | None  # flows in their final year: meeting this in-year is `achieved`
    judged: bool  # False: a year-end target seen in-year (indicative)
    final: bool  # the end of the target's period: met -> achieved
    note: str
    needed_rate: float | None = None


@dataclass(frozen=True, slots=True)
class _Outcome:
    status: Status
    expected: float | None = None
    expected_high: float | None = None
    actual: float | None = None
    attainment: float | None = None
    gap: float | None = None
    indicative: bool = False
    needed_rate: float | None = None
    note: str = ""


def quarter_number(quarter: str) -> int:
    """1..4 for "Q1".."Q4" (any case). Raises ValueError for anything else."""
    label = str(quarter).strip().upper()
    if label not in QUARTERS:
        raise ValueError(f"not a quarter: {quarter!r} (expected Q1, Q2, Q3 or Q4)")
    return QUARTERS.index(label) + 1


def covers(target: Target, year: int) -> bool:
    """Whether the target's period includes `year` (a span covers start..end)."""
    return target.year_start <= year <= target.year_end


def is_qualitative(target: Target, indicator: Indicator) -> bool:
    return (
        target.qualitative
        or target.comparison == Comparison.QUALITATIVE
        or indicator.measure == Measure.QUALITATIVE
    )


def _milestone(target: Target, q: int, factor: float) -> float | None:
    if not target.milestones or target.year_start != target.year_end:
        return None
    for key, value in target.milestones.items():
        if str(key).strip().upper() == QUARTERS[q - 1]:
            return float(value) * factor
    return None


def _expectation(
    target: Target, indicator: Indicator, year: int, q: int, settings: AssessmentSettings,
    history: Mapping[int, float] | None, benchmark: float | None,
) -> _Expectation | str:
    """The goal by the end of quarter q of `year`, or the reason there is none."""
    # A relative target's unit is its margin's ("13%"); its benchmark is in the indicator's unit.
    relative = target.comparison == Comparison.RELATIVE
    factor = 1.0 if relative else unit_factor(target.unit, indicator.unit)
    if factor is None:
        return f"cannot convert the target's unit {target.unit!r} to {indicator.unit!r}"
    goal = annual_goal(target, indicator, settings, factor, benchmark)
    if isinstance(goal, str):
        return goal
    period = trajectory.period_goal(target, indicator, goal, year, factor, history)
    if isinstance(period, str):
        return period
    year_goal, needed, span_note = period
    last_year = year == target.year_end or target.span_basis == "per_year"
    final = q == 4 and last_year
    label = QUARTERS[q - 1]
    milestone = _milestone(target, q, factor)
    if milestone is not None:
        quarter_goal = year_goal.at(milestone)
        how = f"milestone {describe(quarter_goal)} by {label}"
    elif indicator.measure == Measure.FLOW and q < 4 and indicator.seasonal and not indicator.profile:
        # No seasonal profile in the data: an even share is shown for reference, not judged.
        quarter_goal = year_goal.scaled(EVEN_PROFILE[q - 1])
        note = (f"seasonal flow without a profile in the data: in-year value indicative "
                f"(even share {fmt(EVEN_PROFILE[q - 1] * 100)}% of {amount(year_goal)} shown for reference)")
        return _Expectation(quarter_goal, None, False, False, _join(span_note, note), needed)
    elif indicator.measure == Measure.FLOW and q < 4:
        share, source = (indicator.profile[q - 1], "seasonal profile") if indicator.profile else (
            EVEN_PROFILE[q - 1], "even profile")
        quarter_goal = year_goal.scaled(share)
        how = f"flow: {fmt(share * 100)}% of {amount(year_goal)} expected by {label} ({source})"
    elif indicator.measure in _AT_A_DATE and q < 4:
        note = f"year-end target {describe(year_goal)}: in-year value indicative"
        return _Expectation(year_goal, None, False, False, _join(span_note, note), needed)
    elif indicator.measure == Measure.GROWTH_RATE:
        quarter_goal = year_goal
        how = f"growth rate vs same period: {describe(year_goal)} every quarter"
    else:
        quarter_goal = year_goal
        how = f"year-end value: {describe(year_goal)}"
    whole = year_goal if indicator.measure == Measure.FLOW and last_year and q < 4 else None
    return _Expectation(quarter_goal, whole, True, final, _join(span_note, how), needed)


def _join(*parts: str) -> str:
    return "; ".join(part for part in parts if part)


def _ratio(goal: Goal, actual: float) -> float:
    """How close a missed goal is (1.0 = on the mark); -inf where no ratio means anything."""
    expected = goal.value if goal.value is not None else 0.0
    if goal.sense == "min":
        if expected > 0:
            return actual / expected
        return 1 - (expected - actual) / abs(expected) if expected else -math.inf
    if expected > 0:
        return expected / actual if actual > 0 else math.inf
    return 1 - (actual - expected) / abs(expected) if expected else -math.inf


def _judge(exp: _Expectation, actual: float, settings: AssessmentSettings) -> _Outcome:
    goal = exp.goal
    if goal.sense == "band":
        return _judge_band(exp, actual, settings)
    expected = goal.value if goal.value is not None else 0.0
    met = goal.met_by(actual)
    if goal.sense == "min":
        gap = actual - expected
        attainment = actual / expected * 100 if expected > 0 else None
    else:
        gap = expected - actual
        attainment = expected / actual * 100 if expected > 0 and actual > 0 else None
    if met:
        whole_met = exp.whole is not None and exp.whole.met_by(actual)
        status = Status.ACHIEVED if exp.final or whole_met else Status.ON_TRACK
    else:
        ratio = _ratio(goal, actual)
        if ratio >= settings.on_track:
            status = Status.ON_TRACK
        elif ratio >= settings.at_risk:
            status = Status.AT_RISK
        else:
            status = Status.OFF_TRACK
    if not exp.judged:
        status = Status.ON_TRACK if met else Status.NOT_ASSESSED
    return _Outcome(status, expected, None, actual, attainment, gap, not exp.judged, exp.needed_rate,
                    exp.note)


def _judge_band(exp: _Expectation, actual: float, settings: AssessmentSettings) -> _Outcome:
    goal = exp.goal
    low, high = goal.value, goal.high
    tolerance = settings.band_tolerance
    room = tolerance + 1e-9  # float noise from paths and milestones
    if low is not None and actual < low - room:
        gap = actual - low
        ratio = actual / low if low > 0 else -math.inf
        status = Status.AT_RISK if ratio >= settings.at_risk else Status.OFF_TRACK
        where = f"{fmt(-gap)} below the band"
    elif high is not None and actual > high + room:
        gap = high - actual
        ratio = high / actual if high > 0 and actual > 0 else -math.inf
        status = Status.AT_RISK if ratio >= settings.at_risk else Status.OFF_TRACK
        where = f"{fmt(-gap)} above the band"
    else:
        gap = 0.0
        status = Status.ACHIEVED if exp.final else Status.ON_TRACK
        where = "inside the band"
    if tolerance:
        where += f" (tolerance {fmt(tolerance)})"
    if not exp.judged:
        status = Status.ON_TRACK if gap == 0.0 else Status.NOT_ASSESSED
    return _Outcome(status, low, high, actual, None, gap, not exp.judged, exp.needed_rate,
                    _join(exp.note, where))


def _actual(
    observation: Observation | None, indicator: Indicator, year: int, q: int
) -> tuple[float | None, Status | None, str]:
    """The observation's value in the indicator's unit, or the status and reason it cannot be used."""
    if observation is None:
        return None, None, ""
    label = QUARTERS[q - 1]
    if observation.year != year or str(observation.period).strip().upper() != label:
        return None, Status.NO_DATA, f"the figure given is for {observation.period} {observation.year}"
    if not observation.cumulative and q > 1 and indicator.measure == Measure.FLOW:
        return None, Status.NO_DATA, f"quarter-alone figure; the cumulative one to {label} is needed"
    factor = unit_factor(observation.unit, indicator.unit)
    if factor is None:
        why = f"cannot convert the figure's unit {observation.unit!r} to {indicator.unit!r}"
        return None, Status.NOT_ASSESSED, why
    alone = "" if observation.cumulative or q == 1 else f"the figure is for {label} alone, not cumulative"
    return observation.value * factor, None, alone


def _evaluate(
    target: Target, indicator: Indicator, observation: Observation | None, year: int, q: int,
    settings: AssessmentSettings, history: Mapping[int, float] | None,
) -> _Outcome:
    if is_qualitative(target, indicator):
        return _Outcome(Status.NOT_ASSESSED, note=_join("qualitative", target.statement))
    if not covers(target, year):
        return _Outcome(Status.NOT_ASSESSED, note=f"the target is for {target.period_label}, not {year}")
    actual, refusal, why = _actual(observation, indicator, year, q)
    if refusal is not None:
        return _Outcome(refusal, note=why)
    if target.comparison == Comparison.RANK and actual is None:
        return _Outcome(Status.NOT_ASSESSED, note="rank: no ranking figure in the submissions")
    benchmark = observation.benchmark if observation is not None else None
    benchmark = target.benchmark_value if benchmark is None else benchmark
    if target.comparison == Comparison.RELATIVE and actual is None:
        against = target.benchmark or "a benchmark"
        return _Outcome(Status.NO_DATA, note=f"relative to {against}: no figure submitted")
    exp = _expectation(target, indicator, year, q, settings, history, benchmark)
    if isinstance(exp, str):
        return _Outcome(Status.NOT_ASSESSED, actual=actual, note=exp)
    expected_high = exp.goal.high if exp.goal.sense == "band" else None
    if actual is None:
        if not exp.judged:  # a year-end figure is not chased in-year
            return _Outcome(Status.NOT_ASSESSED, exp.goal.value, expected_high, indicative=True,
                            needed_rate=exp.needed_rate, note=exp.note)
        return _Outcome(Status.NO_DATA, exp.goal.value, expected_high, needed_rate=exp.needed_rate,
                        note=_join(exp.note, "no figure submitted"))
    outcome = _judge(exp, actual, settings)
    return replace(outcome, note=_join(outcome.note, why)) if why else outcome


def _stretch_target(target: Target, indicator: Indicator) -> Target | None:
    stretch = target.stretch
    if stretch is None or (stretch.low is None and stretch.high is None):
        return None
    lower = indicator.direction == Direction.LOWER
    # A relative target's unit is its margin's (%); its stretch is an amount in the indicator's unit.
    unit = "" if target.comparison == Comparison.RELATIVE else target.unit
    return replace(
        target,
        comparison=Comparison.AT_MOST if lower else Comparison.AT_LEAST,
        low=stretch.low, high=stretch.high, unit=unit, tolerance=None, milestones=None, stretch=None,
        benchmark=None,
    )


def assess(
    target: Target, indicator: Indicator, observation: Observation | None, *, year: int, quarter: str,
    settings: AssessmentSettings = DEFAULT_SETTINGS, history: Mapping[int, float] | None = None,
) -> Assessment:
    """How `target` stands at the end of `quarter` of `year`, given the best `observation`.

    `history` holds the actual yearly values of earlier years ({2024: 8.1, ...}) for multi-year
    average targets. Raises ValueError for a quarter other than Q1..Q4.
    """
    q = quarter_number(quarter)
    outcome = _evaluate(target, indicator, observation, year, q, settings, history)
    stretch_status = None
    stretch_target = None if is_qualitative(target, indicator) else _stretch_target(target, indicator)
    if stretch_target is not None:
        stretch_status = _evaluate(stretch_target, indicator, observation, year, q, settings, history).status
    return Assessment(
        target=target.id, indicator=indicator.id, plan=target.plan, year=year, quarter=QUARTERS[q - 1],
        status=outcome.status, unit=indicator.unit, expected=outcome.expected, actual=outcome.actual,
        attainment=outcome.attainment, gap=outcome.gap, indicative=outcome.indicative,
        stretch_status=stretch_status, needed_rate=outcome.needed_rate, note=outcome.note,
        observation=observation if outcome.actual is not None else None,
        expected_high=outcome.expected_high,
    )


def assess_all(
    targets: Iterable[Target], indicators: Mapping[str, Indicator], observations: Mapping[str, Observation],
    *, year: int, quarter: str, settings: AssessmentSettings = DEFAULT_SETTINGS,
    histories: Mapping[str, Mapping[int, float]] | None = None,
) -> list[Assessment]:
    """Assess every target whose period covers `year`, in the order given.

    `observations` and `histories` are keyed by indicator id. Raises KeyError when a target's
    indicator is not in `indicators` (the catalogue guarantees it is).
    """
    histories = histories or {}
    return [
        assess(target, indicators[target.indicator], observations.get(target.indicator), year=year,
               quarter=quarter, settings=settings, history=histories.get(target.indicator))
        for target in targets
        if covers(target, year)
    ]


def expected_by_quarter(
    target: Target, indicator: Indicator, quarter: str, year: int | None = None, *,
    settings: AssessmentSettings = DEFAULT_SETTINGS, history: Mapping[int, float] | None = None,
    benchmark: float | None = None,
) -> float | None:
    """The value the target implies by the end of `quarter` of `year` (default: its end year),
    in the indicator's unit; the low edge for a band. None where nothing is expected numerically.
    """
    year = target.year_end if year is None else year
    if is_qualitative(target, indicator) or not covers(target, year):
        return None
    benchmark = target.benchmark_value if benchmark is None else benchmark
    exp = _expectation(target, indicator, year, quarter_number(quarter), settings, history, benchmark)
    return None if isinstance(exp, str) else exp.goal.value


def is_lagging(row: Assessment) -> bool:
    """At risk or off track, and not merely indicative: what `lsplan gaps` lists."""
    return row.status in LAGGING and not row.indicative


def severity_key(row: Assessment) -> tuple[int, bool, float, str]:
    """Sort key, worst first: by status (SEVERITY_ORDER), counted rows before indicative ones,
    then attainment ascending, then id."""
    attainment = row.attainment if row.attainment is not None else math.inf
    return SEVERITY_ORDER[row.status], row.indicative, attainment, row.target


def sort_worst_first(rows: Iterable[Assessment]) -> list[Assessment]:
    return sorted(rows, key=severity_key)
