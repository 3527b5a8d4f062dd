# ruff: noqa: E501 - a plan's paragraphs are one line each, as plans write them
"""Plans of other provinces, written in code in the shapes and the style they are published in,
each with the targets and task leads an officer would encode from it (its answer key).

The extractor has never seen them: they stand in for the full plans of other provinces that
`lsplan extract` is measured on outside the repository. Each plan is built from its clean text;
`pdf_layout` lays a text out the way text taken from a PDF arrives (hard line breaks, a blank
line after each, page numbers, a running head, footnotes at the foot of the page), `portal_md`
the way a legal portal converts it (**bold** numbering, `|` tables).

An answer key's target is (words of its name, comparison, low, high): the proposal must name the
indicator with those words (folded) and carry the same numbers; a task is (number, lead ids).
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Expected:
    name: str  # words the indicator's name holds
    comparison: str
    low: float | None
    high: float | None


@dataclass(frozen=True)
class Plan:
    name: str
    text: str
    kind: str  # "txt", "md" ("docx": built by the test from `text`)
    targets: tuple[Expected, ...]
    tasks: tuple[tuple[str, frozenset[str]], ...] = ()
    extra: dict = field(default_factory=dict)


def T(name: str, comparison: str, low: float | None, high: float | None = None) -> Expected:  # noqa: N802
    if comparison in ("approx", "exact") and high is None:
        high = low
    return Expected(name, comparison, low, high)


def L(number: str, *leads: str) -> tuple[str, frozenset[str]]:  # noqa: N802
    return number, frozenset(leads)


def pdf_layout(text: str, head: str, width: int = 78, lines_per_page: int = 22) -> str:
    """`text` as a PDF's text layer gives it: each paragraph wrapped at `width` with a blank line
    after every line, the page number and `head` at each page break, a form feed between pages.
    A paragraph "^N text" is footnote N: it goes to the foot of the page after a rule."""
    out: list[str] = []
    page, count, notes = 1, 0, []
    for paragraph in text.split("\n"):
        if paragraph.startswith("^"):
            notes.append(paragraph[1:])
            continue
        for line in textwrap.wrap(paragraph, width) or [""]:
            out += [line, ""]
            count += 1
            if count >= lines_per_page:
                if notes:
                    out += ["_______________", *notes, ""]
                    notes = []
                page += 1
                out += [str(page - 1), "\f", head, "", str(page), ""]
                count = 0
    if notes:
        out += ["_______________", *notes]
    return "\n".join(out)


# ---------------------------------------------------------------- an annual plan, portal markdown

ANNUAL_2026 = """ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG
Số: 215/KH-UBND
Tuyên Quang, ngày 20 tháng 12 năm 2025

KẾ HOẠCH
Phát triển kinh tế - xã hội năm 2026 tỉnh Tuyên Quang

Căn cứ Nghị quyết số 45/NQ-HĐND ngày 10/12/2025 của Hội đồng nhân dân tỉnh về kế hoạch phát triển kinh tế - xã hội năm 2026, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:

**I. KẾT QUẢ THỰC HIỆN KẾ HOẠCH NĂM 2025**

Năm 2025, tốc độ tăng trưởng GRDP ước đạt 8,1%, cao hơn mức bình quân chung cả nước; GRDP bình quân đầu người đạt 62,5 triệu đồng. Thu ngân sách nhà nước trên địa bàn đạt 4.850 tỷ đồng, bằng 112% dự toán. Tỷ lệ hộ nghèo giảm 3,2%. Đã có 65 xã đạt chuẩn nông thôn mới; giải quyết việc làm cho 19.200 lao động, tăng 4,5% so với cùng kỳ.

**II. MỤC TIÊU VÀ CÁC CHỈ TIÊU CHỦ YẾU NĂM 2026**

**1. Mục tiêu tổng quát**

Tập trung tháo gỡ khó khăn, thúc đẩy tăng trưởng kinh tế nhanh và bền vững; phát triển văn hóa, xã hội; bảo đảm quốc phòng, an ninh; tạo nền tảng thực hiện thắng lợi Nghị quyết Đại hội Đảng bộ tỉnh nhiệm kỳ 2025 - 2030.

**2. Các chỉ tiêu chủ yếu**

**a) Về kinh tế**

(1) Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP) đạt 8,5% trở lên.

(2) GRDP bình quân đầu người đạt trên 70 triệu đồng.

(3) Cơ cấu kinh tế: khu vực nông, lâm nghiệp và thủy sản chiếm 20 - 21%; khu vực công nghiệp - xây dựng chiếm 31 - 32%; khu vực dịch vụ chiếm 41 - 42%.

(4) Tổng thu ngân sách nhà nước trên địa bàn đạt 5.200 tỷ đồng, trong đó thu nội địa đạt 4.950 tỷ đồng.

(5) Tổng vốn đầu tư toàn xã hội tăng 12% so với năm 2025.

(6) Kim ngạch xuất khẩu hàng hóa đạt 1,2 tỷ USD.

(7) Tỷ lệ đô thị hóa đạt khoảng 26%.

(8) Thu hút 3,5 triệu lượt khách du lịch; doanh thu từ du lịch đạt 6.500 tỷ đồng.

**b) Về văn hóa - xã hội**

(9) Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều giảm 2 - 2,5%; riêng các xã đặc biệt khó khăn giảm trên 4%.

(10) Tỷ lệ lao động qua đào tạo đạt 70%, trong đó có văn bằng, chứng chỉ đạt 30,5%.

(11) Tạo việc làm mới cho tối thiểu 18.000 lao động.

(12) Số bác sĩ đạt 13 bác sĩ/1 vạn dân; số giường bệnh đạt 34 giường bệnh/vạn dân.

(13) Tỷ lệ dân số tham gia bảo hiểm y tế đạt trên 95%.

(14) Tỷ lệ thất nghiệp ở khu vực thành thị dưới 3%.

**c) Về môi trường**

(15) Tỷ lệ che phủ rừng duy trì ở mức 65%.

(16) Tỷ lệ chất thải rắn sinh hoạt đô thị được thu gom, xử lý đạt 95%.

(17) Tỷ lệ dân số nông thôn được sử dụng nước sạch theo quy chuẩn đạt không dưới 60%.

**d) Về quốc phòng, an ninh**

(18) Giữ vững ổn định chính trị, trật tự an toàn xã hội; kiềm chế, kéo giảm tai nạn giao thông trên cả 3 tiêu chí.

**III. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU**

1. Tập trung tháo gỡ khó khăn cho sản xuất, kinh doanh; thu hút đầu tư vào các khu, cụm công nghiệp. Phấn đấu giải ngân 100% kế hoạch vốn đầu tư công được giao.

2. Phát triển nông nghiệp theo hướng hàng hóa, gắn với chương trình mỗi xã một sản phẩm; chủ động phòng, chống thiên tai, dịch bệnh.

3. Nâng cao chất lượng giáo dục, chăm sóc sức khỏe nhân dân; thực hiện đầy đủ, kịp thời các chính sách an sinh xã hội.

**IV. TỔ CHỨC THỰC HIỆN**

1. Sở Tài chính chủ trì, phối hợp với các sở, ban, ngành, UBND các xã, phường theo dõi, đôn đốc việc thực hiện Kế hoạch; tổng hợp báo cáo UBND tỉnh trước ngày 15/12/2026.

2. Sở Nông nghiệp và Môi trường tỉnh Tuyên Quang: chủ trì thực hiện các chỉ tiêu về nông nghiệp, môi trường, tỷ lệ che phủ rừng.

3. Sở Y tế có trách nhiệm chủ trì thực hiện chỉ tiêu số bác sĩ, số giường bệnh và tỷ lệ dân số tham gia bảo hiểm y tế.

4. Sở Giáo dục và Đào tạo chủ trì nâng cao chất lượng giáo dục. Sở Nội vụ chủ trì thực hiện chỉ tiêu lao động qua đào tạo và giải quyết việc làm; Sở Dân tộc và Tôn giáo phối hợp thực hiện chính sách đối với vùng đồng bào dân tộc thiểu số.

5. UBND các xã, phường căn cứ Kế hoạch này xây dựng kế hoạch của địa phương, tổ chức triển khai thực hiện.

6. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh tăng cường giám sát việc thực hiện Kế hoạch.
"""

ANNUAL_2026_TARGETS = (
    T("tang truong", "at_least", 8.5),
    T("grdp binh quan dau nguoi", "at_least", 70),
    T("nong, lam nghiep va thuy san", "band", 20, 21),
    T("cong nghiep - xay dung", "band", 31, 32),
    T("dich vu", "band", 41, 42),
    T("thu ngan sach", "at_least", 5200),
    T("thu noi dia", "at_least", 4950),
    T("von dau tu toan xa hoi", "relative", 12),
    T("xuat khau", "at_least", 1.2),
    T("do thi hoa", "approx", 26),
    T("khach du lich", "at_least", 3.5),
    T("doanh thu tu du lich", "at_least", 6500),
    T("ho ngheo", "reduction", 2, 2.5),
    T("dac biet kho khan", "reduction", 4, 4),
    T("lao dong qua dao tao", "at_least", 70),
    T("van bang, chung chi", "at_least", 30.5),
    T("viec lam", "at_least", 18000),
    T("bac si", "at_least", 13),
    T("giuong benh", "at_least", 34),
    T("bao hiem y te", "at_least", 95),
    T("that nghiep", "at_most", None, 3),
    T("che phu rung", "at_least", 65),
    T("chat thai ran", "at_least", 95),
    T("nuoc sach", "at_least", 60),
    T("giai ngan", "at_least", 100),
    T("on dinh chinh tri", "qualitative", None),
)
ANNUAL_2026_TASKS = (
    L("IV.1", "so-tai-chinh"),
    L("IV.2", "so-nong-nghiep-va-moi-truong"),
    L("IV.3", "so-y-te"),
    L("IV.4", "so-giao-duc-va-dao-tao", "so-noi-vu"),
    L("IV.5", "ubnd-cap-xa"),
    L("IV.6", "uy-ban-mttq-tinh", "cac-to-chuc-chinh-tri-xa-hoi-tinh"),
)


# ---------------------------------------------------------------- a five-year plan, PDF text

FIVE_YEAR = """ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN
KẾ HOẠCH
Phát triển kinh tế - xã hội 5 năm 2026 - 2030 tỉnh Thái Nguyên
I. ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN KẾ HOẠCH 5 NĂM 2021 - 2025
Giai đoạn 2021 - 2025, tốc độ tăng trưởng GRDP bình quân ước đạt 6,8%/năm; quy mô kinh tế năm 2025 ước đạt 185.000 tỷ đồng, gấp 1,5 lần năm 2020. Thu ngân sách nhà nước 5 năm đạt 98.500 tỷ đồng. Tỷ lệ hộ nghèo giảm bình quân 1,8%/năm.
II. MỤC TIÊU, CHỈ TIÊU CHỦ YẾU GIAI ĐOẠN 2026 - 2030
1. Mục tiêu tổng quát
Phát triển tỉnh Thái Nguyên trở thành trung tâm công nghiệp, giáo dục của vùng trung du và miền núi phía Bắc; nâng cao đời sống vật chất và tinh thần của Nhân dân.
2. Các chỉ tiêu chủ yếu
a) Các chỉ tiêu về kinh tế
- Tốc độ tăng trưởng GRDP bình quân giai đoạn 2026 - 2030 đạt 10%/năm trở lên.
- Đến năm 2030, GRDP bình quân đầu người đạt khoảng 150 triệu đồng.
- Thu ngân sách nhà nước trên địa bàn tăng bình quân 12%/năm.
- Tổng vốn đầu tư toàn xã hội giai đoạn 2026 - 2030 đạt khoảng 550.000 tỷ đồng.
- Năng suất lao động xã hội tăng bình quân 7,5 - 8%/năm.
- Tỷ trọng kinh tế số chiếm 25 - 30% GRDP.
- Thu nhập bình quân đầu người khu vực nông thôn tăng 1,5 - 2 lần so với năm 2025.
- Phấn đấu đến năm 2030 tỉnh nằm trong nhóm 15 tỉnh, thành phố dẫn đầu cả nước về chỉ số năng lực cạnh tranh cấp tỉnh (PCI).
b) Các chỉ tiêu về xã hội
- Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều giảm bình quân 1 - 1,5%/năm.
- Đến năm 2030, tỷ lệ đô thị hóa đạt trên 45%.
- Tỷ lệ lao động nông nghiệp trong tổng lao động xã hội giảm xuống còn dưới 20%.
- Có từ 35 giường bệnh/vạn dân trở lên.
- Thu nhập bình quân của người lao động đạt 9,5 triệu đồng/người/tháng.
c) Các chỉ tiêu về môi trường
- Tỷ lệ che phủ rừng ổn định ở mức 53%.
- 100% khu công nghiệp đang hoạt động có hệ thống xử lý nước thải tập trung đạt tiêu chuẩn môi trường.
- Bảo vệ nghiêm ngặt diện tích rừng tự nhiên hiện có, không để xảy ra cháy rừng lớn.
III. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU
1. Hoàn thiện thể chế, đẩy mạnh cải cách hành chính, cải thiện môi trường đầu tư kinh doanh. Giao Sở Tài chính chủ trì, phối hợp với các sở, ngành liên quan tham mưu triển khai thực hiện.
2. Phát triển hạ tầng giao thông, đô thị; hoàn thành đường vành đai V trong giai đoạn 2026 - 2030 (Sở Xây dựng chủ trì, phối hợp với UBND các xã, phường).
3. Phát triển công nghiệp, thương mại; thu hút các dự án công nghệ cao. Sở Công Thương chủ trì, phối hợp với Ban Quản lý các khu công nghiệp tỉnh thực hiện.
IV. TỔ CHỨC THỰC HIỆN
1. Các sở, ban, ngành, UBND các xã, phường căn cứ Kế hoạch này xây dựng kế hoạch 5 năm của ngành, địa phương.
2. Sở Tài chính là cơ quan đầu mối theo dõi, đôn đốc, tổng hợp tình hình thực hiện Kế hoạch; định kỳ hằng năm báo cáo UBND tỉnh.
"""
FIVE_YEAR_TARGETS = (
    T("tang truong grdp", "at_least", 10),
    T("grdp binh quan dau nguoi", "approx", 150),
    T("thu ngan sach", "at_least", 12),
    T("von dau tu toan xa hoi", "approx", 550000),
    T("nang suat lao dong", "range", 7.5, 8),
    T("kinh te so", "band", 25, 30),
    T("thu nhap", "relative", 1.5, 2),
    T("nang luc canh tranh", "rank", None, 15),
    T("ho ngheo", "reduction", 1, 1.5),
    T("do thi hoa", "at_least", 45),
    T("lao dong nong nghiep", "at_most", None, 20),
    T("giuong benh", "at_least", 35),
    T("thu nhap binh quan cua nguoi lao dong", "at_least", 9.5),
    T("che phu rung", "at_least", 53),
    T("khu cong nghiep", "at_least", 100),
    T("rung tu nhien", "qualitative", None),
)
FIVE_YEAR_TASKS = (
    L("III.1", "so-tai-chinh"),
    L("III.2", "so-xay-dung"),
    L("III.3", "so-cong-thuong"),
    L("IV.1", "cac-so-ban-nganh", "ubnd-cap-xa"),
    L("IV.2", "so-tai-chinh"),
)


# ---------------------------------------------------------------- a programme with annex tables

PROGRAMME = """ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ

**CHƯƠNG TRÌNH HÀNH ĐỘNG**

Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số, giai đoạn 2026 - 2030

**I. MỤC TIÊU**

**1. Mục tiêu chung**

Phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số là đột phá quan trọng hàng đầu, động lực chính để phát triển nhanh lực lượng sản xuất hiện đại.

**2. Mục tiêu cụ thể đến năm 2030**

\\- Kinh tế số đạt tối thiểu 20% GRDP của tỉnh.

\\- Tỷ lệ dân số trưởng thành có chữ ký số hoặc chữ ký điện tử cá nhân đạt trên 70%.

\\- Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình đạt không dưới 80%.

\\- Chi cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số đạt 3% tổng chi ngân sách của tỉnh.

\\- Có ít nhất 50 doanh nghiệp khoa học và công nghệ.

\\- Phủ sóng 5G đến 100% khu công nghiệp, khu đô thị.

**II. NHIỆM VỤ, GIẢI PHÁP**

Biểu 01. Chỉ tiêu chủ yếu

| STT | Chỉ tiêu | Đơn vị tính | Ước thực hiện năm 2025 | Kế hoạch năm 2026 |
|---|---|---|---|---|
| 1 | Tỷ lệ cơ quan nhà nước sử dụng văn bản điện tử | % | 92 | ≥ 98 |
| 2 | Số sáng kiến được công nhận | sáng kiến | 120 | 150 |
| 3 | Tỷ lệ người dân có danh tính điện tử | % | 75 | 85 - 90 |

Phụ lục. Danh mục nhiệm vụ cụ thể

| STT | Nội dung nhiệm vụ | Phân công thực hiện | | Thời gian hoàn thành | Sản phẩm |
|---|---|---|---|---|---|
| | | Cơ quan chủ trì | Cơ quan phối hợp | | |
| A | HOÀN THIỆN THỂ CHẾ | | | | |
| 1 | Xây dựng Đề án phát triển khoa học, công nghệ tỉnh giai đoạn 2026 - 2030 | Sở Khoa học và Công nghệ | Sở Tài chính; Sở Nội vụ | Quý II/2026 | Đề án trình HĐND tỉnh |
| 2 | Ban hành quy chế quản lý dữ liệu dùng chung của tỉnh | Sở Khoa học và Công nghệ tỉnh Phú Thọ | Công an tỉnh | Năm 2026 | Quyết định của UBND tỉnh |
| B | PHÁT TRIỂN HẠ TẦNG SỐ | | | | |
| 1 | Triển khai Trung tâm dữ liệu của tỉnh | Công an tỉnh | Sở Khoa học và Công nghệ | 2026 - 2027 | Trung tâm dữ liệu |
| 2 | Chuyển đổi số trong nông nghiệp | Sở Nông nghiệp và Môi trường | UBND các xã, phường | Hằng năm | Báo cáo |
| 3 | Đào tạo nhân lực số cho cán bộ cấp xã | Sở Nội vụ | UBND các xã, phường | 2026 - 2030 | Lớp đào tạo |

**III. TỔ CHỨC THỰC HIỆN**

