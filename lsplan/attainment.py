"""The attainment engine: targets + observations -> one status row per target and quarter.

Pure computation, no I/O. The rules, with worked examples and the real 2025 cases, are in
docs/attainment.md; in short:

- Every number is compared in the indicator's unit (`lsplan.units.convert`); what a target asks
  for (its *goal*: reach, stay at or below, a band) is `lsplan.goals`; multi-year spans (the
  compound path of an average, the straight path of a level due later) are `lsplan.trajectory`;
  the in-year yardstick of a flow (milestones, profile, last year's own path, a benchmark for a
  back-loaded flow, even, or indicative) is `lsplan.yardsticks`; the verdict on a figure
  against its expectation is `lsplan.verdicts`.
- A later revision of a target (`Target.revisions`) replaces its numbers from its date on
  (`lsplan.revisions`).
- Change targets ("giảm 2 - 3%/năm" of a rate): the actual is the fall, last year-end rate
  minus this one (a figure the sender marks as the change is taken as the fall itself).
- Growth rates with only a "so với cùng kỳ" figure: growth = that figure − 100.
- In-year statuses: on_track / at_risk / off_track (ratio to what is expected by the quarter,
  thresholds in `AssessmentSettings`), achieved once a flow meets the whole year's goal.
  When the target's period is over (Q4 of its last year) the status is a final label only:
  exceeded (beyond a range's far end, a band in the direction the plan wants, above a single
  figure by more than the approx tolerance, or at the stretch), achieved, nearly_met (within
  the on_track ratio; never for a band missed the wrong way) or not_met.
- Shares, levels, counts and ranks are year-end figures: in-year they are indicative
  (on_track if already met, else not_assessed), never lagging, never chased.
- What is not a goal (`Target.role` estimate / input / equivalent / component) is `info`;
  a `stretch` role target is judged into `stretch_status` only, as the stretch of its main target.
- No observation -> `no_data`; qualitative targets -> `not_assessed` with the statement as note.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import replace

from lsplan import trajectory
from lsplan.goals import annual_goal, describe, fmt, unit_factor
from lsplan.model import (
    Assessment,
    AssessmentSettings,
    Comparison,
    Indicator,
    Measure,
    Observation,
    Status,
    Target,
)
from lsplan.revisions import revised
from lsplan.verdicts import Expectation, Outcome, join, judge
from lsplan.yardsticks import EVEN_PROFILE, QUARTERS, in_year

# Worst first: what the Chairman asks about comes at the top of `lsplan gaps`.
SEVERITY_ORDER: dict[Status, int] = {
    Status.NOT_MET: 0,
    Status.OFF_TRACK: 1,
    Status.AT_RISK: 2,
    Status.NO_DATA: 3,
    Status.NEARLY_MET: 4,
    Status.ON_TRACK: 5,
    Status.ACHIEVED: 6,
    Status.EXCEEDED: 7,
    Status.NOT_ASSESSED: 8,
    Status.INFO: 9,
}
FINAL = frozenset({Status.EXCEEDED, Status.ACHIEVED, Status.NEARLY_MET, Status.NOT_MET})
DEFAULT_SETTINGS = AssessmentSettings()  # the documented defaults (docs/attainment.md)
LAGGING = frozenset({Status.AT_RISK, Status.OFF_TRACK, Status.NOT_MET})
NOT_GOALS = frozenset({"estimate", "input", "equivalent", "component"})
_AT_A_DATE = frozenset({Measure.SHARE, Measure.LEVEL, Measure.COUNT, Measure.RATIO, Measure.RANK})

__all__ = [
    "DEFAULT_SETTINGS", "EVEN_PROFILE", "FINAL", "LAGGING", "QUARTERS", "SEVERITY_ORDER", "assess",
    "assess_all", "covers", "expected_by_quarter", "in_view", "is_lagging", "is_qualitative",
    "quarter_number", "revised", "severity_key", "sort_worst_first",
]


def quarter_number(quarter: str) -> int:
    """1..4 for "Q1".."Q4" (any case). Raises ValueError for anything else."""
    label = str(quarter).strip().upper()
    if label not in QUARTERS:
        raise ValueError(f"not a quarter: {quarter!r} (expected Q1, Q2, Q3 or Q4)")
    return QUARTERS.index(label) + 1


def covers(target: Target, year: int) -> bool:
    """Whether the target's period includes `year` (a span covers start..end)."""
    return target.year_start <= year <= target.year_end


