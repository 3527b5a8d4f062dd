"""Every piece of report text that depends on the language, shared by the XLSX and HTML writers.

All strings go through gettext (`lsplan.i18n`); numbers through `lsplan.numfmt`. Nothing here
computes a figure: it only words and formats what the report holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lsplan.i18n import gettext_for, status_label
from lsplan.numfmt import format_number, format_percent, roman
from lsplan.report.model import QUARTER_END, MissingLine, PlanGroup, Report, ReportLine

ROMAN_QUARTER = {"Q1": "I", "Q2": "II", "Q3": "III", "Q4": "IV"}

# Colours by status (fill, text), used by both writers so paper and screen agree.
STATUS_COLOURS = {
    "achieved": ("C6EFCE", "006100"),
    "on_track": ("DDEBF7", "1F4E79"),
    "at_risk": ("FFEB9C", "7F6000"),
    "off_track": ("FFC7CE", "9C0006"),
    "no_data": ("EDEDED", "404040"),
    "not_assessed": ("F2F2F2", "595959"),
    "exceeded": ("A9D08E", "00441B"),
    "nearly_met": ("E2EFDA", "375623"),
    "not_met": ("F4B084", "7B0000"),
    "info": ("FFFFFF", "595959"),
}


def date_text(value: str, lang: str) -> str:
    """An ISO date or "YYYY-MM-DD HH:MM" as readers write it: "22/11/2026 15:24" in Vietnamese,
    unchanged (ISO) in English."""
    if lang != "vi" or len(value) < 10 or value[4] != "-" or value[7] != "-":
        return value
    day = f"{value[8:10]}/{value[5:7]}/{value[0:4]}"
    rest = value[10:].lstrip("T ").strip()[:5]
    return f"{day} {rest}".strip()


@dataclass(frozen=True, slots=True)
class Labels:
    """The words of one report in one language."""

    lang: str
    report: Report

    @property
    def _(self) -> Callable[[str], str]:
        return gettext_for(self.lang)

    def number(self, value: float | None) -> str:
        return format_number(value, self.lang)

    def percent(self, value: float | None) -> str:
        return format_percent(value, self.lang)

    # --- title block -------------------------------------------------------------------------
    def issuer(self) -> str:
        return self._("PEOPLE'S COMMITTEE OF LANG SON PROVINCE")

    def title(self) -> str:
        return self._("REPORT ON THE IMPLEMENTATION OF PLAN TARGETS")

    def period(self) -> str:
        r = self.report
        end = QUARTER_END[r.quarter] + f"/{r.year}"
        return self._("Quarter {quarter} of {year} (cumulative to {end})").format(
            quarter=ROMAN_QUARTER[r.quarter], year=r.year, end=end
        )

    def cutoff(self) -> str:
        value = date_text(self.report.cutoff, self.lang) or self._("not recorded")
        return self._("Data cut-off: {cutoff}").format(cutoff=value)

    def estimates_note(self) -> str:
        count = len(self.report.estimates)
        if not count:
            return self._("All figures are reported figures; none is an estimate.")
        return self._("{count} figure(s) are estimates (marked “ước”).").format(count=count)

    def missing_banner(self) -> str:
        r = self.report
        if not r.missing:
            return self._("Every expected submission has been received.")
        return self._("{count} target(s) have no data for this period; {overdue} overdue.").format(
            count=len(r.missing), overdue=len(r.overdue)
        )

    # --- table -------------------------------------------------------------------------------
    def headers(self) -> list[str]:
        _ = self._
        return [
            _("No."),
            _("Indicator"),
            _("Unit"),
            _("Annual plan"),
            _("Plan to date"),
            _("Cumulative actual"),
            _("Against plan (%)"),
            _("Against same period (%)"),
            _("Assessment"),
            _("Lead agency"),
            _("Data source"),
            _("Notes"),
        ]

    def plan_row(self, index: int, group: PlanGroup) -> tuple[str, str]:
        title = group.title_en if self.lang == "en" else group.title
        return roman(index), title

    def sector_name(self, sector: str) -> str:
        return self._(sector) if sector else self._("Other indicators")

    def indicator(self, line: ReportLine | MissingLine) -> str:
        return (line.name_en or line.name) if self.lang == "en" else line.name

    def annual(self, line: ReportLine) -> str:
        """The plan figure: "8 - 9", "≥ 5,5", "≤ 3"; a multi-year target says its span."""
        low, high = line.annual_low, line.annual_high
        if low is not None and high is not None:
            text = self.number(low) if low == high else f"{self.number(low)} - {self.number(high)}"
        elif low is not None and line.comparison in ("approx", "relative"):
            text = f"≈ {self.number(low)}"  # "khoảng": met within the documented tolerance
        elif low is not None and line.comparison == "exact":
            text = self.number(low)
        elif low is not None:
            text = f"≥ {self.number(low)}"
        elif high is not None:
            text = f"≤ {self.number(high)}"
        else:
            return line.statement or "—"
        return f"{text} ({line.period})" if "–" in line.period else text

    def references(self) -> dict[str, str]:
        """Each target's place in the table, "I.3" (plan numeral . row number), for charts."""
        out = {}
        for p_index, group in enumerate(self.report.groups, start=1):
            lines = [line for sector in group.sectors for line in sector.lines]
            for number, line in enumerate(lines, start=1):
                out[line.target] = f"{roman(p_index)}.{number}"
        return out

    def status(self, line: ReportLine) -> str:
        text = status_label(line.status, self.lang, attainment=line.attainment, quarter=self.report.quarter)
        if line.indicative:
            text += " " + self._("(indicative)")
        return text

    def source(self, line: ReportLine) -> str:
        if not line.source_file:
            return "—"
        where = "!".join(part for part in (line.source_sheet, line.source_cell) if part)
        return f"{line.source_file} {where}".strip()

    def notes(self, line: ReportLine) -> str:
        notes = []
        if line.estimate:
            notes.append(self._("estimate (ước)"))
        elif line.maturity == "preliminary":
            notes.append(self._("preliminary"))
        if len(line.plans) > 1:  # one row per goal: every plan that sets it
            notes.append(self._("set by: {plans}").format(plans=", ".join(line.plans)))
        for statement, status in line.stretches:
            judged = status_label(status, self.lang, quarter=self.report.quarter) if status else "—"
            notes.append(self._("stretch: {statement} ({status})").format(statement=statement, status=judged))
        return "; ".join(notes)  # an indicative figure is said so by its status: "(tham khảo)"

    def lead(self, names: tuple[str, ...]) -> str:
        return ", ".join(names) or "—"

    def missing_status(self, line: MissingLine) -> str:
        return self._("Overdue") if line.overdue else self._("Not yet received")