**1.** Sở Khoa học và Công nghệ là cơ quan thường trực, chủ trì theo dõi, đôn đốc thực hiện Chương trình; định kỳ hằng năm tổng hợp báo cáo.
"""
PROGRAMME_TARGETS = (
    T("kinh te so", "at_least", 20),
    T("chu ky so", "at_least", 70),
    T("truc tuyen toan trinh", "at_least", 80),
    T("chi cho khoa hoc", "at_least", 3),
    T("doanh nghiep khoa hoc va cong nghe", "at_least", 50),
    T("5g", "at_least", 100),
    T("van ban dien tu", "at_least", 98),
    T("sang kien", "at_least", 150),  # a count to reach
    T("danh tinh dien tu", "range", 85, 90),
)
PROGRAMME_TASKS = (
    L("A.1", "so-khoa-hoc-va-cong-nghe"),
    L("A.2", "so-khoa-hoc-va-cong-nghe"),
    L("B.1", "cong-an-tinh"),
    L("B.2", "so-nong-nghiep-va-moi-truong"),
    L("B.3", "so-noi-vu"),
    L("III.1", "so-khoa-hoc-va-cong-nghe"),
)


# ---------------------------------------------------------------- a report that only reports results

REPORT = """ỦY BAN NHÂN DÂN TỈNH CAO BẰNG
BÁO CÁO
Tình hình thực hiện kế hoạch phát triển kinh tế - xã hội năm 2025
I. KẾT QUẢ ĐẠT ĐƯỢC
1. Về kinh tế
Tốc độ tăng trưởng GRDP ước đạt 7,2%, đứng thứ 12/14 tỉnh vùng trung du và miền núi phía Bắc. GRDP bình quân đầu người đạt 48,6 triệu đồng. Tổng thu ngân sách nhà nước trên địa bàn đạt 3.250 tỷ đồng, bằng 115% dự toán Trung ương giao, tăng 8,2% so với cùng kỳ. Kim ngạch xuất nhập khẩu qua địa bàn ước đạt 1,1 tỷ USD.
Sản lượng lương thực cả năm đạt 278.000 tấn; trồng mới 2.500 ha rừng; toàn tỉnh có thêm 12 sản phẩm OCOP đạt 3 sao trở lên.
2. Về văn hóa - xã hội
Tỷ lệ hộ nghèo giảm 4,1%, còn 18,5%. Giải quyết việc làm cho 7.800 lao động, đạt 104% kế hoạch. Tỷ lệ dân số tham gia bảo hiểm y tế đạt 98,7%. Tỷ lệ trường đạt chuẩn quốc gia đạt 62%, tăng 3% so với năm 2024.
Đã hoàn thành xóa 4.200 nhà tạm, nhà dột nát; 100% xã có đường ô tô đến trung tâm.
II. TỒN TẠI, HẠN CHẾ
Tăng trưởng chưa đạt kịch bản đề ra (8%); giải ngân vốn đầu tư công mới đạt 78% kế hoạch.
"""


# ---------------------------------------------------------------- a HĐND resolution, PDF text with footnotes

RESOLUTION = """HỘI ĐỒNG NHÂN DÂN TỈNH BẮC NINH
Số: 68/NQ-HĐND
Bắc Ninh, ngày 10 tháng 12 năm 2025
NGHỊ QUYẾT
Về kế hoạch phát triển kinh tế - xã hội năm 2026
HỘI ĐỒNG NHÂN DÂN TỈNH BẮC NINH KHÓA XIX, KỲ HỌP THỨ NĂM
Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;
Xét Tờ trình số 512/TTr-UBND ngày 25 tháng 11 năm 2025 của Ủy ban nhân dân tỉnh; Báo cáo thẩm tra của Ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh; ý kiến thảo luận của đại biểu Hội đồng nhân dân tỉnh tại kỳ họp.
QUYẾT NGHỊ:
Điều 1. Thông qua kế hoạch phát triển kinh tế - xã hội năm 2026 với các nội dung chủ yếu sau:
1. Mục tiêu tổng quát
Tiếp tục giữ vững ổn định kinh tế vĩ mô, thúc đẩy tăng trưởng nhanh và bền vững gắn với đổi mới mô hình tăng trưởng; bảo đảm an sinh xã hội, nâng cao đời sống Nhân dân.
2. Các chỉ tiêu chủ yếu
2.1. Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP) đạt 10 - 10,5%1.
^1 Chỉ tiêu Trung ương giao cho tỉnh là 10%; năm 2025 ước đạt 9,2%.
2.2. GRDP bình quân đầu người đạt 195 triệu đồng/người/năm.
2.3. Kim ngạch xuất khẩu đạt 62 tỷ USD; kim ngạch nhập khẩu tăng 8–8,5 % so với năm 2025.
2.4. Thu ngân sách nhà nước trên địa bàn đạt 48.500 tỷ đồng2.
^2 Trong đó: thu nội địa 38.000 tỷ đồng; thu từ hoạt động xuất nhập khẩu 10.500 tỷ đồng.
2.5. Tổng vốn đầu tư phát triển toàn xã hội đạt khoảng 155.000 tỷ đồng.
2.6. Tỷ lệ đô thị hóa đạt từ 82% trở lên.
2.7. Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều giảm xuống còn 0,5%.
2.8. Tỷ lệ lao động qua đào tạo đạt không dưới 82%; tỷ lệ thất nghiệp khu vực thành thị dưới 2,5%.
2.9. Tỷ lệ bao phủ bảo hiểm y tế đạt tối thiểu 96,5% dân số.
2.10. Trồng mới 1.200 ha rừng tập trung.
2.11. Xây dựng mới 25 km đường giao thông nông thôn.
2.12. Thu nhập bình quân của người dân nông thôn tăng 1,2 lần so với năm 2025.
2.13. 100% xã, phường đạt chuẩn tiếp cận pháp luật.
Điều 2. Tổ chức thực hiện
1. Giao Ủy ban nhân dân tỉnh tổ chức triển khai thực hiện Nghị quyết.
2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh giám sát và vận động Nhân dân tham gia thực hiện Nghị quyết.
Điều 3. Hiệu lực thi hành
Nghị quyết này đã được Hội đồng nhân dân tỉnh Bắc Ninh khóa XIX, kỳ họp thứ năm thông qua ngày 10 tháng 12 năm 2025 và có hiệu lực từ ngày ký.
"""
RESOLUTION_TARGETS = (
    T("tang truong", "range", 10, 10.5),
    T("grdp binh quan dau nguoi", "at_least", 195),
    T("xuat khau", "at_least", 62),
    T("nhap khau", "relative", 8, 8.5),
    T("thu ngan sach", "at_least", 48500),
    T("thu noi dia", "exact", 38000),
    T("xuat nhap khau", "exact", 10500),
    T("von dau tu", "approx", 155000),
    T("do thi hoa", "at_least", 82),
    T("ho ngheo", "at_most", None, 0.5),
    T("lao dong qua dao tao", "at_least", 82),
    T("that nghiep", "at_most", None, 2.5),
    T("bao hiem y te", "at_least", 96.5),
    T("rung", "at_least", 1200),
    T("duong giao thong nong thon", "at_least", 25),
    T("thu nhap", "relative", 1.2),
    T("tiep can phap luat", "at_least", 100),
)
RESOLUTION_TASKS = (
    L("Điều 2.1", "ubnd-tinh"),
    L("Điều 2.2", "uy-ban-mttq-tinh"),
)


# ---------------------------------------------------------------- a Word plan numbered by Word

# (level, text): level 0 "I.", 1 "1.", 2 "a)" drawn by Word's numbering; None: a plain paragraph.
# A list is a table: its first two rows are the header; "<" merges a cell with the one on its
# left, "^" with the one above (Word then gives the cell above's text in both rows).
WORD_PLAN: list = [
    (None, "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN"),
    (None, "Số: 301/KH-UBND"),
    (None, "Nghệ An, ngày 05 tháng 01 năm 2026"),
    (None, "KẾ HOẠCH"),
    (None, "Chuyển đổi số tỉnh Nghệ An năm 2026"),
    (0, "MỤC TIÊU"),
    (1, "Mục tiêu chung"),
    (None, "Đẩy mạnh chuyển đổi số toàn diện trên cả ba trụ cột chính quyền số, kinh tế số, xã hội số."),
    (1, "Chỉ tiêu cụ thể"),
    (2, "Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến đạt trên 60%."),
    (2, "Doanh thu dịch vụ công nghệ thông tin đạt 3.500 tỷ đồng."),
    (2, "Tỷ lệ hộ gia đình có kết nối Internet cáp quang băng rộng đạt 90% trở lên."),
    (2, "Giảm 30% thời gian giải quyết thủ tục hành chính so với năm 2025."),
    (2, "Phấn đấu 100% cơ quan nhà nước cấp tỉnh, cấp xã sử dụng nền tảng họp trực tuyến."),
    (None, "Biểu: Chỉ tiêu chuyển đổi số năm 2026"),
    [
        ["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2025", "<", "Năm 2026"],
        ["^", "^", "^", "Kế hoạch", "Ước thực hiện", "Kế hoạch"],
        ["1", "Tỷ lệ dân số trưởng thành có điện thoại thông minh", "%", "85", "87", "≥ 92"],
        ["2", "Số doanh nghiệp công nghệ số", "doanh nghiệp", "400", "420", "500"],
        ["3", "Tỷ lệ thanh toán không dùng tiền mặt", "%", "50", "55", "60 - 65"],
    ],
    (0, "NHIỆM VỤ VÀ GIẢI PHÁP"),
    (1, "Phát triển hạ tầng số"),
    (None, "- Cơ quan chủ trì: Sở Khoa học và Công nghệ."),
    (None, "- Cơ quan phối hợp: Viễn thông Nghệ An, UBND các xã, phường."),
    (None, "- Thời gian thực hiện: Năm 2026."),
    (1, "Phát triển chính quyền số"),
    (None, "- Đơn vị chủ trì: Văn phòng UBND tỉnh; Sở Nội vụ."),
    (None, "- Đơn vị phối hợp: Các sở, ban, ngành."),
    (None, "- Thời hạn hoàn thành: Quý IV/2026."),
    (0, "TỔ CHỨC THỰC HIỆN"),
    (
        1,
        "Sở Khoa học và Công nghệ là cơ quan thường trực, chủ trì theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch.",
    ),
    (
        1,
        "Các sở, ban, ngành, UBND các xã, phường căn cứ chức năng, nhiệm vụ chủ động triển khai các nhiệm vụ được giao.",
    ),
]
WORD_PLAN_TARGETS = (
    T("truc tuyen", "at_least", 60),
    T("doanh thu dich vu cong nghe thong tin", "at_least", 3500),
    T("cap quang", "at_least", 90),
    T("thoi gian giai quyet thu tuc hanh chinh", "reduction", 30, 30),
    T("hop truc tuyen", "at_least", 100),
    T("dien thoai thong minh", "at_least", 92),
    T("doanh nghiep cong nghe so", "at_least", 500),  # a count to reach
    T("thanh toan khong dung tien mat", "range", 60, 65),
)
WORD_PLAN_TASKS = (
    L("II.1", "so-khoa-hoc-va-cong-nghe"),
    L("II.2", "van-phong-ubnd-tinh", "so-noi-vu"),
    L("III.1", "so-khoa-hoc-va-cong-nghe"),
    L("III.2", "cac-so-ban-nganh", "ubnd-cap-xa"),
)

_LEVELS = (("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)"))


def write_numbered_docx(path, items: list):  # noqa: ANN001, ANN201 - a Path
    """A .docx whose headings are numbered by Word's automatic numbering (numbering.xml), as
    Word writes plans: the numbers are not in the paragraphs' text."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(_LEVELS)
    )
    numbering.insert(
        0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{levels}</w:abstractNum>')
    )
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for item in items:
        if isinstance(item, list):
            table = document.add_table(rows=len(item), cols=len(item[0]))
            for r, row in enumerate(item):
                for c, value in enumerate(row):
                    if value == "<":
                        table.cell(r, c - 1).merge(table.cell(r, c))
                    elif value == "^":
                        table.cell(r - 1, c).merge(table.cell(r, c))
                    else:
                        table.cell(r, c).text = value
            continue
        level, text = item
        paragraph = document.add_paragraph(text)
        if level is not None:
            ppr = paragraph._p.get_or_add_pPr()
            ppr.append(
                parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
            )
    document.save(str(path))
    return path


