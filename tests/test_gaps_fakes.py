"""A small catalogue and attainment stand-in for the gaps/agency tests (no test lives here).

The real catalogue (lsplan.catalog) and engine (lsplan.attainment) are tested by their owners;
these fakes have the same interface so gaps/agency logic is tested on its own, with values we
control (including hostile text for the formula-injection tests).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lsplan.model import (
    Agency,
    AgencyResolution,
    Assessment,
    AssessmentSettings,
    Comparison,
    Group,
    Indicator,
    Measure,
    Plan,
    Status,
    Target,
    Task,
)
from lsplan.text import fold

AGENCIES = {
    "so-cong-thuong": Agency("so-cong-thuong", "SCT", "Sở Công Thương", "so", aliases=("SCT",)),
    "so-vhttdl": Agency("so-vhttdl", "SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "so"),
    "so-tai-chinh": Agency("so-tai-chinh", "STC", "Sở Tài chính", "so"),
    "so-khdt": Agency("so-khdt", "SKHDT", "Sở Kế hoạch và Đầu tư", "so", active=False),
    "thong-ke": Agency("thong-ke", "TK", "Thống kê tỉnh Lạng Sơn", "cuc"),
    "so-noi-vu": Agency("so-noi-vu", "SNV", "Sở Nội vụ", "so"),
}
INDICATORS = {
    "tourists": Indicator("tourists", "Khách du lịch", "Tourists", "triệu lượt", Measure.FLOW),
    "retail": Indicator("retail", "Tổng mức bán lẻ hàng hóa", "Retail sales", "tỷ đồng", Measure.FLOW),
    "grdp-growth": Indicator(
        "grdp-growth", "Tăng trưởng GRDP", "GRDP growth", "%", Measure.GROWTH_RATE, reporting="statistics"
    ),
    "budget": Indicator("budget", '=HYPERLINK("http://x")', "Budget", "tỷ đồng", Measure.FLOW),
    "culture": Indicator("culture", "Đời sống văn hóa", "Culture", "", Measure.QUALITATIVE),
}


def _target(id_, indicator, low, plan="kb-2025", comparison=Comparison.AT_LEAST, **kw):
    return Target(
        id_,
        plan,
        indicator,
        comparison,
        2025,
        2025,
        low=low,
        unit=INDICATORS[indicator].unit,
        statement=kw.pop("statement", f"{indicator} ≥ {low}"),
        **kw,
    )


TARGETS = {
    t.id: t
    for t in (
        _target("kb-2025.tourists", "tourists", 8.0),
        _target("kb-2025.retail", "retail", 40000.0),
        _target("kb-2025.grdp-growth", "grdp-growth", 8.0),
        _target("kb-2025.budget", "budget", 10000.0, statement="-2+3 @sum"),
        _target("kb-2025.culture", "culture", None, comparison=Comparison.QUALITATIVE, qualitative=True),
        _target("ctr-98.retail", "retail", 50000.0, plan="ctr-98"),
    )
}
LEADS = {
    "tourists": ["so-vhttdl"],
    "retail": ["so-cong-thuong"],
    "grdp-growth": ["so-tai-chinh"],
    "budget": ["so-tai-chinh"],
    "culture": ["so-vhttdl"],
}
GROUPS = {"cac-so": Group("cac-so", "Các sở, ban, ngành", member_kinds=("so",))}
TASKS = {
    "kb-2025.iv-3": Task(
        "kb-2025.iv-3",
        "kb-2025",
        "IV.3",
        "Phát triển công nghiệp",
        ("so-cong-thuong",),
        ("cac-so",),
        targets=("kb-2025.retail",),
    ),
    "kb-2025.iv-5": Task(
        "kb-2025.iv-5",
        "kb-2025",
        "IV.5",
        "Phát triển du lịch",
        ("so-vhttdl",),
        ("so-cong-thuong",),
        targets=("kb-2025.tourists",),
    ),
    "kb-2025.iv-9": Task(
        "kb-2025.iv-9", "kb-2025", "IV.9", "Cải cách hành chính", ("so-noi-vu",), ("cac-so",)
    ),
}


PLANS = {
    "kb-2025": Plan(
        "kb-2025", "", "Kịch bản tăng trưởng 2025", "UBND", "", 2025, 2025, short="KH tăng trưởng 2025"
    ),
    "ctr-98": Plan("ctr-98", "", "Kế hoạch thực hiện CTr 98", "UBND", "", 2021, 2045),
}


@dataclass
class FakeCatalog:
    agencies: dict = field(default_factory=lambda: dict(AGENCIES))
    indicators: dict = field(default_factory=lambda: dict(INDICATORS))
    targets: dict = field(default_factory=lambda: dict(TARGETS))
    groups: dict = field(default_factory=lambda: dict(GROUPS))
    tasks: dict = field(default_factory=lambda: dict(TASKS))
    plans: dict = field(default_factory=lambda: dict(PLANS))
    assessment: AssessmentSettings = field(default_factory=AssessmentSettings)

    def plan_label(self, plan_id):
        plan = self.plans.get(plan_id)
        return (plan.short if plan is not None else "") or plan_id

    def resolve_agency(self, name):
        key = fold(name)
        for agency in self.agencies.values():
            if key in (fold(agency.name), fold(agency.code), *map(fold, agency.aliases)):
                if not agency.active:
                    return AgencyResolution(
                        name,
                        self.agencies["so-tai-chinh"],
                        agency,
                        "former",
                        note=f"{agency.name} merged into Sở Tài chính",
                    )
                return AgencyResolution(name, agency, agency, "exact" if name == agency.name else "folded")
        candidates = tuple(a for a in self.agencies.values() if key and key.split()[0] in fold(a.name))
        return AgencyResolution(name, None, None, "fuzzy", candidates=candidates[:5])

    def successors(self, agency_id):
        return ("so-tai-chinh",) if agency_id == "so-khdt" else (agency_id,)

    def name_of(self, party):
        return (self.agencies.get(party) or self.groups.get(party)).name

    def expand(self, party):
        if party in self.groups:
            return tuple(a.id for a in self.agencies.values() if a.kind == "so" and a.active)
        return self.successors(party)

    def lead_agencies(self, target_id):
        return tuple(LEADS.get(self.targets[target_id].indicator, ()))

    def support_agencies(self, target_id):
        return ()

    def indicators_for_agency(self, agency_id):
        return {i: "lead" for i, leads in LEADS.items() if agency_id in leads}

    def tasks_for_agency(self, agency_id):
        led = [t for t in self.tasks.values() if any(agency_id in self.expand(p) for p in t.lead)]
        supported = [
            t
            for t in self.tasks.values()
            if t not in led and any(agency_id in self.expand(p) for p in t.support)
        ]
        return led, supported

    def targets_for(self, plan=None, agency=None, year=None):
        return [
            t
            for t in self.targets.values()
            if (plan is None or t.plan == plan)
            and (year is None or t.year_start <= year <= t.year_end)
            and (agency is None or agency in self.lead_agencies(t.id))
        ]

    def match_indicator(self, text):
        return next((i for i in self.indicators.values() if fold(i.name) == fold(text)), None)


def fake_assess(targets, indicators, observations, *, year, quarter, settings, histories=None):
    share = {"Q1": 0.25, "Q2": 0.5, "Q3": 0.75, "Q4": 1.0}[quarter]
    out = []
    for target in targets:
        indicator = indicators[target.indicator]
        obs = observations.get(target.indicator)
        base = {
            "target": target.id,
            "indicator": target.indicator,
            "plan": target.plan,
            "year": year,
            "quarter": quarter,
            "unit": target.unit,
        }
        if target.qualitative:
            out.append(Assessment(status=Status.NOT_ASSESSED, **base))
            continue
        expected = target.low * (share if indicator.measure == Measure.FLOW else 1.0)
        if obs is None:
            out.append(Assessment(status=Status.NO_DATA, expected=expected, **base))
            continue
        ratio = obs.value / expected
        status = (
            Status.ON_TRACK
            if ratio >= settings.on_track
            else Status.AT_RISK
            if ratio >= settings.at_risk
            else Status.OFF_TRACK
        )
        out.append(
            Assessment(
                status=status,
                expected=expected,
                actual=obs.value,
                attainment=ratio * 100,
                gap=obs.value - expected,
                observation=obs,
                **base,
            )
        )
    return out
