"""Stage "values": approximate and annotated figures, units written in the cell."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from workbooks import TITLE, FakeCatalog, save_report

from lsplan.checks import check_file
from lsplan.model import Severity
from lsplan.numbers import parse_number
from lsplan.reading.values import read_value, scaled_unit

VHTTDL = ("UBND TỈNH LẠNG SƠN", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "BÁO CÁO 6 THÁNG ĐẦU NĂM 2025")


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "unit"),
    [
        ("Khoảng 71", 71, "approximate", ""),
        ("~71", 71, "approximate", ""),
        ("xấp xỉ 3,5", 3.5, "approximate", ""),
        ("Hơn 4,4", 4.4, "lower_bound", ""),
        ("Trên 47", 47, "lower_bound", ""),
        ("> 300.000", 300000, "lower_bound", ""),
        ("47 trở lên", 47, "lower_bound", ""),
        ("Dưới 5%", 5, "upper_bound", ""),
        ("8,06 (ước)", 8.06, "estimate", ""),
        ("8,06 (ƯTH)", 8.06, "estimate", ""),
        ("1,92 triệu", 1.92, None, "triệu"),
        ("1.579 tỷ", 1579, None, "tỷ"),
        ("1,92 triệu lượt (ước)", 1.92, "estimate", "triệu lượt"),
        ("Đạt 71", 71, None, ""),
    ],
)
def test_words_around_a_number(text: str, value: float, qualifier: str | None, unit: str) -> None:
    reading = read_value(text)
    assert (reading.number.value, reading.qualifier, reading.unit) == (value, qualifier, unit)


@pytest.mark.parametrize("text", ["abc 5", "12 3", "Khoảng", "5 quả táo", "hơn 5 trở xuống", "Tăng 5"])
def test_other_words_stay_not_a_number(text: str) -> None:
    assert read_value(text).number.error == "not-a-number"


@given(st.one_of(st.integers(-(10**9), 10**9), st.floats(allow_nan=False, allow_infinity=False)))
def test_a_plain_number_reads_as_parse_number_reads_it(number: float) -> None:
    for value in (number, str(number)):
        reading = read_value(value)
        assert reading.number == parse_number(value) and reading.qualifier is None and not reading.unit


def test_scaled_unit() -> None:
    assert scaled_unit("triệu", "lượt") == "triệu lượt"
    assert scaled_unit("tỷ", "tỷ đồng") == "tỷ đồng"
    assert scaled_unit("nghìn", "triệu lượt") == "nghìn lượt"
    assert scaled_unit("triệu", "%") == ""


def test_qualified_figures_are_read_and_warned_on_their_cells(tmp_path: Path) -> None:
    rows = (
        (1, "Tổng lượt khách du lịch", "lượt", None, "1,92 triệu", None, None, None),
        (2, "Tổng thu từ khách du lịch", None, None, "1.579 tỷ", None, None, None),
        (3, "Khách quốc tế", "triệu lượt", None, "Khoảng 0,32", None, None, None),
        (4, "Khách nội địa", "triệu lượt", None, "Hơn 1,6", None, None, None),
    )
    path = save_report(tmp_path / "r.xlsx", rows, title=VHTTDL)
    result = check_file(path, FakeCatalog())
    assert result.status == "ok", result.findings
    read = {o.indicator: (o.value, o.qualifier, o.cell) for o in result.observations}
    assert read == {
        "tourists": (1.92, None, "E6"),
        "tourism-revenue": (1579, None, "E7"),
        "tourists-international": (0.32, "approximate", "E8"),
        "tourists-domestic": (1.6, "lower_bound", "E9"),
    }
    qualified = [(f.cell, f.severity) for f in result.findings if f.code == "value-qualified"]
    assert qualified == [("E8", Severity.WARNING), ("E9", Severity.WARNING)]
    converted = [f.cell for f in result.findings if f.code == "unit-converted"]
    assert converted == []  # "1,92 triệu" beside "lượt" is already in triệu lượt
    observation = result.to_dict()["observations"][2]
    assert (observation["qualifier"], observation["method"]) == ("approximate", "exact-name")


def test_an_estimate_in_the_cell_makes_the_figure_an_estimate(tmp_path: Path) -> None:
    header = ("STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2025", "Thực hiện 6 tháng năm 2025")
    rows = ((1, "Sản lượng than", "tấn", 500000, "240.000 (ước)"),)
    path = save_report(tmp_path / "r.xlsx", rows, title=TITLE, header=header)
    result = check_file(path, FakeCatalog())
    (observation,) = result.observations
    read = (observation.value, observation.qualifier, observation.maturity)
    assert read == (240000, "estimate", "estimate")


def test_unit_stated_above_the_header_applies_to_rows_without_one(tmp_path: Path) -> None:
    title = (*TITLE, "Đơn vị tính: triệu đồng")
    rows = (
        (1, "Tổng mức bán lẻ", None, 43167000, "21.583.500", 50, None, None),
        (2, "Sản lượng than", "tấn", 500000, 240000, 48, None, None),
    )
    path = save_report(tmp_path / "r.xlsx", rows, title=title, merge_title=False)
    result = check_file(path, FakeCatalog())
    read = {o.indicator: o.value for o in result.observations}
    assert read == {"retail-sales": 21583.5, "coal-output": 240000}  # not 1,000 times too large
    stated = [(f.code, f.cell, f.severity) for f in result.findings if f.code == "unit-stated-above"]
    assert stated == [("unit-stated-above", "A4", Severity.INFO)]
    assert any(f.code == "unit-converted" and f.cell == "E7" for f in result.findings)


def test_a_sender_line_is_not_a_unit(tmp_path: Path) -> None:
    title = (*TITLE, "Đơn vị: Sở Công Thương")
    rows = ((1, "Tổng mức bán lẻ", None, 43167, "21.583,5", 50, None, None),)
    result = check_file(save_report(tmp_path / "r.xlsx", rows, title=title), FakeCatalog())
    assert [o.value for o in result.observations] == [21583.5]
    assert "unit-stated-above" not in [f.code for f in result.findings]


def test_ditto_marks_repeat_the_unit_above(tmp_path: Path) -> None:
    rows = (
        (1, "Tổng lượt khách du lịch", "nghìn lượt", None, 1920, None, None, None),
        (2, "Khách quốc tế", '"', None, 320, None, None, None),
        (3, "Khách nội địa", "-nt-", None, 1600, None, None, None),
    )
    path = save_report(tmp_path / "r.xlsx", rows, title=VHTTDL)
    result = check_file(path, FakeCatalog())
    assert {o.indicator: o.value for o in result.observations} == {
        "tourists": 1.92,
        "tourists-international": 0.32,
        "tourists-domestic": 1.6,
    }
    assert not [f for f in result.findings if f.code == "unit-mismatch"]