# ---------------------------------------------------------------- written after the rules: held out
# These two were written once the rules above were in place, and measured as they came (the
# README gives their first numbers); they keep the rules honest about plans not tuned for.

HELD_OUT_ANNUAL = """ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH
Số: 4521/QĐ-UBND                     Quảng Ninh, ngày 18 tháng 12 năm 2025
QUYẾT ĐỊNH
Về việc giao chỉ tiêu kế hoạch phát triển kinh tế - xã hội và dự toán ngân sách nhà nước năm 2026
Điều 1. Giao chỉ tiêu kế hoạch phát triển kinh tế - xã hội năm 2026 như sau:
1. Bối cảnh
Năm 2025, kinh tế của tỉnh tiếp tục tăng trưởng khá, GRDP ước tăng 11,2%; thu ngân sách đạt 56.000 tỷ đồng; đã giải ngân 9.800 tỷ đồng vốn đầu tư công, đạt 95% kế hoạch. Mọi thông tin liên hệ: Văn phòng UBND tỉnh, điện thoại 0203 3835 668.
2. Các chỉ tiêu kinh tế
- Tốc độ tăng trưởng GRDP đạt 12% trở lên; trong điều kiện thuận lợi phấn đấu đạt 13%.
- GRDP bình quân đầu người đạt khoảng 11.000 USD.
- Tổng thu ngân sách nhà nước trên địa bàn đạt 58.700 tỷ đồng, phấn đấu đạt trên 60.000 tỷ đồng.
- Đón khoảng 20 triệu lượt khách du lịch, trong đó khách quốc tế khoảng 3,5 triệu lượt.
- Kim ngạch xuất khẩu hàng hóa trên địa bàn tăng 10% so với năm 2025.
- Cơ cấu kinh tế: công nghiệp - xây dựng chiếm 50 - 51%; dịch vụ chiếm 38 - 39%; nông, lâm nghiệp, thủy sản chiếm 5 - 6%.
3. Các chỉ tiêu xã hội
- Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều của tỉnh giảm xuống dưới 0,1%.
- Tạo việc làm mới cho 16.500 lao động.
- Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ đạt 55%.
- Tỷ lệ người dân tham gia bảo hiểm y tế đạt 97%.
- Số giường bệnh đạt 40 giường bệnh/vạn dân.
4. Các chỉ tiêu môi trường
- Tỷ lệ che phủ rừng đạt 55% trở lên.
- Tỷ lệ thu gom, xử lý chất thải rắn sinh hoạt ở đô thị đạt 97%; ở nông thôn đạt 85%.
Điều 2. Tổ chức thực hiện
1. Sở Tài chính chủ trì, phối hợp với Thuế tỉnh, Hải quan Quảng Ninh triển khai thực hiện dự toán ngân sách nhà nước năm 2026.
2. Sở Văn hóa, Thể thao và Du lịch chủ trì thực hiện chỉ tiêu về khách du lịch; Sở Công Thương chủ trì thực hiện chỉ tiêu kim ngạch xuất khẩu.
3. UBND các xã, phường, đặc khu căn cứ chỉ tiêu được giao, tổ chức thực hiện; báo cáo kết quả về Sở Tài chính trước ngày 20 hằng tháng.
"""
HELD_OUT_ANNUAL_TARGETS = (
    T("tang truong grdp", "at_least", 12),
    T("grdp binh quan dau nguoi", "approx", 11000),
    T("thu ngan sach", "at_least", 58700),
    T("khach du lich", "approx", 20),
    T("khach quoc te", "approx", 3.5),
    T("xuat khau", "relative", 10),
    T("cong nghiep - xay dung", "band", 50, 51),
    T("dich vu", "band", 38, 39),
    T("nong, lam nghiep, thuy san", "band", 5, 6),
    T("ho ngheo", "at_most", None, 0.1),
    T("viec lam", "at_least", 16500),
    T("bang cap, chung chi", "at_least", 55),
    T("bao hiem y te", "at_least", 97),
    T("giuong benh", "at_least", 40),
    T("che phu rung", "at_least", 55),
    T("chat thai ran", "at_least", 97),
    T("nong thon", "at_least", 85),
)
HELD_OUT_ANNUAL_TASKS = (
    L("Điều 2.1", "so-tai-chinh"),
    L("Điều 2.2", "so-van-hoa-the-thao-va-du-lich", "so-cong-thuong"),
    L("Điều 2.3", "ubnd-cap-xa"),
)

HELD_OUT_PROGRAMME = """TỈNH ỦY LÀO CAI
BAN THƯỜNG VỤ
CHƯƠNG TRÌNH HÀNH ĐỘNG
Thực hiện Nghị quyết số 68-NQ/TW ngày 04/5/2025 của Bộ Chính trị về phát triển kinh tế tư nhân, giai đoạn 2026 - 2030
I. MỤC TIÊU
1. Mục tiêu chung
Kinh tế tư nhân trở thành một động lực quan trọng nhất của nền kinh tế của tỉnh.
2. Mục tiêu cụ thể
- Đến năm 2030, toàn tỉnh có khoảng 10.000 doanh nghiệp đang hoạt động.
- Tốc độ tăng trưởng bình quân của kinh tế tư nhân đạt khoảng 10 - 12%/năm, cao hơn tốc độ tăng trưởng của nền kinh tế.
- Kinh tế tư nhân đóng góp khoảng 55 - 58% GRDP, khoảng 35 - 40% tổng thu ngân sách nhà nước.
- Năng suất lao động của khu vực kinh tế tư nhân tăng bình quân khoảng 8,5 - 9,5%/năm.
- Phấn đấu có ít nhất 3 doanh nghiệp lớn tham gia chuỗi giá trị toàn cầu.
II. NHIỆM VỤ, GIẢI PHÁP
1. Đổi mới tư duy, thống nhất nhận thức về vị trí, vai trò của kinh tế tư nhân. Cơ quan chủ trì: Ban Tuyên giáo và Dân vận Tỉnh ủy; cơ quan phối hợp: Sở Văn hóa, Thể thao và Du lịch, các cơ quan báo chí; thời gian thực hiện: thường xuyên.
2. Cải cách thể chế, cắt giảm ít nhất 30% thời gian xử lý thủ tục hành chính. Cơ quan chủ trì: Sở Tài chính; cơ quan phối hợp: Sở Tư pháp; thời gian thực hiện: năm 2026.
3. Tạo thuận lợi tiếp cận đất đai, mặt bằng sản xuất kinh doanh. Cơ quan chủ trì: Sở Nông nghiệp và Môi trường; cơ quan phối hợp: UBND các xã, phường; thời gian thực hiện: 2026 - 2030.
III. TỔ CHỨC THỰC HIỆN
1. Các cấp ủy, tổ chức đảng xây dựng kế hoạch thực hiện Chương trình hành động.
2. Đảng ủy UBND tỉnh lãnh đạo UBND tỉnh ban hành kế hoạch thực hiện, hoàn thành trong quý I/2026.
"""
HELD_OUT_PROGRAMME_TARGETS = (
    T("doanh nghiep", "approx", 10000),
    T("kinh te tu nhan", "range", 10, 12),
    T("grdp", "band", 55, 58),
    T("thu ngan sach", "band", 35, 40),
    T("nang suat lao dong", "range", 8.5, 9.5),
    T("doanh nghiep lon", "at_least", 3),
    T("thoi gian xu ly thu tuc hanh chinh", "reduction", 30, 30),
)
HELD_OUT_PROGRAMME_TASKS = (
    L("II.1", "ban-tuyen-giao-va-dan-van-tinh-uy"),
    L("II.2", "so-tai-chinh"),
    L("II.3", "so-nong-nghiep-va-moi-truong"),
)


