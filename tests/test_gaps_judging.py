"""gaps, agency, report and show agree on the judging rules of issue 11, on the shipped Q1 2025
examples (real published figures): one row per goal, stretches on their main target's row,
non-goals never chased, and `lsplan show TARGET --quarter` prints the reasoning."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from lsplan.catalog import load_catalog
from lsplan.cli import app
from lsplan.demo import build_demo_store
from lsplan.gaps import agency_view, explain, gaps
from lsplan.report.model import build_report
from lsplan.store import Store

runner = CliRunner()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    catalog = load_catalog()
    with Store(tmp_path_factory.mktemp("judging") / "demo.sqlite3") as store:
        build_demo_store(store, catalog)
        result = gaps(catalog, store, year=2025, quarter="Q1", include_all=True, today=date(2025, 4, 20))
        yield catalog, store, result


def test_a_goal_set_by_two_plans_is_one_row_naming_both(demo):
    _catalog, _store, result = demo
    rows = {r["target"]: r for r in result.rows}
    shared = rows["ctr-98.grdp-growth-avg"]
    assert shared["plans"] == ["ctr-98", "ctr-52"]
    assert shared["targets"] == ["ctr-98.grdp-growth-avg", "ctr-52.grdp-growth-avg"]
    assert "ctr-52.grdp-growth-avg" not in rows
    assert rows["ctr-98.trained-labour-rate"]["plans"] == ["ctr-98", "ctr-52"]
    assert sum(result.counts.values()) == len(result.rows)  # counted once too


def test_targets_still_lists_each_plans_own(demo):
    catalog, _store, _result = demo
    ids = {t.id for t in catalog.targets_for()}
    assert {"ctr-98.grdp-growth-avg", "ctr-52.grdp-growth-avg"} <= ids


def test_stretch_is_on_its_main_row_and_non_goals_are_never_chased(demo):
    _catalog, _store, result = demo
    rows = {r["target"]: r for r in result.rows}
    budget = rows["kb-2025.budget-revenue"]
    assert [(s["target"], s["stretch_status"]) for s in budget["stretches"]] == [
        ("kb-2025.budget-revenue-vs-central-estimate", "on_track")]
    assert "kb-2025.budget-revenue-vs-central-estimate" not in rows
    chased = {m["target"] for m in result.missing}
    for target in ("kb-2025.budget-spending", "kb-2025.housing-support-funding",
                   "kb-2025.housing-support-households-nq-188", "kb-2025.housing-support-households-kh-27"):
        assert rows[target]["status"] == "info" and target not in chased
    assert rows["kb-2025.coal-output"]["owner"] == "Công ty cổ phần Than Na Dương"


def test_agency_and_report_show_the_same_rows_as_gaps(demo):
    catalog, store, result = demo
    payload = agency_view(catalog, store, "Sở Tài chính", year=2025, quarter="Q1",
                          today=date(2025, 4, 20)).to_dict()
    by_gaps = {r["target"]: r["status"] for r in result.rows}
    for item in payload["indicators"]:
        assert by_gaps[item["target"]] == item["status"], item["target"]
    report = build_report({"Q1": result.to_dict()}, "Q1", catalog=catalog)
    assert [line.target for line in report.lines if line.target.startswith("ctr-")].count(
        "ctr-52.grdp-growth-avg") == 0
    assert {line.target: line.status for line in report.lines} == by_gaps
    from lsplan.report.labels import Labels

    words = Labels("vi", report)
    lines = {line.target: line for line in report.lines}
    shared = words.notes(lines["ctr-98.grdp-growth-avg"])
    assert "cùng chỉ tiêu của: KH thực hiện CTr 98, CTr 52-CTr/TU" in shared
    assert "mức phấn đấu: Thu ngân sách" in words.notes(lines["kb-2025.budget-revenue"])


def test_explain_finds_shared_and_stretch_targets(demo):
    catalog, store, _result = demo
    shared = explain(catalog, store, "ctr-52.grdp-growth-avg", year=2025, quarter="Q1")
    assert shared["shown_on"] == "ctr-98.grdp-growth-avg" and "no history" in shared["note"]
    stretch = explain(catalog, store, "kb-2025.budget-revenue-vs-central-estimate", year=2025, quarter="Q1")
    assert stretch["shown_on"] == "kb-2025.budget-revenue" and stretch["stretch_of_row"]["stretch_status"]
    disbursement = explain(catalog, store, "kb-2025.public-investment-disbursement", year=2025, quarter="Q1")
    assert (disbursement["yardstick"], disbursement["benchmark"]) == ("benchmark", 9.53)


def test_show_with_a_quarter_prints_the_reasoning():
    result = runner.invoke(app, ["show", "kb-2025.public-investment-disbursement", "--quarter", "Q1",
                                 "--year", "2025", "--demo"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Cách đánh giá: Quý I năm 2025" in text and "Đúng tiến độ" in text
    assert "Mốc so sánh 9,53" in text and "national average" in text
    as_json = runner.invoke(app, ["show", "ctr-52.poverty-reduction", "-q", "Q1", "-y", "2025", "--demo",
                                  "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    assessment = json.loads(as_json.stdout)["assessment"]
    assert assessment["status"] == "not_assessed" and assessment["quarter"] == "Q1"
