"""Stage 8c: indicator duties -> responsibilities.

"Sở X là cơ quan đầu mối theo dõi chỉ tiêu …", "… chịu trách nhiệm theo dõi chỉ tiêu …", "… phụ
trách chỉ tiêu …": the agency answers for the indicators the sentence names (matched in the
catalogue, lsplan.extract.indicators), as a lead.
"""

from __future__ import annotations

import re
from typing import Any

from lsplan.extract.agencies import AgencyFinder
from lsplan.extract.model import Document, ResponsibilityProposal
from lsplan.extract.tasks import _PREFIX

_FOCAL = re.compile(
    r"\s(?:(?:là|làm) (?:cơ quan |đơn vị )?đầu mối|chịu trách nhiệm (?:chính )?(?:theo dõi|về)|phụ trách)\b"
)


def find_responsibilities(
    document: Document, finder: AgencyFinder, matcher: Any
) -> list[ResponsibilityProposal]:
    out: list[ResponsibilityProposal] = []
    for paragraph in document.paragraphs:
        if paragraph.kind != "text":
            continue
        text = paragraph.text
        focal = _FOCAL.search(text)
        if not focal or "chỉ tiêu" not in text[focal.end() :]:
            continue
        subject = _PREFIX.sub("", text[len(paragraph.label) : focal.start()].strip())
        agencies = finder.find(subject + " ")
        duty = text[text.find("chỉ tiêu", focal.end()) :]
        duty = re.split(r"(?<=[.;])\s", duty)[0]
        indicators: list[str] = []
        for piece in re.split(r"[,;:]|\s+và\s+|\bchỉ tiêu\b", duty):
            if len(piece.split()) < 2:
                continue
            indicator_id, score = matcher.match(piece, "")
            if indicator_id and score >= 0.75 and indicator_id not in indicators:
                indicators.append(indicator_id)
        if not agencies or not indicators:
            continue
        end = text.find(duty) + len(duty)
        for agency in agencies:
            out.append(
                ResponsibilityProposal(
                    agency=agency,
                    indicators=tuple(indicators),
                    role="lead",
                    section=paragraph.section,
                    quote=text[:end].rstrip(),
                    offset=paragraph.start,
                )
            )
    return out
