"""The attainment engine on worked examples: every measure kind, comparison, status and quarter."""

from __future__ import annotations

import pytest

from lsplan.attainment import (
    assess,
    assess_all,
    expected_by_quarter,
    is_lagging,
    quarter_number,
    severity_key,
    sort_worst_first,
)
from lsplan.model import (
    Assessment,
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

S = Status


def ind(id_: str = "x", measure: Measure = Measure.FLOW, unit: str = "tỷ đồng", **kw) -> Indicator:
    return Indicator(id=id_, name=id_, name_en=id_, unit=unit, measure=measure, **kw)


def tgt(comparison: Comparison = Comparison.AT_LEAST, low: float | None = None, high: float | None = None,
        start: int = 2025, end: int = 2025, **kw) -> Target:
    kw.setdefault("indicator", "x")
    return Target(id=kw.pop("id", "p.x"), plan="p", comparison=comparison, year_start=start, year_end=end,
                  low=low, high=high, **kw)


def obs(value: float, quarter: str = "Q4", year: int = 2025, unit: str = "tỷ đồng", **kw) -> Observation:
    return Observation(indicator=kw.pop("indicator", "x"), value=value, unit=unit, year=year,
                       period=quarter, **kw)


def run(target: Target, indicator: Indicator, value: float | None, quarter: str = "Q4",
        year: int = 2025, **kw) -> Assessment:
    extra = {"unit": indicator.unit, "indicator": indicator.id, **kw.pop("obs", {})}
    observation = None if value is None else obs(value, quarter, year, **extra)
    return assess(target, indicator, observation, year=year, quarter=quarter, **kw)


# --- flows -------------------------------------------------------------------------------------

FLOW = ind(unit="triệu lượt")
TOURISTS = tgt(low=4.4, unit="triệu lượt")


@pytest.mark.parametrize(
    ("quarter", "value", "status", "expected"),
    [
        ("Q1", 1.1, S.ON_TRACK, 1.1),
        ("Q1", 1.05, S.ON_TRACK, 1.1),  # 95.5 %
        ("Q1", 1.0, S.AT_RISK, 1.1),  # 90.9 %
        ("Q1", 0.9, S.OFF_TRACK, 1.1),  # 81.8 %
        ("Q2", 2.2, S.ON_TRACK, 2.2),
        ("Q2", 1.9, S.AT_RISK, 2.2),
        ("Q3", 3.3, S.ON_TRACK, 3.3),
        ("Q3", 2.5, S.OFF_TRACK, 3.3),
        ("Q4", 4.4, S.ACHIEVED, 4.4),
        ("Q4", 4.25, S.NEARLY_MET, 4.4),  # 96.6 % at year end: "Cơ bản đạt"
        ("Q4", 3.9, S.NOT_MET, 4.4),  # the year is over: final labels only
        ("Q4", 3.0, S.NOT_MET, 4.4),
        ("Q4", 4.7, S.EXCEEDED, 4.4),  # more than 5 % (approx tolerance) above: "Vượt"
        ("Q2", 4.5, S.ACHIEVED, 2.2),  # the whole year's target already met in June
    ],
)
def test_flow_even_profile_each_quarter(quarter, value, status, expected):
    row = run(TOURISTS, FLOW, value, quarter)
    assert row.status is status
    assert row.expected == pytest.approx(expected)
    assert row.attainment == pytest.approx(value / expected * 100)
    assert row.gap == pytest.approx(value - expected)
    assert not row.indicative


def test_flow_note_says_how_it_was_judged():
    assert run(TOURISTS, FLOW, 1.0, "Q1").note == "flow: 25% of 4.4 expected by Q1 (even profile)"


def test_flow_seasonal_profile():
    seasonal = ind(unit="triệu lượt", profile=(0.4, 0.55, 0.7, 1.0))  # Tết and spring festivals
    row = run(TOURISTS, seasonal, 1.92, "Q1")
    assert row.expected == pytest.approx(1.76)
    assert row.status is S.ON_TRACK
    assert "seasonal profile" in row.note
    # 1.4 is 79.5 % of the seasonal 1.76 but ahead of the even 1.1.
    assert run(TOURISTS, seasonal, 1.4, "Q1").status is S.OFF_TRACK
    assert run(TOURISTS, FLOW, 1.4, "Q1").status is S.ON_TRACK


def test_flow_milestones_win_over_profile_and_even():
    seasonal = ind(unit="triệu lượt", profile=(0.4, 0.55, 0.7, 1.0))
    target = tgt(low=4.4, unit="triệu lượt", milestones={"Q1": 1.0, "Q2": 2.0})
    row = run(target, seasonal, 1.0, "Q1")
    assert row.expected == pytest.approx(1.0)
    assert row.status is S.ON_TRACK
    assert "milestone" in row.note
    # Q3 has no milestone: the seasonal profile applies.
    assert expected_by_quarter(target, seasonal, "Q3") == pytest.approx(0.7 * 4.4)


def test_flow_target_in_another_unit_is_converted():
    investment = ind(unit="tỷ đồng")
    target = tgt(Comparison.RANGE, 47, 48, unit="nghìn tỷ đồng")
    row = run(target, investment, 23000, "Q2")
    assert row.expected == pytest.approx(23500)
    assert row.status is S.ON_TRACK
    assert row.unit == "tỷ đồng"
    assert row.gap == pytest.approx(-500)


def test_figure_in_another_unit_is_converted():
    row = run(TOURISTS, FLOW, 1_920_000, "Q1", obs={"unit": "lượt"})
    assert row.actual == pytest.approx(1.92)


def test_inconvertible_units_are_not_assessed():
    row = run(tgt(low=10, unit="ha"), ind(unit="tấn"), 12)
    assert row.status is S.NOT_ASSESSED
    assert "unit" in row.note


# --- growth rates ------------------------------------------------------------------------------

GROWTH = ind("grdp", Measure.GROWTH_RATE, unit="%")
GRDP = tgt(Comparison.RANGE, 8, 9, indicator="grdp", stretch=Stretch(text="hai con số", low=10))


@pytest.mark.parametrize(
    ("quarter", "value", "status"),
    [
        ("Q1", 8.27, S.ON_TRACK),
        ("Q2", 7.8, S.ON_TRACK),
        ("Q3", 7.0, S.AT_RISK),
        ("Q1", 6.0, S.OFF_TRACK),
        ("Q4", 8.27, S.ACHIEVED),
        ("Q4", 7.0, S.NOT_MET),
        ("Q4", -1.0, S.NOT_MET),
    ],
)
def test_growth_rate_compared_with_annual_target_every_quarter(quarter, value, status):
    row = run(GRDP, GROWTH, value, quarter)
    assert row.status is status
    assert row.expected == 8
    assert row.attainment == pytest.approx(value / 8 * 100)


def test_stretch_goal_judged_apart():
    row = run(GRDP, GROWTH, 8.27, "Q1")
    assert (row.status, row.stretch_status) == (S.ON_TRACK, S.OFF_TRACK)  # 8.27 / 10 = 82.7 %
    row = run(GRDP, GROWTH, 10.5, "Q4")
    assert (row.status, row.stretch_status) == (S.EXCEEDED, S.ACHIEVED)  # above 8 - 9 %, at the stretch
    assert run(GRDP, GROWTH, 9.6, "Q2").stretch_status is S.ON_TRACK
    assert run(GRDP, GROWTH, None, "Q2").stretch_status is S.NO_DATA
    assert run(tgt(low=4.4), FLOW, 2.0, "Q2").stretch_status is None


def test_lower_is_better_growth_at_most():
    cpi = ind("cpi", Measure.GROWTH_RATE, unit="%", direction=Direction.LOWER)
    target = tgt(Comparison.AT_MOST, high=4, indicator="cpi")
    assert run(target, cpi, 3.5).status is S.ACHIEVED
    assert run(target, cpi, 3.5, "Q2").status is S.ON_TRACK
    assert run(target, cpi, 4.1).status is S.NEARLY_MET  # 4 / 4.1 = 97.6 %
    assert run(target, cpi, 4.1, "Q2").status is S.ON_TRACK
    row = run(target, cpi, 4.6, "Q3")
    assert row.status is S.AT_RISK
    assert row.attainment == pytest.approx(4 / 4.6 * 100)
    assert row.gap == pytest.approx(-0.6)  # behind is negative for lower-is-better too
    assert run(target, cpi, 5.0).status is S.NOT_MET
    assert run(target, cpi, 5.0, "Q3").status is S.OFF_TRACK
    assert run(target, cpi, 0.0).attainment is None  # a ratio with 0 means nothing


def test_lower_is_better_range_uses_high_end():
    arrears = ind("arrears", Measure.SHARE, unit="%", direction=Direction.LOWER)
    target = tgt(Comparison.RANGE, 3, 5, indicator="arrears")
    assert run(target, arrears, 4.9).status is S.ACHIEVED
    assert run(target, arrears, 5.5).expected == 5


# --- shares and levels at a date ---------------------------------------------------------------

FOREST = ind("forest", Measure.SHARE, unit="%")
FOREST_67 = tgt(low=67, indicator="forest")


@pytest.mark.parametrize(
    ("quarter", "value", "status", "indicative"),
    [
        ("Q1", 68, S.ON_TRACK, True),
        ("Q2", 60, S.NOT_ASSESSED, True),  # in-year and short: shown, never lagging
        ("Q3", 40, S.NOT_ASSESSED, True),
        ("Q4", 67, S.ACHIEVED, False),
        ("Q4", 65, S.NEARLY_MET, False),
        ("Q4", 60, S.NOT_MET, False),
        ("Q4", 50, S.NOT_MET, False),
    ],
)
def test_share_judged_at_year_end_indicative_in_year(quarter, value, status, indicative):
    row = run(FOREST_67, FOREST, value, quarter)
    assert (row.status, row.indicative) == (status, indicative)
    assert row.expected == 67
    assert not is_lagging(row) or not indicative


def test_share_with_milestone_is_judged_in_year():
    target = tgt(low=67, indicator="forest", milestones={"Q2": 66})
    row = run(target, FOREST, 55, "Q2")
    assert (row.status, row.indicative, row.expected) == (S.OFF_TRACK, False, 66)
    assert is_lagging(row)


def test_level_without_in_year_figure_is_not_chased():
    row = run(FOREST_67, FOREST, None, "Q2")
    assert (row.status, row.indicative) == (S.NOT_ASSESSED, True)
    assert run(FOREST_67, FOREST, None, "Q4").status is S.NO_DATA


@pytest.mark.parametrize(("value", "status", "gap"), [
    (12.5, S.ACHIEVED, 0.0), (12.0, S.ACHIEVED, 0.0), (13.5, S.NEARLY_MET, -0.5),
    (16.11, S.NOT_MET, -3.11), (11.0, S.NOT_MET, -1.0), (9.0, S.NOT_MET, -3.0),
])
def test_band_for_structure_share(value, status, gap):
    share = ind("agri", Measure.SHARE, unit="%", direction=Direction.TARGET)
    row = run(tgt(Comparison.BAND, 12, 13, indicator="agri"), share, value)
    assert row.status is status
    assert row.gap == pytest.approx(gap)
    assert (row.expected, row.expected_high, row.attainment) == (12, 13, None)


def test_band_tolerance_and_in_year_band():
    share = ind("agri", Measure.SHARE, unit="%", direction=Direction.TARGET)
    target = tgt(Comparison.BAND, 12, 13, indicator="agri")
    loose = AssessmentSettings(band_tolerance=0.5)
    assert run(target, share, 13.4, settings=loose).status is S.ACHIEVED
    assert run(target, share, 13.4).status is S.NEARLY_MET
    row = run(target, share, 16.11, "Q1")  # Q1 structure is seasonal
    assert (row.status, row.indicative) == (S.NOT_ASSESSED, True)
    assert run(target, share, 12.5, "Q1").status is S.ON_TRACK


def test_range_with_target_direction_is_a_band():
    share = ind("agri", Measure.SHARE, unit="%", direction=Direction.TARGET)
    row = run(tgt(Comparison.RANGE, 32, 33, indicator="agri"), share, 25.98)
    assert (row.status, row.expected, row.expected_high) == (S.NOT_MET, 32, 33)


@pytest.mark.parametrize(("value", "tolerance", "status"), [
    (150, None, S.ACHIEVED), (143, None, S.ACHIEVED), (160, None, S.EXCEEDED), (140, None, S.NOT_MET),
    (120, None, S.NOT_MET), (145, 0.02, S.NEARLY_MET), (147.5, 0.02, S.ACHIEVED),
])
def test_approx_tolerance(value, tolerance, status):
    per_capita = ind("gdp-pc", Measure.LEVEL, unit="triệu đồng")
    row = run(tgt(Comparison.APPROX, 150, tolerance=tolerance, indicator="gdp-pc"), per_capita, value)
    assert row.status is status
    assert row.expected == 150


def test_approx_with_target_direction_is_a_band():
    urban = ind("urban", Measure.SHARE, unit="%", direction=Direction.TARGET)
    row = run(tgt(Comparison.APPROX, 40, indicator="urban"), urban, 43)
    assert (row.expected, row.expected_high, row.status) == (38, 42, S.NEARLY_MET)


@pytest.mark.parametrize(("value", "status"), [(6, S.ACHIEVED), (7, S.EXCEEDED), (5, S.NOT_MET)])
def test_exact_count(value, status):
    parks = ind("parks", Measure.COUNT, unit="khu")
    assert run(tgt(Comparison.EXACT, 6, indicator="parks"), parks, value).status is status


def test_ratio_count_at_least():
    products = ind("products", Measure.RATIO, unit="sản phẩm")
    assert run(tgt(low=13, indicator="products"), products, 13).status is S.ACHIEVED
    assert run(tgt(low=13, indicator="products"), products, 12, "Q1").status is S.NOT_ASSESSED


def test_reduction_per_year_higher_is_better():
    poverty = ind("poverty-cut", Measure.SHARE, unit="%", direction=Direction.LOWER)
    target = tgt(Comparison.REDUCTION, 2, 3, start=2021, end=2030, span_basis="per_year",
                 indicator="poverty-cut")
    # the rate at the end of 2026 against the end of 2025 (5.0): the fall is what is judged
    history = {2025: 5.0}
    row = run(target, poverty, 2.6, year=2026, history=history)
    assert (row.status, row.expected, row.actual) == (S.ACHIEVED, 2, pytest.approx(2.4))
    assert run(target, poverty, 3.5, year=2026, history=history).status is S.NOT_MET  # fell 1.5
    assert run(target, poverty, 1.5, year=2026, history=history).status is S.EXCEEDED  # fell 3.5 > 3
    assert run(target, poverty, 3.5, "Q3", year=2026, history=history).indicative  # a year-end rate


# --- relative, rank, qualitative, no data ------------------------------------------------------

CPI = ind("cpi", Measure.GROWTH_RATE, unit="%", direction=Direction.LOWER)
CPI_BELOW_NATIONAL = tgt(Comparison.RELATIVE, indicator="cpi", benchmark="CPI cả nước")


def test_relative_to_benchmark():
    assert run(CPI_BELOW_NATIONAL, CPI, 3.2, "Q2", obs={"benchmark": 3.5}).status is S.ON_TRACK
    assert run(CPI_BELOW_NATIONAL, CPI, 3.2, obs={"benchmark": 3.5}).status is S.ACHIEVED
    equal = run(CPI_BELOW_NATIONAL, CPI, 3.5, obs={"benchmark": 3.5})
    assert equal.status is S.NEARLY_MET  # "thấp hơn": equal is not lower, but nearly
    assert run(CPI_BELOW_NATIONAL, CPI, 4.0, "Q3", obs={"benchmark": 3.5}).status is S.AT_RISK
    assert run(CPI_BELOW_NATIONAL, CPI, 4.0, obs={"benchmark": 3.5}).status is S.NOT_MET
    row = run(CPI_BELOW_NATIONAL, CPI, 3.2)
    assert row.status is S.NOT_ASSESSED
    assert "benchmark" in row.note
    assert run(CPI_BELOW_NATIONAL, CPI, None).status is S.NO_DATA


def test_relative_with_margin_and_fixed_benchmark():
    revenue = ind("budget", Measure.FLOW, unit="tỷ đồng")
    target = tgt(Comparison.RELATIVE, 13, unit="%", indicator="budget", benchmark_value=9100)
    assert expected_by_quarter(target, revenue, "Q4") == pytest.approx(10283)
    row = run(target, revenue, 2666, "Q1")
    assert row.expected == pytest.approx(10283 / 4)
    assert row.status is S.ON_TRACK
    assert run(target, revenue, 10000).status is S.NEARLY_MET  # 97.2 %
    assert run(target, revenue, 10300).status is S.ACHIEVED


def test_rank():
    rank = ind("pci", Measure.RANK, unit="hạng", direction=Direction.LOWER)
    target = tgt(Comparison.RANK, high=10, indicator="pci")
    assert run(target, rank, None).status is S.NOT_ASSESSED
    assert run(target, rank, 8).status is S.ACHIEVED
    assert run(target, rank, 11).status is S.NOT_MET
    assert run(target, rank, 20).status is S.NOT_MET


def test_qualitative_is_not_assessed_with_its_statement():
    target = tgt(Comparison.QUALITATIVE, statement="Giữ vững quốc phòng, an ninh", qualitative=True)
    for value in (None, 5.0):
        row = run(target, ind(measure=Measure.QUALITATIVE), value)
        assert row.status is S.NOT_ASSESSED
        assert "Giữ vững quốc phòng, an ninh" in row.note
        assert row.stretch_status is None


def test_no_observation_is_no_data_with_expected():
    row = run(TOURISTS, FLOW, None, "Q2")
    assert (row.status, row.expected, row.actual, row.observation) == (S.NO_DATA, 2.2, None, None)


def test_observation_for_another_period_is_not_used():
    row = assess(TOURISTS, FLOW, obs(1.0, "Q1", unit="triệu lượt"), year=2025, quarter="Q2")
    assert row.status is S.NO_DATA
    assert "Q1 2025" in row.note


def test_quarter_alone_flow_figure_is_not_cumulative():
    alone = obs(1.0, "Q2", unit="triệu lượt", cumulative=False)
    assert assess(TOURISTS, FLOW, alone, year=2025, quarter="Q2").status is S.NO_DATA
    first = obs(1.1, "Q1", unit="triệu lượt", cumulative=False)
    assert assess(TOURISTS, FLOW, first, year=2025, quarter="Q1").status is S.ON_TRACK


def test_observation_kept_as_provenance():
    observation = obs(2.0, "Q2", unit="triệu lượt", agency="so-vhttdl", sheet="Biểu 1", cell="D7")
    row = assess(TOURISTS, FLOW, observation, year=2025, quarter="q2")
    assert row.observation == observation
    assert row.quarter == "Q2"


def test_no_number_in_target():
    assert run(tgt(), FLOW, 3.0).status is S.NOT_ASSESSED


def test_custom_thresholds():
    strict = AssessmentSettings(on_track=0.99, at_risk=0.97)
    assert run(TOURISTS, FLOW, 1.08, "Q1", settings=strict).status is S.AT_RISK
    assert run(TOURISTS, FLOW, 1.05, "Q1", settings=strict).status is S.OFF_TRACK


# --- helpers -----------------------------------------------------------------------------------

def test_assess_all_only_targets_covering_the_year():
    targets = [TOURISTS, tgt(id="p.old", low=1, start=2024, end=2024),
               tgt(id="p.span", low=6, start=2021, end=2030, unit="triệu lượt")]
    rows = assess_all(targets, {"x": FLOW}, {"x": obs(2.0, "Q2", unit="triệu lượt")},
                      year=2025, quarter="Q2")
    assert [r.target for r in rows] == ["p.x", "p.span"]
    assert [r.status for r in rows] == [S.AT_RISK, S.NOT_ASSESSED]
    with pytest.raises(KeyError):
        assess_all([TOURISTS], {}, {}, year=2025, quarter="Q2")


def test_expected_by_quarter():
    assert [expected_by_quarter(TOURISTS, FLOW, q) for q in ("Q1", "Q2", "Q3", "Q4")] == pytest.approx(
        [1.1, 2.2, 3.3, 4.4])
    assert expected_by_quarter(GRDP, GROWTH, "Q1") == 8
    assert expected_by_quarter(tgt(Comparison.QUALITATIVE), FLOW, "Q1") is None
    assert expected_by_quarter(tgt(low=6, start=2021, end=2030), FLOW, "Q4", 2025) is None


def test_quarter_number():
    assert [quarter_number(q) for q in ("Q1", "q2", " Q3 ", "Q4")] == [1, 2, 3, 4]
    with pytest.raises(ValueError):
        quarter_number("Q5")


def test_worst_first():
    def row(target: str, status: Status, attainment: float | None) -> Assessment:
        return Assessment(target=target, indicator="x", plan="p", year=2025, quarter="Q1", status=status,
                          unit="%", attainment=attainment)

    rows = [row("a", S.ACHIEVED, 120), row("b", S.AT_RISK, 90), row("c", S.OFF_TRACK, 70),
            row("d", S.OFF_TRACK, 40), row("e", S.NO_DATA, None), row("f", S.NOT_ASSESSED, None),
            row("g", S.ON_TRACK, 99)]
    assert [r.target for r in sort_worst_first(rows)] == ["d", "c", "b", "e", "g", "a", "f"]
    assert severity_key(rows[3]) < severity_key(rows[2])


def test_per_year_unit_is_the_plain_unit():
    poverty = ind("poverty-cut", Measure.SHARE, unit="%")
    target = tgt(Comparison.REDUCTION, 2, 3, start=2021, end=2030, span_basis="per_year", unit="%/năm",
                 indicator="poverty-cut")
    assert run(target, poverty, 2.9, year=2027, history={2026: 5.0}).status is S.ACHIEVED


def test_approx_flow_note_names_the_amount():
    households = tgt(Comparison.APPROX, 6877)
    row = run(households, ind(unit="hộ"), None, "Q1")
    assert row.note == "flow: 25% of 6877 expected by Q1 (even profile); no figure submitted"
    assert row.expected == pytest.approx(1719.25)


def test_stretch_of_a_relative_target_is_an_amount():
    revenue = ind("budget", Measure.FLOW, unit="tỷ đồng")
    target = tgt(Comparison.RELATIVE, 13, unit="%", indicator="budget", benchmark_value=9100,
                 stretch=Stretch(text="phấn đấu 10.287,8", low=10287.8))
    row = run(target, revenue, 10290)
    assert (row.status, row.stretch_status) == (S.EXCEEDED, S.ACHIEVED)  # at the stretch: "Vượt"
    assert run(target, revenue, 10284).stretch_status is S.NEARLY_MET


def test_quarter_alone_rate_is_used_and_said():
    row = assess(GRDP, GROWTH, obs(8.4, "Q2", unit="%", indicator="grdp", cumulative=False),
                 year=2025, quarter="Q2")
    assert row.status is S.ON_TRACK
    assert row.note.endswith("the figure is for Q2 alone, not cumulative")


# --- seasonal flows without a profile -----------------------------------------------------------

SOWN = ind(unit="nghìn ha", seasonal=True)
SOWN_TARGET = tgt(low=94.8, unit="nghìn ha")


@pytest.mark.parametrize("quarter", ["Q1", "Q2", "Q3"])
def test_seasonal_flow_without_profile_is_indicative_in_year(quarter):
    row = run(SOWN_TARGET, SOWN, 4.46, quarter)
    assert row.indicative
    assert row.status == S.NOT_ASSESSED
    assert not is_lagging(row)
    assert row.expected == pytest.approx(94.8 * quarter_number(quarter) / 4)  # shown for reference
    assert "seasonal" in row.note


def test_seasonal_flow_already_meeting_the_year_is_on_track():
    assert run(SOWN_TARGET, SOWN, 95.0, "Q2").status == S.ON_TRACK


def test_seasonal_flow_is_judged_at_year_end():
    row = run(SOWN_TARGET, SOWN, 80.0, "Q4")
    assert not row.indicative
    assert row.status == S.NOT_MET


def test_seasonal_flow_with_a_profile_follows_the_profile():
    profiled = ind(unit="nghìn ha", seasonal=True, profile=(0.1, 0.6, 0.8, 1.0))
    row = run(SOWN_TARGET, profiled, 4.46, "Q1")
    assert not row.indicative
    assert row.expected == pytest.approx(9.48)
    assert row.status == S.OFF_TRACK


def test_worst_first_puts_counted_rows_before_indicative_ones():
    def row(target: str, indicative: bool) -> Assessment:
        return Assessment(target=target, indicator="x", plan="p", year=2025, quarter="Q1",
                          status=S.ON_TRACK, unit="%", attainment=100.0, indicative=indicative)

    assert [r.target for r in sort_worst_first([row("a", True), row("b", False)])] == ["b", "a"]
