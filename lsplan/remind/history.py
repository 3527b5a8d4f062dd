"""Letters the clerk has numbered: kept in the store, recalled by the next reminder.

A generated letter never carries a number (NĐ 30, Điều 15: the văn thư numbers it after
signing). Once it is numbered, `lsplan remind --record AGENCY --number 125/STC-TH --date
2025-04-25` stores the number and date with the targets the letter was about; the next reminder
to that agency for the same period that still concerns any of those targets opens with
"Tiếp theo Công văn số 125/STC-TH ngày 25/04/2025 …".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from lsplan.remind.letters import PriorLetter


def priors_for(store: Any, year: int, quarter: str) -> Callable[[str, tuple[str, ...]], PriorLetter | None]:
    """A look-up: (agency, targets) -> the latest letter recorded for that agency and period that
    concerns any of those targets, or None. A demo or older store without letters has none."""
    letters = getattr(store, "letters", None)
    records = letters(year=year, period=quarter) if letters else []

    def prior(agency: str, targets: tuple[str, ...]) -> PriorLetter | None:
        wanted = set(targets)
        matching = [r for r in records if r["agency"] == agency and wanted & set(r["targets"])]
        if not matching:
            return None
        latest = max(matching, key=lambda r: (r["date"], r["id"]))
        return PriorLetter(
            number=latest["number"], date=date.fromisoformat(latest["date"]), subject=latest["subject"]
        )

    return prior
