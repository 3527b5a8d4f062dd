"""CLI: ingest, history, gaps and agency in every format; JSON equals the library; no formula injection."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from openpyxl import load_workbook
from test_gaps import seed
from test_gaps_fakes import FakeCatalog, fake_assess
from test_store_fakes import fake_check, write_submission
from typer.testing import CliRunner

import lsplan.gaps
import lsplan.ingest
from lsplan.cli import app, store_common
from lsplan.gaps import agency_view, gaps
from lsplan.store import Store

runner = CliRunner()


@pytest.fixture
def env(tmp_path, monkeypatch):
    catalog = FakeCatalog()
    monkeypatch.setattr(store_common, "catalog_or_exit", lambda data: catalog)
    monkeypatch.setattr(lsplan.gaps, "_default_assess", lambda: fake_assess)
    monkeypatch.setattr(lsplan.ingest, "_default_checker", lambda: fake_check)
    path = tmp_path / "store.sqlite3"
    monkeypatch.setenv("LSPLAN_STORE", str(path))
    with Store(path) as store:
        seed(store)
    return catalog, path


def invoke(*args):
    return runner.invoke(app, list(args))


def test_gaps_json_equals_library(env):
    catalog, path = env
    result = invoke("gaps", "--quarter", "Q1", "--year", "2025", "--format", "json")
    assert result.exit_code == 0, result.output
    with Store(path) as store:
        expected = gaps(catalog, store, year=2025, quarter="Q1", assess=fake_assess).to_dict()
    assert json.loads(result.stdout) == json.loads(json.dumps(expected))
    assert [r["target"] for r in expected["rows"]] == ["ctr-98.retail", "kb-2025.retail", "kb-2025.budget"]


def test_gaps_table_shows_vietnamese_headers_and_missing(env):
    result = invoke("gaps", "-q", "1", "--year", "2025", "--wide")  # the data source with --wide
    assert result.exit_code == 0, result.output
    for text in (
        "Chỉ tiêu",
        "Kế hoạch",
        "Dự kiến đến quý",
        "Thực hiện",
        "Đạt (%)",
        "Chênh lệch",
        "Cơ quan chủ trì",
        "Nguồn số liệu",
        "Chậm tiến độ",
        "sct-q1.xlsx Báo cáo!E7",
        "12.500",
        "Chưa có số liệu (1)",
        "Thống kê tỉnh Lạng Sơn",
    ):
        assert text in result.stdout, text
    assert result.stdout.index("ctr-98") < result.stdout.index("Có nguy cơ chậm")


def test_gaps_md_and_all(env):
    result = invoke("gaps", "--quarter", "Q1", "--year", "2025", "--format", "md", "--all")
    assert result.exit_code == 0
    assert (
        result.stdout.count("\n| ") >= 8
        and "Đúng tiến độ" in result.stdout
        and "### Chưa có số liệu" in result.stdout
    )


def test_gaps_csv_is_neutralised_and_includes_missing(env, tmp_path):
    out = tmp_path / "gaps.csv"
    result = invoke("gaps", "--quarter", "Q1", "--year", "2025", "--format", "csv", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel then reads the file as UTF-8
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert list(rows[0])[0] == "indicator_name"
    budget = next(r for r in rows if r["target"] == "kb-2025.budget")
    assert budget["indicator_name"] == '\'=HYPERLINK("http://x")'
    assert budget["statement"] == "'-2+3 @sum"
    assert budget["gap"].startswith("-")  # a negative number is data, left alone
    assert [r["status"] for r in rows][-1] == "missing" and rows[-1]["overdue"] in ("True", "False")


def test_gaps_xlsx_is_neutralised(env, tmp_path):
    out = tmp_path / "gaps.xlsx"
    result = invoke("gaps", "--quarter", "Q1", "--year", "2025", "--format", "xlsx", "--output", str(out))
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    sheet = book.worksheets[0]
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert '\'=HYPERLINK("http://x")' in values and "'-2+3 @sum" in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)
    assert len(book.worksheets) == 2 and book.worksheets[1].cell(2, 1).value == "Tăng trưởng GRDP"
    assert invoke("gaps", "--quarter", "Q1", "--format", "xlsx").exit_code == 2  # needs --output


def test_gaps_usage_errors(env):
    assert invoke("gaps", "--quarter", "Q5").exit_code == 2
    unknown_plan = invoke("gaps", "--quarter", "Q1", "--plan", "kb-2099")
    assert unknown_plan.exit_code == 1 and "kb-2025" in unknown_plan.stderr  # a name not found
    result = invoke("gaps", "--quarter", "Q1", "--year", "2025", "--agency", "Sở Vũ trụ")
    assert result.exit_code == 1 and "did you mean" in result.stderr


def test_agency_json_table_and_unknown(env):
    catalog, path = env
    result = invoke("agency", "SCT", "--year", "2025", "--quarter", "Q1", "--format", "json")
    assert result.exit_code == 0, result.output
    with Store(path) as store:
        expected = agency_view(catalog, store, "SCT", year=2025, quarter="Q1", assess=fake_assess).to_dict()
    payload = json.loads(result.stdout)
    assert payload == json.loads(json.dumps(expected))
    assert payload["agency"]["name"] == "Sở Công Thương"
    table = invoke("agency", "Sở Kế hoạch và Đầu tư", "--year", "2025", "--quarter", "Q1")
    assert table.exit_code == 0 and "Sở Tài chính" in table.stdout and "merged" in table.stderr
    assert "Chưa có số liệu (1)" in table.stdout
    unknown = invoke("agency", "Sở Vũ trụ", "--format", "json")
    assert unknown.exit_code == 1 and "Có phải: " in unknown.stderr
    assert json.loads(unknown.stdout)["error"] == "agency-ambiguous"


def test_ingest_and_history_cli(env, tmp_path):
    good = write_submission(
        tmp_path, "vh-q2.json", "so-vhttdl", 2025, "Q2", [{"indicator": "tourists", "value": 4.1}]
    )
    bad = write_submission(
        tmp_path,
        "bad.json",
        "so-vhttdl",
        2025,
        "Q2",
        [{"indicator": "tourists", "value": 1}],
        errors=("not-a-number",),
    )
    dry = invoke("ingest", str(good), "--dry-run", "--format", "json")
    assert dry.exit_code == 0 and json.loads(dry.stdout)["files"][0]["status"] == "would-add"
    mixed = invoke("ingest", str(good), str(bad), "--format", "json")
    assert mixed.exit_code == 1
    assert [f["status"] for f in json.loads(mixed.stdout)["files"]] == ["added", "refused"]
    again = invoke("ingest", str(good))
    assert again.exit_code == 0 and "Đã có, không đổi" in again.stdout
    history = invoke("history", "tourists", "--format", "json")
    assert history.exit_code == 0
    values = json.loads(history.stdout)["values"]
    assert [(v["period"], v["value"], v["file"]) for v in values] == [
        ("Q1", 1.92, "vh-q1.xlsx"),
        ("Q2", 4.1, "vh-q2.json"),
    ]
    table = invoke("history", "Khách du lịch")
    assert table.exit_code == 0 and "vh-q2.json" in table.stdout and "4,1" in table.stdout
    assert invoke("history", "nothing-like-this").exit_code == 1


def test_today_is_used_for_overdue(env):
    payload = json.loads(invoke("gaps", "--quarter", "Q1", "--year", "2025", "--format", "json").stdout)
    assert payload["as_of"] == date.today().isoformat()
    assert payload["missing"][0]["overdue"] is True  # 5 April 2025 is long past


def test_missing_explicit_store_is_a_usage_error(env, tmp_path):
    result = invoke("gaps", "--quarter", "Q1", "--store", str(tmp_path / "typo.sqlite3"))
    assert result.exit_code == 2 and "không có kho dữ liệu tại" in result.stderr
    assert not (tmp_path / "typo.sqlite3").exists()


def test_unusable_store_is_exit_2(env, tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 50)
    result = invoke("gaps", "--quarter", "Q1", "--store", str(junk))
    assert result.exit_code == 2 and "not a usable lsplan store" in result.stderr
    assert "Traceback" not in result.output
