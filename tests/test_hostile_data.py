"""Plan data that YAML would read silently wrong: duplicate keys, NaN and infinity, alias bombs,
nesting too deep, and target numbers that are not in their quote. Each is an error with file:line."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from lsplan import catalog as catalog_mod
from lsplan.catalog_load import default_data_dir, validate
from lsplan.cli import app
from lsplan.integrity import quoted_numbers
from lsplan.model import Severity
from lsplan.yamlsource import YamlFileError, parse_yaml

SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"
runner = CliRunner()

# Under 424 bytes, expanding to 9**9 (387 million) strings in whatever walks the data naively.
ALIAS_BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9 if prev else ['lol'] * 9)}]\n"
    for prev, name in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
)


@pytest.fixture(autouse=True)
def _env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LSPLAN_SOURCES", str(SOURCES))
    monkeypatch.setenv("LSPLAN_CACHE_DIR", str(tmp_path_factory.mktemp("memo")))
    monkeypatch.delenv("LSPLAN_DATA", raising=False)
    catalog_mod.clear_cache()


def shipped_copy(folder: Path, edit_targets=None) -> Path:
    """The shipped data, its targets.yaml text passed through `edit_targets`."""
    folder.mkdir()
    shipped = default_data_dir()
    (folder / "assignments.yaml").write_bytes((shipped / "assignments.yaml").read_bytes())
    text = (shipped / "targets.yaml").read_text(encoding="utf-8")
    (folder / "targets.yaml").write_text(edit_targets(text) if edit_targets else text, encoding="utf-8")
    return folder


def line_of(folder: Path, needle: str, nth: int = 1) -> int:
    lines = [n for n, t in enumerate((folder / "targets.yaml").read_text().splitlines(), 1) if t == needle]
    return lines[nth - 1]


def errors(folder: Path) -> list:
    catalog, findings = validate(folder, SOURCES)
    found = [f for f in findings if f.severity is Severity.ERROR]
    assert catalog is None or found, "invalid data must not give a usable catalogue"
    return found


def test_shipped_data_uses_no_anchors_and_passes() -> None:
    for name in ("targets.yaml", "assignments.yaml"):
        events = yaml.parse((default_data_dir() / name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        assert not any(isinstance(e, yaml.AliasEvent) for e in events)
    catalog, findings = validate(None, SOURCES)
    assert catalog is not None and not [f for f in findings if f.severity is Severity.ERROR]


def test_a_second_assessment_block_is_an_error_with_its_line(tmp_path: Path) -> None:
    def add_block(text: str) -> str:
        return text + "\nassessment:\n  on_track: 0.5\n  at_risk: 0.4\n"

    folder = shipped_copy(tmp_path / "d", add_block)
    found = [f for f in errors(folder) if f.code == "data-duplicate-key"]
    assert len(found) == 1
    second = line_of(folder, "assessment:", 2)
    assert found[0].line == second and found[0].file.endswith("targets.yaml")
    assert f"targets.yaml:{second}: assessment:" in found[0].message
    assert f" {line_of(folder, 'assessment:')})" in found[0].message  # "(first on line 11)"


def test_duplicate_key_inside_a_target(tmp_path: Path) -> None:
    folder = shipped_copy(tmp_path / "d", lambda t: t.replace("    low: 8\n", "    low: 8\n    low: 80\n", 1))
    found = [f for f in errors(folder) if f.code == "data-duplicate-key"]
    assert [f.line for f in found] == [line_of(folder, "    low: 80")]
    assert "targets[0].low" in found[0].message


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "-.inf", "+.Inf", "1.0e+400", "9" * 400])
def test_nan_and_infinity_are_refused_with_file_line(tmp_path: Path, value: str) -> None:
    folder = shipped_copy(tmp_path / "d", lambda t: t.replace("    low: 8\n", f"    low: {value}\n", 1))
    found = [f for f in errors(folder) if f.code == "data-not-finite"]
    assert len(found) == 1, errors(folder)
    assert found[0].line == line_of(folder, f"    low: {value}")
    assert "targets[0].low" in found[0].message


def test_alias_bomb_is_refused_fast_and_small(tmp_path: Path) -> None:
    assert len(ALIAS_BOMB.encode()) < 424
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "targets.yaml").write_text(ALIAS_BOMB)
    (folder / "assignments.yaml").write_bytes((default_data_dir() / "assignments.yaml").read_bytes())
    started = time.perf_counter()
    tracemalloc.start()
    try:
        found = errors(folder)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 5  # 36 s and 2.5 GB before
    assert peak < 50 * 1024 * 1024
    alias = [f for f in found if f.code == "data-alias"]
    assert len(alias) == 1 and alias[0].line is not None
    assert alias[0].message.startswith(f"{alias[0].file}:{alias[0].line}: ")


def test_a_single_alias_is_refused_too() -> None:
    with pytest.raises(YamlFileError) as caught:
        parse_yaml(b"a: &x {low: 1}\nb: *x\n", Path("t.yaml"), "data/t.yaml")
    assert caught.value.finding.code == "data-alias" and caught.value.finding.line == 1


@pytest.mark.parametrize(
    "text",
    [
        "x:" + " [" * 5000 + "]" * 5000,
        "x: " + "9" * 5000,
        "a:\n" + "".join("  " * i + "- \n" for i in range(60)),
    ],
    ids=["deep-flow", "5000-digit-int", "deep-block"],
)
def test_nesting_and_huge_ints_are_findings_not_tracebacks(text: str) -> None:
    with pytest.raises(YamlFileError) as caught:
        parse_yaml(text.encode(), Path("t.yaml"), "data/t.yaml")
    assert caught.value.finding.code == "data-yaml-syntax"


def test_quoted_numbers_read_the_vietnamese_way() -> None:
    assert quoted_numbers("đạt 9.937,8 tỷ đồng, tăng 8,5%; 1.500 hộ; 2025") == {9937.8, 8.5, 1500.0, 2025.0}


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("    low: 8\n", "    low: 8.5\n", "low"),
        ("    high: 9\n", "    high: 90\n", "high"),
        ("      low: 10\n", "      low: 12\n", "stretch.low"),
    ],
)
def test_a_number_not_in_its_quote_is_refused(tmp_path: Path, old: str, new: str, key: str) -> None:
    folder = shipped_copy(tmp_path / "d", lambda t: t.replace(old, new, 1))
    found = errors(folder)
    assert [f.code for f in found] == ["data-number-not-in-quote"]
    assert found[0].line == line_of(folder, new.rstrip("\n"))
    assert f"targets[0].{key}:" in found[0].message and "kb-2025.grdp-growth" in found[0].message


def test_data_validate_cli_refuses_a_mismatch_with_exit_1(tmp_path: Path) -> None:
    folder = shipped_copy(tmp_path / "d", lambda t: t.replace("    high: 9\n", "    high: 90\n", 1))
    result = runner.invoke(app, ["--lang", "en", "data", "validate", "--data", str(folder)])
    assert result.exit_code == 1
    line = line_of(folder, "    high: 90")
    assert (
        f"d/targets.yaml:{line}: targets[0].high: target kb-2025.grdp-growth: 90 is not among"
        in result.stdout
    )
    assert "[data-number-not-in-quote]" in result.stdout
    refused = runner.invoke(app, ["targets", "--data", str(folder)])
    assert refused.exit_code == 2 and "Traceback" not in refused.output
