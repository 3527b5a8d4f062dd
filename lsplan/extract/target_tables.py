"""Targets written as a table ("Biểu chỉ tiêu chủ yếu"): STT | Chỉ tiêu | Đơn vị tính |
Ước thực hiện 2025 | Kế hoạch 2026. The planned columns are read ("Kế hoạch", "Mục tiêu",
"Chỉ tiêu", a year not before the plan's); columns of results and estimates ("Thực hiện",
"Ước thực hiện", "TH", "ƯTH", earlier years) are not. A bare figure takes the comparison the
catalogue indicator's direction asks (more is better: at least; less is better: at most), and
the proposal says so; a figure with a sign or a word ("≥ 95", "trên 95", "8 - 8,5",
"khoảng 40") takes that.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lsplan.extract.model import Document, Paragraph, Period, TargetProposal
from lsplan.extract.quantities import _UNIT, parse_number
from lsplan.extract.table_header import is_subheader, merge_header
from lsplan.extract.target_periods import _AVERAGE, _PER_YEAR, _SPAN
from lsplan.findings import make_finding
from lsplan.model import Finding
from lsplan.text import fold

_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_VALUE = re.compile(
    rf"^(?P<q>≥|>=|>|≤|<=|<|~|trên|dưới|tối thiểu|tối đa|ít nhất|không quá|khoảng|xấp xỉ|giảm|tăng)?\s*"
    rf"(?P<a>{_NUM})\s*%?\s*(?:(?:-|–|—|đến)\s*(?P<b>{_NUM})\s*%?)?"
    rf"(?:\s*(?:{_UNIT}))?\s*(?P<after>trở lên)?"  # "75 triệu đồng": a unit repeated in the cell
    rf"\s*(?P<note>\[\^?\d{{1,2}}\]|\(\d{{1,2}}\)|\*+)?$",  # "75[^1]", "75(1)": a footnote marker
    re.IGNORECASE,
)
# What the row's own name says about its figure, as the prose rules read it (lsplan.extract.
# targets): "giảm" is a cut, a share of a structure ("Tỷ trọng …", "Cơ cấu …") is a band, and
# "bình quân giai đoạn 2026 - 2030" or "… mỗi năm" is a yearly average over the span.
_CUT = re.compile(r"\b(?:giam|cat giam)\b")
_LEVEL_AFTER_CUT = re.compile(r"\b(?:con|xuong)\b")
_STRUCTURE = re.compile(r"^(?:ty trong|co cau)\b|\bchiem\b")
_PAST_COLUMN = re.compile(r"\b(?:thuc hien|uoc|uth|th|ket qua|thuc te|so sanh|ty le so)\b")
_PLAN_COLUMN = re.compile(r"\b(?:ke hoach|kh|muc tieu|chi tieu|phan dau|du kien)\b")


def _columns(cells: tuple[str, ...], plan_year: int | None) -> dict[str, object] | None:
    name = unit = None
    planned: list[tuple[int, int | None]] = []
    worded: list[bool] = []  # the column says it holds the plan ("Kế hoạch", "Mục tiêu")
    for index, cell in enumerate(cells):
        key = fold(cell)
        if (
            name is None
            and re.search(r"\bchi tieu\b|\bten chi tieu\b|\bnoi dung\b", key)
            and not re.search(r"\d{4}", key)
        ):
            name = index
            continue
        if unit is None and re.search(r"\bdon vi\b|\bdvt\b|\bdon vi tinh\b", key):
            unit = index
            continue
        if _PAST_COLUMN.search(key):
            continue
        years = [int(y) for y in re.findall(r"(?:19|20)\d\d", key)]
        if years and plan_year is not None and max(years) < plan_year:
            continue  # "Năm 2025 Kế hoạch": a past year's plan, not a target of this one
        if _PLAN_COLUMN.search(key) or years:
            planned.append((index, max(years) if years else None))
            worded.append(bool(_PLAN_COLUMN.search(key)))
    # "Năm 2025 | Mục tiêu đến năm 2030": beside a column that says it holds the plan, a bare
    # earlier year is the baseline the plan starts from, not a target.
    goal = max((y for (_, y), w in zip(planned, worded, strict=True) if w and y), default=None)
    if goal is not None:
        planned = [(i, y) for (i, y), w in zip(planned, worded, strict=True) if w or y is None or y >= goal]
    if name is None or not planned:
        return None
    return {"name": name, "unit": unit, "planned": planned}


Matcher = Callable[..., tuple[str | None, float]]
# What a plan wants less of: a bare figure of such an indicator is a ceiling.
_LESS_IS_BETTER = re.compile(
    r"\b(?:ho ngheo|can ngheo|that nghiep|tai nan|tu vong|suy dinh duong|o nhiem|no xau|no dong|"
    r"toi pham|chay rung|lao dong nong nghiep|ty le sinh|chenh lech|thoi gian (?:giai quyet|xu ly))\b"
)


def _direction_of_name(name: str) -> str:
    """For an indicator the catalogue does not know: what its name says is better. A plan's
    figure to reach is a floor ("Kim ngạch xuất khẩu … 2.800"), a poverty rate's a ceiling."""
    return "lower" if _LESS_IS_BETTER.search(fold(name)) else "higher"


