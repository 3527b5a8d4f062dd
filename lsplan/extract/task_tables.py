"""Stage 8b: annex tables of tasks -> task proposals.

STT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian | Sản phẩm: rows "I", "II" (or "A",
"B") open parts whose numbering restarts, a header may run over two rows (lsplan.extract.
table_header), and year columns become milestones. lsplan.extract.tasks reads the other shapes.
"""

from __future__ import annotations

import re

from lsplan.extract.agencies import AgencyFinder
from lsplan.extract.model import Document, Paragraph, TaskProposal
from lsplan.extract.table_header import is_subheader, merge_header
from lsplan.text import fold

_YEAR = re.compile(r"(?:19|20)\d\d")
_COLUMNS = (
    ("number", re.compile(r"^(?:stt|tt|so tt)$")),
    ("support", re.compile(r"phoi hop")),
    ("lead", re.compile(r"chu tri|thuc hien")),
    ("time", re.compile(r"thoi gian|tien do|thoi han")),
    ("product", re.compile(r"san pham|ket qua")),
    ("title", re.compile(r"noi dung|nhiem vu|ten|hoat dong|giai phap|cong viec")),
)


def _header(cells: tuple[str, ...]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = fold(cell)
        if _YEAR.fullmatch(key.replace("nam ", "").strip()):
            columns[f"year:{key.replace('nam ', '').strip()}"] = index
            continue
        for name, pattern in _COLUMNS:
            if name not in columns and pattern.search(key):
                columns[name] = index
                break
    return columns if {"title", "lead"} <= set(columns) else None


def _table_tasks(rows: list[Paragraph], document: Document, finder: AgencyFinder) -> list[TaskProposal]:
    tasks: list[TaskProposal] = []
    columns: dict[str, int] | None = None
    header_cells: tuple[str, ...] | None = None
    part = ""
    for row in rows:
        if (
            header_cells is not None
            and is_subheader(row.cells)
            and not re.fullmatch(r"[IVXLC]+|[A-Z]|\d+", row.cells[0].strip() if row.cells else "")
        ):
            columns, header_cells = _header(merge_header(header_cells, row.cells)) or columns, None
            continue
        header = _header(row.cells)
        if header:
            columns, part, header_cells = header, "", row.cells
            continue
        header_cells = None
        if columns is None:
            continue

        def cell(name: str, cells: tuple[str, ...] = row.cells, columns: dict[str, int] = columns) -> str:
            index = columns.get(name)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        number, title, lead_text = cell("number"), cell("title"), cell("lead")
        if not lead_text and not cell("support") and (re.fullmatch(r"[IVXLC]+|[A-Z]", number) or not number):
            part = number or part  # a part heading: the numbering below restarts
            continue
        if not title:
            continue
        milestones = {key[5:]: cell(key) for key in (columns or {}) if key.startswith("year:") and cell(key)}
        lead = tuple(finder.find(lead_text))
        support = tuple(finder.find(cell("support")))
        tasks.append(
            TaskProposal(
                number=f"{part}.{number}" if part and number else number or part,
                title=title[:300],
                lead=lead,
                support=support,
                timeframe=cell("time"),
                section=row.section,
                quote=document.text[row.start : row.end],
                offset=row.start,
                shape="annex-table",
                product=cell("product"),
                milestones=milestones,
                confidence=0.85 if lead else 0.5,
            )
        )
    return tasks


# ------------------------------------------------------------------ responsibilities

# "Sở X là cơ quan đầu mối theo dõi chỉ tiêu …", "… chịu trách nhiệm theo dõi chỉ tiêu …", "… phụ
# trách chỉ tiêu …": an agency named as the one who answers for indicators.
