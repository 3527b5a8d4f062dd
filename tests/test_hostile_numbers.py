"""Absurd figures: infinity, NaN, 1e400 and 309-digit numbers are findings, never floats or crashes."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from workbooks import ROWS, FakeCatalog, save_report

from lsplan.checks import check_file
from lsplan.numbers import MAX_NUMBER_CHARS, NOT_A_NUMBER, NOT_FINITE, TOO_LONG, parse_number

ERRORS = (None, NOT_A_NUMBER, NOT_FINITE, TOO_LONG)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("1e400", NOT_FINITE),
        ("-1E+400", NOT_FINITE),
        ("1,5e400", NOT_A_NUMBER),  # not scientific notation as people type it
        ("9" * 309, TOO_LONG),
        ("9" * 400 + ",5", TOO_LONG),
        ("1." + "000." * 100 + "000", TOO_LONG),
        ("9" * 5000, TOO_LONG),  # int() would refuse it beyond 4,300 digits
        ("inf", NOT_FINITE),
        ("-Infinity", NOT_FINITE),
        ("nan", NOT_FINITE),
        ("NaN %", NOT_A_NUMBER),
        (float("inf"), NOT_FINITE),
        (float("-inf"), NOT_FINITE),
        (float("nan"), NOT_FINITE),
        (10**308, TOO_LONG),  # float() of it raises OverflowError
        (10**400, TOO_LONG),
        ("Tăng trưởng khá " * 40, NOT_A_NUMBER),  # long text, not a long number
    ],
)
def test_absurd_figures_are_errors(value: object, code: str) -> None:
    parsed = parse_number(value)
    assert parsed.value is None and parsed.error == code, parsed


def test_a_percentage_that_overflows_once_scaled_is_not_finite() -> None:
    assert parse_number(1.8e306, "0.0%").error == NOT_FINITE  # x 100 is beyond a float


def test_long_but_sane_figures_still_read() -> None:
    assert parse_number("1" * MAX_NUMBER_CHARS).value == float("1" * MAX_NUMBER_CHARS)
    assert parse_number("1.234.567.890.123,45").value == pytest.approx(1234567890123.45)
    assert parse_number(10**60).value == 1e60
    assert parse_number("1" * (MAX_NUMBER_CHARS + 1)).error == TOO_LONG


_NUMBERISH = st.text(alphabet="0123456789.,eE+-% ()\u00a0\u2212", max_size=400)
_ANY_VALUE = st.one_of(
    _NUMBERISH,
    st.text(max_size=300),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**500), max_value=10**500),
    st.builds(lambda d, e: f"{d}e{e}", st.integers(0, 10**30), st.integers(-1000, 1000)),
    st.builds(lambda n: "9" * n, st.integers(0, 6000)),
)


@settings(max_examples=400)
@given(_ANY_VALUE, st.sampled_from(["General", "0.0%", "#,##0"]))
def test_parse_number_never_raises_and_never_returns_infinity(value: object, number_format: str) -> None:
    parsed = parse_number(value, number_format)
    assert parsed.error in ERRORS
    assert parsed.value is None or math.isfinite(parsed.value)
    assert parsed.alternative is None or math.isfinite(parsed.alternative)
    assert (parsed.error is None) or parsed.value is None


def _patch(path: Path, old: str, new: str) -> None:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    assert old.encode() in parts[sheet]
    parts[sheet] = parts[sheet].replace(old.encode(), new.encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _retail_row(value: object, unit: str = "tỷ đồng") -> tuple:
    return (3, "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng", unit, None, value, None, None, None)


@pytest.mark.parametrize(
    ("value", "unit", "code"),
    [
        ("1e400", "tỷ đồng", "value-not-finite"),
        ("9" * 309, "tỷ đồng", "value-too-long"),
        ("inf", "tỷ đồng", "value-not-finite"),
        ("<v>" + "9" * 310, "tỷ đồng", "value-too-long"),  # a numeric cell of 310 digits
        ("<v>1e400", "tỷ đồng", "value-not-finite"),  # a numeric cell holding infinity
        ("<v>NaN", "tỷ đồng", "value-not-finite"),
        (1.5e308, "nghìn tỷ đồng", "value-not-finite"),  # finite, but not once converted to tỷ đồng
    ],
)
def test_check_gives_a_finding_on_the_cell_and_no_infinity(
    tmp_path: Path, value: object, unit: str, code: str
) -> None:
    raw = value[3:] if isinstance(value, str) and value.startswith("<v>") else None
    rows = (*ROWS[:3], _retail_row(987654321 if raw else value, unit))
    path = save_report(tmp_path / "r.xlsx", rows)
    if raw:  # what openpyxl cannot write: the number as it stands in the sheet's XML
        _patch(path, "<v>987654321</v>", f"<v>{raw}</v>")
    result = check_file(path, FakeCatalog())
    found = [f for f in result.findings if f.code == code]
    assert len(found) == 1, result.findings
    assert found[0].cell and found[0].indicator == "retail-sales"
    assert result.status == "invalid"
    assert all(math.isfinite(o.value) for o in result.observations)
    json.dumps(result.to_dict(), allow_nan=False)  # JSON never holds Infinity or NaN


@pytest.mark.parametrize("year", ["9" * 5000, "²⁰²⁵", "20255"])
def test_a_form_year_that_is_no_year_is_form_damaged_not_a_crash(tmp_path: Path, year: str) -> None:
    from openpyxl import load_workbook

    from lsplan.layouts import MARKER, MARKER_SHEET

    path = save_report(tmp_path / "form.xlsx")
    book = load_workbook(path)
    marker = book.create_sheet(MARKER_SHEET)
    for pair in (
        (MARKER, "1"),
        ("agency", "so-cong-thuong"),
        ("year", year),
        ("quarter", "Q1"),
        ("sheet", "Biểu 01"),
    ):
        marker.append(pair)
    for cell in marker["B"]:
        cell.data_type = "s"
    book.save(path)
    result = check_file(path, FakeCatalog())
    assert "form-damaged" in [f.code for f in result.findings], result.findings
