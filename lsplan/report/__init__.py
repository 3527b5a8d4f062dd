"""`lsplan report`: the quarterly review pack (XLSX and self-contained HTML), in Vietnamese or English.

    from lsplan.report import build_report, write_report
    report = build_report({"Q1": gaps_q1_dict}, "Q1", catalog=catalog, cutoff="2025-04-15")
    write_report(report, Path("report.html"), lang="vi")   # or .xlsx

`report_results` runs `lsplan.gaps` for every quarter of the year up to the one asked for, so
the HTML can draw each target's path through the year.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from lsplan.report.model import QUARTERS, Report, build_report

__all__ = [
    "FORMATS",
    "Report",
    "UnsupportedReportFormat",
    "build_report",
    "report_results",
    "same_period_last_year",
    "write_report",
]

FORMATS = (".xlsx", ".html", ".htm")


class UnsupportedReportFormat(ValueError):
    """The output file's extension is neither .xlsx nor .html."""


def report_results(
    catalog: Any,
    store: Any,
    *,
    year: int,
    quarter: str,
    plan: str | None = None,
    agency: str | None = None,
    today: date | None = None,
) -> dict[str, dict[str, Any]]:
    """{quarter: gaps dict} for Q1 .. `quarter` of `year` (every target, not only lagging ones);
    `today` is the day overdue submissions are judged against (default: today)."""
    from lsplan.gaps import gaps

    upto = QUARTERS[: QUARTERS.index(quarter) + 1]
    return {
        q: gaps(
            catalog, store, year=year, quarter=q, plan=plan, agency=agency, include_all=True, today=today
        ).to_dict()
        for q in upto
    }


def same_period_last_year(catalog: Any, store: Any, *, year: int, quarter: str) -> dict[str, float]:
    """Last year's cumulative figure for `quarter`, by indicator id, for cumulative flows only.

    "So với cùng kỳ" (against the same period) means this year's cumulative figure as a percent of
    last year's; it only means something for flows (revenue, tourists, output). Growth rates are
    already "so với cùng kỳ" and shares or levels are not compared this way, so they get none.
    """
    flows = {i for i, indicator in catalog.indicators.items() if str(indicator.measure) == "flow"}
    if not flows:
        return {}
    current = store.current(year - 1, quarter, flows=flows, indicators=flows)
    return {indicator: value.observation.value for indicator, value in current.items()}


def write_report(report: Report, path: Path, lang: str = "vi") -> None:
    """Write `report` to `path`; the extension (.xlsx, .html) chooses the format. Atomic."""
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        from lsplan.report.xlsx import write_xlsx

        write_xlsx(report, Path(path), lang)
    elif suffix in (".html", ".htm"):
        from lsplan.report.files import atomic_write
        from lsplan.report.html import render_html

        text = render_html(report, lang).encode("utf-8", "replace")  # a lone surrogate: "?"
        atomic_write(Path(path), lambda handle: handle.write(text))
    else:
        raise UnsupportedReportFormat(f"{path}: the report is written as .xlsx or .html")
