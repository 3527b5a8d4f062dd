"""Open-ended input: whatever the cells hold, the checks return findings, never raise."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workbooks import HEADER, FakeCatalog

from lsplan.checks import check_workbook
from lsplan.findings import CODES
from lsplan.readers import Cell, Sheet, Workbook

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
VALUE = st.one_of(
    st.none(),
    TEXT,
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["Sản lượng than", "Tổng mức bán lẻ", "1.234", "8,5%", "-", "13/13", "=A1"]),
)
FORMATS = st.sampled_from(["General", "0.00%", "#,##0", '"x"0%', "[$-42A]0.0"])
CATALOG = FakeCatalog()


def _workbook(title: list, rows: list[list], formats: list[str]) -> Workbook:
    grid = [[line] for line in title] + [list(HEADER)] + rows
    cells = tuple(
        tuple(
            Cell(r, c, f"{chr(64 + c)}{r}", v, number_format=formats[(r + c) % len(formats)])
            if v is not None
            else None
            for c, v in enumerate(values, start=1)
        )
        for r, values in enumerate(grid, start=1)
    )
    return Workbook("generated.xlsx", "xlsx", (Sheet("S", cells),))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(TEXT, st.just("SỞ CÔNG THƯƠNG"), st.just("6 THÁNG NĂM 2025")), max_size=4),
    st.lists(st.lists(VALUE, min_size=8, max_size=8), max_size=12),
    st.lists(FORMATS, min_size=1, max_size=3),
)
def test_never_raises(title: list, rows: list[list], formats: list[str]) -> None:
    result = check_workbook(_workbook(title, rows, formats), CATALOG)
    assert result.status in ("ok", "invalid")
    assert all(f.code in CODES for f in result.findings)
    assert all(o.value == o.value for o in result.observations)  # never NaN
    if result.status == "ok":
        assert not result.errors


@given(
    st.integers(1_000, 999_999),
    st.floats(0.05, 3.0),
    st.sampled_from([".", ","]),
)
def test_a_ratio_that_fits_one_reading_settles_it(whole: int, share: float, mark: str) -> None:
    from lsplan.check_rows import settle_ambiguous
    from lsplan.numbers import parse_number

    text = f"{whole // 1000}{mark}{whole % 1000:03d}"  # "2.350" or "2,350": ambiguous either way
    parsed = parse_number(text)
    assert parsed.ambiguous and parsed.alternative is not None
    thousands = float(whole)  # the sender meant the thousands reading: plan and ratio agree with it
    plan = thousands / share
    ratio = round(share * 100, 1)
    expected = "confirmed" if parsed.value == thousands else "other"
    assert settle_ambiguous(parsed.value, parsed.alternative, plan, ratio) == expected
