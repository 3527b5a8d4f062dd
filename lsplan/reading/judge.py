"""Stage "findings": each row's figure judged, as an observation or a finding on its cell.

A heading row ("I. CÔNG NGHIỆP", "Cơ cấu kinh tế", "Trong đó:") is left alone; a row with a
value that matches nothing is a warning (real reports carry extra rows). Values are read by
`lsplan.reading.values`, converted to the catalogue's unit by `lsplan.units`, and compared with
the catalogue's target and the sender's own ratio.

Sender's ratio tolerance: their "So với kế hoạch (%)" may differ from value ÷ plan by up to
RATIO_TOLERANCE percentage points (rounding of the value, the plan and the ratio itself).

An ambiguous figure ("1.234": 1234 by the rule of `lsplan.numbers`, or 1.234) is settled as
`lsplan.reading.ambiguity` says: by the same row, the catalogue's target, or the file's way of
writing numbers.

Findings name an indicator by its name in the language of the process (`indicator_name`); the
`indicator` field of a finding and of an observation keeps the id.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from lsplan.findings import make_finding
from lsplan.i18n import _, resolve_lang
from lsplan.model import Finding, Indicator, Measure, Observation
from lsplan.readers.base import cell_ref
from lsplan.reading.ambiguity import (
    RATIO_TOLERANCE,
    AmbiguitySettler,
)
from lsplan.reading.indicators import IndicatorMatch, index_of, match_indicator
from lsplan.reading.rows import TableRow, clean_name, has_value
from lsplan.reading.values import (
    DERIVED,
    ESTIMATE,
    ValueReading,
    cell_number,
    is_scale_word,
    read_value,
    same_unit,
    scaled_unit,
    unit_in_name,
)
from lsplan.text import fold
from lsplan.units import convert

if TYPE_CHECKING:
    from lsplan.catalog import Catalog
    from lsplan.check_meta import Metadata
    from lsplan.reading.tables import Table

PLAN_TOLERANCE = 0.005  # relative: a plan within 0.5 % of the catalogue's is the same plan
UNIT_SLIP_FACTOR = 1000.0  # a figure this many times its own row's plan (or a 1/1000) is a unit slip


def indicator_name(indicator: Indicator, lang: str | None = None) -> str:
    """The indicator as an officer names it: the catalogue's Vietnamese name, or its English
    name in English (the Vietnamese one when the catalogue has none)."""
    if (lang or resolve_lang()) == "en" and indicator.name_en:
        return indicator.name_en
    return indicator.name


class RowChecker(AmbiguitySettler):
    """Accumulates observations and findings over the tables of one file."""

    def __init__(
        self,
        catalog: Catalog,
        meta: Metadata,
        convention: tuple[str, str] | None = None,
        index: Any = None,
    ) -> None:
        self.catalog = catalog
        # The file's own way of writing numbers ("en"/"vi", and the cell that shows it), or None.
        self.convention = convention
        self.marks = convention[0] if convention else None
        self.index = index if index is not None else index_of(catalog)  # with learned aliases
        self.meta = meta
        self.findings: list[Finding] = []
        self.observations: list[Observation] = []
        self.seen: dict[str, tuple[str, str, float]] = {}  # indicator -> (cell, sheet, value)
        self.told_stated: set[int] = set()  # tables whose stated unit was applied (and said so)
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
        if table.actual.kind != "actual" or table.other_actuals:
            others = ", ".join(f"'{c.header}'" for c in table.other_actuals)
            self.add(
                "value-column-read",
                table,
                cell_ref(table.header_row, table.actual.col),
                column=table.actual.header,
                others=_(" (not: {columns})").format(columns=others) if others else "",
            )
        for row in table.rows:
            if not row.noise:
                self.read_row(table, row)
        self._noise(table)

    def _noise(self, table: Table) -> None:
        """One info finding for the rows that are not data but hold something in the value
        column (a signature's name, a column number), so that no such cell goes unsaid."""
        skipped = [row for row in table.rows if row.noise and has_value(row.actual)]
        if not skipped:
            return
        kinds = {
            "signature": _("signature block"),
            "column-numbers": _("column numbers"),
            "header": _("header row"),
        }
        parts = []
        for kind, words in kinds.items():
            numbers = [row.row for row in skipped if row.noise == kind]
            if numbers:
                parts.append(f"{words} ({_('row(s) {rows}').format(rows=_row_span(numbers))})")
        first = skipped[0]
        ref = first.actual.ref if first.actual is not None else None
        self.add("rows-not-data", table, ref, count=len(skipped), what="; ".join(parts))

    def _match(self, table: Table, row: TableRow) -> IndicatorMatch:
        if table.layout == "form" and row.indicator_id:
            indicator = self.catalog.indicators.get(row.indicator_id)
            if indicator is None:
                col = table.columns.get("id")
                ref = cell_ref(row.row, col) if col else None
                self.add("indicator-unknown", table, ref, indicator=row.indicator_id)
            return IndicatorMatch(indicator, "form-id" if indicator else "none")
        return match_indicator(self.index, row.label or clean_name(row.name), row.context, row.unit or "")

    def read_row(self, table: Table, row: TableRow) -> None:
        cell = row.actual
        value_given = has_value(cell)
        if row.heading:
            return  # "I. CÔNG NGHIỆP" is a heading even though "Công nghiệp" is also an indicator's alias
        match = self._match(table, row)
        indicator = match.indicator
        column = table.actual.header if table.actual else ""
        if indicator is not None and indicator.measure is Measure.SHARE and has_value(row.share):
            # "Giá trị | Cơ cấu (%)": a structure share is read from the share column.
            cell, value_given = row.share, True
            column = table.share.header if table.share else column
        if indicator is None:
            if value_given and row.name and not row.indicator_id:
                ref = row.name_cell.ref if row.name_cell else None
                if match.ambiguous:  # a bare sector name with no heading that decides: never a guess
                    names = ", ".join(indicator_name(i) for i in match.ambiguous)
                    self.add("indicator-ambiguous", table, ref, name=clean_name(row.name)[:80], names=names)
                else:
                    name = clean_name(row.name)[:80]
                    self.add("indicator-unmatched", table, ref, name=name, hint=match.hint)
            elif value_given and not row.indicator_id and cell is not None:
                self.add("value-unnamed", table, cell.ref, raw=str(cell.value)[:60])
            return
        if cell is None or not value_given:
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
        raw = str(cell.value)
        reading = read_value(cell.value, cell.number_format, n_of_m=indicator.measure is Measure.RATIO)
        parsed = reading.number
        if parsed.error:  # not-a-number, value-not-finite or value-too-long
            self.findings.append(make_finding(parsed.error, raw=raw[:60], **kw))
            return
        if parsed.value is None:
            self.findings.append(make_finding("value-empty", column=column, **kw))
            return
        number: float = parsed.value
        # The row's own unit, else one in its name's or its column's bracket ("Giá trị (tỷ đồng)"),
        # else the one stated above the table.
        row_unit = (
            row.unit or unit_in_name(row.name) or unit_in_name(column) or self._stated(table, indicator)
        )
        unit = self._cell_unit(reading, row_unit, indicator) or row_unit or ("%" if parsed.percent else "")
        verdict = None
        if parsed.ambiguous:
            verdict = self._ambiguous(
                row, raw, parsed, kw, self._plan_by_target(row, parsed, unit, indicator)
            )
            if verdict == "convention" and parsed.alternative is not None:
                number = parsed.alternative
        qualifier = reading.qualifier
        if _other_kind(unit, indicator):
            # Export turnover in triệu USD where the target is its growth: a level beside a rate.
            derived = self._derived(table, row, raw, number, unit, indicator, kw)
            if derived is None:
                return
            value, raw, qualifier = derived, str(row.yoy.value if row.yoy else raw), DERIVED
            kw = {**kw, "cell": row.yoy.ref if row.yoy else cell.ref}
        else:
            converted = self._to_catalog_unit(number, unit, indicator, kw)
            if converted is None:
                return
            if not math.isfinite(converted):  # 1e300 tỷ đồng written in đồng
                self.findings.append(make_finding("value-not-finite", raw=raw[:60], **kw))
                return
            value = converted
        if self._repeated(table, indicator, value, kw):
            return
        if self._impossible(value, indicator, kw):
            return
        if match.method == "fuzzy":  # the closest name, not the name: read, and said on the row
            ref = row.name_cell.ref if row.name_cell else kw["cell"]
            self.add(
                "indicator-fuzzy",
                table,
                ref,
                name=clean_name(row.name)[:80],
                indicator=indicator.id,
                indicator_name=indicator_name(indicator),
                score=f"{match.score:.0f}",
            )
        if reading.qualifier:
            self._qualified(raw, value, indicator, reading, kw)
        if self.responsible is not None and indicator.id not in self.responsible and self.meta.agency:
            self.findings.append(make_finding("agency-not-responsible", agency=self.meta.agency.name, **kw))
        if table.layout != "form" and qualifier != DERIVED:
            # When the ratio points to the other reading of "1.234", the ambiguity warning has
            # said so already: a second warning about the same cell's ratio would only repeat it.
            self._compare_plan(row, number, unit, indicator, kw, ratio=verdict != "other")
        self.observations.append(
            Observation(
                indicator=indicator.id,
                value=value,
                unit=indicator.unit,
                year=self.meta.year or 0,
                period=self.meta.quarter or "",
                agency=self.meta.agency.id if self.meta.agency else None,
                sheet=table.sheet,
                cell=kw["cell"],
                cumulative=_cumulative(table),
                maturity="estimate" if qualifier == ESTIMATE else _maturity(table),
                raw=raw,
                same_period_pct=cell_number(row.yoy),
                qualifier=qualifier,
                method=match.method,
                column=column or None,
            )
        )

    def _derived(
        self,
        table: Table,
        row: TableRow,
        raw: str,
        value: float,
        unit: str,
        indicator: Indicator,
        kw: dict[str, Any],
    ) -> float | None:
        """The growth rate from the row's "So với cùng kỳ (%)" (108,5 % of last year is 8,5 %
        growth) when the row gives a level and the indicator is its growth; else a warning
        that the row holds another kind of figure, and None."""
        yoy = cell_number(row.yoy)
        if indicator.measure is Measure.GROWTH_RATE and yoy is not None and 30 <= yoy <= 300:
            growth = round(yoy - 100, 10)
            self.findings.append(
                make_finding(
                    "value-derived",
                    **{**kw, "cell": row.yoy.ref if row.yoy else kw["cell"]},
                    yoy=yoy,
                    value=growth,
                    level=value,
                    unit=unit,
                )
            )
            return growth
        self.findings.append(
            make_finding("value-other-kind", raw=raw[:60], unit=unit, catalog_unit=indicator.unit, **kw)
        )
        return None

    def _repeated(self, table: Table, indicator: Indicator, value: float, kw: dict[str, Any]) -> bool:
        """True when the indicator was read already: a repeated identical figure, or one in
        another sheet (a helper sheet), is a warning; two different figures in one sheet are an
        error. The first figure is kept."""
        first = self.seen.get(indicator.id)
        if first is None:
            self.seen[indicator.id] = (kw["cell"], table.sheet, value)
            return False
        ref, sheet, kept = first
        same = abs(kept - value) <= max(abs(kept), abs(value), 1e-9) * 1e-9
        where = ref if sheet == table.sheet else f"{sheet}!{ref}"
        if same:
            self.findings.append(make_finding("indicator-repeated", first=where, **kw))
        elif sheet != table.sheet:
            self.findings.append(make_finding("indicator-elsewhere", first=where, kept=kept, **kw))
        else:
            self.findings.append(make_finding("indicator-duplicate", first=where, **kw))
        return True

    def _stated(self, table: Table, indicator: Indicator) -> str:
        """The unit stated above the table, for a row of its kind ("Đơn vị tính: tỷ đồng" says
        nothing about a growth rate in %, whose row often gives no unit of its own); the first
        row it applies to brings an info finding that says so."""
        from lsplan.units import same_dimension

        if table.stated_unit is None:
            return ""
        unit, ref = table.stated_unit
        if not same_dimension(unit, indicator.unit):
            return ""
        if id(table) not in self.told_stated:
            self.told_stated.add(id(table))
            self.add("unit-stated-above", table, ref, unit=unit)
        return unit

    @staticmethod
    def _cell_unit(reading: ValueReading, row_unit: str, indicator: Indicator) -> str:
        """The unit written in the value cell: "1,92 triệu" beside "lượt" is in triệu lượt."""
        if not reading.unit:
            return ""
        if is_scale_word(reading.unit):
            return scaled_unit(reading.unit, row_unit or indicator.unit) or reading.unit
        return reading.unit

    def _qualified(
        self, raw: str, value: float, indicator: Indicator, reading: ValueReading, kw: dict[str, Any]
    ) -> None:
        kinds = {
            "approximate": _("an approximate figure"),
            "lower_bound": _("a lower bound (the true figure is higher)"),
            "upper_bound": _("an upper bound (the true figure is lower)"),
            "estimate": _("an estimate"),
        }
        self.findings.append(
            make_finding(
                "value-qualified",
                raw=raw[:60],
                value=value,
                unit=indicator.unit,
                kind=kinds.get(reading.qualifier or "", reading.qualifier or ""),
                **kw,
            )
        )

    def _to_catalog_unit(
        self, value: float, unit: str, indicator: Indicator, kw: dict[str, Any]
    ) -> float | None:
        if not unit or same_unit(unit, indicator.unit):
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
        row: TableRow,
        value: float,
        unit: str,
        indicator: Indicator,
        kw: dict[str, Any],
        *,
        ratio: bool = True,
    ) -> None:
        """sender-ratio-mismatch (unless `ratio` is False) and plan-differs for one row."""
        plan = cell_number(row.plan, self.marks)
        if plan is None:
            return
        if (
            indicator.measure in (Measure.FLOW, Measure.COUNT, Measure.LEVEL)
            and plan > 0
            and value > 0
            and not 1 / UNIT_SLIP_FACTOR <= value / plan <= UNIT_SLIP_FACTOR
        ):
            # 21.583.500.000 beside a plan of 43.167: typed in đồng in a tỷ đồng row.
            self.findings.append(
                make_finding("unit-slip-likely", value=value, plan=plan, factor=_power(value / plan), **kw)
            )
        ratio_given = cell_number(row.ratio, self.marks) if ratio else None
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
            plan if not unit or same_unit(unit, indicator.unit) else convert(plan, unit, indicator.unit)
        )
        targets = [
            t
            for t in self.targets
            if t.indicator == indicator.id
            and t.year_start == t.year_end
            and (t.low is not None or t.high is not None)
            and not t.qualitative
            and same_unit(t.unit or indicator.unit, indicator.unit)  # not "13 % above the estimate"
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


def _row_span(numbers: list[int]) -> str:
    """[30, 31, 32, 40] -> "30–32, 40"."""
    spans: list[list[int]] = []
    for number in numbers:
        if spans and number == spans[-1][-1] + 1:
            spans[-1].append(number)
        else:
            spans.append([number])
    return ", ".join(f"{s[0]}–{s[-1]}" if len(s) > 1 else str(s[0]) for s in spans)


def _power(ratio: float) -> str:
    """10^k nearest to a ratio, as words a reader checks units by: "1.000", "1/1.000.000"."""
    import math

    exponent = round(math.log10(ratio))
    size = f"{10 ** abs(exponent):,}".replace(",", ".")
    return size if exponent >= 0 else f"1/{size}"


def _other_kind(unit: str, indicator: Indicator) -> bool:
    """True when the row's unit is known and of another kind than the indicator's: a level
    in tỷ đồng or triệu USD beside a target in %."""
    from lsplan.units import lookup

    ours, theirs = lookup(unit), lookup(indicator.unit)
    return ours is not None and theirs is not None and ours.dimension != theirs.dimension


def _plan_label(catalog: Any, target: Any) -> str:
    """The plan a target comes from as readers know it ("CTr 52-CTr/TU"), else the target's id."""
    plan = getattr(catalog, "plans", {}).get(getattr(target, "plan", None))
    return (plan.short or plan.number or plan.id) if plan is not None else target.id


def _within(value: float, low: float | None, high: float | None) -> bool:
    def slack(bound: float) -> float:
        return max(abs(bound) * PLAN_TOLERANCE, 1e-9)

    if low is not None and value < low - slack(low):
        return False
    return not (high is not None and value > high + slack(high))


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
