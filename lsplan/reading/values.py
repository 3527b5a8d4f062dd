"""Stage "values": a row's cells as numbers, in a unit, with what the sender said about them.

Numbers are read by `lsplan.numbers.parse_number` (the Vietnamese rule for "." and ","); this
stage adds what a report's row says around the number:

* "13/13 sản phẩm" for a ratio reads as 13;
* published figures come with words: "Khoảng 71", "~71" (approximate), "Hơn 4,4", "Trên 47",
  "> 300.000", "47 trở lên" (lower bound), "Dưới 5", "< 2" (upper bound), "8,06 (ước)" (estimate).
  The number is read and the `qualifier` kept on the observation (the checks warn);
* a unit or scale word in the cell is the figure's unit: "1,92 triệu" beside "lượt" is 1.92
  triệu lượt, "1.579 tỷ" is 1579 tỷ đồng (`scaled_unit`);
* the unit in the name's bracket ("Tổng mức bán lẻ (triệu đồng)").

Only text that `parse_number` cannot read is looked at for words: a plain number never changes.

The file's own way of writing numbers (`number_convention`) settles "2,931" / "1.234" when the
row cannot: a file that writes "9,937.8" or "12.5" elsewhere writes the English way, one that
writes "9.937,8" or "8,5" the Vietnamese way; a file with both, or neither, settles nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lsplan.numbers import ParsedNumber, parse_number
from lsplan.text import fold, lazy_pattern
from lsplan.units import lookup

# Compiled on first use (these two and _number_part, _brackets): only "13/13" cells, a unit in
# a row's name, and text cells that are no plain number ("8,5 (ước)") reach them; compiling
# them at import cost every start.
_n_of_m = lazy_pattern(r"^\s*(\d+)\s*/\s*\d+\s*$")


_trailing_parens = lazy_pattern(r"\s*\([^()]*\)\s*$")


APPROXIMATE, LOWER_BOUND, UPPER_BOUND, ESTIMATE = "approximate", "lower_bound", "upper_bound", "estimate"
DERIVED = "derived"

# Words before the number (folded), longest first so that "uoc dat khoang" wins over "uoc".
_BEFORE: dict[str, str] = {
    "khoang": APPROXIMATE,
    "dat khoang": APPROXIMATE,
    "uoc khoang": APPROXIMATE,
    "xap xi": APPROXIMATE,
    "gan": APPROXIMATE,
    "~": APPROXIMATE,
    "≈": APPROXIMATE,
    "∼": APPROXIMATE,
    "hon": LOWER_BOUND,
    "tren": LOWER_BOUND,
    "dat tren": LOWER_BOUND,
    "dat hon": LOWER_BOUND,
    "it nhat": LOWER_BOUND,
    "toi thieu": LOWER_BOUND,
    ">": LOWER_BOUND,
    ">=": LOWER_BOUND,
    "≥": LOWER_BOUND,
    "duoi": UPPER_BOUND,
    "khong qua": UPPER_BOUND,
    "toi da": UPPER_BOUND,
    "chua den": UPPER_BOUND,
    "<": UPPER_BOUND,
    "<=": UPPER_BOUND,
    "≤": UPPER_BOUND,
    "uoc": ESTIMATE,
    "uoc dat": ESTIMATE,
    "uoc tinh": ESTIMATE,
    "dat": "",  # "Đạt 71": a plain figure
}
# Words after the number, in brackets or not (folded).
_AFTER: dict[str, str] = {
    "uoc": ESTIMATE,
    "uoc tinh": ESTIMATE,
    "uoc th": ESTIMATE,
    "uth": ESTIMATE,
    "uoc thuc hien": ESTIMATE,
    "so bo": ESTIMATE,
    "du kien": ESTIMATE,
    "tam tinh": ESTIMATE,
    "tro len": LOWER_BOUND,
    "tro xuong": UPPER_BOUND,
}
_SCALE_WORDS = ("nghìn tỷ", "ngàn tỷ", "nghìn tỉ", "nghìn", "ngàn", "triệu", "tỷ", "tỉ", "tr")


_number_part = lazy_pattern(r"^(?P<before>.*?)(?P<number>[-+\u2212]?\d[\d.,]*(?:\s*%)?)(?P<after>.*)$", re.S)


_brackets = lazy_pattern(r"\(([^()]*)\)")


@dataclass(frozen=True, slots=True)
class ValueReading:
    """A value cell read: the number, and what the words around it said."""

    number: ParsedNumber
    qualifier: str | None = None  # APPROXIMATE, LOWER_BOUND, UPPER_BOUND, ESTIMATE or None
    unit: str = ""  # a unit or scale word written in the cell ("triệu", "tỷ đồng"); "" for none
    words: str = ""  # the words around the number, as written, for messages


def read_value(value: Any, number_format: str | None = "General", *, n_of_m: bool = False) -> ValueReading:
    """The number a value cell holds, with its qualifier and unit words (see the module's text)."""
    number = read_number(value, number_format, n_of_m=n_of_m)
    if number.error is None or not isinstance(value, str):
        return ValueReading(number)
    annotated = _annotated(value)
    return annotated if annotated is not None else ValueReading(number)


def _annotated(text: str) -> ValueReading | None:
    match = _number_part().match(text.strip())
    if not match:
        return None
    number = parse_number(match.group("number").strip())
    if number.error is not None or number.value is None:
        return None
    qualifiers: list[str] = []
    before = fold(match.group("before")).strip(" :")
    if before:
        if before not in _BEFORE:
            return None
        qualifiers.append(_BEFORE[before])
    unit = ""
    after = match.group("after").strip()
    for inside in _brackets().findall(after):
        key = fold(inside)
        if key in _AFTER:
            qualifiers.append(_AFTER[key])
        elif lookup(inside) is not None and not unit:
            unit = inside.strip()
        else:
            return None
    rest = _brackets().sub(" ", after).strip(" ,;")
    if rest:
        key = fold(rest)
        if key in _AFTER:
            qualifiers.append(_AFTER[key])
        elif lookup(rest) is not None or is_scale_word(rest):
            unit = rest
        else:
            words = rest.split()  # "1,92 triệu trở lên": a unit, then words
            tail, head = " ".join(words[-2:]), " ".join(words[:-2])
            if len(words) > 2 and fold(tail) in _AFTER and (lookup(head) or is_scale_word(head)):
                qualifiers.append(_AFTER[fold(tail)])
                unit = head
            else:
                return None
    kinds = [q for q in qualifiers if q]
    if len(set(kinds)) > 1 and set(kinds) != {ESTIMATE, APPROXIMATE}:
        return None  # "hơn ... trở xuống": say nothing rather than guess
    qualifier = APPROXIMATE if APPROXIMATE in kinds else (kinds[0] if kinds else None)
    said = " ".join(p for p in (match.group("before").strip(), after) if p)
    return ValueReading(number, qualifier, unit, said)


def is_scale_word(text: str) -> bool:
    key = fold(text)
    return any(key == fold(word) for word in _SCALE_WORDS)


def scaled_unit(scale: str, unit: str) -> str:
    """A scale word written in a cell, made a unit with the base of the row's unit:
    ("triệu", "lượt") -> "triệu lượt"; ("tỷ", "tỷ đồng") -> "tỷ đồng"; "" when it makes no unit."""
    base = unit.strip()
    key = fold(base)
    for word in sorted(_SCALE_WORDS, key=len, reverse=True):
        folded = fold(word)
        if key.startswith(folded + " "):
            base = base[len(word) :].strip()
            break
    candidate = f"{scale.strip()} {base}".strip()
    return candidate if base and lookup(candidate) is not None else ""


def _mark_evidence(text: str) -> str | None:
    """ "en", "vi" or None: what a number typed as text says about the file's convention."""
    core = text.strip().rstrip("%").strip().lstrip("+-\u2212(").rstrip(")").strip()
    if not re.fullmatch(r"\d[\d.,]*\d", core):
        return None
    dots, commas = core.count("."), core.count(",")
    if dots and commas:
        return "en" if core.rfind(".") > core.rfind(",") else "vi"
    if commas > 1 or dots > 1:
        return "en" if commas > 1 else "vi"  # grouping marks: "1,234,567" / "1.234.567"
    mark = "," if commas else "."
    if not (commas or dots):
        return None
    whole, _, frac = core.partition(mark)
    if len(frac) == 3 and whole != "0":
        return None  # "2,931" / "1.234": the very question
    return "vi" if mark == "," else "en"  # a decimal comma / a decimal point


def number_convention(cells: Any) -> tuple[str, str] | None:
    """ ("en" or "vi", the cell ref of the first evidence) when the file's text numbers agree
    on one convention, else None. `cells` is any iterable of cells (None ones skipped)."""
    found: dict[str, str] = {}
    for cell in cells:
        value = getattr(cell, "value", None)
        if isinstance(value, str):
            kind = _mark_evidence(value)
            if kind and kind not in found:
                found[kind] = cell.ref
                if len(found) == 2:
                    return None
    if len(found) != 1:
        return None
    kind, ref = next(iter(found.items()))
    return kind, ref


def by_convention(parsed: ParsedNumber, convention: str | None) -> float | None:
    """The value of a number under the file's convention: the other reading of an ambiguous
    figure when the file writes the English way ("2,931" is 2931, "1.234" is 1.234)."""
    if parsed.ambiguous and convention == "en" and parsed.alternative is not None:
        return parsed.alternative
    return parsed.value


def read_number(value: Any, number_format: str | None = "General", *, n_of_m: bool = False) -> ParsedNumber:
    """The number a cell holds; with `n_of_m`, "13/13" reads as 13 (13 of the 13 planned)."""
    if n_of_m and isinstance(value, str):
        match = _n_of_m().match(value)
        if match:
            return parse_number(match.group(1))
    return parse_number(value, number_format)


def cell_number(cell: Any, convention: str | None = None) -> float | None:
    """The number in a side cell (plan, ratio, same period), or None when it holds none;
    an ambiguous one as the file's `convention` reads it."""
    if cell is None or getattr(cell, "value", None) is None or getattr(cell, "uncalculated", False):
        return None
    parsed = parse_number(cell.value, getattr(cell, "number_format", "General"))
    return by_convention(parsed, convention) if parsed.error is None else None


def ambiguous_alike(cell: Any, parsed: ParsedNumber) -> bool:
    """True when a side cell (the plan) is ambiguous the same way as the figure: "4,400" beside
    "2,931" is misread the same way, so it cannot confirm the figure's reading."""
    value = getattr(cell, "value", None)
    if not isinstance(value, str) or not parsed.ambiguous:
        return False
    other = parse_number(value)
    return other.ambiguous and other.note == parsed.note


def unit_in_name(name: str) -> str:
    """ "Tổng mức bán lẻ (triệu đồng)" -> "triệu đồng" when the bracket holds a known unit."""
    match = _trailing_parens().search(name)
    text = match.group(0).strip(" ()") if match else ""
    return text if text and lookup(text) is not None else ""


def same_unit(a: str, b: str) -> bool:
    ua, ub = lookup(a), lookup(b)
    if ua is None or ub is None:
        return fold(a) == fold(b)
    return ua.name == ub.name or (ua.dimension == ub.dimension and ua.factor == ub.factor)
