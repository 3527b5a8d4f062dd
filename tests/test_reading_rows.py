"""Stage "rows": each row's group context, headings, and group prefixes."""

from __future__ import annotations

from lsplan.readers import Cell, Sheet
from lsplan.readers.base import cell_ref
from lsplan.reading.celltext import CellText
from lsplan.reading.rows import read_rows, split_group_prefix

COLUMNS = {"stt": 1, "name": 2, "unit": 3}


def sheet(rows: list[tuple]) -> Sheet:
    grid = tuple(
        tuple(Cell(r, c, cell_ref(r, c), v) if v is not None else None for c, v in enumerate(values, start=1))
        for r, values in enumerate(rows, start=1)
    )
    return Sheet("S", grid)


def contexts(rows: list[tuple]) -> dict[int, tuple[str, ...]]:
    """Row number -> its context."""
    table = read_rows(sheet(rows), CellText(), COLUMNS, 4, 1, len(rows))
    return {row.row: row.context for row in table}


def test_unmarked_group_rows_hold_the_rows_below_them() -> None:
    found = contexts(
        [
            (None, "Tốc độ tăng trưởng (%)", None, None),
            (None, "Nông, lâm nghiệp và thủy sản", "%", 3.1),
            (None, "Dịch vụ", "%", 7.2),
            (None, "Cơ cấu kinh tế (%)", None, None),
            (None, "Dịch vụ ", "%", 52.8),
        ]
    )
    assert found[2] == found[3] == ("Tốc độ tăng trưởng (%)",)
    assert found[4] == ()
    assert found[5] == ("Cơ cấu kinh tế (%)",)


def test_numbering_and_bullets_nest() -> None:
    found = contexts(
        [
            ("I", "KINH TẾ", None, None),
            ("1", "Tốc độ tăng trưởng GRDP", "%", 8.2),
            (None, "- Dịch vụ", "%", 7.3),
            (None, "+ Thương mại", "%", 6.0),
            ("2", "Cơ cấu kinh tế", None, None),
            (None, "- Dịch vụ", "%", 52.8),
            ("II", "XÃ HỘI", None, None),
            ("1", "Tỷ lệ hộ nghèo", "%", 2.0),
        ]
    )
    assert found[2] == ("KINH TẾ",)
    assert found[3] == ("KINH TẾ", "Tốc độ tăng trưởng GRDP")
    assert found[4] == ("KINH TẾ", "Tốc độ tăng trưởng GRDP", "Dịch vụ")
    assert found[6] == ("KINH TẾ", "Cơ cấu kinh tế")
    assert found[8] == ("XÃ HỘI",)


def test_in_which_opens_a_group_under_the_row_above() -> None:
    found = contexts(
        [
            ("1", "Tổng lượt khách du lịch", "triệu lượt", 1.9),
            (None, "Trong đó:", None, None),
            (None, "Khách quốc tế", "triệu lượt", 0.3),
            (None, "Khách nội địa", "triệu lượt", 1.6),
            ("2", "Tổng thu từ khách du lịch", "tỷ đồng", 1579),
        ]
    )
    assert found[3] == found[4] == ("Tổng lượt khách du lịch", "Trong đó:")
    assert found[5] == ()


def test_in_which_inline_and_chia_ra() -> None:
    found = contexts(
        [
            (None, "Vốn đầu tư toàn xã hội", "tỷ đồng", 9000),
            (None, "Chia ra:", None, None),
            (None, "- Vốn nhà nước", "tỷ đồng", 3000),
            (None, "- Vốn ngoài nhà nước", "tỷ đồng", 6000),
            (None, "Tổng lượt khách", "triệu lượt", 1.9),
            (None, "- Trong đó: Khách quốc tế", "triệu lượt", 0.3),
        ]
    )
    assert found[3] == found[4] == ("Vốn đầu tư toàn xã hội", "Chia ra:")
    assert found[5] == ()
    assert found[6] == ("Tổng lượt khách", "Trong đó:")


def test_a_row_holding_a_value_is_never_a_heading() -> None:
    table = read_rows(
        sheet([("I", "CÔNG NGHIỆP", None, None), (None, "Cơ cấu kinh tế: Dịch vụ", "%", 52.8)]),
        CellText(),
        COLUMNS,
        4,
        1,
        2,
    )
    assert [row.heading for row in table] == [True, False]


def test_group_prefix() -> None:
    assert split_group_prefix("Cơ cấu kinh tế: Dịch vụ") == ("Cơ cấu kinh tế", "Dịch vụ")
    assert split_group_prefix("- Trong đó: Khách quốc tế") == ("", "Khách quốc tế")
    assert split_group_prefix("Tổng mức bán lẻ") == ("", "Tổng mức bán lẻ")
