"""Row by row: match each table row to an indicator and judge its value.

A row that names no indicator and holds no value is a heading ("I. CÔNG NGHIỆP", "Cơ cấu kinh
tế", "Trong đó:"); a row with a value that matches nothing is a warning (real reports carry
extra rows). Values are parsed by `lsplan.numbers`, converted to the catalogue's unit by
`lsplan.units`, and compared with the catalogue's target and the sender's own ratio.

Sender's ratio tolerance: their "So với kế hoạch (%)" may differ from value ÷ plan by up to
RATIO_TOLERANCE percentage points (rounding of the value, the plan and the ratio itself).

An ambiguous figure ("1.234": 1234 by the rule of `lsplan.numbers`, or 1.234) is settled by the
same row where it can be (`settle_ambiguous`): the sender's ratio, else the sender's plan
(a figure between PLAUSIBLE_SHARE_OF_PLAN of the plan). Confirmed: an info finding only. Only
the other reading fits: a warning that gives both. Neither or both fit: a warning with both.

Findings name an indicator by its name in the language of the process (`indicator_name`); the
`indicator` field of a finding and of an observation keeps the id.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from lsplan.check_meta import Metadata
from lsplan.findings import make_finding
from lsplan.i18n import _, resolve_lang
from lsplan.layouts import Table, TableRow
from lsplan.model import Finding, Indicator, Measure, Observation, Severity
from lsplan.numbers import parse_number
from lsplan.readers.base import cell_ref
from lsplan.text import fold
from lsplan.units import convert, lookup

if TYPE_CHECKING:
    from lsplan.catalog import Catalog

RATIO_TOLERANCE = 1.0  # percentage points
PLAN_TOLERANCE = 0.005  # relative: a plan within 0.5 % of the catalogue's is the same plan
PLAUSIBLE_SHARE_OF_PLAN = (0.01, 3.0)  # a cumulative figure is 1 %..300 % of its annual plan


def indicator_name(indicator: Indicator, lang: str | None = None) -> str:
    """The indicator as an officer names it: the catalogue's Vietnamese name, or its English
    name in English (the Vietnamese one when the catalogue has none)."""
    if (lang or resolve_lang()) == "en" and indicator.name_en:
        return indicator.name_en
    return indicator.name


def settle_ambiguous(value: float, other: float, plan: float | None, ratio: float | None) -> str:
    """Which reading of an ambiguous figure the row supports: "confirmed" (only `value` fits the
    sender's plan and ratio), "other" (only `other` fits), or "unsure" (no evidence, or both or
    neither fit). The ratio, when given, decides; the plan alone decides by plausibility."""
    if plan is None or plan == 0:
        return "unsure"

    def fits(reading: float) -> bool:
        share = reading / plan
        if ratio is not None:
            # within RATIO_TOLERANCE points, and within a tenth of a small ratio (0.05 % is not 0.5 %)
            return any(
                abs(share * 100 - r) <= min(RATIO_TOLERANCE, max(0.05, abs(r) / 10))
                for r in _ratio_readings(ratio)
            )
        low, high = PLAUSIBLE_SHARE_OF_PLAN
        return low <= share <= high

    ours, theirs = fits(value), fits(other)
    if ours and not theirs:
        return "confirmed"
    return "other" if theirs and not ours else "unsure"


def _ratio_readings(ratio: float) -> tuple[float, ...]:
    # 0.534 typed in a General cell may mean 53.4 %
    return (ratio, ratio * 100) if abs(ratio) <= 2 else (ratio,)


_ROMAN = re.compile(r"^(?=[ivxl]+$)l?x{0,3}(ix|iv|v?i{0,3})$")
_BULLET = re.compile(
    r"^\s*(?:[-+*•–—]+|\(?[0-9]{1,2}(?:\.[0-9]{1,2})*[.)]|\(?[a-zđ][.)]|[ivxl]+[.)])\s*", re.I
)
_IN_WHICH = re.compile(r"^\s*(trong đó|trong do|bao gồm|gồm)\s*:?\s*", re.I)
_N_OF_M = re.compile(r"^\s*(\d+)\s*/\s*\d+\s*$")
_TRAILING_PARENS = re.compile(r"\s*\([^()]*\)\s*$")
_HEADING_WORDS = ("co cau", "trong do", "chi tieu kinh te", "chi tieu xa hoi", "chi tieu moi truong")


def clean_name(name: str) -> str:
    """ "- Trong đó: 1.2. Khách quốc tế" -> "Khách quốc tế": bullets, numbering, "Trong đó:"."""
    text = name.strip()
    for _attempt in range(3):
        text = _IN_WHICH.sub("", _BULLET.sub("", text, count=1), count=1)
    return text.strip(" :")


def is_heading(row: TableRow) -> bool:
    """Roman-numeral or letter STT, an upper-case title, or a structural phrase ending in ":"."""
    stt = fold(row.stt).rstrip(".")
    name = clean_name(row.name)
    if stt and (_ROMAN.match(stt) or (len(stt) == 1 and stt.isalpha())):
        return True
    letters = [ch for ch in name if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters) and len(letters) > 3:
        return True
    return row.name.rstrip().endswith(":") or fold(name).startswith(_HEADING_WORDS)


class RowChecker:
    """Accumulates observations and findings over the tables of one file."""

    def __init__(self, catalog: Catalog, meta: Metadata) -> None:
        self.catalog = catalog
        self.meta = meta
        self.findings: list[Finding] = []
        self.observations: list[Observation] = []
        self.seen: dict[str, str] = {}
        agency = meta.agency.id if meta.agency else None
        self.responsible = catalog.indicators_for_agency(agency) if agency else None
        self.targets = list(catalog.targets_for(year=meta.year)) if meta.year else []

    def add(self, code: str, table: Table, cell: str | None = None, **params: Any) -> None:
        self.findings.append(make_finding(code, sheet=table.sheet, cell=cell, **params))

    def read_table(self, table: Table) -> None:
        if table.legacy:
            first = table.legacy[0]
            self.add(
                "legacy-encoding",
                table,
                first.ref,
                count=len(table.legacy),
                encoding=first.encoding.upper(),
                sample=first.converted[:40],
            )
        if table.actual is None:
            self.add("missing-column", table, column="Thực hiện / Ước thực hiện")
            return
        for row in table.rows:
            self.read_row(table, row)

    def _indicator(self, table: Table, row: TableRow) -> Indicator | None:
        if table.layout == "form" and row.indicator_id:
            indicator = self.catalog.indicators.get(row.indicator_id)
            if indicator is None:
                col = table.columns.get("id")
                ref = cell_ref(row.row, col) if col else None
                self.add("indicator-unknown", table, ref, indicator=row.indicator_id)
            return indicator
        name = clean_name(row.name)
        if not name:
            return None
        indicator = self.catalog.match_indicator(name)
        if indicator is None and _TRAILING_PARENS.search(name):
            indicator = self.catalog.match_indicator(_TRAILING_PARENS.sub("", name))
        return indicator

    def read_row(self, table: Table, row: TableRow) -> None:
        cell = row.actual
        has_value = cell is not None and (cell.value is not None or cell.uncalculated)
        if not has_value and not row.indicator_id and is_heading(row):
            return  # "I. CÔNG NGHIỆP" is a heading even though "Công nghiệp" is also an indicator's alias
        indicator = self._indicator(table, row)
        if indicator is None:
            if has_value and row.name and not is_heading(row) and not row.indicator_id:
                ref = row.name_cell.ref if row.name_cell else None
                self.add("indicator-unmatched", table, ref, name=clean_name(row.name)[:80])
            return
        column = table.actual.header if table.actual else ""
        if cell is None or not has_value:
            ref = cell_ref(row.row, table.actual.col) if table.actual else None
            self.findings.append(
                make_finding(
                    "value-empty",
                    sheet=table.sheet,
                    cell=ref,
                    indicator=indicator.id,
                    indicator_name=indicator_name(indicator),
                    column=column,
                )
            )
            return
        kw: dict[str, Any] = {
            "sheet": table.sheet,
            "cell": cell.ref,
            "indicator": indicator.id,
            "indicator_name": indicator_name(indicator),
        }
        if cell.uncalculated:
            self.findings.append(make_finding("formula-uncalculated", formula=cell.formula or "", **kw))
            return
        parsed = parse_number(cell.value, cell.number_format)
        raw = str(cell.value)
        n_of_m = _N_OF_M.match(raw) if indicator.measure is Measure.RATIO else None
        if n_of_m:  # "13/13 sản phẩm": 13 of the 13 planned
            parsed = parse_number(n_of_m.group(1))
        if parsed.error:  # not-a-number, value-not-finite or value-too-long
            self.findings.append(make_finding(parsed.error, raw=raw[:60], **kw))
            return
        if parsed.value is None:
            self.findings.append(make_finding("value-empty", column=column, **kw))
            return
        verdict = None
        if parsed.ambiguous:
            verdict = self._ambiguous(row, raw, parsed.value, parsed.alternative, parsed.note, kw)
        unit = row.unit or _unit_in_name(row.name) or ("%" if parsed.percent else "")
        value = self._to_catalog_unit(parsed.value, unit, indicator, kw)
        if value is not None and not math.isfinite(value):  # 1e300 tỷ đồng in đồng
            self.findings.append(make_finding("value-not-finite", raw=raw[:60], **kw))
            return
        if value is None:
            return
        if indicator.id in self.seen:
            self.findings.append(make_finding("indicator-duplicate", first=self.seen[indicator.id], **kw))
            return
        self.seen[indicator.id] = cell.ref
        if self._impossible(value, indicator, kw):
            return
        if self.responsible is not None and indicator.id not in self.responsible and self.meta.agency:
            self.findings.append(make_finding("agency-not-responsible", agency=self.meta.agency.name, **kw))
        if table.layout != "form":
            # When the ratio points to the other reading of "1.234", the ambiguity warning has
            # said so already: a second warning about the same cell's ratio would only repeat it.
            self._compare_plan(table, row, parsed.value, unit, indicator, kw, ratio=verdict != "other")
        self.observations.append(
            Observation(
                indicator=indicator.id,
                value=value,
                unit=indicator.unit,
                year=self.meta.year or 0,
                period=self.meta.quarter or "",
                agency=self.meta.agency.id if self.meta.agency else None,
                sheet=table.sheet,
                cell=cell.ref,
                cumulative=_cumulative(table),
                maturity=_maturity(table),
                raw=raw,
                same_period_pct=_number(row.yoy),
            )
        )

    def _ambiguous(
        self, row: TableRow, raw: str, value: float, other: float | None, note: str, kw: dict[str, Any]
    ) -> str:
        """number-ambiguous, settled by the row's own plan and ratio where they can settle it;
        returns the verdict of `settle_ambiguous`."""
        from lsplan.numfmt import format_number

        lang = resolve_lang()
        plan, ratio = _number(row.plan), _number(row.ratio)
        verdict = "unsure" if other is None else settle_ambiguous(value, other, plan, ratio)
        evidence = _("the row's plan {plan}").format(plan=format_number(plan, lang)) if plan else ""
        if ratio is not None and evidence:
            evidence = _("the row's plan {plan} and ratio {ratio}%").format(
                plan=format_number(plan or 0, lang), ratio=format_number(ratio, lang, 1)
            )
        severity = None
        if verdict == "confirmed":
            text = _("{rule}; confirmed by {evidence}").format(rule=_(note), evidence=evidence)
            severity = Severity.INFO
        elif verdict == "other":
            text = _(
                "{rule}, but only {other} agrees with {evidence}: if {other} is meant, write it "
                "so that it cannot be read as {value}"
            ).format(
                rule=_(note),
                evidence=evidence,
                other=format_number(other or 0, lang, 4),
                value=format_number(value, lang, 4),
            )
        else:
            text = _("{rule}; it could also mean {other}").format(
                rule=_(note), other=format_number(other, lang, 4) if other is not None else "?"
            )
        self.findings.append(
            make_finding("number-ambiguous", raw=raw, value=value, note=text, severity=severity, **kw)
        )
        return verdict

    def _to_catalog_unit(
        self, value: float, unit: str, indicator: Indicator, kw: dict[str, Any]
    ) -> float | None:
        if not unit or _same_unit(unit, indicator.unit):
            return value
        converted = convert(value, unit, indicator.unit)
        if converted is None:
            self.findings.append(make_finding("unit-mismatch", unit=unit, catalog_unit=indicator.unit, **kw))
            return None
        self.findings.append(
            make_finding(
                "unit-converted",
                raw_value=value,
                unit=unit,
                value=converted,
                catalog_unit=indicator.unit,
                **kw,
            )
        )
        return converted

    def _impossible(self, value: float, indicator: Indicator, kw: dict[str, Any]) -> bool:
        reason = ""
        if indicator.measure in (Measure.FLOW, Measure.COUNT) and value < 0:
            reason = _("a count or a cumulative flow cannot be negative")
        elif indicator.measure is Measure.SHARE and not 0 <= value <= 100:
            reason = _("a share must lie between 0 and 100 %")
        if reason:
            self.findings.append(
                make_finding("value-impossible", value=value, unit=indicator.unit, reason=reason, **kw)
            )
        return bool(reason)

    def _compare_plan(
        self,
        table: Table,
        row: TableRow,
        value: float,
        unit: str,
        indicator: Indicator,
        kw: dict[str, Any],
        *,
        ratio: bool = True,
    ) -> None:
        """sender-ratio-mismatch (unless `ratio` is False) and plan-differs for one row."""
        plan = _number(row.plan)
        if plan is None:
            return
        ratio_given = _number(row.ratio) if ratio else None
        if (
            ratio_given is not None
            and plan != 0
            and indicator.measure in (Measure.FLOW, Measure.COUNT, Measure.LEVEL)
        ):
            ours = value / plan * 100
            if (
                row.ratio is not None
                and abs(ratio_given) <= 2
                and abs(ours) > 10
                and "%" not in str(row.ratio.value)
            ):
                ratio_given *= 100  # a fraction typed in a General cell: 0.452 for 45.2 %
            if abs(ratio_given - ours) > RATIO_TOLERANCE:
                self.findings.append(
                    make_finding(
                        "sender-ratio-mismatch",
                        theirs=ratio_given,
                        value=value,
                        plan=plan,
                        ours=ours,
                        **{**kw, "cell": row.ratio.ref if row.ratio else None},
                    )
                )
        plan_in_unit = (
            plan if not unit or _same_unit(unit, indicator.unit) else convert(plan, unit, indicator.unit)
        )
        targets = [
            t
            for t in self.targets
            if t.indicator == indicator.id
            and t.year_start == t.year_end
            and (t.low is not None or t.high is not None)
            and not t.qualitative
            and _same_unit(t.unit or indicator.unit, indicator.unit)  # not "13 % above the estimate"
        ]
        if plan_in_unit is None or not targets:
            return
        if any(_within(plan_in_unit, t.low, t.high) for t in targets):
            return
        target = targets[0]
        text = target.statement or f"{target.low}–{target.high}"
        self.findings.append(
            make_finding(
                "plan-differs",
                plan=plan_in_unit,
                unit=indicator.unit,
                target=text,
                source=_plan_label(self.catalog, target),
                **{**kw, "cell": row.plan.ref if row.plan else None},
            )
        )


def _plan_label(catalog: Any, target: Any) -> str:
    """The plan a target comes from as readers know it ("CTr 52-CTr/TU"), else the target's id."""
    plan = getattr(catalog, "plans", {}).get(getattr(target, "plan", None))
    return (plan.short or plan.number or plan.id) if plan is not None else target.id


