"""gaps() and agency_view(): lagging worst first, sources, missing with deadlines, agency picture."""

from __future__ import annotations

from datetime import date

import pytest
from test_gaps_fakes import FakeCatalog, fake_assess

from lsplan.gaps import AgencyLookupError, agency_view, deadline, gaps
from lsplan.model import Observation
from lsplan.store import Store


def obs(indicator, value, period="Q1", year=2025, agency="x", cell="D5", **kw):
    return Observation(indicator, value, "", year, period, agency=agency, sheet="Báo cáo", cell=cell, **kw)


def seed(store):
    store.add_submission(
        file_name="sct-q1.xlsx",
        sha256="a",
        agency="so-cong-thuong",
        year=2025,
        period="Q1",
        observations=[obs("retail", 8000.0, agency="so-cong-thuong", cell="E7")],
    )
    store.add_submission(
        file_name="vh-q1.xlsx",
        sha256="b",
        agency="so-vhttdl",
        year=2025,
        period="Q1",
        observations=[obs("tourists", 1.92, agency="so-vhttdl")],
    )
    store.add_submission(
        file_name="stc-q1.xlsx",
        sha256="c",
        agency="so-tai-chinh",
        year=2025,
        period="Q1",
        observations=[obs("budget", 2200.0, agency="so-tai-chinh")],
    )


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "s.sqlite3") as opened:
        seed(opened)
        yield opened


def run(store, **kw):
    kw.setdefault("quarter", "Q1")
    return gaps(
        FakeCatalog(),
        store,
        year=kw.pop("year", 2025),
        today=kw.pop("today", date(2025, 4, 20)),
        assess=fake_assess,
        **kw,
    )


def test_lagging_rows_worst_first_with_sources(store):
    result = run(store)
    assert [(r["target"], r["status"]) for r in result.rows] == [
        ("ctr-98.retail", "off_track"),
        ("kb-2025.retail", "off_track"),
        ("kb-2025.budget", "at_risk"),
    ]
    first = result.rows[0]
    assert (
        first["expected"] == 12500.0
        and first["actual"] == 8000.0
        and first["attainment"] == pytest.approx(64.0)
    )
    assert first["lead"] == ["Sở Công Thương"] and first["indicator_name"] == "Tổng mức bán lẻ hàng hóa"
    assert first["source"]["file"] == "sct-q1.xlsx" and first["source"]["cell"] == "E7"
    assert first["source"]["sheet"] == "Báo cáo"
    assert result.counts == {"off_track": 2, "at_risk": 1, "on_track": 1, "no_data": 1, "not_assessed": 1}


def test_missing_lists_chase_deadline_and_overdue(store):
    result = run(store)
    assert [m["target"] for m in result.missing] == ["kb-2025.grdp-growth"]  # qualitative is not missing
    missing = result.missing[0]
    assert missing["lead"] == ["Sở Tài chính"] and missing["chase"] == ["Thống kê tỉnh Lạng Sơn"]
    assert missing["deadline"] == "2025-04-05" and missing["overdue"] is True
    early = run(store, today=date(2025, 4, 1)).missing[0]
    assert early["overdue"] is False


def test_deadlines():
    assert deadline(2025, "Q1", "admin") == date(2025, 3, 14)
    assert deadline(2025, "Q2", "admin", 10) == date(2025, 6, 10)
    assert deadline(2025, "Q3", "statistics") == date(2025, 10, 5)
    assert deadline(2025, "Q4", "statistics") == date(2026, 1, 5)


def test_include_all_plan_and_agency_filters(store):
    every = run(store, include_all=True)
    assert len(every.rows) == 6 and every.rows[-1]["status"] == "not_assessed"
    assert {r["plan"] for r in run(store, plan="ctr-98", include_all=True).rows} == {"ctr-98"}
    mine = run(store, agency="sct", include_all=True)
    assert mine.agency == {"id": "so-cong-thuong", "name": "Sở Công Thương"}
    assert {r["target"] for r in mine.rows} == {"kb-2025.retail", "ctr-98.retail"}
    with pytest.raises(AgencyLookupError) as info:
        run(store, agency="Sở Không Có")
    assert "did you mean" in str(info.value)


def test_default_year_is_latest_in_store(store):
    result = gaps(FakeCatalog(), store, quarter="Q1", assess=fake_assess, today=date(2026, 5, 1))
    assert result.year == 2025


def test_later_official_figure_changes_the_row(store):
    store.add_submission(
        file_name="sct-q1-official.xlsx",
        sha256="d",
        agency="so-cong-thuong",
        year=2025,
        period="Q1",
        observations=[obs("retail", 10783.1, maturity="official")],
    )
    rows = {r["target"]: r for r in run(store, include_all=True).rows}
    assert rows["kb-2025.retail"]["actual"] == 10783.1 and rows["kb-2025.retail"]["status"] == "on_track"
    assert rows["kb-2025.retail"]["source"]["file"] == "sct-q1-official.xlsx"


def test_to_dict_has_the_contract_keys(store):
    payload = run(store).to_dict()
    assert {"year", "quarter", "rows", "missing"} <= payload.keys()
    assert {
        "target",
        "indicator",
        "indicator_name",
        "plan",
        "status",
        "expected",
        "actual",
        "attainment",
        "unit",
        "lead",
    } <= payload["rows"][0].keys()
    assert {"target", "indicator", "lead"} <= payload["missing"][0].keys()


def test_agency_view(store):
    view = agency_view(
        FakeCatalog(),
        store,
        "so cong thuong",
        year=2025,
        quarter="Q1",
        assess=fake_assess,
        today=date(2025, 4, 20),
    )
    payload = view.to_dict()
    assert payload["agency"] == {"id": "so-cong-thuong", "name": "Sở Công Thương"}
    assert payload["resolved_from"]["how"] == "folded"
    assert [t["id"] for t in payload["lead_tasks"]] == ["kb-2025.iv-3"]
    support = {t["id"]: t["via"] for t in payload["support_tasks"]}
    assert support == {
        "kb-2025.iv-5": [],
        "kb-2025.iv-9": ["Các sở, ban, ngành"],
    }  # directly, and via a group
    assert sorted((i["target"], i["status"], i["role"]) for i in payload["indicators"]) == [
        ("ctr-98.retail", "off_track", "lead"),
        ("kb-2025.retail", "off_track", "lead"),
    ]
    assert payload["missing"] == [] and payload["submitted"] is True


def test_agency_view_former_name_and_unknown(store):
    view = agency_view(
        FakeCatalog(),
        store,
        "Sở Kế hoạch và Đầu tư",
        year=2025,
        quarter="Q1",
        assess=fake_assess,
        today=date(2025, 4, 20),
    )
    payload = view.to_dict()
    assert payload["agency"]["id"] == "so-tai-chinh" and payload["resolved_from"]["how"] == "former"
    assert "merged" in payload["resolved_from"]["note"]
    assert [m["target"] for m in payload["missing"]] == ["kb-2025.grdp-growth"]
    unknown = agency_view(FakeCatalog(), store, "Sở Vũ trụ", assess=fake_assess)
    assert not unknown.ok and unknown.error == "agency-ambiguous"
    assert "Sở Công Thương" in [c["name"] for c in unknown.to_dict()["candidates"]]
