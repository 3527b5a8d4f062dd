"""A report row's name, and the headings above it, resolved to one catalogue indicator or to none.

`IndicatorIndex.resolve(name, context)` goes from strict to loose and stops at the first step
that decides; its `IndicatorMatch.method` says which one did, so that the caller warns where it
must and `check --format json` shows how every row was read:

1. "exact-name": the folded name, id or English name of an indicator (lsplan.text.fold: case,
   diacritics, đ, spacing and punctuation do not matter).
2. "alias": one of the catalogue's aliases (data/targets.yaml), or the name in its loose form
   (lsplan.name_forms: units, periods, "so với kế hoạch", "ước thực hiện" and the filler words
   taken off, abbreviations such as NSNN, TMBL, VĐTPT spelled out) equal to a name or an alias.
3. "learned-alias": a name an officer taught lsplan with `lsplan alias add` (lsplan.aliases).
4. "context": a bare name that fits several indicators ("Dịch vụ", "Nông, lâm nghiệp và thủy
   sản": growth, share of GRDP and share of workers) decided by the enclosing heading rows,
   innermost first ("Tốc độ tăng trưởng (%)" -> growth; "Cơ cấu kinh tế (%)" -> share), or by
   a group prefix in the name itself ("Cơ cấu kinh tế: Dịch vụ", "Tăng trưởng - Dịch vụ").
   When no heading decides, the match is `ambiguous` with every indicator it fits: never a guess.
5. "fuzzy": the same words in another order, or a near spelling (rapidfuzz ratio of the loose
   forms at least FUZZY_CUTOFF and FUZZY_MARGIN ahead of any other indicator). The caller warns:
   a fuzzy match never stands as exact.
6. "none": with `candidates`, the nearest indicators for "did you mean".

Results are memoised per distinct (name, context, unit): a 5,000-row sheet repeats its names and
its headings. Fuzzy matching runs in rapidfuzz (C++), a few microseconds per catalogue name.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from heapq import nsmallest
from typing import Any

from lsplan.model import Indicator
from lsplan.name_forms import LooseName, clean, contains_phrase, loose_form
from lsplan.text import fold

FUZZY_CUTOFF = 88.0  # rapidfuzz ratio (0-100) of the loose forms
FUZZY_MARGIN = 5.0  # ahead of the best other indicator by at least this much
SUGGEST_CUTOFF = 55.0  # "did you mean" lists candidates at least this close
SUGGEST_COUNT = 3
METHODS = ("exact-name", "alias", "learned-alias", "context", "fuzzy", "none")
_SEPARATORS = (":", " - ", " – ", " — ", "-", "–")


@dataclass(frozen=True, slots=True)
class IndicatorMatch:
    """How one name was resolved. `indicator` is None for "none" and for an ambiguous name;
    `ambiguous` holds the ids it fits when the context did not decide; `candidates` the nearest
    (indicator id, score 0-100) for "did you mean"."""

    name: str
    indicator: Indicator | None
    method: str
    candidates: tuple[tuple[str, float], ...] = ()
    ambiguous: tuple[str, ...] = ()
    score: float = 100.0

    @property
    def matched(self) -> bool:
        return self.indicator is not None

    def as_dict(self) -> dict:
        """How the row was matched, for `check --format json` (ids only; names are the caller's)."""
        return {
            "method": self.method,
            "indicator": self.indicator.id if self.indicator is not None else None,
            "score": self.score,
            "ambiguous": list(self.ambiguous),
            "candidates": [{"indicator": i, "score": s} for i, s in self.candidates],
        }


@dataclass(frozen=True, slots=True)
class _Entry:
    indicator: str
    method: str
    unit: str  # the bracketed unit the catalogue name lost in its loose form ("usd")


class IndicatorIndex:
    """Names, aliases, learned aliases and context names of the catalogue's indicators."""

    def __init__(
        self,
        indicators: Mapping[str, Indicator],
        learned: Mapping[str, str] | None = None,
        forms: Mapping[str, tuple[str, str, str]] | None = None,
    ) -> None:
        self.indicators = indicators
        self.learned = dict(learned or {})
        # name -> (fold, loose key, loose unit) of every catalogue name, heading and context
        # name: given from the on-disk memo (`memoised_index`), computed for any name it lacks.
        self.forms: dict[str, tuple[str, str, str]] = dict(forms or {})
        self._exact: dict[str, dict[str, set[str]]] = {"exact-name": {}, "alias": {}, "learned-alias": {}}
        self._loose: dict[str, list[_Entry]] = {}
        self._tokens: dict[str, set[str]] = {}
        self._context: dict[str, set[str]] = {}  # folded/loose context name -> indicator ids
        self._headings: dict[str, tuple[str, ...]] = {}
        for indicator in indicators.values():
            names = [indicator.id, indicator.name, indicator.name_en]
            self._add(names, indicator.id, "exact-name")
            self._add(indicator.aliases, indicator.id, "alias")
            headings = (self._forms(h)[0] for h in indicator.context_headings)
            self._headings[indicator.id] = tuple(h for h in headings if h)
            for name in indicator.context_names:
                folded, loose_key, _unit = self._forms(name)
                for key in {folded, loose_key}:
                    if key:
                        self._context.setdefault(key, set()).add(indicator.id)
        for alias, indicator_id in self.learned.items():
            if indicator_id in indicators:
                self._add([alias], indicator_id, "learned-alias")
        self._all_headings = sorted({h for hs in self._headings.values() for h in hs}, key=len, reverse=True)
        self._choices = sorted(self._loose, key=lambda k: (len(k), k))  # by length: see _fuzzy
        self._lengths = [len(k) for k in self._choices]
        self._choice_ids = [self._loose_ids(k) for k in self._choices]
        # word -> the loose names holding it, for words that tell names apart (in few of them)
        counts: dict[str, list[int]] = {}
        for position, choice in enumerate(self._choices):
            for word in set(choice.split()):
                counts.setdefault(word, []).append(position)
        common = max(8, len(self._choices) // 12)
        self._word_index = {w: tuple(p) for w, p in counts.items() if len(p) <= common and len(w) > 1}
        self._choice_sizes = [len(set(choice.split())) for choice in self._choices]
        self._memo: dict[tuple[str, tuple[str, ...], str], IndicatorMatch] = {}
        self._shared_memo: dict[tuple[tuple[str, ...], int], dict[str, float]] = {}
        self._folded_lines: dict[str, str] = {}  # context lines repeat over a sheet's rows

    def _forms(self, name: str) -> tuple[str, str, str]:
        found = self.forms.get(name)
        if found is None:
            loose = loose_form(name)
            found = self.forms[name] = (fold(name), loose.key, loose.unit)
        return found

    def _add(self, names: Sequence[str], indicator_id: str, method: str) -> None:
        for name in names:
            key, loose_key, loose_unit = self._forms(name)
            if not key:
                continue
            self._exact[method].setdefault(key, set()).add(indicator_id)
            if loose_key:
                self._loose.setdefault(loose_key, []).append(_Entry(indicator_id, method, loose_unit))
                tokens = LooseName(loose_key).tokens
                self._tokens.setdefault(tokens, set()).add(indicator_id)

    def _loose_ids(self, key: str) -> frozenset[str]:
        return frozenset(e.indicator for e in self._loose[key])

    # The tables __init__ builds, as plain data for the on-disk memo (`memoised_index`), and back.
    _TABLES = (
        "forms",
        "_exact",
        "_loose",
        "_tokens",
        "_context",
        "_headings",
        "_all_headings",
        "_choices",
        "_lengths",
        "_choice_ids",
        "_word_index",
        "_choice_sizes",
    )

    def _plain_tables(self) -> dict[str, Any]:
        tables = {name: getattr(self, name) for name in self._TABLES}
        tables["_loose"] = {k: [(e.indicator, e.method, e.unit) for e in v] for k, v in self._loose.items()}
        return tables

    @classmethod
    def _from_tables(cls, indicators: Mapping[str, Indicator], tables: dict[str, Any]) -> IndicatorIndex:
        """The index __init__ would build (no learned aliases), from `_plain_tables` of it."""
        index = cls.__new__(cls)
        index.indicators = indicators
        index.learned = {}
        for name in cls._TABLES:
            setattr(index, name, tables[name])
        entries: dict[tuple[str, str, str], _Entry] = {}  # frozen: equal entries can be one object
        index._loose = {
            key: [entries.get(e) or entries.setdefault(e, _Entry(*e)) for e in found]
            for key, found in tables["_loose"].items()
        }
        index._memo = {}
        index._shared_memo = {}
        index._folded_lines = {}
        return index

    # ------------------------------------------------------------------ public

    def match(self, text: str) -> Indicator | None:
        """The indicator a name alone names, when one does (exact, alias, learned or fuzzy);
        None for an unknown or ambiguous name."""
        return self.resolve(text).indicator

    def resolve(self, name: str, context: Sequence[str] = (), unit: str = "") -> IndicatorMatch:
        """`name` (a row's label) under `context` (the enclosing heading rows, outermost first),
        with the row's `unit` when it has one (only to tell apart two indicators that differ by
        unit alone). See the module docstring for the order of the steps."""
        key = (name, tuple(context), unit)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._resolve(name, tuple(context), unit)
        return found

    def names_of(self, ids: Sequence[str], lang: str | None = None) -> str:
        """ "Tốc độ tăng giá trị tăng thêm ngành dịch vụ, Tỷ trọng dịch vụ trong GRDP": the
        indicators an ambiguous match fits, for the caller's warning (English names in English)."""
        from lsplan.i18n import resolve_lang

        english = (lang or resolve_lang()) == "en"
        shown = [self.indicators[i] for i in ids if i in self.indicators]
        return ", ".join((i.name_en if english and i.name_en else i.name) for i in shown)

    def hint(self, found: IndicatorMatch, lang: str | None = None) -> str:
        """ " (did you mean: A, B?)" for an unmatched or ambiguous row, "" when there is nothing
        to offer: ready to append to the caller's finding message."""
        from lsplan.i18n import gettext_for

        ids = found.ambiguous or tuple(i for i, _score in found.candidates)
        if found.indicator is not None or not ids:
            return ""
        return gettext_for(lang)(" (did you mean: {names}?)").format(names=self.names_of(ids, lang))

    # ------------------------------------------------------------------ steps

    def _resolve(self, name: str, context: tuple[str, ...], unit: str) -> IndicatorMatch:
        text = clean(name)
        folded = fold(text)
        if not folded:
            return IndicatorMatch(name, None, "none", score=0.0)
        for method in ("exact-name", "alias", "learned-alias"):
            ids = self._exact[method].get(folded)
            if ids:
                return self._one(name, ids, method)
        if folded in self._context:
            return self._by_context(name, self._context[folded], context)
        loose = loose_form(text, folded)
        if loose.key in self._loose:
            decided = self._by_loose(name, loose, unit)
            if decided is not None:
                return decided
        if loose.key in self._context:
            return self._by_context(name, self._context[loose.key], context)
        prefixed = self._prefixed(name, text, folded, context)
        if prefixed is not None:
            return prefixed
        ids = self._tokens.get(loose.tokens)
        if ids and len(ids) == 1 and loose.key:
            return self._one(name, ids, "fuzzy", score=99.0)
        return self._fuzzy(name, loose)

    def _one(
        self, name: str, ids: set[str] | frozenset[str], method: str, score: float = 100.0
    ) -> IndicatorMatch:
        if len(ids) == 1:
            return IndicatorMatch(name, self.indicators[next(iter(ids))], method, score=score)
        return IndicatorMatch(name, None, method, ambiguous=tuple(sorted(ids)), score=score)

    def _by_loose(self, name: str, loose: LooseName, unit: str) -> IndicatorMatch | None:
        entries = self._loose[loose.key]
        ids = {e.indicator for e in entries}
        if len(ids) > 1:
            # "GRDP bình quân đầu người (USD)" and "... (triệu đồng)": the unit tells them apart.
            wanted = fold(unit or loose.unit)
            if wanted:
                entries = [
                    e
                    for e in entries
                    if fold(self.indicators[e.indicator].unit) == wanted or e.unit == wanted
                ]
            else:
                entries = [e for e in entries if not e.unit]
            ids = {e.indicator for e in entries} or ids
        if len(ids) == 1:
            methods = {e.method for e in entries if e.indicator in ids}
            method = next((m for m in ("exact-name", "alias") if m in methods), "learned-alias")
            return IndicatorMatch(name, self.indicators[next(iter(ids))], method)
        return IndicatorMatch(name, None, "alias", ambiguous=tuple(sorted(ids)))

    def _by_context(
        self, name: str, ids: set[str], context: Sequence[str], method: str = "context"
    ) -> IndicatorMatch:
        """The indicator among `ids` whose heading the innermost deciding context line holds
        (the longest heading wins: "Cơ cấu lao động" is labour, not "Cơ cấu" of GRDP)."""
        for line in reversed(context):
            text = self._folded_lines.get(line)
            if text is None:
                text = self._folded_lines[line] = fold(line)
            best: dict[str, int] = {}
            for indicator_id in ids:
                lengths = [len(h) for h in self._headings.get(indicator_id, ()) if contains_phrase(text, h)]
                if lengths:
                    best[indicator_id] = max(lengths)
            if best:
                top = max(best.values())
                winners = sorted(i for i, n in best.items() if n == top)
                if len(winners) == 1:
                    return IndicatorMatch(name, self.indicators[winners[0]], method)
                return IndicatorMatch(name, None, method, ambiguous=tuple(winners))
        return IndicatorMatch(name, None, method, ambiguous=tuple(sorted(ids)))

    def _prefixed(self, name: str, text: str, folded: str, context: tuple[str, ...]) -> IndicatorMatch | None:
        """ "Cơ cấu kinh tế: Dịch vụ", "Tăng trưởng - Dịch vụ", "Tốc độ tăng trưởng ngành dịch vụ":
        a heading in front of a context name acts as the innermost context line."""
        for separator in _SEPARATORS:
            if separator not in text:
                continue
            head, _sep, rest = text.partition(separator)
            ids = self._context_ids(rest)
            if ids and fold(head):
                decided = self._by_context(name, ids, (*context, head))
                if decided.indicator is not None:
                    return decided
        for heading in self._all_headings:
            if folded.startswith(heading + " "):
                ids = self._context_ids(folded[len(heading) + 1 :])
                if ids:
                    decided = self._by_context(name, ids, (*context, heading))
                    if decided.indicator is not None or decided.ambiguous:
                        return decided
        return None

    def _context_ids(self, text: str) -> set[str]:
        key = fold(text)
        return self._context.get(key) or self._context.get(loose_form(text).key) or set()

    def _fuzzy(self, name: str, loose: LooseName) -> IndicatorMatch:
        """Near spellings decide (rapidfuzz character ratio over the loose names of about the
        same length); "did you mean" also counts shared words (`_suggest`)."""
        if not loose.key or not self._choices:
            return IndicatorMatch(name, None, "none", score=0.0)
        from rapidfuzz import fuzz, process

        near: dict[str, float] = {}
        # A ratio of at least FUZZY_CUTOFF - FUZZY_MARGIN needs lengths within this factor of
        # each other: only that window of the (length-sorted) names is scored.
        factor = (FUZZY_CUTOFF - FUZZY_MARGIN) / (200 - FUZZY_CUTOFF + FUZZY_MARGIN)
        low = bisect_left(self._lengths, int(len(loose.key) * factor))
        high = bisect_right(self._lengths, int(len(loose.key) / factor) + 1)
        for _choice, score, offset in process.extract(
            loose.key,
            self._choices[low:high],
            scorer=fuzz.ratio,
            limit=8,
            score_cutoff=FUZZY_CUTOFF - FUZZY_MARGIN,
        ):
            for indicator_id in self._choice_ids[low + offset]:
                near[indicator_id] = max(near.get(indicator_id, 0.0), score)
        ranked = sorted(near.items(), key=lambda item: (-item[1], item[0]))
        if ranked and ranked[0][1] >= FUZZY_CUTOFF:
            first, score = ranked[0]
            runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
            candidates = tuple((i, round(s, 1)) for i, s in ranked[:SUGGEST_COUNT])
            if score - runner_up >= FUZZY_MARGIN:
                return IndicatorMatch(
                    name, self.indicators[first], "fuzzy", candidates, score=round(score, 1)
                )
            close = tuple(i for i, s in ranked if score - s < FUZZY_MARGIN)
            return IndicatorMatch(name, None, "fuzzy", candidates, ambiguous=close, score=round(score, 1))
        return IndicatorMatch(
            name, None, "none", self._suggest(loose.key, near), score=ranked[0][1] if ranked else 0.0
        )

    def _suggest(self, key: str, near: dict[str, float]) -> tuple[tuple[str, float], ...]:
        """ "Did you mean": the near spellings, and the names sharing most telling words with
        `key` (Dice coefficient of the word sets, 0-100), best first."""
        words = set(key.split())
        suggested = dict(near)
        for indicator_id, score in self._by_shared_words(words).items():
            suggested[indicator_id] = max(suggested.get(indicator_id, 0.0), score)
        ranked = nsmallest(SUGGEST_COUNT, suggested.items(), key=lambda item: (-item[1], item[0]))
        return tuple((i, round(s, 1)) for i, s in ranked)

    def _by_shared_words(self, words: set[str]) -> dict[str, float]:
        """Indicator id -> the best Dice score of its names sharing telling words with `words`.
        Memoised on the telling words and the count of words: the rows of a long sheet that
        matches nothing ("Sản phẩm ... loại 1", "... loại 2") differ in words no name holds."""
        telling = tuple(sorted(w for w in words if w in self._word_index))
        key = (telling, len(words))
        found = self._shared_memo.get(key)
        if found is not None:
            return found
        shared: dict[int, int] = {}
        for word in telling:
            for position in self._word_index[word]:
                shared[position] = shared.get(position, 0) + 1
        found = {}
        for position, count in shared.items():
            score = 200.0 * count / (len(words) + self._choice_sizes[position])
            if score >= SUGGEST_CUTOFF:
                for indicator_id in self._choice_ids[position]:
                    found[indicator_id] = max(found.get(indicator_id, 0.0), score)
        self._shared_memo[key] = found
        return found


# The code that computes a name's forms: the memo of `memoised_index` is kept per version of it.
_FORMS_CODE = ("text.py", "name_forms.py", "indicator_match.py")


def memoised_index(
    indicators: Mapping[str, Indicator], learned: Mapping[str, str] | None = None
) -> IndicatorIndex:
    """The index, with the forms of the catalogue's names read from the on-disk memo
    (lsplan.datacache): folding and reducing ~600 names to their loose forms is a tenth of
    checking one small report, and the forms depend only on the names and on this code. Names
    the memo lacks are computed; the memo is then rewritten with exactly the current names.

    Without learned aliases, the whole index (its tables, forms included) is memoised too
    (kind "index"): building the tables from the forms was another ~4 ms of every start. Its key
    is this code, the indicators' names in order (all __init__ reads of them) and the bytes of
    the forms memo, so a forms memo that is missing, edited or incomplete is used and repaired
    exactly as before, and only an unchanged one lets the tables be read back."""
    from pathlib import Path

    from lsplan import datacache

    here = Path(__file__).resolve().parent
    try:
        key = datacache.digest(*((here / name).read_bytes() for name in _FORMS_CODE))
    except OSError:
        return IndicatorIndex(indicators, learned)
    tables_key = "" if learned else _tables_key(key, indicators)
    if tables_key:
        tables = datacache.get(tables_key, kind="index")
        if isinstance(tables, dict) and set(tables) == set(IndicatorIndex._TABLES):
            return IndicatorIndex._from_tables(indicators, tables)
    stored = datacache.get(key, kind="names")
    forms = stored if isinstance(stored, dict) else {}
    index = IndicatorIndex(indicators, learned, forms)
    if len(index.forms) != len(forms) or stored is None:
        used = {name: index.forms[name] for name in _catalogue_names(indicators)}
        datacache.put(key, used, kind="names")
        tables_key = _tables_key(key, indicators) if tables_key else ""  # the forms memo changed
    if tables_key:
        datacache.put(tables_key, index._plain_tables(), kind="index")
    return index


def _tables_key(forms_key: str, indicators: Mapping[str, Indicator]) -> str:
    """The key of the index memo; "" when the memo is off or unreadable (then no index memo)."""
    from lsplan import datacache

    forms_memo = datacache.raw(forms_key, kind="names")
    if forms_memo is None and not datacache.enabled():
        return ""
    names = [
        (i.id, i.name, i.name_en, tuple(i.aliases), tuple(i.context_headings), tuple(i.context_names))
        for i in indicators.values()
    ]
    return datacache.digest(
        forms_key.encode(), forms_memo or b"", repr(names).encode("utf-8", "surrogatepass")
    )


def _catalogue_names(indicators: Mapping[str, Indicator]) -> set[str]:
    names: set[str] = set()
    for indicator in indicators.values():
        names.update((indicator.id, indicator.name, indicator.name_en))
        names.update(indicator.aliases)
        names.update(indicator.context_headings)
        names.update(indicator.context_names)
    return names
