"""`indicator-unknown`: an lsplan form whose indicator-id cell names no indicator of the catalogue."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from workbooks import FakeCatalog, fill_form

from lsplan.checks import check_file
from lsplan.template import write_template


def test_form_row_with_an_id_not_in_the_catalogue_is_an_error_at_its_cell(tmp_path: Path) -> None:
    path = write_template(tmp_path / "form.xlsx", FakeCatalog(), "Sở Công Thương", 2025, "Q2").path
    fill_form(path, {"coal-output": 240000, "retail-sales": 21583.5})
    book = load_workbook(path)
    sheet = book["Báo cáo"]
    assert sheet["B12"].value == "coal-output"
    sheet["B12"].value = "no-such-indicator"  # typed over by the sender (the sheet is protected, not locked)
    book.save(path)
    result = check_file(path, FakeCatalog())
    unknown = [f for f in result.findings if f.code == "indicator-unknown"]
    assert len(unknown) == 1 and unknown[0].severity == "error"
    assert unknown[0].sheet == "Báo cáo" and unknown[0].cell is not None and unknown[0].cell.endswith("12")
    assert result.status == "invalid"
    assert "coal-output" not in {o.indicator for o in result.observations}
