"""Every broken or hostile file gives a clean, specific outcome, quickly, without changing it."""

from __future__ import annotations

import hashlib
import os
import time
import tracemalloc
from pathlib import Path

import pytest
from hostile import BILLION_LAUGHS, EXTERNAL_ENTITY, HostileCase, build_corpus, minimal_xlsx

from lsplan.readers import DEFAULT_LIMITS, ReadError, open_workbook
from lsplan.readers.ooxml import read_xlsx

MAX_SECONDS = 2.0
MAX_PEAK_BYTES = 200 * 1024 * 1024


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[HostileCase]:
    return build_corpus(tmp_path_factory.mktemp("hostile"))


def _fingerprint(path: Path) -> tuple[str, int] | None:
    if not path.is_file():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def test_corpus_covers_every_case(corpus: list[HostileCase]) -> None:
    codes = {case.expect for case in corpus}
    assert codes >= {
        "not-a-spreadsheet", "file-corrupt", "file-empty", "file-too-large", "zip-bomb", "xml-unsafe",
        "file-macro-enabled", "file-encrypted", "format-unsupported", "rows-capped", "not-a-file",
        "file-not-found",
    }  # fmt: skip


CASES = {
    "random-bytes.xlsx": "not-a-spreadsheet",
    "truncated.xlsx": "file-corrupt",
    "empty.xlsx": "file-empty",
    "too-large.xlsx": "file-too-large",
    "zip-bomb-ratio.xlsx": "zip-bomb",
    "zip-bomb-lying-size.xlsx": "file-corrupt",
    "declares-huge-size.xlsx": "file-too-large",
    "too-many-entries.xlsx": "zip-bomb",
    "huge-shared-strings.xlsx": "file-too-large",
    "too-many-merges.xlsx": "file-too-large",
    "xml-bomb.xlsx": "xml-unsafe",
    "external-entity.xlsx": "xml-unsafe",
    "malformed-xml.xlsx": "file-corrupt",
    "macro.xlsx": "file-macro-enabled",
    "macro-content-type.xlsx": "file-macro-enabled",
    "encrypted.xlsx": "file-encrypted",
    "broken-ole.xls": "file-corrupt",
    "too-many-rows.xls": "rows-capped",
    "truncated.xls": "file-corrupt",
    "too-large.xls": "file-too-large",
    "calc.ods": "format-unsupported",
    "letter.docx.xlsx": "not-a-spreadsheet",
    "html-table.xls": "not-a-spreadsheet",
    "too-many-rows.xlsx": "rows-capped",
    "too-many-cells.xlsx": "cells-capped",
    "many-empty-styled-cells.xlsx": "cells-capped",
    "too-many-sheets.xlsx": "sheets-capped",
    "understated-dimension.xlsx": "ok",
    "a-directory.xlsx": "not-a-file",
    "missing.xlsx": "file-not-found",
}


def test_corpus_matches_the_expectations_here(corpus: list[HostileCase]) -> None:
    assert {case.name: case.expect for case in corpus} == CASES


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file(corpus: list[HostileCase], name: str) -> None:
    case = next(c for c in corpus if c.name == name)
    before = _fingerprint(case.path)
    started = time.perf_counter()
    _check_outcome(case)
    elapsed = time.perf_counter() - started
    assert elapsed < MAX_SECONDS, f"{case.name} took {elapsed:.2f} s"
    # Again under tracemalloc (which slows Python down several times) for the memory bound.
    tracemalloc.start()
    try:
        _check_outcome(case)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MAX_PEAK_BYTES, f"{case.name} peaked at {peak / 1e6:.0f} MB"
    assert _fingerprint(case.path) == before  # never written to, not even touched


def _check_outcome(case: HostileCase) -> None:
    if case.kind == "error":
        with pytest.raises(ReadError) as caught:
            open_workbook(case.path)
        assert caught.value.finding.code == case.expect, caught.value.finding.message
        assert caught.value.finding.severity == "error"
        assert caught.value.finding.file == str(case.path)
        return
    codes = [f.code for f in open_workbook(case.path).findings]
    assert codes == ([] if case.kind == "ok" else [case.expect])


