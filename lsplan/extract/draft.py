"""Stage 10: an Extraction as JSON records (the contract) and as reviewable YAML in the data format.

The YAML is written to be merged into data/targets.yaml and data/assignments.yaml after review:
every record has the fields the schemas ask for, and a comment above it says that it is a
proposal, how sure the extractor is, and what to check. Comments are not data: deleting them
(or not) changes nothing for `lsplan data validate`. Nothing is invented: a figure the text does
not give stays empty, and a new indicator gets only what the text says about it.
"""

from __future__ import annotations

import re
from typing import Any

from lsplan.extract.model import AgencyRef, Extraction, TargetProposal, TaskProposal
from lsplan.text import fold

_MEASURES = {
    "%": "share",
}


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def target_record(target: TargetProposal) -> dict[str, Any]:
    return {
        "indicator": target.indicator,
        "indicator_id": target.indicator_id,
        "new_indicator": target.new_indicator,
        "comparison": target.comparison,
        "low": _number(target.low),
        "high": _number(target.high),
        "unit": target.unit,
        "period": target.period.as_dict(),
        "stretch": (
            {
                "text": target.stretch.text,
                "low": _number(target.stretch.low),
                "high": _number(target.stretch.high),
            }
            if target.stretch
            else None
        ),
        "qualifier": target.qualifier,
        "benchmark": target.benchmark,
        "section": target.section,
        "quote": target.quote,
        "offset": target.offset,
        "confidence": target.confidence,
        "notes": list(target.notes),
    }


def _names(refs: tuple[AgencyRef, ...]) -> list[str]:
    return [ref.name for ref in refs]


def _ids(refs: tuple[AgencyRef, ...]) -> list[str | None]:
    return [ref.id or ref.new_id for ref in refs]


def task_record(task: TaskProposal) -> dict[str, Any]:
    return {
        "number": task.number,
        "title": task.title,
        "lead": _names(task.lead),
        "lead_ids": _ids(task.lead),
        "support": _names(task.support),
        "support_ids": _ids(task.support),
        "timeframe": task.timeframe,
        "section": task.section,
        "quote": task.quote,
        "offset": task.offset,
        "shape": task.shape,
        "product": task.product,
        "milestones": dict(task.milestones),
        "new_agencies": [ref.as_dict() for ref in (*task.lead, *task.support) if ref.id is None],
        "confidence": task.confidence,
    }


def to_record(extraction: Extraction) -> dict[str, Any]:
    """The JSON contract of `lsplan extract --format json`."""
    plan = extraction.plan
    return {
        "plan": {
            "id": plan.id,
            "title": plan.title,
            "number": plan.number,
            "kind": plan.kind,
            "issuer": plan.issuer,
            "date_text": plan.date_text,
            "horizon": {"start": plan.horizon_start, "end": plan.horizon_end},
            "source_file": plan.source_file,
            "source_kind": extraction.document.source_kind,
        },
        "targets": [target_record(t) for t in extraction.targets],
        "tasks": [task_record(t) for t in extraction.tasks],
        "responsibilities": [
            {
                "agency": r.agency.name,
                "agency_id": r.agency.id or r.agency.new_id,
                "indicators": list(r.indicators),
                "role": r.role,
                "section": r.section,
                "quote": r.quote,
            }
            for r in extraction.responsibilities
        ],
        "anomalies": [f.as_dict() for f in extraction.anomalies],
    }


# ------------------------------------------------------------------ YAML


def _slug(text: str) -> str:
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", fold(text))).strip("-") or "x"


def _measure(target: TargetProposal) -> str:
    if target.comparison == "rank":
        return "rank"
    if target.unit == "%":
        return "share"
    return "flow"


# A target's source must name a section; text outside any numbered part is said to be so.
UNNUMBERED = "(chưa đánh số)"


def _source(document: str, section: str, quote: str) -> dict[str, str]:
    """A source record; the schema wants a section non-empty when it is there."""
    return {"document": document, **({"section": section} if section else {}), "quote": quote}


def _dump(item: dict[str, Any]) -> str:
    import yaml

    text = yaml.safe_dump([item], allow_unicode=True, sort_keys=False, width=100, default_flow_style=None)
    return "".join("  " + line + "\n" for line in text.rstrip("\n").split("\n"))


def _comment(text: str) -> str:
    return "".join(f"  # {line}\n" for line in text.split("\n"))


