"""`lsplan remind`: reminder letters (công văn đôn đốc) to agencies late with figures or behind plan.

    from lsplan.remind import draft_letters
    run = draft_letters(catalog, store, year=2025, quarter="Q1", today=date(2025, 4, 20))
    run.letters          # [(Letter, LetterText)], one per agency written to
    run.summary_rows()   # who was written to and why

The stages are modules: `letters` (gaps result -> who owes what, pure), `compose` (a letter in
words), `docx_writer` and `markdown` (layout only), `settings` (issuer and signer), `history`
(letters the clerk numbered, recalled by the next reminder).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from lsplan.remind.compose import LetterText, compose
from lsplan.remind.letters import Letter, LetterKind, LetterPlan, plan_letters
from lsplan.remind.settings import LetterSettings, SettingsError, load_settings

__all__ = [
    "LetterKind",
    "LetterSettings",
    "RemindRun",
    "SettingsError",
    "draft_letters",
    "load_settings",
]


@dataclass(slots=True)
class RemindRun:
    plan: LetterPlan
    letters: list[tuple[Letter, LetterText]] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)  # agencies not written to, and why

    def summary_rows(self) -> list[dict]:
        rows = []
        for letter, text in self.letters:
            rows.append(
                {
                    "agency": letter.agency_id,
                    "agency_name": letter.agency_name,
                    "kind": str(letter.kind),
                    "late": [i.target for i in letter.late],
                    "lagging": [i.target for i in letter.lagging],
                    "late_count": len(letter.late),
                    "lagging_count": len(letter.lagging),
                    "subject": text.subject,
                    "file": f"{text.file_stem}.docx",
                    "follows": letter.prior.number if letter.prior else None,
                }
            )
        return rows

    def to_dict(self) -> dict:
        return {
            "year": self.plan.year,
            "quarter": self.plan.quarter,
            "as_of": self.plan.as_of.isoformat(),
            "letters": self.summary_rows(),
            "skipped": self.skipped,
            "not_yet_due": [
                {"target": m["target"], "chase": m["chase"], "deadline": m["deadline"]}
                for m in self.plan.not_yet_due
            ],
        }


def draft_letters(
    catalog: Any,
    store: Any,
    *,
    year: int | None,
    quarter: str,
    today: date | None = None,
    kind: LetterKind = LetterKind.BOTH,
    agency: str | None = None,
    settings: LetterSettings | None = None,
    deadline: date | None = None,
) -> RemindRun:
    """Every letter for a quarter, from the same `gaps` result the table shows."""
    from lsplan.gaps import gaps
    from lsplan.remind.history import priors_for

    settings = settings or LetterSettings()
    result = gaps(catalog, store, year=year, quarter=quarter, today=today)
    plan = plan_letters(
        result, catalog, kind=kind, agency=agency, prior_letter=priors_for(store, result.year, quarter)
    )
    issuer = catalog.resolve_agency(settings.issuer).agency
    run = RemindRun(plan)
    for letter in plan.letters:
        if issuer is not None and letter.agency_id == issuer.id:
            # The focal agency does not write to itself: its own figures are an internal matter.
            run.skipped.append(
                {
                    "agency": letter.agency_id,
                    "agency_name": letter.agency_name,
                    "reason": "issuer",
                    "late": [i.target for i in letter.late],
                    "lagging": [i.target for i in letter.lagging],
                    "indicator_names": [i.indicator_name for i in (*letter.late, *letter.lagging)],
                }
            )
            continue
        run.letters.append((letter, compose(letter, settings, catalog, deadline=deadline)))
    return run
