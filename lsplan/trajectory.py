"""Multi-year targets: the compound path of an average growth rate, the linear path of a level.

Pure arithmetic, no I/O. Rates are in percent (8.1 means 8.1 %), as the plans and the
submissions write them.

- An "annual average" growth target over a span (GRDP growth 8 - 9 % a year over 2021-2030)
  is met when the product of (1 + r_i) over the span's years reaches (1 + avg)^n. With the
  rates of the years already done, the rate still needed in each remaining year is
  ``((1 + avg)^n / prod(1 + r_i)) ^ (1 / remaining) - 1``.
- A level "by the end" of a span (forest cover 67 % by 2030) is on a straight line from the
  baseline (value, year) to the target in the end year.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from lsplan.goals import Goal, describe, fmt
from lsplan.model import Indicator, Measure, Target


def growth_factor(rates: Iterable[float]) -> float:
    """The product of (1 + r/100) over the given yearly rates (1.0 for none)."""
    return math.prod(1.0 + rate / 100.0 for rate in rates)


def geometric_mean_rate(rates: Sequence[float]) -> float | None:
    """The constant yearly rate (percent) that compounds to the same total as `rates`.

    None for no rates, or when the total factor is not positive (a fall of 100 % or more).
    """
    if not rates:
        return None
    factor = growth_factor(rates)
    if factor <= 0:
        return None
    return (factor ** (1.0 / len(rates)) - 1.0) * 100.0


def needed_rate(average: float, years_total: int, done: Sequence[float]) -> float | None:
    """The yearly rate (percent) needed in each remaining year of the span to reach `average`.

    `years_total` is the number of years in the span, `done` the rates of the years already
    behind. None when no year remains or when the maths has no real answer.
    """
    remaining = years_total - len(done)
    if remaining <= 0 or years_total <= 0:
        return None
    goal = (1.0 + average / 100.0) ** years_total
    so_far = growth_factor(done)
    if goal <= 0 or so_far <= 0:
        return None
    return ((goal / so_far) ** (1.0 / remaining) - 1.0) * 100.0


def rates_so_far(history: Mapping[int, float] | None, start: int, year: int) -> tuple[list[float], list[int]]:
    """The rates of the years start .. year-1 from `history`, and the years missing from it."""
    years = range(start, year)
    history = history or {}
    missing = [y for y in years if y not in history]
    return [float(history[y]) for y in years if y in history], missing


def linear_path(
    baseline_value: float, baseline_year: int, target_value: float, target_year: int, year: int
) -> float | None:
    """The value expected in `year` on the straight line from the baseline to the target.

    None when the target year is not after the baseline year.
    """
    if target_year <= baseline_year:
        return None
    fraction = (year - baseline_year) / (target_year - baseline_year)
    return baseline_value + (target_value - baseline_value) * fraction


def year_span(start: int, end: int) -> str:
    """"2021–2024" for a span, "2021" for a single year."""
    return str(start) if start == end else f"{start}–{end}"


@dataclass(frozen=True, slots=True)
class PeriodGoal:
    """The goal for one year of a target, and how it was found."""

    goal: Goal
    needed: float | None = None  # annual averages: the rate still needed each remaining year
    note: str = ""
    indicative: bool = False  # nothing honest to judge against this year: shown, not judged
    yardstick: str = ""  # "needed_rate", "average", "path", "" (the year's own goal)
    history: tuple[tuple[int, float], ...] = ()  # the earlier values used


def baseline_for(
    target: Target, year: int, history: Mapping[int, float] | None, factor: float
) -> tuple[float, int, str] | None:
    """(value in the indicator's unit, year, where from) to start a level's path from: the
    target's own `baseline`, else the latest year-end value before `year` in `history`."""
    if target.baseline is not None and target.baseline.year <= year:
        return target.baseline.value * factor, target.baseline.year, "baseline"
    earlier = [y for y in (history or {}) if y < year]
    if earlier:
        last = max(earlier)
        return float((history or {})[last]), last, "history"
    return None


def period_goal(
    target: Target, indicator: Indicator, goal: Goal, year: int, factor: float,
    history: Mapping[int, float] | None,
) -> PeriodGoal | str:
    """The goal for `year` of a target: its own goal in its year (and each year of a per-year
    span), the compound path of an annual average, or the straight path of a level due later."""
    start, end = target.year_start, target.year_end
    span = year_span(start, end)
    if target.span_basis == "per_year" and start != end:
        return PeriodGoal(goal, note=f"each year of {span}")
    if year == end and (start == end or target.span_basis != "annual_average"):
        return PeriodGoal(goal, note=f"target for {end}" if start != end else "")
    if target.span_basis == "annual_average" and start != end:
        if indicator.measure != Measure.GROWTH_RATE or goal.sense == "band" or goal.value is None:
            return PeriodGoal(goal, note=f"this year's value compared with the {span} average",
                              yardstick="average")
        rates, missing = rates_so_far(history, start, year)
        used = tuple((y, float((history or {})[y])) for y in range(start, year) if y in (history or {}))
        if missing:
            gone = year_span(missing[0], missing[-1])
            note = (f"no history for {gone} in the data: this year's rate is shown against the "
                    f"{span} average, indicative only")
            return PeriodGoal(goal, note=note, indicative=True, yardstick="average", history=used)
        needed = needed_rate(goal.value, end - start + 1, rates)
        if needed is None:
            return PeriodGoal(goal, note=f"no rate can reach the {span} average: compared with the average",
                              yardstick="average", history=used)
        note = f"{span} average {fmt(goal.value)}: "
        mean = geometric_mean_rate(rates)
        if mean is not None and rates:
            note += f"{fmt(mean)} a year over {year_span(start, year - 1)}, "
        note += f"{fmt(needed)} a year needed over {year_span(year, end)}"
        return PeriodGoal(replace(goal, value=needed), needed, note, yardstick="needed_rate", history=used)
    # A level (or the year's flow) due in the end year, seen in an earlier year.
    base = baseline_for(target, year, history, factor)
    if base is None:
        return f"target for {end}; no baseline in the data, so no path for {year}"
    value, base_year, where = base

    def on_path(edge: float | None) -> float | None:
        return None if edge is None else linear_path(value, base_year, edge, end, year)

    path = replace(goal, value=on_path(goal.value), high=on_path(goal.high),
                   far=on_path(goal.far) if goal.far is not None else None)
    what = "baseline" if where == "baseline" else "last known year-end value"
    note = (f"target for {end}: straight path from the {what} {fmt(value)} ({base_year}) to "
            f"{describe(goal)} in {end}: {describe(path)} in {year}")
    return PeriodGoal(path, note=note, yardstick="path", history=((base_year, value),))
