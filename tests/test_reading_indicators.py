"""Stage "indicators": the one matching function, and the method it reports."""

from __future__ import annotations

from workbooks import FakeCatalog

from lsplan.names import IndicatorIndex
from lsplan.reading.indicators import index_of, match_indicator

CATALOG = FakeCatalog()
INDEX = IndicatorIndex(CATALOG.indicators)


def test_methods() -> None:
    assert match_indicator(INDEX, "Sản lượng than").method == "exact-name"
    assert match_indicator(INDEX, "Than sạch").method == "alias"
    found = match_indicator(INDEX, "Tổng mức bán lẻ hàng hoá và doanh thu dich vu tieu dun")
    assert (found.indicator.id, found.method) == ("retail-sales", "fuzzy")


def test_a_bracket_is_tried_off_and_nothing_is_none() -> None:
    found = match_indicator(INDEX, "Tổng mức bán lẻ (tỷ đồng)", ("I. THƯƠNG MẠI",))
    assert (found.indicator.id, found.method) == ("retail-sales", "alias")
    assert match_indicator(INDEX, "Số doanh nghiệp thành lập mới").indicator is None
    assert match_indicator(INDEX, "").method == "none"


def test_index_of_a_catalogue_without_an_index() -> None:
    assert index_of(CATALOG).match("Than sạch").id == "coal-output"
