"""Part of stage "findings": an ambiguous figure ("1.234", "2,931") settled by its own row, the
catalogue's target for the row's plan, or the file's way of writing numbers.

The row's evidence comes first (`settle_ambiguous`): the sender's ratio, else the sender's
plan (a figure between PLAUSIBLE_SHARE_OF_PLAN of the plan). A plan cell ambiguous the same way
("4,400" beside "2,931") confirms nothing unless the catalogue's target says how the plan
itself reads (`_plan_by_target`). What the row cannot settle, the file's other text numbers may
(`lsplan.reading.values.number_convention`). Confirmed: an info finding only. Only the other
reading fits: a warning that gives both. Neither or both fit: a warning with both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lsplan.findings import make_finding
from lsplan.i18n import _, resolve_lang
from lsplan.model import Severity
from lsplan.reading.values import ambiguous_alike, cell_number, read_value, same_unit
from lsplan.units import convert

if TYPE_CHECKING:
    from lsplan.model import Finding, Indicator, Target
    from lsplan.numbers import ParsedNumber
    from lsplan.reading.rows import TableRow

RATIO_TOLERANCE = 1.0  # percentage points
PLAUSIBLE_SHARE_OF_PLAN = (0.01, 3.0)  # a cumulative figure is 1 %..300 % of its annual plan
PLAN_SIZE_FACTOR = 30.0  # a plan this close to the catalogue's target is of its size


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


class AmbiguitySettler:
    """The RowChecker's ways with an ambiguous figure (it holds the findings, targets and the
    file's convention)."""

    findings: list[Finding]
    targets: list[Target]
    convention: tuple[str, str] | None

    def _plan_by_target(
        self, row: TableRow, parsed: ParsedNumber, unit: str, indicator: Indicator
    ) -> float | None:
        """The plan cell's reading when it is ambiguous the same way as the figure ("4.400"
        beside "2.350"): the one of the same size as the catalogue's target (within a factor
        PLAN_SIZE_FACTOR, the other reading not), else None: the plan then settles nothing."""
        import math

        if not ambiguous_alike(row.plan, parsed) or row.plan is None:
            return None
        plan = read_value(row.plan.value).number
        readings = [r for r in (plan.value, plan.alternative) if r]
        targets = [
            t.low if t.low is not None else t.high
            for t in self.targets
            if t.indicator == indicator.id and (t.low is not None or t.high is not None)
        ]
        fitting = []
        for reading in readings:
            in_unit = (
                reading
                if not unit or same_unit(unit, indicator.unit)
                else convert(reading, unit, indicator.unit)
            )
            if in_unit and any(
                t and t > 0 and in_unit > 0 and abs(math.log10(in_unit / t)) <= math.log10(PLAN_SIZE_FACTOR)
                for t in targets
            ):
                fitting.append(reading)
        return fitting[0] if len(fitting) == 1 else None

    def _ambiguous(
        self,
        row: TableRow,
        raw: str,
        parsed: ParsedNumber,
        kw: dict[str, Any],
        plan_read: float | None = None,
    ) -> str:
        """number-ambiguous, settled by the row's own plan and ratio where they can settle it,
        else by the file's convention; returns the verdict of `settle_ambiguous`, or
        "convention" when the file's English way of writing makes the other reading the figure."""
        from lsplan.numfmt import format_number

        value, other, note = parsed.value or 0.0, parsed.alternative, parsed.note
        lang = resolve_lang()
        plan, ratio = cell_number(row.plan), cell_number(row.ratio)
        if ambiguous_alike(row.plan, parsed):
            # "4,400" beside "2,931" is misread the same way: it confirms nothing, unless the
            # catalogue's target says how the plan itself reads.
            plan = plan_read
            if plan is None:
                ratio = None
        verdict = "unsure" if other is None else settle_ambiguous(value, other, plan, ratio)
        if verdict == "unsure" and self.convention is not None and other is not None:
            return self._by_convention(raw, value, other, note, kw)
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

    def _by_convention(self, raw: str, value: float, other: float, note: str, kw: dict[str, Any]) -> str:
        """An ambiguous figure the row cannot settle, settled by how the file writes numbers
        elsewhere: an info finding that names the cell showing it."""
        from lsplan.numfmt import format_number

        assert self.convention is not None
        marks, ref = self.convention
        chosen = other if marks == "en" else value
        way = _("the English way") if marks == "en" else _("the Vietnamese way")
        text = _("{rule}; the file writes numbers {way} (as in {cell}), so it is {chosen}").format(
            rule=_(note), way=way, cell=ref, chosen=format_number(chosen, resolve_lang(), 4)
        )
        self.findings.append(
            make_finding("number-ambiguous", raw=raw, value=chosen, note=text, severity=Severity.INFO, **kw)
        )
        return "convention" if marks == "en" else "confirmed"
