"""lsplan.text's quick paths give exactly what the general rule gives, for any text."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from lsplan.text import _SPECIAL, nfc, strip_diacritics


def nfc_by_the_rule(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "").replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).strip()


def stripped_by_the_rule(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


VIETNAMESE = "aăâbdđeêioôơuưyĐĂÂÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
AWKWARD = " \u00a0\u200b\ufeff\u00ad\t\n\r\u0301\u0323\u0300\u034f\u2028"
texts = st.text(alphabet=st.sampled_from(VIETNAMESE + AWKWARD + "xyz.,-")) | st.text()


@settings(max_examples=600, deadline=None)
@given(texts)
def test_nfc_and_stripping_match_the_general_rule(text: str) -> None:
    assert nfc(text) == nfc_by_the_rule(text)
    assert strip_diacritics(text) == stripped_by_the_rule(text)


def test_every_code_point_strips_as_the_general_rule_strips_it() -> None:
    every = "".join(chr(c) for c in range(0x20, 0x30000) if not 0xD800 <= c < 0xE000)
    assert strip_diacritics(every) == stripped_by_the_rule(every)