def in_view(target: Target, indicator: Indicator, year: int, plan_start: int | None = None) -> bool:
    """Whether `year` is assessed: the target's period covers it, or the target is a level due
    later (forest cover 67 % by 2030) and the year is inside its plan (from `plan_start`), so
    that its path shows whether it is on course."""
    if covers(target, year):
        return True
    due_later = target.year_start == target.year_end > year and target.span_basis == "by_end"
    return (
        due_later
        and plan_start is not None
        and plan_start <= year
        and not is_qualitative(target, indicator)
        and indicator.measure in (Measure.SHARE, Measure.LEVEL, Measure.COUNT, Measure.RATIO)
        and target.comparison not in (Comparison.RANK, Comparison.BAND)
    )


def is_qualitative(target: Target, indicator: Indicator) -> bool:
    return (
        target.qualitative
        or target.comparison == Comparison.QUALITATIVE
        or indicator.measure == Measure.QUALITATIVE
    )


def _expectation(
    target: Target, indicator: Indicator, year: int, q: int, settings: AssessmentSettings,
    history: Mapping[int, float] | None, benchmark: float | None, last_year: Mapping[str, float] | None,
) -> Expectation | str:
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
    year_goal = period.goal
    last_year_of_target = year == target.year_end or target.span_basis == "per_year"
    final = q == 4 and last_year_of_target
    stretch = None
    if target.stretch is not None and (target.stretch.low is not None or target.stretch.high is not None):
        raw = target.stretch.low if target.stretch.low is not None else target.stretch.high
        stretch = float(raw) * (1.0 if relative else factor)  # type: ignore[arg-type]
    common: dict = {"needed_rate": period.needed, "history": period.history, "stretch": stretch,
                    "open_end": indicator.runs_to}
    if period.indicative:
        return Expectation(year_goal, None, False, False, period.note, yardstick=period.yardstick,
                            chase=indicator.measure == Measure.GROWTH_RATE, **common)
    if indicator.measure == Measure.FLOW and q < 4 and not in_year(
            target, indicator, year_goal, q, factor, None, None, milestones_only=True):
        stick = in_year(target, indicator, year_goal, q, factor, benchmark, last_year)
        assert stick is not None  # only milestones_only returns None
        note = join(period.note, stick.note)
        whole = year_goal if last_year_of_target else None
        return Expectation(stick.goal, whole if stick.judged else None, stick.judged, False, note,
                            yardstick=stick.yardstick, benchmark=stick.benchmark, **common)
    milestone = in_year(target, indicator, year_goal, q, factor, None, None, milestones_only=True)
    if milestone is not None:
        return Expectation(milestone.goal, None, True, final, join(period.note, milestone.note),
                            yardstick="milestone", **common)
    if indicator.measure in _AT_A_DATE and q < 4:
        note = f"year-end target {describe(year_goal)}: in-year value indicative"
        return Expectation(year_goal, None, False, False, join(period.note, note),
                            yardstick="year_end", **common)
    if indicator.measure == Measure.GROWTH_RATE:
        how, kind = f"growth rate vs same period: {describe(year_goal)} every quarter", "growth"
    else:
        how, kind = f"year-end value: {describe(year_goal)}", "year_end"
    return Expectation(year_goal, None, True, final, join(period.note, how),
                        yardstick=period.yardstick or kind, **common)


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
    same_period = getattr(observation, "same_period_pct", None)
    if factor is None and indicator.measure == Measure.GROWTH_RATE and same_period is not None:
        growth = float(same_period) - 100.0
        why = (f"growth from the sender's \"so với cùng kỳ\" {fmt(float(same_period))}% of a figure in "
               f"{observation.unit}: {fmt(growth)}%")
        return growth, None, why
    if factor is None:
        why = f"cannot convert the figure's unit {observation.unit!r} to {indicator.unit!r}"
        return None, Status.NOT_ASSESSED, why
    alone = "" if observation.cumulative or q == 1 else f"the figure is for {label} alone, not cumulative"
    return observation.value * factor, None, alone


def _fall(
    target: Target, indicator: Indicator, observation: Observation | None, actual: float, year: int,
    history: Mapping[int, float] | None,
) -> tuple[float | None, str, tuple[tuple[int, float], ...]]:
    """For a change target of a rate ("giảm 2 - 3%/năm"): the fall, last year-end rate − this one.
    A figure the sender gives as the change itself (`observation.change`) is the fall."""
    if getattr(observation, "change", False):
        return actual, "the figure submitted is the fall itself", ()
    previous = (history or {}).get(year - 1)
    if previous is None and target.baseline is not None and target.baseline.year == year - 1:
        previous = target.baseline.value
    if previous is None:
        return None, f"no year-end {year - 1} rate in the data, so the fall cannot be worked out", ()
    fall = float(previous) - actual
    return fall, f"fall = {fmt(float(previous))} (end of {year - 1}) − {fmt(actual)} = {fmt(fall)}", (
        (year - 1, float(previous)),)


