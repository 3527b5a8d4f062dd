"""Typed records shared by every part of lsplan.

This module imports nothing of ours: it is the contract between the catalogue (plan data),
the readers (submitted spreadsheets), the store and the attainment engine. Records are frozen
dataclasses; collections are tuples so that records stay hashable and immutable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Measure(StrEnum):
    """What kind of quantity an indicator is: it decides how a quarter's figure is compared."""

    GROWTH_RATE = "growth_rate"  # % change against the same period of the previous year
    SHARE = "share"  # % of a total (structure of GRDP, forest cover, coverage rates)
    LEVEL = "level"  # a stock or level at a date (GRDP per capita, beds per 10,000 people)
    FLOW = "flow"  # cumulative over the year (tourists, revenue, retail sales, output)
    COUNT = "count"  # number of things at a date (industrial parks, communes meeting a standard)
    RATIO = "ratio"  # n of m ("13/13 sản phẩm")
    RANK = "rank"  # position in a ranking ("nhóm 10 tỉnh dẫn đầu")
    QUALITATIVE = "qualitative"  # no number to measure


class Comparison(StrEnum):
    """The comparison a target asks for."""

    AT_LEAST = "at_least"  # "trên", "ít nhất", "tối thiểu", "trở lên"
    AT_MOST = "at_most"  # "không quá", "thấp hơn"
    RANGE = "range"  # "8 - 9%"
    APPROX = "approx"  # "khoảng"
    EXACT = "exact"  # "06 khu công nghiệp"
    BAND = "band"  # a band for a structure share ("chiếm 12 - 13%")
    REDUCTION = "reduction"  # "giảm 2 - 3%/năm"
    RELATIVE = "relative"  # against a benchmark ("thấp hơn bình quân chung cả nước")
    RANK = "rank"  # "nhóm 10 tỉnh dẫn đầu"
    QUALITATIVE = "qualitative"


class Direction(StrEnum):
    HIGHER = "higher"  # more is better
    LOWER = "lower"  # less is better (CPI, poverty rate, tax arrears)
    TARGET = "target"  # neither: closeness to a band is what counts (structure shares)