# Held out, second round: written after the fixes the first round led to, measured as they came.

HELD_OUT_FIVE_YEAR_MD = """**ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH**

**KẾ HOẠCH**

**Thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XX, nhiệm kỳ 2025 - 2030**

**I. MỤC ĐÍCH, YÊU CẦU**

Cụ thể hóa các mục tiêu, chỉ tiêu, nhiệm vụ, giải pháp của Nghị quyết; phân công rõ trách nhiệm cho các cơ quan, đơn vị.

**II. CHỈ TIÊU CHỦ YẾU ĐẾN NĂM 2030**

| TT | Chỉ tiêu | ĐVT | Năm 2025 | Mục tiêu đến năm 2030 |
|---|---|---|---|---|
| 1 | Tốc độ tăng trưởng GRDP bình quân | %/năm | 6,5 | 10 - 11 |
| 2 | GRDP bình quân đầu người | triệu đồng | 85 | ≥ 150 |
| 3 | Tỷ lệ đô thị hóa | % | 28 | 40 |
| 4 | Tỷ lệ hộ nghèo | % | 2,1 | < 1 |

Ngoài các chỉ tiêu trên, phấn đấu đến năm 2030 thu hút đầu tư trực tiếp nước ngoài (FDI) đạt 3 tỷ USD; tổng vốn đầu tư toàn xã hội 5 năm đạt khoảng 400.000 tỷ đồng; tỷ lệ lao động nông nghiệp giảm còn 25%.

**III. NHIỆM VỤ, GIẢI PHÁP**

Phụ lục: Phân công nhiệm vụ

| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |
|---|---|---|---|---|
| 1 | Xây dựng quy hoạch phát triển Khu kinh tế Vũng Áng | Ban Quản lý Khu kinh tế tỉnh | Sở Xây dựng | 2026 - 2027 |
| 2 | Đề án phát triển du lịch biển | Sở Văn hóa, Thể thao và Du lịch | UBND các xã, phường ven biển | 2026 |
| 3 | Chương trình chuyển đổi số | Sở Khoa học và Công nghệ | Các sở, ngành | Hằng năm |

**IV. TỔ CHỨC THỰC HIỆN**

1\\. Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các xã, phường chịu trách nhiệm trước Ban Chấp hành Đảng bộ tỉnh về kết quả thực hiện nhiệm vụ được giao.

2\\. Sở Tài chính chủ trì theo dõi, tổng hợp, báo cáo tình hình thực hiện Kế hoạch trước ngày 15/12 hằng năm.
"""
HELD_OUT_FIVE_YEAR_MD_TARGETS = (
    T("tang truong grdp", "range", 10, 11),
    T("grdp binh quan dau nguoi", "at_least", 150),
    T("do thi hoa", "at_least", 40),
    T("ho ngheo", "at_most", None, 1),
    T("fdi", "at_least", 3),
    T("von dau tu toan xa hoi", "approx", 400000),
    T("lao dong nong nghiep", "at_most", None, 25),
)
HELD_OUT_FIVE_YEAR_MD_TASKS = (
    L("1", "ban-quan-ly-khu-kinh-te-tinh"),
    L("2", "so-van-hoa-the-thao-va-du-lich"),
    L("3", "so-khoa-hoc-va-cong-nghe"),
    L("IV.1", "cac-so-ban-nganh", "ubnd-cap-xa"),
    L("IV.2", "so-tai-chinh"),
)

HELD_OUT_REPORT_WITH_OUTLOOK = """ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP
BÁO CÁO
Tình hình kinh tế - xã hội năm 2025 và phương hướng, nhiệm vụ năm 2026
I. TÌNH HÌNH KINH TẾ - XÃ HỘI NĂM 2025
Tốc độ tăng trưởng kinh tế đạt 7,4%; GRDP bình quân đầu người đạt 78 triệu đồng. Tổng kim ngạch xuất khẩu ước đạt 2,8 tỷ USD, tăng 9% so với cùng kỳ. Tỷ lệ hộ nghèo còn 2,3%. Có 120/130 xã đạt chuẩn nông thôn mới.
II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026
1. Các chỉ tiêu chủ yếu
- Tốc độ tăng trưởng kinh tế (GRDP) phấn đấu đạt 8,5 - 9%.
- GRDP bình quân đầu người đạt khoảng 86 triệu đồng.
- Kim ngạch xuất khẩu đạt trên 3 tỷ USD.
- Tỷ lệ hộ nghèo giảm còn dưới 2%.
- Có thêm 5 xã đạt chuẩn nông thôn mới nâng cao.
2. Nhiệm vụ, giải pháp
Sở Nông nghiệp và Môi trường chủ trì, phối hợp với UBND các xã triển khai Đề án phát triển vùng nguyên liệu lúa chất lượng cao.
"""
HELD_OUT_REPORT_WITH_OUTLOOK_TARGETS = (
    T("tang truong", "range", 8.5, 9),
    T("grdp binh quan dau nguoi", "approx", 86),
    T("xuat khau", "at_least", 3),
    T("ho ngheo", "at_most", None, 2),
    T("nong thon moi nang cao", "at_least", 5),
)
HELD_OUT_REPORT_WITH_OUTLOOK_TASKS = (L("II.2", "so-nong-nghiep-va-moi-truong"),)


# Held out, third round: written after the second round's fixes, measured as they came.

HELD_OUT_DENSE = """HỘI ĐỒNG NHÂN DÂN TỈNH GIA LAI
Số: 12/NQ-HĐND
Gia Lai, ngày 09 tháng 12 năm 2025
NGHỊ QUYẾT
Về nhiệm vụ phát triển kinh tế - xã hội năm 2026
Điều 1. Thông qua mục tiêu, chỉ tiêu, nhiệm vụ phát triển kinh tế - xã hội năm 2026 như sau:
1. Các chỉ tiêu chủ yếu
Tốc độ tăng trưởng kinh tế (GRDP) đạt 8,5% trở lên; GRDP bình quân đầu người đạt 92 triệu đồng; thu ngân sách nhà nước trên địa bàn đạt 15.200 tỷ đồng; tổng vốn đầu tư toàn xã hội đạt khoảng 95.000 tỷ đồng; giá trị kim ngạch xuất khẩu đạt 2,1 tỷ USD; tỷ lệ hộ nghèo giảm 1,5%; tạo việc làm cho 35.000 lao động; tỷ lệ che phủ rừng đạt 48,5%.
Đến năm 2026, có 70% số xã đạt chuẩn nông thôn mới; 100% trạm y tế xã có bác sĩ làm việc.
2. Nhiệm vụ, giải pháp trọng tâm
- Giao Sở Tài chính: chủ trì, phối hợp với các sở, ngành tham mưu điều hành dự toán ngân sách.
- Sở Công Thương: chủ trì phát triển thị trường xuất khẩu, mở rộng xúc tiến thương mại.
- Sở Nông nghiệp và Môi trường: chủ trì thực hiện chỉ tiêu che phủ rừng và nông thôn mới.
Điều 2. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết.
"""
HELD_OUT_DENSE_TARGETS = (
    T("tang truong", "at_least", 8.5),
    T("grdp binh quan dau nguoi", "at_least", 92),
    T("thu ngan sach", "at_least", 15200),
    T("von dau tu toan xa hoi", "approx", 95000),
    T("xuat khau", "at_least", 2.1),
    T("ho ngheo", "reduction", 1.5, 1.5),
    T("viec lam", "at_least", 35000),
    T("che phu rung", "at_least", 48.5),
    T("nong thon moi", "at_least", 70),
    T("tram y te", "at_least", 100),
)
HELD_OUT_DENSE_TASKS = (
    L("Điều 1.2-1", "so-tai-chinh"),
    L("Điều 1.2-2", "so-cong-thuong"),
    L("Điều 1.2-3", "so-nong-nghiep-va-moi-truong"),
)

