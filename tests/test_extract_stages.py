"""Unit tests of the extract stages, on texts written here: each input shape and each trap."""

from __future__ import annotations

import pytest

from lsplan.catalog import load_catalog
from lsplan.extract import extract_text
from lsplan.extract.normalise import normalise
from lsplan.extract.quantities import find_quantities
from lsplan.extract.sections import assign_sections
from lsplan.yamlsource import squash


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def run(text: str, catalog, kind: str = "txt"):
    return extract_text(text, kind, catalog, plan_id="kh-2026")


def one(extraction, indicator_id: str):
    found = [t for t in extraction.targets if t.indicator_id == indicator_id]
    assert len(found) == 1, [(t.indicator_id, t.quote) for t in extraction.targets]
    return found[0]


HEAD = "KẾ HOẠCH\nPhát triển kinh tế - xã hội năm 2026 tỉnh Cao Bằng\n"

# ------------------------------------------------------------------ normalise


def test_hard_line_breaks_with_blank_lines_between_are_joined() -> None:
    lines = [
        "1. Tốc độ tăng trưởng kinh tế (GRDP) 8 - 9%, phấn đấu ",
        " ",
        "hai con số. ",
        " ",
        "2. Cơ cấu kinh tế: ",
        " ",
    ]
    document = normalise(lines, "txt")
    assert [p.text for p in document.paragraphs] == [
        "1. Tốc độ tăng trưởng kinh tế (GRDP) 8 - 9%, phấn đấu hai con số.",
        "2. Cơ cấu kinh tế:",
    ]


def test_page_numbers_and_running_heads_are_dropped() -> None:
    lines = [
        "Kế hoạch số 12/KH-UBND",
        "a) Tổng thu ngân sách đạt",
        "\f",
        "- 2 -",
        "Kế hoạch số 12/KH-UBND",
        "4.500 tỷ đồng.",
        "\f",
        "Kế hoạch số 12/KH-UBND",
        "3",
    ]
    document = normalise(lines, "pdf")
    texts = [p.text for p in document.paragraphs]
    assert "a) Tổng thu ngân sách đạt 4.500 tỷ đồng." in texts
    assert not any(t.startswith("Kế hoạch số") or t in ("3", "- 2 -") for t in texts)


def test_markdown_bold_and_table_rules_are_removed_and_rows_kept() -> None:
    lines = [
        "**II. MỤC TIÊU**",
        "",
        "**1.** Tỷ lệ che phủ rừng đạt **65%**.",
        "",
        "| STT | Nội dung |",
        "|---|---|",
        "| 1 | Trồng rừng |",
    ]
    document = normalise(lines, "md")
    assert [p.text for p in document.paragraphs][:2] == ["II. MỤC TIÊU", "1. Tỷ lệ che phủ rừng đạt 65%."]
    rows = [p for p in document.paragraphs if p.kind == "row"]
    assert [r.cells for r in rows] == [("STT", "Nội dung"), ("1", "Trồng rừng")]


def test_a_footnote_that_interrupts_a_sentence_stays_apart() -> None:
    lines = [
        "cho khoảng 6.8772 hộ gia đình người có công, hộ ",
        " ",
        " " * 40,
        " ",
        "2 Bao gồm 2.472 hộ theo Nghị quyết số 188-NQ/TU.",
        " ",
        "nghèo, các hộ khác. ",
        " ",
    ]
    document = normalise(lines, "txt")
    kinds = [(p.kind, p.text) for p in document.paragraphs]
    # The sentence is taken up again after the footnote, which follows it; a seam marks where
    # the footnote lay, so that no quote runs across it.
    assert kinds[0] == ("text", "cho khoảng 6.8772 hộ gia đình người có công, hộ nghèo, các hộ khác.")
    assert kinds[1] == ("footnote", "2 Bao gồm 2.472 hộ theo Nghị quyết số 188-NQ/TU.")
    assert document.seams == (len("cho khoảng 6.8772 hộ gia đình người có công, hộ"),)
    assert document.footnotes == ("2",)


# ------------------------------------------------------------------ sections


