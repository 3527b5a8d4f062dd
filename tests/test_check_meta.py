"""check_meta.resolve_metadata on tables built in code: agency and period where offices put them."""

from __future__ import annotations

import pytest

from lsplan.catalog import load_catalog
from lsplan.check_meta import file_name_words, resolve_metadata
from lsplan.layouts import Table, ValueColumn
from lsplan.periods import parse_period

CATALOG = load_catalog()


def table(
    *title: str, header: str = "Ước thực hiện 6 tháng năm 2025", plan: str = "Kế hoạch năm 2025"
) -> Table:
    column = ValueColumn(
        col=5, header=header, period=parse_period(header, whole_year=True), maturity="estimate"
    )
    return Table(
        sheet="Biểu 01",
        layout="report",
        header_row=len(title) + 2,
        columns={"name": 2, "actual": 5},
        actual=column,
        other_actuals=(),
        plan_header=plan,
        title_lines=tuple((f"A{n}", line) for n, line in enumerate(title, start=1)),
        rows=(),
    )


def meta(*tables: Table, agency=None, year=None, quarter=None, **kwargs):
    return resolve_metadata(list(tables), CATALOG, agency, year, quarter, **kwargs)


def codes(found) -> list[str]:
    return [f.code for f in found.findings]


@pytest.mark.parametrize(
    ("title", "agency"),
    [
        (("UBND TỈNH LẠNG SƠN", "SỞ CÔNG THƯƠNG", "BÁO CÁO 6 THÁNG NĂM 2025"), "so-cong-thuong"),
        (
            ("Biểu số 02/SVHTTDL", "SỐ LIỆU CHỈ TIÊU KINH TẾ - XÃ HỘI 6 THÁNG NĂM 2025"),
            "so-van-hoa-the-thao-va-du-lich",
        ),
        (("Số: 45/BC-SCT", "BÁO CÁO KẾT QUẢ 6 THÁNG ĐẦU NĂM 2025"), "so-cong-thuong"),
        (
            ("Kèm theo Báo cáo số 112/BC-SXD ngày 05/7/2025 của Sở Xây dựng", "BIỂU TỔNG HỢP CHỈ TIÊU"),
            "so-xay-dung",
        ),
        (("Phụ lục", "Kèm theo Báo cáo số 12/BC ngày 5/7/2025 của Sở Tài chính"), "so-tai-chinh"),
        (("Đơn vị báo cáo: Cục Thống kê tỉnh", "SỐ LIỆU 6 THÁNG 2025"), "cuc-thong-ke"),
        # the same agency twice (letterhead and document code) is one agency, not two
        (("SỞ CÔNG THƯƠNG", "Số: 45/BC-SCT", "BÁO CÁO 6 THÁNG NĂM 2025"), "so-cong-thuong"),
    ],
)
def test_agency_where_offices_put_it(title: tuple[str, ...], agency: str) -> None:
    found = meta(table(*title))
    assert found.agency is not None and found.agency.id == agency, found.findings
    assert not [c for c in codes(found) if c.startswith("agency-")], found.findings


@pytest.mark.parametrize(
    "title",
    [
        ("SỐ LIỆU CHỈ TIÊU KINH TẾ - XÃ HỘI 6 THÁNG NĂM 2025",),
        ("BÁO CÁO TÌNH HÌNH THỰC HIỆN KẾ HOẠCH 6 THÁNG 2025",),
        ("BIỂU TỔNG HỢP CÁC CHỈ TIÊU CHỦ YẾU",),
        ("SỐ SÁNH VỚI CÙNG KỲ",),
    ],
)
def test_a_title_line_is_not_an_agency(title: tuple[str, ...]) -> None:
    found = meta(table(*title))
    assert found.agency is None
    assert codes(found).count("agency-missing") == 1 and "agency-unknown" not in codes(found)


def test_a_cover_sheet_names_the_agency_when_the_table_does_not() -> None:
    cover = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Số: 201/BC-SVHTTDL")
    found = meta(table("SỐ LIỆU 6 THÁNG NĂM 2025"), other_lines=cover)
    assert found.agency is not None and found.agency.id == "so-van-hoa-the-thao-va-du-lich"
    assert "agency-missing" not in codes(found)


@pytest.mark.parametrize(
    ("file_name", "agency"),
    [
        ("so-cong-thuong-q2-2025.xlsx", "so-cong-thuong"),
        ("BC_SCT_6thang.xlsx", "so-cong-thuong"),
        ("/home/x/Downloads/SVHTTDL - bieu 02.xlsx", "so-van-hoa-the-thao-va-du-lich"),
        ("thong-ke-2025-Q1.xlsx", "cuc-thong-ke"),
        ("so-tai-chinh-2025-Q1.xlsx", "so-tai-chinh"),
        ("bao-cao-6-thang.xlsx", None),
        ("SCT_STC_tong_hop.xlsx", None),  # two agencies named: neither is taken
    ],
)
def test_the_file_name_names_the_agency_last(file_name: str, agency: str | None) -> None:
    found = meta(table("SỐ LIỆU 6 THÁNG NĂM 2025"), file_name=file_name)
    assert (found.agency.id if found.agency else None) == agency
    assert ("agency-missing" in codes(found)) == (agency is None)