HELD_OUT_CITY = """ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ
KẾ HOẠCH
Phát triển kinh tế - xã hội thành phố Cần Thơ giai đoạn 2026 - 2030
I. MỤC TIÊU
1. Mục tiêu tổng quát
Xây dựng thành phố Cần Thơ trở thành trung tâm của vùng Đồng bằng sông Cửu Long.
2. Mục tiêu cụ thể đến năm 2030
a) Về kinh tế:
+ Tốc độ tăng trưởng GRDP bình quân giai đoạn 2026 - 2030 đạt 9 - 10%/năm.
+ GRDP bình quân đầu người đến năm 2030 đạt trên 7.500 USD.
+ Tỷ trọng khu vực dịch vụ trong GRDP chiếm khoảng 60%.
b) Về xã hội:
+ Tỷ lệ lao động qua đào tạo đạt 80%.
+ Đạt 35 giường bệnh/vạn dân và 19 bác sĩ/vạn dân.
PHỤ LỤC. CÁC CHỈ TIÊU THEO NĂM
| STT | Chỉ tiêu | Đơn vị tính | 2026 | 2028 | 2030 |
|---|---|---|---|---|---|
| 1 | Tỷ lệ đô thị hóa | % | 72 | 74 | 76 |
| 2 | Kim ngạch xuất khẩu | triệu USD | 2.800 | 3.300 | 4.000 |
II. TỔ CHỨC THỰC HIỆN
1. Sở Tài chính thành phố là cơ quan thường trực, chủ trì theo dõi, tổng hợp, đánh giá tình hình thực hiện Kế hoạch.
2. Ủy ban nhân dân các phường, xã tổ chức thực hiện Kế hoạch trên địa bàn.
"""
HELD_OUT_CITY_TARGETS = (
    T("tang truong grdp", "range", 9, 10),
    T("grdp binh quan dau nguoi", "at_least", 7500),
    T("dich vu", "approx", 60),
    T("lao dong qua dao tao", "at_least", 80),
    T("giuong benh", "at_least", 35),
    T("bac si", "at_least", 19),
    T("do thi hoa", "at_least", 72),
    T("do thi hoa", "at_least", 74),
    T("do thi hoa", "at_least", 76),
    T("xuat khau", "at_least", 2800),
    T("xuat khau", "at_least", 3300),
    T("xuat khau", "at_least", 4000),
)
HELD_OUT_CITY_TASKS = (
    L("II.1", "so-tai-chinh"),
    L("II.2", "ubnd-cap-xa"),
)


# Held out, fourth round: written after the third round's fixes, measured as they came.

HELD_OUT_AGRI = """ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK
KẾ HOẠCH
Phát triển nông nghiệp, nông thôn tỉnh Đắk Lắk năm 2026
I. MỤC TIÊU
1. Mục tiêu chung
Phát triển nông nghiệp hiệu quả, bền vững, nâng cao thu nhập của người dân nông thôn.
2. Chỉ tiêu cụ thể
- Tốc độ tăng giá trị sản xuất nông, lâm nghiệp và thủy sản đạt từ 4 - 4,5%.
- Sản lượng cà phê nhân đạt khoảng 550 nghìn tấn; diện tích cây sầu riêng đạt trên 40.000 ha.
- Thu nhập bình quân của người dân nông thôn đạt 62 triệu đồng/người/năm, tăng 8% so với năm 2025.
- Duy trì tỷ lệ che phủ rừng không thấp hơn 39%.
- Tỷ lệ diện tích cây trồng được tưới tiết kiệm nước đạt tối thiểu 30%.
- Có thêm 10 sản phẩm OCOP đạt 4 sao trở lên.
- Không để phát sinh dịch bệnh nguy hiểm trên đàn gia súc, gia cầm.
II. NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN
1. Sở Nông nghiệp và Môi trường
Chủ trì, phối hợp với các sở, ngành, địa phương tổ chức thực hiện Kế hoạch; tham mưu UBND tỉnh các cơ chế, chính sách phát triển nông nghiệp.
2. Sở Tài chính
Cân đối, bố trí nguồn vốn thực hiện Kế hoạch; hướng dẫn thanh quyết toán kinh phí.
3. Sở Khoa học và Công nghệ
Chủ trì hỗ trợ xây dựng, bảo hộ chỉ dẫn địa lý cho các sản phẩm nông nghiệp chủ lực.
4. UBND các xã, phường
Xây dựng kế hoạch cụ thể của địa phương; tổ chức thực hiện các chỉ tiêu được giao.
"""
HELD_OUT_AGRI_TARGETS = (
    T("gia tri san xuat", "range", 4, 4.5),
    T("ca phe", "approx", 550),
    T("sau rieng", "at_least", 40000),
    T("thu nhap", "at_least", 62),
    T("thu nhap", "relative", 8),
    T("che phu rung", "at_least", 39),
    T("tuoi tiet kiem", "at_least", 30),
    T("ocop", "at_least", 10),
    T("dich benh", "qualitative", None),
)
HELD_OUT_AGRI_TASKS = (
    L("II.1", "so-nong-nghiep-va-moi-truong"),
    L("II.2", "so-tai-chinh"),
    L("II.3", "so-khoa-hoc-va-cong-nghe"),
    L("II.4", "ubnd-cap-xa"),
)

HELD_OUT_SOCIAL = """**ỦY BAN NHÂN DÂN TỈNH THANH HÓA**

**KẾ HOẠCH**

**Thực hiện công tác giảm nghèo bền vững năm 2026**

**I. MỤC TIÊU, CHỈ TIÊU**

1\\. Tỷ lệ hộ nghèo đa chiều giảm từ 1 - 1,5%; riêng các xã miền núi giảm 3%.

2\\. Hỗ trợ xây dựng, sửa chữa 1.500 căn nhà ở cho hộ nghèo, hộ cận nghèo.

3\\. 100% người thuộc hộ nghèo được cấp thẻ bảo hiểm y tế.

4\\. Giải quyết việc làm cho khoảng 60.000 lao động, trong đó xuất khẩu lao động 12.000 người.

**II. NHIỆM VỤ, GIẢI PHÁP**

| TT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian |
|---|---|---|---|---|
| 1 | Rà soát hộ nghèo, hộ cận nghèo | Sở Nội vụ | UBND các xã, phường | Quý IV/2026 |
| 2 | Hỗ trợ nhà ở cho hộ nghèo | Sở Xây dựng | Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh | Năm 2026 |
| 3 | Cấp thẻ bảo hiểm y tế | Bảo hiểm xã hội tỉnh | Sở Y tế | Năm 2026 |

**III. TỔ CHỨC THỰC HIỆN**

Giao Sở Nội vụ là cơ quan thường trực, chủ trì theo dõi, tổng hợp, báo cáo UBND tỉnh trước ngày 20/12/2026.
"""
HELD_OUT_SOCIAL_TARGETS = (
    T("ho ngheo", "reduction", 1, 1.5),
    T("mien nui", "reduction", 3, 3),
    T("nha o", "at_least", 1500),
    T("bao hiem y te", "at_least", 100),
    T("viec lam", "approx", 60000),
    T("xuat khau lao dong", "approx", 12000),
)
HELD_OUT_SOCIAL_TASKS = (
    L("1", "so-noi-vu"),
    L("2", "so-xay-dung"),
    L("3", "bao-hiem-xa-hoi-tinh"),
    L("III", "so-noi-vu"),
)


# Held out, fifth round: written after the fourth round's fixes, measured as they came.

HELD_OUT_INVEST = """ỦY BAN NHÂN DÂN TỈNH BẮC NINH
KẾ HOẠCH
Thu hút đầu tư và phát triển các khu công nghiệp năm 2026
I. MỤC TIÊU
1. Thu hút vốn đầu tư trực tiếp nước ngoài (FDI) đạt tối thiểu 4,5 tỷ USD; vốn đầu tư trong nước đạt khoảng 45.000 tỷ đồng.
2. Tỷ lệ lấp đầy các khu công nghiệp đang hoạt động đạt bình quân trên 75%.
3. Giải ngân vốn đầu tư công đạt 100% kế hoạch được giao.
4. Thời gian cấp giấy chứng nhận đăng ký đầu tư không quá 10 ngày làm việc.
5. Số dự án đầu tư mới được chấp thuận tăng ít nhất 15% so với năm 2025.
6. Chỉ số PCI của tỉnh thuộc nhóm 10 tỉnh, thành phố dẫn đầu cả nước.
II. NHIỆM VỤ CỤ THỂ
1. Ban Quản lý các khu công nghiệp tỉnh: chủ trì xúc tiến đầu tư, hỗ trợ nhà đầu tư trong các khu công nghiệp; báo cáo kết quả hằng quý.
2. Sở Tài chính: chủ trì thẩm định chủ trương đầu tư các dự án ngoài khu công nghiệp; phối hợp với Sở Nông nghiệp và Môi trường giải quyết thủ tục đất đai.
3. Công an tỉnh chủ trì bảo đảm an ninh, trật tự tại các khu công nghiệp.
"""
HELD_OUT_INVEST_TARGETS = (
    T("fdi", "at_least", 4.5),
    T("trong nuoc", "approx", 45000),
    T("lap day", "at_least", 75),
    T("giai ngan", "at_least", 100),
    T("thoi gian cap giay chung nhan", "at_most", None, 10),
    T("du an dau tu moi", "relative", 15),
    T("pci", "rank", None, 10),
)
HELD_OUT_INVEST_TASKS = (
    L("II.1", "ban-quan-ly-cac-khu-cong-nghiep-tinh"),
    L("II.2", "so-tai-chinh"),
    L("II.3", "cong-an-tinh"),
)