def _evaluate(
    target: Target, indicator: Indicator, observation: Observation | None, year: int, q: int,
    settings: AssessmentSettings, history: Mapping[int, float] | None,
    benchmark: float | None = None, last_year: Mapping[str, float] | None = None,
) -> Outcome:
    target, revision_note = revised(target, year, q)
    if is_qualitative(target, indicator):
        return Outcome(Status.NOT_ASSESSED, note=join("qualitative", target.statement))
    if not covers(target, year) and not in_view(target, indicator, year, year):
        return Outcome(Status.NOT_ASSESSED, note=f"the target is for {target.period_label}, not {year}")
    actual, refusal, why = _actual(observation, indicator, year, q)
    if refusal is not None:
        return Outcome(refusal, note=why, missing=why)
    change_history: tuple[tuple[int, float], ...] = ()
    if (actual is not None and target.comparison == Comparison.REDUCTION
            and indicator.direction.value == "lower" and indicator.measure in _AT_A_DATE):
        fall, how, change_history = _fall(target, indicator, observation, actual, year, history)
        if fall is None:
            return Outcome(Status.NOT_ASSESSED, actual=actual, indicative=True,
                            note=join(revision_note, how), missing=how)
        actual, why = fall, join(how, why)
    if target.comparison == Comparison.RANK and actual is None:
        return Outcome(Status.NOT_ASSESSED, note="rank: no ranking figure in the submissions",
                        missing="no ranking figure")
    own = observation.benchmark if observation is not None else None
    benchmark = own if own is not None else benchmark
    if target.comparison == Comparison.RELATIVE:
        benchmark = target.benchmark_value if benchmark is None else benchmark
    if target.comparison == Comparison.RELATIVE and actual is None:
        against = target.benchmark or "a benchmark"
        return Outcome(Status.NO_DATA, note=f"relative to {against}: no figure submitted",
                        missing="no figure submitted")
    exp = _expectation(target, indicator, year, q, settings, history, benchmark, last_year)
    if isinstance(exp, str):
        return Outcome(Status.NOT_ASSESSED, actual=actual, indicative=True,
                        note=join(revision_note, exp), missing=exp)
    if change_history:
        exp = replace(exp, history=change_history + exp.history)
    if target.comparison == Comparison.RELATIVE:
        exp = replace(exp, benchmark=benchmark)
    exp = replace(exp, note=join(revision_note, exp.note), heading=target.heading)
    expected_high = exp.goal.high if exp.goal.sense == "band" else None
    if actual is None:
        if not exp.judged and not exp.chase:  # a year-end figure is not chased in-year
            return Outcome(Status.NOT_ASSESSED, exp.goal.value, expected_high, indicative=True,
                            needed_rate=exp.needed_rate, note=exp.note, yardstick=exp.yardstick,
                            benchmark=exp.benchmark, history=exp.history)
        return Outcome(Status.NO_DATA, exp.goal.value, expected_high, needed_rate=exp.needed_rate,
                        note=join(exp.note, "no figure submitted"), yardstick=exp.yardstick,
                        benchmark=exp.benchmark, history=exp.history, missing="no figure submitted")
    outcome = judge(exp, actual, settings)
    return replace(outcome, note=join(outcome.note, why)) if why else outcome


def _stretch_target(target: Target, indicator: Indicator) -> Target | None:
    stretch = target.stretch
    if stretch is None or (stretch.low is None and stretch.high is None):
        return None
    lower = indicator.direction.value == "lower"
    # A relative target's unit is its margin's (%); its stretch is an amount in the indicator's unit.
    unit = "" if target.comparison == Comparison.RELATIVE else target.unit
    return replace(
        target,
        comparison=Comparison.AT_MOST if lower else Comparison.AT_LEAST,
        low=stretch.low, high=stretch.high, unit=unit, tolerance=None, milestones=None, stretch=None,
        benchmark=None, role="goal", revisions=(),
    )


