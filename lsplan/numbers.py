"""Numbers as a person in Vietnam types them, and as Excel shows them.

`parse_number(value, number_format)` turns a cell's value into a float, deciding the scale
of percentages from the cell's number format (never from the value) and the meaning of "."
and "," by a documented rule:

* Vietnamese convention first: "," is the decimal mark and "." groups thousands
  ("9.937,8" = 9937.8, "1.234.567" = 1234567, "8,5%" = 8.5 %).
* When both marks appear, the last one is the decimal mark ("9,937.8" = 9937.8, English).
* A single "." followed by exactly three digits ("1.234") groups thousands (1234); a single ","
  followed by exactly three digits ("1,234") is a decimal mark (1.234). Both are flagged
  `ambiguous=True` so that the checks can warn, with the other reading in `alternative`. A
  single "." followed by any other number of digits ("9937.8", "12.50") cannot be a thousands
  mark, so it is read as a decimal point.
* The checks (lsplan.check_rows) then settle an ambiguous figure from the same row of the sheet
  when they can: the sender's own "So với kế hoạch (%)" (value ÷ plan within 1 percentage point)
  or, without it, the sender's "Kế hoạch" (a cumulative figure between 1 % and 300 % of the plan).
  "2.350" with plan "4.400" and ratio "53,4" can only be 2350: no warning (an info finding
  records why). When that evidence fits only the other reading ("2,350" beside a plan of 4.400
  and 53,4 %), the warning says so and gives both readings; the figure kept is still the one
  this rule gives, so that the rule stays predictable, and the sender is asked to write it
  unambiguously. Without evidence either way, the warning gives both readings.
* "-", "—", "x", "..." and empty text mean "no value" (value None, no error).
* A figure is finite and of a sane length, or it is an error: "1e400", "inf", "nan" and cells
  holding infinity or NaN are `value-not-finite`; a figure of more than `MAX_NUMBER_CHARS`
  characters (a 309-digit number) is `value-too-long`. No float infinity ever leaves here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

NOT_A_NUMBER = "not-a-number"
NOT_FINITE = "value-not-finite"
TOO_LONG = "value-too-long"
# The longest figure read: "1.234.567.890.123.456,789" is 25 characters, and a float has 17
# significant digits. Longer text is refused before any parsing (which also keeps every regular
# expression here on bounded input); 2**212 is the first integer of 65 digits.
MAX_NUMBER_CHARS = 64
_MAX_INT_BITS = 212
_NON_FINITE_WORDS = {"inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "nan", "-nan", "∞", "-∞"}
_NUMBER_CHARS = frozenset("0123456789.,+-eE%() \u2212\u2013")

_NO_VALUE = {"", "-", "--", "—", "–", "x", "X", "...", "…", "..", "n/a", "N/A", "#N/A", "?"}
_MINUS = ("-", "\u2212", "\u2013")  # hyphen-minus, minus sign, en dash (typed for minus)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")
_GROUPED_SPACES = re.compile(r"^\d{1,3}( \d{3})+([.,]\d+)?$")
_SCIENTIFIC = re.compile(r"^\d+(\.\d+)?[eE][+-]?\d+$")
_DIGITS_AND_MARKS = re.compile(r"^[0-9][0-9.,]*$")


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """The outcome of reading one value: a number, "no value", or an error code."""

    value: float | None
    percent: bool = False  # the figure is a percentage (8.5 means 8.5 %)
    ambiguous: bool = False  # "1.234" / "1,234": decided by the rule above, worth a warning
    note: str = ""  # how the text was read, for messages
    alternative: float | None = None  # when ambiguous: the other reading ("1.234" -> 1.234)
    error: str | None = None  # "not-a-number", "value-not-finite", "value-too-long", or None

    @property
    def ok(self) -> bool:
        return self.error is None


@lru_cache(maxsize=4096)  # once per format, not once per cell: a format may be 512 characters
def is_percent_format(number_format: str | None) -> bool:
    """True when the first section of an Excel number format shows a percentage.

    Quoted text, backslash escapes, `_x`/`*x` spacing codes and `[...]` blocks
    (`[$-42A]`, `[Red]`) do not count: `0.0"%"` shows a literal %, not a scaled value.
    """
    if not number_format:
        return False
    i, n = 0, len(number_format)
    while i < n:
        ch = number_format[i]
        if ch == ";":
            return False
        if ch == '"':
            end = number_format.find('"', i + 1)
            i = n if end < 0 else end + 1
            continue
        if ch in "\\_*":
            i += 2
            continue
        if ch == "[":
            end = number_format.find("]", i + 1)
            i = n if end < 0 else end + 1
            continue
        if ch == "%":
            return True
        i += 1
    return False


def parse_number(value: object, number_format: str | None = "General") -> ParsedNumber:
    """Read a cell value as a number; never raises."""
    if value is None:
        return ParsedNumber(None)
    if isinstance(value, bool):
        return ParsedNumber(None, note="a TRUE/FALSE value", error=NOT_A_NUMBER)
    if isinstance(value, int) and abs(value).bit_length() > _MAX_INT_BITS:
        return ParsedNumber(None, note="a number of more than 64 digits", error=TOO_LONG)
    if isinstance(value, int | float):
        number = float(value)
        if not math.isfinite(number):
            return ParsedNumber(None, note="not a finite number", error=NOT_FINITE)
        if is_percent_format(number_format):
            # Excel stores 8.5 % as 0.085; round away the binary noise of the scaling.
            scaled = round(number * 100, 10)
            if not math.isfinite(scaled):  # 1.8e306 shown as a percentage (found by hypothesis)
                return ParsedNumber(None, note="not a finite number once scaled", error=NOT_FINITE)
            return ParsedNumber(scaled, percent=True, note="percent-formatted cell")
        return ParsedNumber(number)
    if isinstance(value, datetime | date | time | timedelta):
        return ParsedNumber(None, note="a date or time", error=NOT_A_NUMBER)
    if not isinstance(value, str):
        return ParsedNumber(None, note=f"a {type(value).__name__}", error=NOT_A_NUMBER)
    return _parse_text(value)


def _parse_text(raw: str) -> ParsedNumber:
    if len(raw) > 4 * MAX_NUMBER_CHARS:  # not even spaces make this a figure: no regex runs on it
        return _too_long(raw)
    text = _SPACES.sub(" ", raw).strip()
    if text in _NO_VALUE:
        return ParsedNumber(None, note="no value")
    if text.lower() in _NON_FINITE_WORDS:
        return ParsedNumber(None, note=f"{text!r} is not a finite number", error=NOT_FINITE)
    if len(text) > MAX_NUMBER_CHARS:
        return _too_long(raw)
    percent = False
    if text.endswith("%"):
        percent = True
        text = text[:-1].rstrip()
    negative = False
    if len(text) >= 2 and text[0] == "(" and text[-1] == ")":
        negative, text = True, text[1:-1].strip()
    if text[:1] == "+":
        text = text[1:].lstrip()
    elif text[:1] in _MINUS:
        negative, text = not negative, text[1:].lstrip()
    if text.endswith("%") and not percent:
        percent, text = True, text[:-1].rstrip()
    parsed = _parse_unsigned(text)
    if parsed is None:
        return ParsedNumber(None, note=f"cannot read {raw.strip()[:40]!r} as a number", error=NOT_A_NUMBER)
    number, ambiguous, note = parsed
    if not math.isfinite(number):  # "1e400", or 300 digits that float() takes as infinity
        return ParsedNumber(None, note=f"{raw.strip()[:40]!r} is not a finite number", error=NOT_FINITE)
    other = _other_reading(text) if ambiguous else None
    if other is not None and negative:
        other = -other
    sign = -1 if negative else 1
    return ParsedNumber(sign * number, percent=percent, ambiguous=ambiguous, note=note, alternative=other)


def _too_long(raw: str) -> ParsedNumber:
    """A text too long to be a figure: value-too-long when it is made of number characters."""
    shown = raw.strip()[:40]
    if set(_SPACES.sub(" ", raw)) <= _NUMBER_CHARS:
        return ParsedNumber(None, note=f"{len(raw):,} characters: {shown!r}...", error=TOO_LONG)
    return ParsedNumber(None, note=f"cannot read {shown!r} as a number", error=NOT_A_NUMBER)


def _other_reading(text: str) -> float | None:
    """The reading the rule did not choose for "1.234" / "1,234": the mark taken the other way."""
    mark = "," if "," in text else "."
    whole, _, frac = text.partition(mark)
    return float(whole + "." + frac) if mark == "." else float(whole + frac)


def _parse_unsigned(text: str) -> tuple[float, bool, str] | None:
    """(value, ambiguous, note) for digits with "." / "," / space marks, else None."""
    if " " in text:
        if not _GROUPED_SPACES.match(text):
            return None
        text = text.replace(" ", "")
    if _SCIENTIFIC.match(text):
        return float(text), False, "scientific notation"
    if not _DIGITS_AND_MARKS.match(text) or text[-1] in ".,":
        return None
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        group = "." if decimal == "," else ","
        whole, _, frac = text.rpartition(decimal)
        if group not in whole or decimal in whole or not _grouped(whole, group):
            return None
        note = "Vietnamese format" if decimal == "," else "English format (',' groups thousands)"
        return float(whole.replace(group, "") + "." + frac), False, note
    if commas > 1:
        return (float(text.replace(",", "")), False, "',' groups thousands") if _grouped(text, ",") else None
    if dots > 1:
        return (float(text.replace(".", "")), False, "'.' groups thousands") if _grouped(text, ".") else None
    if commas == 1 or dots == 1:
        mark = "," if commas else "."
        whole, _, frac = text.partition(mark)
        three = len(frac) == 3 and 1 <= len(whole) <= 3 and whole != "0"
        if mark == ",":
            note = "',' read as the decimal mark (Vietnamese rule)" if three else "Vietnamese decimal comma"
            return float(whole + "." + frac), three, note
        if three:
            return float(whole + frac), True, "'.' read as a thousands mark (Vietnamese rule)"
        return float(text), False, "decimal point"
    return float(text), False, ""


def _grouped(whole: str, group: str) -> bool:
    """True when `whole` is digits grouped by threes: "1.234.567", not "12.34"."""
    parts = whole.split(group)
    return 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:]) and all(p.isdigit() for p in parts)
