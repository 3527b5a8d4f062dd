"""Stage 5: quantified commitments of the normalised text -> target proposals.

A paragraph is cut into clauses (at ";" and at sentence ends); in each clause every figure with
a unit is an item, named by the words before it (or, when none, after it: "100% dân số đô thị
được cung cấp nước sạch"). The words right before the figure give the comparison and the
qualifier as written ("đạt trên 95%", "khoảng 6 triệu lượt", "chiếm 12 - 13%", "giảm 2 - 3%/năm").

What is not a target, and why it is left out:
- results and estimates of past periods ("ước đạt", "đạt được", "đã …", a year before the plan);
- figures of another document the plan cites ("Nghị quyết số 25/NQ-CP … đạt 8% trở lên");
- a comparison beside a main figure ("(tăng 890 ha so với năm 2024)") — it explains, it is no
  second target; a stretch beside a main figure ("phấn đấu …", "trong điều kiện thuận lợi …")
  is kept as the main target's stretch.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lsplan.extract.model import Document, Paragraph, Period, Quantity, Stretch, TargetProposal
from lsplan.extract.quantities import find_quantities
from lsplan.text import fold

_CLAUSE_SPLIT = re.compile(r";\s*|(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ(\-–])|(?<=\.)\s*$")
_PAST = re.compile(
    r"\b(?:ước (?:đạt|thực hiện|tính|cả năm|tăng|giảm|khoảng)|đạt được|thực hiện được|"
    r"đã (?:đạt|thực hiện|hoàn thành|giải ngân|chi|thu|tăng|giảm|có|được|xây dựng|trồng|thu hút|đón)|"
    r"kết quả (?:đạt|thực hiện)|so với cùng kỳ|lũy kế|luỹ kế|cùng kỳ năm trước)",
    re.IGNORECASE,
)
_CITATION = re.compile(
    r"\b(?:Nghị quyết|Kết luận|Quyết định|Công điện|Chỉ thị|Thông tư|Nghị định|Kế hoạch|"
    r"Chương trình(?: hành động)?|Thông báo|Công văn|Đề án|Luật)\s+(?:số\s*)?\d",
)
_YEAR = re.compile(r"\b(?:năm|vụ \w+)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
# Figures that describe a thing rather than commit to one: a project's cost, an estimate handed down.
_DESCRIPTIVE = re.compile(
    r"tổng mức đầu tư|dự toán[^,;.]{0,30}\bgiao\b|được phân bổ|đã bố trí|được cấp", re.IGNORECASE
)
_REPORTING = re.compile(r"so với cùng kỳ|cùng kỳ năm trước|lũy kế|luỹ kế", re.IGNORECASE)
_SPAN = re.compile(
    r"(?:thời kỳ|giai đoạn|từ năm|trong)\s*((?:19|20)\d\d)\s*(?:-|–|—|đến)\s*(?:năm\s*)?((?:19|20)\d\d)",
    re.IGNORECASE,
)
# A sentence that opens on a year before the plan's reports that year: "Năm 2025, …".
_PAST_OPENING = re.compile(r"\s*(?:[-–+•]\s*)?(?:Trong\s+|Cả\s+)?năm\s+((?:19|20)\d\d)\b", re.I)
_AVERAGE = re.compile(r"bình quân|trung bình", re.I)
_PER_YEAR = re.compile(r"%\s*/\s*năm|mỗi năm|hằng năm|hàng năm", re.I)

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
AT_LEAST_WORDS = ("trên", "ít nhất", "tối thiểu", "không dưới", "không thấp hơn", "trở lên", "đạt và vượt")
AT_MOST_WORDS = ("dưới", "tối đa", "không quá", "không vượt quá")
APPROX_WORDS = ("khoảng", "xấp xỉ", "gần")
RANK_WORDS = ("nhóm", "top", "xếp thứ", "đứng thứ", "một trong")
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


@dataclass(frozen=True)
class PeriodContext:
    default: Period
    plan_year: int | None  # the year the plan is issued in, when known: earlier years are past
    reports: Callable[[Paragraph], bool] = lambda paragraph: False  # a part that reports results


def _period(
    clause: str, sentence_span: Period | None, heading_year: int | None, ctx: PeriodContext, per_year: bool
) -> Period:
    span = _SPAN.search(clause)
    if span and _AVERAGE.search(clause[: span.start()][-60:] + clause[span.end() :][:20]):
        return Period(start=int(span.group(1)), end=int(span.group(2)), basis="annual_average")
    if sentence_span is not None and not _YEAR.search(clause):
        return sentence_span
    years = [int(y) for y in _YEAR.findall(clause)]
    if ctx.plan_year:
        years = [y for y in years if y >= ctx.plan_year]
    end = years[-1] if years else heading_year or ctx.default.year or ctx.default.end
    if per_year:
        start = ctx.default.start if ctx.default.start is not None else end
        return Period(start=start, end=end, basis="per_year")
    if span:
        return Period(start=int(span.group(1)), end=int(span.group(2)), basis="by_end")
    return Period(year=end)


def _is_past(clause: str, quantity_start: int, ctx: PeriodContext) -> bool:
    before = clause[:quantity_start]
    if _REPORTING.search(clause) or _PAST.search(before) or re.search(r"\bđã\b", before, re.I):
        return True
    if ctx.plan_year:
        for m in _YEAR.finditer(before):
            year = int(m.group(1))
            lead = before[max(0, m.start() - 25) : m.start()].lower()
            if year < ctx.plan_year and "so với" not in lead and "tương đương" not in lead:
                return True
        for m in _SPAN.finditer(before):  # "Giai đoạn 2021 - 2025, … đạt 6,5%": a period that is over
            lead = before[max(0, m.start() - 25) : m.start()].lower()
            if int(m.group(2)) < ctx.plan_year and "so với" not in lead:
                return True
    return bool(_DESCRIPTIVE.search(before))


Matcher = Callable[[str, str, str, set[str], frozenset[str]], tuple[str | None, float]]
_ACTION_START = re.compile(
    r"^(?:thu hút|đón|tạo|trồng|xây dựng|hỗ trợ|đào tạo|thành lập|phát triển|xóa|cải tạo|nâng cấp|"
    r"cứng hóa|giải quyết)\s",
    re.IGNORECASE,
)
_PLACE_ONLY = re.compile(
    r"^(?:toàn tỉnh|cả tỉnh|tỉnh|toàn thành phố|trên địa bàn(?: tỉnh)?|địa phương)$", re.I
)
# Words right after a figure that name what it measures ("30% thời gian …", "55% GRDP"), not
# a benchmark, a rate or the end of the item.
_NOUN_AFTER = re.compile(
    r"^\s+(?!so với|trở lên|mỗi|hằng|hàng|bình quân|trên|dưới|năm\b|/|và\b|trong\b|vào\b)[A-Za-zĐđÀ-ỹ]"
)
_ACTION_VERB = (
    r"(?:thu hút|đón(?: tiếp)?|tạo(?: mới)?|trồng(?: mới)?|xây dựng(?: mới)?|hỗ trợ|đào tạo|thành lập"
    r"(?: mới)?|phát triển(?: mới)?|xóa|cải tạo|nâng cấp|cứng hóa|làm mới|cấp|sửa chữa|hoàn thành|"
    r"đầu tư|bàn giao|khởi công)"
)
# "Thu hút", "Hỗ trợ xây dựng, sửa chữa": verbs only, nothing named
_ACTION = re.compile(rf"^{_ACTION_VERB}(?:(?:\s*,\s*|\s+và\s+|\s+){_ACTION_VERB})*$", re.IGNORECASE)
# A unit that says what is counted ("bác sĩ/vạn dân", "giường bệnh/vạn dân", "doanh nghiệp").
_NAMING_UNIT = re.compile(r"^(?!.*(?:đồng|USD|\bha\b|tấn|km|kWh|lượt|MW|m2|m3|%))\w.*$")
# A unit that is a counted thing ("khu công nghiệp", "tập đoàn") names what is counted.
_NOUN_UNIT = re.compile(r"^(?!.*(?:đồng|USD|\bha\b|tấn|km|kWh|lượt|MW|m2|m3|/))[^\d%]+$")


def find_targets(
    document: Document,
    ctx: PeriodContext,
    match: Matcher,
    family_of: Callable[[str | None], set[str]],
    new_id: Callable[[str], str],
) -> list[TargetProposal]:
    proposals: list[TargetProposal] = []
    heading_years: dict[str, int] = {}
    referenced: dict[str, TargetProposal] = {}  # footnote number -> the target whose figure bears it
    for paragraph in document.paragraphs:
        if paragraph.kind == "row":
            continue
        text = paragraph.text
        if paragraph.kind == "footnote":
            # Footnotes explain figures: an estimate, a source, a breakdown. Only the breakdown
            # of a target's own figure ("6.8772 hộ" … "2 Bao gồm 2.472 hộ …; 4.405 hộ …") is
            # read: its parts, as shown.
            number = _BREAKDOWN.match(text)
            parent = referenced.get(number.group(1)) if number else None
            if parent is not None:
                proposals.extend(
                    _breakdown(paragraph, number.end(), parent, ctx, match, family_of, new_id, document)
                )
            continue
        if ctx.reports(paragraph):
            continue  # "I. KẾT QUẢ THỰC HIỆN NĂM 2025", a report: results, not targets
        if paragraph.label and len(text) < 160:
            year = _YEAR.search(text)
            if year:
                heading_years[paragraph.section] = int(year.group(1))
        heading_year = None
        parts = paragraph.section.split(".")
        for depth in range(len(parts), 0, -1):
            key = ".".join(parts[:depth])
            if key in heading_years:
                heading_year = heading_years[key]
                break
        sentence = _Sentence()
        for offset, clause, new_sentence in clauses(text):
            if new_sentence:
                previous_sentence, sentence = sentence, _Sentence()
                opening = _PAST_OPENING.match(clause)
                sentence.past = bool(opening and ctx.plan_year and int(opening.group(1)) < ctx.plan_year)
                if re.match(r"\s*trong đó\b", clause, re.I):
                    # "… khoảng 6 triệu lượt. Trong đó có 1,4 triệu …": parts of an approximate total.
                    sentence.approx = previous_sentence.approx and ("*", previous_sentence.approx[1])
            found = _clause_targets(
                clause, paragraph, offset, sentence, heading_year, ctx, match, family_of, new_id, document
            )
            if not found and proposals and proposals[-1].offset >= paragraph.start and not sentence.past:
                stretched = _stretch_clause(clause, proposals[-1], document)
                if stretched is not None:
                    proposals[-1] = stretched
                    continue
            for proposal in found:
                if proposal.footnote:
                    referenced.setdefault(proposal.footnote, proposal)
            proposals.extend(found)
    return proposals


def _stretch_clause(clause: str, main: TargetProposal, document: Document) -> TargetProposal | None:
    """ "… đạt 12% trở lên; trong điều kiện thuận lợi phấn đấu đạt 13%": a clause that is only a
    stretch is the stretch of the target just before it, when that one has none yet."""
    text = clause.strip(" ,;.")
    if main.stretch is not None or not _STRETCH_LEAD.match(text):
        return None
    quantities = find_quantities(text, document.footnotes)
    if len(quantities) != 1 or quantities[0].unit != main.unit:
        return None
    q = quantities[0]
    return _replace(main, stretch=Stretch(text=text, low=q.low, high=q.high))


_BREAKDOWN = re.compile(r"^\[?\^?(\d{1,2})\]?:?\s+(?=(?:Bao gồm|Gồm|Trong đó)\b)", re.I)


def _breakdown(
    paragraph: Paragraph,
    body_start: int,
    parent: TargetProposal,
    ctx: PeriodContext,
    match: Matcher,
    family_of: Callable[[str | None], set[str]],
    new_id: Callable[[str], str],
    document: Document,
) -> list[TargetProposal]:
    """The parts a footnote lists of a target's figure: each an exact component, in the section
    of the figure the footnote explains (the footnote itself sits at the foot of a page)."""
    from dataclasses import replace

    body = re.match(r"(?:Bao gồm|Gồm|Trong đó)\s*(?:có)?[:,]?\s*", paragraph.text[body_start:], re.I)
    start = body_start + (body.end() if body else 0)
    out = []
    for offset, clause, _ in clauses(paragraph.text[start:]):
        for part in _clause_targets(
            clause, paragraph, start + offset, _Sentence(), None, ctx, match, family_of, new_id, document
        ):
            if part.low is None:
                continue
            # A part is named by its whole and by what sets it apart ("… xóa nhà tạm" + "theo
            # Nghị quyết số 188-NQ/TU"); it is never the whole's own indicator.
            indicator_id, score = match(
                f"{parent.indicator} {part.indicator}",
                part.unit,
                "",
                set(),
                frozenset({parent.indicator_id} - {None}),
            )
            if indicator_id is None or indicator_id == parent.indicator_id:
                indicator_id, score = part.indicator_id, 0.0
            out.append(
                replace(
                    part,
                    indicator_id=indicator_id,
                    new_indicator=None if indicator_id else part.new_indicator,
                    confidence=round(min(0.95, 0.45 + 0.5 * score), 2) if indicator_id else 0.4,
                    comparison="exact",
                    low=part.low,
                    high=part.high if part.high is not None else part.low,
                    qualifier="",
                    section=parent.section,
                    period=parent.period,
                    footnote="",
                    notes=(
                        *part.notes,
                        f"a part of the figure footnote {parent.footnote} explains ({parent.indicator})",
                    ),
                )
            )
    return out


@dataclass
class _Sentence:
    """What one clause of a sentence hands to the next ("Cơ cấu kinh tế: A 21%; B 24%")."""

    lead: str = ""
    band: bool = False
    span: Period | None = None
    family: set[str] | None = None
    matched: set[str] = field(default_factory=set)  # indicators matched so far: each once
    first_family: set[str] = field(default_factory=set)  # words of the first one matched
    approx: tuple[str, str] | None = None  # (verb, "khoảng" as written) of a list's first item
    past: bool = False  # "Năm 2025, GRDP ước tăng 11,2%; thu ngân sách đạt …": every clause is past


def _clause_targets(
    clause: str,
    paragraph,  # noqa: ANN001 - Paragraph
    offset: int,
    sentence: _Sentence,
    heading_year: int | None,
    ctx: PeriodContext,
    match: Matcher,
    family_of: Callable[[str | None], set[str]],
    new_id: Callable[[str], str],
    document: Document,
) -> list[TargetProposal]:
    quantities = find_quantities(clause, document.footnotes)
    colon = clause.find(":")
    body_start = 0
    if 0 <= colon and not any(q.start < colon for q in quantities):
        sentence.lead = clause[:colon]
        body_start = colon + 1
        sentence.band = "cơ cấu" in sentence.lead.lower()
        sentence.family = set(_family_words(sentence.lead))
    span = _SPAN.search(clause)
    if span and _AVERAGE.search(clause):
        sentence.span = Period(start=int(span.group(1)), end=int(span.group(2)), basis="annual_average")
    if not quantities:
        return []
    band_context = sentence.band or "cơ cấu" in clause[:30].lower()
    citations = [m.start() for m in _CITATION.finditer(clause)]
    items = _items(clause, body_start, quantities)
    out: list[TargetProposal] = []
    previous: TargetProposal | None = None
    carried = ""
    family: set[str] = set(sentence.family or ())
    if sentence.matched:
        family |= sentence.first_family
    for item in items:
        q = item.quantity
        if sentence.past or any(c < q.start for c in citations) or _is_past(clause, q.start, ctx):
            continue
        inside_parens = clause[: q.start].count("(") > clause[: q.start].count(")")
        if (
            item is not items[0]
            and any(r in w for w in item.words for r in RANK_WORDS)
            and not re.search(r"[,;(]|\svà\s", item.gap)
        ):
            # "có ít nhất 1 trường đại học … nằm trong nhóm 200 trường …": the ranking describes
            # the thing the figure before counts; it is no target of its own.
            continue
        if item.relative and (inside_parens or _next_inherits(items, item)):
            carried = item.name or carried  # a comparison beside the main figure explains it
            continue
        name = item.name
        if not name and "stretch" in item.words and previous is not None and previous is out[-1]:
            out[-1] = _with_stretch(previous, item, clause)
            previous = out[-1]
            continue
        name_after = lead_named = False
        if _ACTION.match(name) and _after_name(item.after):
            # "Thu hút 3,5 triệu lượt khách du lịch": the verb says what is done, the words after
            # the figure what is counted; a count to bring about is a floor.
            item.words.append("action")
            name = ""
        elif _ACTION_START.match(name) and q.unit != "%":
            item.words.append("action")  # "Tạo việc làm mới cho 16.500 lao động"
        elif name and _PLACE_ONLY.match(name) and _after_name(item.after):
            name = ""  # "toàn tỉnh có khoảng 10.000 doanh nghiệp đang hoạt động": the place names nothing
        elif (
            name
            and q.unit == "%"
            and any(w in ("giảm", "cắt giảm", "tăng") for w in item.words)
            and _NOUN_AFTER.match(item.after)
        ):
            # "Cải cách thể chế, cắt giảm ít nhất 30% thời gian xử lý thủ tục hành chính": what
            # is cut is what follows the figure.
            name = ""
        if (
            name
            and q.unit == "%"
            and any(w in ("chiếm", "đóng góp") for w in item.words)
            and _NOUN_AFTER.match(item.after)
        ):
            # "Kinh tế tư nhân đóng góp khoảng 55 - 58% GRDP": a share of what follows it
            name = f"{name} {_after_name(item.after.split(',')[0])}".strip()
        if not name:
            after_name = _after_name(item.after)
            if after_name:
                name, name_after = after_name, True
                if q.unit != "%" and _NOUN_UNIT.match(q.unit) and not fold(name).startswith(fold(q.unit)):
                    name = f"{q.unit} {name}"  # "12 xã đạt chuẩn nông thôn mới": the count names the thing
            elif sentence.lead and body_start and not clause[body_start : q.start].strip():
                # "Số giường bệnh/vạn dân: 32 giường.": the figure right after the colon is the
                # lead-in's own; the lead-in names it.
                name = _clean_name(_LIST_MARK.sub("", sentence.lead))
                lead_named = True
            elif item.fallback:
                name = item.fallback
            elif carried:
                name = carried
            elif previous is not None and (previous.unit == q.unit or not _NAMING_UNIT.match(q.unit)):
                name = previous.indicator
            else:
                # "Đạt 35 giường bệnh/vạn dân và 19 bác sĩ/vạn dân": a unit of its own names the figure
                name = q.unit if q.unit != "%" else ""
        if not name:
            continue
        carried = ""
        measure = ""
        if q.unit == "%" and any(w in ("tăng", "tăng trưởng") for w in item.words):
            measure = "growth_rate"
        elif "chiếm" in item.words or "đóng góp" in item.words or band_context and q.unit == "%":
            measure = "share"
        comparison, qualifier, low, high = _comparison(item, band_context, q.unit == "%")
        part_note = ""
        if (
            comparison == "exact"
            and not qualifier
            and previous is not None
            and previous.comparison in ("at_least", "at_most")
            and q.high is None
            and re.search(r"\btrong đó\b", item.gap, re.I)
        ):
            # "Trồng mới 9.000 ha rừng, trong đó rừng gỗ lớn 1.500 ha": a part that states no
            # comparison of its own is read like its whole.
            comparison = previous.comparison
            low, high = (q.low, None) if comparison == "at_least" else (None, q.low)
            part_note = "a part introduced by 'trong đó', read like its whole"
        if comparison == "band" and any(w in ("chiếm", "đóng góp") for w in item.words):
            band_context = (
                True  # "đóng góp khoảng 55 - 58% GRDP, khoảng 35 - 40% tổng thu …": the list's verb
            )
        if comparison == "rank":
            measure = "rank"
            about = re.search(r"\svề\s+([^;.]+)", item.after)
            if about and not name_after:
                # "tỉnh nằm trong nhóm 15 tỉnh, thành phố dẫn đầu cả nước về chỉ số PCI": the
                # ranking is about what follows "về"; the words before name the province.
                name = about.group(1).strip(" ,")
        verb = next((w for w in item.words if w in ("chiếm", "đạt", "tăng", "có")), "")
        notes = [part_note] if part_note else []
        if comparison == "approx":
            sentence.approx = (verb, qualifier)
        elif (
            sentence.approx
            and sentence.approx[0] in (verb, "*")
            and (verb != "đạt" or sentence.approx[0] == "*")  # every item "đạt": each says its own
            and not qualifier
            and q.high is None
            and comparison in ("at_least", "exact")
        ):
            # "chiếm khoảng 36%; công nghiệp - xây dựng chiếm 21%; dịch vụ chiếm 43%": the
            # list's "khoảng" governs the items that repeat its verb.
            comparison, qualifier, low, high = "approx", sentence.approx[1], q.low, q.low
            notes.append(f'"{qualifier}" read from the first item of the list')
        match_text = " ".join([name, *item.words])
        if comparison == "rank":
            match_text = " ".join([_after_name(item.after, whole=True), *name.split()[-6:]])
        elif len(name.split()) <= 2 and not name_after:
            supplement = _after_name(item.after.split(",")[0])
            if not supplement and _NOUN_UNIT.match(q.unit):
                supplement = _after_name(item.after)  # "10 - 20 tập đoàn, doanh nghiệp …"
            match_text += " " + " ".join(supplement.split()[:8])
        if _NOUN_UNIT.match(q.unit) and q.unit != "%":
            match_text += " " + q.unit
        unit = "" if comparison in ("relative", "rank") else q.unit
        indicator_id, score = match(match_text, unit, measure, family, frozenset(sentence.matched))
        subjects = _two_subjects(name, comparison, item, match, unit, measure, family, sentence)
        if subjects:
            (indicator_id, score), extra = subjects
        per_year = bool(_PER_YEAR.search(q.text + item.after[:8])) and comparison == "reduction"
        growth = any(w in ("tăng", "tăng trưởng") for w in item.words)
        period = _period(clause, sentence.span if growth else None, heading_year, ctx, per_year)
        start, end = _quote_span(clause, body_start, item, name_after)
        if lead_named:  # the quote holds the lead-in that names the figure
            start = len(clause) - len(_LIST_MARK.sub("", clause))
        quote = clause[start:end].strip(" ,;")
        qualifier = _as_written(qualifier, clause[max(0, q.start - 40) : q.end + 12])
        if q.footnote:
            notes.append(f"footnote {q.footnote} glued to the figure")
        proposal = TargetProposal(
            indicator=name,
            indicator_id=indicator_id,
            new_indicator=None if indicator_id else new_id(name),
            comparison=comparison,
            low=low,
            high=high,
            unit=q.unit,
            period=period,
            qualifier=qualifier,
            section=paragraph.section,
            quote=quote,
            offset=paragraph.start + offset + clause.find(quote, start),
            benchmark=item.relative if comparison == "relative" else None,
            footnote=q.footnote,
            confidence=round(min(0.95, 0.45 + 0.5 * score), 2) if indicator_id else 0.4,
            notes=tuple(notes),
        )
        if q is items[-1].quantity and not item.relative:
            trailing = _STRETCH.search(item.after)
            if trailing:
                text = re.split(r"(?<=[.!?])\s", item.after[trailing.start() :])[0].strip(" ,.;")
                proposal = _replace(proposal, stretch=Stretch(text=text))
        out.append(proposal)
        if subjects:
            out.append(
                _replace(
                    proposal, indicator_id=extra[0], confidence=round(min(0.95, 0.45 + 0.5 * extra[1]), 2)
                )
            )
        previous = proposal
        if indicator_id:
            if not sentence.matched:
                sentence.first_family = family_of(indicator_id)
                family = sentence.first_family | set(sentence.family or ())
            sentence.matched.add(indicator_id)
    return out


def _two_subjects(name, comparison, item, match, unit, measure, family, sentence):  # noqa: ANN001, ANN202
    """ "quy mô kinh tế và GRDP bình quân đầu người trong nhóm 5 tỉnh dẫn đầu": one figure for
    two subjects joined by "và", each a different indicator -> two matches, else None."""
    if comparison != "rank" or " và " not in name:
        return None
    left, right = name.rsplit(" và ", 1)
    left = left.split(", ")[-1]
    if len(left.split()) < 3 or len(right.split()) < 3:
        return None
    after = _after_name(item.after, whole=True)
    first = match(f"{after} {left}", unit, measure, family, frozenset(sentence.matched))
    second = match(f"{after} {right}", unit, measure, family, frozenset(sentence.matched))
    if first[0] and second[0] and first[0] != second[0]:
        return first, second
    return None


def _as_written(qualifier: str, around: str) -> str:
    if not qualifier:
        return ""
    m = re.search(re.escape(qualifier), around, re.I)
    return m.group(0) if m else qualifier


def _family_words(text: str) -> list[str]:
    return [w for w in fold(text).split() if len(w) > 1]


def _starts_with_unit_rest(after: str) -> bool:
    return not after.strip() or after.strip()[:1] in ",;.)"


def _next_inherits(items: list[_Item], item: _Item) -> bool:
    index = items.index(item)
    return index + 1 < len(items) and not items[index + 1].name


def _with_stretch(previous: TargetProposal, item: _Item, clause: str) -> TargetProposal:
    m = _STRETCH.search(item.gap)
    assert m is not None
    gap_start = item.quantity.start - len(item.gap)
    tail = re.match(r"[^,;.()]*", item.after)
    end = item.quantity.end + (len(tail.group(0).rstrip()) if tail else 0)
    text = clause[gap_start + m.start() : end].strip()
    q = item.quantity
    return _replace(previous, stretch=Stretch(text=text, low=q.low, high=q.high))


def _replace(proposal: TargetProposal, **changes: object) -> TargetProposal:
    from dataclasses import replace

    return replace(proposal, **changes)  # type: ignore[arg-type]


def _quote_span(clause: str, body_start: int, item: _Item, name_after: bool) -> tuple[int, int]:
    """From the start of the item's own words to the end of its figure and the words that
    finish it ("… 100% dân số đô thị được cung cấp nước sạch …")."""
    q = item.quantity
    start = max(body_start, item.segment_start)
    while start < q.start and clause[start] in " ,;:)":
        start += 1
    marker = re.match(r"(?:[-–•+*]|\d{1,2}\.|[a-zđ]\)|\(\d{1,2}\))\s+", clause[start : q.start])
    if marker:
        start += marker.end()
    if q.start - start > 110:  # a long lead-in: the commitment starts after its last comma
        cut = clause.rfind(", ", start, q.start - 10)
        start = (cut + 2) if cut > start else start
    limit = q.end + len(item.after)
    tail = re.match(r"[^;.()]*" if name_after else r"[^,;.()]*", clause[q.end : limit])
    end = q.end
    if tail and (name_after or len(tail.group(0)) < 60):
        words = tail.group(0)
        if name_after and limit < len(clause) and ", " in words:
            words = words[: words.rfind(", ")]  # stop before the next figure's own words
        words = re.sub(r"\s+(?:và|với|cùng)\s*$", "", words)  # the next figure's joint, not this one's
        end = q.end + len(words.rstrip())
    while clause[start:end].count("(") > clause[start:end].count(")"):
        close = clause.find(")", end)
        if close < 0:
            break
        end = close + 1
    return start, end
