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

from lsplan.extract.comparisons import RANK_WORDS, _as_written, _comparison
from lsplan.extract.model import Document, Paragraph, Period, Stretch, TargetProposal
from lsplan.extract.quantities import find_quantities
from lsplan.extract.target_items import (
    _LIST_MARK,
    _STRETCH,
    _STRETCH_LEAD,
    _after_name,
    _clean_name,
    _Item,
    _items,
    clauses,
)
from lsplan.extract.target_periods import (
    _AVERAGE,
    _PAST_OPENING,
    _PER_YEAR,
    _SPAN,
    _YEAR,
    PeriodContext,
    _is_past,
    _period,
)
from lsplan.text import fold

_CITATION = re.compile(
    r"\b(?:Nghị quyết|Kết luận|Quyết định|Công điện|Chỉ thị|Thông tư|Nghị định|Kế hoạch|"
    r"Chương trình(?: hành động)?|Thông báo|Công văn|Đề án|Luật)\s+(?:số\s*)?\d",
)

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
