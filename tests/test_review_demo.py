"""The quarterly review on the shipped Q1 2025 figures, read as the officer who presents it would:
every status makes sense (docs/attainment.md), plan figures are in the column's unit, the report
and gaps reproduce with --as-of, and exported workbooks keep numbers as numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from lsplan.catalog import load_catalog
from lsplan.cli import app
from lsplan.demo import build_demo_store
from lsplan.render import Column, render_xlsx, sheet_title
from lsplan.report.labels import date_text
from lsplan.report.model import annual_bounds
from lsplan.store import Store

runner = CliRunner()


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory, catalog) -> Path:
    path = tmp_path_factory.mktemp("review") / "store.sqlite3"
    with Store(path) as store:
        build_demo_store(store, catalog)
    return path


def run(store_path: Path, *args: str):
    result = runner.invoke(app, [*args, "--store", str(store_path)])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def rows(store_path: Path) -> dict[str, dict]:
    args = ("gaps", "-q", "Q1", "--year", "2025", "--all", "-f", "json", "--as-of", "2025-04-20")
    done = run(store_path, *args)
    payload = json.loads(done.stdout)
    assert payload["as_of"] == "2025-04-20"
    return {row["target"]: row for row in payload["rows"]}


def test_q1_2025_statuses_read_as_the_plan_means(rows: dict[str, dict]) -> None:
    def status(target: str) -> tuple:
        row = rows[target]
        return row["status"], row["indicative"]

    assert status("kb-2025.grdp-growth") == ("on_track", False)  # 8,27 % against 8 - 9 %
    assert rows["kb-2025.grdp-growth"]["actual"] == pytest.approx(8.27)
    budget = rows["kb-2025.budget-revenue"]  # 2.666 against 9.937,8 x 0,25
    assert budget["expected"] == pytest.approx(9937.8 * 0.25) and budget["status"] == "on_track"
    # the stretch "cao hơn khoảng 13%" of the central estimate 9.100 is on the budget row
    assert "kb-2025.budget-revenue-vs-central-estimate" not in rows
    assert [(s["target"], s["stretch_status"]) for s in budget["stretches"]] == [
        ("kb-2025.budget-revenue-vs-central-estimate", "on_track")]
    tourists = rows["kb-2025.tourists"]  # 1,92 million against 4,4 x 0,25
    assert tourists["expected"] == pytest.approx(1.1) and tourists["status"] == "on_track"
    assert rows["kb-2025.industrial-products-on-plan"]["actual"] == 13
    assert rows["kb-2025.industrial-products-on-plan"]["status"] in ("on_track", "achieved")
    shares = [t for t in rows if t.startswith("kb-2025.") and "share" in t]
    assert shares, "the structure shares are in the result"
    for target in shares:  # judged at year end: indicative, never lagging
        assert rows[target]["indicative"] is True, target
        assert rows[target]["status"] not in ("at_risk", "off_track"), target


def test_gaps_table_marks_indicative_rows_and_bands(store_path: Path) -> None:
    table = run(store_path, "gaps", "-q", "Q1", "--year", "2025", "--all", "--as-of", "2025-04-20")
    text = " ".join(table.stdout.split())
    assert "(tham khảo)" in text
    assert "24 - 25" in text  # the band expected for the industry share, not "24"
    assert "Q1 2025" not in text and "kb-2025" not in text


def test_annual_plan_figure_is_in_the_indicators_unit(catalog) -> None:
    def bounds(target_id: str) -> tuple:
        target = catalog.targets[target_id]
        return annual_bounds(target, catalog.indicators[target.indicator])

    assert bounds("kb-2025.budget-revenue-vs-central-estimate") == (pytest.approx(10283.0), None)
    assert bounds("kb-2025.investment-total") == (pytest.approx(47000.0), pytest.approx(48000.0))
    assert bounds("kb-2025.tourists") == (4.4, None)


def test_report_states_dates_the_vietnamese_way_and_reproduces(store_path: Path, tmp_path: Path) -> None:
    assert date_text("2026-11-22 15:24", "vi") == "22/11/2026 15:24"
    assert date_text("2025-04-05", "vi") == "05/04/2025"
    assert date_text("2025-04-05", "en") == "2025-04-05" and date_text("", "vi") == ""
    early, late = tmp_path / "early.xlsx", tmp_path / "late.xlsx"
    for path, day in ((early, "2025-03-01"), (late, "2025-05-01")):
        run(store_path, "report", "-q", "Q1", "--year", "2025", "-o", str(path), "--as-of", day)

    def cells(path: Path) -> str:
        book = load_workbook(path)
        values = (c.value for ws in book.worksheets for row in ws.iter_rows() for c in row)
        return " ".join(str(v) for v in values if v)

    assert "9.937,8" in cells(late)  # the budget target (its stretch is on its row, not a line)
    assert "Quá hạn" in cells(late) and "Quá hạn" not in cells(early)


def test_gaps_xlsx_and_csv_keep_numbers(store_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "gaps.xlsx"
    run(store_path, "gaps", "-q", "Q1", "--year", "2025", "--all", "-f", "xlsx", "-o", str(path))
    book = load_workbook(path)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    expected = [row[header.index("Dự kiến đến quý")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert any(isinstance(v, (int, float)) for v in expected)
    assert "/" not in sheet.title and len(sheet.title) <= 31
    csv_text = run(store_path, "gaps", "-q", "Q1", "--year", "2025", "-f", "csv").stdout
    assert csv_text.splitlines()[0].split(",")[:4] == ["indicator_name", "plan_label", "plan", "statement"]


def test_sheet_titles_excel_forbids_are_sanitised(tmp_path: Path) -> None:
    assert sheet_title("Thu/chi [quý I]: 6*7?") == "Thu-chi -quý I-- 6-7-"
    used: set[str] = set()
    assert [sheet_title(n, used) for n in ("'", "Sheet", "a" * 40, "A" * 40)] == [
        "Sheet",
        "Sheet (2)",
        "a" * 31,
        "A" * 27 + " (2)",
    ]
    path = tmp_path / "t.xlsx"
    sheets = [("Kỳ: Q1/2025 [ước]?", [{"x": 1}], [Column("x", "x")]), ("Kỳ- Q1-2025 -ước--", [], [])]
    render_xlsx(path, sheets)
    titles = load_workbook(path).sheetnames
    assert titles == ["Kỳ- Q1-2025 -ước--", "Kỳ- Q1-2025 -ước-- (2)"]
