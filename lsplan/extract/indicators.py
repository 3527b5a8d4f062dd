"""Stage 6: a target's name as written -> a catalogue indicator, or a new one to propose.

Names in plans are fragments ("công nghiệp - xây dựng chiếm 32 - 33%" after "Cơ cấu kinh tế:"),
so matching scores word overlap between what is written and each indicator's name and aliases,
with three general signals: the unit must fit the indicator's unit, the verb tells the measure
("tăng 8%" is a growth rate, "chiếm 21%" a share), and the indicator matched just before in the
same sentence (or the sentence's lead-in) tells the family ("Tỷ lệ lao động … chiếm 36%; công
nghiệp - xây dựng chiếm 21%" is about labour, not GRDP). Below the threshold nothing is matched
and a new indicator is proposed: a wrong match would be a guess presented as a fact.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import lru_cache

from lsplan.model import Indicator
from lsplan.text import fold

THRESHOLD = 0.62
# Ahead of every other indicator by this much, or it is no match: "khách" alone fits all
# visitors and the domestic ones about as well, and picking one would be a guess.
MARGIN = 0.08
# Words that say how a figure is measured, not what is measured: the verb and unit carry them.
_STOP = frozenset(
    "toc do tang truong ty le trong tong cua va cac tinh dat tren khoang chiem co the la duoc "
    "nam den muc o tu it nhat toi thieu hon tro len binh quan hang hang nganh linh vuc dia ban "
    "phan dau nhu ve voi theo mot trong do ke hoach gia tri them tiep tuc giu vung tro thanh duy tri "
    "dan dau dung dau ca nuoc nhom".split()
)
_SCALE = {"nghin", "ngan", "trieu", "ty", "1"}


def tokens(text: str, extra_stop: frozenset[str] = frozenset()) -> set[str]:
    # "trong nước" (domestic) is a telling word, though "trong" and "nước" alone are not.
    folded = fold(text).replace("trong nuoc", "trongnuoc")
    return {w for w in folded.split() if w not in _STOP and w not in extra_stop and not w.isdigit()}


@lru_cache(maxsize=2048)
def unit_fits(unit: str, indicator_unit: str) -> bool:
    if not indicator_unit:
        return True
    a, b = fold(unit), fold(indicator_unit)
    if "%" in unit or "%" in indicator_unit:
        return unit.strip() == indicator_unit.strip()
    if a == b:
        return True
    money = ("dong", "usd")
    a_money = next((m for m in money if a.split("/")[0].endswith(m)), None)
    b_money = next((m for m in money if b.split("/")[0].endswith(m)), None)
    if a_money or b_money:
        return a_money == b_money and ("/" in a) == ("/" in b)
    if _is_count(a) and _is_count(b):
        return True  # "tập đoàn" counted as "doanh nghiệp": the words of the name decide
    a_words = [w for w in re.split(r"[\s/]+", a) if w not in _SCALE]
    b_words = [w for w in re.split(r"[\s/]+", b) if w not in _SCALE]
    return bool(a_words and b_words and (a_words[0] == b_words[0] or a_words[-1] == b_words[-1]))


_MEASURED = re.compile(r"dong|usd|\bha\b|tan|km|kwh|luot|mw|m2|m3|/|%|nam|ngay|gio")


def _is_count(folded_unit: str) -> bool:
    return (
        bool(folded_unit)
        and not _MEASURED.search(folded_unit)
        and not any(ch.isdigit() for ch in folded_unit)
    )


class IndicatorMatcher:
    def __init__(
        self, indicators: Mapping[str, Indicator], place_words: frozenset[str] = frozenset()
    ) -> None:
        """`place_words`: the folded words of the plan's own province ("lang", "son"), which
        name the subject of many sentences and never an indicator."""
        self.indicators = indicators
        self.place_words = place_words
        self._names: dict[str, list[set[str]]] = {}
        for indicator in indicators.values():
            names = [indicator.name, *indicator.aliases]
            self._names[indicator.id] = [t for t in (tokens(n) for n in names) if t]
        # How much a word tells indicators apart: rare words ("quốc tế", "nội địa") weigh more
        # than words a whole family shares ("du lịch"). A name that leaves out an indicator's
        # telling word is then not taken for it ("1,5 triệu lượt khách" is all visitors, not
        # the domestic ones whose alias "Khách trong nước" is just "khách" and a telling word).
        counts: dict[str, int] = {}
        for name_sets in self._names.values():
            for word in set().union(*name_sets) if name_sets else ():
                counts[word] = counts.get(word, 0) + 1
        total = max(len(self._names), 1)
        self._weight = {word: math.log(1 + total / count) for word, count in counts.items()}
        self._units = {indicator.id: fold(indicator.unit) for indicator in indicators.values()}

    def _weighed(self, words: set[str]) -> float:
        return sum(self._weight.get(word, 1.0) for word in words)

    def family(self, indicator_id: str | None) -> set[str]:
        if not indicator_id or indicator_id not in self.indicators:
            return set()
        return tokens(self.indicators[indicator_id].name)

    def match(
        self,
        name: str,
        unit: str,
        measure: str = "",
        family: set[str] | frozenset[str] = frozenset(),
        exclude: frozenset[str] = frozenset(),
    ) -> tuple[str | None, float]:
        """(indicator id or None, score in 0..1)."""
        own = tokens(name, self.place_words)
        unit_key = fold(unit)
        if not own:
            return None, 0.0
        best: tuple[float, str | None] = (0.0, None)
        runner_up = 0.0  # the best score of any other indicator
        for indicator_id, name_sets in self._names.items():
            if indicator_id in exclude:
                continue
            indicator = self.indicators[indicator_id]
            if indicator.measure.value == "qualitative" or unit and not unit_fits(unit, indicator.unit):
                continue
            if measure == "growth_rate" and indicator.measure.value not in ("growth_rate",):
                continue
            if measure == "share" and indicator.measure.value not in ("share",):
                continue
            if (measure == "rank") != (indicator.measure.value == "rank"):
                continue
            score = 0.0
            for alias in name_sets:
                common = own & alias
                if not common:
                    continue
                # The family (the sentence's subject, the indicator just matched) may supply the
                # words a fragment leaves out; what is written must be explained by the alias.
                coverage = self._weighed(alias & (own | family)) / self._weighed(alias)
                precision = len(common) / len(own)
                score = max(score, 0.55 * coverage + 0.45 * precision)
            if score and family:
                whole = set().union(*name_sets)
                score += 0.3 * len(whole & family) / max(len(whole | family), 1)
            if unit_key == self._units[indicator_id]:
                score += 0.05
            if score > best[0]:
                runner_up = best[0]
                best = (score, indicator_id)
            elif score > runner_up:
                runner_up = score
        if best[0] >= THRESHOLD and best[0] - runner_up >= MARGIN:
            return best[1], min(best[0], 1.0)
        return None, best[0]


def new_indicator_id(name: str, taken: set[str]) -> str:
    words = [w for w in fold(name).split() if w.isalnum()][:6]
    base = "-".join(words) or "chi-tieu"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate
