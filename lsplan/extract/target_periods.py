"""Stage 5b: the period of a target, and the figures that are past rather than planned.

A figure is of the plan's period unless its clause says otherwise: "bình quân giai đoạn 2026 -
2030" is a yearly average over the span, "giảm … mỗi năm" a cut per year, "đến năm 2030" that
year. Results and estimates ("ước đạt", "đã …", a year before the plan's) are past; a
comparison's year ("so với năm 2025") is what a figure is measured against, never its period.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lsplan.extract.model import Paragraph, Period

_PAST = re.compile(
    r"\b(?:ước (?:đạt|thực hiện|tính|cả năm|tăng|giảm|khoảng)|đạt được|thực hiện được|"
    r"đã (?:đạt|thực hiện|hoàn thành|giải ngân|chi|thu|tăng|giảm|có|được|xây dựng|trồng|thu hút|đón)|"
    r"kết quả (?:đạt|thực hiện)|so với cùng kỳ|lũy kế|luỹ kế|cùng kỳ năm trước)",
    re.IGNORECASE,
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