def _unit_in_name(name: str) -> str:
    """ "Tổng mức bán lẻ (triệu đồng)" -> "triệu đồng" when the bracket holds a known unit."""
    match = _TRAILING_PARENS.search(name)
    text = match.group(0).strip(" ()") if match else ""
    return text if text and lookup(text) is not None else ""


def _within(value: float, low: float | None, high: float | None) -> bool:
    def slack(bound: float) -> float:
        return max(abs(bound) * PLAN_TOLERANCE, 1e-9)

    if low is not None and value < low - slack(low):
        return False
    return not (high is not None and value > high + slack(high))


def _number(cell: Any) -> float | None:
    if cell is None or getattr(cell, "value", None) is None or getattr(cell, "uncalculated", False):
        return None
    parsed = parse_number(cell.value, getattr(cell, "number_format", "General"))
    return parsed.value if parsed.error is None else None


def _same_unit(a: str, b: str) -> bool:
    ua, ub = lookup(a), lookup(b)
    if ua is None or ub is None:
        return fold(a) == fold(b)
    return ua.name == ub.name or (ua.dimension == ub.dimension and ua.factor == ub.factor)


def _cumulative(table: Table) -> bool:
    if table.layout == "form":
        return True
    period = table.actual.period if table.actual else None
    return True if period is None else period.cumulative


def _maturity(table: Table) -> str:
    if table.layout == "form":
        value = fold(table.form.get("maturity", ""))
        return {"chinh thuc": "official", "thuc hien": "preliminary"}.get(value, "estimate")
    return table.actual.maturity if table.actual else "estimate"