def test_section_paths_follow_the_numbering_styles() -> None:
    text = (
        "I. MỤC TIÊU\n\n1. Về kinh tế\n\na) Tăng trưởng\n\n(1) Sở Tài chính\n\nb) Xã hội\n\n"
        "II. NHIỆM VỤ\n\n1. Một\n"
    )
    document, repeated = assign_sections(normalise(text.split("\n"), "txt"))
    assert [p.section for p in document.paragraphs] == [
        "I",
        "I.1",
        "I.1.a",
        "I.1.a(1)",
        "I.1.b",
        "II",
        "II.1",
    ]
    assert repeated == []


def test_a_section_numbered_twice_is_reported(catalog) -> None:
    text = HEAD + "\nII. MỤC TIÊU\n\n1. Tỷ lệ che phủ rừng đạt 65%.\n\n1. Tỷ lệ đô thị hóa đạt 30%.\n"
    codes = [f.code for f in run(text, catalog).anomalies]
    assert "extract-section-twice" in codes


# ------------------------------------------------------------------ quantities


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("đạt 9.937,8 tỷ đồng", [(9937.8, None, "tỷ đồng")]),
        ("tăng 8 - 9%", [(8, 9, "%")]),
        ("chiếm 19-20%", [(19, 20, "%")]),
        ("đạt từ 35% - 40% trở lên", [(35, 40, "%")]),
        ("ít nhất 700 triệu Kwh", [(700, None, "triệu kWh")]),
        ("Nghị quyết số 25/NQ-CP ngày 05/02/2025", []),
        ("Km18-Km80, mốc 1119-1120", []),
        ("năm 2025 tỉnh Lạng Sơn", []),
        ("Điện thoại: 0206.3852.123", []),
    ],
)
def test_figures_with_units_only(clause: str, expected: list) -> None:
    assert [(q.low, q.high, q.unit) for q in find_quantities(clause)] == expected


def test_footnote_markers_are_not_part_of_the_figure() -> None:
    (glued,) = find_quantities("cho khoảng 6.8772 hộ gia đình", footnotes=("2",))
    assert (glued.low, glued.footnote) == (6877, "2")
    assert find_quantities("cho khoảng 6.8772 hộ gia đình") == []  # no footnote 2: not guessed
    (bracket,) = find_quantities("đạt 7,1%[1] so với")
    assert (bracket.low, bracket.footnote) == (7.1, "1")
    assert find_quantities("so với trung ương giao1)") == []


# ------------------------------------------------------------------ targets


def test_each_comparison_code_and_its_qualifier_as_written(catalog) -> None:
    text = HEAD + (
        "\nII. MỤC TIÊU\n\n"
        "1. Tốc độ tăng trưởng kinh tế (GRDP) đạt 8 - 8,5%.\n\n"
        "2. Tổng thu ngân sách nhà nước trên địa bàn đạt trên 4.500 tỷ đồng.\n\n"
        "3. Tỷ lệ hộ nghèo đa chiều giảm 2 - 3%/năm.\n\n"
        "4. Tỷ lệ che phủ rừng đạt tối thiểu 55,2%.\n\n"
        "5. Chỉ số giá tiêu dùng tăng không quá 4%.\n\n"
        "6. Tỷ lệ đô thị hóa đạt khoảng 30%.\n\n"
        "7. Cơ cấu kinh tế: Nông, lâm nghiệp và thủy sản chiếm 20 - 21%; dịch vụ chiếm 45 - 46%.\n\n"
        "8. Tổng chi ngân sách địa phương 12.000 tỷ đồng.\n\n"
        "9. Tỉnh tiếp tục nằm trong nhóm 20 tỉnh dẫn đầu cả nước về chuyển đổi số.\n\n"
        "10. Phấn đấu thu ngân sách cao hơn khoảng 10% so với dự toán Trung ương giao.\n"
    )
    extraction = run(text, catalog)
    got = {t.indicator_id: (t.comparison, t.low, t.high, t.qualifier) for t in extraction.targets}
    assert got["grdp-growth"] == ("range", 8, 8.5, "")
    assert got["budget-revenue"] == ("relative", 10, None, "khoảng")
    assert got["budget-spending"] == ("exact", 12000, 12000, "")
    assert got["multidimensional-poverty-rate"] == ("reduction", 2, 3, "giảm")
    assert got["forest-cover"] == ("at_least", 55.2, None, "tối thiểu")
    assert got["cpi"] == ("at_most", None, 4, "không quá")
    assert got["urbanisation-rate"] == ("approx", 30, 30, "khoảng")
    assert got["grdp-share-agri"] == ("band", 20, 21, "")
    assert got["grdp-share-services"] == ("band", 45, 46, "")
    assert got["digital-transformation-rank"] == ("rank", None, 20, "")
    revenue = [t for t in extraction.targets if t.quote.startswith("Tổng thu")]
    assert revenue and (revenue[0].comparison, revenue[0].qualifier) == ("at_least", "trên")
    assert one(extraction, "grdp-growth").section == "II.1"


