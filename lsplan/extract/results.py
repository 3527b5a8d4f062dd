"""Which parts of a text report results rather than set targets.

A plan opens with what the last period achieved ("I. KẾT QUẢ THỰC HIỆN NĂM 2025") before it sets
the next one's targets; a report ("BÁO CÁO tình hình …") is results from end to end, except a
part that looks ahead ("PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026"). Figures in a results part are
achievements ("đạt 7,2%", "bằng 115% dự toán"), never commitments, however they are worded, so no
target is proposed from them. A text with no title, no part that looks ahead and no word of a
commitment at all ("mục tiêu", "phấn đấu", "chỉ tiêu … năm 2026", "đến năm 2030") but with the
marks of a report ("ước đạt", "so với cùng kỳ", "đã …") is read as a report too.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lsplan.extract.model import Document, Paragraph
from lsplan.text import fold

# A part's heading (folded) that reports: "I. KẾT QUẢ …", "ĐÁNH GIÁ TÌNH HÌNH …".
REPORT_PART = re.compile(
    r"^[ivxlc]+ (?:ket qua|danh gia|tinh hinh|bao cao|ton tai|han che|nguyen nhan|bai hoc)"
    r"(?!.*(?:muc tieu|nhiem vu|phuong huong|chi tieu))"
)
_FORWARD_PART = re.compile(r"muc tieu|nhiem vu|phuong huong|chi tieu|ke hoach|giai phap|dinh huong")
# Words of a commitment. "Chỉ tiêu", "nhiệm vụ", "mục tiêu" are not among them: a report counts
# them too ("15/18 chỉ tiêu đạt và vượt", "hoàn thành nhiệm vụ", "vượt mục tiêu Nghị quyết").
_FORWARD_WORDS = re.compile(
    r"\b(?:phấn đấu|định hướng|phương hướng|đến năm (?:19|20)\d\d|trở lên|tối thiểu|không dưới|"
    r"ít nhất|giai đoạn (?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d)",
    re.IGNORECASE,
)
_REPORT_MARKS = re.compile(
    r"\b(?:ước (?:đạt|thực hiện|tính|tăng|giảm)|so với cùng kỳ|cùng kỳ năm trước|"
    r"đã (?:đạt|thực hiện|hoàn thành|giải ngân)|đạt được|chưa đạt|mới đạt|"
    r"(?:bằng|đạt) \d[\d.,]*\s*% (?:kế hoạch|dự toán)|lũy kế|luỹ kế|"
    r"tăng \d[\d.,]*\s*% so với năm (?:19|20)\d\d)",
    re.IGNORECASE,
)
_PLAN_KINDS = ("ke hoach", "chuong trinh", "chuong trinh hanh dong", "nghi quyet", "quyet dinh", "de an")


def _results_only(document: Document, kind: str, ahead: bool) -> bool:
    """No plan's title, no part that looks ahead, and the marks of a report outweigh the words of
    a commitment three to one: a text of results, however its figures are worded."""
    if fold(kind) in _PLAN_KINDS or ahead:
        return False
    marks = len(_REPORT_MARKS.findall(document.text))
    forward = len(_FORWARD_WORDS.findall(document.text))
    return marks >= 2 and forward * 3 <= marks


def _top(paragraph: Paragraph) -> str:
    return paragraph.section.split(".")[0].split("(")[0]


def result_parts(document: Document, kind: str) -> Callable[[Paragraph], bool]:
    """A test: does this paragraph belong to a part that reports results?"""
    parts: dict[str, bool] = {}  # top-level section -> reports results
    report = fold(kind) == "bao cao"
    ahead = False  # a part whose heading looks ahead ("MỤC TIÊU", "NHIỆM VỤ NĂM 2026")
    for paragraph in document.paragraphs:
        top = _top(paragraph)
        if paragraph.kind == "text" and paragraph.label and paragraph.section == top and top not in parts:
            # A heading joined with its first lines ("1. Về nông nghiệp Diện tích lúa đạt … bằng
            # 98% kế hoạch"): only its opening words are the heading.
            bare = len(paragraph.text) <= 120 and not paragraph.text.rstrip().endswith((".", ";"))
            heading = fold(paragraph.text[: 120 if bare else 50])
            parts[top] = bool(REPORT_PART.search(heading)) or report and not _FORWARD_PART.search(heading)
            ahead = ahead or not parts[top] and bool(_FORWARD_PART.search(heading))
    if not report and _results_only(document, kind, ahead):
        return lambda paragraph: True  # results from end to end, with no title saying so

    def reports(paragraph: Paragraph) -> bool:
        top = _top(paragraph)
        if top in parts:
            return parts[top]
        return report  # before the first part: a report's preamble reports too

    return reports
