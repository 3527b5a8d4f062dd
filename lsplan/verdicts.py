"""Verdicts: one figure against what is expected by the quarter -> a status, attainment, gap.

Part of the attainment engine (`lsplan.attainment`, which finds the expectation); pure
computation, no I/O. In-year: on_track / at_risk / off_track by the ratio to what is expected
(`AssessmentSettings`), achieved once a flow meets the whole year. At the end of the target's
period only final labels: exceeded, achieved, nearly_met, not_met (docs/attainment.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from lsplan.goals import Goal, fmt
from lsplan.model import AssessmentSettings, Status


@dataclass(frozen=True, slots=True)
class Expectation:
    """What the target asks for by the end of the quarter, and how that was found."""

    goal: Goal
    whole: Goal | None  # flows in their final year: meeting this in-year is `achieved`
    judged: bool  # False: indicative (a year-end figure in-year, no honest yardstick)
    final: bool  # the end of the target's period: final labels
    note: str
    needed_rate: float | None = None
    yardstick: str = ""
    history: tuple[tuple[int, float], ...] = ()
    open_end: str = ""  # a flow that keeps counting after Q4 ("31/01")
    stretch: float | None = None  # the year's stretch value, for "exceeded"
    benchmark: float | None = None
    heading: str | None = None  # bands: the way the plan wants the share to move
    chase: bool = False  # indicative, yet the figure is due this quarter (a growth rate)


@dataclass(frozen=True, slots=True)
class Outcome:
    status: Status
    expected: float | None = None
    expected_high: float | None = None
    actual: float | None = None
    attainment: float | None = None
    gap: float | None = None
    indicative: bool = False
    needed_rate: float | None = None
    note: str = ""
    yardstick: str = ""
    benchmark: float | None = None
    history: tuple[tuple[int, float], ...] = ()
    final: bool = False
    missing: str = ""


def join(*parts: str) -> str:
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


def _beyond(exp: Expectation, actual: float, settings: AssessmentSettings) -> bool:
    """Whether a met goal is exceeded ("Vượt")."""
    goal = exp.goal
    noise = 1e-9 * max(1.0, abs(actual))
    if exp.stretch is not None:
        if (goal.sense == "min" and actual >= exp.stretch - noise) or (
                goal.sense == "max" and actual <= exp.stretch + noise):
            return True
    if goal.strict or goal.value is None:
        return False
    if goal.far is not None:
        return actual > goal.far + noise if goal.sense == "min" else actual < goal.far - noise
    if goal.sense == "max" or goal.value == 0:
        return False  # a ceiling kept ("không quá", a rank) is achieved, not exceeded
    margin = max(settings.approx_tolerance, goal.slack) * abs(goal.value)
    return actual > goal.value + margin + noise


def _in_year(ratio: float, settings: AssessmentSettings) -> Status:
    if ratio >= settings.on_track:
        return Status.ON_TRACK
    return Status.AT_RISK if ratio >= settings.at_risk else Status.OFF_TRACK


def judge(exp: Expectation, actual: float, settings: AssessmentSettings) -> Outcome:
    goal = exp.goal
    if goal.sense == "band":
        return judge_band(exp, actual, settings)
    expected = goal.value if goal.value is not None else 0.0
    met = goal.met_by(actual)
    if goal.sense == "min":
        gap = actual - expected
        attainment = actual / expected * 100 if expected > 0 else None
    else:
        gap = expected - actual
        attainment = expected / actual * 100 if expected > 0 and actual > 0 else None
    final = exp.final and (met or not exp.open_end)
    note = exp.note
    if exp.final and not final:
        note = join(note, f"not final: the year's figure keeps counting until {exp.open_end} "
                           "of the next year")
    ratio = _ratio(goal, actual)
    if not exp.judged:
        status = Status.ON_TRACK if met else Status.NOT_ASSESSED
    elif final and met:
        status = Status.EXCEEDED if _beyond(exp, actual, settings) else Status.ACHIEVED
    elif final:
        status = Status.NEARLY_MET if ratio >= settings.on_track else Status.NOT_MET
    elif met:
        whole_met = exp.whole is not None and exp.whole.met_by(actual)
        status = Status.ACHIEVED if whole_met else Status.ON_TRACK
    else:
        status = _in_year(ratio, settings)
    return Outcome(status, expected, None, actual, attainment, gap, not exp.judged, exp.needed_rate, note,
                    exp.yardstick, exp.benchmark, exp.history, final and exp.judged)


def judge_band(exp: Expectation, actual: float, settings: AssessmentSettings) -> Outcome:
    goal = exp.goal
    low, high = goal.value, goal.high
    tolerance = settings.band_tolerance
    room = tolerance + 1e-9  # float noise from paths and milestones
    heading = exp.heading
    wanted = False
    if low is not None and actual < low - room:
        gap = actual - low
        ratio = actual / low if low > 0 else -math.inf
        wanted = heading == "down"
        where = f"{fmt(-gap)} below the band"
    elif high is not None and actual > high + room:
        gap = high - actual
        ratio = high / actual if high > 0 and actual > 0 else -math.inf
        wanted = heading == "up"
        where = f"{fmt(-gap)} above the band"
    else:
        gap, ratio = 0.0, 1.0
        where = "inside the band"
    inside = where == "inside the band"
    if wanted:
        gap = -gap  # ahead of the band, the way the plan wants the share to move
        where += f", the way the plan wants it to move ({'down' if heading == 'down' else 'up'})"
    elif not inside and heading:
        where += f", against the way the plan wants it to move ({heading})"
    if tolerance:
        where += f" (tolerance {fmt(tolerance)})"
    if not exp.judged:
        status = Status.ON_TRACK if inside or wanted else Status.NOT_ASSESSED
    elif exp.final:
        if inside:
            status = Status.ACHIEVED
        elif wanted:
            status = Status.EXCEEDED
        elif heading is None and ratio >= settings.on_track:
            status = Status.NEARLY_MET
        else:
            status = Status.NOT_MET
    elif inside or wanted:
        status = Status.ON_TRACK
    else:
        status = Status.AT_RISK if ratio >= settings.at_risk else Status.OFF_TRACK
    return Outcome(status, low, high, actual, None, gap, not exp.judged, exp.needed_rate,
                    join(exp.note, where), exp.yardstick, exp.benchmark, exp.history,
                    exp.final and exp.judged)
