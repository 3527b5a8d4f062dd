"""IndicatorIndex.resolve on the shipped catalogue: names as officers write them, under the
headings they sit under, to the indicator they mean, the way they were matched, or an ambiguity."""

from __future__ import annotations

import pytest

from lsplan.catalog import load_catalog
from lsplan.indicator_match import METHODS, IndicatorIndex
from lsplan.name_forms import expand, loose_form

GROWTH = ("II. CÁC CHỈ TIÊU KINH TẾ", "Tốc độ tăng trưởng (%)", "Trong đó:")
SHARES = ("II. CÁC CHỈ TIÊU KINH TẾ", "Cơ cấu kinh tế (%)")
LABOUR = ("III. CÁC CHỈ TIÊU XÃ HỘI", "Cơ cấu lao động (%)")
GRDP_ROW = ("Tốc độ tăng trưởng GRDP (%)", "Chia ra:")


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(scope="module")
def index(catalog) -> IndicatorIndex:
    return catalog.indicator_index()


CASES = [
    # (name, context, expected indicator id or None, method)
    # --- context decides a bare sector name (item 1) ---
    ("Nông, lâm nghiệp và thủy sản", GROWTH, "grdp-growth-agri", "context"),
    ("Nông, lâm nghiệp và thủy sản", SHARES, "grdp-share-agri", "context"),
    ("Nông, lâm nghiệp và thủy sản", LABOUR, "labour-share-agri", "context"),
    ("- Dịch vụ", GROWTH, "grdp-growth-services", "context"),
    ("- Dịch vụ", SHARES, "grdp-share-services", "context"),
    ("+ Dịch vụ", GRDP_ROW, "grdp-growth-services", "context"),
    ("Công nghiệp - xây dựng", GROWTH, "grdp-growth-industry-construction", "context"),
    ("b) Công nghiệp - xây dựng", SHARES, "grdp-share-industry-construction", "context"),
    ("Công nghiệp", (*GROWTH, "Công nghiệp - xây dựng", "Trong đó:"), "grdp-growth-industry", "context"),
    ("Thuế sản phẩm trừ trợ cấp sản phẩm", GROWTH, "grdp-growth-taxes", "context"),
    ("Thuế sản phẩm trừ trợ cấp sản phẩm", SHARES, "grdp-share-taxes", "context"),
    ("Khu vực III", ("Tăng trưởng",), "grdp-growth-services", "context"),
    ("Khu vực II (%)", ("Tỷ trọng trong GRDP",), "grdp-share-industry-construction", "context"),
    # the innermost deciding heading wins
    ("Dịch vụ", ("Tốc độ tăng trưởng", "Cơ cấu kinh tế"), "grdp-share-services", "context"),
    ("Dịch vụ", ("Cơ cấu kinh tế", "Ghi chú", "Trong đó:"), "grdp-share-services", "context"),
    # a group prefix in the name itself
    ("Cơ cấu kinh tế: Dịch vụ", (), "grdp-share-services", "context"),
    ("Cơ cấu kinh tế - Nông, lâm nghiệp và thủy sản", (), "grdp-share-agri", "context"),
    ("Tăng trưởng - Dịch vụ", (), "grdp-growth-services", "alias"),
    ("Tốc độ tăng trưởng ngành dịch vụ", (), "grdp-growth-services", "context"),
    ("Tốc độ tăng trưởng: Công nghiệp - xây dựng", (), "grdp-growth-industry-construction", "context"),
    # a full name stands whatever the heading says
    ("Tỷ trọng dịch vụ trong GRDP", GROWTH, "grdp-share-services", "exact-name"),
    # --- names as officers write them (item 2): a loose form equal to a catalogue name's loose
    # form is matched by the method of that name ("exact-name" for the name, the id or the English)
    ("TĂNG TRƯỞNG GRDP", (), "grdp-growth", "alias"),
    ("Tốc độ tăng trưởng GRDP (so với cùng kỳ)", (), "grdp-growth", "alias"),
    ("Tổng thu NSNN (tỷ đồng)", (), "budget-revenue", "exact-name"),
    ("Tổng thu NSNN trên địa bàn tỉnh", (), "budget-revenue", "alias"),
    ("Tổng thu ngân sách nhà nước năm 2025", (), "budget-revenue", "exact-name"),
    ("Thu NSNN so với kế hoạch", (), "budget-revenue", "alias"),
    ("TMBL", (), "retail-sales", "alias"),
    ("Ước thực hiện TMBL năm 2025", (), "retail-sales", "alias"),
    ("Tổng mức bán lẻ HH và DTDV tiêu dùng (tỷ đồng)", (), "retail-sales", "exact-name"),
    (
        "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng so với kế hoạch",
        (),
        "retail-sales",
        "exact-name",
    ),
    ("KNXK hàng địa phương", (), "export-growth", "alias"),
    ("Kim ngạch XK hàng địa phương 6 tháng đầu năm", (), "export-growth", "alias"),
    ("Số SPCN chủ yếu đạt và vượt KH", (), "industrial-products-on-plan", "alias"),
    ("VĐTPT trên địa bàn", (), "investment-total", "alias"),
    ("Tổng VĐTPT (tỷ đồng)", (), "investment-total", "exact-name"),
    ("Giải ngân vốn ĐTC (%)", (), "public-investment-disbursement", "alias"),
    ("CPI", (), "cpi", "exact-name"),
    ("Chỉ số giá tiêu dùng (CPI) bình quân", (), "cpi", "alias"),
    ("Tỷ lệ xã đạt chuẩn NTM", (), "ntm-communes-rate", "alias"),
    ("Tỷ lệ tham gia BHYT (%)", (), "health-insurance-coverage", "alias"),
    ("Khách du lịch (ước TH)", (), "tourists", "alias"),
    ("Khách du lịch ước thực hiện", (), "tourists", "alias"),
    ("GRDP bình quân đầu người (USD)", (), "grdp-per-capita-usd", "alias"),
    ("GRDP bình quân đầu người (triệu đồng)", (), "grdp-per-capita", "alias"),
    ("GRDP bình quân đầu người năm 2025", (), "grdp-per-capita", "alias"),
    # other word orders and near spellings: matched, but as "fuzzy" so that the caller warns
    ("Khách quốc tế du lịch", (), "tourists-international", "fuzzy"),
    ("Lượng khách du lịc", (), "tourists", "fuzzy"),
    ("Tổng mức bán lẽ hàng hóa và doanh thu dịch vụ tiêu dùng", (), "retail-sales", "exact-name"),
    ("Tổng múc bán lẻ hàng hoá và doanh thu dich vụ tiêu dung", (), "retail-sales", "exact-name"),
    ("Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dụng cả tỉnh nhé", (), "retail-sales", "fuzzy"),
    # --- company-specific targets: only their own names ---
    ("Than nguyên khai", (), "coal-output", "alias"),
    ("Sản lượng than nguyên khai (tấn)", (), "coal-output", "alias"),
    ("Sản lượng điện sản xuất (Nhiệt điện Na Dương)", (), "electricity-output", "alias"),
    ("Điện sản xuất - Công ty Nhiệt điện Na Dương", (), "electricity-output", "alias"),
    ("Than sạch", (), None, "none"),
    ("Điện sản xuất", (), None, "none"),
    ("Sản lượng điện sản xuất", (), None, "none"),
    ("Sản lượng điện", (), None, "none"),
    # --- rows that are not catalogue indicators ---
    ("Chỉ số sản xuất công nghiệp (IIP)", (), None, "none"),
    ("GRDP theo giá hiện hành", (), None, "none"),
    ("Vốn FDI thu hút", (), None, "none"),
    ("", (), None, "none"),
    ("- ", (), None, "none"),
]


