"""The workbooks lsplan writes open in a real spreadsheet program: LibreOffice Calc converts an
XLSX report and a gaps XLSX export to CSV and PDF, and reads a hostile lsplan CSV back as the rows
it holds. Skipped (with the reason) where `soffice` is absent; .ci/run installs it."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lsplan.cli import app
from lsplan.render import Column, render_csv

runner = CliRunner()
EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "lsplan" / "examples_data").glob("*/*.xlsx"))
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
UTF8_CSV = "csv:Text - txt - csv (StarCalc):44,34,76"  # comma, double quote, UTF-8


def _convert(tmp: Path, to: str, *files: Path, infilter: str | None = None) -> Path:
    out = tmp / "converted"
    command = [str(SOFFICE), "--headless", f"-env:UserInstallation=file://{tmp / 'profile'}"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", to, "--outdir", str(out), *map(str, files)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lo")
    store = tmp / "store.sqlite3"
    assert runner.invoke(app, ["ingest", *map(str, EXAMPLES), "--store", str(store)]).exit_code == 0
    period = ["-q", "Q1", "--year", "2025", "--store", str(store)]
    assert runner.invoke(app, ["report", *period, "-o", str(tmp / "report.xlsx")]).exit_code == 0
    made = runner.invoke(app, ["gaps", *period, "--all", "-f", "xlsx", "-o", str(tmp / "gaps.xlsx")])
    assert made.exit_code in (0, 1), made.output  # 1: some targets lag
    rows = json.loads(runner.invoke(app, ["gaps", *period, "--all", "-f", "json"]).stdout)["rows"]
    return tmp, rows


def test_report_and_gaps_workbooks_convert_to_csv_with_their_text(outputs):
    tmp, rows = outputs
    out = _convert(tmp, UTF8_CSV, tmp / "report.xlsx", tmp / "gaps.xlsx")
    report = (out / "report.csv").read_text(encoding="utf-8")
    gaps = list(csv.reader((out / "gaps.csv").open(encoding="utf-8", newline="")))
    assert "UBND TỈNH LẠNG SƠN" in report
    with_figures = [r for r in rows if r.get("actual") is not None]
    assert with_figures
    for row in with_figures:  # every target with a figure, in both, with the file it came from
        assert row["target"] in report
        where = f"{row['source']['file']} {row['source']['sheet']}!{row['source']['cell']}"
        assert any(cells[0] == row["indicator_name"] and where in cells for cells in gaps), where
        assert row["source"]["file"] in report


def test_the_report_converts_to_a_pdf_that_holds_its_title(outputs):
    tmp, _rows = outputs
    out = _convert(tmp, "pdf", tmp / "report.xlsx")
    pdf = out / "report.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is absent: the PDF's text cannot be read")
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "LẠNG SƠN" in text


def test_a_hostile_csv_opens_as_the_rows_it_holds_without_a_formula(tmp_path):
    from openpyxl import load_workbook

    payload = "=cmd|' /C calc'!E8"
    names = [f"Quý I\r{payload}", f"\n{payload}", "+1+1", "so-ct.xlsx"]
    columns = [Column("where", "Where"), Column("value", "Value", "right")]
    text = render_csv([{"where": n, "value": i} for i, n in enumerate(names)], columns)
    source = tmp_path / "export.csv"
    source.write_text("\ufeff" + text, encoding="utf-8", newline="")
    out = _convert(tmp_path, "xlsx", source, infilter="CSV:44,34,76,1")
    sheet = load_workbook(out / "export.xlsx").worksheets[0]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert len(values) == len(names) + 1  # the header and one row per record: no row was started
    for cells, name in zip(values[1:], names, strict=True):
        shown = str(cells[0]).replace("\r\n", "\n").replace("\r", "\n")
        assert shown.lstrip("'") == name.replace("\r", "\n")
    formulas = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
