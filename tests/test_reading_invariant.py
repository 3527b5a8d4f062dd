"""THE RULE of reading, as a property over generated layouts: every non-empty cell of the chosen
value column, in a row that is not a heading, ends as an observation or as a finding that names
that row (a finding on one of its cells, or the rows-not-data / hidden-not-read finding that
lists it). Never silently dropped."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from workbooks import HEADER, FakeCatalog

from lsplan.readers import Cell, Sheet, Workbook
from lsplan.readers.base import cell_ref
from lsplan.reading.pipeline import check_workbook
from lsplan.reading.tables import find_tables

VALUE_COL = HEADER.index("Ước thực hiện 6 tháng năm 2025") + 1
NAMES = st.sampled_from(
    [
        "Sản lượng than",
        "- Than sạch",
        "Tổng mức bán lẻ",
        "1.1. Tổng lượt khách du lịch",
        "Khách quốc tế",
        "- Trong đó: Khách nội địa",
        "Dịch vụ",
        "Cơ cấu kinh tế: Dịch vụ",
        "Nông, lâm nghiệp và thủy sản",
        "Tăng trưởng GRDP",
        "Số doanh nghiệp thành lập mới",
        "Doanh thu du lịch",
        "CÔNG NGHIỆP",
        "",
    ]
)
GROUPS = st.sampled_from(["Tốc độ tăng trưởng (%)", "Cơ cấu kinh tế (%)", "Trong đó:", "Chia ra:"])
NOISE = st.sampled_from(
    [
        ("(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"),
        (None, "Lạng Sơn, ngày 15 tháng 7 năm 2025"),
        (None, "NGƯỜI LẬP BIỂU", None, None, "THỦ TRƯỞNG ĐƠN VỊ"),
        (None, "(Ký, ghi rõ họ tên)", None, None, "(Ký tên, đóng dấu)"),
        (None, "Nguyễn Văn An", None, None, "Hoàng Thị Bình"),
    ]
)
VALUES = st.one_of(
    st.none(),
    st.integers(-(10**7), 10**9),
    st.floats(-1e6, 1e9, allow_nan=False),
    st.sampled_from(
        [
            "1.234",
            "21.583,5",
            "Khoảng 71",
            "Hơn 4,4",
            "> 300.000",
            "8,06 (ước)",
            "1,92 triệu",
            "-",
            "x",
            "13/13",
        ]
    ),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
)
UNITS = st.sampled_from(
    ["", "tấn", "nghìn tấn", "tỷ đồng", "triệu đồng", "%", "triệu lượt", '"', "-nt-", "USD", "quả"]
)
PLANS = st.one_of(st.none(), st.integers(0, 10**6), st.sampled_from(["8 - 9", "4.400"]))
TITLES = st.lists(
    st.sampled_from(
        [
            "UBND TỈNH LẠNG SƠN",
            "SỞ CÔNG THƯƠNG",
            "CỤC THỐNG KÊ TỈNH",
            "6 THÁNG NĂM 2025",
            "Đơn vị tính: triệu đồng",
        ]
    ),
    max_size=4,
)


@st.composite
def body_row(draw) -> tuple[tuple, bool]:
    """(cells, hidden)."""
    kind = draw(st.sampled_from(["data", "data", "data", "group", "noise"]))
    if kind == "group":
        cells: tuple = (draw(st.sampled_from([None, "I", "A", "1"])), draw(GROUPS))
    elif kind == "noise":
        cells = draw(NOISE)
    else:
        cells = (
            draw(st.sampled_from([None, 1, 2, "a)", "II"])),
            draw(NAMES),
            draw(UNITS),
            draw(PLANS),
            draw(VALUES),
            draw(st.one_of(st.none(), st.floats(0, 200, allow_nan=False))),
            draw(st.one_of(st.none(), st.floats(0, 200, allow_nan=False))),
        )
    return cells, draw(st.booleans()) and draw(st.booleans())


def build(title: list[str], body: list[tuple[tuple, bool]]) -> tuple[Workbook, int]:
    lines = [(line,) for line in title] + [HEADER] + [cells for cells, _ in body]
    first_body = len(title) + 2
    hidden = frozenset(first_body + i for i, (_, is_hidden) in enumerate(body) if is_hidden)
    grid = tuple(
        tuple(
            Cell(r, c, cell_ref(r, c), v) if v is not None and v != "" else None
            for c, v in enumerate((*values, *([None] * (len(HEADER) - len(values)))), start=1)
        )
        for r, values in enumerate(lines, start=1)
    )
    return Workbook("generated.xlsx", "xlsx", (Sheet("S", grid, hidden_rows=hidden),)), first_body


def _rows_listed(message: str) -> set[int]:
    """Row numbers a rows-not-data / hidden-not-read message lists ("dòng 11–13, 15")."""
    rows: set[int] = set()
    for low, high in re.findall(r"(\d+)(?:–(\d+))?", message.split(":", 1)[-1]):
        rows.update(range(int(low), int(high or low) + 1))
    return rows


def _row_of(ref: str | None) -> int | None:
    match = re.fullmatch(r"[A-Z]+(\d+)", ref or "")
    return int(match.group(1)) if match else None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TITLES, st.lists(body_row(), max_size=14))
def test_every_value_cell_ends_as_an_observation_or_a_finding_on_its_row(title, body) -> None:
    workbook, first_body = build(title, body)
    result = check_workbook(workbook, FakeCatalog())
    said: set[int] = {row for o in result.observations if (row := _row_of(o.cell))}
    for finding in result.findings:
        if finding.code in ("rows-not-data", "hidden-not-read"):
            said |= _rows_listed(finding.message)
        elif (row := _row_of(finding.cell)) is not None:
            said.add(row)
    sheet = workbook.sheets[0]
    # A column-number row right under the header is part of the header (a heading).
    header_last = find_tables(workbook)[0].header_row
    for row in range(max(first_body, header_last + 1), sheet.max_row + 1):
        cell = sheet.cell(row, VALUE_COL)
        if cell is None or cell.value is None:
            continue
        name = sheet.cell(row, 2)
        assert row in said, (row, cell.value, name.value if name else None, result.findings)