@pytest.mark.parametrize(
    ("name", "context", "expected", "method"), CASES, ids=[c[0] or "empty" for c in CASES]
)
def test_resolve(index: IndicatorIndex, name: str, context: tuple, expected: str | None, method: str) -> None:
    found = index.resolve(name, context)
    assert (found.indicator.id if found.indicator else None, found.method) == (expected, method), found
    assert found.method in METHODS
    if expected is not None:
        assert found.ambiguous == ()


AMBIGUOUS = [
    # no deciding heading: a warning naming every indicator the name fits, never a guess
    ("Dịch vụ", (), {"grdp-growth-services", "grdp-share-services", "labour-share-services"}),
    (
        "- Dịch vụ",
        ("II. CÁC CHỈ TIÊU KINH TẾ", "Trong đó:"),
        {"grdp-growth-services", "grdp-share-services", "labour-share-services"},
    ),
    (
        "Nông, lâm nghiệp và thủy sản",
        ("GRDP theo giá so sánh (tỷ đồng)",),
        {"grdp-growth-agri", "grdp-share-agri", "labour-share-agri"},
    ),
    ("Công nghiệp", (), {"grdp-growth-industry", "grdp-share-industry"}),
    ("Thuế sản phẩm", (), {"grdp-growth-taxes", "grdp-share-taxes"}),
    ("Công nghiệp - xây dựng", ("Cơ cấu", "Tăng trưởng"), {"grdp-growth-industry-construction"}),
]


