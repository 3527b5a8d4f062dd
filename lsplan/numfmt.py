"""Numbers as readers expect them: Vietnamese "9.937,8" or English "9,937.8".

Vietnamese documents group thousands with "." and mark decimals with ","; English does the
reverse. Formatting never changes a value beyond the rounding asked for, so a formatted figure
can be read back (`parse_number`) and compared with the JSON it came from.
"""

from __future__ import annotations

import math
from functools import cache

# (thousands separator, decimal mark) per language.
_SEPARATORS = {"vi": (".", ","), "en": (",", ".")}


def separators(lang: str) -> tuple[str, str]:
    """The thousands separator and decimal mark of `lang` ("vi" or "en"; others read as "en")."""
    return _SEPARATORS.get(lang, _SEPARATORS["en"])


def auto_decimals(value: float) -> int:
    """How many decimals a figure of this size deserves in a report.

    Large figures (1.000 and more) keep one decimal, as the plans write them ("10.783,1 tỷ
    đồng"); smaller ones two, so that growth rates such as 8,27 % keep their precision.
    Trailing zeros are dropped by `format_number` afterwards.
    """
    return 1 if abs(value) >= 1000 else 2


@cache
def _decimal():
    """The decimal module, imported on the first figure written: ~1.7 ms that a check whose
    output and findings hold no formatted figure (a clean report in JSON) does without."""
    import decimal

    return decimal


def format_number(
    value: float | int | None,
    lang: str = "vi",
    decimals: int | None = None,
    *,
    trim: bool = True,
    empty: str = "—",
) -> str:
    """Format `value` for `lang`, rounded to `decimals` (None: `auto_decimals`).

    With `trim`, trailing zeros after the decimal mark are dropped ("8,50" -> "8,5"; "12,00" -> "12").
    None, NaN and infinities give `empty`: a report never shows "nan".
    """
    if value is None or isinstance(value, bool):
        return empty
    number = float(value)
    if not math.isfinite(number):
        return empty
    places = auto_decimals(number) if decimals is None else max(0, decimals)
    # Half rounds up, as people round ("4.500,25" -> "4.500,3"), on the shortest decimal repr of
    # the float, so that 2.675 (stored as 2.67499...) still reads 2,68 as the sender wrote it.
    # Enough precision for any finite float (up to ~1.8e308) so quantize never overflows.
    dec = _decimal()
    with dec.localcontext() as context:
        context.prec = 400
        rounded = dec.Decimal(repr(abs(number))).quantize(
            dec.Decimal(1).scaleb(-places), rounding=dec.ROUND_HALF_UP
        )
    text = f"{rounded:,.{places}f}"  # "9,937.80": English grouping, our placeholders below
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    thousands, decimal = separators(lang)
    text = text.replace(",", "\x00").replace(".", decimal).replace("\x00", thousands)
    # "-0" is not a figure: the sign shows only when the rounded value is not zero.
    negative = number < 0 and rounded != 0
    return ("-" if negative else "") + text


def format_percent(value: float | None, lang: str = "vi", decimals: int = 1, *, empty: str = "—") -> str:
    """A percentage with its sign: "95,3%" (vi) or "95.3%" (en)."""
    text = format_number(value, lang, decimals, empty=empty)
    return text if text == empty else f"{text}%"


def parse_number(text: str, lang: str = "vi") -> float:
    """Read back a figure written by `format_number` (ignores a trailing "%" and spaces)."""
    thousands, decimal = separators(lang)
    cleaned = text.strip().rstrip("%").strip().replace("\u00a0", "").replace(" ", "")
    cleaned = cleaned.replace(thousands, "").replace(decimal, ".")
    return float(cleaned)


def roman(number: int) -> str:
    """Roman numerals for group rows in reports (1 -> "I", 14 -> "XIV")."""
    if number <= 0:
        raise ValueError("roman numerals start at 1")
    numerals = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    out = []
    for size, letters in numerals:
        count, number = divmod(number, size)
        out.append(letters * count)
    return "".join(out)
