"""`lsplan report` end to end on the shipped Q1 2025 examples: every number equals `lsplan gaps --all`."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_report_support import Dom, dump_dom
from typer.testing import CliRunner

from lsplan.catalog import load_catalog
from lsplan.cli import app
from lsplan.demo import build_demo_store
from lsplan.numfmt import format_number, format_percent
from lsplan.report.xlsx import HEADER_ROW, ID_COLUMN
from lsplan.store import Store

runner = CliRunner()


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "store.sqlite3"
    with Store(path) as store:
        build_demo_store(store, load_catalog())
    return path


@pytest.fixture(scope="module")
def gaps_json(store_path: Path) -> dict:
    done = runner.invoke(
        app,
        [
            "gaps",
            "--quarter",
            "Q1",
            "--year",
            "2025",
            "--all",
            "--format",
            "json",
            "--store",
            str(store_path),
        ],
    )
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def html_page(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Dom]:
    """The Vietnamese HTML report rendered once by Chromium: (DOM text, parsed DOM)."""
    folder = tmp_path_factory.mktemp("html")
    path = folder / "bao-cao.html"
    _report(store_path, path)
    text = dump_dom(path, folder)
    return text, Dom(text)


def _report(store_path: Path, output: Path, *extra: str) -> None:
    done = runner.invoke(
        app,
        [
            "report",
            "--quarter",
            "Q1",
            "--year",
            "2025",
            "-o",
            str(output),
            "--store",
            str(store_path),
            *extra,
        ],
    )
    assert done.exit_code == 0, done.output
    assert output.exists()


def test_xlsx_numbers_equal_gaps_json(store_path: Path, gaps_json: dict, tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.xlsx"
    _report(store_path, path)
    sheet = load_workbook(path)["Báo cáo"]
    rows = {
        row[ID_COLUMN - 1].value: row
        for row in sheet.iter_rows(min_row=HEADER_ROW + 1)
        if row[ID_COLUMN - 1].value
    }
    assert len(gaps_json["rows"]) > 20
    assert set(rows) == {r["target"] for r in gaps_json["rows"]}
    for expected in gaps_json["rows"]:
        row = rows[expected["target"]]
        # Excel keeps 15 significant digits: 2570.7499999999995 is stored as 2570.75.
        for col, key in ((4, "expected"), (5, "actual"), (6, "attainment")):
            if expected[key] is None:
                assert row[col].value is None, (expected["target"], key)
            else:
                assert row[col].value == pytest.approx(expected[key], rel=1e-14), (expected["target"], key)
        # A qualitative indicator has no unit: openpyxl stores "" as an empty cell (None).
        assert (row[2].value or "") == expected["unit"]
    summary = load_workbook(path)["Tổng hợp"]
    counts = Counter(r["status"] for r in gaps_json["rows"])
    table = {summary.cell(row=r, column=1).value: summary.cell(row=r, column=2).value for r in range(5, 15)}
    assert table["Đạt"] == counts["achieved"] and table["Vượt"] == counts["exceeded"]
    assert table["Chưa có số liệu"] == counts["no_data"] and table["Thông tin"] == counts["info"]


def test_html_numbers_equal_gaps_json(html_page: tuple[str, Dom], gaps_json: dict) -> None:
    _text, dom = html_page
    assert set(dom.rows) == {r["target"] for r in gaps_json["rows"]}
    for row in gaps_json["rows"]:
        cells = dom.rows[row["target"]]
        for key in ("expected", "actual"):
            shown = cells[key]["text"].split("(")[0].strip()
            if row[key] is None:
                assert shown == "—"
            else:
                assert float(cells[key]["value"]) == row[key]
                assert shown == format_number(row[key], "vi")
        if row["attainment"] is not None:
            assert float(cells["attainment"]["value"]) == row["attainment"]
            assert cells["attainment"]["text"] == format_percent(row["attainment"], "vi")


def test_real_q1_figures_appear_as_published(html_page: tuple[str, Dom], gaps_json: dict) -> None:
    _text, dom = html_page
    actuals = {r["indicator"]: r["actual"] for r in gaps_json["rows"] if r["actual"] is not None}
    assert 8.27 in actuals.values()  # GRDP growth, Q1 2025, as the statistics office published it
    shown = {cells["actual"]["text"] for cells in dom.rows.values()}
    assert "8,27 (ước)" in shown
    assert "10.783,1 (ước)" in shown  # retail sales, tỷ đồng


def test_missing_submissions_said_prominently(
    store_path: Path, html_page: tuple[str, Dom], gaps_json: dict, tmp_path: Path
) -> None:
    assert gaps_json["missing"], "the Q1 examples do not cover every target"
    text, dom = html_page
    assert dom.ids.index("missing") < dom.ids.index("details")
    count = len(gaps_json["missing"])
    overdue = sum(m["overdue"] for m in gaps_json["missing"])
    assert f"Có {count} chỉ tiêu chưa có số liệu kỳ này; {overdue} chỉ tiêu đã quá hạn báo cáo." in text
    for item in gaps_json["missing"]:
        assert f'data-target="{item["target"]}" data-overdue="{str(item["overdue"]).lower()}"' in text
    xlsx = tmp_path / "bao-cao.xlsx"
    _report(store_path, xlsx)
    book = load_workbook(xlsx)
    assert book["Báo cáo"]["A5"].value.startswith(f"Có {count} chỉ tiêu chưa có số liệu")
    listed = [
        (row[0].value, row[1].value) for row in book["Chưa nộp báo cáo"].iter_rows(min_row=4) if row[0].value
    ]
    assert listed == [(m["indicator_name"], ", ".join(m["chase"] or m["lead"])) for m in gaps_json["missing"]]


def test_english_by_option_and_by_environment(store_path: Path, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "report.xlsx"
    _report(store_path, path, "--lang", "en")
    assert load_workbook(path)["Report"]["B6"].value == "Indicator"
    monkeypatch.setenv("LSPLAN_LANG", "en")
    html = tmp_path / "report.html"
    _report(store_path, html)
    assert '<html lang="en">' in html.read_text(encoding="utf-8")


def test_plan_filter(store_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "kb.xlsx"
    _report(store_path, path, "--plan", "kb-2025")
    ids = [c.value for c in load_workbook(path)["Báo cáo"][chr(64 + ID_COLUMN)][HEADER_ROW:] if c.value]
    assert ids and all(i.startswith("kb-2025.") for i in ids)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--quarter", "Q5", "-o", "r.html"], "not a quarter"),
        (["--quarter", "Q1", "-o", "r.pdf"], ".xlsx or .html"),
        (["--quarter", "Q1", "-o", "r.html", "--lang", "fr"], "unknown language"),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(
    store_path: Path, tmp_path: Path, monkeypatch, args, message
) -> None:
    monkeypatch.chdir(tmp_path)
    done = runner.invoke(app, ["--lang", "en", "report", "--year", "2025", "--store", str(store_path), *args])
    assert done.exit_code == 2
    assert message in done.output
    assert not (tmp_path / "r.html").exists() and not (tmp_path / "r.pdf").exists()


def test_unknown_plan_exits_1_and_writes_nothing(store_path: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    args = ["--lang", "en", "report", "--year", "2025", "--store", str(store_path), "--quarter", "Q1",
            "-o", "r.html", "--plan", "no-such-plan"]
    done = runner.invoke(app, args)
    assert done.exit_code == 1 and "unknown plan" in done.output
    assert not (tmp_path / "r.html").exists()
    gaps = runner.invoke(app, ["gaps", "-q", "Q1", "--year", "2025", "--store", str(store_path),
                               "--plan", "no-such-plan"])
    assert gaps.exit_code == 1
