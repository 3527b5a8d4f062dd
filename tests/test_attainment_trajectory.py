"""Multi-year targets: 2021-2030 averages (compound path, needed rate) and 2030 levels (linear path)."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lsplan import trajectory
from lsplan.attainment import assess, expected_by_quarter
from lsplan.model import Baseline, Comparison, Indicator, Measure, Observation, Status, Target

S = Status
GROWTH = Indicator(id="grdp", name="GRDP", name_en="GRDP", unit="%", measure=Measure.GROWTH_RATE)
AVERAGE = Target(id="ct52.grdp", plan="ct52", indicator="grdp", comparison=Comparison.RANGE,
                 year_start=2021, year_end=2030, span_basis="annual_average", low=8, high=9)
HISTORY = {2021: 6.0, 2022: 7.0, 2023: 8.0, 2024: 7.5}


def grdp(value: float, year: int = 2025, quarter: str = "Q4") -> Observation:
    return Observation(indicator="grdp", value=value, unit="%", year=year, period=quarter)


def test_needed_rate_formula():
    done = [6.0, 7.0, 8.0, 7.5]
    expected = ((1.08**10 / (1.06 * 1.07 * 1.08 * 1.075)) ** (1 / 6) - 1) * 100
    assert trajectory.needed_rate(8, 10, done) == pytest.approx(expected)
    assert trajectory.needed_rate(8, 10, []) == pytest.approx(8)
    assert trajectory.needed_rate(8, 4, done) is None  # nothing remains
    assert trajectory.needed_rate(8, 10, [-100.0]) is None  # the economy vanished: no answer


def test_geometric_mean():
    assert trajectory.geometric_mean_rate([10.0, 10.0]) == pytest.approx(10)
    assert trajectory.geometric_mean_rate([0.0, 21.0]) == pytest.approx(10)
    assert trajectory.geometric_mean_rate([]) is None


def test_linear_path():
    assert trajectory.linear_path(60, 2020, 67, 2030, 2025) == pytest.approx(63.5)
    assert trajectory.linear_path(60, 2030, 67, 2030, 2025) is None


@given(
    average=st.floats(min_value=-5, max_value=15),
    done=st.lists(st.floats(min_value=-10, max_value=20), max_size=9),
)
def test_growing_at_the_needed_rate_reaches_the_average(average, done):
    total = 10
    needed = trajectory.needed_rate(average, total, done)
    assert needed is not None
    path = done + [needed] * (total - len(done))
    assert trajectory.geometric_mean_rate(path) == pytest.approx(average, abs=1e-6)


def test_average_with_history_uses_the_compound_path():
    needed = trajectory.needed_rate(8, 10, list(HISTORY.values()))
    row = assess(AVERAGE, GROWTH, grdp(8.27, quarter="Q1"), year=2025, quarter="Q1", history=HISTORY)
    assert row.needed_rate == pytest.approx(needed)
    assert row.expected == pytest.approx(needed)  # 8.589: behind so far, so more is needed now
    assert row.status is S.ON_TRACK  # 8.27 / 8.589 = 96.3 %
    assert "7.1224 a year over 2021–2024" in row.note
    assert "8.589 a year needed over 2025–2030" in row.note
    # a weaker year: at risk against the needed rate, though it would be on track against 8
    row = assess(AVERAGE, GROWTH, grdp(7.7), year=2025, quarter="Q4", history=HISTORY)
    assert row.status is S.AT_RISK
    # not the span's last year: meeting the needed rate is on track, not achieved
    assert assess(AVERAGE, GROWTH, grdp(9.0), year=2025, quarter="Q4", history=HISTORY).status is S.ON_TRACK


def test_average_in_the_last_year():
    history = dict.fromkeys(range(2021, 2030), 8.0)
    row = assess(AVERAGE, GROWTH, grdp(8.0, 2030), year=2030, quarter="Q4", history=history)
    assert row.status is S.ACHIEVED
    assert row.needed_rate == pytest.approx(8)
    short = assess(AVERAGE, GROWTH, grdp(5.0, 2030), year=2030, quarter="Q4", history=history)
    assert short.status is S.NOT_MET  # the span is over: a final label


def test_average_without_history_says_so():
    row = assess(AVERAGE, GROWTH, grdp(8.27), year=2025, quarter="Q4")
    assert (row.expected, row.needed_rate, row.status) == (8, None, S.ON_TRACK)
    assert "no history for 2021–2024" in row.note
    partial = assess(AVERAGE, GROWTH, grdp(8.27), year=2025, quarter="Q4", history={2021: 6.0, 2022: 7.0})
    assert "no history for 2023–2024" in partial.note
    first = assess(AVERAGE, GROWTH, grdp(8.27, 2021), year=2021, quarter="Q4")
    assert first.needed_rate == pytest.approx(8)


FOREST = Indicator(id="forest", name="Che phủ rừng", name_en="Forest cover", unit="%", measure=Measure.SHARE)
FOREST_2030 = Target(id="ct52.forest", plan="ct52", indicator="forest", comparison=Comparison.AT_LEAST,
                     year_start=2021, year_end=2030, low=67)


def forest(value: float, year: int = 2025, quarter: str = "Q4") -> Observation:
    return Observation(indicator="forest", value=value, unit="%", year=year, period=quarter)


def test_level_by_end_without_baseline_is_not_assessed():
    row = assess(FOREST_2030, FOREST, forest(63.0), year=2025, quarter="Q4")
    assert row.status is S.NOT_ASSESSED
    assert "no baseline in the data" in row.note
    assert row.expected is None
    final = assess(FOREST_2030, FOREST, forest(67.5, 2030), year=2030, quarter="Q4")
    assert final.status is S.ACHIEVED


def test_level_by_end_with_baseline_follows_the_linear_path():
    target = replace(FOREST_2030, baseline=Baseline(value=60.0, year=2020))
    row = assess(target, FOREST, forest(63.6), year=2025, quarter="Q4")
    assert row.expected == pytest.approx(63.5)
    assert row.status is S.ON_TRACK  # on the path, but 2030 is not here yet
    assert assess(target, FOREST, forest(55.0), year=2025, quarter="Q4").status is S.AT_RISK
    assert "straight path from the baseline 60 (2020) to ≥ 67 in 2030" in row.note
    in_year = assess(target, FOREST, forest(62.0, quarter="Q2"), year=2025, quarter="Q2")
    assert (in_year.status, in_year.indicative) == (S.NOT_ASSESSED, True)


def test_flow_for_an_end_year_only():
    tourists = Indicator(id="tourists", name="Khách", name_en="Tourists", unit="triệu lượt",
                         measure=Measure.FLOW)
    target = Target(id="kh98.tourists", plan="kh98", indicator="tourists", comparison=Comparison.APPROX,
                    year_start=2021, year_end=2030, low=6)
    q2 = Observation(indicator="tourists", value=2.0, unit="triệu lượt", year=2025, period="Q2")
    row = assess(target, tourists, q2, year=2025, quarter="Q2")
    assert row.status is S.NOT_ASSESSED
    assert "target for 2030" in row.note
    with_baseline = replace(target, baseline=Baseline(value=2.0, year=2020))
    assert expected_by_quarter(with_baseline, tourists, "Q4", 2025) == pytest.approx(4.0)
    assert expected_by_quarter(with_baseline, tourists, "Q2", 2025) == pytest.approx(2.0)
    assert assess(with_baseline, tourists, q2, year=2025, quarter="Q2").status is S.ON_TRACK
    final = Observation(indicator="tourists", value=5.8, unit="triệu lượt", year=2030, period="Q4")
    assert assess(target, tourists, final, year=2030, quarter="Q4").status is S.ACHIEVED  # within 5 %


def test_before_the_baseline_year():
    target = replace(FOREST_2030, baseline=Baseline(value=63.0, year=2025))
    row = assess(target, FOREST, forest(62.0, 2023), year=2023, quarter="Q4")
    assert row.status is S.NOT_ASSESSED
    assert math.isclose(expected_by_quarter(target, FOREST, "Q4", 2025) or 0, 63.0)
