"""All the stages in order: a plan file (or text) -> Extraction."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lsplan.extract.model import Document, Extraction, Period
from lsplan.extract.normalise import normalise
from lsplan.extract.read import read_plan
from lsplan.extract.sections import assign_sections
from lsplan.text import fold


def extract_plan(path: Path, catalog: Any = None, plan_id: str | None = None) -> Extraction:
    """Read `path` and propose its targets and tasks. ExtractError when it cannot be read."""
    lines, kind = read_plan(path)
    return extract_lines(lines, kind, catalog, plan_id or _plan_id(path), f"{plan_id or _plan_id(path)}.txt")


def extract_text(text: str, kind: str = "txt", catalog: Any = None, plan_id: str = "plan") -> Extraction:
    """The same for text already in memory (tests, other programs)."""
    return extract_lines(text.replace("\r\n", "\n").split("\n"), kind, catalog, plan_id, f"{plan_id}.txt")


def _plan_id(path: Path) -> str:
    from lsplan.text import fold

    return "-".join(fold(path.stem).split())[:40] or "plan"


def _place(text: str) -> str:
    """The province the plan is about: the most frequent "tỉnh X Y" ("Lạng Sơn"), its words
    capitalised ("Bảo hiểm xã hội tỉnh đẩy mạnh …" names no province)."""
    import re
    from collections import Counter

    from lsplan.text import fold

    names: Counter[str] = Counter()
    for m in re.finditer(r"\b(?:tỉnh|TỈNH|Tỉnh)\s+(\w+)(?:\s+(\w+))?(?:\s+(\w+))?", text):
        words = [w for w in m.groups() if w]
        if fold(words[0]) == "uy":  # "TỈNH ỦY SƠN LA": the party committee of the province named after it
            words = words[1:]
        words = words[:2]
        if not words or not words[0][:1].isupper():
            continue
        if len(words) > 1 and not words[1][:1].isupper():
            words = words[:1]
        name = " ".join(words)
        names[name.title() if name.isupper() else name] += 1  # "TỈNH CAO BẰNG" in a letterhead
    return names.most_common(1)[0][0] if names else ""


def extract_lines(lines: list[str], kind: str, catalog: Any, plan_id: str, source_file: str) -> Extraction:
    from lsplan.extract.agencies import AgencyFinder
    from lsplan.extract.anomalies import find_anomalies
    from lsplan.extract.indicators import IndicatorMatcher, new_indicator_id
    from lsplan.extract.plan_info import plan_info
    from lsplan.extract.qualitative import qualitative_targets
    from lsplan.extract.responsibilities import find_responsibilities
    from lsplan.extract.results import result_parts
    from lsplan.extract.target_tables import table_targets
    from lsplan.extract.targets import PeriodContext, find_targets
    from lsplan.extract.tasks import find_tasks

    if catalog is None:
        from lsplan.catalog import load_catalog

        catalog = load_catalog()
    document: Document = normalise(lines, kind)
    document, repeated = assign_sections(document)
    place = _place(document.text)
    info, default, issued = plan_info(document, plan_id, source_file, place)
    matcher = IndicatorMatcher(catalog.indicators, frozenset(fold(place).split()))
    taken = set(catalog.indicators)
    new_ids: dict[str, str] = {}

    def new_id(name: str) -> str:
        from lsplan.text import fold

        key = fold(name)
        if key not in new_ids:
            new_ids[key] = new_indicator_id(name, taken)
        return new_ids[key]

    reports = result_parts(document, info.kind)
    ctx = PeriodContext(
        default=default if default.year else Period(year=issued),
        plan_year=max((y for y in (issued, info.horizon_start) if y), default=None),
        reports=reports,
    )
    targets = find_targets(document, ctx, matcher.match, matcher.family, new_id)
    unread: list = []
    targets += table_targets(
        document,
        reports,
        ctx.plan_year,
        ctx.default,
        matcher.match,
        lambda i: catalog.indicators[i].direction.value,
        new_id,
        unread,
    )
    targets += qualitative_targets(document, targets, reports, ctx.default, new_id)
    if document.seams:
        targets = [_clipped(document, t, _figure_text(t)) for t in targets]
    finder = AgencyFinder(catalog)
    tasks = find_tasks(document, finder, info)
    if document.seams:
        tasks = [_clipped(document, t, t.lead[0].name if t.lead else "") for t in tasks]
    responsibilities = find_responsibilities(document, finder, matcher)
    anomalies = unread + find_anomalies(document, targets, tasks, repeated, info)
    return Extraction(
        plan=info,
        document=document,
        targets=tuple(targets),
        tasks=tuple(tasks),
        responsibilities=tuple(responsibilities),
        anomalies=tuple(anomalies),
    )


def _clipped(document: Document, proposal: Any, keep: str) -> Any:
    from dataclasses import replace

    from lsplan.extract.normalise import clip_to_seams

    offset, quote = clip_to_seams(document, proposal.offset, proposal.quote, keep)
    if quote == proposal.quote:
        return proposal
    changes: dict[str, Any] = {"offset": offset, "quote": quote}
    if hasattr(proposal, "notes"):
        changes["notes"] = (
            *proposal.notes,
            "quote cut at a page break (the page's furniture lies inside it)",
        )
    return replace(proposal, **changes)


def _figure_text(target: Any) -> str:
    """The figure as written in a target's quote: the number equal to its low or high."""
    import re

    from lsplan.extract.quantities import parse_number

    for m in re.finditer(r"\d[\d.,]*", target.quote):
        written = m.group(0).rstrip(".,")
        try:
            value = parse_number(written)
        except ValueError:
            continue
        if value in (target.low, target.high):
            return written
    return ""
