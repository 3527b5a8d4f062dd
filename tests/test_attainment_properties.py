"""Properties of the attainment engine that must hold for any target and figure."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lsplan.attainment import QUARTERS, assess, expected_by_quarter
from lsplan.model import (
    AssessmentSettings,
    Comparison,
    Direction,
    Indicator,
    Measure,
    Observation,
    Status,
    Stretch,
    Target,
)

# How good a status is, for one target and quarter. An indicative not_assessed row (a year-end
# target seen in-year, not yet met) sits between lagging and on track.
# Final labels (the period is over) never mix with in-year words for one target and quarter.
GOODNESS = {Status.OFF_TRACK: 0, Status.NOT_MET: 0, Status.AT_RISK: 1, Status.NEARLY_MET: 1,
            Status.NOT_ASSESSED: 1.5, Status.ON_TRACK: 2, Status.ACHIEVED: 3, Status.EXCEEDED: 4}

measures = st.sampled_from([Measure.FLOW, Measure.GROWTH_RATE, Measure.SHARE, Measure.LEVEL, Measure.COUNT])
quarters = st.sampled_from(QUARTERS)
values = st.floats(min_value=-50, max_value=1e6, allow_nan=False)
positive = st.floats(min_value=0.01, max_value=1e5, allow_nan=False)
thresholds = st.tuples(st.floats(0.5, 1.0), st.floats(0.1, 1.0)).map(
    lambda pair: AssessmentSettings(on_track=max(pair), at_risk=min(pair)))
profiles = st.lists(st.floats(0.0, 1.0), min_size=3, max_size=3).map(lambda xs: (*sorted(xs), 1.0))


def indicator(measure: Measure, direction: Direction, profile=None) -> Indicator:
    return Indicator(id="x", name="x", name_en="x", unit="u", measure=measure, direction=direction,
                     profile=profile)


def target(comparison: Comparison, low: float | None, high: float | None, **kw) -> Target:
    return Target(id="p.x", plan="p", indicator="x", comparison=comparison, year_start=2025, year_end=2025,
                  low=low, high=high, **kw)


def judge(tgt: Target, ind: Indicator, value: float, quarter: str, settings_: AssessmentSettings,
          **obs):
    observation = Observation(indicator="x", value=value, unit="u", year=2025, period=quarter, **obs)
    return assess(tgt, ind, observation, year=2025, quarter=quarter, settings=settings_)


higher_targets = st.builds(
    lambda comparison, low, width, tolerance: target(comparison, low, low + width, tolerance=tolerance),
    st.sampled_from([Comparison.AT_LEAST, Comparison.RANGE, Comparison.APPROX, Comparison.EXACT,
                     Comparison.REDUCTION]),
    positive, st.floats(0, 100), st.one_of(st.none(), st.floats(0, 0.2)),
)
lower_targets = st.builds(
    lambda comparison, high, width: target(comparison, max(high - width, 0.0), high),
    st.sampled_from([Comparison.AT_MOST, Comparison.RANGE, Comparison.RANK, Comparison.EXACT]),
    positive, st.floats(0, 100),
)


@settings(max_examples=300)
@given(higher_targets, measures, quarters, values, values, thresholds, st.one_of(st.none(), profiles))
def test_raising_an_actual_never_worsens_higher_is_better(tgt, measure, quarter, a, b, limits, profile):
    ind = indicator(measure, Direction.HIGHER, profile)
    low, high = sorted((a, b))
    worse, better = judge(tgt, ind, low, quarter, limits), judge(tgt, ind, high, quarter, limits)
    assert GOODNESS[worse.status] <= GOODNESS[better.status]
    if worse.attainment is not None and better.attainment is not None:
        assert worse.attainment <= better.attainment
    assert worse.gap is not None and better.gap is not None and worse.gap <= better.gap


@settings(max_examples=300)
@given(lower_targets, measures, quarters, values, values, thresholds)
def test_lowering_an_actual_never_worsens_lower_is_better(tgt, measure, quarter, a, b, limits):
    ind = indicator(measure, Direction.LOWER)
    low, high = sorted((a, b))
    better, worse = judge(tgt, ind, low, quarter, limits), judge(tgt, ind, high, quarter, limits)
    assert GOODNESS[worse.status] <= GOODNESS[better.status]
    if worse.attainment is not None and better.attainment is not None:
        assert worse.attainment <= better.attainment


@settings(max_examples=300)
@given(
    st.sampled_from(list(Comparison)), st.sampled_from(list(Measure)), st.sampled_from(list(Direction)),
    st.one_of(st.none(), values), st.one_of(st.none(), values), quarters,
    st.one_of(st.none(), values), st.one_of(st.none(), values), st.integers(2020, 2031),
)
def test_statuses_always_in_the_vocabulary(comparison, measure, direction, low, high, quarter, actual,
                                           benchmark, year):
    tgt = Target(id="p.x", plan="p", indicator="x", comparison=comparison, year_start=2021, year_end=2030,
                 span_basis="annual_average" if measure == Measure.GROWTH_RATE else "by_end",
                 low=low, high=high, stretch=Stretch(text="s", low=high))
    ind = indicator(measure, direction)
    observation = None if actual is None else Observation(
        indicator="x", value=actual, unit="u", year=year, period=quarter, benchmark=benchmark)
    row = assess(tgt, ind, observation, year=year, quarter=quarter, history={2021: 5.0})
    assert row.status in set(Status)
    assert row.stretch_status is None or row.stretch_status in set(Status)
    assert row.quarter == quarter and row.unit == "u"
    if row.indicative:
        assert row.status in (Status.ON_TRACK, Status.NOT_ASSESSED)
    if row.actual is None:
        assert row.status in (Status.NO_DATA, Status.NOT_ASSESSED)


@given(positive, st.one_of(st.none(), profiles))
def test_expected_flow_never_decreases_across_quarters(annual, profile):
    ind = indicator(Measure.FLOW, Direction.HIGHER, profile)
    tgt = target(Comparison.AT_LEAST, annual, None)
    path = [expected_by_quarter(tgt, ind, quarter) for quarter in QUARTERS]
    assert all(value is not None for value in path)
    assert path == sorted(path)
    assert path[-1] == annual


@given(positive, st.lists(positive, min_size=4, max_size=4).map(sorted))
def test_expected_flow_follows_sorted_milestones(annual, marks):
    ind = indicator(Measure.FLOW, Direction.HIGHER)
    tgt = target(Comparison.AT_LEAST, annual, None, milestones=dict(zip(QUARTERS, marks, strict=True)))
    path = [expected_by_quarter(tgt, ind, quarter) for quarter in QUARTERS]
    assert path == marks


@given(positive, quarters, positive)
def test_stretch_never_changes_the_main_status(low, quarter, actual):
    ind = indicator(Measure.GROWTH_RATE, Direction.HIGHER)
    plain = target(Comparison.AT_LEAST, low, None)
    stretched = target(Comparison.AT_LEAST, low, None, stretch=Stretch(text="phấn đấu", low=low * 1.3))
    limits = AssessmentSettings()
    a, b = judge(plain, ind, actual, quarter, limits), judge(stretched, ind, actual, quarter, limits)
    assert (a.status, a.expected, a.attainment) == (b.status, b.expected, b.attainment)
    assert GOODNESS[b.stretch_status] <= GOODNESS[b.status]
