"""Headers of two rows: "Năm 2025" over "Kế hoạch | Ước thực hiện", "Phân công thực hiện" over
"Cơ quan chủ trì | Cơ quan phối hợp". The second row names the columns the first one spans;
read together, each column is named by both ("Năm 2025 Kế hoạch": last year's plan, not this
year's target; "Phân công thực hiện Cơ quan phối hợp": the support column).
"""

from __future__ import annotations

import re

_FIGURE = re.compile(r"^[\s≥≤<>~]*\d[\d.,\s%-–]*$")


def is_subheader(cells: tuple[str, ...]) -> bool:
    """A row of column names only: no number in its first cell, no figure anywhere."""
    filled = [c for c in cells if c.strip()]
    return bool(filled) and not any(_FIGURE.match(c) for c in filled) and all(len(c) <= 60 for c in filled)


def merge_header(top: tuple[str, ...], sub: tuple[str, ...]) -> tuple[str, ...]:
    """Each column named by the first row's cell (a span's text carried to the columns it covers)
    and the second row's, when that one says more."""
    out: list[str] = []
    carried = ""
    for index in range(max(len(top), len(sub))):
        upper = top[index].strip() if index < len(top) else ""
        lower = sub[index].strip() if index < len(sub) else ""
        if upper:
            carried = upper
        elif lower:
            upper = carried  # an empty cell of the first row under a span: the span's text
        if lower and lower != upper:
            out.append(f"{upper} {lower}".strip())
        else:
            out.append(upper)
    return tuple(out)
