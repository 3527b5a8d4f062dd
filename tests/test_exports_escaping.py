"""What a hostile sheet or file name can put into an export: CSV rows, formulas, XLSX control
characters, bidi overrides in HTML and Markdown."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from lsplan.cli import app
from lsplan.model import Observation
from lsplan.render import Column, render_csv, render_markdown, render_xlsx, show_bidi, xlsx_text
from lsplan.store import Store

runner = CliRunner()
PAYLOAD = "=cmd|' /C calc'!E8"
COLUMNS = [Column("where", "Where"), Column("value", "Value", "right")]


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_a_carriage_return_in_a_name_cannot_start_a_row():
    for sheet in (
        f"Sheet\r{PAYLOAD}",
        f"Sheet\n{PAYLOAD}",
        f"Sheet\r\n{PAYLOAD}",
        f"\r{PAYLOAD}",
        f"\n{PAYLOAD}",
    ):
        text = render_csv([{"where": sheet, "value": 1.5}, {"where": "B", "value": -2}], COLUMNS)
        rows = _rows(text)
        assert len(rows) == 3, (sheet, text)  # header + two rows: the CR/LF stayed inside its cell
        assert rows[1][0].removeprefix("'") == sheet and rows[2] == ["B", "-2"]
        # the field is quoted, so a line break in it is text; records end with CRLF
        assert text.split("\r\n", 1)[1].startswith('"') and text.endswith("\r\nB,-2\r\n")


def test_a_field_that_starts_with_a_line_break_is_neutralised():
    rows = _rows(render_csv([{"where": f"\n{PAYLOAD}", "value": None}], COLUMNS))
    assert rows[1][0] == f"'\n{PAYLOAD}"


_TEXT = st.text(alphabet=st.sampled_from(list("ab=+-@\t\r\n,\";' ") + ["ạ", "\u202e"]), max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_TEXT, _TEXT), max_size=6))
def test_csv_keeps_one_record_per_row_and_no_cell_is_a_formula(pairs):
    rows = [{"where": a, "value": b} for a, b in pairs]
    parsed = _rows(render_csv(rows, COLUMNS))
    assert len(parsed) == len(rows) + 1
    for got, (a, b) in zip(parsed[1:], pairs, strict=True):
        assert [g.removeprefix("'") if g != x else g for g, x in zip(got, (a, b), strict=True)] == [a, b]
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n")) for cell in got)


def test_xlsx_text_shows_control_characters_as_their_pictures():
    assert xlsx_text("a\x01b\x07c\x1f") == "a␁b␇c␟"
    assert xlsx_text("tab\tand\nline") == "tab\tand\nline"  # XLSX holds these
    assert xlsx_text("bad\udce1name") == "bad\ufffdname" and xlsx_text(3.5) == 3.5


def test_render_xlsx_writes_a_sheet_whose_name_and_cells_hold_control_characters(tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "export.xlsx"
    render_xlsx(out, [("Bảng\x07", [{"where": f"so\x01ct.xlsx\r{PAYLOAD}", "value": 2.0}], COLUMNS)])
    sheet = load_workbook(out).worksheets[0]
    assert sheet.title == "Bảng␇"
    # XML reads a bare CR back as LF; the text is one cell either way, never a formula
    assert sheet["A2"].value.replace("\r", "\n") == f"so␁ct.xlsx\n{PAYLOAD}" and sheet["A2"].data_type == "s"


def _store_with_hostile_name(tmp_path: Path) -> Path:
    path = tmp_path / "store.sqlite3"
    with Store(path) as store:
        store.add_submission(
            file_name=f"so\x01ct\u202e.xlsx\r{PAYLOAD}",
            sha256="0" * 64,
            agency="so-cong-thuong",
            year=2025,
            period="Q1",
            observations=[
                Observation("retail-sales", 10000.0, "tỷ đồng", 2025, "Q1", sheet="S\x02", cell="D5")
            ],
        )
    return path


def test_a_control_character_in_a_stored_file_name_does_not_break_any_later_xlsx(tmp_path):
    from openpyxl import load_workbook

    store = _store_with_hostile_name(tmp_path)
    report, export = tmp_path / "report.xlsx", tmp_path / "history.xlsx"
    result = runner.invoke(
        app, ["report", "-q", "Q1", "--year", "2025", "--store", str(store), "-o", str(report)]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        app, ["history", "retail-sales", "--store", str(store), "-f", "xlsx", "-o", str(export)]
    )
    assert result.exit_code == 0, result.output
    texts = [c.value for s in load_workbook(export).worksheets for r in s.iter_rows() for c in r]
    assert any(isinstance(t, str) and "so␁ct" in t for t in texts)
    cells = [c.value for s in load_workbook(report).worksheets for r in s.iter_rows() for c in r]
    assert any(isinstance(t, str) and "so␁ct" in t for t in cells)


def test_bidi_controls_are_shown_not_obeyed_in_html_and_markdown(tmp_path):
    assert show_bidi("abc\u202egpj.exe\u2066x\u2069") == "abc‹U+202E›gpj.exe‹U+2066›x‹U+2069›"
    text = render_markdown([{"where": "a\u202eb", "value": "x|y\r\nz"}], COLUMNS, title="t\u202d")
    assert "\u202e" not in text and "\u202d" not in text and "a‹U+202E›b" in text and "x\\|y z" in text
    store = _store_with_hostile_name(tmp_path)
    page = tmp_path / "report.html"
    result = runner.invoke(
        app, ["report", "-q", "Q1", "--year", "2025", "--store", str(store), "-o", str(page)]
    )
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert not any(chr(c) in html for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
    assert "‹U+202E›" in html


def test_gaps_markdown_and_json_of_the_same_store(tmp_path):
    store = _store_with_hostile_name(tmp_path)
    md = runner.invoke(app, ["history", "retail-sales", "--store", str(store), "-f", "md"])
    assert md.exit_code == 0 and "\u202e" not in md.stdout and "‹U+202E›" in md.stdout
    payload = json.loads(
        runner.invoke(app, ["history", "retail-sales", "--store", str(store), "-f", "json"]).stdout
    )
    assert payload["values"][0]["file"] == f"so\x01ct\u202e.xlsx\r{PAYLOAD}"  # JSON keeps the data as stored