class Status(StrEnum):
    """Stable status vocabulary (used in JSON output)."""

    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"
    NOT_ASSESSED = "not_assessed"
    # Final labels, once the target's period is over ("Vượt", "Đạt" is ACHIEVED, "Cơ bản đạt",
    # "Không đạt"); the in-year words (on_track, at_risk, off_track) are never used then.
    EXCEEDED = "exceeded"
    NEARLY_MET = "nearly_met"
    NOT_MET = "not_met"
    # Not a goal (an estimate, an input, a currency equivalent, a footnote component): shown,
    # never judged, never lagging, never chased as missing.
    INFO = "info"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Basis(StrEnum):
    STATED = "stated"  # the source names the agency
    INFERRED = "inferred"  # the source names none; `reason` says why we chose it


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a fact comes from: a document in data/sources, a section, a verbatim quote."""

    document: str
    section: str = ""
    quote: str = ""


@dataclass(frozen=True, slots=True)
class Plan:
    id: str
    number: str
    title: str
    issuer: str
    source_file: str
    horizon_start: int
    horizon_end: int
    date: str | None = None  # ISO date where the source gives one
    date_text: str | None = None  # as written, when only part of a date is given
    title_en: str | None = None
    kind: str = ""  # "kế hoạch", "chương trình hành động", ...
    short: str = ""  # label readers know ("CTr 52-CTr/TU"), shown in tables; "" -> the id


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    name: str  # Vietnamese, as the plans write it
    name_en: str
    unit: str
    measure: Measure
    direction: Direction = Direction.HIGHER
    aliases: tuple[str, ...] = ()
    sector: str = ""  # grouping for reports ("Kinh tế", "Xã hội", "Môi trường", ...)
    # Cumulative share of the annual flow expected by the end of Q1..Q4 (seasonal profile);
    # None means an even profile (0.25, 0.5, 0.75, 1.0).
    profile: tuple[float, float, float, float] | None = None
    # A flow known to be strongly seasonal (sowing, planting, harvests). Without a profile or
    # milestones in the data, an even profile would call it lagging every spring: its in-year
    # progress is then shown as indicative only, never counted as lagging.
    seasonal: bool = False
    # Who publishes the figure: "admin" (department reports) or "statistics" (statistics office).
    reporting: str = "admin"
    # Names that fit only under a group heading (bare sector names such as "Dịch vụ", shared by
    # the growth, share and labour indicators of a sector) and the headings that decide
    # ("Tốc độ tăng trưởng", "Cơ cấu kinh tế"): lsplan.indicator_match.
    context_headings: tuple[str, ...] = ()
    context_names: tuple[str, ...] = ()
    # How in-year progress of a flow is measured ("" = by the data: milestones, profile,
    # last year's own path, else even): "even", "back_loaded" (most of it comes late; judged
    # in-year only against last year's path or a benchmark, else indicative) or "indicative".
    yardstick: str = ""
    # For a year's flow that keeps counting after 31 December ("31/01": public investment of
    # a year's plan is disbursed until 31 January of the next year): Q4 is not its end.
    runs_to: str = ""


@dataclass(frozen=True, slots=True)
class Baseline:
    value: float
    year: int
    source: str = ""
    document: str = ""  # the source text the value is quoted from (data/sources/...)
    quote: str = ""


@dataclass(frozen=True, slots=True)
class PublishedFigure:
    """A figure published before (or outside) the submissions: a baseline or history value of
    an indicator, or a benchmark (the national average) for a period. From `baselines:` and
    `benchmarks:` in targets.yaml, each with its verbatim quote."""

    indicator: str
    year: int
    period: str  # "Q1".."Q4", cumulative; "Q4" is the year
    value: float  # in the indicator's unit
    kind: str = "baseline"  # "baseline" or "benchmark"
    name: str = ""  # what it is ("Bình quân cả nước")
    source: SourceRef | None = None


@dataclass(frozen=True, slots=True)
class Stretch:
    """A stretch goal shown apart from the target ("phấn đấu 10.287,8", "hai con số")."""

    text: str
    low: float | None = None
    high: float | None = None
    note: str = ""  # in Vietnamese
    note_en: str = ""  # the same note in English (--lang en)


@dataclass(frozen=True, slots=True)
class Revision:
    """A later document that changes a target: from `date` (ISO) on, `low`/`high` replace the
    target's own."""

    document: str
    date: str | None
    low: float | None
    high: float | None
    note: str = ""
    note_en: str = ""
    section: str = ""
    quote: str = ""


@dataclass(frozen=True, slots=True)
class Target:
    id: str
    plan: str  # Plan.id
    indicator: str  # Indicator.id
    comparison: Comparison
    # Period: a single year (year_start == year_end), or a span. `span_basis` says what a span
    # means: "annual_average" (the mean yearly rate over the span), "by_end" (level reached by
    # the end year), "per_year" (each year of the span, e.g. "giảm 2 - 3%/năm").
    year_start: int
    year_end: int
    span_basis: str = "by_end"
    low: float | None = None  # in `unit`; None for an open side
    high: float | None = None
    unit: str = ""
    statement: str = ""  # the target in plain Vietnamese, as a reader would say it
    stretch: Stretch | None = None
    benchmark: str | None = None  # for RELATIVE targets: what the figure is compared with
    tolerance: float | None = None  # for APPROX targets: relative tolerance, e.g. 0.05
    qualitative: bool = False
    source: SourceRef = field(default_factory=lambda: SourceRef(document=""))
    baseline: Baseline | None = None
    # Expected cumulative value (in `unit`) by the end of each quarter, where the data sets it.
    milestones: dict[str, float] | None = None
    revisions: tuple[Revision, ...] = ()
    # For RELATIVE targets whose benchmark is a fixed number (the central estimate, 9.100 tỷ
    # đồng), in the indicator's unit; an observation's own `benchmark` value takes precedence.
    benchmark_value: float | None = None
    # What the figure is to the plan: "goal" (judged), "stretch" (the stretch of `stretch_of`,
    # judged apart into stretch_status), "estimate" (a budget estimate), "input" (funding),
    # "equivalent" (a currency equivalent of another target), "component" (a footnote part):
    # everything but a goal is shown as information only.
    role: str = "goal"
    stretch_of: str | None = None
    # "khoảng" on a relative margin ("cao hơn khoảng 13%"): met within the approx tolerance.
    approx: bool = False
    # For a band: which way the plan wants the share to move ("up"/"down"), from the same
    # indicator's later target (`heading_from`) or set in the data; None when it does not say.
    heading: str | None = None
    heading_from: str | None = None
    # Who delivers it when that is not a public agency (a named company), as the plan says.
    owner: str = ""

    @property
    def period_label(self) -> str:
        if self.year_start == self.year_end:
            return str(self.year_end)
        return f"{self.year_start}–{self.year_end}"


