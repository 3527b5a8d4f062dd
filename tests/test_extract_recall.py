"""How much of the curated plan data `lsplan extract` finds on its own in the three shipped plans.

data/targets.yaml and data/assignments.yaml were written by hand from data/sources/*.txt; the
extractor has never seen them (nothing in lsplan/extract names a shipped plan). Run with -s to
see the numbers; the README quotes them.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from lsplan.catalog import load_catalog
from lsplan.catalog_load import default_sources_dir
from lsplan.extract import extract_plan, extract_text
from lsplan.extract.measure import target_score, task_score
from lsplan.yamlsource import squash

SOURCES = default_sources_dir()


@pytest.fixture(scope="module")
def scores():
    catalog = load_catalog()
    out = {}
    for plan in catalog.plans.values():
        extraction = extract_plan(Path(SOURCES) / plan.source_file, catalog, plan.id)
        out[plan.id] = (
            extraction,
            target_score(extraction, catalog, plan.id),
            task_score(extraction, catalog, plan.id),
        )
    return out


def test_recall_and_precision_of_targets_on_the_shipped_plans(scores) -> None:
    found = sum(s.found for _, s, _ in scores.values())
    curated = sum(s.curated for _, s, _ in scores.values())
    right = sum(s.comparison_right for _, s, _ in scores.values())
    proposed = sum(s.proposals for _, s, _ in scores.values())
    real = sum(s.proposals_curated for _, s, _ in scores.values())
    for plan_id, (_, s, _) in scores.items():
        print(
            f"{plan_id}: {s.found}/{s.curated} found, {s.comparison_right} with the comparison, "
            f"{s.proposals_curated}/{s.proposals} proposals curated; missed {s.missed}; extra {s.extra}"
        )
    print(
        f"targets: recall {found}/{curated} = {found / curated:.1%}, comparison {right / curated:.1%}, "
        f"precision {real}/{proposed} = {real / proposed:.1%}"
    )
    assert found / curated >= 0.95
    assert right / curated >= 0.95
    assert real / proposed >= 0.9


def test_every_stated_task_is_found_with_its_leads(scores) -> None:
    found = sum(t.found for _, _, t in scores.values())
    curated = sum(t.curated for _, _, t in scores.values())
    right = sum(t.comparison_right for _, _, t in scores.values())
    for plan_id, (_, _, t) in scores.items():
        print(
            f"{plan_id}: tasks {t.found}/{t.curated}, leads right {t.comparison_right}; {t.wrong_comparison}"
        )
    print(f"tasks: found {found}/{curated}, leads right {right}/{curated} = {right / curated:.1%}")
    assert found == curated
    assert right / curated >= 0.9


def test_every_quote_passes_the_quote_check_against_the_shipped_text(scores) -> None:
    catalog = load_catalog()
    for plan_id, (extraction, _, _) in scores.items():
        source = squash((Path(SOURCES) / catalog.plans[plan_id].source_file).read_text(encoding="utf-8"))
        for item in (*extraction.targets, *extraction.tasks):
            assert extraction.document.text[item.offset : item.offset + len(item.quote)] == item.quote
            assert squash(item.quote) in source, item.quote


def test_a_130_kb_plan_in_under_two_seconds() -> None:
    catalog = load_catalog()
    text = (Path(SOURCES) / "kh-kich-ban-tang-truong-2025.txt").read_text(encoding="utf-8")
    big = "\n".join([text] * 3)
    assert len(big.encode()) > 130_000
    start = time.perf_counter()
    extraction = extract_text(big, "txt", catalog, "big")
    assert time.perf_counter() - start < 2.0
    assert any(f.code == "extract-target-twice" for f in extraction.anomalies)  # the same plan three times
