"""Reporting periods: Q1..Q4 and the Vietnamese ways of writing them.

lsplan's period is always a quarter *cumulative to its end* ("Q2" = the six months to June).
Departments write "quý I", "6 tháng (đầu năm)", "9 tháng", "cả năm", "năm 2025" for cumulative
figures and sometimes "quý II" for the quarter alone; `PeriodRef.cumulative` keeps which one was
sent. Parsing works on `lsplan.text.fold`ed text, so case, diacritics and NFD do not matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lsplan.text import fold, lazy_pattern

QUARTERS = ("Q1", "Q2", "Q3", "Q4")
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
QUARTER_NAMES = {"Q1": "quý I", "Q2": "6 tháng", "Q3": "9 tháng", "Q4": "cả năm"}
ROMAN_OF = {1: "I", 2: "II", 3: "III", 4: "IV"}

_MONTHS = re.compile(r"\b0?(3|6|9|12) thang\b")
_QUARTER = re.compile(r"\bquy (iv|iii|ii|i|1|2|3|4)\b")


# Compiled on first use: only "quý II".."quý IV" (is it cumulative?) and a value column headed by
# a bare "năm" reach these; "quý I", "6 tháng", "9 tháng" and "cả năm" are decided before.
_whole_year = lazy_pattern(r"\b(ca nam|nam)\b")


_cumulative = lazy_pattern(r"\b(luy ke|cong don|tu dau nam)\b")


# "ngày 6 tháng 7 năm 2026" is a letter's date: neither "6 tháng" nor the reporting year.
_DATE = re.compile(r"\bngay \d{1,2} thang \d{1,2}(?: nam \d{4})?\b")
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_SAME_PERIOD = re.compile(r"(cung ky)[^0-9]*(20\d\d)")


@dataclass(frozen=True, slots=True)
class PeriodRef:
    """A period read from a header or title: quarter Q1..Q4, whether cumulative, and the year."""

    quarter: str | None
    cumulative: bool = True
    year: int | None = None


def parse_quarter(text: str | int) -> str:
    """Normalise a --quarter value: "Q2", "q2", "2", "II", "quý II", "6 tháng" -> "Q2".

    Raises ValueError for anything else.
    """
    key = fold(str(text)).replace(" ", "")
    if key.startswith("quy"):
        key = key[3:]
    if key.startswith("q"):
        key = key[1:]
    if key.isdigit() and 1 <= int(key) <= 4:
        return QUARTERS[int(key) - 1]
    if key in ROMAN:
        return QUARTERS[ROMAN[key] - 1]
    ref = parse_period(str(text))
    if ref is not None and ref.quarter is not None:
        return ref.quarter
    raise ValueError(f"not a quarter: {text!r} (expected Q1, Q2, Q3 or Q4)")


def parse_period(text: str, whole_year: bool = False) -> PeriodRef | None:
    """The period a header or title names, or None.

    "6 tháng", "9 tháng", "quý I", "lũy kế quý II", "cả năm" are cumulative; "quý II".."quý IV"
    alone are the quarter alone. With `whole_year`, a bare "năm" ("Ước thực hiện năm 2025")
    means the whole year — set it for value-column headers, not for titles, where "năm 2025"
    only names the year.
    """
    folded = _DATE.sub(" ", fold(text))
    year = parse_year(text)
    months = _MONTHS.search(folded)
    if months:
        return PeriodRef(QUARTERS[int(months.group(1)) // 3 - 1], True, year)
    quarter = _QUARTER.search(folded)
    if quarter:
        token = quarter.group(1)
        number = int(token) if token.isdigit() else ROMAN[token]
        cumulative = number == 1 or bool(_cumulative().search(folded))
        return PeriodRef(QUARTERS[number - 1], cumulative, year)
    if "ca nam" in folded or (whole_year and _whole_year().search(folded)):
        return PeriodRef("Q4", True, year)
    if year is not None:
        return PeriodRef(None, True, year)
    return None


def parse_year(text: str) -> int | None:
    """The reporting year a text names: the last year not introduced by "cùng kỳ"/"so với"."""
    folded = _DATE.sub(" ", fold(text))
    compared = {int(m.group(2)) for m in _SAME_PERIOD.finditer(folded)}
    years = [int(y) for y in _YEAR.findall(folded) if int(y) not in compared]
    return years[-1] if years else None


def describe(quarter: str, year: int | None = None) -> str:
    """Vietnamese label for a cumulative period: "6 tháng năm 2025"."""
    label = QUARTER_NAMES[quarter]
    return f"{label} năm {year}" if year else label
