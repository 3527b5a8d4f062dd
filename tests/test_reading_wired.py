"""End to end through `check_file` with the real catalogue: the reading stages and the indicator
matcher together. The heading decides what a bare sector name means; with no heading it is a
warning naming both, never a guess; a closest-name read says so; an officer's learned alias
beside the store is used; the agency comes from the file name or a cover sheet."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from workbooks import save_report

from lsplan.aliases import add_alias, remove_alias
from lsplan.catalog import load_catalog
from lsplan.checks import check_file

STATISTICS_TITLE = ("UBND TỈNH LẠNG SƠN", "CỤC THỐNG KÊ TỈNH", "MỘT SỐ CHỈ TIÊU KINH TẾ 6 THÁNG ĐẦU NĂM 2025")


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(autouse=True)
def _no_learned_aliases(tmp_path, monkeypatch):
    monkeypatch.setenv("LSPLAN_ALIASES", str(tmp_path / "no-aliases.yaml"))


def row(stt, name, unit, value):
    return (stt, name, unit, None, value, None, None, None)


def read(path: Path, catalog, **options):
    result = check_file(path, catalog, **options)
    observed = {o.indicator: (o.value, o.method, o.cell) for o in result.observations}
    return result, observed


def test_growth_and_shares_in_one_table_go_to_their_own_indicators(tmp_path, catalog):
    path = save_report(
        tmp_path / "thong-ke.xlsx",
        (
            ("I", "Tốc độ tăng trưởng (%)", None, None, None, None, None, None),
            row(None, "Nông, lâm nghiệp và thủy sản", "%", 3.1),
            row(None, "- Dịch vụ", "%", 7.2),
            ("II", "Cơ cấu kinh tế (%)", None, None, None, None, None, None),
            row(None, "Nông, lâm nghiệp và thủy sản", "%", 16.1),
            row(None, "- Dịch vụ", "%", 52.8),
        ),
        title=STATISTICS_TITLE,
    )
    result, observed = read(path, catalog)
    assert observed["grdp-growth-services"][:2] == (7.2, "context")
    assert observed["grdp-share-services"][:2] == (52.8, "context")
    assert observed["grdp-share-agri"][:2] == (16.1, "context")
    assert observed["grdp-growth-agri"][:2] == (3.1, "context")
    assert not [f for f in result.findings if f.code in ("indicator-ambiguous", "indicator-unmatched")]


def test_a_bare_sector_name_with_no_heading_is_a_warning_naming_both(tmp_path, catalog):
    path = save_report(tmp_path / "x.xlsx", (row(1, "Dịch vụ", "%", 7.2),), title=STATISTICS_TITLE)
    result, observed = read(path, catalog)
    assert not any(i.startswith(("grdp-growth-services", "grdp-share-services")) for i in observed)
    (warning,) = [f for f in result.findings if f.code == "indicator-ambiguous"]
    assert warning.cell == "B6" and "dịch vụ" in warning.message.lower()
    names = [catalog.indicators[i].name for i in ("grdp-growth-services", "grdp-share-services")]
    assert all(name in warning.message for name in names)


def test_an_unmatched_row_says_what_it_might_be(tmp_path, catalog):
    path = save_report(
        tmp_path / "x.xlsx", (row(1, "Tổng mức bán lẻ hàng hoá dịch vụ xã hội nội tỉnh", "tỷ đồng", 9.0),)
    )
    result, _ = read(path, catalog)
    findings = [f for f in result.findings if f.code in ("indicator-unmatched", "indicator-fuzzy")]
    assert findings, result.findings
    # read by its closest name, or left with a "did you mean": never read silently
    assert "Tổng mức bán lẻ" in findings[0].message


def test_a_learned_alias_beside_the_store_is_used(tmp_path, catalog, monkeypatch):
    aliases = tmp_path / "aliases.yaml"
    monkeypatch.setenv("LSPLAN_ALIASES", str(aliases))
    path = save_report(tmp_path / "x.xlsx", (row(1, "Doanh số bán lẻ nội địa XYZ", "tỷ đồng", 5000),))
    _, before = read(path, catalog)
    assert "retail-sales" not in before
    add_alias(aliases, catalog, "Doanh số bán lẻ nội địa XYZ", "retail-sales")
    _, after = read(path, catalog)
    assert after["retail-sales"][:2] == (5000, "learned-alias")
    remove_alias(aliases, "Doanh số bán lẻ nội địa XYZ")  # the file changes: read again, not the memo
    _, forgotten = read(path, catalog)
    assert "retail-sales" not in forgotten


def test_agency_from_the_file_name_or_a_cover_sheet(tmp_path, catalog):
    untitled = ("BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU 6 THÁNG ĐẦU NĂM 2025",)
    rows = (row(1, "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng", "tỷ đồng", 21000),)
    named = save_report(tmp_path / "so-cong-thuong-6-thang-2025.xlsx", rows, title=untitled)
    assert check_file(named, catalog).agency == "so-cong-thuong"
    plain = save_report(tmp_path / "bao-cao.xlsx", rows, title=untitled)
    from openpyxl import load_workbook

    book = load_workbook(plain)
    cover = book.create_sheet("Bìa", 0)
    cover["A1"] = "Kèm theo Báo cáo số 123/BC-SCT ngày 05/7/2025 của Sở Công Thương"
    book.save(plain)
    assert check_file(plain, catalog).agency == "so-cong-thuong"


def test_the_ingested_copy_keeps_the_file_name_for_the_agency(tmp_path, catalog):
    from lsplan.ingest import ingest
    from lsplan.store import Store

    untitled = ("BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU 6 THÁNG ĐẦU NĂM 2025",)
    rows = (row(1, "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng", "tỷ đồng", 21000),)
    named = save_report(tmp_path / "so-cong-thuong-6-thang-2025.xlsx", rows, title=untitled)
    with Store(tmp_path / "store.sqlite3") as store:
        report = ingest(store, [named], catalog)
    assert report.files[0].agency == "so-cong-thuong", report.files[0].findings


def test_a_workbook_is_not_required_to_be_saved_by_openpyxl(tmp_path, catalog):
    """The cover-sheet reader copes with an empty sheet and a sheet of numbers."""
    book = Workbook()
    book.active.title = "Trống"
    data = book.create_sheet("Biểu 01")
    for r, values in enumerate(
        [
            STATISTICS_TITLE[0],
            STATISTICS_TITLE[1],
            STATISTICS_TITLE[2],
            None,
            ("STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2025", "Ước thực hiện 6 tháng năm 2025"),
            (1, "Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP)", "%", 8, 7.1),
        ],
        start=1,
    ):
        if values is None:
            continue
        for c, value in enumerate(values if isinstance(values, tuple) else (values,), start=1):
            data.cell(r, c, value)
    numbers = book.create_sheet("Số")
    numbers["A1"] = 1
    path = tmp_path / "x.xlsx"
    book.save(path)
    result, observed = read(path, catalog)
    assert observed["grdp-growth"][0] == 7.1