def test_rows_capped_reads_exactly_the_limit(corpus: list[HostileCase]) -> None:
    case = next(c for c in corpus if c.name == "too-many-rows.xlsx")
    book = open_workbook(case.path)
    sheet = book.sheets[0]
    assert sheet.max_row == 5000
    assert sheet.cell(5000, 1).value == "r4999"
    finding = next(f for f in book.findings if f.code == "rows-capped")
    assert finding.severity == "warning" and finding.sheet == "Sheet1"


def test_sheets_capped_keeps_the_first_sheets(corpus: list[HostileCase]) -> None:
    case = next(c for c in corpus if c.expect == "sheets-capped")
    book = open_workbook(case.path)
    assert [s.name for s in book.sheets][:2] == ["Sheet", "Biểu 2"] and len(book.sheets) == 50


def test_understated_dimension_still_reads_every_row(corpus: list[HostileCase]) -> None:
    case = next(c for c in corpus if c.name == "understated-dimension.xlsx")
    sheet = open_workbook(case.path).sheets[0]
    assert sheet.max_row == 50 and sheet.max_col == 5
    assert sheet.cell(50, 5).value == 100
    assert sheet.cell(50, 3) is None


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "external-entity"])
def test_defusedxml_refuses_dtds_even_without_the_pre_scan(tmp_path: Path, xml: str) -> None:
    # read_xlsx skips sniff()'s DTD scan: the reader's own parser must refuse on its own.
    path = minimal_xlsx(tmp_path / "bomb.xlsx", xml)
    with pytest.raises(ReadError) as caught:
        read_xlsx(path, DEFAULT_LIMITS)
    assert caught.value.finding.code == "xml-unsafe"


def test_unreadable_file_is_its_own_code(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads everything")
    path = tmp_path / "locked.csv"
    path.write_text("a,b\n")
    path.chmod(0)
    with pytest.raises(ReadError) as caught:
        open_workbook(path)
    assert caught.value.finding.code == "file-unreadable"


def _workbook_parts() -> dict[str, bytes]:
    import io
    import zipfile

    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    ws = book.active
    ws["A1"] = "UBND TỈNH LẠNG SƠN"
    ws.merge_cells("A1:C1")
    ws["B2"] = 0.085
    ws["B2"].number_format = "0.0%"
    ws["A3"] = "Tæng møc b¸n lÎ"
    ws["A3"].font = Font(name=".VnTime")
    ws["C3"] = "=B2*2"
    book.create_sheet("Hai")["A1"] = 3
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_mutated_workbooks_give_a_workbook_or_a_read_error(tmp_path: Path) -> None:
    """Seeded fuzzing: damaged bytes anywhere, or damaged XML inside a sound zip, never crash."""
    import random
    import zipfile

    rng = random.Random(20250630)
    parts = _workbook_parts()
    xml_names = sorted(n for n in parts if n.endswith((".xml", ".rels")))
    path = tmp_path / "fuzz.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    whole = path.read_bytes()
    inserts = [b"9999999", b"-1", b'<c r="A1"/>', b'"', b' s="99"', b' t="s"', b"<v>77</v>", b' r="XFD1"']
    outcomes: set[str] = set()
    for round_ in range(300):
        if round_ % 2:
            data = bytearray(whole)
            for _ in range(rng.randint(1, 4)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            path.write_bytes(bytes(data))
        else:
            target = rng.choice(xml_names)
            damaged = bytearray(parts[target])
            pos = rng.randrange(len(damaged))
            if rng.random() < 0.5:
                del damaged[pos : pos + rng.randint(1, 10)]
            else:
                damaged[pos:pos] = rng.choice(inserts)
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, data_ in parts.items():
                    archive.writestr(name, bytes(damaged) if name == target else data_)
        try:
            open_workbook(path)
            outcomes.add("ok")
        except ReadError as exc:
            outcomes.add(exc.finding.code)
    assert {"ok", "file-corrupt"} <= outcomes
