"""In-year yardsticks: what share of a year's goal is expected by the end of a quarter.

Part of the attainment engine (`lsplan.attainment`); pure computation, no I/O. For a flow
(tourists, revenue, disbursement), in order:

1. the target's own milestones for the quarter (`milestones: {Q1: ..}`), judged;
2. the indicator's seasonal `profile` (cumulative shares), judged;
3. the indicator's own path last year (last year's cumulative figure to the quarter over last
   year's whole-year figure), when the store (or the data) holds both, judged;
4. a back-loaded flow (`yardstick: back_loaded`: public investment, whose year runs to 31
   January of the next year): the benchmark for the same period (the national average), judged
   as "at least the benchmark"; without one, indicative;
5. a seasonal flow without a profile (`seasonal: true`), or `yardstick: indicative`: indicative,
   the even share shown for reference only;
6. else the even share (¼, ½, ¾).

"Indicative" means shown, never lagging, never chased as missing: nothing honest is known
about when in the year the flow comes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lsplan.goals import Goal, amount, describe, fmt
from lsplan.model import Indicator, Target

QUARTERS = ("Q1", "Q2", "Q3", "Q4")
EVEN_PROFILE = (0.25, 0.5, 0.75, 1.0)  # cumulative share of an annual flow by Q1..Q4


@dataclass(frozen=True, slots=True)
class Yardstick:
    goal: Goal
    judged: bool
    note: str
    yardstick: str  # milestone, profile, last_year, benchmark, back_loaded, seasonal, indicative, even
    benchmark: float | None = None


def milestone(target: Target, q: int, factor: float) -> float | None:
    """The target's cumulative milestone for quarter q, in the indicator's unit."""
    if not target.milestones or target.year_start != target.year_end:
        return None
    for key, value in target.milestones.items():
        if str(key).strip().upper() == QUARTERS[q - 1]:
            return float(value) * factor
    return None


def last_year_share(last_year: Mapping[str, float] | None, q: int) -> float | None:
    """Last year's cumulative figure to quarter q as a share of its whole year, when both are known."""
    if not last_year:
        return None
    part, whole = last_year.get(QUARTERS[q - 1]), last_year.get("Q4")
    if part is None or whole is None or whole <= 0 or part < 0:
        return None
    return min(float(part) / float(whole), 1.0)


def in_year(
    target: Target, indicator: Indicator, year_goal: Goal, q: int, factor: float,
    benchmark: float | None, last_year: Mapping[str, float] | None, *, milestones_only: bool = False,
) -> Yardstick | None:
    """The yardstick for quarter q (< 4) of a flow's year goal (see the module docstring)."""
    label = QUARTERS[q - 1]
    mark = milestone(target, q, factor)
    if mark is not None:
        goal = year_goal.at(mark)
        return Yardstick(goal, True, f"milestone {describe(goal)} by {label}", "milestone")
    if milestones_only:
        return None
    mode = indicator.yardstick
    if indicator.profile and mode != "indicative":
        share = indicator.profile[q - 1]
        return Yardstick(year_goal.scaled(share), True,
                         f"flow: {fmt(share * 100)}% of {amount(year_goal)} expected by {label} "
                         "(seasonal profile)", "profile")
    own = last_year_share(last_year, q) if mode != "indicative" else None
    if own is not None:
        return Yardstick(year_goal.scaled(own), True,
                         f"flow: {fmt(own * 100)}% of {amount(year_goal)} expected by {label} "
                         f"(the indicator's own path last year)", "last_year")
    even = EVEN_PROFILE[q - 1]
    if mode == "back_loaded":
        runs = (f"; the year's flow runs to {indicator.runs_to} of the next year"
                if indicator.runs_to else "")
        if benchmark is not None:
            goal = Goal("min", benchmark)
            return Yardstick(goal, True, f"back-loaded flow{runs}: judged against the benchmark "
                             f"{fmt(benchmark)} for {label} (national average)", "benchmark", benchmark)
        return Yardstick(year_goal.scaled(even), False,
                         f"back-loaded flow{runs}: no benchmark or last year's path for {label}, "
                         f"in-year value indicative", "back_loaded")
    if indicator.seasonal or mode == "indicative":
        seasonal = indicator.seasonal
        why = "seasonal flow without a profile in the data" if seasonal else "no honest in-year yardstick"
        return Yardstick(year_goal.scaled(even), False,
                         f"{why}: in-year value indicative (even share {fmt(even * 100)}% of "
                         f"{amount(year_goal)} shown for reference)",
                         "seasonal" if seasonal else "indicative")
    return Yardstick(year_goal.scaled(even), True,
                     f"flow: {fmt(even * 100)}% of {amount(year_goal)} expected by {label} (even profile)",
                     "even")
