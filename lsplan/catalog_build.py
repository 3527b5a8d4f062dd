"""Plan data as typed records: YAML mappings (already schema-valid) -> model dataclasses,
then referential integrity as Findings.

Only called by `lsplan.catalog`; kept apart so that the catalogue's query code stays short.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from lsplan.model import (
    Agency,
    AssessmentSettings,
    Baseline,
    Basis,
    Comparison,
    Direction,
    Finding,
    Group,
    HistoryEvent,
    Indicator,
    Measure,
    Plan,
    Responsibility,
    Revision,
    Rule,
    Severity,
    SourceRef,
    Stretch,
    Target,
    Task,
)
from lsplan.yamlsource import YamlSource


@dataclass
class Records:
    """Everything the two files hold, by id, plus the path of each record for messages."""

    plans: dict[str, Plan] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    targets: dict[str, Target] = field(default_factory=dict)
    rules: tuple[Rule, ...] = ()
    assessment: AssessmentSettings = field(default_factory=AssessmentSettings)
    agencies: dict[str, Agency] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    tasks: dict[str, Task] = field(default_factory=dict)
    responsibilities: tuple[Responsibility, ...] = ()
    target_notes: dict[str, str] = field(default_factory=dict)  # Target has no `note` field


def _tuple(value: Any) -> tuple:
    return tuple(value or ())


def _num(value: Any) -> float | None:
    return None if value is None else float(value)


def _source(raw: dict | None) -> SourceRef | None:
    if not raw:
        return None
    return SourceRef(
        document=str(raw.get("document") or ""),
        section=str(raw.get("section") or ""),
        quote=str(raw.get("quote") or ""),
    )


def _listed(source: YamlSource, key: str) -> list[tuple[int, dict]]:
    items = (source.data or {}).get(key) or []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def _add(
    store: dict, record: Any, source: YamlSource, path: tuple, findings: list[Finding], seen: dict[str, tuple]
) -> None:
    if record.id in store:
        findings.append(
            source.finding(
                "data-duplicate-id",
                (*path, "id"),
                f"id {record.id!r} is used twice (first at {_fmt(seen[record.id])})",
            )
        )
        return
    store[record.id] = record
    seen[record.id] = path


def _fmt(path: tuple) -> str:
    from lsplan.yamlsource import format_path

    return format_path(path)


def build_targets(source: YamlSource, records: Records, findings: list[Finding]) -> None:
    """Plans, indicators, targets, rules and assessment settings from targets.yaml."""
    data = source.data or {}
    seen: dict[str, tuple] = {}
    for i, raw in _listed(source, "plans"):
        horizon = raw.get("horizon") or {}
        plan = Plan(
            id=raw["id"],
            number=str(raw.get("number") or ""),
            title=raw["title"],
            issuer=raw.get("issuer") or "",
            source_file=raw.get("source_file") or "",
            horizon_start=int(horizon.get("start") or 0),
            horizon_end=int(horizon.get("end") or 0),
            date=raw.get("date"),
            date_text=raw.get("date_text"),
            title_en=raw.get("title_en"),
            kind=raw.get("kind") or "",
        )
        _add(records.plans, plan, source, ("plans", i), findings, seen)
    seen = {}
    for i, raw in _listed(source, "indicators"):
        profile = raw.get("profile")
        indicator = Indicator(
            id=raw["id"],
            name=raw["name"],
            name_en=raw.get("name_en") or "",
            unit=raw.get("unit") or "",
            measure=Measure(raw["measure"]),
            direction=Direction(raw.get("direction") or "higher"),
            aliases=_tuple(raw.get("aliases")),
            sector=raw.get("sector") or "",
            profile=tuple(float(x) for x in profile) if profile else None,  # type: ignore[arg-type]
            reporting=raw.get("reporting") or "admin",
        )
        _add(records.indicators, indicator, source, ("indicators", i), findings, seen)
    seen = {}
    for i, raw in _listed(source, "targets"):
        target = _target(raw, records.indicators)
        _add(records.targets, target, source, ("targets", i), findings, seen)
        if raw.get("note"):
            records.target_notes.setdefault(target.id, str(raw["note"]))
    records.rules = tuple(
        Rule(
            id=raw["id"],
            description=raw.get("description") or "",
            left=str(raw["left"]),
            operator=raw["operator"],
            right=str(raw["right"]),
            tolerance=float(raw.get("tolerance") or 0),
            severity=Severity(raw.get("severity") or "warning"),
            missing=raw.get("missing") or "skip",
        )
        for _, raw in _listed(source, "rules")
    )
    settings = data.get("assessment") or {}
    defaults = AssessmentSettings()
    records.assessment = AssessmentSettings(
        **{
            name: type(getattr(defaults, name))(settings[name])
            for name in defaults.__slots__
            if name in settings and settings[name] is not None
        }
    )


def _target(raw: dict, indicators: dict[str, Indicator]) -> Target:
    period = raw.get("period") or {}
    if "year" in period:
        start = end = int(period["year"])
        basis = "by_end"
    else:
        start, end = int(period.get("start") or 0), int(period.get("end") or 0)
        basis = period.get("basis") or "by_end"
    stretch_raw = raw.get("stretch")
    stretch = None
    if isinstance(stretch_raw, dict):
        stretch = Stretch(
            text=stretch_raw.get("text") or "",
            low=_num(stretch_raw.get("low")),
            high=_num(stretch_raw.get("high")),
            note=stretch_raw.get("note") or "",
        )
    baseline_raw = raw.get("baseline")
    baseline = None
    if isinstance(baseline_raw, dict) and baseline_raw.get("value") is not None:
        baseline = Baseline(
            value=float(baseline_raw["value"]),
            year=int(baseline_raw.get("year") or 0),
            source=str(baseline_raw.get("source") or ""),
        )
    indicator = indicators.get(raw.get("indicator", ""))
    comparison = Comparison(raw["comparison"])
    return Target(
        id=raw["id"],
        plan=raw["plan"],
        indicator=raw["indicator"],
        comparison=comparison,
        year_start=start,
        year_end=end,
        span_basis=basis,
        low=_num(raw.get("low")),
        high=_num(raw.get("high")),
        unit=raw.get("unit") or (indicator.unit if indicator else ""),
        statement=raw.get("statement") or "",
        stretch=stretch,
        benchmark=raw.get("benchmark"),
        tolerance=_num(raw.get("tolerance")),
        benchmark_value=_num(raw.get("benchmark_value")),
        qualitative=bool(raw.get("qualitative")) or comparison is Comparison.QUALITATIVE,
        source=_source(raw.get("source")) or SourceRef(document=""),
        baseline=baseline,
        milestones={str(k): float(v) for k, v in raw["milestones"].items()}
        if raw.get("milestones")
        else None,
        revisions=tuple(
            Revision(
                document=r.get("document") or "",
                date=r.get("date"),
                low=_num(r.get("low")),
                high=_num(r.get("high")),
                note=r.get("note") or "",
            )
            for r in raw.get("revisions") or ()
        ),
    )


def build_assignments(source: YamlSource, records: Records, findings: list[Finding]) -> None:
    """Agencies, groups, tasks and indicator responsibilities from assignments.yaml."""
    seen: dict[str, tuple] = {}
    for i, raw in _listed(source, "agencies"):
        history = tuple(
            HistoryEvent(
                event=h["event"],
                date=str(h["date"]),
                into=_tuple(h.get("into")),
                note=h.get("note") or "",
                source=_source(h.get("source")),
            )
            for h in raw.get("history") or ()
        )
        agency = Agency(
            id=raw["id"],
            code=raw.get("code") or "",
            name=raw["name"],
            kind=raw["kind"],
            aliases=_tuple(raw.get("aliases")),
            name_en=raw.get("name_en") or "",
            active=raw.get("active", True),
            history=history,
        )
        _add(records.agencies, agency, source, ("agencies", i), findings, seen)
    for i, raw in _listed(source, "groups"):
        group = Group(
            id=raw["id"],
            name=raw["name"],
            aliases=_tuple(raw.get("aliases")),
            member_kinds=_tuple(raw.get("member_kinds")),
            members=_tuple(raw.get("members")),
        )
        if group.id in records.agencies:
            findings.append(
                source.finding(
                    "data-duplicate-id", ("groups", i, "id"), f"id {group.id!r} is both an agency and a group"
                )
            )
            continue
        _add(records.groups, group, source, ("groups", i), findings, seen)
    seen = {}
    for i, raw in _listed(source, "tasks"):
        task = Task(
            id=raw["id"],
            plan=raw["plan"],
            number=str(raw.get("number") or ""),
            title=raw["title"],
            lead=_tuple(raw.get("lead")),
            support=_tuple(raw.get("support")),
            timeframe=raw.get("timeframe") or "",
            basis=Basis(raw.get("basis") or "stated"),
            reason=raw.get("reason") or "",
            source=_source(raw.get("source")),
            targets=_tuple(raw.get("targets")),
        )
        _add(records.tasks, task, source, ("tasks", i), findings, seen)
    records.responsibilities = tuple(
        Responsibility(
            indicator=raw["indicator"],
            agency=raw["agency"],
            role=raw.get("role") or "lead",
            plan=raw.get("plan"),
            basis=Basis(raw.get("basis") or "stated"),
            reason=raw.get("reason") or "",
            source=_source(raw.get("source")),
        )
        for _, raw in _listed(source, "responsibilities")
    )


# --------------------------------------------------------------------------- integrity


def integrity(records: Records, targets_src: YamlSource | None, assign_src: YamlSource) -> list[Finding]:
    """References resolve, ranges are ordered, every basis is explained."""
    out: list[Finding] = []
    if targets_src is not None:
        out += _target_integrity(records, targets_src)
    out += _assignment_integrity(records, assign_src)
    return out


def _target_integrity(records: Records, src: YamlSource) -> list[Finding]:
    out: list[Finding] = []
    for i, raw in _listed(src, "plans"):
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
                    f"horizon start {horizon['start']} is after end {horizon['end']}",
                )
            )
    for i, raw in _listed(src, "targets"):
        path = ("targets", i)
        if raw.get("plan") not in records.plans:
            out.append(
                src.finding("data-unknown-reference", (*path, "plan"), f"unknown plan {raw.get('plan')!r}")
            )
        if raw.get("indicator") not in records.indicators:
            out.append(
                src.finding(
                    "data-unknown-reference",
                    (*path, "indicator"),
                    f"unknown indicator {raw.get('indicator')!r}",
                )
            )
        low, high = raw.get("low"), raw.get("high")
        if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low > high:
            out.append(src.finding("data-range-order", (*path, "low"), f"{low} is greater than high {high}"))
        stretch = raw.get("stretch")
        if isinstance(stretch, dict):
            s_low, s_high = stretch.get("low"), stretch.get("high")
            if isinstance(s_low, (int, float)) and isinstance(s_high, (int, float)) and s_low > s_high:
                out.append(
                    src.finding(
                        "data-range-order",
                        (*path, "stretch", "low"),
                        f"{s_low} is greater than high {s_high}",
                    )
                )
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
                    f"period start {period['start']} is after end {period['end']}",
                )
            )
    return out


def _assignment_integrity(records: Records, src: YamlSource) -> list[Finding]:
    out: list[Finding] = []
    parties = records.agencies.keys() | records.groups.keys()
    for i, raw in _listed(src, "agencies"):
        for j, event in enumerate(raw.get("history") or ()):
            for k, successor in enumerate(event.get("into") or ()):
                if successor not in records.agencies:
                    out.append(
                        src.finding(
                            "data-unknown-reference",
                            ("agencies", i, "history", j, "into", k),
                            f"unknown agency {successor!r}",
                        )
                    )
        if raw.get("active") is False and not raw.get("history"):
            out.append(
                src.finding(
                    "data-missing-reason",
                    ("agencies", i, "active"),
                    "an inactive agency needs a history saying who holds its duties now",
                )
            )
    for i, raw in _listed(src, "groups"):
        for k, member in enumerate(raw.get("members") or ()):
            if member not in records.agencies:
                out.append(
                    src.finding(
                        "data-unknown-reference", ("groups", i, "members", k), f"unknown agency {member!r}"
                    )
                )
    for i, raw in _listed(src, "tasks"):
        path = ("tasks", i)
        out += _check_plan(records, src, (*path, "plan"), raw.get("plan"))
        for role in ("lead", "support"):
            for k, party in enumerate(raw.get(role) or ()):
                if party not in parties:
                    out.append(
                        src.finding(
                            "data-unknown-reference", (*path, role, k), f"unknown agency or group {party!r}"
                        )
                    )
        for k, target in enumerate(raw.get("targets") or ()):
            if records.targets and target not in records.targets:
                out.append(
                    src.finding("data-unknown-reference", (*path, "targets", k), f"unknown target {target!r}")
                )
        out += _check_basis(src, path, raw)
    for i, raw in _listed(src, "responsibilities"):
        path = ("responsibilities", i)
        if records.indicators and raw.get("indicator") not in records.indicators:
            out.append(
                src.finding(
                    "data-unknown-reference",
                    (*path, "indicator"),
                    f"unknown indicator {raw.get('indicator')!r}",
                )
            )
        if raw.get("agency") not in parties:
            out.append(
                src.finding(
                    "data-unknown-reference",
                    (*path, "agency"),
                    f"unknown agency or group {raw.get('agency')!r}",
                )
            )
        if raw.get("plan") is not None:
            out += _check_plan(records, src, (*path, "plan"), raw.get("plan"))
        out += _check_basis(src, path, raw)
    return out


def _check_plan(records: Records, src: YamlSource, path: tuple, plan: Any) -> list[Finding]:
    if records.plans and plan not in records.plans:
        return [src.finding("data-unknown-reference", path, f"unknown plan {plan!r}")]
    return []


def _check_basis(src: YamlSource, path: tuple, raw: dict) -> list[Finding]:
    basis = raw.get("basis") or "stated"
    if basis == "inferred" and not (raw.get("reason") or "").strip():
        return [
            src.finding("data-missing-reason", (*path, "basis"), "basis is inferred but no reason is given")
        ]
    if basis == "stated" and not ((raw.get("source") or {}).get("quote") or "").strip():
        return [
            src.finding("data-missing-quote", (*path, "basis"), "basis is stated but source.quote is missing")
        ]
    return []


def unserved_targets(
    records: Records, lead_of: Iterable[tuple[str, tuple[str, ...]]], src: YamlSource | None
) -> list[Finding]:
    """Every target must end up with at least one lead agency (warning otherwise)."""
    out = []
    index = {raw.get("id"): i for i, raw in _listed(src, "targets")} if src is not None else {}
    for target_id, leads in lead_of:
        if not leads:
            path = ("targets", index[target_id], "id") if target_id in index else ("targets",)
            message = f"target {target_id!r} has no lead agency (no task or responsibility covers it)"
            if src is not None:
                out.append(src.finding("data-no-lead", path, message, severity=Severity.WARNING))
            else:
                out.append(Finding(code="data-no-lead", severity=Severity.WARNING, message=message))
    return out