def test_periods_a_year_an_average_over_a_span_and_per_year(catalog) -> None:
    text = HEAD + (
        "\nII. CHỈ TIÊU ĐẾN NĂM 2030\n\n"
        "1. Tốc độ tăng trưởng kinh tế bình quân hằng năm giai đoạn 2026 - 2030 đạt 8%; "
        "dịch vụ tăng 7%.\n\n"
        "2. Tỷ lệ đô thị hóa đạt khoảng 35%.\n\n"
        "3. Tỷ lệ hộ nghèo đa chiều giảm 1,5%/năm.\n"
    )
    extraction = run(text, catalog)
    assert one(extraction, "grdp-growth").period.as_dict() == {
        "start": 2026,
        "end": 2030,
        "basis": "annual_average",
    }
    assert one(extraction, "grdp-growth-services").period.as_dict()["basis"] == "annual_average"
    assert one(extraction, "urbanisation-rate").period.as_dict() == {"year": 2030}
    assert one(extraction, "multidimensional-poverty-rate").period.basis == "per_year"


def test_the_stretch_beside_a_main_figure(catalog) -> None:
    text = HEAD + (
        "\nII. MỤC TIÊU\n\n1. Tốc độ tăng trưởng kinh tế (GRDP) 8 - 8,5%, phấn đấu đạt 9% trong điều kiện "
        "thuận lợi.\n\n2. Tỷ lệ giải ngân vốn đầu tư công đạt trên 95% kế hoạch, trong điều kiện thuận lợi "
        "có thể đạt 100% kế hoạch.\n"
    )
    extraction = run(text, catalog)
    growth = one(extraction, "grdp-growth")
    assert (growth.low, growth.high, growth.stretch.low) == (8, 8.5, 9)
    assert growth.stretch.text == "phấn đấu đạt 9% trong điều kiện thuận lợi"
    disbursement = one(extraction, "public-investment-disbursement")
    assert (disbursement.low, disbursement.stretch.low) == (95, 100)
    assert len(extraction.targets) == 2  # a stretch is no target of its own


def test_results_estimates_citations_phones_and_money_spent_are_not_targets(catalog) -> None:
    text = HEAD + (
        "\nI. KẾT QUẢ NĂM 2025\n\n"
        "Năm 2025, tốc độ tăng trưởng kinh tế ước đạt 7,1%[1]; thu ngân sách đã đạt 4.200 tỷ đồng.\n\n"
        "Tổng vốn đầu tư đã giải ngân 3.100 tỷ đồng. Số hộ nghèo giảm 2.100 hộ so với cùng kỳ.\n\n"
        "Điện thoại liên hệ: 0206.3852.123.\n\n"
        "Thực hiện Nghị quyết số 25/NQ-CP ngày 05/02/2025 về mục tiêu tăng trưởng cả nước đạt 8% trở lên.\n"
    )
    assert run(text, catalog).targets == ()


