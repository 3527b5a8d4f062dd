"""Free-text fields of the plan data (`reason`, `note`): Vietnamese in the field, English in the
`*_en` sibling; `lsplan show` picks one by language, JSON carries both."""

from __future__ import annotations

import copy
import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from lsplan import catalog as catalog_mod
from lsplan.catalog import in_language, load_catalog, validate
from lsplan.cli import app
from lsplan.i18n import set_lang

DATA = Path(__file__).parent.parent / "data"
SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"
FREE_TEXT = ("reason", "note")
ENGLISH_WORDS = re.compile(r"\b(the|is|are|of|and|for|by|with|into|not)\b")  # none is a Vietnamese word
runner = CliRunner()


@pytest.fixture(autouse=True)
def _env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LSPLAN_SOURCES", str(SOURCES))
    monkeypatch.setenv("LSPLAN_CACHE_DIR", str(tmp_path_factory.mktemp("memo")))
    monkeypatch.delenv("LSPLAN_DATA", raising=False)
    catalog_mod.clear_cache()


def free_texts(node: object, path: str = "$") -> Iterator[tuple[str, dict, str]]:
    """(path, mapping, key) of every non-empty reason/note in a loaded YAML document."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in FREE_TEXT and isinstance(value, str) and value.strip():
                yield f"{path}.{key}", node, key
            else:
                yield from free_texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from free_texts(value, f"{path}[{i}]")


def has_vietnamese_marks(text: str) -> bool:
    decomposed = unicodedata.normalize("NFD", text)
    return "đ" in text.lower() or any(unicodedata.combining(c) for c in decomposed)


@pytest.mark.parametrize("name", ["targets.yaml", "assignments.yaml"])
def test_every_reason_and_note_is_vietnamese_with_english_beside(name: str) -> None:
    document = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    found = list(free_texts(document))
    assert len(found) >= 15 if name == "targets.yaml" else len(found) >= 100
    for path, mapping, key in found:
        vietnamese, english = mapping[key], mapping.get(f"{key}_en")
        assert has_vietnamese_marks(vietnamese), path
        # Names of agencies keep their marks in English too, so look for English words instead.
        assert not ENGLISH_WORDS.search(vietnamese.replace("`", "")), (path, vietnamese)
        assert isinstance(english, str) and english.strip(), f"{path}: no {key}_en"
        assert ENGLISH_WORDS.search(english), (path, english)
        assert english != vietnamese, path


def test_loader_carries_both_languages() -> None:
    catalog = load_catalog(sources_dir=SOURCES)
    cuc_thue = next(
        r for r in catalog.responsibilities if r.indicator == "budget-revenue" and r.agency == "cuc-thue"
    )
    assert cuc_thue.reason == (
        "Cục Thuế thu phần lớn nguồn thu trên địa bàn; các văn bản nguồn chỉ nêu Sở Tài chính."
    )
    assert cuc_thue.reason_en == (
        "Cục Thuế collects most of the revenue on the territory; the sources name Sở Tài chính only."
    )
    target = catalog.targets["kb-2025.budget-revenue"]
    assert target.stretch is not None and target.stretch.note_en.startswith("the stretch figure is 13,1 %")
    assert target.stretch.note.startswith("mức phấn đấu cao hơn 13,1 %")
    merged = catalog.agencies["so-ke-hoach-va-dau-tu"].history[0]
    assert merged.note.startswith("Hợp nhất") and merged.note_en.startswith("Merged")
    record = catalog.show_record(target)
    assert record["note"].startswith('Chữ số "1" dính vào "giao1)"')
    assert record["note_en"].startswith('The "1" glued to "giao1)"')
    assert record["stretch"]["note_en"] == target.stretch.note_en
    reasons = {r["agency_id"]: (r["reason"], r["reason_en"]) for r in record["responsibilities"]}
    assert reasons["cuc-thue"] == (cuc_thue.reason, cuc_thue.reason_en)


def test_in_language_picks_and_falls_back() -> None:
    assert in_language("tiếng Việt", "English", "vi") == "tiếng Việt"
    assert in_language("tiếng Việt", "English", "en") == "English"
    assert in_language("", "English", "vi") == "English"
    assert in_language("tiếng Việt", "", "en") == "tiếng Việt"
    set_lang("en")
    assert in_language("tiếng Việt", "English") == "English"


def test_show_in_both_languages() -> None:
    vi = runner.invoke(app, ["show", "kb-2025.budget-revenue"])
    assert vi.exit_code == 0, vi.output
    flat_vi = " ".join(vi.output.split())
    assert "Cục Thuế thu phần lớn nguồn thu trên địa bàn" in flat_vi
    assert "collects" not in flat_vi and "footnote" not in flat_vi
    en = runner.invoke(app, ["--lang", "en", "show", "kb-2025.budget-revenue"])
    assert en.exit_code == 0, en.output
    flat_en = " ".join(en.output.split())
    assert "Cục Thuế collects most of the revenue on the territory" in flat_en
    assert "footnote marker 1" in flat_en and "phần lớn nguồn thu" not in flat_en


def test_show_json_is_the_same_in_both_languages() -> None:
    vi = runner.invoke(app, ["show", "kb-2025.budget-revenue", "-f", "json"])
    en = runner.invoke(app, ["--lang", "en", "show", "kb-2025.budget-revenue", "-f", "json"])
    assert vi.exit_code == en.exit_code == 0
    rows_vi, rows_en = json.loads(vi.stdout), json.loads(en.stdout)
    assert rows_vi == rows_en
    row = rows_vi[0] if isinstance(rows_vi, list) else rows_vi
    assert row["note"].startswith("Chữ số") and row["note_en"].startswith("The")


def _small(tmp_path: Path, mutate) -> Path:
    folder = tmp_path / "d"
    folder.mkdir()
    for name in ("targets.yaml", "assignments.yaml"):
        document = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
        mutate(name, document)
        text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_schema_accepts_en_siblings_and_refuses_unknown_keys(tmp_path: Path) -> None:
    def add_unknown(name: str, document: dict) -> None:
        if name == "assignments.yaml":
            inferred = next(r for r in document["responsibilities"] if r.get("reason_en"))
            inferred["reason_fr"] = copy.copy(inferred["reason_en"])
        else:
            noted = next(t for t in document["targets"] if t.get("note_en"))
            noted["note_de"] = "Anmerkung"

    _, findings = validate(_small(tmp_path, add_unknown), SOURCES)
    messages = " ".join(f.message for f in findings)
    assert "reason_fr" in messages and "note_de" in messages
    assert "reason_en" not in messages and "note_en" not in messages