def test_the_title_block_beats_the_file_name() -> None:
    found = meta(table("SỞ TÀI CHÍNH", "BÁO CÁO 6 THÁNG NĂM 2025"), file_name="so-cong-thuong-q2-2025.xlsx")
    assert found.agency.id == "so-tai-chinh" and "agency-ambiguous" not in codes(found)


def test_two_agencies_in_the_title_block_stay_ambiguous() -> None:
    found = meta(table("SỞ CÔNG THƯƠNG", "Kèm theo Báo cáo số 3/BC-STC của Sở Tài chính"))
    assert found.agency is None and "agency-ambiguous" in codes(found)


@pytest.mark.parametrize(
    ("title", "header", "quarter", "year"),
    [
        (("SỞ CÔNG THƯƠNG", "BÁO CÁO QUÝ II/2025"), "Thực hiện", "Q2", 2025),
        (("SỞ CÔNG THƯƠNG", "SỐ LIỆU 6 THÁNG ĐẦU NĂM"), "Ước thực hiện 2025", "Q2", 2025),
        (("SỞ CÔNG THƯƠNG", "BÁO CÁO 9 THÁNG NĂM 2025"), "Ước thực hiện", "Q3", 2025),
        (("SỞ CÔNG THƯƠNG", "SỐ LIỆU NĂM 2025 (ƯỚC)"), "Giá trị", "Q4", 2025),
        (("SỞ CÔNG THƯƠNG", "BÁO CÁO ƯTH CẢ NĂM 2025"), "Số liệu", "Q4", 2025),
        (("SỞ CÔNG THƯƠNG", "ƯỚC THỰC HIỆN NĂM 2025"), "Số liệu", "Q4", 2025),
        (("SỞ CÔNG THƯƠNG", "KẾT QUẢ CẢ NĂM 2025"), "Thực hiện", "Q4", 2025),
        # a prior-year column above the header, and the comparison, are not the period
        (
            ("SỞ CÔNG THƯƠNG", "BÁO CÁO 6 THÁNG NĂM 2025", "Cả năm 2024"),
            "Ước thực hiện 6 tháng 2025",
            "Q2",
            2025,
        ),
        (("SỞ CÔNG THƯƠNG", "BÁO CÁO 6 THÁNG NĂM 2025", "Thực hiện 2024"), "Ước TH 6 tháng 2025", "Q2", 2025),
        (("SỞ CÔNG THƯƠNG", "SỐ LIỆU 9 THÁNG 2025", "So với cùng kỳ 6 tháng 2024 (%)"), "Ước TH", "Q3", 2025),
    ],
)
def test_periods_as_offices_write_them(title, header: str, quarter: str, year: int) -> None:
    found = meta(table(*title, header=header, plan="Kế hoạch"))
    assert (found.quarter, found.year) == (quarter, year), found.findings
    assert "period-ambiguous" not in codes(found)


def test_a_title_that_contradicts_the_column_is_still_ambiguous() -> None:
    found = meta(table("SỞ CÔNG THƯƠNG", "BÁO CÁO 9 THÁNG NĂM 2025", header="Ước thực hiện 6 tháng năm 2025"))
    assert "period-ambiguous" in codes(found)


def test_period_from_the_cover_sheet_then_the_file_name() -> None:
    bare = table("SỞ CÔNG THƯƠNG", header="Ước thực hiện", plan="Kế hoạch")
    assert (meta(bare, other_lines=("BÁO CÁO 9 THÁNG NĂM 2025",)).quarter) == "Q3"
    named = meta(bare, file_name="BC_SCT_6thang_2025.xlsx")
    assert (named.quarter, named.year) == ("Q2", 2025) and "period-missing" not in codes(named)
    assert meta(bare, file_name="so-cong-thuong-q2-2025.xlsx").quarter == "Q2"
    assert "period-missing" in codes(meta(bare))


def test_the_options_still_win_and_disagreement_is_reported() -> None:
    found = meta(table("SỞ CÔNG THƯƠNG", "BÁO CÁO 6 THÁNG NĂM 2025"), quarter="Q3", year=2025)
    assert found.quarter == "Q3" and "period-ambiguous" in codes(found)


def test_file_name_words() -> None:
    assert file_name_words("BC_SCT_6thang.xlsx") == "bc sct 6 thang"
    assert file_name_words("C:\\\\Báo cáo\\\\Sở Công Thương-Q2.2025.xlsx") == "so cong thuong quy 2 2025"
