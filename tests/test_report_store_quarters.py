"""The HTML report's path charts drawn from a real store holding several quarters of one year.

The other report tests feed `gaps`-shaped dictionaries; this one goes through the store, `gaps`
for each quarter and the CLI, so that the path of actuals is what the departments sent.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lsplan.catalog import load_catalog
from lsplan.cli import app
from lsplan.demo import build_demo_store
from lsplan.model import Observation
from lsplan.store import Store

runner = CliRunner()
TOURISM = "so-van-hoa-the-thao-va-du-lich"


def _add(store: Store, quarter: str, tourists: float) -> None:
    store.add_submission(
        file_name=f"vh-{quarter}.xlsx",
        sha256=f"vh-{quarter}",
        agency=TOURISM,
        year=2025,
        period=quarter,
        observations=[
            Observation(
                "tourists", tourists, "triệu lượt", 2025, quarter, agency=TOURISM, sheet="Biểu", cell="E7"
            )
        ],
    )


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("quarters") / "store.sqlite3"
    with Store(path) as store:
        report = build_demo_store(store, load_catalog())  # Q1 2025: tourists 1,92 million (estimate)
        assert report.exit_code == 0
        _add(store, "Q2", 2.6)
        _add(store, "Q3", 3.5)
    return path


def _run(*args: str) -> str:
    done = runner.invoke(app, list(args))
    assert done.exit_code == 0, done.output
    return done.stdout


def test_path_chart_follows_the_stored_quarters(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao-q3.html"
    common = ("--quarter", "Q3", "--year", "2025", "--store", str(store_path))
    _run("report", *common, "-o", str(out), "--as-of", "2025-10-20")
    html = out.read_text(encoding="utf-8")
    charts = dict(
        re.findall(r'<svg class="path-chart"[^>]*data-target="([^"]+)"[^>]*>(.*?)</svg>', html, re.S)
    )
    assert "kb-2025.tourists" in charts, sorted(charts)
    chart = charts["kb-2025.tourists"]
    actuals = re.findall(r'<circle class="actual-point"[^>]*><title>(Q\d): ([^<]+)</title>', chart)
    assert actuals == [("Q1", "1,92"), ("Q2", "2,6"), ("Q3", "3,5")]
    assert chart.count('<polyline class="actual"') == 1 and chart.count('<polyline class="expected"') == 1
    expected = re.findall(r'<circle class="expected-point"[^>]*><title>(Q\d): ([^<]+)</title>', chart)
    assert [q for q, _ in expected] == ["Q1", "Q2", "Q3"]
    # The table's cumulative figure for Q3 is the last point of the path, as `gaps` says.
    payload = json.loads(_run("gaps", *common, "--all", "--format", "json", "--as-of", "2025-10-20"))
    row = next(r for r in payload["rows"] if r["target"] == "kb-2025.tourists")
    assert row["actual"] == 3.5


def test_a_single_quarter_draws_no_path(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao-q1.html"
    _run("report", "--quarter", "Q1", "--year", "2025", "--store", str(store_path), "-o", str(out))
    assert '<svg class="path-chart"' not in out.read_text(encoding="utf-8")
