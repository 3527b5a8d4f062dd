"""Stage 5a: a clause's figures and the words that name them.

A paragraph is cut into clauses (at ";" and at sentence ends); in each clause every figure with
a unit is an item (`_Item`), named by the words before it, or when none, after it ("100% dân
số đô thị được cung cấp nước sạch"). The words between a name and its figure ("đạt", "tăng",
"khoảng", …) are taken off the name and kept for what they say about the comparison
(lsplan.extract.comparisons). lsplan.extract.targets makes proposals of the items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lsplan.extract.model import Quantity
from lsplan.extract.target_periods import _SPAN

_CLAUSE_SPLIT = re.compile(r";\s*|(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ(\-–])|(?<=\.)\s*$")

# Words between a name and its figure, outermost last: stripped from the name, read for meaning.
_TAIL_WORDS = [
    "phấn đấu",
    "đạt và vượt",
    "đạt mức",
    "đạt",
    "tăng trưởng",
    "tăng",
    "giảm",
    "chiếm",
    "đóng góp",
    "cắt giảm",
    "có thể",
    "có",
    "ở mức",
    "là",
    "bằng",
    "từ",
    "trên",
    "dưới",
    "hơn",
    "khoảng",
    "xấp xỉ",
    "gần",
    "ít nhất",
    "tối thiểu",
    "tối đa",
    "không quá",
    "không dưới",
    "không thấp hơn",
    "không vượt quá",
    "trở lên",
    "cao hơn",
    "thấp hơn",
    "nhóm",
    "trong nhóm",
    "thuộc nhóm",
    "top",
    "xếp thứ",
    "đứng thứ",
    "một trong",
    "tương đương",
    "trong đó có",
    "trong đó",
    "và",
    "với",
    "cho",
    "được",
    "mỗi năm",
    "hằng năm",
    "bình quân",
    "sản xuất",
    "trồng",
    "có thêm",
    "tăng thêm",
    "thêm",
    "còn",
    "xuống",
    "xuống còn",
]
_TAIL = re.compile(
    r"(?:(?:^|\s)("
    + "|".join(sorted(map(re.escape, _TAIL_WORDS), key=len, reverse=True))
    + r")|([≥>≤<]))\s*$",
    re.IGNORECASE,
)
_LEAD = re.compile(
    r"^(?:[-–•+*]\s*|\(?\d{1,2}\)|\d{1,2}(?:\.\d{1,2})*\.\s|[a-zđ]\)\s|[IVX]+\.\s)*\s*"
    r"(?:trong đó có|trong đó,?|và|tương đương|phấn đấu đến năm \d{4},?|đến năm \d{4},?|"
    r"năm \d{4},?)?\s*",
    re.IGNORECASE,
)
_STRETCH = re.compile(r"phấn đấu|(?:trong |nếu có |khi có )?điều kiện thuận lợi", re.I)
_STRETCH_LEAD = re.compile(
    r"^(?:phấn đấu|(?:trong|nếu có|khi có)\s+điều kiện thuận lợi(?:\s+(?:thì|có thể))?)\b", re.I
)


@dataclass
class _Item:
    quantity: Quantity
    name: str  # as written
    words: list[str]  # the words between name and figure, lower case
    gap: str  # the text between the previous figure and this one
    relative: str | None  # "so với …" benchmark
    after: str  # the text after the figure up to the next figure
    segment_start: int = 0  # where the item's own words begin in the clause
    fallback: str = ""  # the subject before "phấn đấu" when nothing names the figure after it


def clauses(text: str) -> list[tuple[int, str, bool]]:
    """(offset, clause, starts a sentence) pieces of a paragraph: cut at ';' and sentence ends."""
    out, start, new_sentence = [], 0, True
    for m in _CLAUSE_SPLIT.finditer(text):
        if m.start() > start and text[start : m.start()].strip():
            out.append((start, text[start : m.start()], new_sentence))
        new_sentence = not m.group(0).startswith(";")
        start = m.end()
    if start < len(text) and text[start:].strip():
        out.append((start, text[start:], new_sentence))
    return out


def _strip_tail(name: str) -> tuple[str, list[str]]:
    words: list[str] = []
    while True:
        m = _TAIL.search(name)
        if not m:
            break
        words.append((m.group(1) or m.group(2)).lower())
        name = name[: m.start()].rstrip(" ,:")
        if not name:
            break
    return _edges(name), words


def _edges(text: str) -> str:
    """`text` without separators at its ends, and without brackets there unless they pair up:
    "Tốc độ tăng trưởng kinh tế (GRDP)" keeps its ")", "(trong đó" loses its "("."""
    while True:
        trimmed = text.strip(" ,;:.")
        if trimmed.endswith(")") and trimmed.count("(") < trimmed.count(")") or trimmed.endswith("("):
            trimmed = trimmed[:-1]
        if trimmed.startswith("(") and trimmed.count("(") > trimmed.count(")") or trimmed.startswith(")"):
            trimmed = trimmed[1:]
        if trimmed == text:
            return text
        text = trimmed


_LIST_MARK = re.compile(r"^\s*[-–•+*]\s*")


def _clean_name(text: str) -> str:
    text = _edges(_LEAD.sub("", text.strip(" ,;:")))
    if re.fullmatch(r"[\d.()]*", text):
        return ""  # a label alone ("2.13."): no name
    text = _SPAN.sub("", text)
    text = re.sub(
        r"(?:(?:bình quân|trung bình)\s*)?(?:hằng|hàng|mỗi)?\s*năm\s*(?:thời kỳ|giai đoạn)?\s*$", "", text
    )
    text = re.sub(r"\s*(?:đến|tới|vào|trong)?\s*năm\s+(?:19|20)\d\d\s*$", "", text, flags=re.I)
    return _edges(text)


def _items(clause: str, body_start: int, quantities: list[Quantity]) -> list[_Item]:
    items: list[_Item] = []
    previous_end = body_start
    for index, q in enumerate(quantities):
        gap = clause[previous_end : q.start]
        segment = gap
        if index > 0:
            # The words right after a figure finish it ("95% kế hoạch, …"): the next name
            # starts after the first separator, or after "và" when there is none.
            cut = re.search(r"[,;(]", gap)
            if cut:
                segment = gap[cut.end() :]
            else:
                joint = list(re.finditer(r"\s(?:và|với)\s", gap))
                segment = gap[joint[-1].end() :] if joint else gap
        segment_start = q.start - len(segment)
        stretch = _STRETCH_LEAD.match(segment.strip(" ,"))
        before_goal = ""
        if stretch:
            segment_start += len(segment) - len(segment.lstrip(" ,"))
            segment = segment.strip(" ,")[stretch.end() :]
        else:
            goal = list(re.finditer(r"phấn đấu\s", segment, re.I))
            if goal and goal[-1].start() > 0:
                before_goal = segment[: goal[-1].start()]
                segment_start += goal[-1].start()
                segment = segment[goal[-1].start() :]
        name, words = _strip_tail(_clean_name(segment))
        name = _clean_name(name)
        verb = re.match(r"(giảm|tăng)\s+(?=\S)", name, re.IGNORECASE)
        if verb:  # "Giảm tỷ lệ hộ nghèo 3 - 4%": the verb leads the name
            words.append(verb.group(1).lower())
            name = name[verb.end() :]
        with_total = name.rfind(" với tổng ")
        if with_total > 0:  # "… cải thiện nhà ở với tổng kinh phí trên 400 tỷ đồng"
            segment_start += segment.find(name) + with_total + 5 if segment.find(name) >= 0 else 0
            name = name[with_total + 5 :]
        # "mở rộng sản xuất thạch đen …, phấn đấu đạt 2.300 ha": the subject may be before.
        fallback = _clean_name(_strip_tail(_clean_name(before_goal))[0]) if before_goal else ""
        if stretch:
            words.append("stretch")
        next_start = quantities[index + 1].start if index + 1 < len(quantities) else len(clause)
        after = clause[q.end : next_start]
        relative = None
        m = re.match(r"\s*(?:kế hoạch\s*)?so với\s+([^,;()]+)", after)
        if m:
            relative = m.group(1).strip()
        items.append(_Item(q, name, words, gap, relative, after, segment_start, fallback))
        previous_end = q.end
    return items


def _after_name(after: str, whole: bool = False) -> str:
    # "… 13 bác sĩ/1 vạn dân và 34 giường bệnh": "và" before another figure ends the name; in
    # "50 doanh nghiệp khoa học và công nghệ" it is part of it.
    # "1,5 triệu lượt khách, trong đó khách quốc tế …": the parts that follow are items of
    # their own, not words of this name.
    text = re.split(
        r"[;(]|\.\s|\s+so với\s|,\s*(?:trong đó|gồm|bao gồm|riêng)\b"
        if whole
        else r"[;(]|\.\s|\s+so với\s|,\s*(?:trong đó|gồm|bao gồm|riêng)\b|\s+và\s(?=[^,;.]*\d)",
        after,
        flags=re.IGNORECASE,
    )[0]
    text = re.sub(r"^\s*(?:kế hoạch|GRDP của tỉnh)\b", "", text)
    name, _ = _strip_tail(_clean_name(text))
    return _clean_name(name)
