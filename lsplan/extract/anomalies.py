"""Stage 9: what a reviewer must look at — flagged, never fixed.

- a stated count that differs from the items listed ("6 nhóm nhiệm vụ: (1) … (5)");
- the same target twice (same indicator, period and numbers), or with different numbers
  (a body and its annex that disagree);
- a percentage above 100 for a share;
- a section number used twice;
- a task deadline before the plan starts.
"""

from __future__ import annotations

import re

from lsplan.extract.model import Document, Paragraph, PlanInfo, TargetProposal, TaskProposal
from lsplan.findings import make_finding
from lsplan.model import Finding

_WORDS = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
}
_COUNT = re.compile(
    r"\b(?:gồm|có|đề ra|với|sau|là)\s+(\d{1,2}|" + "|".join(_WORDS) + r")\s+"
    r"((?:nhóm\s+)?(?:nhiệm vụ|mục tiêu|chỉ tiêu|giải pháp|nội dung|chương trình|đột phá)[^:.;]{0,60}?)\s*:",
    re.IGNORECASE,
)


def _count_findings(document: Document) -> list[Finding]:
    out = []
    paragraphs = document.paragraphs
    for index, paragraph in enumerate(paragraphs):
        for m in _COUNT.finditer(paragraph.text):
            raw = m.group(1).lower()
            stated = int(raw) if raw.isdigit() else _WORDS[raw]
            rest = paragraph.text[m.end() :]
            inline = re.findall(r"(?:^|[\s;,.])\((\d{1,2})\)\s", " " + rest)
            if len(inline) >= 2:
                listed = len(inline)
            else:
                listed = _items_below(paragraphs, index)
            if listed >= 2 and listed != stated:
                out.append(
                    make_finding(
                        "extract-count-mismatch",
                        stated=stated,
                        what=m.group(2).strip(),
                        listed=listed,
                        cell=paragraph.section or None,
                    )
                )
    return out


_MARKERS = (
    ("bullet", re.compile(r"^[-–•+]\s")),
    ("number", re.compile(r"^\d{1,2}[.)]\s")),
    ("letter", re.compile(r"^[a-zđ]\)\s")),
    ("paren", re.compile(r"^\(\d{1,2}\)\s")),
)


def _marker(text: str) -> str:
    return next((kind for kind, pattern in _MARKERS if pattern.match(text)), "")


def _items_below(paragraphs: tuple[Paragraph, ...], index: int) -> int:
    """The items right after a paragraph that announces them: those marked as the first one is
    ("a)", "b)", "c)"), not the items of another level that follow the list ("2. …")."""
    count, kind, depth = 0, "", 0
    for paragraph in paragraphs[index + 1 :]:
        marker = _marker(paragraph.text)
        if not marker:
            break
        if not kind:
            kind, depth = marker, paragraph.section.count(".")
        if marker == kind and paragraph.section.count(".") == depth:
            count += 1
        elif paragraph.section.count(".") <= depth and marker != "bullet":
            break  # the next item of the level above: the list is over
    return count


def find_anomalies(
    document: Document,
    targets: list[TargetProposal],
    tasks: list[TaskProposal],
    repeated: list[tuple[str, Paragraph]],
    info: PlanInfo,
) -> list[Finding]:
    findings = _count_findings(document)
    seen: dict[tuple, TargetProposal] = {}
    for target in targets:
        if not target.indicator_id:
            continue
        key = (target.indicator_id, str(target.period.as_dict()), target.unit)
        first = seen.get(key)
        if first is None:
            seen[key] = target
            continue
        if (first.low, first.high, first.comparison) == (target.low, target.high, target.comparison):
            findings.append(
                make_finding(
                    "extract-target-twice",
                    indicator=target.indicator_id,
                    first=first.section or "-",
                    second=target.section or "-",
                    cell=target.section or None,
                )
            )
        else:
            findings.append(
                make_finding(
                    "extract-target-conflict",
                    indicator=target.indicator_id,
                    first=first.quote[:80],
                    second=target.quote[:80],
                    cell=target.section or None,
                )
            )
    for target in targets:
        period = target.period
        if period.year is None and (period.start is None or period.end is None):
            findings.append(
                make_finding("extract-period-unknown", quote=target.quote[:80], cell=target.section or None)
            )
    for target in targets:
        if target.unit == "%" and target.comparison != "relative":
            value = max(v for v in (target.low, target.high, 0.0) if v is not None)
            if value > 100 and target.comparison in ("band", "at_least", "approx", "exact", "range"):
                findings.append(
                    make_finding("extract-unit-suspect", quote=target.quote[:80], cell=target.section or None)
                )
    for section, paragraph in repeated:
        findings.append(make_finding("extract-section-twice", section=section, text=paragraph.text[:60]))
    if info.horizon_start:
        for task in tasks:
            years = [int(y) for y in re.findall(r"(?:19|20)\d\d", task.timeframe)]
            if years and max(years) < info.horizon_start:
                findings.append(
                    make_finding(
                        "extract-deadline-before-plan",
                        number=task.number,
                        timeframe=task.timeframe,
                        start=info.horizon_start,
                        cell=task.section or None,
                    )
                )
    return findings