def test_a_side_comparison_explains_the_main_figure_and_is_no_target(catalog) -> None:
    text = HEAD + (
        "\nII. MỤC TIÊU\n\n1. Sản lượng khai thác than nguyên khai tăng khoảng 19,7% so với năm 2025, "
        "đạt 520.000 tấn; diện tích thạch đen đạt 2.500 ha (tăng 200 ha so với năm 2025).\n"
    )
    extraction = run(text, catalog)
    assert [(t.indicator_id, t.low) for t in extraction.targets] == [
        ("coal-output", 520000),
        ("thach-den-area", 2500),
    ]


def test_every_quote_is_cut_from_the_normalised_text(catalog) -> None:
    text = (
        HEAD
        + "\nII. MỤC TIÊU\n\n1. Tỷ lệ lao động qua đào tạo \n\nđạt 75%; tỷ lệ che phủ rừng \n\nđạt 56%.\n"
    )
    extraction = run(text, catalog)
    assert len(extraction.targets) == 2
    for target in extraction.targets:
        assert extraction.document.text[target.offset : target.offset + len(target.quote)] == target.quote
        assert squash(target.quote) in squash(text)


def test_an_unknown_indicator_is_proposed_as_new(catalog) -> None:
    text = HEAD + "\nII. MỤC TIÊU\n\n1. Số hợp tác xã thành lập mới đạt 120 hợp tác xã.\n"
    (target,) = run(text, catalog).targets
    assert target.indicator_id is None and target.new_indicator
    assert target.indicator == "Số hợp tác xã thành lập mới"


def test_figures_listed_after_a_total_inherit_its_approximation(catalog) -> None:
    text = HEAD + (
        "\nII. MỤC TIÊU\n\n1. Tổng số khách du lịch đạt khoảng 6 triệu lượt. "
        "Trong đó có 1,4 triệu lượt khách "
        "du lịch quốc tế và 4,6 triệu lượt khách du lịch nội địa.\n"
    )
    extraction = run(text, catalog)
    assert one(extraction, "tourists-international").comparison == "approx"
    assert one(extraction, "tourists-domestic").low == 4.6


# ------------------------------------------------------------------ anomalies


def test_anomalies_are_flagged_never_fixed(catalog) -> None:
    text = HEAD + (
        "\nII. MỤC TIÊU\n\nKế hoạch đề ra 4 nhóm nhiệm vụ: (1) Kinh tế; (2) Xã hội; (3) Môi trường.\n\n"
        "1. Tỷ lệ che phủ rừng đạt 56%.\n\n2. Tỷ lệ che phủ rừng đạt 57%.\n\n"
        "3. Tỷ lệ đô thị hóa đạt khoảng 130%.\n\n"
        "III. NHIỆM VỤ VÀ GIẢI PHÁP\n\n1. Trồng rừng.\n\n- Cơ quan chủ trì: Sở Nông nghiệp và Môi trường.\n\n"
        "- Thời gian thực hiện: Năm 2024.\n"
    )
    extraction = run(text, catalog)
    codes = sorted(f.code for f in extraction.anomalies)
    assert codes == [
        "extract-count-mismatch",
        "extract-deadline-before-plan",
        "extract-target-conflict",
        "extract-unit-suspect",
    ]
    assert one(extraction, "urbanisation-rate").low == 130  # flagged, not changed


def test_a_table_of_targets_reads_the_planned_column_only(catalog) -> None:
    text = (
        "# NGHỊ QUYẾT\n\nVề kế hoạch phát triển kinh tế - xã hội năm 2026 tỉnh Cao Bằng\n\n"
        "## II. CHỈ TIÊU NĂM 2026\n\n"
        "| STT | Chỉ tiêu | Đơn vị tính | Ước thực hiện 2025 | Kế hoạch 2026 |\n|---|---|---|---|---|\n"
        "| 1 | Tốc độ tăng trưởng kinh tế (GRDP) | % | 7,5 | 8 - 8,5 |\n"
        "| 2 | Tỷ lệ hộ nghèo đa chiều | % | 10,2 | 8,5 |\n"
        "| 3 | Tỷ lệ che phủ rừng | % | 55 | ≥ 56 |\n"
        "| 4 | Số hợp tác xã thành lập mới | hợp tác xã | 40 | 45 |\n"
    )
    extraction = run(text, catalog, kind="md")
    got = [(t.indicator_id, t.comparison, t.low, t.high, t.period.as_dict()) for t in extraction.targets]
    assert got == [
        ("grdp-growth", "range", 8, 8.5, {"year": 2026}),
        ("multidimensional-poverty-rate", "at_most", None, 8.5, {"year": 2026}),  # less is better
        ("forest-cover", "at_least", 56, None, {"year": 2026}),
        (None, "at_least", 45, None, {"year": 2026}),  # not in the catalogue: a count to reach is a floor
    ]
    assert "read as at_most" in extraction.targets[1].notes[0]
    assert not any(t.low == 7.5 or t.high == 10.2 for t in extraction.targets)  # estimates of 2025


