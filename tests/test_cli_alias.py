"""CLI tests for `lsplan alias add/list/remove`: the file beside the store, checks like the shipped
data, stable codes, exit codes, atomic writes, and the learned name used by the matcher."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from lsplan.aliases import AliasError, add_alias, alias_path, learned_index, load_aliases, read_aliases
from lsplan.catalog import load_catalog
from lsplan.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def _store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LSPLAN_STORE", str(tmp_path / "kho" / "store.sqlite3"))
    monkeypatch.delenv("LSPLAN_ALIASES", raising=False)
    monkeypatch.delenv("LSPLAN_DATA", raising=False)
    return tmp_path / "kho" / "aliases.yaml"


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_the_alias_file_lies_beside_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert alias_path() == tmp_path / "kho" / "aliases.yaml"
    assert alias_path(tmp_path / "other" / "s.sqlite3") == tmp_path / "other" / "aliases.yaml"
    monkeypatch.setenv("LSPLAN_ALIASES", str(tmp_path / "mine.yaml"))
    assert alias_path(tmp_path / "other" / "s.sqlite3") == tmp_path / "mine.yaml"


def test_add_list_remove(_store: Path) -> None:
    added = invoke("alias", "add", "Doanh số bán lẻ toàn tỉnh", "retail-sales")
    assert added.exit_code == 0, added.output
    assert "retail-sales" in added.stdout and str(_store) in added.stdout
    written = yaml.safe_load(_store.read_text(encoding="utf-8"))
    assert written["version"] == 1
    assert [(e["name"], e["indicator"]) for e in written["aliases"]] == [
        ("Doanh số bán lẻ toàn tỉnh", "retail-sales")
    ]

    again = invoke("alias", "add", "DOANH SO BAN LE TOAN TINH", "retail-sales")  # the same name, folded
    assert again.exit_code == 0 and len(read_aliases(_store)) == 1

    listed = invoke("alias", "list", "--format", "json")
    assert listed.exit_code == 0, listed.output
    payload = json.loads(listed.stdout)
    assert payload["ok"] is True and payload["file"] == str(_store)
    assert payload["aliases"][0]["indicator"] == "retail-sales"
    assert payload["aliases"][0]["indicator_name"].startswith("Tổng mức bán lẻ")

    table = invoke("--lang", "en", "alias", "list")
    assert table.exit_code == 0 and "Retail sales" in table.stdout

    removed = invoke("alias", "remove", "doanh số bán lẻ toàn tỉnh")
    assert removed.exit_code == 0, removed.output
    assert read_aliases(_store) == []
    missing = invoke("alias", "remove", "doanh số bán lẻ toàn tỉnh")
    assert missing.exit_code == 1 and "[alias-not-found]" in missing.stderr


@pytest.mark.parametrize(
    ("name", "indicator", "code"),
    [
        ("Doanh số bán lẻ", "retail-sale", "alias-indicator-unknown"),  # a typo in the id
        ("Tổng mức bán lẻ", "tourists", "alias-collision"),  # already retail-sales's alias
        ("Khách du lịch", "tourists-domestic", "alias-collision"),
        ("cpi", "grdp-growth", "alias-collision"),  # an indicator id
        ("Tổng thu NSNN (tỷ đồng)", "tourists", "alias-collision"),  # budget revenue in loose form
        ("Dịch vụ (%)", "grdp-share-services", "alias-shared-name"),
        ("Dịch vụ", "grdp-share-services", "alias-shared-name"),  # the heading decides it
        ("Nông, lâm nghiệp và thủy sản", "grdp-growth-agri", "alias-shared-name"),
    ],
)
def test_refused_like_the_shipped_data(_store: Path, name: str, indicator: str, code: str) -> None:
    result = invoke("alias", "add", name, indicator)
    assert result.exit_code == 1, result.output
    assert f"[{code}]" in result.stderr
    assert not _store.exists()  # nothing written


def test_a_name_the_officer_already_taught_for_another_indicator_is_refused(_store: Path) -> None:
    assert invoke("alias", "add", "Khách lưu trú", "tourists").exit_code == 0
    result = invoke("alias", "add", "Khách lưu trú", "tourists-domestic")
    assert result.exit_code == 1 and "[alias-collision]" in result.stderr
    assert [e.indicator for e in read_aliases(_store)] == ["tourists"]


def test_an_empty_name_is_a_usage_error() -> None:
    result = invoke("alias", "add", " - ", "tourists")
    assert result.exit_code == 2


def test_a_broken_alias_file_is_reported_with_its_line(_store: Path) -> None:
    _store.parent.mkdir(parents=True)
    _store.write_text("version: 1\naliases:\n  - name: TMBL\n    indicator: retail-sales\n    colour: red\n")
    result = invoke("alias", "list")
    assert result.exit_code == 1 and "[alias-file-invalid]" in result.stderr
    assert f"{_store}:" in result.stderr and "colour" in result.stderr
    _store.write_text("aliases: [1\n")
    unreadable = invoke("alias", "add", "X Y", "tourists")
    assert unreadable.exit_code == 2 and "[alias-file-invalid]" in unreadable.stderr
    assert _store.read_text() == "aliases: [1\n"  # never overwritten


def test_a_hand_edit_that_breaks_the_catalogue_rules_is_listed_as_an_error(_store: Path) -> None:
    _store.parent.mkdir(parents=True)
    _store.write_text(
        "version: 1\naliases:\n  - name: Khách du lịch\n    indicator: tourism-revenue\n"
        "  - name: Lượt khách lưu trú\n    indicator: no-such-indicator\n",
        encoding="utf-8",
    )
    result = invoke("alias", "list", "--format", "json")
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["ok"] is False
    assert {f["code"] for f in payload["findings"]} == {"alias-collision", "alias-indicator-unknown"}
    with pytest.raises(AliasError):
        load_aliases(_store, load_catalog())


def test_writes_are_atomic(_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = load_catalog()
    add_alias(_store, catalog, "Khách lưu trú", "tourists")
    before = _store.read_bytes()

    def fail(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(AliasError) as refused:
        add_alias(_store, catalog, "Khách lưu trú qua đêm", "tourists")
    assert refused.value.unreadable and refused.value.findings[0].code == "alias-file-unwritable"
    assert _store.read_bytes() == before
    assert [p.name for p in _store.parent.iterdir()] == ["aliases.yaml"]  # no temporary left behind


def test_a_learned_name_is_matched_as_learned(_store: Path) -> None:
    catalog = load_catalog()
    assert invoke("alias", "add", "Lượt khách lưu trú", "tourists").exit_code == 0
    index, findings = learned_index(catalog)
    found = index.resolve("- Lượt khách lưu trú (triệu lượt)")
    assert findings == [] and (found.indicator.id, found.method) == ("tourists", "learned-alias")
    # a broken file does not stop a check: the shipped names still work, and the finding says why
    _store.write_text("version: 7\n")
    index, findings = learned_index(catalog)
    assert findings and {f.code for f in findings} == {"alias-file-invalid"}
    assert index.resolve("Khách du lịch").indicator.id == "tourists"
