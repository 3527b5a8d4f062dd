"""Numbers as typed in Vietnam and as Excel stores them: examples, the ambiguity rule, properties."""

from __future__ import annotations

import math
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lsplan.numbers import NOT_A_NUMBER, NOT_FINITE, ParsedNumber, is_percent_format, parse_number


@pytest.mark.parametrize(
    ("text", "value", "percent"),
    [
        ("9.937,8", 9937.8, False),
        ("1.234.567", 1234567.0, False),
        ("1.234.567,89", 1234567.89, False),
        ("8,5%", 8.5, True),
        ("8,5 %", 8.5, True),
        ("+5,22", 5.22, False),
        ("−3", -3.0, False),  # U+2212 minus sign
        ("-3,5", -3.5, False),
        ("(3)", -3.0, False),
        ("(1.234,5)", -1234.5, False),
        ("1 234 567", 1234567.0, False),
        ("1\u00a0234,5", 1234.5, False),  # non-breaking space groups thousands
        ("9,937.8", 9937.8, False),  # English, unambiguous: both marks
        ("1,234,567", 1234567.0, False),
        ("9937.8", 9937.8, False),  # a "." not followed by three digits is a decimal point
        ("0,125", 0.125, False),
        ("0.125", 0.125, False),
        ("  42 ", 42.0, False),
        ("1E+3", 1000.0, False),
        ("-2,5%", -2.5, True),
    ],
)
def test_vietnamese_and_english_text(text: str, value: float, percent: bool) -> None:
    parsed = parse_number(text)
    assert parsed.error is None
    assert parsed.value == pytest.approx(value)
    assert parsed.percent is percent
    assert not parsed.ambiguous


@pytest.mark.parametrize(("text", "value"), [("1.234", 1234.0), ("1,234", 1.234), ("12.500", 12500.0)])
def test_three_digits_after_one_mark_follow_the_rule_and_are_flagged(text: str, value: float) -> None:
    parsed = parse_number(text)
    assert parsed.value == pytest.approx(value) and parsed.ambiguous and parsed.error is None


@pytest.mark.parametrize("text", ["", "-", "—", "x", "X", "...", "…", "  "])
def test_dashes_and_blanks_mean_no_value(text: str) -> None:
    assert parse_number(text) == ParsedNumber(None, note="no value")


@pytest.mark.parametrize("bad", ["abc", "12,", "1.2.3", "1,23,4", "8 - 9", "150 tỷ đồng", "1..2", "%", "+"])
def test_not_a_number(bad: str) -> None:
    parsed = parse_number(bad)
    assert parsed.value is None and parsed.error == NOT_A_NUMBER


def test_native_values() -> None:
    assert parse_number(12) == ParsedNumber(12.0)
    assert parse_number(9937.8) == ParsedNumber(9937.8)
    assert parse_number(None) == ParsedNumber(None)
    assert parse_number(True).error == NOT_A_NUMBER
    assert parse_number(datetime(2025, 6, 30)).error == NOT_A_NUMBER
    assert parse_number(float("nan")).error == NOT_FINITE


@pytest.mark.parametrize(
    ("fmt", "percent"),
    [
        ("0.0%", True),
        ("0%", True),
        ("#,##0.00%;[Red]-#,##0.00%", True),
        ("[$-42A]0.0%", True),
        ("[Red]0.0%", True),
        ('0.0"%"', False),  # a literal % sign, the value is not scaled
        ("0.0\\%", False),
        ("0.0;[Red]-0.0%", False),  # % only in the negative section
        ("[$%-409]0.0", False),
        ("General", False),
        ("", False),
        (None, False),
        ("#,##0.0_%", False),
    ],
)
def test_percent_formats(fmt: str | None, percent: bool) -> None:
    assert is_percent_format(fmt) is percent


def test_a_percent_formatted_cell_is_scaled_by_its_format_not_its_value() -> None:
    assert parse_number(0.085, "0.0%") == ParsedNumber(8.5, percent=True, note="percent-formatted cell")
    assert parse_number(1.2, "0%").value == pytest.approx(120.0)
    assert parse_number(0.085, "0.000") == ParsedNumber(0.085)
    # Text in a percent-formatted cell is read as typed.
    assert parse_number("8,5%", "0.0%").value == 8.5


def _vietnamese(value: float, decimals: int) -> str:
    english = f"{value:,.{decimals}f}"
    return english.replace(",", "\0").replace(".", ",").replace("\0", ".")


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), st.integers(min_value=0, max_value=4))
def test_vietnamese_format_round_trips(value: float, decimals: int) -> None:
    text = _vietnamese(value, decimals)
    parsed = parse_number(text)
    assert parsed.error is None, text
    assert parsed.value == pytest.approx(round(value, decimals), rel=1e-12, abs=10**-decimals), text


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), st.integers(min_value=1, max_value=4))
def test_unambiguous_english_format_round_trips(value: float, decimals: int) -> None:
    text = f"{value:,.{decimals}f}"
    if "," not in text and decimals == 3:
        return  # "1.234" alone is the ambiguous case, decided by the Vietnamese rule
    parsed = parse_number(text)
    assert parsed.error is None, text
    assert parsed.value == pytest.approx(round(value, decimals), rel=1e-12, abs=10**-decimals), text


@given(st.text(max_size=40))
def test_never_raises_on_any_text(text: str) -> None:
    parsed = parse_number(text)
    assert (parsed.value is None) or math.isfinite(parsed.value)
    assert parsed.error in (None, NOT_A_NUMBER, NOT_FINITE)


@given(st.text(alphabet="0123456789.,-+()% \u00a0−", max_size=20))
def test_never_raises_on_number_like_text(text: str) -> None:
    parsed = parse_number(text)
    assert parsed.error in (None, NOT_A_NUMBER)
    assert (parsed.value is None) or math.isfinite(parsed.value)