def test_a_part_that_reports_results_proposes_nothing(catalog) -> None:
    text = HEAD + (
        "\nI. KẾT QUẢ THỰC HIỆN KẾ HOẠCH NĂM 2025\n\n1. Tốc độ tăng trưởng kinh tế đạt 7,5%.\n\n"
        "2. Tỷ lệ che phủ rừng đạt 55%.\n\nII. MỤC TIÊU NĂM 2026\n\n1. Tỷ lệ che phủ rừng đạt 56%.\n"
    )
    assert [(t.indicator_id, t.low) for t in run(text, catalog).targets] == [("forest-cover", 56)]


def test_signs_levels_to_reach_leading_verbs_and_articles(catalog) -> None:
    text = (
        "NGHỊ QUYẾT\nVề kế hoạch phát triển kinh tế - xã hội năm 2026\n\n"
        "Điều 1. Các chỉ tiêu chủ yếu\n\n"
        "- Tỷ lệ hộ nghèo đa chiều giảm còn dưới 8%.\n\n- Tỷ lệ lao động qua đào tạo ≥ 70%.\n\n"
        "- Giảm tỷ lệ hộ nghèo đa chiều 1 - 1,5%.\n\n- Có thêm 12 xã đạt chuẩn nông thôn mới.\n"
    )
    targets = run(text, catalog).targets
    got = [(t.indicator_id, t.comparison, t.low, t.high, t.qualifier) for t in targets]
    assert got[:3] == [
        ("multidimensional-poverty-rate", "at_most", None, 8, "dưới"),
        ("trained-labour-rate", "at_least", 70, None, "≥"),
        ("multidimensional-poverty-rate", "reduction", 1, 1.5, "Giảm"),
    ]
    assert targets[3].indicator == "xã đạt chuẩn nông thôn mới" and targets[3].low == 12
    assert {t.section for t in targets} == {"Điều 1"}


def test_periods_that_are_over_and_descriptions_are_not_targets(catalog) -> None:
    text = HEAD + (
        "\nII. MỤC TIÊU\n\n1. Giai đoạn 2021 - 2025, tốc độ tăng trưởng kinh tế bình quân đạt 6,5%.\n\n"
        "2. Dự án đường cao tốc có tổng mức đầu tư 2.500 tỷ đồng.\n\n"
        "3. Dự toán trung ương giao 3.000 tỷ đồng.\n\n4. Tỷ lệ che phủ rừng đạt 56%.\n"
    )
    assert [(t.indicator_id, t.low) for t in run(text, catalog).targets] == [("forest-cover", 56)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("báo cáo UBND tỉnh trong 15 ngày làm việc", []),  # a deadline of a task
        ("thời gian giải quyết không quá 10 ngày làm việc", [(10.0, "ngày làm việc")]),
        ("tỷ suất tử vong trẻ em dưới 1 tuổi xuống dưới 10‰", [(10.0, "‰")]),  # an age group is no figure
        ("tuổi thọ trung bình đạt 74,5 tuổi", [(74.5, "tuổi")]),
        ("kim ngạch tăng 1,5 - 2 lần", [(1.5, "lần")]),
    ],
)
def test_durations_ages_per_mille_and_multiples(text: str, expected) -> None:
    assert [(q.low, q.unit) for q in find_quantities(text)] == expected
