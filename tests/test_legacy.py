"""TCVN3 (ABC, .VnTime) and VNI (VNI-Times) text: detection by font and by pattern, conversion."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lsplan.legacy import _TABLES, TCVN3, VNI, detect_legacy, from_unicode, legacy_font, to_unicode

PHRASES = [
    "Sở Công Thương",
    "Tổng mức bán lẻ hàng hóa",
    "Lượng khách du lịch",
    "Kế hoạch năm 2025",
    "Thực hiện 6 tháng đầu năm",
    "Cộng hoà xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "Ước thực hiện quý I",
]


def test_known_byte_forms() -> None:
    assert from_unicode("Sở Công Thương", TCVN3) == "Së C«ng Th\u00ad¬ng"
    assert from_unicode("Sở Công Thương", VNI) == "Sôû Coâng Thöông"
    assert to_unicode("Së C«ng Th\u00ad¬ng", TCVN3) == "Sở Công Thương"
    assert to_unicode("Sôû Coâng Thöông", VNI) == "Sở Công Thương"


@pytest.mark.parametrize("phrase", PHRASES)
@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_real_phrases_round_trip_and_are_detected_without_a_font(phrase: str, encoding: str) -> None:
    legacy = from_unicode(phrase, encoding)
    assert legacy != phrase
    assert detect_legacy(legacy) == encoding
    assert to_unicode(legacy, encoding) == phrase


def test_upper_case_headings_need_the_h_font_in_tcvn3() -> None:
    legacy = from_unicode("UBND TỈNH LẠNG SƠN", TCVN3)
    assert legacy == "UBND TØNH L¹NG S¥N"
    assert detect_legacy(legacy, ".VnTimeH") == TCVN3
    assert to_unicode(legacy, TCVN3, font=".VnTimeH") == "UBND TỈNH LẠNG SƠN"
    vni = from_unicode("UBND TỈNH LẠNG SƠN", VNI)
    assert vni == "UBND TÆNH LAÏNG SÔN"
    assert detect_legacy(vni) == VNI and to_unicode(vni, VNI) == "UBND TỈNH LẠNG SƠN"


@pytest.mark.parametrize(
    ("font", "encoding"),
    [(".VnTime", TCVN3), (".VnArial", TCVN3), (".VnTimeH", TCVN3), ("VNI-Times", VNI), ("VNI-Helve", VNI),
     ("Times New Roman", None), ("Calibri", None), (None, None)],
)  # fmt: skip
def test_font_names(font: str | None, encoding: str | None) -> None:
    assert legacy_font(font) == encoding


def test_font_decides_when_the_pattern_is_too_weak() -> None:
    # "Coâng" alone could be Unicode text with a stray "â"; the VNI font settles it.
    assert detect_legacy("Coâng") is None
    assert detect_legacy("Coâng", font="VNI-Times") == VNI
    assert to_unicode("Coâng", VNI) == "Công"


@pytest.mark.parametrize(
    "text",
    ["Sở Công Thương", "Hoàng", "Công", "Toàn tỉnh", "café", "Tây", "GRDP", "", "8,5%", "Hà Nội"],
)
def test_unicode_and_ascii_text_is_not_legacy(text: str) -> None:
    assert detect_legacy(text) is None
    assert detect_legacy(text, font="Times New Roman") is None


def test_unicode_text_in_a_legacy_font_stays_unicode() -> None:
    assert detect_legacy("Sở Công Thương", font=".VnTime") is None  # ơ, ư exist only in Unicode
    assert detect_legacy("GRDP 2025", font=".VnTime") is None  # ASCII needs no conversion
    # Latin-1 letters in a .VnTime cell are TCVN3 bytes: the screen showed "Cụng", not "Công".
    assert detect_legacy("Công", font=".VnTime") == TCVN3


@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_tables_cover_every_lowercase_and_uppercase_letter(encoding: str) -> None:
    letters = set()
    for base in "aăâeêioôơuưy":
        for tone in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"):
            letters.add(unicodedata.normalize("NFC", base + tone))
    letters |= {"đ"}
    covered = set(_TABLES[encoding].values())
    missing_lower = {ch for ch in letters if ch not in covered and ch not in "aeiouy"}
    assert missing_lower == set()
    if encoding == VNI:  # TCVN3 has no upper-case accented letters (H fonts do that)
        missing_upper = {ch.upper() for ch in letters if ch.upper() not in covered and ch not in "aeiouy"}
        assert missing_upper == set()


VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ "


@given(st.text(alphabet=VIETNAMESE + VIETNAMESE.upper(), min_size=1, max_size=30))
def test_vni_round_trips_any_vietnamese_text(text: str) -> None:
    assert to_unicode(from_unicode(text, VNI), VNI) == unicodedata.normalize("NFC", text)


@given(st.text(alphabet=VIETNAMESE, min_size=1, max_size=30))
def test_tcvn3_round_trips_any_lowercase_vietnamese_text(text: str) -> None:
    assert to_unicode(from_unicode(text, TCVN3), TCVN3) == text


@given(st.text(max_size=30), st.sampled_from([None, ".VnTime", "VNI-Times", "Arial"]))
def test_detection_never_raises(text: str, font: str | None) -> None:
    assert detect_legacy(text, font) in (None, TCVN3, VNI)
