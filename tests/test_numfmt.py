"""Vietnamese and English number formatting, and reading it back."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lsplan.numfmt import format_number, format_percent, parse_number, roman


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (9937.8, "9.937,8", "9,937.8"),
        (10783.1, "10.783,1", "10,783.1"),
        (8.27, "8,27", "8.27"),
        (8.5, "8,5", "8.5"),
        (12.0, "12", "12"),
        (1579, "1.579", "1,579"),
        (0.5, "0,5", "0.5"),
        (-1234567.891, "-1.234.567,9", "-1,234,567.9"),
        (-0.001, "0", "0"),  # never "-0"
        (999.999, "1.000", "1,000"),  # rounding carries into the thousands
        (4500.25, "4.500,3", "4,500.3"),  # half rounds up, as people round
        (2.675, "2,68", "2.68"),  # as written, although the float is 2.67499...
    ],
)
def test_format_number_examples(value: float, vi: str, en: str) -> None:
    assert format_number(value, "vi") == vi
    assert format_number(value, "en") == en


def test_empty_values_never_show_nan() -> None:
    for value in (None, math.nan, math.inf, -math.inf):
        assert format_number(value, "vi") == "—"
        assert format_percent(value, "en") == "—"
    assert format_number(None, "vi", empty="") == ""


def test_percent_and_fixed_decimals() -> None:
    assert format_percent(95.333, "vi") == "95,3%"
    assert format_percent(95.333, "en") == "95.3%"
    assert format_percent(100.0, "vi") == "100%"
    assert format_number(8.0, "vi", 2, trim=False) == "8,00"
    assert format_number(1234.5678, "en", 3) == "1,234.568"


@given(
    value=st.floats(min_value=-1e12, max_value=1e12, allow_nan=False),
    decimals=st.integers(0, 3),
    lang=st.sampled_from(["vi", "en"]),
)
def test_format_then_parse_gives_the_rounded_value(value: float, decimals: int, lang: str) -> None:
    text = format_number(value, lang, decimals)
    step = Decimal(1).scaleb(-decimals)
    expected = float(Decimal(repr(abs(value))).quantize(step, rounding=ROUND_HALF_UP)) * (
        1 if value >= 0 else -1
    )
    assert parse_number(text, lang) == expected
    thousands, decimal = (".", ",") if lang == "vi" else (",", ".")
    integer_part = text.lstrip("-").split(decimal)[0]
    assert all(len(group) == 3 for group in integer_part.split(thousands)[1:])  # grouping by thousands


@pytest.mark.parametrize(
    ("number", "text"), [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"), (2025, "MMXXV")]
)
def test_roman(number: int, text: str) -> None:
    assert roman(number) == text


def test_roman_refuses_zero() -> None:
    with pytest.raises(ValueError):
        roman(0)


@pytest.mark.parametrize("value", [-1e24, 1e24, 1.7e308, -1.7e308, 5e-324])
def test_extreme_finite_values_format_without_error(value):
    text = format_number(value, "vi")
    assert text and text != "—"
    assert parse_number(text, "vi") == pytest.approx(round(value, 12), rel=1e-12, abs=1e-9)
