"""Cell values of an .xlsx part as Python values, exactly as openpyxl gives them.

The checks were written against openpyxl's values; this module keeps its conventions so that
they behave the same: a number with no "." or exponent is an int, a number styled with a date
format is a datetime (a time or duration becomes its text), booleans are bool, errors such as
"#DIV/0!" and formula strings stay text. Also the built-in number formats (ids 0-49).
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from lsplan.readers.base import CellValue
from lsplan.text import lazy_pattern

BUILTIN_FORMATS = {
    0: "General",
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)',
    6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)',
    8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    12: "# ?/?",
    13: "# ??/??",
    14: "mm-dd-yy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)",
    38: "#,##0_);[Red](#,##0)",
    39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)",
    41: r'_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)',
    42: r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)',
    43: r'_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)',
    44: r'_("$"* #,##0.00_)_("$"* \(#,##0.00\)_("$"* "-"??_)_(@_)',
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mmss.0",
    48: "##0.0E+0",
    49: "@",
}
CUSTOM_FORMAT_FLOOR = 164  # ids below are built in (those missing from the table show "General")

WINDOWS_EPOCH = datetime(1899, 12, 30)
MAC_EPOCH = datetime(1904, 1, 1)
_MS_PER_DAY = 86_400_000


# [h], [mm], [ss]: elapsed-time blocks, the only [...] blocks that count as date codes.
# Compiled on first use: a custom number format's date codes, t="d" cells and durations are
# rare in reports; the ~0.5 ms of compiling them at import was paid by every start.
_elapsed = lazy_pattern(r"\[(?:hh?|mm?|ss?)\]")


_special = lazy_pattern(r'["\[]')


_DATE_CODE = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_TIMEDELTA = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.I)


_iso = lazy_pattern(
    r"(?P<date>(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2}))?T?"
    r"(?P<time>(?P<hour>\d{2}):(?P<minute>\d{2})(:(?P<second>\d{2})(?P<microsecond>\.\d{1,3})?)?)?Z?"
)


_iso_duration = lazy_pattern(r"PT((?P<hours>\d+)H)?((?P<minutes>\d+)M)?((?P<seconds>\d+(\.\d{1,3})?)S)?")


def is_date_format(code: str | None) -> bool:
    """A date or time format, judged on the part before the first ";" without quotes or [...]."""
    if code is None:
        return False
    return _DATE_CODE.search(strip_literals(code.split(";")[0])) is not None


def strip_literals(section: str) -> str:
    """`section` without quoted text ("...") and [...] blocks ([$-42A], [Red]; not [h], [mm]).

    One pass, linear in the length: each quote or bracket is matched by one search forward, and
    a quote or bracket with no partner after it is kept as it is without searching (a regular
    expression took quadratic time on 40,000 unmatched "[": 560 s for one workbook).
    """
    out: list[str] = []
    last_quote, last_close = section.rfind('"'), section.rfind("]")
    # Past both, no quote or bracket can close: the rest is kept as it is.
    n, kept_from = min(len(section), max(last_quote, last_close)), 0
    i = 0
    while i < n:
        special = _special().search(section, i, n)
        if special is None:
            break
        i = special.start()
        ch = section[i]
        end = -1
        if ch == '"' and i < last_quote:
            end = section.find('"', i + 1)
            if "\n" in section[i + 1 : end]:  # quoted text stays on one line
                end = -1
        elif ch == "[" and i < last_close and not _elapsed().match(section, i):
            end = section.find("]", i + 1)
        if end < 0:
            i += 1
            continue
        out.append(section[kept_from:i])
        i = kept_from = end + 1
    out.append(section[kept_from:])
    return "".join(out)


def is_timedelta_format(code: str | None) -> bool:
    return code is not None and _TIMEDELTA.search(code.split(";")[0]) is not None


# Longer <v> text is kept as text: lsplan.numbers refuses it on its own cell (value-too-long),
# where int() would refuse the whole file beyond 4,300 digits, and spend quadratic time up to it.
_LONGEST_NUMBER = 64


def cast_number(text: str) -> int | float | str:
    """Raise ValueError for text that is not a number (the file is then damaged)."""
    if len(text) > _LONGEST_NUMBER:
        return text
    if "." in text or "E" in text or "e" in text:
        return float(text)
    try:
        return int(text)
    except ValueError:
        return float(text)  # "NaN", "INF": no spreadsheet writes them; the cell's check refuses them


def from_serial(value: int | float, epoch: datetime, duration: bool) -> CellValue:
    """An Excel date serial as a datetime (a time of day or a duration as its text)."""
    if duration:
        span = timedelta(days=value)
        if span.microseconds:
            span = timedelta(seconds=span.total_seconds() // 1, microseconds=round(span.microseconds, -3))
        return str(span)
    day, fraction = divmod(value, 1)
    diff = timedelta(milliseconds=round(fraction * _MS_PER_DAY))
    if 0 <= value < 1 and diff.days == 0:
        minutes, seconds = divmod(diff.seconds, 60)
        hours, minutes = divmod(minutes, 60)
        return str(time(hours, minutes, seconds, diff.microseconds))
    if 0 < value < 60 and epoch == WINDOWS_EPOCH:
        day += 1  # Excel's fictitious 29 February 1900
    return epoch + timedelta(days=day) + diff


def from_iso(text: str) -> CellValue:
    """A t="d" cell (ISO 8601 text), as openpyxl reads it; raise ValueError when it is not one."""
    if not text:
        return None
    match = _iso().match(text)
    if match and any(match.groups()):
        parts = match.groupdict(0)
        number = {
            k: int(parts[k]) if parts[k] else 0 for k in ("year", "month", "day", "hour", "minute", "second")
        }
        micro = int(float(parts["microsecond"]) * 1_000_000) if parts["microsecond"] else 0
        if not parts["date"]:
            return str(time(number["hour"], number["minute"], number["second"], micro))
        if not parts["time"]:
            return datetime(number["year"], number["month"], number["day"])
        n = number
        return datetime(n["year"], n["month"], n["day"], n["hour"], n["minute"], n["second"], micro)
    match = _iso_duration().match(text)
    if match and any(match.groups()):
        spans = {k: float(v) for k, v in match.groupdict().items() if v}
        return str(timedelta(**spans))
    raise ValueError(f"invalid date {text[:40]!r}")

