"""Referential integrity of the plan data: references resolve, ranges are ordered, every
assignment's basis is explained, every target has a lead, every number of a target is in its
quote. Findings carry file:line and path."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from lsplan.catalog_build import Records, listed
from lsplan.i18n import _
from lsplan.model import Finding, Severity
from lsplan.text import lazy_pattern
from lsplan.yamlsource import YamlSource


def integrity(records: Records, targets_src: YamlSource | None, assign_src: YamlSource) -> list[Finding]:
    """References resolve, ranges are ordered, every basis is explained."""
    out: list[Finding] = []
    if targets_src is not None:
        out += _target_integrity(records, targets_src)
    out += _assignment_integrity(records, assign_src)
    return out


def _target_integrity(records: Records, src: YamlSource) -> list[Finding]:
    out: list[Finding] = []
    for i, raw in listed(src, "plans"):
        horizon = raw.get("horizon") or {}
        if (
            isinstance(horizon.get("start"), int)
            and isinstance(horizon.get("end"), int)
            and horizon["start"] > horizon["end"]
        ):
            out.append(
                src.finding(
                    "data-range-order",
                    ("plans", i, "horizon", "start"),
                    _("horizon start {start} is after end {end}").format(
                        start=horizon["start"], end=horizon["end"]
                    ),
                )
            )
    for i, raw in listed(src, "targets"):
        path = ("targets", i)
        if raw.get("plan") not in records.plans:
            out.append(
                src.finding(
                    "data-unknown-reference",
                    (*path, "plan"),
                    _("unknown plan {plan}").format(plan=repr(raw.get("plan"))),
                )
            )
        if raw.get("indicator") not in records.indicators:
            out.append(
                src.finding(
                    "data-unknown-reference",
                    (*path, "indicator"),
                    _("unknown indicator {indicator}").format(indicator=repr(raw.get("indicator"))),
                )
            )
        low, high = raw.get("low"), raw.get("high")
        if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low > high:
            out.append(
                src.finding(
                    "data-range-order",
                    (*path, "low"),
                    _("{low} is greater than high {high}").format(low=low, high=high),
                )
            )
        stretch = raw.get("stretch")
        if isinstance(stretch, dict):
            s_low, s_high = stretch.get("low"), stretch.get("high")
            if isinstance(s_low, (int, float)) and isinstance(s_high, (int, float)) and s_low > s_high:
                out.append(
                    src.finding(
                        "data-range-order",
                        (*path, "stretch", "low"),
                        _("{low} is greater than high {high}").format(low=s_low, high=s_high),
                    )
                )
        out += _numbers_in_quote(src, path, raw)
        period = raw.get("period") or {}
        if (
            isinstance(period.get("start"), int)
            and isinstance(period.get("end"), int)
            and period["start"] > period["end"]
        ):
            out.append(
                src.finding(
                    "data-range-order",
                    (*path, "period", "start"),
                    _("period start {start} is after end {end}").format(
                        start=period["start"], end=period["end"]
                    ),
                )
            )
    return out


# Numbers as the plan texts write them: "9.937,8" (9937.8), "1.500" (1500), "8,5" (8.5), "13".
# Compiled on first use: a catalogue memo marked clean skips the quote check that uses it.
_vn_number = lazy_pattern(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")


def quoted_numbers(text: str) -> set[float]:
    """Every number in `text`, read the Vietnamese way ("." groups thousands, "," marks decimals)."""
    return {float(token.replace(".", "").replace(",", ".")) for token in _vn_number().findall(text)}


def _numbers_in_quote(src: YamlSource, path: tuple, raw: dict) -> list[Finding]:
    """low, high, stretch.low/high and benchmark_value must each be a number of the text they come
    from: the target's quote, or the note beside them that says how the quote was read ("hai con
    số" read as 10 %). A figure typed wrong (9.937,8 as 9,937.8 or 99378) is refused here."""
    source = raw.get("source") if isinstance(raw.get("source"), dict) else {}
    quote = source.get("quote") if isinstance(source.get("quote"), str) else ""
    if not quote.strip():
        return []  # a missing quote is data-missing-quote's (or the schema's) finding
    note = raw.get("note") if isinstance(raw.get("note"), str) else ""
    stretch = raw.get("stretch") if isinstance(raw.get("stretch"), dict) else {}
    stretch_texts = [stretch.get(k) for k in ("text", "note")]
    checks: list[tuple[tuple, object, list]] = [
        ((*path, "low"), raw.get("low"), [quote, note]),
        ((*path, "high"), raw.get("high"), [quote, note]),
        ((*path, "stretch", "low"), stretch.get("low"), [quote, *stretch_texts]),
        ((*path, "stretch", "high"), stretch.get("high"), [quote, *stretch_texts]),
        ((*path, "benchmark_value"), raw.get("benchmark_value"), [raw.get("benchmark"), quote]),
    ]
    out: list[Finding] = []
    for where, number, texts in checks:
        if not isinstance(number, (int, float)) or isinstance(number, bool) or not math.isfinite(number):
            continue  # not a number (the schema's) or not finite (data-not-finite)
        have: set[float] = set()
        for text in texts:
            if isinstance(text, str):
                have |= quoted_numbers(text)
        if not any(math.isclose(abs(number), h, rel_tol=1e-9, abs_tol=1e-9) for h in have):
            out.append(
                src.finding(
                    "data-number-not-in-quote",
                    where,
                    _("target {target}: {number} is not among the numbers of its quote {quote}").format(
                        target=raw.get("id"), number=f"{number:g}", quote=repr(quote[:100])
                    ),
                )
            )
    return out


