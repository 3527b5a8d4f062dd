"""What a target asks for, as a number to reach, a ceiling, or a band, in the indicator's unit.

Part of the attainment engine (`lsplan.attainment`); pure computation, no I/O. The comparison in
the data and the indicator's direction decide the goal:

| comparison | higher is better | lower is better | Direction.TARGET |
|---|---|---|---|
| at_least, reduction | reach low | reach low | reach low |
| at_most, rank | stay at or below high | same | same |
| range | reach low | stay at or below high | band low..high |
| approx X | reach X within -tolerance | stay below X within +tolerance | band X ± tolerance |
| exact X | reach X | stay at or below X | band X..X |
| band | band low..high (one open side: reach low / stay at or below high) | same | same |
| relative | reach the benchmark (× (1 + margin/100)) | stay below it | reach it |

A range's other end is kept as `far`: beyond it the final label is "Vượt" (exceeded).
"khoảng" on a relative margin (`approx: true`) lets the margin fall short by the approx
tolerance of itself: "cao hơn khoảng 13%" of 9.100 is met from 9.100 × (1 + 0,13 × 0,95).

"reduction" ("giảm 2 - 3%/năm"): the actual is the reduction achieved, so more is better.
An open side takes the other side's value. Relative targets without a margin are strict
("thấp hơn" means lower, not equal).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from lsplan.model import AssessmentSettings, Comparison, Direction, Indicator, Target
from lsplan.text import fold
from lsplan.units import convert

_EPSILON = 1e-9


@dataclass(frozen=True, slots=True)
class Goal:
    """One period's goal. `sense`: "min" (reach `value`), "max" (at or below `value`),
    "band" (between `value` and `high`; either side may be open)."""

    sense: str
    value: float | None
    high: float | None = None
    slack: float = 0.0  # relative tolerance ("khoảng")
    strict: bool = False  # "thấp hơn" / "cao hơn": equal does not meet it
    far: float | None = None  # a range's other end: beyond it is "Vượt" (exceeded)

    def met_by(self, actual: float) -> bool:
        """Whether `actual` meets a min/max goal (bands are judged with their tolerance apart)."""
        value = self.value if self.value is not None else 0.0
        # Computed goals (needed rates, paths, shares) carry float noise: 8.000000000000002.
        room = self.slack * abs(value) + _EPSILON * max(1.0, abs(value))
        if self.sense == "min":
            return actual > value + _EPSILON if self.strict else actual >= value - room
        return actual < value - _EPSILON if self.strict else actual <= value + room

    def scaled(self, factor: float) -> Goal:
        """The goal times `factor` (a flow's cumulative share by a quarter)."""
        return replace(
            self,
            value=None if self.value is None else self.value * factor,
            high=None if self.high is None else self.high * factor,
            far=None if self.far is None else self.far * factor,
        )

    def at(self, milestone: float) -> Goal:
        """The goal with `milestone` as its value; a band is scaled in proportion."""
        if self.sense == "band" and self.value:
            return self.scaled(milestone / self.value)
        if self.sense == "band":
            return replace(self, value=milestone, high=milestone)
        if self.value and self.far is not None:
            return replace(self, value=milestone, far=self.far * milestone / self.value)
        return replace(self, value=milestone, far=None)


def fmt(number: float) -> str:
    """A compact number for notes: at most four decimals, no trailing zeros."""
    text = f"{number:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def describe(goal: Goal) -> str:
    """"≥ 8", "≤ 4", "12–13", "≈ 6 (±5%)", "> 3.2" for notes."""
    if goal.sense == "band":
        if goal.value is None:
            return f"≤ {fmt(goal.high or 0.0)}"
        if goal.high is None:
            return f"≥ {fmt(goal.value)}"
        return fmt(goal.value) if goal.value == goal.high else f"{fmt(goal.value)}–{fmt(goal.high)}"
    value = fmt(goal.value if goal.value is not None else 0.0)
    if goal.slack:
        return f"≈ {value} (±{fmt(goal.slack * 100)}%)"
    if goal.sense == "min":
        return f"> {value}" if goal.strict else f"≥ {value}"
    return f"< {value}" if goal.strict else f"≤ {value}"


def amount(goal: Goal) -> str:
    """The goal's figure(s) without the comparison: "4.4", "12–13" (flow notes: "25% of 4.4")."""
    if goal.sense == "band" and goal.value is not None and goal.high is not None:
        return describe(goal)
    value = goal.value if goal.value is not None else goal.high
    return fmt(value if value is not None else 0.0)


_PER_YEAR = re.compile(r"\s*/\s*(năm|nam)\s*$", re.IGNORECASE)


def unit_factor(from_unit: str | None, to_unit: str | None) -> float | None:
    """The factor taking values in `from_unit` to `to_unit`; 1.0 when either is blank or they
    are the same; None when they cannot be converted."""
    # "%/năm" is "%" for a yearly target: the span's basis already says "per year".
    from_unit, to_unit = _PER_YEAR.sub("", from_unit or ""), _PER_YEAR.sub("", to_unit or "")
    if not from_unit or not to_unit or fold(from_unit) == fold(to_unit):
        return 1.0
    return convert(1.0, from_unit, to_unit)


def annual_goal(
    target: Target, indicator: Indicator, settings: AssessmentSettings, factor: float,
    benchmark: float | None,
) -> Goal | str:
    """The goal of the target's own period (a year, or the span's average/end value), in the
    indicator's unit; a string saying why there is none."""
    direction, comparison = indicator.direction, target.comparison
    if comparison == Comparison.RELATIVE:
        return _relative_goal(target, indicator, benchmark, settings)
    low = None if target.low is None else target.low * factor
    high = None if target.high is None else target.high * factor
    if low is None and high is None:
        return "no number in the target"
    first = low if low is not None else high
    last = high if high is not None else low
    assert first is not None and last is not None
    if comparison in (Comparison.AT_LEAST, Comparison.REDUCTION):
        return Goal("min", first, far=last if last != first else None)
    if comparison in (Comparison.AT_MOST, Comparison.RANK):
        return Goal("max", last)
    if comparison == Comparison.BAND:
        if low is None:
            return Goal("max", high)
        return Goal("min", low) if high is None else Goal("band", low, high)
    if comparison == Comparison.APPROX:
        tolerance = target.tolerance if target.tolerance is not None else settings.approx_tolerance
        if direction == Direction.TARGET:
            return Goal("band", first - tolerance * abs(first), first + tolerance * abs(first))
        return Goal("max" if direction == Direction.LOWER else "min", first, slack=tolerance)
    if direction == Direction.TARGET:  # range or exact
        return Goal("band", first, last)
    if direction == Direction.LOWER:
        return Goal("max", last, far=first if first != last else None)
    return Goal("min", first, far=last if last != first else None)


def _relative_goal(
    target: Target, indicator: Indicator, benchmark: float | None, settings: AssessmentSettings
) -> Goal | str:
    against = target.benchmark or "a benchmark"
    if benchmark is None:
        return f"relative to {against}: the submission gives no benchmark value"
    margin = target.low if target.low is not None else target.high
    in_percent = fold(target.unit or "") == "%" and fold(indicator.unit) != "%"
    if margin is not None and in_percent:  # "tăng 13% so với dự toán"
        value = benchmark * (1 + margin / 100)
        sense = "max" if indicator.direction == Direction.LOWER else "min"
        if target.approx:  # "cao hơn khoảng 13%": the margin is met within the approx tolerance
            tolerance = target.tolerance if target.tolerance is not None else settings.approx_tolerance
            slack = tolerance * abs(margin) / (100 + margin) if margin > -100 else 0.0
            return Goal(sense, value, slack=slack)
        return Goal(sense, value)
    sense = "max" if indicator.direction == Direction.LOWER else "min"
    return Goal(sense, benchmark, strict=True)