@pytest.mark.parametrize(
    ("name", "context", "fits"), AMBIGUOUS, ids=[f"{a[0]}|{'/'.join(a[1])}" for a in AMBIGUOUS]
)
def test_a_name_that_fits_several_indicators_is_ambiguous_unless_the_heading_decides(
    index: IndicatorIndex, name: str, context: tuple, fits: set[str]
) -> None:
    found = index.resolve(name, context)
    if len(fits) == 1:  # the innermost heading decides ("Tăng trưởng" is nearer than "Cơ cấu")
        assert found.indicator is not None and found.indicator.id in fits
        return
    assert found.indicator is None and found.method == "context"
    assert set(found.ambiguous) == fits


def test_unmatched_names_get_did_you_mean_candidates(index: IndicatorIndex) -> None:
    electricity = index.resolve("Sản lượng điện sản xuất")
    assert electricity.indicator is None and electricity.candidates[0][0] == "electricity-output"
    tourism = index.resolve("Doanh thu du lịch lữ hành")
    assert tourism.indicator is None and tourism.candidates[0][0] == "tourism-revenue"
    assert all(0 < score <= 100 for _id, score in tourism.candidates)
    assert len(tourism.candidates) <= 3
    nothing = index.resolve("Ghi chú: số liệu sơ bộ của ngành")
    assert nothing.method == "none" and all(score >= 55 for _id, score in nothing.candidates)


def test_fuzzy_stays_conservative_between_close_indicators(index: IndicatorIndex) -> None:
    # "Tỷ lệ thu gom, xử lý chất thải y tế" and "... chất thải nguy hại, chất thải y tế" are two
    # indicators: a half-remembered name between them is not given to either
    found = index.resolve("Tỷ lệ thu gom xử lý chất thải nguy hại y tế")
    assert found.indicator is None or found.method == "fuzzy"
    assert index.resolve("Tỷ lệ thu gom, xử lý chất thải y tế").indicator.id == "medical-waste-treatment"


def test_the_unit_tells_apart_two_indicators_that_differ_by_unit_only(index: IndicatorIndex) -> None:
    assert (
        index.resolve("GRDP bình quân đầu người năm 2025", unit="USD").indicator.id == "grdp-per-capita-usd"
    )
    assert (
        index.resolve("GRDP bình quân đầu người năm 2025", unit="triệu đồng").indicator.id
        == "grdp-per-capita"
    )


def test_match_keeps_its_contract(catalog) -> None:
    assert catalog.match_indicator("TĂNG TRƯỞNG GRDP").id == "grdp-growth"
    assert catalog.match_indicator("Lượng khách du lịc").id == "tourists"
    assert catalog.match_indicator("Dịch vụ") is None  # ambiguous without its heading
    assert catalog.match_indicator("") is None


def test_learned_aliases_match_as_learned(catalog) -> None:
    index = catalog.indicator_index({"Doanh số bán lẻ toàn tỉnh": "retail-sales", "Bogus": "no-such-id"})
    found = index.resolve("DOANH SỐ BÁN LẺ TOÀN TỈNH (tỷ đồng)")
    assert (found.indicator.id, found.method) == ("retail-sales", "learned-alias")
    assert index.resolve("Bogus").indicator is None  # an unknown id is never matched
    assert catalog.indicator_index().resolve("Doanh số bán lẻ toàn tỉnh").method != "learned-alias"


