"""The shipped data/assignments.yaml: it validates, every 2025 task has its stated leads, section
V.2 responsibilities are there, every target has a lead, and old names resolve to successors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lsplan import catalog as catalog_mod
from lsplan.catalog import default_schema_dir, load_catalog, validate
from lsplan.model import Basis
from lsplan.text import fold
from lsplan.yamlsource import check_schema_file

SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"


@pytest.fixture(scope="module")
def catalog():
    catalog_mod.clear_cache()
    return load_catalog(sources_dir=SOURCES)


def test_shipped_data_is_clean_with_quotes_checked() -> None:
    catalog, findings = validate(sources_dir=SOURCES)
    assert catalog is not None
    assert [f.message for f in findings] == []


def test_schema_is_valid_2020_12() -> None:
    path = default_schema_dir() / "assignments.schema.json"
    check_schema_file(path)
    assert json.loads(path.read_text(encoding="utf-8"))["$schema"].endswith("/2020-12/schema")


# The "Cơ quan chủ trì" of each task of section IV of the 2025 plan, as the source writes them.
KB_IV_LEADS = {
    "IV.1": ["cac-so-ban-nganh-ubnd-huyen"],
    "IV.2": ["so-nong-nghiep-va-moi-truong"],
    "IV.3": ["so-cong-thuong"],
    "IV.4": ["so-tai-chinh", "so-xay-dung", "so-cong-thuong", "so-nong-nghiep-va-moi-truong"],
    "IV.5": [
        "so-tai-chinh",
        "so-cong-thuong",
        "so-van-hoa-the-thao-va-du-lich",
        "ban-quan-ly-khu-kinh-te-cua-khau",
        "ngan-hang-nha-nuoc-khu-vuc-5",
    ],
    "IV.6": ["so-tai-chinh"],
    "IV.7": ["so-khoa-hoc-va-cong-nghe", "so-van-hoa-the-thao-va-du-lich"],
    "IV.8": ["so-nong-nghiep-va-moi-truong", "so-khoa-hoc-va-cong-nghe"],
    "IV.9": ["cong-an-tinh", "bo-chi-huy-quan-su-tinh", "bo-chi-huy-bo-doi-bien-phong-tinh", "so-ngoai-vu"],
    "IV.10": ["so-noi-vu"],
    "IV.11": ["thanh-tra-tinh", "so-cong-thuong"],
}


def test_every_2025_section_iv_task_has_its_stated_leads(catalog) -> None:
    tasks = {
        t.number: t for t in catalog.tasks.values() if t.plan == "kb-2025" and t.number.startswith("IV.")
    }
    assert set(tasks) == set(KB_IV_LEADS)
    for number, leads in KB_IV_LEADS.items():
        task = tasks[number]
        assert list(task.lead) == leads, number
        assert task.basis is Basis.STATED and task.source is not None
        assert task.source.document == "kh-kich-ban-tang-truong-2025.txt"
        quote = fold(task.source.quote)
        assert "co quan chu tri" in quote, number
        for lead in leads:  # each lead is named in the quoted line
            name = catalog.name_of(lead)
            assert fold(name).split(" ubnd")[0] in quote, (number, name)


def test_task_one_is_led_by_every_department_and_district(catalog) -> None:
    leads = set(catalog.expand("cac-so-ban-nganh-ubnd-huyen"))
    departments = {a.id for a in catalog.agencies.values() if a.kind == "so" and a.active}
    assert departments <= leads
    assert "ubnd-cap-xa" in leads  # district duties went to the communes on 1 July 2025
    assert (
        catalog.groups["cac-so-ban-nganh-ubnd-huyen"].name == "Các sở, ban, ngành, UBND các huyện, thành phố"
    )


@pytest.mark.parametrize(
    "indicator, agency",
    [
        ("budget-revenue", "so-tai-chinh"),
        ("grdp-growth-agri", "so-nong-nghiep-va-moi-truong"),
        ("retail-sales", "so-cong-thuong"),
        ("grdp-growth-industry", "so-cong-thuong"),
        ("grdp-growth-industry-construction", "so-xay-dung"),
        ("tourists", "so-van-hoa-the-thao-va-du-lich"),
        ("grdp-growth-taxes", "cuc-thue"),
        ("grdp-growth-taxes", "cuc-hai-quan"),
    ],
)
def test_section_v2_responsibilities_are_stated(catalog, indicator: str, agency: str) -> None:
    matches = [r for r in catalog.responsibilities if r.indicator == indicator and r.agency == agency]
    assert len(matches) == 1
    resp = matches[0]
    assert resp.role == "lead" and resp.basis is Basis.STATED
    assert resp.source.section.startswith("V.2(") and resp.source.quote


def test_every_target_has_an_active_lead(catalog) -> None:
    for target_id in catalog.targets:
        leads = catalog.lead_agencies(target_id)
        assert leads, target_id
        assert all(catalog.agencies[a].active for a in leads), target_id


def test_key_leads(catalog) -> None:
    assert catalog.lead_agencies("kb-2025.retail-sales") == ("so-cong-thuong",)
    assert catalog.lead_agencies("kb-2025.tourists") == ("so-van-hoa-the-thao-va-du-lich",)
    assert "so-tai-chinh" in catalog.lead_agencies("kb-2025.grdp-growth")
    assert "cuc-thong-ke" in catalog.support_agencies("kb-2025.grdp-growth")


@pytest.mark.parametrize(
    "query, successor, how",
    [
        ("Sở Kế hoạch và Đầu tư", "so-tai-chinh", "former"),
        ("so ke hoach va dau tu", "so-tai-chinh", "former"),
        ("Sở KH&ĐT", "so-tai-chinh", "former"),
        ("SKHĐT", "so-tai-chinh", "former"),
        ("Sở GTVT", "so-xay-dung", "former"),
        ("Sở Giao thông vận tải", "so-xay-dung", "former"),
        ("Sở NN&PTNT", "so-nong-nghiep-va-moi-truong", "former"),
        ("Sở Tài nguyên và Môi trường", "so-nong-nghiep-va-moi-truong", "former"),
        ("Sở TT&TT", "so-khoa-hoc-va-cong-nghe", "former"),
        ("UBND huyện", "ubnd-cap-xa", "former"),
        ("Sở Công Thương", "so-cong-thuong", "exact"),
        ("SCT", "so-cong-thuong", "alias"),
        ("BQL KKT", "ban-quan-ly-khu-kinh-te-cua-khau", "alias"),
        ("Thống kê tỉnh", "cuc-thong-ke", "alias"),
        ("so van hoa the thao va du lich", "so-van-hoa-the-thao-va-du-lich", "folded"),
        ("Công an", "cong-an-tinh", "fuzzy"),
        ("Sở Du lịch", "so-van-hoa-the-thao-va-du-lich", "fuzzy"),
        ("Sở Nông nghiệp", "so-nong-nghiep-va-moi-truong", "fuzzy"),
        ("UBND huyện Cao Lộc", "ubnd-cap-xa", "fuzzy"),
        ("Sở Tài chánh", "so-tai-chinh", "fuzzy"),
    ],
)
def test_names_resolve(catalog, query: str, successor: str, how: str) -> None:
    resolution = catalog.resolve_agency(query)
    assert resolution.agency is not None and resolution.agency.id == successor
    assert resolution.how == how
    if how == "former":
        assert resolution.agency.name in resolution.note and resolution.matched.name in resolution.note


def test_former_note_reads_as_expected(catalog) -> None:
    note = catalog.resolve_agency("Sở Kế hoạch và Đầu tư").note
    assert note == "Sở Kế hoạch và Đầu tư đã hợp nhất vào Sở Tài chính (2025)"
    press = catalog.resolve_agency("Sở Thông tin và Truyền thông")
    assert "Sở Văn hóa, Thể thao và Du lịch" in press.note  # press functions moved there
    assert catalog.successors("so-thong-tin-va-truyen-thong") == (
        "so-khoa-hoc-va-cong-nghe",
        "so-van-hoa-the-thao-va-du-lich",
    )


def test_every_name_and_alias_resolves_to_its_own_agency(catalog) -> None:
    for agency in catalog.agencies.values():
        for name in (agency.name, agency.code, *agency.aliases):
            resolution = catalog.resolve_agency(name)
            expected = catalog.successors(agency.id)[0]
            assert resolution.agency is not None and resolution.agency.id == expected, (agency.id, name)


def test_ctr98_focal_point_is_now_so_tai_chinh(catalog) -> None:
    led, _ = catalog.tasks_for_agency("so-tai-chinh")
    assert "ctr-98.iv-2" in {t.id for t in led}
    task = catalog.tasks["ctr-98.iv-3"]
    assert task.lead == ("so-thong-tin-va-truyen-thong",) and task.basis is Basis.STATED
    appendix = catalog.tasks["ctr-98.iii"]
    assert appendix.basis is Basis.INFERRED and "Phụ lục" in appendix.reason
    assert "appendix" in appendix.reason_en


def test_ctr52_task_groups_are_inferred_with_reasons(catalog) -> None:
    tasks = [t for t in catalog.tasks.values() if t.plan == "ctr-52"]
    assert len(tasks) == 6
    assert all(t.basis is Basis.INFERRED and "names no agency" in t.reason_en for t in tasks)
    assert all(t.reason.startswith("Văn bản chương trình không nêu cơ quan nào.") for t in tasks)


def test_inferred_responsibilities_cover_the_rest(catalog) -> None:
    forest = [r for r in catalog.responsibilities if r.indicator == "forest-cover"]
    assert [(r.agency, r.basis) for r in forest] == [("so-nong-nghiep-va-moi-truong", Basis.INFERRED)]
    assert all(r.reason for r in catalog.responsibilities if r.basis is Basis.INFERRED)


def test_ambiguous_and_unknown_names_give_candidates(catalog) -> None:
    both = catalog.resolve_agency("Sở Tài chính và Sở Công Thương")
    assert both.agency is None and both.how == "ambiguous"
    assert {a.id for a in both.candidates} == {"so-tai-chinh", "so-cong-thuong"}
    unknown = catalog.resolve_agency("Sở Lao động")
    assert unknown.agency is None and unknown.how == "unknown"
    assert catalog.resolve_agency("xyz qwv").candidates == ()
