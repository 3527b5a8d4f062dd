"""Indicator names as officers write them, reduced to one comparable form.

A report row says "Tổng thu NSNN (tỷ đồng)", "Ước thực hiện TMBL năm 2025", "Tốc độ tăng GRDP so
với cùng kỳ (%)"; the catalogue says "Tổng thu ngân sách nhà nước trên địa bàn". `loose_form`
reduces both to the same words: `lsplan.text.fold`, then

- parenthesised units, periods and estimate marks are taken off ("(tỷ đồng)", "(%)", "(ước)",
  "(so với cùng kỳ)"; the unit is kept aside, it can tell two indicators apart);
- trailing suffixes go ("so với kế hoạch", "năm 2025", "6 tháng đầu năm", "ước thực hiện"), and
  leading "Ước thực hiện"/"Thực hiện";
- abbreviations are spelled out (NSNN, KNXK, TMBL, SPCN, VĐTPT, ĐTC, DTDV, CN-XD, NTM, BHYT...;
  one dropped when its words are already there, as in "Chỉ số giá tiêu dùng (CPI)");
- words that never tell indicators apart go ("trên địa bàn", "của", "công ty", "toàn tỉnh").

Only abbreviations whose meaning is certain in a provincial plan report are listed: "KH" is
"kế hoạch", never "khách". The same reduction is applied to catalogue names and to what was
typed, so a collision between two catalogue names shows as an ambiguity, never as a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lsplan.text import fold, lazy_pattern, nfc

# Folded abbreviation -> folded words. Checked against every indicator of data/targets.yaml.
ABBREVIATIONS: dict[str, str] = {
    "nsnn": "ngan sach nha nuoc",
    "nsdp": "ngan sach dia phuong",
    "knxk": "kim ngach xuat khau",
    "kn": "kim ngach",
    "xk": "xuat khau",
    "nk": "nhap khau",
    "tmbl": "tong muc ban le",
    "spcn": "san pham cong nghiep",
    "sp": "san pham",
    "vdtpt": "von dau tu phat trien",
    "dtpt": "dau tu phat trien",
    "dtc": "dau tu cong",
    "dtdv": "doanh thu dich vu",
    "hh": "hang hoa",
    "cn": "cong nghiep",
    "xd": "xay dung",
    "kcn": "khu cong nghiep",
    "ccn": "cum cong nghiep",
    "ntm": "nong thon moi",
    "bhyt": "bao hiem y te",
    "ld": "lao dong",
    "nsld": "nang suat lao dong",
    "dl": "du lich",
    "kh": "ke hoach",
    "uth": "uoc thuc hien",
    "bq": "binh quan",
    "tyt": "tram y te",
    "tngt": "tai nan giao thong",
    "cpi": "chi so gia tieu dung",
    "iip": "chi so san xuat cong nghiep",
    "fdi": "dau tu truc tiep nuoc ngoai",
    "gttt": "gia tri tang them",
    "ctcp": "cong ty co phan",
    "cty": "cong ty",
    "nm": "nha may",
}

# Parenthesised text that is a unit, a period or a mark of estimate, not part of a name.
_UNIT_WORDS = (
    r"%|ty dong|trieu dong|nghin dong|dong|usd|trieu usd|nghin usd|ty usd|tan|nghin tan|trieu tan|ha|"
    r"nghin ha|trieu kwh|kwh|luot|luot khach|trieu luot|nghin luot|ho|nguoi|khu|cum|san pham|"
    r"doanh nghiep|hang|giuong|bac si|giuong van dan|bac si van dan|trieu dong nguoi|"
    r"trieu dong lao dong nam|trieu dong nguoi nam"
)


# Compiled on first use (the patterns of loose_form, down to _leading): a row whose folded name
# is a catalogue name or alias never needs its loose form, nor does the index, whose forms come
# from the on-disk memo; compiling them at import was ~3 ms of every start.
_unit = lazy_pattern(rf"^(?:don vi tinh|dvt)?\s*(?P<unit>{_UNIT_WORDS})$")


_PERIOD = (
    r"(?:nam \d{4}|\d{4}|ca nam(?: \d{4})?|\d{1,2} thang(?: dau nam)?(?: \d{4})?|quy (?:iv|iii|ii|i|\d)"
    r"(?: nam)?(?: \d{4})?|luy ke|ke hoach(?: nam)?(?: \d{4})?|uoc(?: thuc hien| th| tinh| dat)?|"
    r"thuc hien|so bo|chinh thuc)"
)
# One unit of the end of a name or of a bracket: a period, a comparison, "đạt". Units are taken
# off one at a time from the end (`_strip_end`): one regex repeating them, "(?:\s+(?:...))+$",
# backtracks exponentially on "quý I năm 2025 kế hoạch ..." ending in another word.
_UNIT_AT_END = (
    rf"(?:so (?:voi )?(?:cung ky|ke hoach|kh|nam truoc|ke hoach nam|ke hoach tinh giao)"
    rf"(?: nam)?(?: \d{{4}})?|{_PERIOD}|%|dat|dat duoc)$"
)


_suffix_unit = lazy_pattern(rf"\s{_UNIT_AT_END}")  # a name keeps its first word


_bracket_unit = lazy_pattern(rf"(?:^|\s){_UNIT_AT_END}")  # a bracket may hold nothing else


_parens = lazy_pattern(r"\(([^()]*)\)")


_prefix = lazy_pattern(r"^(?:(?:uoc thuc hien|uoc th|uoc tinh|uoc|thuc hien|tong so|so lieu)\s+)+")


# Phrases that never tell two indicators apart (dropped from both sides).
_filler = lazy_pattern(
    r"\b(?:tren dia ban tinh|tren dia ban|toan tinh|cua tinh|tinh lang son|ca tinh|cong ty co phan|"
    r"cong ty|nha may|cua|dia phuong tinh)\b"
)


_leading = lazy_pattern(r"^(?:nganh|linh vuc|cac nganh)\s+")


# Bullets and numbering an officer puts in front of a name: "- ", "1.2.", "a)", "II.", "Trong đó:".
_BULLET = re.compile(
    r"^\s*(?:[-+*•–—]+|\(?[0-9]{1,2}(?:\.[0-9]{1,2})*[.)]|\(?[a-zđ][.)]|[ivxlIVXL]+[.)])\s*", re.I
)
_IN_WHICH = re.compile(r"^\s*(?:trong đó|trong do|chia ra|bao gồm|gồm)\s*:?\s*", re.I)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class LooseName:
    """A name reduced for comparison: its words, and the unit it named in brackets ("" if none)."""

    key: str
    unit: str = ""

    @property
    def tokens(self) -> str:
        """The words in sorted order: the same for "Xây dựng - công nghiệp" and the other order."""
        return " ".join(sorted(self.key.split()))


def clean(name: str) -> str:
    """ "- Trong đó: 1.2. Khách quốc tế" -> "Khách quốc tế": bullets, numbering, "Trong đó:"."""
    text = nfc(name)
    for _attempt in range(3):
        text = _IN_WHICH.sub("", _BULLET.sub("", text, count=1), count=1)
    return text.strip(" :")


def expand(folded: str) -> str:
    """Abbreviations spelled out; one whose words are already in the text is dropped."""
    words = folded.split()
    out: list[str] = []
    for index, word in enumerate(words):
        spelled = ABBREVIATIONS.get(word)
        if spelled is None:
            out.append(word)
            continue
        rest = " ".join(words[:index] + words[index + 1 :])
        if f" {spelled} " not in f" {rest} ":
            out.append(spelled)
    return " ".join(out)


def loose_form(name: str, folded: str | None = None) -> LooseName:
    """The comparable form of a name (module docstring); empty key when nothing is left.
    `folded`, when given, is `fold(clean(name))` already computed by the caller."""
    text = clean(name) if folded is None else name
    unit = ""
    kept: list[str] = []

    def bracket(match: re.Match[str]) -> str:
        nonlocal unit
        inner = fold(match.group(1))
        found = _unit().match(inner)
        if found:
            unit = unit or found.group("unit")
            return " "
        if not _strip_end(inner, _bracket_unit()):  # only periods, estimate marks, a comparison
            return " "
        kept.append(inner)
        return f" {match.group(1)} "

    if "(" in text or folded is None:
        folded = fold(_parens().sub(bracket, text))
    folded = folded.replace("%", " % ")
    folded = _SPACES.sub(" ", folded).strip()
    for _attempt in range(3):
        before = folded
        folded = _strip_end(folded)
        folded = _prefix().sub("", folded).strip()
        if folded == before:
            break
    folded = expand(folded)
    folded = _filler().sub(" ", folded)
    folded = _leading().sub("", _SPACES.sub(" ", folded).strip())
    return LooseName(folded, unit)


def _strip_end(folded: str, unit: re.Pattern[str] | None = None) -> str:
    """`folded` without the period, comparison and "đạt" units at its end, one at a time
    (`unit`: the units that may end it; by default those of a name, `_suffix_unit`)."""
    unit = unit or _suffix_unit()
    text = folded.strip()
    for _attempt in range(len(text.split())):
        match = unit.search(text)
        if match is None:
            break
        text = text[: match.start()].strip()
    return text


def contains_phrase(text: str, phrase: str) -> bool:
    """Whether folded `text` holds folded `phrase` as whole words."""
    return bool(phrase) and f" {phrase} " in f" {text} "
