"""Commitments without a figure, proposed as `qualitative` targets — where the plan lists them.

Most sentences of a plan commit to something ("đẩy mạnh …", "tập trung …"); proposing each as
a target would bury the real ones. What an officer loads as a qualitative target is an item of
the plan's own list of targets that has no number: under a heading "Các chỉ tiêu chủ yếu",
"Mục tiêu cụ thể", "Chỉ tiêu …", an item such as "Giữ vững ổn định chính trị, trật tự an toàn xã
hội; kiềm chế tai nạn giao thông trên cả 3 tiêu chí". Those are proposed (comparison
`qualitative`, no low or high, the whole item as the quote); items with a figure are the figure
stages' work, items that head sub-items ("a) Về kinh tế") are headings, and commitments in the
tasks' parts are tasks, not targets.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lsplan.extract.model import Document, Paragraph, Period, TargetProposal
from lsplan.extract.quantities import find_quantities
from lsplan.text import fold

_LIST_HEADING = re.compile(r"\bchi tieu\b|\bmuc tieu cu the\b|\bcac muc tieu\b(?! (?:chung|tong quat))")
_GENERAL = re.compile(r"^\W*muc tieu (?:chung|tong quat)\b")
_BULLET = re.compile(r"^[-–•+*]\s*")
_YEAR = re.compile(r"\bnăm\s+((?:19|20)\d\d)\b", re.I)


# How an item that commits to a result opens (folded): a verb of doing or keeping, a goal.
_COMMITMENT = re.compile(
    r"^(?:phan dau|giu vung|giu on dinh|bao dam|dam bao|duy tri|kiem che|keo giam|khong de|hoan thanh|"
    r"hoan thien|xay dung|phat trien|nang cao|tang cuong|thuc hien|day manh|bao ve|trien khai|tap trung|"
    r"giam|tang|dua|tao|co ban hoan thanh|chu dong|ngan chan|xoa|dat|100)\b"
)
_DONE = re.compile(r"\bđã\b|ước (?:đạt|tính|thực hiện)|so với cùng kỳ|lũy kế|luỹ kế", re.I)
_CAPTION = re.compile(r"^(?:bieu|bang|phu luc|ghi chu|chu thich)\b")


def _within(section: str, parent: str) -> bool:
    return section == parent or section.startswith((parent + ".", parent + "("))


def _is_heading(paragraph: Paragraph) -> bool:
    return bool(paragraph.label) and len(paragraph.text) < 160 and not paragraph.text.rstrip().endswith(";")


def _has_children(paragraphs: tuple[Paragraph, ...], index: int) -> bool:
    section = paragraphs[index].section
    following = next((p for p in paragraphs[index + 1 :] if p.kind == "text"), None)
    if following is None:
        return False
    if paragraphs[index].label and following.section == section and _BULLET.match(following.text):
        return True  # "b) Về quốc phòng, an ninh" over its "- …" items
    return following.section != section and _within(following.section, section)


def qualitative_targets(
    document: Document,
    figures: list[TargetProposal],
    reports: Callable[[Paragraph], bool],
    default: Period,
    new_id: Callable[[str], str],
) -> list[TargetProposal]:
    with_figures = {t.offset for t in figures}
    paragraphs = document.paragraphs
    lists: list[str] = []  # sections whose heading announces a list of targets
    out: list[TargetProposal] = []
    for index, paragraph in enumerate(paragraphs):
        if paragraph.kind != "text" or reports(paragraph):
            continue
        heading = fold(paragraph.text[len(paragraph.label) :][:120])
        if _is_heading(paragraph) and _LIST_HEADING.search(heading) and not _GENERAL.search(heading):
            lists.append(paragraph.section)
            continue
        if _is_heading(paragraph) and _GENERAL.search(heading):
            lists = [s for s in lists if not _within(paragraph.section, s)]
            continue
        if not any(_within(paragraph.section, s) for s in lists):
            continue
        if not (paragraph.label or _BULLET.match(paragraph.text)) or _CAPTION.match(heading):
            continue  # an item of the list is numbered or bulleted; a caption or a note is not
        if (
            _has_children(paragraphs, index)
            or paragraph.text.rstrip().endswith(":")
            or _GENERAL.match(heading)
        ):
            continue
        if any(paragraph.start <= offset < paragraph.end for offset in with_figures):
            continue
        if find_quantities(paragraph.text, document.footnotes):
            continue  # a figure the figure stages left out on purpose (a result, a citation)
        body = _BULLET.sub("", paragraph.text[len(paragraph.label) :].strip())
        quote = body.rstrip(" .;")
        if len(quote.split()) < 5 or not _COMMITMENT.match(fold(quote)) or _DONE.search(quote):
            continue  # not worded as a result to reach, or a result already reached
        name = re.split(r"[;.]\s", quote, maxsplit=1)[0][:160].rstrip(" ,")
        year = _YEAR.findall(quote)
        period = (
            Period(year=int(year[-1])) if year else (Period(year=default.end) if default.end else default)
        )
        out.append(
            TargetProposal(
                indicator=name,
                indicator_id=None,
                new_indicator=new_id(name),
                comparison="qualitative",
                low=None,
                high=None,
                unit="",
                period=period,
                qualifier="",
                section=paragraph.section,
                quote=quote,
                offset=paragraph.start + paragraph.text.find(quote),
                confidence=0.4,
                notes=("an item of the plan's list of targets with no figure: assessed as done or not",),
            )
        )
    return out
