"""Records of the extract stages. Frozen dataclasses; positions are offsets in Document.text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lsplan.model import Finding


class ExtractError(Exception):
    """A plan that cannot be read at all: carries a catalogued finding code (exit 2)."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params: dict[str, Any] = params
        super().__init__(f"{code}: {params}")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph (or table row) of the normalised text: text == Document.text[start:end]."""

    text: str
    start: int
    kind: str = "text"  # "text", "row" (a table row), "footnote"
    cells: tuple[str, ...] = ()  # a row's cells, each a substring of `text`
    label: str = ""  # the numbering label as written: "II.", "1.", "a)", "(1)"
    section: str = ""  # the section path: "II.1.a"

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True, slots=True)
class Document:
    """The normalised plan: `text` is what quotes are cut from (paragraphs joined by newlines)."""

    text: str
    paragraphs: tuple[Paragraph, ...]
    source_kind: str  # "txt", "md", "docx", "pdf"
    footnotes: tuple[str, ...] = ()  # footnote numbers seen ("1", "2")
    seams: tuple[int, ...] = ()  # offsets in `text` where a page's furniture was dropped mid-paragraph


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure in a clause: one number or a range, its unit and the words around it."""

    start: int  # offsets in the clause
    end: int
    low: float | None
    high: float | None
    unit: str
    text: str  # the figure as written ("8 - 9%", "9.937,8 tỷ đồng")
    footnote: str = ""  # a footnote marker glued to the number ("6.8772" -> "2")


@dataclass(frozen=True, slots=True)
class Period:
    year: int | None = None
    start: int | None = None
    end: int | None = None
    basis: str = ""  # "annual_average", "per_year", "by_end"

    def as_dict(self) -> dict:
        if self.start is not None and self.end is not None:
            return {"start": self.start, "end": self.end, "basis": self.basis or "by_end"}
        return {"year": self.year}


@dataclass(frozen=True, slots=True)
class Stretch:
    text: str
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True, slots=True)
class TargetProposal:
    indicator: str  # the indicator's name as written
    indicator_id: str | None  # a catalogue indicator, or None (then `new_indicator` is proposed)
    new_indicator: str | None
    comparison: str
    low: float | None
    high: float | None
    unit: str
    period: Period
    qualifier: str  # the qualifier word as written ("khoảng", "trên", "tối thiểu"), or ""
    section: str
    quote: str  # verbatim: Document.text[offset:offset + len(quote)]
    offset: int
    stretch: Stretch | None = None
    benchmark: str | None = None
    confidence: float = 0.5
    notes: tuple[str, ...] = ()
    footnote: str = ""  # the footnote marker on the figure, when there is one


@dataclass(frozen=True, slots=True)
class AgencyRef:
    name: str  # as written
    id: str | None  # registry agency or group id (the name's own record, a former one included)
    current: str | None = None  # who holds the duties now, when `id` is a former agency
    new_id: str | None = None  # proposed id when the registry does not know the name
    group: bool = False

    def as_dict(self) -> dict:
        return {"name": self.name, "id": self.id, "current": self.current, "new_id": self.new_id}


@dataclass(frozen=True, slots=True)
class TaskProposal:
    number: str
    title: str
    lead: tuple[AgencyRef, ...]
    support: tuple[AgencyRef, ...]
    timeframe: str
    section: str
    quote: str
    offset: int
    shape: str  # "labels", "agency-paragraph", "assignment", "annex-table"
    product: str = ""
    milestones: dict[str, str] = field(default_factory=dict)
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class ResponsibilityProposal:
    """ "Sở X là cơ quan đầu mối … chỉ tiêu …": an agency answerable for indicators."""

    agency: AgencyRef
    indicators: tuple[str, ...]  # catalogue indicator ids named in the duty
    role: str
    section: str
    quote: str
    offset: int


@dataclass(frozen=True, slots=True)
class PlanInfo:
    id: str
    title: str
    number: str
    kind: str
    issuer: str
    date_text: str
    horizon_start: int | None
    horizon_end: int | None
    source_file: str


@dataclass(frozen=True, slots=True)
class Extraction:
    plan: PlanInfo
    document: Document
    targets: tuple[TargetProposal, ...]
    tasks: tuple[TaskProposal, ...]
    responsibilities: tuple[ResponsibilityProposal, ...]
    anomalies: tuple[Finding, ...]
