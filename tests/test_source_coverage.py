"""Every number in the three plan texts is held by a quote in data/*.yaml, or excluded here.

Issue 2 asks data/targets.yaml for *every* quantified target of the sources. This test reads each
number occurrence of the plans' texts in data/sources/ (the Vietnamese way: "9.937,8" is 9937.8) and
demands that it lies inside the source span of some `quote:` of data/targets.yaml or
data/assignments.yaml, or inside one of the reviewed EXCLUSIONS below: a phrase of the source
with the words around the number and a one-line reason why it is not a provincial target.
A new target number in a source, or a quote removed from the data, makes it fail and names the
number with its context. `python tests/source_numbers.py --uncovered` lists what quotes miss.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from source_numbers import (
    data_quotes,
    numbers_in,
    one_line,
    read_sources,
    spans,
    uncovered,
    vn_value,
)

KB = "kh-kich-ban-tang-truong-2025.txt"
K98 = "kh-thuc-hien-ctr-98-ctr-tu.txt"
C52 = "ctr-52-ctr-tu-nq-11-nq-tw.txt"

# (document, phrase as written in the source, why its numbers are not the province's targets)
EXCLUSIONS: list[tuple[str, str, str]] = [
    # --- the 2025 plan: its own header, and the documents it implements -------------------------
    (
        KB,
        "Lạng Sơn, ngày tháng 02 năm 2025",
        "the plan's own date (day left blank), in plans[kb-2025].date_text",
    ),
    (KB, "Thực hiện kịch bản tăng trưởng kinh tế năm 2025 tỉnh Lạng Sơn", "the plan's title"),
    (KB, "kế hoạch thực hiện kịch bản tăng trưởng kinh tế (GRDP) năm 2025", "the plan's title, restated"),
    (KB, "Kết luận số 123-KL/TW", "document number of a Central Committee conclusion"),
    (KB, "ngày 24/01/2025", "date of Kết luận 123-KL/TW"),
    (
        KB,
        "phát triển kinh tế - xã hội năm 2025 với mục tiêu tăng trưởng đạt 8%",
        "Kết luận 123's national 8 %: the country's target, not the province's",
    ),
    (KB, "Nghị quyết số 25/NQ-CP", "document number of a Government resolution"),
    (KB, "ngày 05/02/2025", "date of Nghị quyết 25/NQ-CP"),
    (
        KB,
        "mục tiêu tăng trưởng cả nước năm 2025 đạt 8% trở lên",
        "Nghị quyết 25/NQ-CP's national 8 %: the country's target",
    ),
    (
        KB,
        "mục tiêu tăng trưởng năm 2025 đạt 8% trở lên",
        "Nghị quyết 25/NQ-CP's national 8 %, restated in IV.1",
    ),
    (KB, "Công điện số 137/CĐ- TTg ngày 20/12/2024", "number and date of a Prime Minister's dispatch"),
    (KB, "thúc đẩy tăng trưởng kinh tế năm 2025", "title of Công điện 137/CĐ-TTg"),
    (KB, "Công điện số 140/CĐ-TTg ngày 27/12/2024", "number and date of a Prime Minister's dispatch"),
    (
        KB,
        "phấn đấu tăng trưởng kinh tế hai con số năm 2025",
        "title of Công điện 140/CĐ-TTg (the province's own 'hai con số' is kb-2025.grdp-growth's stretch)",
    ),
    (KB, "Nghị quyết số 206-NQ/TU", "document number of a provincial Party resolution"),
    (KB, "Nghị quyết số 05/NQ-HĐND", "document number of a provincial Council resolution"),
    (KB, "ngày 18/02/2025", "date of Nghị quyết 206-NQ/TU and 05/NQ-HĐND"),
    (KB, "điều chỉnh mục tiêu, nhiệm vụ năm 2025", "title of Nghị quyết 206-NQ/TU and 05/NQ-HĐND"),
    (KB, "điều chỉnh mục tiêu, nhiệm vụ kế hoạch năm 2025", "title of Nghị quyết 05/NQ-HĐND"),
    (
        KB,
        "Chương trình hành động số 150-CTr/Tu và Kế hoạch số 56/KH-UBND ngày 21/02/2025",
        "numbers and date of the documents task IV.7 follows",
    ),
    (KB, "Nghị định số 62/2024/NĐ/CP ngày 07/6/2024", "number and date of a Government decree on statistics"),
    (
        KB,
        "Quy hoạch tỉnh Lạng Sơn thời kỳ 2021 - 2030, tầm nhìn đến năm 2050",
        "name of the provincial master plan",
    ),
    (KB, "phụ lục số 01, 02, 03, 04 kèm theo", "annex numbers (the annexes are not in the source)"),
    (KB, "phụ lục 05, 06, 07 kèm theo", "annex numbers (the annexes are not in the source)"),
    # --- the 2025 plan: the plan's year, and periods that are not targets ---------------------
    (
        KB,
        "thực hiện mục tiêu tăng trưởng năm 2025, tạo sự thống nhất",
        "the plan's year (every kb-2025 target has period 2025)",
    ),
    (
        KB,
        "kế hoạch phát triển kinh tế - xã hội năm 2025. 2. Các nhiệm vụ",
        "the plan's year and section number I.2",
    ),
    (
        KB,
        "kế hoạch phát triển kinh tế - xã hội năm 2025. 3. Trong quá trình",
        "the plan's year and section number I.3",
    ),
    (KB, "mục tiêu, nhiệm vụ phát triển kinh tế - xã hội năm 2025, nhất là", "the plan's year"),
    (KB, "có hiệu lực từ năm 2025", "laws in force from 2025: context, not a target"),
    (
        KB,
        "Thời gian thực hiện: Năm 2025",
        "each task's timeframe, held in tasks[].timeframe of assignments.yaml",
    ),
    (KB, "kế hoạch sản xuất năm 2025 theo tháng, quý", "the year of the firms' production plans"),
    (KB, "phần diện tích đã sụt giảm trong năm 2024", "a past year named without a figure"),
    (
        KB,
        "kế hoạch thanh tra, kiểm tra năm 2025",
        "the year of the inspection plan, in task kb-2025.iv-11's title",
    ),
    (
        KB,
        "kỷ niệm 75 năm thiết lập quan hệ ngoại giao",
        "an anniversary (75 years of Vietnam - China relations)",
    ),
    (KB, "mục tiêu tăng trưởng GRDP năm 2025", "the plan's year"),
    (KB, "trên cơ sở kịch bản tăng trưởng năm 2025", "the plan's year"),
    (
        KB,
        "kịch bản quý I, 6 tháng",
        "reporting periods after which the scenario is updated (task kb-2025.v-2-2)",
    ),
    (
        KB,
        "quý I, quý II, 6 tháng đầu năm, quý III, 9 tháng và cả năm 2025",
        "statistical reporting periods (task kb-2025.v-5)",
    ),
    (KB, "dự án trọng điểm trong năm 2025", "the plan's year"),
    (KB, "Kịch bản tăng trưởng kinh tế năm 2025 đạt hiệu quả cao nhất", "the plan's year"),
    # --- the 2025 plan: names of projects and places ------------------------------------------
    (KB, "nâng cấp đoạn Km18-Km80, Quốc lộ 4B", "name of a road project (kilometre posts, road number)"),
    (KB, "kết nối Quốc lộ 4B đến Quốc lộ 18", "name of a road project (road numbers)"),
    (KB, "các mốc 1119-1120, 1088/2-1089", "border marker numbers in a project's name"),
    (KB, "thủy điện Tràng Định 2", "name of a hydropower project"),
    (KB, "Hồ Sơn 1, Hòa Sơn 1, Bắc Sơn 2, Na Dương 1, 2, 3", "names of industrial clusters"),
    # --- the 2025 plan: footnotes that restate targets held elsewhere ---------------------------
    (
        KB,
        "1 Dự toán thu NSNN trên địa bàn trung ương giao cho tỉnh là 9.100 tỷ đồng; dự toán HĐND "
        "tỉnh quyết định là 9.937,8 tỷ đồng, tăng 9,2% so với trung ương giao",
        "footnote 1: 9.937,8 is kb-2025.budget-revenue; 9.100 is benchmark_value of "
        "kb-2025.budget-revenue-vs-central-estimate; 9,2% is the estimate's margin, not a target",
    ),
    (KB, "hộ cận 2 Bao gồm", "footnote marker 2 (the footnote's 2.472 and 4.405 are quoted)"),
    # --- the 2025 plan: section numbers -----------------------------------------------------------
    (KB, "I. MỤC ĐÍCH, YÊU CẦU 1. Cụ thể hóa", "section number I.1"),
    (KB, "II. MỤC TIÊU 1. Tốc độ", "section number II.1"),
    (KB, "thuận lợi. 2. Cơ cấu kinh tế", "section number II.2"),
    (KB, "5%. 3. Tổng sản phẩm bình quân", "section number II.3"),
    (KB, "triệu đồng. 4. Lượng khách du lịch", "section number II.4"),
    (KB, "tỷ đồng. 5. Kim ngạch xuất khẩu", "section number II.5"),
    (KB, "9%. 6. Tổng thu ngân sách", "section number II.6"),
    (KB, "tỷ đồng. 7. Tổng vốn đầu tư", "section number II.7"),
    (KB, "GIẢI PHÁP THỰC HIỆN 1. Tập trung", "section number IV.1"),
    (KB, "2. Đẩy mạnh thực hiện Chương trình tái cơ cấu", "section number IV.2"),
    (KB, "3. Duy trì ổn định, nâng cao năng lực", "section number IV.3"),
    (KB, "4. Huy động các nguồn lực", "section number IV.4"),
    (KB, "5. Triển khai đồng bộ, quyết liệt", "section number IV.5"),
    (KB, "6. Tăng cường kỷ luật, kỷ cương", "section number IV.6"),
    (KB, "7. Tập trung triển khai thực hiện các nhiệm vụ trọng tâm", "section number IV.7"),
    (KB, "8. Nâng cao hiệu lực, hiệu quả quản lý tài nguyên", "section number IV.8"),
    (KB, "9. Thực hiện tốt nhiệm vụ quốc phòng", "section number IV.9"),
    (KB, "10. Tập trung đẩy mạnh công tác cải cách", "section number IV.10"),
    (KB, "11. Triển khai thực hiện kế hoạch thanh tra", "section number IV.11"),
    (KB, "TỔ CHỨC THỰC HIỆN 1. Các đồng chí", "section number V.1"),
    (KB, "theo quý. 2. Các Ủy viên", "section number V.2"),
    (KB, "như sau: (1) UBND cấp huyện", "item number V.2(1)"),
    (KB, "thuế sản phẩm. 3. Các sở", "section number V.3"),
    (KB, "kèm theo). 4. Các sở", "section number V.4"),
    (KB, "năm 2025. 7. Đề nghị", "section number V.7 (its year is the plan's)"),
    # --- the 98-CTr/TU plan -------------------------------------------------------------------
    (K98, "số 98-CTr/TU", "number of the action programme the plan implements"),
    (K98, "ngày 20/11/2023", "date of Chương trình hành động 98-CTr/TU"),
    (
        K98,
        "hiện đại hoá đất nước đến năm 2030, tầm nhìn đến năm 2045, UBND tỉnh",
        "title of 98-CTr/TU (horizons held in plans[ctr-98].horizon)",
    ),
    (
        K98,
        "ĐẾN NĂM 2030 VÀ TẦM NHÌN ĐẾN NĂM 2045 1. Một số chỉ tiêu chủ yếu đến năm 2030",
        "heading II and II.1: the targets' horizon, in their period",
    ),
    (K98, "I. MỤC ĐÍCH, YÊU CẦU 1. Mục đích", "section number I.1"),
    (K98, "2. Yêu cầu", "section number I.2"),
    (K98, "2. Tầm nhìn đến năm 2045", "heading II.2 (the vision targets have period 2045)"),
    (K98, "4. Quá trình thực hiện Kế hoạch", "section number IV.4"),
    # --- the 52-CTr/TU summary page -------------------------------------------------------------
    (C52, "nhiệm kỳ 2020 - 2025", "web page banner (the congress term)"),
    (C52, "Nghị quyết số 11-NQ/TW", "number of the Politburo resolution implemented"),
    (C52, "Nghị quyết s11-NQ/TW", "number of the Politburo resolution (typo in the source)"),
    (C52, "ngày 10/02/2022", "date of Nghị quyết 11-NQ/TW"),
    (
        C52,
        "miền núi Bắc Bộ đến năm 2030, tầm",
        "title of Nghị quyết 11-NQ/TW (the page title cuts it after 'tầm')",
    ),
    (C52, "tầm nhìn đến năm 2045", "title of Nghị quyết 11-NQ/TW"),
    (
        C52,
        "Chương trình hành động số 52-CTr/TU ngày 27/10/2022",
        "the programme's number and date, in plans[ctr-52]",
    ),
    (C52, "một số chỉ tiêu chủ yếu đến năm 2030", "the targets' horizon, in their period"),
    (
        C52,
        "Chương trình đã đề ra 6 nhóm nhiệm vụ",
        "count of task groups: they are tasks ctr-52.1 to ctr-52.6",
    ),
]


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return read_sources()


@pytest.fixture(scope="module")
def quoted() -> list[str]:
    return data_quotes()


def test_the_sources_are_the_shipped_three(texts: dict[str, str]) -> None:
    assert sorted(texts) == sorted({KB, K98, C52})
    shared = Path(__file__).resolve().parents[2] / "shared" / "sources"
    for name in texts if shared.is_dir() else ():  # the copy the tests read is the shared one
        assert one_line((shared / name).read_text(encoding="utf-8")) == texts[name], name


def test_every_source_number_is_quoted_or_excluded(texts: dict[str, str], quoted: list[str]) -> None:
    by_document: dict[str, list[str]] = {name: list(quoted) for name in texts}
    for document, phrase, _reason in EXCLUSIONS:
        by_document[document].append(phrase)
    missing = [n for name, text in texts.items() for n in uncovered({name: text}, by_document[name])]
    assert not missing, "numbers neither quoted in data/*.yaml nor excluded:\n" + "\n".join(map(str, missing))


def test_the_sources_hold_as_many_numbers_as_counted(texts: dict[str, str], quoted: list[str]) -> None:
    counts = {name: len(numbers_in(name, text)) for name, text in texts.items()}
    assert counts == {KB: 235, K98: 73, C52: 68}
    assert sum(len(uncovered({name: text}, quoted)) for name, text in texts.items()) == UNQUOTED


UNQUOTED = 198  # numbers that no quote holds: all of them excluded above, each for its reason


@pytest.mark.parametrize(("document", "phrase", "reason"), EXCLUSIONS, ids=[e[1][:40] for e in EXCLUSIONS])
def test_each_exclusion_is_in_its_source_and_still_needed(
    texts: dict[str, str], quoted: list[str], document: str, phrase: str, reason: str
) -> None:
    assert reason.strip()
    regions = list(spans(texts[document], phrase))
    assert regions, f"not in {document}: {phrase!r}"
    others = [p for d, p, _r in EXCLUSIONS if d == document and p != phrase]
    unquoted = uncovered({document: texts[document]}, [*quoted, *others])
    assert any(start <= n.start and n.end <= end for n in unquoted for start, end in regions), (
        f"every number of {phrase!r} is quoted in data/*.yaml or excluded by another entry: drop it"
    )


def test_numbers_are_read_the_vietnamese_way() -> None:
    found = numbers_in("x.txt", one_line("đạt 9.937,8 tỷ đồng,\n tăng 13,1% và 500.000 tấn; 19-\n20%"))
    assert [(n.token, n.value) for n in found] == [
        ("9.937,8", 9937.8),
        ("13,1", 13.1),
        ("500.000", 500000.0),
        ("19", 19.0),
        ("20", 20.0),
    ]
    assert vn_value("4,4") == 4.4


def test_a_number_outside_every_quote_is_reported() -> None:
    texts = {"t.txt": one_line("Diện tích đạt 2.300 ha (tăng 890 ha so với\n năm 2024).")}
    assert [n.token for n in uncovered(texts, ["đạt 2.300 ha"])] == ["890", "2024"]
    assert uncovered(texts, ["đạt 2.300 ha (tăng 890 ha so với năm 2024)"]) == []
