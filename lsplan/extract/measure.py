"""Recall and precision of an extraction against curated plan data (the shipped catalogue).

A curated target is found when a proposal of the same plan has the same indicator and the same
numbers (low and high, where the curated target gives them); its comparison is right when the
code is the same too. Qualitative curated targets (no numbers) are counted apart: the extractor
proposes figures, and a phrase without one is proposed only in a few shapes. A proposal is
"curated" when it is one of the curated targets; the others are listed for a person to judge
(many are real commitments the curated data leaves out, some are not).

A curated task is found when a proposal has its number; its leads are right when the proposal's
lead ids, each taken to whoever holds its duties now, equal the curated ones (groups written as
"Các sở, ban, ngành, UBND các huyện, thành phố" count as that group or as its two halves).
Tasks the curated data marks `basis: inferred` name no agency in the text and are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lsplan.extract.model import Extraction


@dataclass
class Score:
    curated: int = 0
    found: int = 0
    comparison_right: int = 0
    proposals: int = 0
    proposals_curated: int = 0
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    wrong_comparison: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.curated if self.curated else 1.0

    @property
    def precision(self) -> float:
        return self.proposals_curated / self.proposals if self.proposals else 1.0

    @property
    def comparison_rate(self) -> float:
        return self.comparison_right / self.curated if self.curated else 1.0


def _same(a: float | None, b: float | None) -> bool:
    return b is None or a is not None and abs(a - b) < 1e-9


def target_score(extraction: Extraction, catalog: Any, plan_id: str) -> Score:
    score = Score()
    curated = [
        t
        for t in catalog.targets.values()
        if t.plan == plan_id and not t.qualitative and t.comparison.value != "qualitative"
    ]
    curated = [t for t in curated if t.low is not None or t.high is not None]
    proposals = list(extraction.targets)
    score.curated = len(curated)
    score.proposals = len(proposals)
    used: set[int] = set()
    for target in curated:
        hit = None
        for i, p in enumerate(proposals):
            if p.indicator_id == target.indicator and _same(p.low, target.low) and _same(p.high, target.high):
                if (p.low, p.high) != (None, None):
                    hit = i
                    if p.comparison == target.comparison.value:
                        break
        if hit is None:
            score.missed.append(f"{target.id} {target.comparison.value} {target.low} {target.high}")
            continue
        used.add(hit)
        score.found += 1
        if proposals[hit].comparison == target.comparison.value:
            score.comparison_right += 1
        else:
            score.wrong_comparison.append(
                f"{target.id}: {proposals[hit].comparison} for {target.comparison.value}"
            )
    score.proposals_curated = len(used)
    score.extra = [
        f"{p.indicator_id or '+' + str(p.new_indicator)} {p.comparison} {p.low} {p.high} | {p.quote[:80]}"
        for i, p in enumerate(proposals)
        if i not in used
    ]
    return score


def _canonical(ids: tuple[str, ...] | list[str], catalog: Any) -> frozenset[str]:
    out: set[str] = set()
    for party in ids:
        if party == "cac-so-ban-nganh-ubnd-huyen":
            out |= {"cac-so-ban-nganh", "ubnd-cac-huyen-thanh-pho"}
            continue
        if party in catalog.agencies:
            out |= set(catalog.successors(party))
        else:
            out.add(party)
    return frozenset(out)


def task_score(extraction: Extraction, catalog: Any, plan_id: str) -> Score:
    score = Score()
    curated = [t for t in catalog.tasks.values() if t.plan == plan_id and t.basis.value == "stated"]
    score.curated = len(curated)
    score.proposals = len(extraction.tasks)
    used: set[int] = set()
    for task in curated:
        hit = next(
            (i for i, p in enumerate(extraction.tasks) if p.number == task.number and i not in used), None
        )
        if hit is None:
            score.missed.append(f"{task.id} {task.number}")
            continue
        used.add(hit)
        score.found += 1
        lead = [ref.id or ref.new_id or ref.name for ref in extraction.tasks[hit].lead]
        if _canonical(lead, catalog) == _canonical(task.lead, catalog):
            score.comparison_right += 1
        else:
            score.wrong_comparison.append(f"{task.id}: {sorted(lead)} for {sorted(task.lead)}")
    score.proposals_curated = len(used)
    score.extra = [f"{p.number} {p.title[:60]}" for i, p in enumerate(extraction.tasks) if i not in used]
    return score


def shipped_summary() -> str:
    """Recall and precision on the plans shipped in data/sources, one line per plan and a total
    (the README shows this; tests/test_extract_recall.py holds the thresholds)."""
    from pathlib import Path

    from lsplan.catalog import load_catalog
    from lsplan.catalog_load import default_sources_dir
    from lsplan.extract import extract_plan

    catalog = load_catalog()
    sources = Path(str(default_sources_dir()))
    lines = ["plan       targets found  right comparison  proposals curated  tasks found  right leads"]
    totals = [0] * 8
    for plan in catalog.plans.values():
        extraction = extract_plan(sources / plan.source_file, catalog, plan.id)
        t, k = target_score(extraction, catalog, plan.id), task_score(extraction, catalog, plan.id)
        row = [
            t.found,
            t.curated,
            t.comparison_right,
            t.proposals_curated,
            t.proposals,
            k.found,
            k.curated,
            k.comparison_right,
        ]
        totals = [a + b for a, b in zip(totals, row, strict=True)]
        lines.append(_row(plan.id, row))
    lines.append(_row("all", totals))
    found, curated, right, real, proposed = totals[:5]
    lines.append(
        f"recall {found / curated:.1%}, right comparison {right / curated:.1%}, "
        f"precision {real / proposed:.1%}, tasks with the right leads {totals[7] / max(totals[6], 1):.1%}"
    )
    return "\n".join(lines)


def _row(name: str, r: list[int]) -> str:
    return (
        f"{name:<10} {r[0]:>5} of {r[1]:<5} {r[2]:>10} {r[3]:>11} of {r[4]:<4} "
        f"{r[5]:>6} of {r[6]:<3} {r[7]:>6}"
    )