def _assignment_integrity(records: Records, src: YamlSource) -> list[Finding]:
    out: list[Finding] = []
    parties = records.agencies.keys() | records.groups.keys()
    for i, raw in listed(src, "agencies"):
        for j, event in enumerate(raw.get("history") or ()):
            for k, successor in enumerate(event.get("into") or ()):
                if successor not in records.agencies:
                    out.append(
                        src.finding(
                            "data-unknown-reference",
                            ("agencies", i, "history", j, "into", k),
                            _("unknown agency {agency}").format(agency=repr(successor)),
                        )
                    )
        if raw.get("active") is False and not raw.get("history"):
            out.append(
                src.finding(
                    "data-missing-reason",
                    ("agencies", i, "active"),
                    _("an inactive agency needs a history saying who holds its duties now"),
                )
            )
    for i, raw in listed(src, "groups"):
        for k, member in enumerate(raw.get("members") or ()):
            if member not in records.agencies:
                out.append(
                    src.finding(
                        "data-unknown-reference",
                        ("groups", i, "members", k),
                        _("unknown agency {agency}").format(agency=repr(member)),
                    )
                )
    for i, raw in listed(src, "tasks"):
        path = ("tasks", i)
        out += _check_plan(records, src, (*path, "plan"), raw.get("plan"))
        for role in ("lead", "support"):
            for k, party in enumerate(raw.get(role) or ()):
                if party not in parties:
                    out.append(
                        src.finding(
                            "data-unknown-reference",
                            (*path, role, k),
                            _("unknown agency or group {agency}").format(agency=repr(party)),
                        )
                    )
        for k, target in enumerate(raw.get("targets") or ()):
            if records.targets and target not in records.targets:
                out.append(
                    src.finding(
                        "data-unknown-reference",
                        (*path, "targets", k),
                        _("unknown target {target}").format(target=repr(target)),
                    )
                )
        out += _check_basis(src, path, raw)
    for i, raw in listed(src, "responsibilities"):
        path = ("responsibilities", i)
        if records.indicators and raw.get("indicator") not in records.indicators:
            out.append(
                src.finding(
                    "data-unknown-reference",
                    (*path, "indicator"),
                    _("unknown indicator {indicator}").format(indicator=repr(raw.get("indicator"))),
                )
            )
        if raw.get("agency") not in parties:
            out.append(
                src.finding(
                    "data-unknown-reference",
                    (*path, "agency"),
                    _("unknown agency or group {agency}").format(agency=repr(raw.get("agency"))),
                )
            )
        if raw.get("plan") is not None:
            out += _check_plan(records, src, (*path, "plan"), raw.get("plan"))
        out += _check_basis(src, path, raw)
    return out


def _check_plan(records: Records, src: YamlSource, path: tuple, plan: Any) -> list[Finding]:
    if records.plans and plan not in records.plans:
        return [src.finding("data-unknown-reference", path, _("unknown plan {plan}").format(plan=repr(plan)))]
    return []


def _check_basis(src: YamlSource, path: tuple, raw: dict) -> list[Finding]:
    basis = raw.get("basis") or "stated"
    if basis == "inferred" and not (raw.get("reason") or "").strip():
        return [
            src.finding(
                "data-missing-reason", (*path, "basis"), _("basis is inferred but no reason is given")
            )
        ]
    if basis == "stated" and not ((raw.get("source") or {}).get("quote") or "").strip():
        return [
            src.finding(
                "data-missing-quote", (*path, "basis"), _("basis is stated but source.quote is missing")
            )
        ]
    return []


def unserved_targets(
    records: Records, lead_of: Iterable[tuple[str, tuple[str, ...]]], src: YamlSource | None
) -> list[Finding]:
    """Every target must end up with at least one lead agency (warning otherwise)."""
    out = []
    index = {raw.get("id"): i for i, raw in listed(src, "targets")} if src is not None else {}
    for target_id, leads in lead_of:
        if not leads:
            path = ("targets", index[target_id], "id") if target_id in index else ("targets",)
            message = _("target {target} has no lead agency (no task or responsibility covers it)").format(
                target=repr(target_id)
            )
            if src is not None:
                out.append(src.finding("data-no-lead", path, message, severity=Severity.WARNING))
            else:
                out.append(Finding(code="data-no-lead", severity=Severity.WARNING, message=message))
    return out
