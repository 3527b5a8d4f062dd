"""Rows that are not data (part of the "rows" stage): signature blocks, column numbers, headers.

Real reports end with a place and date ("Lạng Sơn, ngày 15 tháng 7 năm 2025") and a signature
block ("NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)", "THỦ TRƯỞNG ĐƠN VỊ", "KT. GIÁM ĐỐC", then the
names); tables carry a row of column numbers ("(1) (2) (3)", "A B 1 2 3=2/1") and repeat their
header on a new page. None of it is a figure: `noise_kind` names what a row is, and the
findings stage skips it with one info finding per table.
"""

from __future__ import annotations

import re

from lsplan.numbers import parse_number
from lsplan.reading.header import NUMBERING, classify_header
from lsplan.text import fold

SIGNATURE = "signature"
NUMBERS = "column-numbers"
HEADER = "header"

_SIGNATURE_WORDS = (
    "nguoi lap bieu",
    "nguoi lap",
    "ky ghi ro ho ten",
    "ky ten",
    "ky dong dau",
    "thu truong don vi",
    "thu truong co quan",
    "kt giam doc",
    "giam doc",
    "pho giam doc",
    "kt cuc truong",
    "cuc truong",
    "ke toan truong",
    "lanh dao don vi",
    "noi nhan",
    "tm uy ban nhan dan",
    "tm ubnd",
)
_PLACE_AND_DATE = re.compile(r"\bngay\s*(\d{1,2}|\.+|…+)?\s*thang\s*(\d{1,2}|\.+|…+)?\s*nam\b")


def is_signature(texts: dict[int, str]) -> bool:
    """A signature line: a role that signs ("NGƯỜI LẬP BIỂU") or the place and date above it."""
    for text in texts.values():
        key = fold(text)
        # "KT. GIÁM ĐỐC", "Thủ trưởng đơn vị báo cáo"; not "Giám đốc các doanh nghiệp được đào tạo"
        if any(
            key == word or (key.startswith(word + " ") and len(key[len(word) :].split()) <= 3)
            for word in _SIGNATURE_WORDS
        ):
            return True
        if _PLACE_AND_DATE.search(key) and len(key) < 80:
            return True
    return False


def is_column_numbers(texts: dict[int, str]) -> bool:
    """ "(1) (2) (3)" or "1 2 3 4 5" across the columns (consecutive), "A B 1 2 3=2/1"."""
    if len(texts) < 3 or not all(len(t) <= 10 and NUMBERING.match(fold(t) or "x") for t in texts.values()):
        return False
    values = [t.strip() for _, t in sorted(texts.items())]
    if all(v.startswith("(") and v.endswith(")") for v in values):
        return True
    numbers = [int(v) for v in values if v.isdigit()]
    if len(numbers) >= 3 and all(b == a + 1 for a, b in zip(numbers, numbers[1:], strict=False)):
        return True
    return any(re.search(r"\d\s*[=x*/+-]\s*\d", v) for v in values)


def is_header_repeat(texts: dict[int, str], value_col: int | None = None) -> bool:
    """A header row again (a new page, or a second table's header without a value column):
    words only, the value column's cell (if any) a header word too."""
    if any(parse_number(text).value is not None for text in texts.values()):
        return False
    roles = {col: classify_header(text) for col, text in texts.items()}
    if value_col in texts and roles[value_col] is None:
        return False
    known = sum(role is not None for role in roles.values())
    # "STT | Chỉ tiêu | ĐVT | ...", or its second row "Kế hoạch | Thực hiện | %" (no name).
    return known >= 2 and ("name" in roles.values() or known == len(roles))


def noise_kind(texts: dict[int, str], value_col: int | None = None) -> str:
    """SIGNATURE, NUMBERS, HEADER, or "" for a row that may be data."""
    if not texts:
        return ""
    if is_column_numbers(texts):
        return NUMBERS
    if is_signature(texts):
        return SIGNATURE
    return HEADER if is_header_repeat(texts, value_col) else ""