def test_results_are_memoised_per_name_and_context(index: IndicatorIndex) -> None:
    first = index.resolve("- Dịch vụ", GROWTH)
    assert index.resolve("- Dịch vụ", list(GROWTH)) is first
    assert index.resolve("- Dịch vụ", SHARES) is not first


def test_every_abbreviation_expands_to_words_of_the_catalogue(catalog) -> None:
    """An abbreviation is listed only for words the catalogue uses (or an indicator it has not)."""
    from lsplan.name_forms import ABBREVIATIONS
    from lsplan.text import fold

    words = " ".join(
        fold(n) for i in catalog.indicators.values() for n in (i.name, *i.aliases, *i.context_names)
    )
    not_in_catalogue = {"iip", "fdi", "nk", "kn", "gttt", "uth", "nm"}  # kept so they never fuzz into one
    for short, spelled in ABBREVIATIONS.items():
        if short not in not_in_catalogue:
            assert all(w in words.split() for w in spelled.split()), short


def test_loose_form() -> None:
    assert loose_form("Tổng thu NSNN (tỷ đồng)").key == "tong thu ngan sach nha nuoc"
    assert loose_form("Tổng thu NSNN (tỷ đồng)").unit == "ty dong"
    assert loose_form("Chỉ số giá tiêu dùng (CPI)").key == "chi so gia tieu dung"
    assert loose_form("Khách du lịch (ước TH) 6 tháng đầu năm 2025").key == "khach du lich"
    assert (
        loose_form("Tai nạn giao thông (số vụ)").key == "tai nan giao thong so vu"
    )  # a real qualifier stays
    assert loose_form("Xây dựng - công nghiệp").tokens == loose_form("Công nghiệp - xây dựng").tokens
    assert expand("tang truong cn xd") == "tang truong cong nghiep xay dung"


def test_context_names_are_no_single_indicators_name_or_alias(catalog) -> None:
    """A bare name shared by several indicators must not also be one indicator's alias: the
    alias would win over the heading and read growth rows as shares again."""
    from lsplan.text import fold

    named = {fold(n) for i in catalog.indicators.values() for n in (i.id, i.name, i.name_en, *i.aliases)}
    for indicator in catalog.indicators.values():
        assert indicator.context_names == () or indicator.context_headings != (), indicator.id
        for name in indicator.context_names:
            assert fold(name) not in named, (indicator.id, name)
            assert len(catalog.indicator_index()._context[fold(name)]) > 1, (indicator.id, name)


def test_hint_names_the_candidates_for_the_callers_warning(index: IndicatorIndex) -> None:
    ambiguous = index.resolve("Dịch vụ")
    assert "Tỷ trọng dịch vụ trong GRDP" in index.hint(ambiguous, "vi")
    assert index.hint(ambiguous, "vi").startswith(" (có phải")
    assert "Services share of GRDP" in index.hint(ambiguous, "en")
    unmatched = index.resolve("Sản lượng điện sản xuất")
    assert "Nhiệt điện Na Dương" in index.hint(unmatched, "vi")
    assert index.hint(index.resolve("TMBL")) == ""


def test_long_runs_of_period_words_do_not_backtrack(index: IndicatorIndex) -> None:
    # "(?:\s+(?:period|...))+$" took exponential time on this; the suffixes now go one at a time
    found = index.resolve("Tổng thu NSNN " + "quý I năm 2025 kế hoạch " * 60 + "ghi chú")
    assert found.indicator is None
    assert index.resolve("Tổng thu NSNN" + " quý I năm 2025 kế hoạch" * 60).indicator.id == "budget-revenue"


def test_as_dict_is_plain_json(index: IndicatorIndex) -> None:
    import json

    shown = index.resolve("Lượng khách du lịc").as_dict()
    assert shown["method"] == "fuzzy" and shown["indicator"] == "tourists" and shown["score"] >= 88
    ambiguous = json.loads(json.dumps(index.resolve("Dịch vụ").as_dict()))
    assert ambiguous["indicator"] is None and len(ambiguous["ambiguous"]) == 3
