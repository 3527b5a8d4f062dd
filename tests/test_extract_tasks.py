"""Task blocks in the shapes plans use, agencies resolved against the registry."""

from __future__ import annotations

import pytest

from lsplan.catalog import load_catalog
from lsplan.extract import extract_text
from lsplan.extract.agencies import AgencyFinder


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


HEAD = "KẾ HOẠCH\nPhát triển kinh tế - xã hội năm 2026 tỉnh Cao Bằng\n\n"


def tasks(text: str, catalog, kind: str = "txt"):
    return extract_text(HEAD + text, kind, catalog, plan_id="kh-2026").tasks


def leads(task) -> list[str | None]:
    return [ref.id or ref.new_id for ref in task.lead]


def test_names_with_commas_former_names_groups_and_unknown_agencies(catalog) -> None:
    finder = AgencyFinder(catalog)
    refs = finder.find(
        "Sở Văn hóa, Thể thao và Du lịch, Sở Kế hoạch và Đầu tư (nay là Sở Tài chính); "
        "UBND các xã, phường và Trung tâm Xúc tiến đầu tư chủ trì từng nội dung"
    )
    assert [(r.id, r.current, r.new_id) for r in refs] == [
        ("so-van-hoa-the-thao-va-du-lich", None, None),
        ("so-ke-hoach-va-dau-tu", "so-tai-chinh", None),
        ("ubnd-cap-xa", None, None),
        (None, None, "trung-tam-xuc-tien-dau-tu"),
    ]
    (group,) = finder.find("Các sở, ban, ngành, UBND các huyện, thành phố theo chức năng")
    assert group.group and group.id == "cac-so-ban-nganh-ubnd-huyen"


@pytest.mark.parametrize(
    "labels",
    [
        "- Cơ quan chủ trì: Sở Công Thương.\n\n- Cơ quan phối hợp: Sở Tài chính.\n\n"
        "- Thời gian thực hiện: Năm 2026.",
        "- Đơn vị chủ trì: Sở Công Thương.\n\n- Đơn vị phối hợp: Sở Tài chính.\n\n"
        "- Thời gian hoàn thành: Năm 2026.",
        "- Đơn vị thực hiện: Sở Công Thương; phối hợp: Sở Tài chính; thời gian: Năm 2026.",
        "Chủ trì: Sở Công Thương. Phối hợp: Sở Tài chính. Tiến độ: Năm 2026.",
    ],
)
def test_label_blocks_spelt_many_ways(labels: str, catalog) -> None:
    text = (
        "III. NHIỆM VỤ VÀ GIẢI PHÁP\n\n2. Phát triển thương mại biên giới. Mở rộng chợ.\n\n" + labels + "\n"
    )
    (task,) = tasks(text, catalog)
    assert (task.number, task.shape) == ("III.2", "labels")
    assert task.title == "Phát triển thương mại biên giới"
    assert leads(task) == ["so-cong-thuong"] and [r.id for r in task.support] == ["so-tai-chinh"]
    assert task.timeframe == "Năm 2026"


def test_agency_paragraphs_and_assignments(catalog) -> None:
    text = (
        "IV. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Sở Công Thương: chủ trì theo dõi chỉ tiêu tổng mức bán lẻ hàng hóa.\n\n"
        "2. Giao Sở Tài chính chủ trì, phối hợp với Cục Thống kê tỉnh, UBND các xã, phường triển khai "
        "Kế hoạch; báo cáo UBND tỉnh trước ngày 15/12/2026.\n\n"
        "3. Đề nghị Ủy ban Mặt trận Tổ quốc tỉnh, các tổ chức chính trị - xã hội tỉnh tăng cường giám sát.\n"
    )
    found = tasks(text, catalog)
    assert [(t.number, t.shape, leads(t)) for t in found] == [
        ("IV.1", "agency-paragraph", ["so-cong-thuong"]),
        ("IV.2", "assignment", ["so-tai-chinh"]),
        ("IV.3", "assignment", ["uy-ban-mttq-tinh", "cac-to-chuc-chinh-tri-xa-hoi-tinh"]),
    ]
    assert [r.id for r in found[1].support] == ["cuc-thong-ke", "ubnd-cap-xa"]
    assert found[1].timeframe == "trước ngày 15/12/2026"


def test_an_annex_table_with_parts_whose_numbering_restarts_and_year_columns(catalog) -> None:
    text = (
        "PHỤ LỤC: NHIỆM VỤ CỤ THỂ\n\n"
        "| STT | Nội dung nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian | Sản phẩm "
        "| 2026 | 2027 |\n"
        "|---|---|---|---|---|---|---|---|\n"
        "| I | Phát triển công nghiệp | | | | | | |\n"
        "| 1 | Thu hút đầu tư khu công nghiệp | Sở Tài chính | Sở Công Thương | 2026-2027 | Báo cáo "
        "| 30% | 100% |\n"
        "| 2 | Phát triển cụm công nghiệp | Sở Công Thương | UBND các xã, phường | 2026 | Quyết định "
        "| x | |\n"
        "| II | Phát triển du lịch | | | | | | |\n"
        "| 1 | Xúc tiến du lịch | Sở Du lịch | Sở Văn hóa, Thể thao và Du lịch | Hằng năm | Kế hoạch | | |\n"
    )
    found = tasks(text, catalog, kind="md")
    assert [(t.number, leads(t)) for t in found] == [
        ("I.1", ["so-tai-chinh"]),
        ("I.2", ["so-cong-thuong"]),
        ("II.1", ["so-du-lich"]),  # not in the registry: proposed as a new agency
    ]
    assert found[0].milestones == {"2026": "30%", "2027": "100%"}
    assert found[0].product == "Báo cáo" and found[0].timeframe == "2026-2027"
    assert found[2].lead[0].id is None and found[2].lead[0].new_id == "so-du-lich"
    assert all(t.shape == "annex-table" for t in found)


