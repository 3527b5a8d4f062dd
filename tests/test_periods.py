"""Periods: Q1..Q4 options and the Vietnamese ways of writing a reporting period."""

from __future__ import annotations

import unicodedata

import pytest

from lsplan.periods import PeriodRef, describe, parse_period, parse_quarter, parse_year


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Q2", "Q2"),
        ("q3", "Q3"),
        ("4", "Q4"),
        ("II", "Q2"),
        ("quý III", "Q3"),
        ("Quý 1", "Q1"),
        ("6 tháng", "Q2"),
        ("9 tháng", "Q3"),
        ("cả năm", "Q4"),
    ],
)
def test_parse_quarter(text: str, expected: str) -> None:
    assert parse_quarter(text) == expected


@pytest.mark.parametrize("text", ["Q5", "0", "", "tháng", "V", "2025"])
def test_parse_quarter_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_quarter(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ước thực hiện 6 tháng năm 2025", PeriodRef("Q2", True, 2025)),
        ("BIỂU TỔNG HỢP ... 6 THÁNG ĐẦU NĂM 2025", PeriodRef("Q2", True, 2025)),
        ("Thực hiện 06 tháng", PeriodRef("Q2", True, None)),
        ("Thực hiện 9 tháng", PeriodRef("Q3", True, None)),
        ("Thực hiện quý I/2025", PeriodRef("Q1", True, 2025)),
        ("Thực hiện quý II", PeriodRef("Q2", False, None)),  # the quarter alone
        ("Lũy kế quý II", PeriodRef("Q2", True, None)),
        ("Quý IV năm 2025", PeriodRef("Q4", False, 2025)),
        ("Ước thực hiện cả năm 2025", PeriodRef("Q4", True, 2025)),
        ("Thực hiện 12 tháng", PeriodRef("Q4", True, None)),
    ],
)
def test_parse_period(text: str, expected: PeriodRef) -> None:
    assert parse_period(text) == expected


def test_bare_year_means_whole_year_only_in_value_headers() -> None:
    assert parse_period("Ước thực hiện năm 2025", whole_year=True) == PeriodRef("Q4", True, 2025)
    assert parse_period("BÁO CÁO KẾT QUẢ NĂM 2025") == PeriodRef(None, True, 2025)
    assert parse_period("Ghi chú") is None


def test_nfd_and_case_do_not_matter() -> None:
    nfd = unicodedata.normalize("NFD", "ƯỚC THỰC HIỆN 9 THÁNG NĂM 2025")
    assert parse_period(nfd) == PeriodRef("Q3", True, 2025)


def test_year_ignores_same_period_comparisons() -> None:
    assert parse_year("6 tháng 2025 so với cùng kỳ năm 2024") == 2025
    assert parse_year("So với cùng kỳ năm 2024") is None
    assert parse_year("Kế hoạch năm 2025") == 2025
    assert parse_year("mã 120250") is None


def test_describe() -> None:
    assert describe("Q2", 2025) == "6 tháng năm 2025"
    assert describe("Q1") == "quý I"


def test_dates_are_not_periods() -> None:
    assert parse_period("Lạng Sơn, ngày 6 tháng 7 năm 2025") is None
    assert parse_year("Báo cáo năm 2025, ngày 10 tháng 01 năm 2026") == 2025
    assert parse_period("Báo cáo 6 tháng, ngày 9 tháng 6 năm 2025") == PeriodRef("Q2", True, None)
