"""Vietnamese text as people type it: Unicode normalisation and folding for matching.

`fold` is the one key used to compare names typed by officers with names in the catalogue:
NFC/NFD input, upper or lower case, with or without diacritics, "đ"/"Đ", old and new tone
placement ("hoà"/"hòa") and stray punctuation or spacing all fold to the same key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache

_SPACES = re.compile(r"\s+")
# Punctuation that people use interchangeably in names: "Sở KH&ĐT", "Sở KH & ĐT", "Sở KH-ĐT".
_PUNCT = re.compile(r"[\-–—_/\\.,;:()\[\]\"'“”‘’*+]")
# Characters that Unicode does not decompose into base + combining mark.
_SPECIAL = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ł": "l"})


def lazy_pattern(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """The compiled `pattern`, made on the first call and kept: for the patterns of rarer paths
    (old fonts, document codes, names no indicator has), which compiled at import would cost
    every start (README, "Speed")."""

    @cache
    def compiled() -> re.Pattern[str]:
        return re.compile(pattern, flags)

    return compiled


def nfc(text: str) -> str:
    """NFC-normalise and trim; non-breaking and zero-width spaces become plain spaces."""
    # Most cell texts are already clean: printable (no NBSP, zero-width or control characters,
    # no tab or line break), single-spaced, trimmed and in NFC. Those are returned as they are,
    # without the regex pass (a 5,000-row sheet calls this some 30,000 times).
    if (
        text.isprintable()
        and "  " not in text
        and text[:1] != " "
        and text[-1:] != " "
        and unicodedata.is_normalized("NFC", text)
    ):
        return text
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "").replace("\u00ad", "")
    return _SPACES.sub(" ", text).strip()


def _strip_each(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _latin_table() -> dict[int, str]:
    """Every Latin letter with marks, where all of Vietnamese lives (Latin-1 to Latin Extended-B
    and Latin Extended Additional), mapped to what `_strip_each` makes of it. Built on first use."""
    table: dict[int, str] = {}
    for block in (range(0x00C0, 0x0250), range(0x1E00, 0x1F00)):
        for code in block:
            stripped = _strip_each(chr(code))
            if stripped != chr(code):
                table[code] = stripped
    return table


def strip_diacritics(text: str) -> str:
    """Remove every combining mark (tones and vowel marks) and map đ to d; keeps case.

    Canonical decomposition works character by character, so mapping each precomposed Latin
    letter through a table gives the same text as decomposing the whole string; only what is
    still not ASCII afterwards (combining marks typed apart, other scripts) takes the general
    path. Row names are folded once each, and visiting every decomposed character in Python was
    most of the cost of reading a long sheet."""
    if text.isascii():
        return text
    stripped = text.translate(_latin_table())
    return stripped if stripped.isascii() else _strip_each(stripped)


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """The matching key: lower case, no diacritics, đ→d, punctuation as space, single spaces.

    Tone placement does not matter after folding because tones are removed altogether,
    so "hoà" and "hòa" (old and new placement) give the same key. Memoised: a sheet's row
    names are folded by several stages (headings, indicator matching), each time the same.
    """
    text = strip_diacritics(nfc(text)).casefold()
    text = text.replace("&", " ")
    text = _PUNCT.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def compact(text: str) -> str:
    """`fold` without spaces: "Sở KH&ĐT", "so khdt" and "SởKHĐT" all give "sokhdt"."""
    return fold(text).replace(" ", "")