def test_indicator_duties_become_responsibilities(catalog) -> None:
    text = (
        "V. TỔ CHỨC THỰC HIỆN\n\n(3) Sở Nông nghiệp và Môi trường là cơ quan đầu mối, chịu trách nhiệm về "
        "thực hiện chỉ tiêu tỷ lệ che phủ rừng và chỉ tiêu diện tích trồng rừng mới.\n"
    )
    extraction = extract_text(HEAD + text, "txt", catalog, plan_id="kh-2026")
    (duty,) = extraction.responsibilities
    assert duty.agency.id == "so-nong-nghiep-va-moi-truong"
    assert set(duty.indicators) == {"forest-cover", "forest-planting"}


def test_the_lead_in_parentheses_at_the_end_of_an_item(catalog) -> None:
    text = (
        "III. NHIỆM VỤ CỤ THỂ\n\n1. Phát triển hạ tầng\n\n"
        "- Rà soát, điều chỉnh quy hoạch chung đô thị (Sở Xây dựng chủ trì, phối hợp với Sở Tài chính, "
        "UBND các xã, phường).\n\n"
        "- Đẩy nhanh giải phóng mặt bằng các dự án trọng điểm (giao Sở Nông nghiệp và Môi trường chủ trì).\n"
    )
    found = tasks(text, catalog)
    assert [(t.number, t.shape, leads(t)) for t in found] == [
        ("III.1-1", "trailing", ["so-xay-dung"]),
        ("III.1-2", "trailing", ["so-nong-nghiep-va-moi-truong"]),
    ]
    assert [r.id for r in found[0].support] == ["so-tai-chinh", "ubnd-cap-xa"]
    assert found[0].title == "Rà soát, điều chỉnh quy hoạch chung đô thị"


def test_later_sentences_that_open_with_other_agencies_add_co_leads_or_support(catalog) -> None:
    text = (
        "IV. TỔ CHỨC THỰC HIỆN\n\n"
        "(1) Sở Tài chính chủ trì tổng hợp, theo dõi việc thực hiện Kế hoạch. Trên cơ sở đề xuất của "
        "Sở Xây dựng, tham mưu điều chỉnh. Sở Công Thương xây dựng kế hoạch phát triển thương mại; "
        "UBND các xã, phường phối hợp triển khai. Các cấp, các ngành chủ động tháo gỡ khó khăn.\n\n"
        "(2) UBND cấp huyện chủ động rà soát chỉ tiêu.\n\n"
        "Các sở, ban, ngành, UBND các huyện, thành phố căn cứ Kế hoạch này xây dựng kế hoạch của "
        "ngành, địa phương.\n"
    )
    extraction = extract_text(HEAD + text, "txt", catalog, plan_id="kh-2026")
    first, second = extraction.tasks
    assert leads(first) == ["so-tai-chinh", "so-cong-thuong"]  # Sở Xây dựng is only an object
    assert [r.id for r in first.support] == ["ubnd-cap-xa"]  # "Các cấp, các ngành" names no one
    assert first.quote.endswith("phối hợp triển khai.")
    # The group holds UBND cấp huyện: the two clauses together are the group's work.
    assert leads(second) == ["cac-so-ban-nganh-ubnd-huyen"]
    for task in extraction.tasks:
        assert extraction.document.text[task.offset : task.offset + len(task.quote)] == task.quote


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Ủy ban nhân dân các xã, phường", [("ubnd-cap-xa", None)]),
        ("Ủy ban nhân dân tỉnh", [("ubnd-tinh", None)]),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", [("uy-ban-mttq-tinh", None)]),
        ("Sở Dân tộc và Tôn giáo", [(None, "so-dan-toc-va-ton-giao")]),
        (
            "Trung tâm Xúc tiến đầu tư và Ban Quản lý dự án tỉnh",
            [(None, "trung-tam-xuc-tien-dau-tu"), (None, "ban-quan-ly-du-an-tinh")],
        ),
        ("Sở Công Thương và các cơ quan, đơn vị liên quan", [("so-cong-thuong", None)]),
    ],
)
def test_agency_names_as_other_provinces_write_them(written: str, expected, catalog) -> None:
    refs = AgencyFinder(catalog).find(written + " chủ trì")
    assert [(r.id, r.new_id) for r in refs] == expected


def test_bullets_that_open_with_an_agency_are_tasks_of_their_own(catalog) -> None:
    text = (
        "III. NHIỆM VỤ, GIẢI PHÁP\n\n"
        "1. Sở Tài chính chủ trì tổng hợp tình hình thực hiện Kế hoạch.\n\n"
        "- Sở Công Thương: chủ trì phát triển thị trường xuất khẩu.\n\n"
        "- Giao Sở Xây dựng chủ trì, phối hợp với UBND các xã, phường nâng cấp hạ tầng.\n\n"
        "- Tăng cường công tác thanh tra, kiểm tra.\n"
    )
    found = tasks(text, catalog)
    assert [(t.number, leads(t)) for t in found] == [
        ("III.1", ["so-tai-chinh"]),
        ("III.1-1", ["so-cong-thuong"]),
        ("III.1-2", ["so-xay-dung"]),
    ]
    assert [r.id for r in found[2].support] == ["ubnd-cap-xa"]
