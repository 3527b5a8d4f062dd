"""Generate the example submissions for Q1 2025 from figures Lạng Sơn actually published.

    python examples/make_examples.py

Writes the same workbooks to `examples/submissions/2025-Q1/` (to read) and
`lsplan/examples_data/2025-Q1/` (package data: the demo store of an installed lsplan). Both
layouts appear: the conventional report tables that the statistics office and departments send
(title block, STT | Chỉ tiêu | Đơn vị tính | Kế hoạch | Ước thực hiện quý I | ...), and the lsplan
form (`lsplan template`) for Sở Nông nghiệp và Môi trường. The figures and their sources are
copied from examples/real-2025-q1.md; most are estimates ("ước tính"). Rows without a
catalogue indicator (GRDP at current prices, the industrial production index) are kept, as real
reports carry them: `lsplan check` warns about them and ingests the rest.

Output is deterministic (fixed document dates), so re-running only changes files when the
figures or the layouts change.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = (ROOT / "examples" / "submissions" / "2025-Q1", ROOT / "lsplan" / "examples_data" / "2025-Q1")
FIXED_DATE = datetime(2025, 4, 15, 8, 0, 0)

# Sources (see examples/real-2025-q1.md):
SRC_GSO = 'cucthongkelangson.gov.vn, "Tình hình kinh tế - xã hội tỉnh Lạng Sơn tháng 3, quý I năm 2025"'
SRC_PRESS = '60shomnay.vn, "Lạng Sơn đẩy mạnh kinh tế cửa khẩu", 15/04/2025'
SRC_LAODONG = "news.laodong.vn, 03/2025: thu ngân sách quý I trên 2.666 tỷ đồng, tăng 24,8%"

# (STT, name as the sender writes it, unit, annual plan or None, Q1 estimate, vs same period %, note)
Row = tuple[str, str, str, float | str | None, float | None, float | None, str]

STATISTICS: list[Row] = [  # Cục Thống kê tỉnh: GRDP growth and structure (SRC_GSO)
    ("I", "KINH TẾ VĨ MÔ", "", None, None, None, ""),
    ("1", "Tốc độ tăng trưởng GRDP (so với cùng kỳ)", "%", "8 - 9", 8.27, None, SRC_GSO),
    ("a", "Tốc độ tăng giá trị tăng thêm ngành nông, lâm nghiệp và thủy sản", "%", None, 7.23, None, ""),
    ("b", "Tốc độ tăng giá trị tăng thêm ngành công nghiệp - xây dựng", "%", None, 10.89, None, ""),
    ("c", "Tốc độ tăng giá trị tăng thêm ngành dịch vụ", "%", None, 7.29, None, ""),
    ("d", "Tốc độ tăng thuế sản phẩm trừ trợ cấp sản phẩm", "%", None, 8.5, None, ""),
    (
        "2",
        "GRDP theo giá hiện hành",
        "tỷ đồng",
        None,
        11714,
        None,
        "Không có chỉ tiêu tương ứng trong kế hoạch",
    ),
    ("II", "CƠ CẤU KINH TẾ", "", None, None, None, ""),
    ("1", "Tỷ trọng nông, lâm nghiệp và thủy sản trong GRDP", "%", None, 16.11, None, "Cơ cấu theo mùa vụ"),
    ("2", "Tỷ trọng công nghiệp - xây dựng trong GRDP", "%", None, 25.98, None, ""),
    ("3", "Tỷ trọng dịch vụ trong GRDP", "%", None, 52.82, None, ""),
    ("4", "Tỷ trọng thuế sản phẩm trừ trợ cấp sản phẩm trong GRDP", "%", None, 5.09, None, ""),
]
TOURISM: list[Row] = [  # Sở Văn hóa, Thể thao và Du lịch (SRC_PRESS)
    ("1", "Lượng khách du lịch", "triệu lượt", 4.4, 1.92, None, SRC_PRESS),
    ("2", "Doanh thu từ du lịch", "tỷ đồng", 4500, 1579, None, SRC_PRESS),
]
TRADE: list[Row] = [  # Sở Công Thương (SRC_PRESS)
    (
        "1",
        "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng",
        "tỷ đồng",
        43167,
        10783.1,
        None,
        SRC_PRESS,
    ),
    (
        "2",
        "Chỉ số sản xuất công nghiệp (IIP) tăng so với cùng kỳ",
        "%",
        None,
        5.22,
        None,
        "Không có chỉ tiêu tương ứng trong kế hoạch",
    ),
    ("3", "Số sản phẩm công nghiệp chủ yếu đạt và vượt kế hoạch", "sản phẩm", 13, 13, None, "13/13 sản phẩm"),
]
FINANCE: list[Row] = [  # Sở Tài chính (SRC_LAODONG; disbursement: SRC_PRESS)
    ("1", "Tổng thu ngân sách nhà nước trên địa bàn", "tỷ đồng", 9937.8, 2666, 124.8, SRC_LAODONG),
    ("2", "Tỷ lệ giải ngân vốn đầu tư công", "%", 95, 13.4, None, "763,3 tỷ đồng; " + SRC_PRESS),
]
# Sở Nông nghiệp và Môi trường, in the lsplan form: winter crop sown in Q1, 4.455,07 ha (SRC_GSO),
# entered in the indicator's unit (nghìn ha).
AGRICULTURE = {"annual-crop-area": 4.45507}

REPORTS = (
    (
        "thong-ke-2025-Q1.xlsx",
        "CỤC THỐNG KÊ TỈNH",
        "BÁO CÁO ƯỚC TÍNH TĂNG TRƯỞNG KINH TẾ QUÝ I NĂM 2025",
        STATISTICS,
    ),
    (
        "so-vhttdl-2025-Q1.xlsx",
        "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
        "BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN CHỈ TIÊU DU LỊCH QUÝ I NĂM 2025",
        TOURISM,
    ),
    (
        "so-cong-thuong-2025-Q1.xlsx",
        "SỞ CÔNG THƯƠNG",
        "BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NGÀNH CÔNG THƯƠNG QUÝ I NĂM 2025",
        TRADE,
    ),
    (
        "so-tai-chinh-2025-Q1.xlsx",
        "SỞ TÀI CHÍNH",
        "BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN THU NGÂN SÁCH VÀ GIẢI NGÂN VỐN ĐẦU TƯ CÔNG QUÝ I NĂM 2025",
        FINANCE,
    ),
)
HEADERS = (
    "STT",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Kế hoạch năm 2025",
    "Ước thực hiện quý I năm 2025",
    "So với kế hoạch (%)",
    "So với cùng kỳ (%)",
    "Ghi chú",
)


def conventional(agency_line: str, title: str, rows: list[Row]) -> Workbook:
    """A report table as departments send it: title block, merged title rows, header at row 6."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Quý I"
    sheet["A1"], sheet["A2"] = "UBND TỈNH LẠNG SƠN", agency_line
    sheet["E1"], sheet["E2"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"
    sheet["A4"] = title
    sheet.merge_cells("A4:H4")
    for ref in ("A1", "A2", "E1", "A4"):
        sheet[ref].font = Font(bold=True)
    sheet["A4"].alignment = Alignment(horizontal="center")
    for col, text in enumerate(HEADERS, start=1):
        cell = sheet.cell(6, col, text)
        cell.font, cell.alignment = Font(bold=True), Alignment(wrap_text=True, horizontal="center")
    for offset, (stt, name, unit, plan, actual, same_period, note) in enumerate(rows, start=7):
        group = actual is None
        values = (stt, name, unit, plan, actual, None, same_period, note)
        for col, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(offset, col, value).font = Font(bold=group)
        if isinstance(plan, (int, float)) and actual is not None:
            sheet.cell(offset, 6, round(actual / plan * 100, 1))
        sheet.cell(offset, 5).number_format = "#,##0.##"
    for letter, width in zip("ABCDEFGH", (6, 55, 12, 14, 16, 12, 12, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    return book


def form(catalog) -> Workbook:
    """The lsplan form for Sở Nông nghiệp và Môi trường, Q1 2025, with the published figure filled in."""
    import tempfile

    from lsplan.template import write_template

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "form.xlsx"
        write_template(path, catalog, "so-nong-nghiep-va-moi-truong", 2025, "Q1")
        book = load_workbook(path)
    sheet = book["Báo cáo"]
    for row in sheet.iter_rows(min_row=1):
        code = row[1].value
        if code in AGRICULTURE:
            row[6].value = AGRICULTURE[code]
            row[7].value = "Diện tích gieo trồng vụ Đông, quý I (4.455,07 ha); " + SRC_GSO
    marker = book["_lsplan"]
    for row in marker.iter_rows():
        if row[0].value == "generated":
            row[1].value = FIXED_DATE.isoformat()
    return book


def save(book: Workbook, name: str) -> None:
    book.properties.created = FIXED_DATE
    book.properties.creator = book.properties.lastModifiedBy = "lsplan examples/make_examples.py"
    buffer = io.BytesIO()
    book.save(buffer)
    data = _deterministic(buffer.getvalue())
    for folder in OUTPUTS:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)


def _deterministic(xlsx: bytes) -> bytes:
    """Fix what openpyxl and zipfile stamp with the time of the run (entry dates, dcterms:modified)."""
    stamp = FIXED_DATE.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            payload = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                payload = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, payload)
            info = zipfile.ZipInfo(entry.filename, date_time=FIXED_DATE.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, payload)
    return out.getvalue()


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from lsplan.catalog import load_catalog

    for name, agency_line, title, rows in REPORTS:
        save(conventional(agency_line, title, rows), name)
    save(form(load_catalog()), "so-nong-nghiep-va-moi-truong-2025-Q1.xlsx")
    for folder in OUTPUTS:
        print(
            f"wrote {len(list(folder.glob('*.xlsx')))} files to {folder.relative_to(ROOT)}", file=sys.stderr
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