def assess(
    target: Target, indicator: Indicator, observation: Observation | None, *, year: int, quarter: str,
    settings: AssessmentSettings = DEFAULT_SETTINGS, history: Mapping[int, float] | None = None,
    last_year: Mapping[str, float] | None = None, benchmark: float | None = None,
) -> Assessment:
    """How `target` stands at the end of `quarter` of `year`, given the best `observation`.

    `history` holds the indicator's year-end values of earlier years ({2024: 6.01, ...}: from the
    store, else the `baselines:` of the data) for averages, paths and changes; `last_year` its
    cumulative figures by quarter last year ({"Q1": ..., "Q4": ...}), its own in-year path;
    `benchmark` the benchmark for the same period (the national average, from `benchmarks:` in
    the data) where the observation carries none (`Observation.benchmark` takes precedence).
    Raises ValueError for a quarter other than Q1..Q4.
    """
    q = quarter_number(quarter)
    outcome = _evaluate(target, indicator, observation, year, q, settings, history, benchmark, last_year)
    stretch_status = None
    stretch_target = None if is_qualitative(target, indicator) else _stretch_target(target, indicator)
    if stretch_target is not None:
        stretch_status = _evaluate(stretch_target, indicator, observation, year, q, settings, history,
                                   benchmark, last_year).status
    status, indicative, note = outcome.status, outcome.indicative, outcome.note
    if target.role == "stretch":
        # judged only as the stretch of its main target: its own status is information
        stretch_status = status if status not in (Status.NOT_ASSESSED, Status.INFO) else None
        status, indicative = Status.INFO, True
        note = join(f"stretch of {target.stretch_of or 'its main target'}", note)
    elif target.role in NOT_GOALS:
        status, indicative, stretch_status = Status.INFO, True, None
        note = join(f"{target.role}: shown for information, not a goal", note)
    return Assessment(
        target=target.id, indicator=indicator.id, plan=target.plan, year=year, quarter=QUARTERS[q - 1],
        status=status, unit=indicator.unit, expected=outcome.expected, actual=outcome.actual,
        attainment=outcome.attainment, gap=outcome.gap, indicative=indicative,
        stretch_status=stretch_status, needed_rate=outcome.needed_rate, note=note,
        observation=observation if outcome.actual is not None else None,
        expected_high=outcome.expected_high, yardstick=outcome.yardstick, benchmark=outcome.benchmark,
        history=outcome.history, final=outcome.final and status in FINAL, role=target.role,
        missing=outcome.missing,
    )


def assess_all(
    targets: Iterable[Target], indicators: Mapping[str, Indicator], observations: Mapping[str, Observation],
    *, year: int, quarter: str, settings: AssessmentSettings = DEFAULT_SETTINGS,
    histories: Mapping[str, Mapping[int, float]] | None = None,
    last_years: Mapping[str, Mapping[str, float]] | None = None,
    benchmarks: Mapping[str, float] | None = None,
    plan_starts: Mapping[str, int] | None = None,
) -> list[Assessment]:
    """Assess every target in view for `year` (`in_view`: its period covers it, or a level due
    later inside its plan's horizon, `plan_starts` by plan id), in the order given.

    `observations`, `histories`, `last_years` and `benchmarks` are keyed by indicator id. Raises
    KeyError when a target's indicator is not in `indicators` (the catalogue guarantees it is).
    """
    histories, last_years, benchmarks = histories or {}, last_years or {}, benchmarks or {}
    plan_starts = plan_starts or {}
    targets = list(targets)
    # A level due later is shown on its path only where no target of the year says what is due now.
    due_now = {t.indicator for t in targets if covers(t, year)}
    return [
        assess(target, indicators[target.indicator], observations.get(target.indicator), year=year,
               quarter=quarter, settings=settings, history=histories.get(target.indicator),
               last_year=last_years.get(target.indicator), benchmark=benchmarks.get(target.indicator))
        for target in targets
        if covers(target, year) or (
            target.indicator not in due_now
            and in_view(target, indicators[target.indicator], year, plan_starts.get(target.plan)))
    ]


def expected_by_quarter(
    target: Target, indicator: Indicator, quarter: str, year: int | None = None, *,
    settings: AssessmentSettings = DEFAULT_SETTINGS, history: Mapping[int, float] | None = None,
    benchmark: float | None = None, last_year: Mapping[str, float] | None = None,
) -> float | None:
    """The value the target implies by the end of `quarter` of `year` (default: its end year),
    in the indicator's unit; the low edge for a band. None where nothing is expected numerically.
    """
    year = target.year_end if year is None else year
    if is_qualitative(target, indicator) or not covers(target, year):
        return None
    q = quarter_number(quarter)
    target, _ = revised(target, year, q)
    benchmark = target.benchmark_value if benchmark is None else benchmark
    exp = _expectation(target, indicator, year, q, settings, history, benchmark, last_year)
    return None if isinstance(exp, str) else exp.goal.value


def is_lagging(row: Assessment) -> bool:
    """At risk, off track or not met, and not merely indicative: what `lsplan gaps` lists."""
    return row.status in LAGGING and not row.indicative


def severity_key(row: Assessment) -> tuple[int, bool, float, str]:
    """Sort key, worst first: by status (SEVERITY_ORDER), counted rows before indicative ones,
    then attainment ascending, then id."""
    attainment = row.attainment if row.attainment is not None else math.inf
    return SEVERITY_ORDER[row.status], row.indicative, attainment, row.target


def sort_worst_first(rows: Iterable[Assessment]) -> list[Assessment]:
    return sorted(rows, key=severity_key)