@dataclass(frozen=True, slots=True)
class HistoryEvent:
    """A change in an agency's life: merged into another, renamed, dissolved."""

    event: str  # "merged", "renamed", "dissolved", "functions_transferred"
    date: str  # ISO date or year
    into: tuple[str, ...] = ()  # Agency ids that took the duties over
    note: str = ""  # in Vietnamese
    note_en: str = ""  # the same note in English (--lang en)
    source: SourceRef | None = None


@dataclass(frozen=True, slots=True)
class Agency:
    id: str
    code: str
    name: str
    kind: str  # "so", "ban", "cuc", "ubnd_huyen", "ubnd_xa", "luc_luong", "ngan_hang", "khac"
    aliases: tuple[str, ...] = ()
    name_en: str = ""
    active: bool = True
    history: tuple[HistoryEvent, ...] = ()


@dataclass(frozen=True, slots=True)
class Group:
    """A collective name used in plans ("Các sở, ban, ngành") and the agencies it covers."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    member_kinds: tuple[str, ...] = ()
    members: tuple[str, ...] = ()  # explicit Agency ids, in addition to member_kinds


@dataclass(frozen=True, slots=True)
class Task:
    id: str
    plan: str
    number: str
    title: str
    lead: tuple[str, ...]  # Agency or Group ids
    support: tuple[str, ...] = ()
    timeframe: str = ""
    basis: Basis = Basis.STATED
    reason: str = ""  # why, when basis is inferred (in Vietnamese)
    reason_en: str = ""  # the same reason in English (--lang en)
    source: SourceRef | None = None
    targets: tuple[str, ...] = ()  # Target ids this task serves


@dataclass(frozen=True, slots=True)
class Responsibility:
    """Who answers for an indicator (section V.2 of the 2025 plan, or inferred)."""

    indicator: str
    agency: str  # Agency or Group id
    role: str = "lead"  # "lead" or "support"
    plan: str | None = None  # limited to one plan's targets, or None for all
    basis: Basis = Basis.STATED
    reason: str = ""  # in Vietnamese
    reason_en: str = ""  # the same reason in English (--lang en)
    source: SourceRef | None = None


@dataclass(frozen=True, slots=True)
class AgencyResolution:
    """The outcome of resolving a name typed by a person to an agency."""

    query: str
    agency: Agency | None  # the agency that holds the duty now
    matched: Agency | None = None  # the agency whose name matched (may be a former one)
    how: str = "exact"  # "exact", "alias", "folded", "former", "fuzzy"
    candidates: tuple[Agency, ...] = ()  # when ambiguous or unknown
    note: str = ""  # e.g. "Sở Kế hoạch và Đầu tư merged into Sở Tài chính in 2025"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a data file or a submission. Errors are data, with stable codes."""

    code: str
    severity: Severity
    message: str
    sheet: str | None = None
    cell: str | None = None
    indicator: str | None = None
    file: str | None = None
    line: int | None = None  # for YAML/CSV files

    def as_dict(self) -> dict[str, str | None]:
        """The finding as JSON output shows it: code, severity, sheet, cell, indicator, message."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "sheet": self.sheet,
            "cell": self.cell,
            "indicator": self.indicator,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class Observation:
    """One figure read from a submission, in the indicator's catalogue unit."""

    indicator: str
    value: float
    unit: str
    year: int
    period: str  # "Q1".."Q4": cumulative to the end of that quarter
    agency: str | None = None
    sheet: str | None = None
    cell: str | None = None
    cumulative: bool = True  # False when the sender gave the quarter alone ("quý II")
    maturity: str = "estimate"  # "estimate" (ước), "preliminary", "official"
    raw: str | None = None  # the text as the sender wrote it
    # For RELATIVE targets ("thấp hơn bình quân chung cả nước"): the benchmark's value for the
    # same period, in the same unit, where the sender gave it. None: the target is not assessed.
    benchmark: float | None = None
    # The sender's own "So với cùng kỳ (%)" for this figure, as written (108.5 means 108.5 % of
    # the same period last year); None when the file gives none. Never computed by lsplan.
    same_period_pct: float | None = None
    # How the figure was read, for a reviewer to audit (lsplan.reading): "approximate" ("Khoảng
    # 71"), "lower_bound" ("Trên 47"), "upper_bound" ("Dưới 5"), "estimate" ("8,06 (ước)"),
    # "derived" (computed from the row's "So với cùng kỳ (%)"), or None for a plain figure.
    qualifier: str | None = None
    method: str | None = None  # how the row was matched: "exact-name", "alias", "fuzzy", "form-id", ...
    column: str | None = None  # the header of the column the figure was read from


