"""Revisions: a later document that changes a target supersedes it from its date.

Part of the attainment engine; pure computation, no I/O. `Target.revisions` (document, ISO date,
low, high, quote): the latest revision dated on or before the quarter's last day replaces the
target's low/high, and the note says which document changed it and from when.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from lsplan.goals import fmt
from lsplan.model import Target

QUARTERS = ("Q1", "Q2", "Q3", "Q4")

def _quarter_end(year: int, q: int) -> date:
    return date(year, q * 3, 31 if q in (1, 4) else 30)


def revised(target: Target, year: int, quarter: str | int) -> tuple[Target, str]:
    """The target as in force at the end of the quarter: the latest revision dated on or before
    it replaces low/high; the note says which document changed it and from when."""
    q = quarter if isinstance(quarter, int) else QUARTERS.index(str(quarter).strip().upper()) + 1
    end = _quarter_end(year, q)
    best = None
    for revision in target.revisions:
        when = _iso_date(revision.date)
        if when is not None and when <= end and (best is None or when >= best[0]):
            best = (when, revision)
    if best is None:
        return target, ""
    when, revision = best
    low = revision.low if revision.low is not None else target.low
    high = revision.high if revision.high is not None else target.high
    note = (f"revised by {revision.document} from {when.isoformat()}: "
            f"{fmt(target.low or 0)}–{fmt(target.high or 0)} → {fmt(low or 0)}–{fmt(high or 0)}")
    return replace(target, low=low, high=high, revisions=()), note


def _iso_date(text: str | None) -> date | None:
    if not text:
        return None
    text = str(text).strip()
    try:
        if len(text) == 4:
            return date(int(text), 1, 1)
        return date.fromisoformat(text[:10])
    except ValueError:
        return None