def targets_yaml(extraction: Extraction) -> str:
    plan = extraction.plan
    document = plan.source_file
    start = plan.horizon_start or plan.horizon_end or 2000
    end = plan.horizon_end or start
    out = ["version: 1\n", "plans:\n"]
    out.append(_comment(f"PROPOSED plan record: check number, kind, title, issuer and horizon ({plan.id})"))
    out.append(
        _dump(
            {
                "id": plan.id,
                "number": plan.number,
                "kind": plan.kind or "Kế hoạch",
                "title": plan.title or plan.id,
                "issuer": plan.issuer or "UBND tỉnh",
                "date": None,
                "date_text": plan.date_text or None,
                "horizon": {"start": start, "end": end},
                "source_file": document,
            }
        )
    )
    new_indicators: dict[str, TargetProposal] = {}
    for target in extraction.targets:
        if target.new_indicator and target.new_indicator not in new_indicators:
            new_indicators[target.new_indicator] = target
    out.append("indicators:\n")
    if not new_indicators:
        out.append("  []\n" if False else "  # every target matched an indicator of the catalogue\n")
    for indicator_id, target in new_indicators.items():
        out.append(
            _comment(
                f"PROPOSED new indicator, named as written: {target.indicator!r}; add name_en, check unit"
            )
        )
        out.append(
            _dump(
                {
                    "id": indicator_id,
                    "name": target.indicator[:1].upper() + target.indicator[1:],
                    "name_en": target.indicator,
                    "unit": target.unit,
                    "measure": _measure(target),
                }
            )
        )
    out.append("targets:\n")
    used: set[str] = set()
    for target in extraction.targets:
        indicator = target.indicator_id or target.new_indicator or "chi-tieu"
        target_id, n = f"{plan.id}.{indicator}", 2
        while target_id in used:
            target_id, n = f"{plan.id}.{indicator}-{n}", n + 1
        used.add(target_id)
        how = f"matched to {target.indicator_id}" if target.indicator_id else "NEW indicator"
        notes = "; ".join(target.notes)
        out.append(
            _comment(
                f"PROPOSED ({how}, confidence {target.confidence:.2f}) section {target.section or '-'}:"
                f" {target.comparison} {target.qualifier!r}" + (f"; {notes}" if notes else "")
            )
        )
        record: dict[str, Any] = {
            "id": target_id,
            "plan": plan.id,
            "indicator": indicator,
            "period": target.period.as_dict(),
            "comparison": target.comparison,
        }
        if target.low is not None:
            record["low"] = _number(target.low)
        if target.high is not None:
            record["high"] = _number(target.high)
        if target.unit:
            record["unit"] = target.unit
        record["statement"] = target.quote
        if target.stretch:
            stretch: dict[str, Any] = {"text": target.stretch.text}
            if target.stretch.low is not None:
                stretch["low"] = _number(target.stretch.low)
            record["stretch"] = stretch
        if target.comparison == "relative":
            record["benchmark"] = target.benchmark or target.quote
        record["source"] = _source(document, target.section or UNNUMBERED, target.quote)
        if target.period.year is None and (target.period.start is None or target.period.end is None):
            # No year in the text and none from the plan (extract-period-unknown): left commented
            # out, so that the draft still validates and nothing is loaded with a year made up.
            out.append(_comment("NOT LOADED: no year is known; set period, then uncomment"))
            out.append(_comment("\n".join(line[2:] for line in _dump(record).splitlines())))
            continue
        out.append(_dump(record))
    return "".join(out)


def _agency_code(name: str, taken: set[str]) -> str:
    """A short code from the name's initials ("Sở Dân tộc và Tôn giáo" -> "SDTVTG"), unique in
    the draft: the registry's format (2-12 capitals or digits), for the officer to confirm."""
    from lsplan.text import fold

    letters = "".join(w[0] for w in fold(name).split() if w[0].isalnum()).upper()[:10] or "CQ"
    code = letters if len(letters) >= 2 else letters + "X"
    n = 1
    while code in taken:
        n += 1
        code = f"{letters[:10]}{n}"
    taken.add(code)
    return code


