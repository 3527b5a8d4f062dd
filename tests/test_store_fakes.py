"""Fakes shared by the store tests: a checker that reads a tiny JSON 'submission' file.

The real `lsplan.checks.check_file` reads spreadsheets; the store and ingest logic only needs its
result's shape (status, agency, year, period, observations, findings), so the store tests write
JSON files in code and check them with this fake. No test lives here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from lsplan.model import Finding, Measure, Observation, Severity


@dataclass
class FakeResult:
    status: str
    agency: str | None
    year: int | None
    period: str | None
    observations: tuple = ()
    findings: list = field(default_factory=list)


def fake_check(path, catalog, agency=None, year=None, quarter=None):
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return FakeResult(
            "unreadable", None, None, None, (), [Finding("not-a-spreadsheet", Severity.ERROR, "unreadable")]
        )
    observations = tuple(
        Observation(
            indicator=o["indicator"],
            value=o["value"],
            unit=o.get("unit", ""),
            year=data["year"],
            period=data["period"],
            agency=data["agency"],
            sheet="S",
            cell=o.get("cell", "D5"),
            cumulative=o.get("cumulative", True),
            maturity=o.get("maturity", "estimate"),
            raw=str(o["value"]),
        )
        for o in data.get("observations", ())
    )
    findings = [Finding(code, Severity.ERROR, code) for code in data.get("errors", ())]
    status = "invalid" if findings else "ok"
    return FakeResult(status, data["agency"], data["year"], data["period"], observations, findings)


def write_submission(
    folder: Path,
    name: str,
    agency: str,
    year: int,
    period: str,
    observations: list[dict],
    errors: tuple[str, ...] = (),
    salt: str = "",
) -> Path:
    path = Path(folder) / name
    path.write_text(
        json.dumps(
            {
                "agency": agency,
                "year": year,
                "period": period,
                "observations": observations,
                "errors": list(errors),
                "salt": salt,
            }
        ),
        encoding="utf-8",
    )
    return path


FAKE_CATALOG = SimpleNamespace(
    indicators={
        "tourists": SimpleNamespace(measure=Measure.FLOW),
        "grdp-growth": SimpleNamespace(measure=Measure.GROWTH_RATE),
        "retail": SimpleNamespace(measure=Measure.FLOW),
    }
)
