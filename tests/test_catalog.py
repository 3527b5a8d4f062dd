"""lsplan.catalog on small plan data written by each test: loading, refusal with file:line,
referential integrity, agency resolution, groups, lead/support, indicator matching, memo."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from lsplan import catalog as catalog_mod
from lsplan.catalog import CatalogError, load_catalog, validate
from lsplan.model import Severity

SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"
KB = "kh-kich-ban-tang-truong-2025.txt"

TARGETS: dict[str, Any] = {
    "version": 1,
    "plans": [
        {
            "id": "kb-2025",
            "number": "/KH-UBND",
            "kind": "Kế hoạch",
            "title": "Kịch bản tăng trưởng 2025",
            "issuer": "UBND tỉnh Lạng Sơn",
            "horizon": {"start": 2025, "end": 2025},
            "source_file": KB,
        }
    ],
    "indicators": [
        {
            "id": "grdp-growth",
            "name": "Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP)",
            "name_en": "GRDP growth rate",
            "unit": "%",
            "measure": "growth_rate",
            "aliases": ["Tăng trưởng GRDP", "Tốc độ tăng trưởng kinh tế"],
        },
        {
            "id": "retail-sales",
            "name": "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng",
            "name_en": "Retail sales",
            "unit": "tỷ đồng",
            "measure": "flow",
        },
        {
            "id": "tourists",
            "name": "Lượng khách du lịch",
            "name_en": "Tourists",
            "unit": "triệu lượt",
            "measure": "flow",
        },
    ],
    "targets": [
        {
            "id": "kb-2025.grdp-growth",
            "plan": "kb-2025",
            "indicator": "grdp-growth",
            "period": {"year": 2025},
            "comparison": "range",
            "low": 8,
            "high": 9,
            "statement": "GRDP tăng 8 - 9%",
            "source": {
                "document": KB,
                "section": "II.1",
                "quote": "Tốc độ tăng trưởng kinh tế (GRDP) 8 - 9%",
            },
        },
        {
            "id": "kb-2025.retail-sales",
            "plan": "kb-2025",
            "indicator": "retail-sales",
            "period": {"year": 2025},
            "comparison": "at_least",
            "low": 43167,
            "statement": "trên 43.167 tỷ đồng",
            "source": {
                "document": KB,
                "section": "IV.5",
                "quote": "tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng đạt trên 43.167 tỷ đồng",
            },
        },
        {
            "id": "kb-2025.tourists",
            "plan": "kb-2025",
            "indicator": "tourists",
            "period": {"year": 2025},
            "comparison": "exact",
            "low": 4.4,
            "statement": "4,4 triệu lượt",
            "source": {"document": KB, "section": "II.4", "quote": "Lượng khách du lịch đạt 4,4 triệu lượt"},
        },
    ],
}

ASSIGNMENTS: dict[str, Any] = {
    "version": 1,
    "agencies": [
        {
            "id": "so-tai-chinh",
            "code": "STC",
            "name": "Sở Tài chính",
            "name_en": "Department of Finance",
            "kind": "so",
            "aliases": ["Sở TC", "STC"],
        },
        {
            "id": "so-ke-hoach-va-dau-tu",
            "code": "SKHDT",
            "name": "Sở Kế hoạch và Đầu tư",
            "name_en": "Department of Planning and Investment",
            "kind": "so",
            "aliases": ["Sở KH&ĐT"],
            "active": False,
            "history": [
                {
                    "event": "merged",
                    "date": "2025",
                    "into": ["so-tai-chinh"],
                    "source": {
                        "document": KB,
                        "section": "IV.4",
                        "quote": "Sở Tài chính (sau khi hợp nhất Sở Kế hoạch và Đầu tư và Sở Tài chính)",
                    },
                }
            ],
        },
        {
            "id": "so-cong-thuong",
            "code": "SCT",
            "name": "Sở Công Thương",
            "name_en": "Department of Industry",
            "kind": "so",
            "aliases": ["SCT", "Sở CT"],
        },
        {
            "id": "so-van-hoa-the-thao-va-du-lich",
            "code": "SVHTTDL",
            "name": "Sở Văn hóa, Thể thao và Du lịch",
            "name_en": "Department of Culture, Sports and Tourism",
            "kind": "so",
            "aliases": ["Sở VHTTDL"],
        },
        {
            "id": "cuc-thong-ke",
            "code": "CTK",
            "name": "Cục Thống kê tỉnh",
            "name_en": "Statistics Office",
            "kind": "cuc",
            "aliases": ["Thống kê tỉnh"],
        },
        {
            "id": "ubnd-cac-huyen-thanh-pho",
            "code": "UBNDH",
            "name": "UBND các huyện, thành phố",
            "name_en": "District People's Committees",
            "kind": "ubnd_huyen",
            "active": False,
            "history": [
                {
                    "event": "dissolved",
                    "date": "2025-07-01",
                    "into": ["ubnd-cap-xa"],
                    "note": "chính quyền địa phương hai cấp",
                }
            ],
        },
        {
            "id": "ubnd-cap-xa",
            "code": "UBNDX",
            "name": "UBND cấp xã",
            "name_en": "Commune People's Committees",
            "kind": "ubnd_xa",
        },
    ],
    "groups": [
        {"id": "cac-so-ban-nganh", "name": "Các sở, ban, ngành", "member_kinds": ["so", "ban", "cuc"]}
    ],
    "tasks": [
        {
            "id": "kb-2025.iv-5",
            "plan": "kb-2025",
            "number": "IV.5",
            "title": "Thương mại",
            "lead": ["so-cong-thuong"],
            "support": ["cac-so-ban-nganh", "ubnd-cac-huyen-thanh-pho"],
            "basis": "stated",
            "targets": ["kb-2025.retail-sales"],
            "source": {
                "document": KB,
                "section": "IV.5",
                "quote": "- Cơ quan chủ trì: Sở Tài chính, Sở Công Thương",
            },
        },
    ],
    "responsibilities": [
        {
            "indicator": "grdp-growth",
            "agency": "so-ke-hoach-va-dau-tu",
            "role": "lead",
            "basis": "inferred",
            "reason": "planning focal point (old name on purpose: must map to its successor)",
        },
        {
            "indicator": "grdp-growth",
            "agency": "cuc-thong-ke",
            "role": "support",
            "basis": "inferred",
            "reason": "publishes it",
        },
        {
            "indicator": "tourists",
            "agency": "so-van-hoa-the-thao-va-du-lich",
            "role": "lead",
            "basis": "stated",
            "source": {
                "document": KB,
                "section": "V.2(6)",
                "quote": "chịu trách nhiệm trước UBND tỉnh thực hiện chỉ tiêu tăng trưởng của ngành du lịch",
            },
        },
    ],
}


@pytest.fixture(autouse=True)
def _own_memo(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LSPLAN_CACHE_DIR", str(tmp_path_factory.mktemp("memo")))
    catalog_mod.clear_cache()
    # These tests read the data maintainers' messages in English; the Vietnamese wording is
    # checked in test_cli_data (`lsplan data validate` in the default language).
    from lsplan.i18n import set_lang

    set_lang("en")


def write(
    folder: Path, targets: dict | None = None, assignments: dict | None = None, raw_targets: str | None = None
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = (
        raw_targets
        if raw_targets is not None
        else yaml.safe_dump(targets or TARGETS, allow_unicode=True, sort_keys=False)
    )
    (folder / "targets.yaml").write_text(text, encoding="utf-8")
    (folder / "assignments.yaml").write_text(
        yaml.safe_dump(assignments or ASSIGNMENTS, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return folder


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    count = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            count += 1
            if count == occurrence:
                return number
    raise AssertionError(f"{needle!r} not in {path}")


def errors_of(folder: Path) -> list[str]:
    _, findings = validate(folder, SOURCES)
    return [f"{f.code} {f.message}" for f in findings if f.severity is Severity.ERROR]


# ----------------------------------------------------------------------------- loading


def test_small_data_loads(tmp_path: Path) -> None:
    catalog = load_catalog(write(tmp_path / "d"), SOURCES)
    assert set(catalog.targets) == {"kb-2025.grdp-growth", "kb-2025.retail-sales", "kb-2025.tourists"}
    assert catalog.targets["kb-2025.grdp-growth"].low == 8.0
    assert catalog.targets["kb-2025.retail-sales"].high is None
    assert catalog.targets["kb-2025.retail-sales"].unit == "tỷ đồng"  # the indicator's unit by default
    assert catalog.warnings == ()


def test_low_greater_than_high_names_file_line_and_path(tmp_path: Path) -> None:
    data = copy.deepcopy(TARGETS)
    data["targets"][0]["low"] = 10
    folder = write(tmp_path / "d", targets=data)
    with pytest.raises(CatalogError) as info:
        load_catalog(folder, SOURCES)
    line = line_of(folder / "targets.yaml", "low: 10")
    messages = [f.message for f in info.value.findings]
    assert any(
        m.endswith(f"targets.yaml:{line}: targets[0].low: 10 is greater than high 9") for m in messages
    ), messages
    assert info.value.findings[0].code == "data-range-order"
    assert info.value.findings[0].line == line


def test_bad_type_is_a_schema_error_with_line(tmp_path: Path) -> None:
    data = copy.deepcopy(TARGETS)
    data["targets"][1]["low"] = "lots"
    folder = write(tmp_path / "d", targets=data)
    line = line_of(folder / "targets.yaml", "low: lots")
    errors = errors_of(folder)
    assert any(
        e.startswith("data-schema") and f"targets.yaml:{line}: targets[1].low:" in e for e in errors
    ), errors


def test_unknown_agency_in_a_task_is_refused_with_line(tmp_path: Path) -> None:
    data = copy.deepcopy(ASSIGNMENTS)
    data["tasks"][0]["lead"] = ["so-khong-ton-tai"]
    folder = write(tmp_path / "d", assignments=data)
    line = line_of(folder / "assignments.yaml", "- so-khong-ton-tai")
    errors = errors_of(folder)
    assert errors == [
        f"data-unknown-reference {_label(folder)}/assignments.yaml:{line}: tasks[0].lead[0]: "
        "unknown agency or group 'so-khong-ton-tai'"
    ]


def _label(folder: Path) -> str:
    return folder.name


def test_duplicate_id_is_refused_with_both_places(tmp_path: Path) -> None:
    data = copy.deepcopy(TARGETS)
    data["targets"].append(copy.deepcopy(data["targets"][0]))
    folder = write(tmp_path / "d", targets=data)
    line = line_of(folder / "targets.yaml", "id: kb-2025.grdp-growth", occurrence=2)
    errors = errors_of(folder)
    assert any(
        e.startswith("data-duplicate-id")
        and f"targets.yaml:{line}: targets[3].id:" in e
        and "first at targets[0]" in e
        for e in errors
    ), errors


def test_yaml_syntax_error_has_a_line(tmp_path: Path) -> None:
    folder = write(tmp_path / "d", raw_targets="version: 1\nplans: [\n  - id: x\n")
    _, findings = validate(folder, SOURCES)
    assert [f.code for f in findings] == ["data-yaml-syntax"]
    assert findings[0].line is not None and findings[0].message.startswith(f"{folder.name}/targets.yaml:")


def test_missing_file_is_a_finding_not_a_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    catalog, findings = validate(folder, SOURCES)
    assert catalog is None
    assert {f.code for f in findings} == {"data-unreadable"}


def test_inferred_without_reason_and_unknown_indicator(tmp_path: Path) -> None:
    data = copy.deepcopy(ASSIGNMENTS)
    del data["responsibilities"][1]["reason"]
    data["responsibilities"][2]["indicator"] = "no-such-indicator"
    errors = errors_of(write(tmp_path / "d", assignments=data))
    assert any("responsibilities[1]" in e for e in errors), errors  # schema: reason required
    data = copy.deepcopy(ASSIGNMENTS)
    data["responsibilities"][2]["indicator"] = "no-such-indicator"
    errors = errors_of(write(tmp_path / "e", assignments=data))
    assert (
        len(errors) == 1
        and "responsibilities[2].indicator: unknown indicator 'no-such-indicator'" in errors[0]
    )


def test_quote_not_in_source_is_refused(tmp_path: Path) -> None:
    data = copy.deepcopy(TARGETS)
    # The target's numbers (8, 9) are in it: only the quote itself is wrong.
    data["targets"][0]["source"]["quote"] = "Tốc độ tăng trưởng kinh tế (GRDP) đạt 8 - 9%"
    errors = errors_of(write(tmp_path / "d", targets=data))
    assert len(errors) == 1 and errors[0].startswith("data-quote-not-found")
    assert "targets[0].source.quote" in errors[0]


def test_memo_is_used_for_unchanged_bytes_and_dropped_on_change(tmp_path: Path) -> None:
    folder = write(tmp_path / "d")
    first = load_catalog(folder, SOURCES)
    catalog_mod.clear_cache()
    second = load_catalog(folder, SOURCES)  # from the memo
    assert second.targets == first.targets and second is not first
    data = copy.deepcopy(TARGETS)
    data["targets"][0]["high"] = 7
    write(folder, targets=data)
    catalog_mod.clear_cache()
    with pytest.raises(CatalogError):
        load_catalog(folder, SOURCES)


def test_a_memo_hit_skips_integrity_only_when_it_found_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lsplan import catalog_load

    def refuse(*_args):
        raise AssertionError("integrity re-run on a memo marked clean")

    clean = write(tmp_path / "clean")
    validate(clean, SOURCES, use_memo=True)  # fills the memo
    monkeypatch.setattr(catalog_load, "integrity", refuse)
    monkeypatch.setattr(catalog_load, "unserved_targets", refuse)
    catalog, findings = validate(clean, SOURCES, use_memo=True)
    assert catalog is not None and findings == [] and catalog.warnings == ()
    monkeypatch.undo()
    monkeypatch.setenv("LSPLAN_CACHE_DIR", str(tmp_path / "memo"))
    # A target with no lead: the warning comes back, with the same words, on every memo hit.
    data = copy.deepcopy(ASSIGNMENTS)
    data["responsibilities"] = [r for r in data["responsibilities"] if r["indicator"] != "tourists"]
    data["tasks"] = [t for t in data.get("tasks", []) if "kb-2025.tourists" not in (t.get("targets") or [])]
    folder = write(tmp_path / "d", assignments=data)
    first = validate(folder, SOURCES, use_memo=True)[1]
    second = validate(folder, SOURCES, use_memo=True)[1]
    assert [f.code for f in first] == ["data-no-lead"] and second == first


# ----------------------------------------------------------------------------- who does what


@pytest.fixture()
def small(tmp_path: Path):
    return load_catalog(write(tmp_path / "d"), SOURCES)


def test_lead_and_support_map_to_current_agencies(small) -> None:
    assert small.lead_agencies("kb-2025.grdp-growth") == ("so-tai-chinh",)  # via the former Sở KH&ĐT
    assert small.support_agencies("kb-2025.grdp-growth") == ("cuc-thong-ke",)
    assert small.lead_agencies("kb-2025.retail-sales") == ("so-cong-thuong",)
    support = small.support_agencies("kb-2025.retail-sales")
    assert set(support) == {"so-tai-chinh", "so-van-hoa-the-thao-va-du-lich", "cuc-thong-ke", "ubnd-cap-xa"}
    assert "so-ke-hoach-va-dau-tu" not in support  # inactive agencies never appear


def test_groups_expand_to_current_members(small) -> None:
    assert set(small.expand("cac-so-ban-nganh")) == {
        "so-tai-chinh",
        "so-cong-thuong",
        "so-van-hoa-the-thao-va-du-lich",
        "cuc-thong-ke",
    }
    assert small.expand("ubnd-cac-huyen-thanh-pho") == ("ubnd-cap-xa",)
    assert small.expand("nothing") == ()


def test_targets_for_agency_and_indicators_for_agency(small) -> None:
    assert [t.id for t in small.targets_for(agency="Sở KH&ĐT")] == ["kb-2025.grdp-growth"]
    assert [t.id for t in small.targets_for(agency="so-cong-thuong")] == ["kb-2025.retail-sales"]
    assert small.indicators_for_agency("so-tai-chinh") == {"grdp-growth": "lead"}
    assert small.indicators_for_agency("cuc-thong-ke") == {"grdp-growth": "support"}
    led, supported = small.tasks_for_agency("cuc-thong-ke")
    assert led == [] and [t.id for t in supported] == ["kb-2025.iv-5"]  # through "Các sở, ban, ngành"


def test_target_record_shape(small) -> None:
    record = small.target_record(small.targets["kb-2025.tourists"])
    assert record["low"] == record["high"] == 4.4  # a single value: equal sides
    assert record["lead"] == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert record["source"] == {
        "document": KB,
        "section": "II.4",
        "quote": "Lượng khách du lịch đạt 4,4 triệu lượt",
    }
    open_side = small.target_record(small.targets["kb-2025.retail-sales"])
    assert open_side["low"] == 43167 and open_side["high"] is None


# ----------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    "query, how, expected",
    [
        ("Sở Tài chính", "exact", "so-tai-chinh"),
        ("STC", "alias", "so-tai-chinh"),
        ("so tai chinh", "folded", "so-tai-chinh"),
        ("SỞ TÀI CHÍNH", "folded", "so-tai-chinh"),
        ("Cong Thuong", "folded", "so-cong-thuong"),
        ("Thống kê tỉnh", "alias", "cuc-thong-ke"),
        ("Sở Kế hoạch và Đầu tư", "former", "so-tai-chinh"),
        ("Sở KH & ĐT", "former", "so-tai-chinh"),
        ("So Tai chinhh", "fuzzy", "so-tai-chinh"),
    ],
)
def test_resolve_agency(small, query: str, how: str, expected: str) -> None:
    resolution = small.resolve_agency(query)
    assert (resolution.how, resolution.agency.id if resolution.agency else None) == (how, expected)


def test_former_name_says_what_happened(small) -> None:
    resolution = small.resolve_agency("sở kế hoạch và đầu tư")
    assert resolution.matched.id == "so-ke-hoach-va-dau-tu"
    assert resolution.note == "Sở Kế hoạch và Đầu tư đã hợp nhất vào Sở Tài chính (2025)"


def test_unknown_agency_has_no_agency(small) -> None:
    resolution = small.resolve_agency("Bộ Ngoại giao Hoa Kỳ")
    assert resolution.agency is None and resolution.how == "unknown"
    assert small.resolve_agency("   ").agency is None


def test_match_indicator(small) -> None:
    assert small.match_indicator("TĂNG TRƯỞNG GRDP").id == "grdp-growth"
    assert (
        small.match_indicator("Tong muc ban le hang hoa va doanh thu dich vu tieu dung").id == "retail-sales"
    )
    assert small.match_indicator("Lượng khách du lịc").id == "tourists"  # one letter off
    assert small.match_indicator("Khách quốc tế") is None
    assert small.match_indicator("") is None


# ----------------------------------------------------------------------------- packaging


def test_checkout_reads_repository_data() -> None:
    repo = Path(__file__).resolve().parent.parent
    if (repo / "lsplan" / "_data").exists():
        pytest.skip("a built copy of the data sits inside the package")
    assert catalog_mod.default_data_dir() == repo / "data"
    assert catalog_mod.default_schema_dir() == repo / "schemas"


@pytest.mark.slow
def test_built_wheel_ships_data_and_schemas(tmp_path: Path) -> None:
    """`pip install .` must carry data/ and schemas/ (copied to lsplan/_data by setup.py)."""
    import subprocess
    import sys
    import zipfile

    repo = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(repo)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0 and any(
        word in result.stderr for word in ("NewConnectionError", "Could not find a version", "network")
    ):
        pytest.skip("building needs setuptools from PyPI, which is unreachable here")
    assert result.returncode == 0, result.stderr[-2000:]
    (wheel,) = tmp_path.glob("lsplan-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {
        "lsplan/_data/targets.yaml",
        "lsplan/_data/assignments.yaml",
        "lsplan/_data/schemas/targets.schema.json",
        "lsplan/_data/schemas/assignments.schema.json",
    } <= names


# ----------------------------------------------------------------------------- the integrity backstops
# The schema already requires `reason` / `quote` to be present; these catch what it lets through
# (blank text), a quote naming a document that is not among the sources, and a target nobody leads.


def findings_of(folder: Path) -> dict[str, list[str]]:
    _, findings = validate(folder, SOURCES)
    out: dict[str, list[str]] = {}
    for f in findings:
        out.setdefault(f.code, []).append(f"{f.severity} {f.message}")
    return out


def test_blank_reason_of_an_inferred_assignment_is_refused(tmp_path: Path) -> None:
    data = copy.deepcopy(ASSIGNMENTS)
    data["responsibilities"][1]["reason"] = "   "
    found = findings_of(write(tmp_path / "d", assignments=data))
    assert "data-missing-reason" in found, found
    assert found["data-missing-reason"][0].startswith("error ")
    assert "responsibilities[1].basis" in found["data-missing-reason"][0]


def test_blank_quote_of_a_stated_assignment_is_refused(tmp_path: Path) -> None:
    data = copy.deepcopy(ASSIGNMENTS)
    data["responsibilities"][2]["source"]["quote"] = "  "
    found = findings_of(write(tmp_path / "d", assignments=data))
    assert "data-missing-quote" in found, found
    assert "responsibilities[2].basis" in found["data-missing-quote"][0]


def test_quote_from_an_unknown_document_is_refused(tmp_path: Path) -> None:
    data = copy.deepcopy(TARGETS)
    data["targets"][0]["source"]["document"] = "no-such-plan.txt"
    found = findings_of(write(tmp_path / "d", targets=data))
    assert "data-unknown-document" in found, found
    assert "'no-such-plan.txt'" in found["data-unknown-document"][0]
    assert "targets[0].source.document" in found["data-unknown-document"][0]


def test_target_without_any_lead_is_a_warning(tmp_path: Path) -> None:
    data = copy.deepcopy(ASSIGNMENTS)
    data["responsibilities"] = [r for r in data["responsibilities"] if r["indicator"] != "tourists"]
    data["tasks"] = [t for t in data.get("tasks", []) if "kb-2025.tourists" not in (t.get("targets") or [])]
    catalog, findings = validate(write(tmp_path / "d", assignments=data), SOURCES)
    assert catalog is not None  # a warning: the data still loads
    no_lead = [f for f in findings if f.code == "data-no-lead"]
    assert no_lead and no_lead[0].severity is Severity.WARNING
    assert "kb-2025.tourists" in no_lead[0].message


def test_missing_schema_is_a_warning_not_silence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lsplan import catalog_load

    empty = tmp_path / "no-schemas"
    empty.mkdir()
    monkeypatch.setattr(catalog_load, "default_schema_dir", lambda: empty)
    _, findings = validate(write(tmp_path / "d"), SOURCES)
    missing = [f for f in findings if f.code == "data-schema-missing"]
    assert len(missing) == 2 and all(f.severity is Severity.WARNING for f in missing)