HELD_OUT_HEALTH = """**ỦY BAN NHÂN DÂN TỈNH NGHỆ AN**

**KẾ HOẠCH**

**Nâng cao chất lượng chăm sóc sức khỏe Nhân dân năm 2026**

**I. CHỈ TIÊU**

| STT | Chỉ tiêu | Đơn vị tính | Thực hiện 2025 | Kế hoạch 2026 |
|---|---|---|---|---|
| 1 | Số bác sĩ/vạn dân | Bác sĩ | 11,2 | 12 |
| 2 | Tỷ lệ trạm y tế xã có bác sĩ làm việc | % | 92 | 95 |
| 3 | Tỷ lệ suy dinh dưỡng thể thấp còi ở trẻ em dưới 5 tuổi | % | 17,5 | 16,8 |
| 4 | Tỷ lệ tiêm chủng đầy đủ cho trẻ em dưới 1 tuổi | % | 96 | ≥ 95 |

Ngoài ra, phấn đấu tuổi thọ trung bình đạt 74,5 tuổi; giảm tỷ suất tử vong trẻ em dưới 1 tuổi xuống dưới 10‰.

**II. NHIỆM VỤ, GIẢI PHÁP**

**1. Nâng cao năng lực y tế cơ sở**

\\- Cơ quan chủ trì: Sở Y tế.

\\- Cơ quan phối hợp: Sở Nội vụ, Sở Tài chính, UBND các xã, phường.

\\- Thời gian: Năm 2026.

**2. Phát triển nguồn nhân lực y tế**

\\- Đơn vị thực hiện: Sở Y tế; Trường Đại học Y khoa Vinh.

\\- Thời hạn: 2026 - 2027.
"""
HELD_OUT_HEALTH_TARGETS = (
    T("bac si", "at_least", 12),
    T("tram y te", "at_least", 95),
    T("suy dinh duong", "at_most", None, 16.8),
    T("tiem chung", "at_least", 95),
    T("tuoi tho", "at_least", 74.5),
    T("tu vong tre em", "at_most", None, 10),
)
HELD_OUT_HEALTH_TASKS = (
    L("II.1", "so-y-te"),
    L("II.2", "so-y-te", "truong-dai-hoc-y-khoa-vinh"),
)


# Held out, sixth round: written after the fifth round's fixes, measured as they came.

HELD_OUT_TOURISM = """ỦY BAN NHÂN DÂN TỈNH LÀO CAI
Số: 88/KH-UBND
Lào Cai, ngày 15 tháng 01 năm 2026
KẾ HOẠCH
Phát triển du lịch tỉnh Lào Cai năm 2026
I. MỤC TIÊU, CHỈ TIÊU
1. Đón 12 triệu lượt khách du lịch, trong đó khách quốc tế đạt ít nhất 1,5 triệu lượt.
2. Tổng thu từ khách du lịch đạt 45.000 tỷ đồng, tăng 15% so với năm 2025.
3. Công suất sử dụng buồng phòng bình quân đạt mức 60%.
4. Có thêm 2 khu du lịch được công nhận là khu du lịch cấp tỉnh.
5. Số lao động trực tiếp trong ngành du lịch đạt 25.000 người, trong đó lao động qua đào tạo chiếm 70%.
6. Giữ vững thương hiệu Sa Pa là điểm đến hàng đầu của du lịch miền núi phía Bắc.
II. NHIỆM VỤ, GIẢI PHÁP
1. Giao Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với các sở, ngành tổ chức các sự kiện xúc tiến du lịch; tham mưu UBND tỉnh ban hành chính sách kích cầu du lịch trong quý I/2026.
2. Sở Xây dựng chủ trì đầu tư, nâng cấp hạ tầng giao thông đến các khu, điểm du lịch. Sở Tài chính bố trí nguồn vốn thực hiện.
3. Đề nghị Hiệp hội Du lịch tỉnh vận động các doanh nghiệp tham gia các chương trình kích cầu.
"""
HELD_OUT_TOURISM_TARGETS = (
    T("khach du lich", "at_least", 12),
    T("khach quoc te", "at_least", 1.5),
    T("tong thu", "at_least", 45000),
    T("tong thu", "relative", 15),
    T("buong phong", "at_least", 60),
    T("khu du lich", "at_least", 2),
    T("lao dong truc tiep", "at_least", 25000),
    T("qua dao tao", "at_least", 70),  # "chiếm 70%" of a share more is better of: a floor
    T("thuong hieu", "qualitative", None),
)
HELD_OUT_TOURISM_TASKS = (
    L("II.1", "so-van-hoa-the-thao-va-du-lich"),
    L("II.2", "so-xay-dung", "so-tai-chinh"),
    L("II.3", "hiep-hoi-du-lich-tinh"),
)


# Held out, seventh round: written after the sixth round's fixes, measured as they came.

HELD_OUT_WORD_PROGRAMME: list = [
    (None, "TỈNH ỦY PHÚ THỌ"),
    (None, "CHƯƠNG TRÌNH HÀNH ĐỘNG"),
    (None, "Thực hiện Nghị quyết số 71-NQ/TW của Bộ Chính trị về đột phá phát triển giáo dục và đào tạo"),
    (0, "MỤC TIÊU"),
    (1, "Mục tiêu đến năm 2030"),
    (None, "+ Tỷ lệ huy động trẻ em mẫu giáo đến trường đạt 99,5% trở lên."),
    (
        None,
        "+ Tỷ lệ trường đạt chuẩn quốc gia đạt 85%; trong đó trường trung học phổ thông đạt tối thiểu 90%.",
    ),
    (None, "+ 100% cơ sở giáo dục được kết nối Internet băng thông rộng."),
    (
        None,
        "+ Phấn đấu có ít nhất 1 trường đại học của tỉnh nằm trong nhóm 200 trường đại học hàng đầu châu Á.",
    ),
    (None, "+ Tỷ lệ học sinh tốt nghiệp trung học cơ sở vào học nghề đạt 35 - 40%."),
    (0, "NHIỆM VỤ, GIẢI PHÁP"),
    (None, "Phụ lục: Phân công nhiệm vụ"),
    [
        ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
        [
            "1",
            "Rà soát, sắp xếp mạng lưới trường, lớp",
            "Sở Giáo dục và Đào tạo",
            "UBND các xã, phường",
            "Năm 2026",
        ],
        [
            "2",
            "Bố trí kinh phí xây dựng trường chuẩn quốc gia",
            "Sở Tài chính",
            "Sở Giáo dục và Đào tạo",
            "Hằng năm",
        ],
        ["3", "Tuyển dụng giáo viên còn thiếu", "Sở Nội vụ", "Sở Giáo dục và Đào tạo", "2026 - 2027"],
    ],
    (0, "TỔ CHỨC THỰC HIỆN"),
    (1, "Ban Tuyên giáo và Dân vận Tỉnh ủy chủ trì hướng dẫn, tuyên truyền Chương trình."),
    (1, "Đảng ủy UBND tỉnh lãnh đạo UBND tỉnh xây dựng kế hoạch thực hiện, hoàn thành trong quý I/2026."),
]
HELD_OUT_WORD_PROGRAMME_TARGETS = (
    T("mau giao", "at_least", 99.5),
    T("chuan quoc gia", "at_least", 85),
    T("trung hoc pho thong", "at_least", 90),
    T("internet", "at_least", 100),
    T("truong dai hoc", "at_least", 1),
    T("hoc nghe", "range", 35, 40),
)
HELD_OUT_WORD_PROGRAMME_TASKS = (
    L("1", "so-giao-duc-va-dao-tao"),
    L("2", "so-tai-chinh"),
    L("3", "so-noi-vu"),
    L("III.1", "ban-tuyen-giao-va-dan-van-tinh-uy"),
    L("III.2", "dang-uy-ubnd-tinh"),
)


# Held out, eighth round: written after the seventh round's fixes, measured as they came.

HELD_OUT_URBAN = """ỦY BAN NHÂN DÂN TỈNH HƯNG YÊN
KẾ HOẠCH
Phát triển đô thị và nhà ở tỉnh Hưng Yên giai đoạn 2026 - 2030
I. MỤC TIÊU
1. Mục tiêu chung
Phát triển hệ thống đô thị xanh, thông minh, bền vững.
2. Chỉ tiêu đến năm 2030
a) Tỷ lệ đô thị hóa đạt khoảng 50%; trong điều kiện thuận lợi phấn đấu đạt 55%.
b) Diện tích nhà ở bình quân đầu người đạt 32 m2 sàn/người, trong đó khu vực đô thị đạt 35 m2 sàn/người.
c) Hoàn thành đầu tư xây dựng ít nhất 20.000 căn nhà ở xã hội.
d) Tỷ lệ đất giao thông so với đất xây dựng đô thị đạt từ 16% trở lên.
đ) Tỷ lệ nước thải đô thị được thu gom, xử lý đạt tiêu chuẩn tăng bình quân 5%/năm.
II. TỔ CHỨC THỰC HIỆN
1. Sở Xây dựng có trách nhiệm:
a) Chủ trì hướng dẫn, kiểm tra việc thực hiện Kế hoạch.
b) Tổng hợp, báo cáo UBND tỉnh kết quả thực hiện trước ngày 15 tháng 12 hằng năm.
2. Sở Tài chính chủ trì cân đối, bố trí vốn đầu tư công cho các dự án hạ tầng đô thị; Sở Nông nghiệp và Môi trường chủ trì giao đất, cho thuê đất thực hiện dự án nhà ở.
3. Ủy ban nhân dân các xã, phường chịu trách nhiệm quản lý quy hoạch, trật tự xây dựng trên địa bàn.
"""
HELD_OUT_URBAN_TARGETS = (
    T("do thi hoa", "approx", 50),
    T("nha o binh quan", "at_least", 32),
    T("khu vuc do thi", "at_least", 35),
    T("nha o xa hoi", "at_least", 20000),
    T("dat giao thong", "at_least", 16),
    T("nuoc thai", "at_least", 5),
)
HELD_OUT_URBAN_TASKS = (
    L("II.1", "so-xay-dung"),
    L("II.2", "so-tai-chinh", "so-nong-nghiep-va-moi-truong"),
    L("II.3", "ubnd-cap-xa"),
)


