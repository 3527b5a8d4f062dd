"""Text typed in the legacy Vietnamese encodings TCVN3 (ABC) and VNI, back to Unicode.

Before Unicode, officers typed with the ABC keyboard into `.VnTime` fonts (TCVN3: one byte per
accented letter) or with VNI into `VNI-Times` fonts (a base letter followed by mark bytes).
Excel stores those bytes as Latin-1 characters, so "Sở Công Thương" arrives as
"Së C«ng Th­¬ng" (TCVN3) or "Sôû Coâng Thöông" (VNI).

`detect_legacy(text, font)` names the encoding, by the cell's font first and by the characters
otherwise; `to_unicode(text, encoding, font)` converts. TCVN3 has no upper-case accented
letters: headings are typed with lower-case bytes in an upper-case font (`.VnTimeH`), so pass
the font to get them back in upper case. Tables follow the published layouts of TCVN 5712:1993
(VN3) and VNI-Windows, generated from their structure; entries were cross-checked against the
tables of the MIT-licensed `viparse` package (not a dependency: it imports a whole document
pipeline at start-up).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

TCVN3 = "tcvn3"
VNI = "vni"

# TCVN3: for each vowel, the bytes of its five toned forms in the order
# grave, hook, tilde, acute, dot below (as Latin-1 characters).
_TCVN3_TONED = {
    "a": "µ¶·¸¹",
    "ă": "»¼½¾Æ",
    "â": "ÇÈÉÊË",
    "e": "ÌÎÏÐÑ",
    "ê": "ÒÓÔÕÖ",
    "i": "×ØÜÝÞ",
    "o": "ßáâãä",
    "ô": "åæçèé",
    "ơ": "êëìíî",
    "u": "ïñòóô",
    "ư": "õö÷øù",
    "y": "úûüýþ",
}
_TCVN3_PLAIN = {
    "ă": "¨", "â": "©", "ê": "ª", "ô": "«", "ơ": "¬", "ư": "\u00ad", "đ": "®",
    "Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§",
}  # fmt: skip
_TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # grave, hook, tilde, acute, dot

# VNI: a base letter, then a mark for the vowel shape and/or tone.
_VNI_TONE = dict(zip(_TONES, "øûõùï", strict=True))  # on a e i o u y ơ ư
_VNI_CIRCUMFLEX = dict(zip(_TONES, "àåãáä", strict=True))  # on â ê ô (no tone: "â")
_VNI_BREVE = dict(zip(_TONES, "èúüéë", strict=True))  # on ă (no tone: "ê")
_VNI_SINGLE = {"đ": "ñ", "Đ": "Ñ", "ơ": "ô", "Ơ": "Ô", "ư": "ö", "Ư": "Ö"}
_VNI_I = dict(zip(_TONES, "ìæóíò", strict=True))  # i with a tone is one character
_VNI_TONED_BASES = (("a", "a"), ("e", "e"), ("o", "o"), ("u", "u"), ("y", "y"), ("ô", "ơ"), ("ö", "ư"))
_VNI_I_UPPER = dict(zip(_TONES, "ÌÆÓÍÒ", strict=True))


def _compose(base: str, tone: str = "") -> str:
    return unicodedata.normalize("NFC", base + tone)


def _tcvn3_table() -> dict[str, str]:
    table = {legacy: uni for uni, legacy in _TCVN3_PLAIN.items()}
    for vowel, forms in _TCVN3_TONED.items():
        for tone, legacy in zip(_TONES, forms, strict=True):
            table[legacy] = _compose(vowel, tone)
    return table


def _vni_table() -> dict[str, str]:
    table = {legacy: uni for uni, legacy in _VNI_SINGLE.items()}
    for upper in (False, True):
        case = str.upper if upper else str.lower
        for base, shaped, marks, bare in (
            ("a", "â", _VNI_CIRCUMFLEX, "â"),
            ("e", "ê", _VNI_CIRCUMFLEX, "â"),
            ("o", "ô", _VNI_CIRCUMFLEX, "â"),
            ("a", "ă", _VNI_BREVE, "ê"),
        ):
            table[case(base) + case(bare)] = case(shaped)
            for tone, mark in marks.items():
                table[case(base) + case(mark)] = case(_compose(shaped, tone))
        for base, letter in _VNI_TONED_BASES:
            for tone, mark in _VNI_TONE.items():
                table[case(base) + case(mark)] = case(_compose(letter, tone))
        for tone, single in (_VNI_I_UPPER if upper else _VNI_I).items():
            table[single] = case(_compose("i", tone))
    # "ì" and "í" are the letters they look like; keep them out of the table so they pass through.
    for same in ("ì", "í", "Ì", "Í"):
        table.pop(same, None)
    # Some keyboards also type ì/í as i + tone mark, like the other vowels.
    table.update({"iø": "ì", "iù": "í", "IØ": "Ì", "IÙ": "Í"})
    return table


_TABLES = {TCVN3: _tcvn3_table(), VNI: _vni_table()}


# The alternations of every legacy key (about 150 each) take ~1.3 ms to compile, and only text
# that really is TCVN3 or VNI is ever converted: every cell of a Unicode report returns from
# detect_legacy before. So they are compiled on the first conversion, not at import.
@cache
def _pattern(encoding: str) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(k) for k in sorted(_TABLES[encoding], key=len, reverse=True)))


@cache
def _reverse(encoding: str) -> dict[str, str]:
    """Unicode -> legacy, for from_unicode (test files); built on first use like `_pattern`."""
    return {uni: legacy for legacy, uni in _TABLES[encoding].items()}


# Letters only Unicode Vietnamese uses (beyond Latin-1): their presence means the text is Unicode.
_UNICODE_VIETNAMESE = re.compile("[ăĂđĐơƠưƯĩĨũŨ\u1ea0-\u1ef9]")
# Latin-1 letters that Unicode Vietnamese itself uses: not evidence of a legacy encoding.
_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_TONE_MARKS = set(_TONES)


def legacy_font(font: str | None) -> str | None:
    """The encoding a font name implies: ".VnTime" -> "tcvn3", "VNI-Times" -> "vni", else None."""
    if not font:
        return None
    name = font.strip().lower()
    if name.startswith(".vn"):
        return TCVN3
    if name.startswith("vni"):
        return VNI
    return None


def is_uppercase_font(font: str | None) -> bool:
    """TCVN3 heading fonts (".VnTimeH", ".VnArialH") draw lower-case bytes as capitals."""
    return legacy_font(font) == TCVN3 and font is not None and font.strip().endswith("H")


def detect_legacy(text: str, font: str | None = None) -> str | None:
    """"tcvn3" or "vni" when `text` was typed in that legacy encoding, else None.

    Text holding letters only Unicode has (ơ, ư, ạ, ...) is Unicode whatever the font says;
    plain ASCII needs no conversion. Otherwise the font decides; without a legacy font, the
    encoding whose conversion leaves no stray Latin-1 symbols and no syllable with two tones wins.
    """
    if not text or text.isascii() or _UNICODE_VIETNAMESE.search(text):
        return None
    by_font = legacy_font(font)
    if by_font:
        return by_font
    if _residue(text) == 0:
        return None  # only letters Unicode Vietnamese uses itself ("Hoàng", "Công")
    best: tuple[int, str] | None = None
    for name in (VNI, TCVN3):
        converted = to_unicode(text, name)
        if converted == unicodedata.normalize("NFC", text):
            continue
        score = 10 * _residue(converted) + _bad_syllables(converted)
        if best is None or score < best[0]:
            best = (score, name)
    if best is None or _residue(to_unicode(text, best[1])) >= _residue(text):
        return None
    return best[1]


def to_unicode(text: str, encoding: str, font: str | None = None) -> str:
    """Convert legacy `text` to NFC Unicode; upper-cases TCVN3 text set in an "H" font."""
    table = _TABLES[encoding]
    converted = _pattern(encoding).sub(lambda m: table[m.group(0)], text)
    if encoding == TCVN3 and is_uppercase_font(font):
        converted = converted.upper()
    return unicodedata.normalize("NFC", converted)


def from_unicode(text: str, encoding: str) -> str:
    """Unicode text as the legacy keyboard would have typed it (used to build test files).

    TCVN3 has no upper-case accented letters: they are written lower-case, as for an "H" font.
    """
    reverse = _reverse(encoding)
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in reverse:
            out.append(reverse[ch])
        elif encoding == TCVN3 and ch.lower() in reverse and ch.lower() != ch:
            out.append(reverse[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


def _residue(text: str) -> int:
    """Latin-1 symbols and letters that no Unicode Vietnamese word contains."""
    return sum(1 for ch in text if 0xA0 <= ord(ch) <= 0xFF and ch not in _VIETNAMESE_LATIN1)


def _bad_syllables(text: str) -> int:
    """Words carrying more than one tone mark: impossible in Vietnamese."""
    bad = 0
    for word in text.split():
        tones = sum(1 for ch in unicodedata.normalize("NFD", word) if ch in _TONE_MARKS)
        bad += tones > 1
    return bad
