"""`lsplan check` and `lsplan template` through the CLI: exit codes, JSON against the schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner
from workbooks import FakeCatalog, fill_form, save_report

from lsplan.checks import check_file
from lsplan.cli import app
from lsplan.findings import title

runner = CliRunner()
SCHEMA = json.loads(
    (Path(__file__).resolve().parent.parent / "schemas" / "check-result.schema.json").read_text()
)


@pytest.fixture(autouse=True)
def fake_catalog(monkeypatch: pytest.MonkeyPatch) -> FakeCatalog:
    catalog = FakeCatalog()
    monkeypatch.setattr("lsplan.cli.check_run.catalog_or_exit", lambda data: catalog)
    return catalog


def check(*args: str):
    return runner.invoke(app, ["check", *args])


def test_valid_report_exits_0_and_json_matches_schema_and_library(tmp_path: Path) -> None:
    path = save_report(tmp_path / "r.xlsx")
    result = check(str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    jsonschema.validate(payload, SCHEMA)
    assert payload == {"files": [check_file(path, FakeCatalog()).to_dict()]}
    assert payload["files"][0]["period"] == "Q2" and len(payload["files"][0]["observations"]) == 3


def test_invalid_file_exits_1_and_unreadable_exits_2(tmp_path: Path) -> None:
    bad = save_report(tmp_path / "bad.xlsx", rows=((1, "Sản lượng than", "tấn", None, "abc"),))
    result = check(str(bad), "--format", "json")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    jsonschema.validate(payload, SCHEMA)
    assert payload["files"][0]["status"] == "invalid"
    assert payload["files"][0]["findings"][0]["code"] == "not-a-number"
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    result = check(str(bad), str(broken), "--format", "json")
    assert result.exit_code == 2
    payload = json.loads(result.stdout)
    jsonschema.validate(payload, SCHEMA)
    assert [f["status"] for f in payload["files"]] == ["invalid", "unreadable"]


def test_globs_are_expanded_and_summary_goes_to_stderr(tmp_path: Path) -> None:
    for name in ("a.xlsx", "b.xlsx", "c.xlsx"):
        save_report(tmp_path / name)
    result = check(str(tmp_path / "*.xlsx"), "--format", "json")
    assert result.exit_code == 0
    assert [Path(f["path"]).name for f in json.loads(result.stdout)["files"]] == [
        "a.xlsx",
        "b.xlsx",
        "c.xlsx",
    ]
    assert "3 tệp: 3 hợp lệ, 0 không hợp lệ, 0 không đọc được; 0 lỗi, 0 cảnh báo" in result.stderr
    english = runner.invoke(app, ["--lang", "en", "check", str(tmp_path / "*.xlsx"), "--format", "json"])
    assert "3 file(s): 3 ok, 0 invalid, 0 unreadable; 0 error(s), 0 warning(s)" in english.stderr
    assert json.loads(english.stdout) == json.loads(result.stdout)  # JSON does not change with the language
    nothing = check(str(tmp_path / "*.csv"))
    assert nothing.exit_code == 2 and "không có tệp nào khớp với" in nothing.stderr


def test_table_output_and_options(tmp_path: Path) -> None:
    path = save_report(tmp_path / "r.xlsx", title=("BÁO CÁO",), rows=((1, "Sản lượng than", "tấn", None, 5),))
    result = check(str(path), "--agency", "SCT", "--year", "2025", "--quarter", "II")
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())  # names wrap across lines in a narrow table
    assert "Sản lượng than" in out and "Biểu 01!E4" in out and "r.xlsx" in out
    assert "coal-output" not in out  # the id stays in JSON and CSV; tables show the name
    assert "6 tháng đầu năm 2025" in out and "Sở Công Thương" in out  # the period in words
    missing = check(str(path))
    # tables say what kind of problem in words; the code stays in JSON and CSV
    assert missing.exit_code == 1 and title("agency-missing") in " ".join(missing.stdout.split())
    assert "agency-missing" in check(str(path), "--format", "csv").stdout


@pytest.mark.parametrize("args", [["--quarter", "Q5"], ["--format", "xlsx"], ["--format", "yaml"]])
def test_misuse_exits_2(tmp_path: Path, args: list[str]) -> None:
    path = save_report(tmp_path / "r.xlsx")
    assert check(str(path), *args).exit_code == 2


def test_template_then_check(tmp_path: Path) -> None:
    form = tmp_path / "form.xlsx"
    made = runner.invoke(
        app, ["template", "--agency", "Sở Công Thương", "--year", "2025", "--quarter", "Q2", "-o", str(form)]
    )
    assert made.exit_code == 0, made.output
    fill_form(form, {"coal-output": 250000})
    result = check(str(form), "--format", "json")
    assert result.exit_code == 0
    observations = json.loads(result.stdout)["files"][0]["observations"]
    assert [(o["indicator"], o["value"], o["cell"]) for o in observations] == [("coal-output", 250000, "G12")]


def test_template_misuse(tmp_path: Path) -> None:
    form = tmp_path / "form.xlsx"
    assert runner.invoke(app, ["template", "--agency", "SCT", "-o", str(form)]).exit_code == 2
    unknown = runner.invoke(
        app, ["template", "--agency", "Sở Mặt Trăng", "--year", "2025", "--quarter", "Q2", "-o", str(form)]
    )
    assert unknown.exit_code == 2 and "Sở Mặt Trăng" in unknown.stderr and not form.exists()


def test_check_does_not_import_pandas(tmp_path: Path) -> None:
    path = save_report(tmp_path / "r.xlsx")
    code = (
        "import sys; from lsplan.cli import app\n"
        "from lsplan.checks import check_file\n"
        "sys.path.insert(0, 'tests'); from workbooks import FakeCatalog\n"
        f"check_file({str(path)!r}, FakeCatalog())\n"
        "assert 'pandas' not in sys.modules, 'pandas imported'\n"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_hostile_corpus_gives_clean_findings_and_exit_codes(tmp_path: Path) -> None:
    import time

    from hostile import build_corpus

    for case in build_corpus(tmp_path):
        if case.path.is_dir() or case.name.endswith(".tmp"):
            continue
        start = time.perf_counter()
        result = check(str(case.path), "--format", "json")
        elapsed = time.perf_counter() - start
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            case.name,
            result.exception,
        )
        payload = json.loads(result.stdout)
        jsonschema.validate(payload, SCHEMA)
        (file,) = payload["files"]
        if case.kind == "error":
            assert (result.exit_code, file["status"]) == (2, "unreadable"), case.name
            assert [f["code"] for f in file["findings"]] == [case.expect], case.name
        elif case.kind == "finding":
            assert case.expect in [f["code"] for f in file["findings"]], case.name
            assert result.exit_code in (0, 1), case.name
        else:
            assert result.exit_code in (0, 1), case.name
        assert elapsed < 5, f"{case.name} took {elapsed:.1f} s"


def test_a_folder_stands_for_its_spreadsheets(tmp_path: Path) -> None:
    from lsplan.checks import expand_paths

    save_report(tmp_path / "b.xlsx")
    (tmp_path / "a.csv").write_text("x")
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    files, missing = expand_paths([str(tmp_path), str(tmp_path / "b.xlsx"), str(tmp_path / "sub")])
    assert [p.name for p in files] == ["a.csv", "b.xlsx"] and missing == [str(tmp_path / "sub")]
    files, missing = expand_paths([str(tmp_path / "nope.xlsx")])
    assert [p.name for p in files] == ["nope.xlsx"] and missing == []


def test_a_file_named_with_glob_characters_is_taken_as_named(tmp_path: Path) -> None:
    from lsplan.checks import expand_paths

    named = save_report(tmp_path / "bao cao [Q1].xlsx")
    save_report(tmp_path / "Q.xlsx")  # what "[Q1]" would match as a pattern
    files, missing = expand_paths([str(named)])
    assert files == [named] and missing == []
    files, missing = expand_paths([str(tmp_path / "[Q].xlsx")])  # names nothing: a pattern
    assert [p.name for p in files] == ["Q.xlsx"] and missing == []
    result = runner.invoke(app, ["check", str(named), "-f", "json"])
    assert result.exit_code in (0, 1), result.output
    assert json.loads(result.stdout)["files"][0]["path"] == str(named)


def test_table_speaks_words_names_periods_and_empty_rows(tmp_path: Path) -> None:
    rows = (
        (1, "Sản lượng than", "tấn", None, 240000, None, "108,5", None),
        (2, "Sản lượng điện", "triệu kWh", None, "-", None, None, None),
        (3, "Tổng mức bán lẻ", "tỷ đồng", None, "", None, None, None),
    )
    path = save_report(tmp_path / "r.xlsx", rows)
    out = " ".join(check(str(path)).stdout.split())
    # the file's line: sender, period, status, figures read, what else was noticed
    assert "r.xlsx Sở Công Thương 6 tháng đầu năm 2025 Hợp lệ 1 2 dòng để trống" in out
    assert "108,5%" in out and "So với cùng kỳ (%)" in out  # the sender's own comparison, as given
    english = runner.invoke(app, ["--lang", "en", "check", str(path)])
    words = " ".join(english.stdout.split())
    assert "First half of 2025 Valid 1 2 row(s) left empty" in words
    assert "value-empty" not in words and "Same period (%)" in words
    # CSV keeps the file's summary as an info finding, in words
    csv_text = check(str(path), "--format", "csv").stdout
    assert "Sở Công Thương, 6 tháng đầu năm 2025: đã đọc 1 số liệu; ngoài ra 2 dòng để trống" in csv_text
    payload = json.loads(check(str(path), "--format", "json").stdout)
    jsonschema.validate(payload, SCHEMA)
    (coal,) = payload["files"][0]["observations"]
    assert (coal["indicator"], coal["same_period_pct"]) == ("coal-output", 108.5)  # JSON keeps ids


def test_summary_names_the_files_that_need_a_reply(tmp_path: Path) -> None:
    good = save_report(tmp_path / "a-good.xlsx")
    bad = save_report(tmp_path / "b-bad.xlsx", rows=((1, "Sản lượng than", "tấn", None, "5 quả"),))
    broken = tmp_path / "c-broken.xlsx"
    broken.write_bytes(b"not a zip")
    result = check(str(good), str(bad), str(broken))
    assert result.exit_code == 2
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.endswith("; không hợp lệ: b-bad.xlsx; không đọc được: c-broken.xlsx"), summary
    assert "a-good.xlsx" not in summary


def test_english_summary_uses_the_agency_english_name(tmp_path: Path, fake_catalog: FakeCatalog) -> None:
    from dataclasses import replace

    sct = fake_catalog.agencies["so-cong-thuong"]
    fake_catalog.agencies["so-cong-thuong"] = replace(sct, name_en="Department of Industry and Trade")
    path = save_report(tmp_path / "r.xlsx")
    english = " ".join(runner.invoke(app, ["--lang", "en", "check", str(path)]).stdout.split())
    assert "r.xlsx Department of Industry and Trade First half of 2025" in english
    vietnamese = " ".join(check(str(path)).stdout.split())
    assert "r.xlsx Sở Công Thương 6 tháng đầu năm 2025" in vietnamese
