"""Stage 5c: the comparison a target asks for, from the words around its figure.

"đạt trên 95%" is at least, "không quá 10 ngày" at most, "khoảng 6 triệu lượt" approx,
"chiếm 12 - 13%" a band, "giảm 2 - 3%/năm" a reduction, "tăng 12% so với năm 2025" relative,
"nhóm 10 tỉnh dẫn đầu" a rank; the qualifier is kept as the plan writes it.
"""

from __future__ import annotations

import re

from lsplan.extract.target_items import _Item
from lsplan.text import fold

AT_LEAST_WORDS = ("trên", "ít nhất", "tối thiểu", "không dưới", "không thấp hơn", "trở lên", "đạt và vượt")
AT_MOST_WORDS = ("dưới", "tối đa", "không quá", "không vượt quá")
APPROX_WORDS = ("khoảng", "xấp xỉ", "gần")
RANK_WORDS = ("nhóm", "top", "xếp thứ", "đứng thứ", "một trong")


def _comparison(
    item: _Item, band_context: bool, default_unit_pct: bool
) -> tuple[str, str, float | None, float | None]:
    """(comparison code, qualifier as written, low, high)."""
    q = item.quantity
    words = item.words
    text_before = fold(item.gap[-40:])
    after = item.after.lower()
    qualifier = next((w for w in words if w in (*AT_LEAST_WORDS, *AT_MOST_WORDS, *APPROX_WORDS)), "")
    if after.lstrip().startswith("trở lên"):
        qualifier = qualifier or "trở lên"
    sign = item.gap.rstrip()[-1:] if item.gap.strip() else ""
    if sign in ("≥", ">") and q.high is None:
        return "at_least", sign, q.low, None
    if sign in ("≤", "<") and q.high is None:
        return "at_most", sign, None, q.low
    if any(w in ("còn", "xuống", "xuống còn") for w in words):  # "giảm còn dưới 2%": a level, not a cut
        if q.high is not None:
            return "range", qualifier, q.low, q.high
        return (
            ("at_most", qualifier or "còn", None, q.low)
            if qualifier not in APPROX_WORDS
            else ("approx", qualifier, q.low, q.low)
        )
    if "giảm" in words or "cắt giảm" in words:
        return "reduction", qualifier or "giảm", q.low, q.high if q.high is not None else q.low
    if item.relative:
        # "tăng 12% so với năm 2025", "tăng 8 - 8,5% so với năm 2025", "tăng 1,5 - 2 lần so với
        # năm 2025": a change against a benchmark, one figure or a range
        return "relative", qualifier, q.low, q.high
    if q.unit == "lần":  # "gấp 2 lần": a multiple of something the text names elsewhere
        return "relative", qualifier, q.low, q.high
    if any(r in w for w in words for r in RANK_WORDS) or re.search(
        r"\b(tinh|dia phuong)\b.*(dan dau|dung dau)", fold(after)
    ):
        return "rank", qualifier, None, q.high if q.high is not None else q.low
    if q.high is not None:
        if "trở lên" in after[:12] or qualifier in AT_LEAST_WORDS:
            return "at_least", qualifier, q.low, None
        if band_context or "chiếm" in words or "đóng góp" in words:
            return "band", qualifier, q.low, q.high
        return "range", qualifier, q.low, q.high
    if qualifier in AT_LEAST_WORDS or "trở lên" in after[:12]:
        return "at_least", qualifier, q.low, None
    if qualifier in AT_MOST_WORDS:
        return "at_most", qualifier, None, q.low
    if qualifier in APPROX_WORDS:
        return "approx", qualifier, q.low, q.low
    if item.relative:
        return "relative", qualifier, q.low, None
    if re.search(r"\d/\d", q.text):
        return "exact", qualifier, q.low, q.low
    if ("action" in words or any(w in ("có thêm", "tăng thêm", "thêm") for w in words)) and q.high is None:
        return "at_least", qualifier, q.low, None  # a count to bring about, or more of it: a floor
    if any(w in ("đạt", "tăng", "tăng trưởng", "phấn đấu", "đạt mức") for w in words):
        return "at_least", qualifier, q.low, None
    if "có" in words or "là" in words or "bằng" in words or "chiếm" in words:
        return (
            ("exact" if not default_unit_pct else "at_least"),
            qualifier,
            q.low,
            q.low if not default_unit_pct else None,
        )
    if q.unit == "%" or "/" in q.unit:
        return "at_least", qualifier, q.low, None
    del text_before
    return "exact", qualifier, q.low, q.low


def _as_written(qualifier: str, around: str) -> str:
    if not qualifier:
        return ""
    m = re.search(re.escape(qualifier), around, re.I)
    return m.group(0) if m else qualifier