def table_targets(
    document: Document,
    reports: Callable[[Paragraph], bool],
    plan_year: int | None,
    default: Period,
    match: Matcher,
    direction_of: Callable[[str], str],
    new_id: Callable[[str], str],
    unread: list[Finding] | None = None,
) -> list[TargetProposal]:
    """The targets of the document's target tables; a planned cell with a figure that is not
    read is put in `unread` as a finding on its row (never dropped without a word)."""
    out: list[TargetProposal] = []
    columns: dict[str, object] | None = None
    header_cells: tuple[str, ...] | None = None  # the row just read as the header
    for paragraph in document.paragraphs:
        if paragraph.kind != "row":
            columns, header_cells = None, None
            continue
        if header_cells is not None and is_subheader(paragraph.cells):
            merged = merge_header(header_cells, paragraph.cells)
            columns, header_cells = _columns(merged, plan_year) or columns, None
            continue
        header = _columns(paragraph.cells, plan_year)
        if header is not None:
            columns, header_cells = header, paragraph.cells
            continue
        header_cells = None
        if columns is None or reports(paragraph):
            continue
        out.extend(_row_targets(paragraph, columns, default, match, direction_of, new_id, unread))
    return out


def _row_targets(
    row: Paragraph,
    columns: dict[str, object],
    default: Period,
    match: Matcher,
    direction_of: Callable[[str], str],
    new_id: Callable[[str], str],
    unread: list[Finding] | None = None,
) -> list[TargetProposal]:
    cells = row.cells
    name_index = columns["name"]
    assert isinstance(name_index, int)
    if name_index >= len(cells):
        return []
    name = re.sub(r"^[-–+•*]\s*", "", cells[name_index]).strip()
    unit_index = columns["unit"]
    unit = cells[unit_index].strip() if isinstance(unit_index, int) and unit_index < len(cells) else ""
    if not name or not unit:
        return []
    out = []
    planned = columns["planned"]
    assert isinstance(planned, list)
    for index, year in planned:
        if index >= len(cells):
            continue
        value = _VALUE.match(cells[index].strip())
        if not value:
            if unread is not None and re.search(r"\d", cells[index]):
                written_value, where = cells[index].strip(), row.section or None
                unread.append(
                    make_finding("extract-value-unread", name=name, value=written_value, cell=where)
                )
            continue
        low: float | None = parse_number(value.group("a"))
        high: float | None = parse_number(value.group("b")) if value.group("b") else None
        written = (value.group("q") or value.group("after") or "").strip()
        qualifier = written.lower()
        unit_text = "%" if unit.strip() == "%" else unit
        indicator_id, score = match(name, unit_text, "", set(), frozenset())
        notes: list[str] = []
        folded_name = fold(name)
        cut = bool(_CUT.search(folded_name)) and not _LEVEL_AFTER_CUT.search(folded_name)
        if cut and not qualifier or qualifier == "giảm":
            # "Tỷ lệ hộ nghèo giảm bình quân mỗi năm | % | 3 - 4", "Tỷ lệ hộ nghèo | % | giảm 0,5 - 1"
            comparison = "reduction"
            high = high if high is not None else low
        elif qualifier == "tăng":  # "Kim ngạch xuất khẩu | % | tăng 10": a change on the year before
            comparison = "relative"
        elif high is not None and not value.group("after") and _STRUCTURE.search(folded_name):
            comparison = "band"  # "Tỷ trọng công nghiệp - xây dựng trong GRDP | % | 25 - 26"
        elif high is not None:
            comparison = "at_least" if value.group("after") else "range"
            high = None if value.group("after") else high
        elif qualifier in ("≥", ">=", ">", "trên", "tối thiểu", "ít nhất", "trở lên"):
            comparison, high = "at_least", None
        elif qualifier in ("≤", "<=", "<", "dưới", "tối đa", "không quá"):
            comparison, low, high = "at_most", None, low
        elif qualifier in ("~", "khoảng", "xấp xỉ"):
            comparison, high = "approx", low
        else:
            direction = direction_of(indicator_id) if indicator_id else _direction_of_name(name)
            comparison = {"higher": "at_least", "lower": "at_most"}.get(direction, "exact")
            if comparison == "at_most":
                low, high = None, low
            elif comparison == "exact":
                high = low
            notes.append(
                f"a bare figure in a table, read as {comparison}"
                + (f" ({direction} is better)" if direction else "")
            )
        period = _row_period(name, comparison, default) or (Period(year=year) if year else default)
        start = row.start + row.text.find(cells[name_index])
        quote = row.text[
            row.text.find(cells[name_index]) : row.text.find(cells[index], row.text.find(cells[name_index]))
            + len(cells[index])
        ]
        out.append(
            TargetProposal(
                indicator=name,
                indicator_id=indicator_id,
                new_indicator=None if indicator_id else new_id(name),
                comparison=comparison,
                low=low,
                high=high,
                unit=unit_text,
                period=period if period.year or period.start else Period(year=default.end),
                qualifier=written,
                section=row.section,
                quote=quote,
                offset=start,
                confidence=round(min(0.95, 0.45 + 0.5 * score), 2) if indicator_id else 0.4,
                notes=tuple(notes),
            )
        )
    return out


def _row_period(name: str, comparison: str, default: Period) -> Period | None:
    """The span a row's name gives its figure: "bình quân giai đoạn 2026 - 2030" (a yearly
    average), "… mỗi năm" beside a cut (per year, over the plan's span when the name gives
    none); None when the name says nothing of it."""
    span = _SPAN.search(name)
    if span and _AVERAGE.search(name):
        return Period(start=int(span.group(1)), end=int(span.group(2)), basis="annual_average")
    if comparison == "reduction" and _PER_YEAR.search(name):
        if span:
            return Period(start=int(span.group(1)), end=int(span.group(2)), basis="per_year")
        if default.start is not None and default.end is not None and default.start != default.end:
            return Period(start=default.start, end=default.end, basis="per_year")
    return None
