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
from dataclasses import replace

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


def period_goal(
    target: Target, indicator: Indicator, goal: Goal, year: int, factor: float,
    history: Mapping[int, float] | None,
) -> tuple[Goal, float | None, str] | str:
    """The goal for `year` of a multi-year target (the goal itself for a single year)."""
    start, end = target.year_start, target.year_end
    span = year_span(start, end)
    if start == end or target.span_basis == "per_year":
        return goal, None, f"each year of {span}" if start != end else ""
    if target.span_basis == "annual_average":
        if indicator.measure != Measure.GROWTH_RATE or goal.sense == "band" or goal.value is None:
            return goal, None, f"this year's value compared with the {span} average"
        rates, missing = rates_so_far(history, start, year)
        if missing:
            gone = year_span(missing[0], missing[-1])
            note = f"no history for {gone} in the data: this year's rate compared with the {span} average"
            return goal, None, note
        needed = needed_rate(goal.value, end - start + 1, rates)
        if needed is None:
            return goal, None, f"no rate can reach the {span} average: compared with the average"
        note = f"{span} average {fmt(goal.value)}: "
        mean = geometric_mean_rate(rates)
        if mean is not None:
            note += f"{fmt(mean)} a year over {year_span(start, year - 1)}, "
        note += f"{fmt(needed)} a year needed over {year_span(year, end)}"
        return replace(goal, value=needed), needed, note
    # by_end: the level (or the year's flow) to reach in the end year.
    if year == end:
        return goal, None, f"target for {end}"
    baseline = target.baseline
    if baseline is None:
        return f"target for {end}; no baseline in the data, so no path for {year}"
    if not baseline.year <= year < end:
        return f"target for {end}; baseline year {baseline.year} gives no path for {year}"
    base = baseline.value * factor

    def on_path(edge: float | None) -> float | None:
        return None if edge is None else linear_path(base, baseline.year, edge, end, year)

    path = replace(goal, value=on_path(goal.value), high=on_path(goal.high))
    note = (f"linear path from {fmt(base)} ({baseline.year}) to {describe(goal)} in {end}: "
            f"{describe(path)} in {year}")
    return path, None, note
