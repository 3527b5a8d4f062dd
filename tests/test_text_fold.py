"""Property tests for lsplan.text.fold / compact: the key that matches names typed by people."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from lsplan.text import compact, fold, nfc, strip_diacritics

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
words = st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + " &-,.", min_size=0, max_size=40)
names = st.sampled_from(
    [
        "Sở Kế hoạch và Đầu tư",
        "Sở Tài chính",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Cục Thống kê tỉnh",
        "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng",
        "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn",
    ]
)


@given(words)
def test_nfc_and_nfd_fold_alike(text: str) -> None:
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))


@given(words)
def test_case_does_not_matter(text: str) -> None:
    assert fold(text.upper()) == fold(text.lower()) == fold(text)


@given(words)
def test_diacritics_do_not_matter(text: str) -> None:
    assert fold(strip_diacritics(text)) == fold(text)


@given(words)
def test_fold_is_idempotent_and_ascii(text: str) -> None:
    key = fold(text)
    assert fold(key) == key
    assert key.isascii()
    assert key == key.strip() and "  " not in key


@given(words)
def test_compact_has_no_spaces(text: str) -> None:
    assert " " not in compact(text)
    assert compact(text) == fold(text).replace(" ", "")


@given(names, st.sampled_from(["NFC", "NFD"]), st.booleans())
def test_real_names(name: str, form: str, upper: bool) -> None:
    typed = unicodedata.normalize(form, name.upper() if upper else name)
    assert fold(typed) == fold(name)


def test_d_bar_and_tone_placement() -> None:
    assert fold("Đ") == fold("đ") == "d"
    assert fold("Sở KH&ĐT") == "so kh dt" and compact("Sở KH&ĐT") == compact("so khdt") == "sokhdt"
    assert fold("hoà") == fold("hòa") == "hoa"  # old and new tone placement
    assert fold("  Sở\u00a0Tài   chính ") == "so tai chinh"
    assert nfc("Sở\u200b Tài chính") == "Sở Tài chính"
