"""Names typed by people, resolved to agencies and indicators of the catalogue.

Agency resolution goes from strict to loose and stops at the first step that decides:
exact canonical name -> exact alias or code -> folded key (no case, diacritics, "đ", NFD,
punctuation; also with spaces removed, so "Sở KH&ĐT", "so khdt", "SKHĐT" meet) -> the same
keys without a leading "Sở"/"Cục"/"Ban" -> fuzzy (difflib on folded keys, cutoff 0.75) ->
unknown with candidates. A name that belongs to a former agency resolves to whoever holds its
duties now, and the resolution says so in `note`.

Indicators are matched by `IndicatorIndex` (lsplan.indicator_match, re-exported here): exact
name, alias, learned alias, the enclosing headings for bare sector names, then a conservative
fuzzy step whose result the caller always flags.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from lsplan.indicator_match import IndicatorIndex, IndicatorMatch
from lsplan.model import Agency, AgencyResolution
from lsplan.text import compact, fold, nfc

AGENCY_FUZZY_CUTOFF = 0.75

__all__ = ["AgencyIndex", "IndicatorIndex", "IndicatorMatch"]

_PREFIXES = ("so ", "cuc ", "ban ", "bo ")
# Words too common in agency names to identify one on their own.
_GENERIC_WORDS = frozenset(
    {"so", "cuc", "ban", "bo", "tinh", "ubnd", "cac", "va", "chi", "huy", "lang", "son"}
)
_EVENT_VI = {
    "merged": "đã hợp nhất vào",
    "renamed": "đã đổi tên thành",
    "dissolved": "đã kết thúc hoạt động; nhiệm vụ chuyển cho",
    "functions_transferred": "đã chuyển chức năng cho",
}


class AgencyIndex:
    """Lookup tables over the agency registry, built once per catalogue."""

    def __init__(self, agencies: Mapping[str, Agency]) -> None:
        self.agencies = agencies
        self._exact: dict[str, set[str]] = {}
        self._alias: dict[str, set[str]] = {}
        self._folded: dict[str, set[str]] = {}
        self._short: dict[str, set[str]] = {}
        for agency in agencies.values():
            self._exact.setdefault(nfc(agency.name), set()).add(agency.id)
            names = [agency.name, *agency.aliases, *([agency.code] if agency.code else [])]
            for alias in [*agency.aliases, agency.code]:
                if alias:
                    self._alias.setdefault(nfc(alias), set()).add(agency.id)
            for name in names:
                for key in {fold(name), compact(name)}:
                    if key:
                        self._folded.setdefault(key, set()).add(agency.id)
                folded = fold(name)
                for prefix in _PREFIXES:
                    if folded.startswith(prefix) and len(folded) > len(prefix) + 2:
                        self._short.setdefault(folded[len(prefix) :], set()).add(agency.id)
        self._fuzzy_keys = sorted(self._folded)

    # The lookup tables __init__ builds, plain data for the on-disk memo (`memoised`).
    _TABLES = ("_exact", "_alias", "_folded", "_short", "_fuzzy_keys")

    @classmethod
    def memoised(cls, agencies: Mapping[str, Agency]) -> AgencyIndex:
        """The index, its tables read back from the on-disk memo (lsplan.datacache, kind
        "agencies") when this code, lsplan.text and the agencies' names, aliases and codes (all
        __init__ reads of them) are unchanged: folding every name cold was ~1.2 ms a start."""
        from pathlib import Path

        from lsplan import datacache

        here = Path(__file__).resolve().parent
        names = [(a.id, a.name, tuple(a.aliases), a.code) for a in agencies.values()]
        try:
            code = [(here / name).read_bytes() for name in ("names.py", "text.py")]
        except OSError:
            return cls(agencies)
        key = datacache.digest(*code, repr(names).encode("utf-8", "surrogatepass"))
        tables = datacache.get(key, kind="agencies")
        if isinstance(tables, dict) and set(tables) == set(cls._TABLES):
            index = cls.__new__(cls)
            index.agencies = agencies
            for name in cls._TABLES:
                setattr(index, name, tables[name])
            return index
        index = cls(agencies)
        datacache.put(key, {name: getattr(index, name) for name in cls._TABLES}, kind="agencies")
        return index

    def successors(self, agency_id: str, _seen: frozenset[str] = frozenset()) -> tuple[str, ...]:
        """Who holds this agency's duties now: itself when active, else its history's successors."""
        agency = self.agencies.get(agency_id)
        if agency is None or agency.active or agency_id in _seen:
            return (agency_id,)
        out: list[str] = []
        events = sorted(agency.history, key=lambda e: e.event != "merged")  # the main successor first
        for event in events:
            for successor in event.into:
                for current in self.successors(successor, _seen | {agency_id}):
                    if current not in out:
                        out.append(current)
        return tuple(out) or (agency_id,)

    def former_note(self, agency: Agency) -> str:
        """'Sở Kế hoạch và Đầu tư đã hợp nhất vào Sở Tài chính (2025)' and the like."""
        parts = []
        for event in agency.history:
            names = [self.agencies[i].name for i in event.into if i in self.agencies]
            verb = _EVENT_VI.get(event.event, event.event)
            parts.append(f"{agency.name} {verb} {', '.join(names)} ({event.date[:4]})".strip())
        return "; ".join(parts)

    def resolve(self, query: str) -> AgencyResolution:
        text = nfc(query)
        if not text:
            return AgencyResolution(query=query, agency=None, how="unknown")
        for how, table, key in (
            ("exact", self._exact, text),
            ("alias", self._alias, text),
            ("folded", self._folded, fold(text)),
            ("folded", self._folded, compact(text)),
            ("folded", self._short, fold(text)),
        ):
            ids = table.get(key)
            if ids:
                return self._decide(query, ids, how)
        hits = self._word_hits(set(fold(text).split()))
        if hits:
            resolution = self._decide(query, hits, "fuzzy")
            if resolution.agency is not None and resolution.matched is not None:
                guess = f"không khớp chính xác; có phải {resolution.matched.name}?"
                note = f"{guess} {resolution.note}".strip() if resolution.how == "former" else guess
                return replace(resolution, how="fuzzy", note=note, candidates=(resolution.matched,))
            return resolution
        return self._fuzzy(query, fold(text))

    def _word_hits(self, words: set[str]) -> set[str]:
        """Agencies whose name holds every word typed ("Công an" -> Công an tỉnh), or whose
        name or alias of two words or more is wholly inside what was typed ("UBND huyện Cao Lộc")."""
        if not words - _GENERIC_WORDS:
            return set()
        hits = set()
        for agency in self.agencies.values():
            for name in (agency.name, *agency.aliases):
                name_words = set(fold(name).split())
                if words <= name_words or (len(name_words) >= 2 and name_words <= words):
                    hits.add(agency.id)
        return hits

    def _decide(self, query: str, ids: Iterable[str], how: str) -> AgencyResolution:
        matches = sorted({*ids}, key=lambda i: (not self.agencies[i].active, i))
        current = {s for i in matches for s in self.successors(i)}
        if len(current) > 1 and len(matches) > 1:
            return AgencyResolution(
                query=query, agency=None, how="ambiguous", candidates=tuple(self.agencies[i] for i in matches)
            )
        matched = self.agencies[matches[0]]
        if matched.active:
            return AgencyResolution(query=query, agency=matched, matched=matched, how=how)
        successor = self.agencies[self.successors(matched.id)[0]]
        return AgencyResolution(
            query=query, agency=successor, matched=matched, how="former", note=self.former_note(matched)
        )

    def _fuzzy(self, query: str, key: str) -> AgencyResolution:
        # difflib (~1.5 ms to import) only for a name that no exact, folded or word step knew.
        import difflib

        close = difflib.get_close_matches(key, self._fuzzy_keys, n=8, cutoff=AGENCY_FUZZY_CUTOFF)
        if not close:  # nothing close enough to decide: offer what is nearest, decide nothing
            near = difflib.get_close_matches(key, self._fuzzy_keys, n=6, cutoff=0.5)
            nearest = list(dict.fromkeys(i for name in near for i in sorted(self._folded[name])))
            return AgencyResolution(
                query=query,
                agency=None,
                how="unknown",
                candidates=tuple(self.agencies[i] for i in nearest[:3]),
            )
        ids: list[str] = []
        for name in close:
            for agency_id in sorted(self._folded[name]):
                if agency_id not in ids:
                    ids.append(agency_id)
        candidates = tuple(self.agencies[i] for i in ids[:5])
        if not candidates:
            return AgencyResolution(query=query, agency=None, how="unknown")
        best = candidates[0]
        if len(candidates) > 1:
            ratio = [difflib.SequenceMatcher(None, key, k).ratio() for k in close]
            if (
                len(ratio) > 1
                and ratio[0] - ratio[1] < 0.05
                and self._folded[close[1]] != self._folded[close[0]]
            ):
                return AgencyResolution(query=query, agency=None, how="ambiguous", candidates=candidates)
        agency = best if best.active else self.agencies[self.successors(best.id)[0]]
        note = f"không khớp chính xác; có phải {best.name}?"
        if not best.active:
            note += " " + self.former_note(best)
        return AgencyResolution(
            query=query, agency=agency, matched=best, how="fuzzy", candidates=candidates, note=note
        )
