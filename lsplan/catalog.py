"""Plan data: loads data/*.yaml, validates them, resolves references and agency names.

    catalog = load_catalog()                 # or load_catalog(Path("data"))
    catalog.plans / indicators / targets / agencies / groups / tasks : dict[id, record]
    catalog.responsibilities : tuple[Responsibility, ...]
    catalog.rules : tuple[Rule, ...]
    catalog.assessment : AssessmentSettings
    catalog.resolve_agency(name) -> AgencyResolution
    catalog.match_indicator(text) -> Indicator | None
    catalog.resolve_indicator(name, context=(), unit='') -> IndicatorMatch   # how and why, or ambiguous
    catalog.expand(agency_or_group_id) -> tuple[str, ...]      # group -> member agency ids
    catalog.lead_agencies(target_id) -> tuple[str, ...]        # current (successor) agency ids
    catalog.support_agencies(target_id) -> tuple[str, ...]
    catalog.indicators_for_agency(agency_id) -> dict[str, str]  # indicator id -> "lead"/"support"
    catalog.targets_for(plan=None, agency=None, year=None) -> list[Target]
    catalog.tasks_for_agency(agency_id) -> (lead tasks, support tasks)
    catalog.target_record(target) -> dict                       # the JSON row of `lsplan targets`
    in_language(vi, en, lang=None) -> str                       # a free-text field in the reader's language

Free-text fields of the data (`note`, `reason`) are Vietnamese, with the English text beside
them (`note_en`, `reason_en`). JSON rows always carry both under those names, whatever the
language; tables pick one with `in_language`.

Every load validates both files against schemas/*.schema.json (JSON Schema 2020-12), checks
referential integrity and, when the source texts are available, that every quote is verbatim.
Problems are Findings (`data/targets.yaml:123: targets[4].low: 10 is greater than high 9`);
`load_catalog` raises CatalogError carrying them. Loaded catalogues are cached in-process
while the files are unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from lsplan.catalog_build import Records
from lsplan.i18n import resolve_lang
from lsplan.model import (
    Agency,
    AgencyResolution,
    Finding,
    Group,
    Indicator,
    Responsibility,
    Target,
    Task,
)
from lsplan.names import AgencyIndex, IndicatorIndex, IndicatorMatch


def in_language(vi: str, en: str, lang: str | None = None) -> str:
    """The Vietnamese or the English text of a free-text field, for `resolve_lang(lang)`;
    the other one when the wanted one is empty."""
    if resolve_lang(lang) == "en":
        return en or vi
    return vi or en


@dataclass
class Catalog(Records):
    """The plan data, with queries over it. Build with `load_catalog`."""

    data_dir: Path = field(default_factory=Path)
    warnings: tuple[Finding, ...] = ()

    # ------------------------------------------------------------------ names

    @cached_property
    def _agency_index(self) -> AgencyIndex:
        return AgencyIndex.memoised(self.agencies)

    @cached_property
    def _indicator_index(self) -> IndicatorIndex:
        from lsplan.indicator_match import memoised_index

        return memoised_index(self.indicators)

    def resolve_agency(self, name: str) -> AgencyResolution:
        """Exact, alias, folded, former name (-> successor, with a note), fuzzy; see lsplan.names."""
        return self._agency_index.resolve(name)

    def match_indicator(self, text: str) -> Indicator | None:
        return self._indicator_index.match(text)

    def resolve_indicator(self, name: str, context: Sequence[str] = (), unit: str = "") -> IndicatorMatch:
        """A row's name under its enclosing headings: exact, alias, context, fuzzy or none (with
        "did you mean" candidates); see lsplan.indicator_match. Learned aliases are not included:
        use `indicator_index(learned)` (lsplan.aliases.learned_index builds it from the file)."""
        return self._indicator_index.resolve(name, context, unit)

    def indicator_index(self, learned: Mapping[str, str] | None = None) -> IndicatorIndex:
        """The indicator index, with an officer's learned aliases (alias -> indicator id) when given."""
        if not learned:
            return self._indicator_index
        memo = self.__dict__.setdefault("_learned_indexes", {})
        key = tuple(sorted(learned.items()))
        if key not in memo:
            memo.clear()  # one alias file per process in practice: keep one index, not many
            # The shipped index's name forms are reused: only the learned names are new.
            memo[key] = IndicatorIndex(self.indicators, learned, self._indicator_index.forms)
        return memo[key]

    def successors(self, agency_id: str) -> tuple[str, ...]:
        return self._agency_index.successors(agency_id)

    def name_of(self, party_id: str) -> str:
        if party_id in self.agencies:
            return self.agencies[party_id].name
        if party_id in self.groups:
            return self.groups[party_id].name
        return party_id

    def plan_label(self, plan_id: str) -> str:
        """The short label readers know a plan by ("CTr 52-CTr/TU"); the id when none is set."""
        plan = self.plans.get(plan_id)
        return (plan.short if plan is not None else "") or plan_id

    # ------------------------------------------------------------------ who does what

    def expand(self, party_id: str) -> tuple[str, ...]:
        """An agency -> who holds its duties now; a group -> its current member agencies."""
        group: Group | None = self.groups.get(party_id)
        if group is None:
            return self.successors(party_id) if party_id in self.agencies else ()
        out: list[str] = []
        members = [a.id for a in self.agencies.values() if a.kind in group.member_kinds] + list(group.members)
        for member in members:
            for current in self.successors(member):
                if current not in out and self.agencies[current].active:
                    out.append(current)
        return tuple(out)

    def _parties(self, target: Target, role: str, via_groups: bool = True) -> tuple[str, ...]:
        key = (target.id, role, via_groups)
        memo = self.__dict__.setdefault("_party_memo", {})
        if key not in memo:
            memo[key] = self._compute_parties(target, role, via_groups)
        return memo[key]

    def _duties(self) -> tuple[dict[str, list[Task]], dict[str, list[Responsibility]]]:
        """Tasks by the targets they serve and responsibilities by indicator, each in data order:
        a check asks for the parties of every target (indicators_for_agency), and scanning all
        tasks and responsibilities for each was ~2 ms a start. Built once, like _party_memo,
        from data that does not change after the load."""
        found = self.__dict__.get("_duty_index")
        if found is None:
            by_target: dict[str, list[Task]] = {}
            for task in self.tasks.values():
                for target_id in dict.fromkeys(task.targets):  # a task counts once per target
                    by_target.setdefault(target_id, []).append(task)
            by_indicator: dict[str, list[Responsibility]] = {}
            for resp in self.responsibilities:
                by_indicator.setdefault(resp.indicator, []).append(resp)
            found = self.__dict__["_duty_index"] = (by_target, by_indicator)
        return found

    def _compute_parties(self, target: Target, role: str, via_groups: bool) -> tuple[str, ...]:
        out: list[str] = []
        tasks_of, responsibilities_of = self._duties()
        for task in tasks_of.get(target.id, ()):
            for party in task.lead if role == "lead" else task.support:
                if via_groups or party not in self.groups:
                    out.extend(self.expand(party))
        for resp in responsibilities_of.get(target.indicator, ()):
            if resp.role == role and resp.plan in (None, target.plan):
                if via_groups or resp.agency not in self.groups:
                    out.extend(self.expand(resp.agency))
        return tuple(dict.fromkeys(out))

    def lead_agencies(self, target_id: str) -> tuple[str, ...]:
        """Current agency ids leading a target: tasks serving it plus indicator responsibilities."""
        target = self.targets.get(target_id)
        return self._parties(target, "lead") if target else ()

    def support_agencies(self, target_id: str, via_groups: bool = True) -> tuple[str, ...]:
        """Current supporting agency ids (not also leads); groups such as "Các sở, ban, ngành" expanded."""
        target = self.targets.get(target_id)
        if target is None:
            return ()
        leads = set(self._parties(target, "lead"))
        return tuple(a for a in self._parties(target, "support", via_groups) if a not in leads)

    def indicators_for_agency(self, agency_id: str) -> dict[str, str]:
        """Indicator id -> "lead" or "support" for one agency (support only where named, not via a group)."""
        current = set(self.successors(agency_id))
        out: dict[str, str] = {}
        for target in self.targets.values():
            if current & set(self.lead_agencies(target.id)):
                out[target.indicator] = "lead"
            elif current & set(self.support_agencies(target.id, via_groups=False)):
                out.setdefault(target.indicator, "support")
        return out

    def tasks_for_agency(self, agency_id: str) -> tuple[list[Task], list[Task]]:
        """(tasks led, tasks supported) by an agency, directly, as successor, or through a group."""
        current = set(self.successors(agency_id))
        led, supported = [], []
        for task in self.tasks.values():
            if any(current & set(self.expand(p)) for p in task.lead):
                led.append(task)
            elif any(current & set(self.expand(p)) for p in task.support):
                supported.append(task)
        return led, supported

    def targets_for(
        self, plan: str | None = None, agency: str | None = None, year: int | None = None
    ) -> list[Target]:
        """Targets of a plan / led or supported by an agency (id or name) / covering a year."""
        agency_ids: set[str] | None = None
        if agency is not None:
            if agency in self.agencies:
                agency_ids = set(self.successors(agency))
            else:
                resolution = self.resolve_agency(agency)
                agency_ids = {resolution.agency.id} if resolution.agency else set()
        out = []
        for target in self.targets.values():
            if plan is not None and target.plan != plan:
                continue
            if year is not None and not target.year_start <= year <= target.year_end:
                continue
            if agency_ids is not None and not agency_ids & (
                set(self.lead_agencies(target.id)) | set(self.support_agencies(target.id, via_groups=False))
            ):
                continue
            out.append(target)
        return out

    # ------------------------------------------------------------------ JSON rows

    def target_record(self, target: Target) -> dict:
        """Everything about a target as plain JSON-able data (the `lsplan targets` row)."""
        indicator = self.indicators.get(target.indicator)
        plan = self.plans.get(target.plan)
        low, high = target.low, target.high
        if high is None and low is not None and target.comparison.value in ("exact", "approx"):
            high = low  # a single value: equal sides
        stretch = None
        if target.stretch is not None:
            stretch = {
                "text": target.stretch.text,
                "low": target.stretch.low,
                "high": target.stretch.high,
                "note": target.stretch.note,
                "note_en": target.stretch.note_en,
            }
        return {
            "id": target.id,
            "plan": target.plan,
            "plan_title": plan.title if plan else "",
            "indicator": target.indicator,
            "indicator_name": indicator.name if indicator else "",
            "unit": target.unit,
            "kind": indicator.measure.value if indicator else "",
            "comparison": target.comparison.value,
            "direction": indicator.direction.value if indicator else "",
            "low": low,
            "high": high,
            "stretch": stretch,
            "period": target.period_label,
            "year_start": target.year_start,
            "year_end": target.year_end,
            "span_basis": target.span_basis,
            "statement": target.statement,
            "qualitative": target.qualitative,
            "benchmark": target.benchmark,
            "benchmark_value": target.benchmark_value,
            "note": self.target_notes.get(target.id, ""),
            "note_en": self.target_notes_en.get(target.id, ""),
            "lead": [self.name_of(a) for a in self.lead_agencies(target.id)],
            "support": [self.name_of(a) for a in self.support_agencies(target.id)],
            "lead_ids": list(self.lead_agencies(target.id)),
            "source": {
                "document": target.source.document,
                "section": target.source.section,
                "quote": target.source.quote,
            },
            "baseline": None
            if target.baseline is None
            else {
                "value": target.baseline.value,
                "year": target.baseline.year,
                "source": target.baseline.source,
            },
            "milestones": target.milestones,
            "tasks": [t.id for t in self.tasks.values() if target.id in t.targets],
        }

    def show_record(self, target: Target) -> dict:
        """`target_record` plus the indicator, the responsibilities and tasks behind the lead list."""
        record = self.target_record(target)
        indicator = self.indicators.get(target.indicator)
        if indicator is not None:
            record["indicator_detail"] = {
                "id": indicator.id,
                "name": indicator.name,
                "name_en": indicator.name_en,
                "unit": indicator.unit,
                "measure": indicator.measure.value,
                "direction": indicator.direction.value,
                "sector": indicator.sector,
                "aliases": list(indicator.aliases),
                "reporting": indicator.reporting,
            }
        record["responsibilities"] = [
            {
                "agency": self.name_of(r.agency),
                "agency_id": r.agency,
                "role": r.role,
                "basis": r.basis.value,
                "reason": r.reason,
                "reason_en": r.reason_en,
                "quote": r.source.quote if r.source else "",
                "section": r.source.section if r.source else "",
            }
            for r in self.responsibilities
            if r.indicator == target.indicator and r.plan in (None, target.plan)
        ]
        record["task_details"] = [
            {
                "id": t.id,
                "number": t.number,
                "title": t.title,
                "lead": [self.name_of(p) for p in t.lead],
                "basis": t.basis.value,
                "reason": t.reason,
                "reason_en": t.reason_en,
                "quote": t.source.quote if t.source else "",
            }
            for t in self.tasks.values()
            if target.id in t.targets
        ]
        return record

    def plan_records(self) -> list[dict]:
        return [
            {
                "id": p.id,
                "number": p.number,
                "kind": p.kind,
                "title": p.title,
                "title_en": p.title_en,
                "issuer": p.issuer,
                "date": p.date,
                "date_text": p.date_text,
                "horizon": f"{p.horizon_start}–{p.horizon_end}"
                if p.horizon_start != p.horizon_end
                else str(p.horizon_end),
                "horizon_start": p.horizon_start,
                "horizon_end": p.horizon_end,
                "source_file": p.source_file,
                "targets": sum(1 for t in self.targets.values() if t.plan == p.id),
                "tasks": sum(1 for t in self.tasks.values() if t.plan == p.id),
            }
            for p in self.plans.values()
        ]

    def close_target_ids(self, text: str, n: int = 5) -> list[str]:
        """Target ids that look like `text` (for "did you mean")."""
        import difflib

        ids = list(self.targets)
        close = difflib.get_close_matches(text.strip().lower(), ids, n=n, cutoff=0.6)
        if not close:
            needle = text.strip().lower().split(".")[-1]
            close = [i for i in ids if needle and needle in i][:n]
        return close

    def agency_record(self, agency: Agency) -> dict:
        return {
            "id": agency.id,
            "code": agency.code,
            "name": agency.name,
            "name_en": agency.name_en,
            "kind": agency.kind,
            "active": agency.active,
            "successors": list(self.successors(agency.id)),
        }


# Loading lives in lsplan.catalog_load; imported last because it builds Catalog objects.
from lsplan.catalog_load import (  # noqa: E402
    FILES,
    CatalogError,
    clear_cache,
    default_data_dir,
    default_schema_dir,
    default_sources_dir,
    load_catalog,
    validate,
)

__all__ = [
    "FILES",
    "Catalog",
    "CatalogError",
    "clear_cache",
    "default_data_dir",
    "default_schema_dir",
    "default_sources_dir",
    "load_catalog",
    "validate",
]
