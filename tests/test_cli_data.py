"""CLI tests for `lsplan data validate`, `plans`, `targets` and `show`: every format, exit codes,
and JSON equal to the library's own result."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from lsplan import catalog as catalog_mod
from lsplan.catalog import load_catalog
from lsplan.cli import app
from lsplan.render import to_json

SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"
runner = CliRunner()


@pytest.fixture(autouse=True)
def _env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LSPLAN_SOURCES", str(SOURCES))
    monkeypatch.setenv("LSPLAN_CACHE_DIR", str(tmp_path_factory.mktemp("memo")))
    monkeypatch.delenv("LSPLAN_DATA", raising=False)
    catalog_mod.clear_cache()


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(sources_dir=SOURCES)


def invoke(*args: str):
    return runner.invoke(app, list(args))


def same_json(cli_text: str, library_value) -> None:
    assert json.loads(cli_text) == json.loads(to_json(library_value))


@pytest.fixture()
def broken(tmp_path: Path) -> Path:
    """The shipped data with one target's low and high swapped (both still in its quote)."""
    folder = tmp_path / "broken"
    folder.mkdir()
    shipped = catalog_mod.default_data_dir()
    (folder / "assignments.yaml").write_text((shipped / "assignments.yaml").read_text(encoding="utf-8"))
    text = (shipped / "targets.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    first = data["targets"][0]
    assert (first["low"], first["high"]) == (8, 9)
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip() == "low: 8")
    assert lines[index + 1].strip() == "high: 9"
    lines[index] = lines[index].replace("low: 8", "low: 9")
    lines[index + 1] = lines[index + 1].replace("high: 9", "high: 8")
    (folder / "targets.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_validate_shipped_data() -> None:
    result = invoke("data", "validate")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("hợp lệ: 3 kế hoạch, ")
    english = invoke("--lang", "en", "data", "validate")
    assert english.stdout.startswith("ok: 3 plans, ")


def test_validate_says_when_quotes_could_not_be_checked(tmp_path: Path) -> None:
    result = invoke("--lang", "en", "data", "validate", "--sources", str(tmp_path / "absent"), "-f", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert [f["code"] for f in report["findings"]] == ["data-sources-missing"]
    assert "quotes were not checked" in report["findings"][0]["message"]
    checked = json.loads(invoke("data", "validate", "-f", "json").stdout)
    assert checked["findings"] == []  # with the sources: nothing to say


def test_validate_broken_data_exits_1_with_file_line(broken: Path) -> None:
    result = invoke("data", "validate", "--data", str(broken))
    assert result.exit_code == 1
    line = next(
        n
        for n, text in enumerate((broken / "targets.yaml").read_text().splitlines(), 1)
        if text.strip() == "low: 9"
    )
    expected = f"lỗi: broken/targets.yaml:{line}: targets[0].low: 9 lớn hơn cận trên 8"
    expected += " [data-range-order]"
    assert expected in result.stdout.splitlines()
    assert "1 lỗi, 0 cảnh báo" in result.stderr


def test_validate_json(broken: Path) -> None:
    result = invoke("data", "validate", "--data", str(broken), "--format", "json")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["ok"] is False and payload["errors"] == 1
    assert payload["findings"][0]["code"] == "data-range-order"
    clean = json.loads(invoke("data", "validate", "--format", "json").stdout)
    assert clean == {"ok": True, "errors": 0, "warnings": 0, "findings": []}


def test_commands_refuse_invalid_data_with_exit_2(broken: Path) -> None:
    result = invoke("targets", "--data", str(broken))
    assert result.exit_code == 2
    assert "targets[0].low: 9 lớn hơn cận trên 8" in result.stderr
    english = invoke("--lang", "en", "targets", "--data", str(broken))
    assert "targets[0].low: 9 is greater than high 8" in english.stderr
    assert "Traceback" not in result.output


def test_plans_json_and_table(catalog) -> None:
    result = invoke("plans", "--format", "json")
    assert result.exit_code == 0
    same_json(result.stdout, catalog.plan_records())
    assert [p["id"] for p in json.loads(result.stdout)] == ["kb-2025", "ctr-98", "ctr-52"]
    table = invoke("plans")
    assert table.exit_code == 0 and "kb-2025" in table.stdout and "ctr-52" in table.stdout


def test_targets_json_equals_library(catalog) -> None:
    result = invoke("targets", "--format", "json")
    assert result.exit_code == 0
    same_json(result.stdout, [catalog.target_record(t) for t in catalog.targets.values()])
    rows = json.loads(result.stdout)
    required = {
        "id",
        "plan",
        "plan_title",
        "indicator",
        "indicator_name",
        "unit",
        "kind",
        "low",
        "high",
        "stretch",
        "period",
        "lead",
        "support",
        "source",
    }
    assert all(required <= set(row) for row in rows)
    grdp = next(r for r in rows if r["id"] == "kb-2025.grdp-growth")
    assert (grdp["low"], grdp["high"], grdp["unit"], grdp["lead"]) == (8, 9, "%", ["Sở Tài chính"])
    assert grdp["stretch"]["low"] == 10
    assert set(grdp["source"]) == {"document", "section", "quote"}


def test_targets_filtered_by_plan_and_old_agency_name(catalog) -> None:
    result = invoke("targets", "--plan", "kb-2025", "--agency", "Sở KH&ĐT", "--format", "json")
    assert result.exit_code == 0
    assert "Sở Kế hoạch và Đầu tư đã hợp nhất vào Sở Tài chính (2025)" in result.stderr
    expected = catalog.targets_for(plan="kb-2025", agency="so-tai-chinh")
    same_json(result.stdout, [catalog.target_record(t) for t in expected])
    ids = [r["id"] for r in json.loads(result.stdout)]
    assert "kb-2025.budget-revenue" in ids and "kb-2025.tourists" not in ids


def test_targets_csv(catalog) -> None:
    result = invoke("targets", "--plan", "kb-2025", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(catalog.targets_for(plan="kb-2025"))
    retail = next(r for r in rows if r["id"] == "kb-2025.retail-sales")
    assert retail["lead"] == "Sở Công Thương" and retail["source_section"] == "IV.5"
    assert "43.167" in retail["source_quote"]
    assert not any(v.startswith(("=", "+", "@")) for r in rows for v in r.values())


def test_targets_table_and_errors() -> None:
    result = invoke("targets", "--agency", "so cong thuong")
    assert result.exit_code == 0 and "kb-2025.retail-sales" in result.stdout.replace("\n", "")
    unknown = invoke("targets", "--agency", "Bộ Quốc phòng Hoa Kỳ")
    assert unknown.exit_code == 1 and "không có cơ quan nào khớp với" in unknown.stderr
    bad_plan = invoke("targets", "--plan", "kb-2099")
    assert bad_plan.exit_code == 1 and "không có kế hoạch 'kb-2099'" in bad_plan.stderr


def test_show_table_and_json(catalog) -> None:
    result = invoke("show", "kb-2025.grdp-growth")
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())
    assert "Tốc độ tăng trưởng kinh tế (GRDP) 8 - 9%" in flat
    assert "Sở Tài chính" in flat and "II.1" in flat
    as_json = invoke("show", "kb-2025.grdp-growth", "--format", "json")
    assert as_json.exit_code == 0
    same_json(as_json.stdout, catalog.show_record(catalog.targets["kb-2025.grdp-growth"]))


def test_show_unknown_target_suggests_close_ids() -> None:
    result = invoke("show", "grdp-growth")
    assert result.exit_code == 1
    assert "có phải: kb-2025.grdp-growth" in result.stderr


def test_targets_xlsx_needs_output_and_writes_rows(catalog, tmp_path: Path) -> None:
    refused = invoke("targets", "--format", "xlsx")
    assert refused.exit_code == 2 and "--output" in refused.stderr
    out = tmp_path / "targets.xlsx"
    result = invoke("targets", "--plan", "ctr-52", "--format", "xlsx", "--output", str(out))
    assert result.exit_code == 0, result.output
    from openpyxl import load_workbook

    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Mã mục tiêu"  # headers in the process language (Vietnamese by default)
    assert [r[0] for r in rows[1:]] == [t.id for t in catalog.targets_for(plan="ctr-52")]


def test_markdown_formats() -> None:
    plans = invoke("plans", "--format", "md")
    assert plans.exit_code == 0 and "| kb-2025 |" in plans.stdout
    show = invoke("show", "kb-2025.tourists", "--format", "md")
    assert show.exit_code == 0 and "| statement |" in show.stdout
