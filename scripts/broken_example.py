"""Build a report with typical mistakes and show what `lsplan check` says about it (README example).

    python scripts/broken_example.py

The workbook is the usual report table of Sở Công Thương for Q1 2025 with five kinds of
mistake that real submissions carry: the sender's own "So với kế hoạch (%)" disagreeing with
value ÷ plan, text where a number belongs, a formula never calculated, an impossible negative
output, and a row that matches no indicator in the plans. It is written to a temporary folder
and checked there, so the output names it by its file name only.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import Workbook

TITLE = ("UBND TỈNH LẠNG SƠN", "SỞ CÔNG THƯƠNG", "BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN QUÝ I NĂM 2025")
HEADER = ("STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2025", "Ước thực hiện quý I",
          "So với kế hoạch (%)", "Ghi chú")
ROWS = (
    (1, "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng", "tỷ đồng", "43.167", "10.783,1", "30",
     None),
    (2, "Sản lượng điện sản xuất (Nhiệt điện Na Dương)", "triệu kWh", 700, "khoảng 180", None,
     "chưa có số liệu chính thức"),
    (3, "Số sản phẩm công nghiệp chủ yếu đạt kế hoạch", "sản phẩm", 13, "=SUM(H1:H2)", None, None),
    (4, "Sản lượng khai thác than nguyên khai", "tấn", "500.000", -1200, None, None),
    (5, "Chỉ số sản xuất công nghiệp (IIP)", "%", None, "5,22", None, None),
)


def build(path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Quý I"
    for row, line in enumerate(TITLE, start=1):
        sheet.cell(row, 1, line)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(HEADER))
    header_row = len(TITLE) + 2
    for col, text in enumerate(HEADER, start=1):
        sheet.cell(header_row, col, text)
    for offset, values in enumerate(ROWS, start=1):
        for col, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(header_row + offset, col, value)
    workbook.save(path)  # openpyxl stores no cached value for the formula: never calculated


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "so-cong-thuong-quy-I.xlsx"
        build(path)
        print(f"$ lsplan check {path.name}")
        sys.stdout.flush()
        done = subprocess.run([sys.executable, "-m", "lsplan", "check", path.name], cwd=folder,
                              env=os.environ, check=False)
        print(f"(exit code {done.returncode})")
        return 0


if __name__ == "__main__":
    sys.exit(main())
