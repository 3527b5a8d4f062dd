"""Stage "indicators": which catalogue indicator a row names, and how that was decided.

`match_indicator` is the one place where a row's name is matched: every reading goes through
it, so that a new way of matching (context, learned aliases) is a change here only. The
`method` it returns is shown for each observation (`check --format json`), so that a reviewer
can audit how every figure was attributed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from lsplan.text import fold, lazy_pattern

if TYPE_CHECKING:
    from lsplan.model import Indicator


# Compiled on first use: only an index without resolve (test catalogues) tries names without it.
_trailing_parens = lazy_pattern(r"\s*\([^()]*\)\s*$")


class NameIndex(Protocol):
    """What matching needs of an index: `lsplan.names.IndicatorIndex` has it."""

    def match(self, text: str) -> Indicator | None: ...


@dataclass(frozen=True, slots=True)
class IndicatorMatch:
    """The outcome of matching one row name: the indicator (None: no match) and how it was found.

    `ambiguous`: the indicators a name fits when its headings do not decide (never a guess);
    `candidates`: the nearest ones for "did you mean"; `hint`: that as text for the finding."""

    indicator: Indicator | None
    # "exact-name", "alias", "learned-alias", "context", "fuzzy", "form-id", "none"
    method: str = "none"
    candidates: tuple[Indicator, ...] = ()
    ambiguous: tuple[Indicator, ...] = ()
    score: float = 100.0
    hint: str = ""


class _CatalogIndex:
    """An index over a catalogue-like object that only offers `match_indicator(text)`."""

    def __init__(self, catalog: Any) -> None:
        self.catalog = catalog

    def match(self, text: str) -> Indicator | None:
        return self.catalog.match_indicator(text)


def index_of(catalog: Any) -> NameIndex:
    """The catalogue's indicator index (`Catalog._indicator_index`), or an adapter over its
    `match_indicator` (test catalogues)."""
    index = getattr(catalog, "_indicator_index", None)
    return index if index is not None and hasattr(index, "match") else _CatalogIndex(catalog)


def _method(indicator: Indicator, text: str) -> str:
    key = fold(text)
    if key in (fold(indicator.name), fold(indicator.id), fold(indicator.name_en or "")):
        return "exact-name"
    if any(fold(alias) == key for alias in indicator.aliases):
        return "alias"
    return "fuzzy"


def _resolved(index: Any, name: str, context: tuple[str, ...], unit: str) -> IndicatorMatch:
    """`lsplan.indicator_match.IndicatorIndex.resolve`: headings, learned aliases, did-you-mean."""
    found = index.resolve(name, context, unit)
    by_id = index.indicators
    return IndicatorMatch(
        found.indicator,
        found.method,
        candidates=tuple(by_id[i] for i, _score in found.candidates if i in by_id),
        ambiguous=tuple(by_id[i] for i in found.ambiguous if i in by_id),
        score=found.score,
        hint=index.hint(found),
    )


def match_indicator(
    index: NameIndex, name: str, context: tuple[str, ...] = (), unit: str = ""
) -> IndicatorMatch:
    """The indicator a row named `name` (bullets and numbering already removed) stands for.

    `context` holds the group rows above it, outermost first: under "Tốc độ tăng trưởng (%)" a
    bare "Dịch vụ" is the services growth rate, under "Cơ cấu kinh tế (%)" its share, and with no
    deciding heading it is ambiguous. An index without `resolve` (test catalogues) matches by
    name alone; there a name ending in a bracket ("Tổng mức bán lẻ (tỷ đồng)") is tried without it.
    """
    if not name:
        return IndicatorMatch(None)
    if hasattr(index, "resolve") and hasattr(index, "indicators"):
        return _resolved(index, name, context, unit)
    for text in (name, _trailing_parens().sub("", name)):
        if not text:
            continue
        indicator = index.match(text)
        if indicator is not None:
            return IndicatorMatch(indicator, _method(indicator, text))
        if not _trailing_parens().search(name):
            break
    return IndicatorMatch(None)
