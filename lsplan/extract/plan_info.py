"""The plan's own facts from its first paragraphs: kind, number, title, date, horizon."""

from __future__ import annotations

import re

from lsplan.extract.model import Document, Period, PlanInfo
from lsplan.text import fold

_KINDS = (
    "KẾ HOẠCH",
    "CHƯƠNG TRÌNH HÀNH ĐỘNG",
    "CHƯƠNG TRÌNH",
    "NGHỊ QUYẾT",
    "QUYẾT ĐỊNH",
    "ĐỀ ÁN",
    "BÁO CÁO",
)
_NUMBER = re.compile(r"Số\s*:\s*([\w\s./\-]*?/(?:KH|CTr|NQ|QĐ|ĐA)[\w\-]*)")
_DATE = re.compile(r"ngày\s+(\d{0,2})\s*tháng\s+(\d{0,2})\s*năm\s+((?:19|20)\d\d)")
_SPAN = re.compile(r"(?:giai đoạn|thời kỳ)\s*((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)")
_TO = re.compile(r"đến năm\s+((?:19|20)\d\d)")
_YEAR = re.compile(r"năm\s+((?:19|20)\d\d)")


def plan_info(
    document: Document, plan_id: str, source_file: str, place: str = ""
) -> tuple[PlanInfo, Period, int | None]:
    """The plan record, the default period of its targets and the year it was issued."""
    head = document.paragraphs[:12]
    kind, title = "", ""
    for i, paragraph in enumerate(head):
        text = paragraph.text.strip()
        for name in _KINDS:
            # The kind opens the paragraph, or follows the issuer's letterhead joined to it in
            # capitals ("TỈNH ỦY SƠN LA CHƯƠNG TRÌNH").
            at = text.upper().find(name)
            before = text[:at]
            if at < 0 or before.strip() and not (before.isupper() and (at == 0 or before.endswith(" "))):
                continue
            if len(text) - at < len(name) + 120:
                kind = name.capitalize()
                rest = text[at + len(name) :].strip(" :")
                title = rest or (head[i + 1].text if i + 1 < len(head) else "")
                break
        if kind:
            break
    if not title:
        title = head[0].text[:200] if head else ""
    # "Thực hiện kịch bản … năm 2025 tỉnh Lạng Sơn Thực hiện Kết luận số …": the title ends
    # where the preamble begins.
    title = re.split(r"(?<=\S)\s+(?=(?:Thực hiện|Căn cứ|Triển khai|Điều \d)\s)", title, maxsplit=1)[0].strip()
    if title and not title[0].isupper():
        title = title[0].upper() + title[1:]
    head_text = " ".join(p.text for p in head[:6])
    number = _NUMBER.search(head_text)
    date = _DATE.search(head_text)
    issued = int(date.group(3)) if date else None
    span = _SPAN.search(title)
    horizon: tuple[int | None, int | None] = (None, None)
    if span:
        horizon = (int(span.group(1)), int(span.group(2)))
    else:
        to = _TO.search(title)
        year = _YEAR.search(title)
        if to:
            horizon = (issued, int(to.group(1)))
        elif year:
            horizon = (int(year.group(1)), int(year.group(1)))
    if horizon[1] is None:
        years = [int(y) for y in _TO.findall(document.text[:20000])]
        if years:
            horizon = (issued, max(years) if max(years) <= (issued or 0) + 10 else min(years))
    start = horizon[0] if horizon[0] is not None else issued
    end = horizon[1] if horizon[1] is not None else issued
    spans = _SPAN.findall(document.text[:20000])
    if start is None and spans:
        start = int(spans[0][0])
    info = PlanInfo(
        id=plan_id,
        title=title,
        number=(number.group(1).replace(" ", "") if number else ""),
        kind=kind,
        issuer=_issuer(head_text, place),
        date_text=date.group(0) if date else "",
        horizon_start=start,
        horizon_end=end,
        source_file=source_file,
    )
    default = Period(year=end, start=start, end=end)
    return info, default, issued


def _issuer(head: str, place: str) -> str:
    """The body that issues the plan: the one named first at its top ("ỦY BAN NHÂN DÂN TỈNH …
    KẾ HOẠCH Thực hiện Nghị quyết của Hội đồng nhân dân tỉnh …" is a UBND plan)."""
    folded = fold(head)
    bodies = (
        (("hoi dong nhan dan", "hdnd"), "HĐND tỉnh"),
        (("uy ban nhan dan", "ubnd"), "UBND tỉnh"),
        (("tinh uy", "ban chap hanh"), "Tỉnh ủy"),
    )
    found = []
    for names, label in bodies:
        positions = [m.start() for name in names for m in re.finditer(rf"\b{name}\b", folded)]
        if positions:
            found.append((min(positions), label))
    if not found:
        return ""
    return f"{min(found)[1]} {place}".strip()