def assignments_yaml(extraction: Extraction) -> str:
    plan = extraction.plan
    document = plan.source_file
    out = ["version: 1\n", "agencies:\n"]
    new: dict[str, AgencyRef] = {}
    for task in extraction.tasks:
        for ref in (*task.lead, *task.support):
            if ref.id is None and ref.new_id:
                new.setdefault(ref.new_id, ref)
    if not new:
        out.append("  # every agency named is in the registry\n")
    codes: set[str] = set()
    for agency_id, ref in new.items():
        out.append(
            _comment(
                f"PROPOSED new agency, named as written: {ref.name!r}; check code, kind, aliases, name_en"
            )
        )
        code = _agency_code(ref.name, codes)
        out.append(
            _dump({"id": agency_id, "code": code, "name": ref.name, "name_en": ref.name, "kind": "khac"})
        )
    out.append("groups: []\n" if False else "groups:\n  # groups of the registry are used as they are\n")
    out.append("tasks:\n")
    used: set[str] = set()
    for task in extraction.tasks:
        lead = [i for i in _ids(task.lead) if i]
        if not lead:
            out.append(_comment(f"NO LEAD found for {task.number} ({task.title[:60]!r}): left out"))
            continue
        task_id, n = f"{plan.id}.{_slug(task.number)}", 2
        while task_id in used:
            task_id, n = f"{plan.id}.{_slug(task.number)}-{n}", n + 1
        used.add(task_id)
        out.append(
            _comment(
                f"PROPOSED ({task.shape}, confidence {task.confidence:.2f}) section {task.section or '-'}"
            )
        )
        record: dict[str, Any] = {
            "id": task_id,
            "plan": plan.id,
            "number": task.number or "-",
            "title": task.title or task.quote[:200],
            "lead": lead,
        }
        support = [i for i in _ids(task.support) if i]
        if support:
            record["support"] = support
        if task.timeframe:
            record["timeframe"] = task.timeframe
        record["basis"] = "stated"
        record["source"] = _source(document, task.section, task.quote)
        out.append(_dump(record))
    out.append("responsibilities:\n")
    for r in extraction.responsibilities:
        agency = r.agency.id or r.agency.new_id
        for indicator in r.indicators:
            out.append(_comment("PROPOSED indicator duty: check the indicator"))
            out.append(
                _dump(
                    {
                        "indicator": indicator,
                        "agency": agency,
                        "role": r.role,
                        "basis": "stated",
                        "source": _source(document, r.section, r.quote),
                    }
                )
            )
    return "".join(out)


def draft_yaml(extraction: Extraction, source_name: str) -> str:
    """One reviewable file: the targets part, then the assignments part."""
    head = (
        f"# Draft proposed by `lsplan extract {source_name}`: every record below is a PROPOSAL.\n"
        "# Review each one against its quote, then move the first part (plans, indicators, targets)\n"
        "# into data/targets.yaml and the second (agencies, tasks, responsibilities) into\n"
        "# data/assignments.yaml, add the plan's text to data/sources/ under the name of\n"
        f"# `source_file` ({extraction.plan.source_file}), and run `lsplan data validate`.\n"
    )
    anomalies = "".join(f"#   [{f.code}] {f.cell or '-'}: {f.message}\n" for f in extraction.anomalies)
    if anomalies:
        head += "#\n# To look at before merging:\n" + anomalies
    return (
        head
        + "\n# ---------------------------------------------------------------- part 1: targets.yaml\n"
        + targets_yaml(extraction)
        + "\n# ---------------------------------------------------------------- part 2: assignments.yaml\n"
        + assignments_yaml(extraction).replace("version: 1\n", "", 1)
    )


def merged_data(extraction: Extraction, data_dir: Any) -> dict[str, str]:
    """The plan data of `data_dir` with the draft's records appended: {"targets.yaml": text,
    "assignments.yaml": text}, ready for `lsplan data validate --data` in a folder of its own
    (the comments of the original files are not kept there; the originals are not touched)."""
    from pathlib import Path

    import yaml

    from lsplan.catalog_load import default_data_dir

    folder = Path(data_dir) if data_dir else default_data_dir()
    out = {}
    for name, draft in (
        ("targets.yaml", targets_yaml(extraction)),
        ("assignments.yaml", assignments_yaml(extraction)),
    ):
        data = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
        proposed = yaml.safe_load(draft) or {}
        for key, records in proposed.items():
            if isinstance(records, list) and records:
                data.setdefault(key, [])
                data[key] = [*(data[key] or []), *records]
        header = (
            f"# {name} with the records proposed by `lsplan extract` for plan {extraction.plan.id} appended\n"
            f"# (the draft with its review comments: `lsplan extract … -o draft.yaml`).\n"
        )
        out[name] = header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return out
