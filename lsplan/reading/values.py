"""Stage "values": a row's cells as numbers, in a unit.

Numbers are read by `lsplan.numbers.parse_number` (the Vietnamese rule for "." and ","); this
stage adds what a report's row says around the number: "13/13 sản phẩm" for a ratio, the unit
in the name's bracket ("Tổng mức bán lẻ (triệu đồng)").
"""

from __future__ import annotations

import re
from typing import Any

from lsplan.numbers import ParsedNumber, parse_number
from lsplan.text import fold
from lsplan.units import lookup

_N_OF_M = re.compile(r"^\s*(\d+)\s*/\s*\d+\s*$")
_TRAILING_PARENS = re.compile(r"\s*\([^()]*\)\s*$")


def read_number(value: Any, number_format: str | None = "General", *, n_of_m: bool = False) -> ParsedNumber:
    """The number a cell holds; with `n_of_m`, "13/13" reads as 13 (13 of the 13 planned)."""
    if n_of_m and isinstance(value, str):
        match = _N_OF_M.match(value)
        if match:
            return parse_number(match.group(1))
    return parse_number(value, number_format)


def cell_number(cell: Any) -> float | None:
    """The number in a side cell (plan, ratio, same period), or None when it holds none."""
    if cell is None or getattr(cell, "value", None) is None or getattr(cell, "uncalculated", False):
        return None
    parsed = parse_number(cell.value, getattr(cell, "number_format", "General"))
    return parsed.value if parsed.error is None else None


def unit_in_name(name: str) -> str:
    """ "Tổng mức bán lẻ (triệu đồng)" -> "triệu đồng" when the bracket holds a known unit."""
    match = _TRAILING_PARENS.search(name)
    text = match.group(0).strip(" ()") if match else ""
    return text if text and lookup(text) is not None else ""


def same_unit(a: str, b: str) -> bool:
    ua, ub = lookup(a), lookup(b)
    if ua is None or ub is None:
        return fold(a) == fold(b)
    return ua.name == ub.name or (ua.dimension == ub.dimension and ua.factor == ub.factor)
