"""Plan data as typed records: YAML mappings (already schema-valid) -> model dataclasses,
then referential integrity as Findings.

Only called by `lsplan.catalog`; kept apart so that the catalogue's query code stays short.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lsplan.i18n import _
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
    PublishedFigure,
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
    target_notes_en: dict[str, str] = field(default_factory=dict)  # the same notes in English
    # `baselines:` and `benchmarks:` of targets.yaml: figures published outside the submissions.
    figures: tuple[PublishedFigure, ...] = ()


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


def listed(source: YamlSource, key: str) -> list[tuple[int, dict]]:
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
                _("id {id} is used twice (first at {first})").format(
                    id=repr(record.id), first=_fmt(seen[record.id])
                ),
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
    for i, raw in listed(source, "plans"):
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
            short=raw.get("short") or "",
        )
        _add(records.plans, plan, source, ("plans", i), findings, seen)
    seen = {}
    for i, raw in listed(source, "indicators"):
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
            seasonal=bool(raw.get("seasonal", False)),
            context_headings=_tuple((raw.get("in_context") or {}).get("headings")),
            context_names=_tuple((raw.get("in_context") or {}).get("names")),
            yardstick=raw.get("yardstick") or "",
            runs_to=str(raw.get("runs_to") or ""),
        )
        _add(records.indicators, indicator, source, ("indicators", i), findings, seen)
    seen = {}
    for i, raw in listed(source, "targets"):
        target = _target(raw, records.indicators)
        _add(records.targets, target, source, ("targets", i), findings, seen)
        if raw.get("note"):
            records.target_notes.setdefault(target.id, str(raw["note"]))
        if raw.get("note_en"):
            records.target_notes_en.setdefault(target.id, str(raw["note_en"]))
    records.targets = with_headings(records.targets)
    records.figures = tuple(
        _figure(raw, kind) for key, kind in (("baselines", "baseline"), ("benchmarks", "benchmark"))
        for _, raw in listed(source, key)
    )
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
        for _, raw in listed(source, "rules")
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
            note_en=stretch_raw.get("note_en") or "",
        )
    baseline_raw = raw.get("baseline")
    baseline = None
    if isinstance(baseline_raw, dict) and baseline_raw.get("value") is not None:
        baseline = Baseline(
            value=float(baseline_raw["value"]),
            year=int(baseline_raw.get("year") or 0),
            source=str(baseline_raw.get("source") or ""),
            document=str(baseline_raw.get("document") or ""),
            quote=str(baseline_raw.get("quote") or ""),
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
                note_en=r.get("note_en") or "",
                section=r.get("section") or "",
                quote=r.get("quote") or "",
            )
            for r in raw.get("revisions") or ()
        ),
        role=raw.get("role") or "goal",
        stretch_of=raw.get("stretch_of"),
        approx=bool(raw.get("approx", False)),
        heading=raw.get("heading"),
        owner=raw.get("owner") or "",
    )


def _figure(raw: dict, kind: str) -> PublishedFigure:
    return PublishedFigure(
        indicator=str(raw.get("indicator") or ""),
        year=int(raw.get("year") or 0),
        period=str(raw.get("period") or "Q4").upper(),
        value=float(raw.get("value") or 0),
        kind=kind,
        name=str(raw.get("name") or ""),
        source=_source(raw.get("source")),
    )


def with_headings(targets: dict[str, Target]) -> dict[str, Target]:
    """Each band target learns which way the plan wants its share to move: towards the same
    indicator's next band target due later (the 2030 structure for the 2025 one). A heading set
    in the data is kept; equal bands give none."""
    from dataclasses import replace

    bands = [t for t in targets.values() if t.comparison is Comparison.BAND and t.low is not None
             and t.high is not None]
    out = dict(targets)
    for target in bands:
        if target.heading:
            continue
        later = [t for t in bands if t.indicator == target.indicator and t.year_end > target.year_end]
        if not later:
            continue
        nearest = min(later, key=lambda t: (t.year_end, t.id))
        here = (target.low + target.high) / 2  # type: ignore[operator]
        there = (nearest.low + nearest.high) / 2  # type: ignore[operator]
        if abs(there - here) > 1e-9:
            heading = "up" if there > here else "down"
            out[target.id] = replace(target, heading=heading, heading_from=nearest.id)
    return out


def build_assignments(source: YamlSource, records: Records, findings: list[Finding]) -> None:
    """Agencies, groups, tasks and indicator responsibilities from assignments.yaml."""
    seen: dict[str, tuple] = {}
    for i, raw in listed(source, "agencies"):
        history = tuple(
            HistoryEvent(
                event=h["event"],
                date=str(h["date"]),
                into=_tuple(h.get("into")),
                note=h.get("note") or "",
                note_en=h.get("note_en") or "",
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
    for i, raw in listed(source, "groups"):
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
                    "data-duplicate-id",
                    ("groups", i, "id"),
                    _("id {id} is both an agency and a group").format(id=repr(group.id)),
                )
            )
            continue
        _add(records.groups, group, source, ("groups", i), findings, seen)
    seen = {}
    for i, raw in listed(source, "tasks"):
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
            reason_en=raw.get("reason_en") or "",
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
            reason_en=raw.get("reason_en") or "",
            source=_source(raw.get("source")),
        )
        for _, raw in listed(source, "responsibilities")
    )