# Held out, ninth round: written after the eighth round's fixes, measured as they came.

HELD_OUT_ENV = """ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ
Số: 45/KH-UBND
Quảng Trị, ngày 20 tháng 01 năm 2026
KẾ HOẠCH
Bảo vệ môi trường và ứng phó với biến đổi khí hậu năm 2026
I. KẾT QUẢ NĂM 2025
Năm 2025, tỷ lệ thu gom chất thải rắn đô thị đạt 92%, tăng 2% so với năm 2024; đã trồng mới 8.500 ha rừng.
II. MỤC TIÊU, CHỈ TIÊU NĂM 2026
1. Tỷ lệ chất thải rắn sinh hoạt đô thị được thu gom, xử lý đạt trên 95%; khu vực nông thôn đạt tối thiểu 75%.
2. Trồng mới 9.000 ha rừng tập trung, trong đó rừng gỗ lớn 1.500 ha.
3. Tỷ lệ che phủ rừng duy trì ở mức 50,5%.
4. 100% cơ sở sản xuất, kinh doanh thuộc đối tượng phải có giấy phép môi trường được cấp phép.
5. Giảm 10% lượng rác thải nhựa so với năm 2025.
6. Không để phát sinh điểm nóng ô nhiễm môi trường mới trên địa bàn tỉnh.
III. TỔ CHỨC THỰC HIỆN
1. Sở Nông nghiệp và Môi trường là cơ quan đầu mối, chủ trì tổ chức thực hiện Kế hoạch; Công an tỉnh chủ trì đấu tranh, xử lý vi phạm pháp luật về môi trường.
2. Sở Tài chính tham mưu bố trí kinh phí sự nghiệp môi trường.
3. Ủy ban nhân dân các xã, phường, đặc khu tổ chức thu gom, xử lý chất thải rắn sinh hoạt trên địa bàn.
"""
HELD_OUT_ENV_TARGETS = (
    T("chat thai ran", "at_least", 95),
    T("nong thon", "at_least", 75),
    T("rung tap trung", "at_least", 9000),
    T("go lon", "at_least", 1500),
    T("che phu rung", "at_least", 50.5),
    T("giay phep moi truong", "at_least", 100),
    T("rac thai nhua", "reduction", 10, 10),
    T("o nhiem", "qualitative", None),
)
HELD_OUT_ENV_TASKS = (
    L("III.1", "so-nong-nghiep-va-moi-truong", "cong-an-tinh"),
    L("III.2", "so-tai-chinh"),
    L("III.3", "ubnd-cap-xa"),
)


PLANS = [
    Plan("annual-2026 (portal .md)", ANNUAL_2026, "md", ANNUAL_2026_TARGETS, ANNUAL_2026_TASKS),
    Plan(
        "five-year (PDF text)",
        pdf_layout(FIVE_YEAR, "Kế hoạch phát triển kinh tế - xã hội 5 năm"),
        "txt",
        FIVE_YEAR_TARGETS,
        FIVE_YEAR_TASKS,
    ),
    Plan("programme (portal .md)", PROGRAMME, "md", PROGRAMME_TARGETS, PROGRAMME_TASKS),
    Plan(
        "HĐND resolution (PDF text, footnotes)",
        pdf_layout(
            RESOLUTION, "Nghị quyết về kế hoạch phát triển kinh tế - xã hội năm 2026", lines_per_page=14
        ),
        "txt",
        RESOLUTION_TARGETS,
        RESOLUTION_TASKS,
    ),
    Plan(
        "Word plan (automatic numbering)",
        "",
        "docx",
        WORD_PLAN_TARGETS,
        WORD_PLAN_TASKS,
        {"items": WORD_PLAN},
    ),
    Plan("report only", REPORT, "txt", ()),
    Plan(
        "held out: annual decision (text)",
        HELD_OUT_ANNUAL,
        "txt",
        HELD_OUT_ANNUAL_TARGETS,
        HELD_OUT_ANNUAL_TASKS,
    ),
    Plan(
        "held out: programme (PDF text)",
        pdf_layout(HELD_OUT_PROGRAMME, "Chương trình hành động thực hiện Nghị quyết số 68-NQ/TW"),
        "txt",
        HELD_OUT_PROGRAMME_TARGETS,
        HELD_OUT_PROGRAMME_TASKS,
    ),
    Plan(
        "held out 2: five-year plan (portal .md)",
        HELD_OUT_FIVE_YEAR_MD,
        "md",
        HELD_OUT_FIVE_YEAR_MD_TARGETS,
        HELD_OUT_FIVE_YEAR_MD_TASKS,
    ),
    Plan(
        "held out 2: report with its outlook (text)",
        HELD_OUT_REPORT_WITH_OUTLOOK,
        "txt",
        HELD_OUT_REPORT_WITH_OUTLOOK_TARGETS,
        HELD_OUT_REPORT_WITH_OUTLOOK_TASKS,
    ),
    Plan(
        "held out 3: resolution, targets in one paragraph (PDF text)",
        pdf_layout(HELD_OUT_DENSE, "Nghị quyết về nhiệm vụ phát triển kinh tế - xã hội năm 2026"),
        "txt",
        HELD_OUT_DENSE_TARGETS,
        HELD_OUT_DENSE_TASKS,
    ),
    Plan(
        "held out 3: a city's five-year plan (.md)",
        HELD_OUT_CITY,
        "md",
        HELD_OUT_CITY_TARGETS,
        HELD_OUT_CITY_TASKS,
    ),
    Plan(
        "held out 4: agriculture plan, agencies as headings (PDF text)",
        pdf_layout(HELD_OUT_AGRI, "Kế hoạch phát triển nông nghiệp, nông thôn năm 2026"),
        "txt",
        HELD_OUT_AGRI_TARGETS,
        HELD_OUT_AGRI_TASKS,
    ),
    Plan(
        "held out 4: poverty plan with a task table (.md)",
        HELD_OUT_SOCIAL,
        "md",
        HELD_OUT_SOCIAL_TARGETS,
        HELD_OUT_SOCIAL_TASKS,
    ),
    Plan(
        "held out 5: investment plan (text)",
        HELD_OUT_INVEST,
        "txt",
        HELD_OUT_INVEST_TARGETS,
        HELD_OUT_INVEST_TASKS,
    ),
    Plan(
        "held out 5: health plan, table and label blocks (.md)",
        HELD_OUT_HEALTH,
        "md",
        HELD_OUT_HEALTH_TARGETS,
        HELD_OUT_HEALTH_TASKS,
    ),
    Plan(
        "held out 6: tourism plan (text)",
        HELD_OUT_TOURISM,
        "txt",
        HELD_OUT_TOURISM_TARGETS,
        HELD_OUT_TOURISM_TASKS,
    ),
    Plan(
        "held out 7: Word programme with a task table",
        "",
        "docx",
        HELD_OUT_WORD_PROGRAMME_TARGETS,
        HELD_OUT_WORD_PROGRAMME_TASKS,
        {"items": HELD_OUT_WORD_PROGRAMME},
    ),
    Plan(
        "held out 8: urban plan (PDF text)",
        pdf_layout(HELD_OUT_URBAN, "Kế hoạch phát triển đô thị và nhà ở"),
        "txt",
        HELD_OUT_URBAN_TARGETS,
        HELD_OUT_URBAN_TASKS,
    ),
    Plan(
        "held out 9: environment plan (text)", HELD_OUT_ENV, "txt", HELD_OUT_ENV_TARGETS, HELD_OUT_ENV_TASKS
    ),
]


def source_text(plan: Plan, extraction=None) -> str:  # noqa: ANN001 - an Extraction
    """The plan's text as a reader sees it, the one quotes must be verbatim in: for a portal's
    markdown, without the marks that are not text (**bold**, escapes, heading hashes); for a
    Word plan the text Word shows, numbers included (what `lsplan extract --text` writes)."""
    if plan.kind == "docx":
        return extraction.document.text
    if plan.kind != "md":
        return plan.text
    text = re.sub(r"\*\*|__", "", plan.text)
    text = re.sub(r"\\([.\-*_()\[\]#|])", r"\1", text)
    return re.sub(r"(?m)^#{1,6}\s+", "", text)


def extract(plan: Plan, catalog, folder=None):  # noqa: ANN001, ANN201 - a Path; an Extraction
    """Extract `plan`: from its text, or for a Word plan from the .docx built in `folder`."""
    from lsplan.extract import extract_plan, extract_text

    if plan.kind == "docx":
        import tempfile
        from pathlib import Path

        folder = Path(folder or tempfile.mkdtemp())
        return extract_plan(write_numbered_docx(folder / "plan.docx", plan.extra["items"]), catalog, "x")
    return extract_text(plan.text, plan.kind, catalog, plan_id="x")