@dataclass(frozen=True, slots=True)
class Rule:
    """A cross-row consistency rule, declared in the data (DHIS2-style validation rule)."""

    id: str
    description: str
    left: str  # arithmetic over indicator ids and numbers
    operator: str  # "==", "!=", "<", "<=", ">", ">="
    right: str
    tolerance: float = 0.0
    severity: Severity = Severity.WARNING
    missing: str = "skip"  # "skip" or "warn" when a side has no value


@dataclass(frozen=True, slots=True)
class AssessmentSettings:
    """Status thresholds, from `assessment:` in targets.yaml (defaults documented in README)."""

    on_track: float = 0.95  # actual / expected at or above this -> on_track
    at_risk: float = 0.85  # at or above this -> at_risk; below -> off_track
    approx_tolerance: float = 0.05  # "khoảng X" met within ±5 % of X
    band_tolerance: float = 0.0  # extra room around a band, in the unit
    report_deadline_day: int = 14  # admin reports close on this day of the quarter's last month


@dataclass(frozen=True, slots=True)
class Assessment:
    """How one target stands in one period: the attainment engine's output row."""

    target: str
    indicator: str
    plan: str
    year: int
    quarter: str  # "Q1".."Q4", cumulative to the end of that quarter
    status: Status
    unit: str
    expected: float | None = None  # what the target implies by this quarter, in `unit`
    actual: float | None = None
    attainment: float | None = None  # percent of expected, where that means something
    gap: float | None = None  # actual - expected, in `unit` (negative = behind for higher-is-better)
    indicative: bool = False  # an in-year value of a year-end target: shown, not counted as lagging
    stretch_status: Status | None = None  # the stretch goal judged apart
    needed_rate: float | None = None  # for multi-year averages: the yearly rate still needed
    note: str = ""  # how it was judged, in words
    observation: Observation | None = None  # where the actual came from
    # For bands (Direction.TARGET, "chiếm 12 - 13%"): `expected` is the low edge, this the high one.
    expected_high: float | None = None
    # How the status was reached, for `lsplan show --quarter` and the JSON rows:
    yardstick: str = ""  # even, profile, last_year, milestone, benchmark, back_loaded, year_end, ...
    benchmark: float | None = None  # the benchmark value used, where one was
    history: tuple[tuple[int, float], ...] = ()  # earlier year-end values used
    final: bool = False  # the target's period is over: the status is a final label
    role: str = "goal"
    missing: str = ""  # what was missing to judge it, in words
