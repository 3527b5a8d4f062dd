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

# The bound the README states for every file of the corpus (and of the fuzz test).
MAX_SECONDS = 2.0
MAX_PEAK_BYTES = 200 * 1024 * 1024
MAX_ADDRESS_SPACE = 1024 * 1024 * 1024  # RLIMIT_AS of the process that checks the whole corpus


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
        "file-not-found", "file-too-complex", "cells-capped", "sheets-capped",
    }  # fmt: skip
    small = [c for c in corpus if c.path.is_file() and c.expect == "file-too-complex"]
    assert small and all(c.path.stat().st_size < 1_000_000 for c in small)  # small files, much work


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
    # Small files that multiply work (tests/hostile.py: _work_multipliers).
    "numfmt-bomb.xlsx": "file-too-complex",
    "numfmt-at-cap.xlsx": "ok",
    "too-many-numfmts.xlsx": "file-too-complex",
    "too-many-styles.xlsx": "file-too-complex",
    "too-many-fonts.xlsx": "file-too-complex",
    "shared-formula-bomb.xlsx": "file-too-complex",
    "shared-formula-budget.xlsx": "file-too-complex",
    "shared-formula-small.xlsx": "ok",
    "too-many-strings.xlsx": "file-too-complex",
    "string-too-long.xlsx": "file-too-complex",
    "one-long-string-everywhere.xlsx": "file-too-complex",
    "inline-string-too-long.xlsx": "file-too-complex",
    "too-many-sheet-entries.xlsx": "file-too-complex",
    "many-conditional-formats.xlsx": "file-too-large",
    "many-data-validations.xlsx": "file-too-large",
    "many-merges-under-cap.xlsx": "ok",
    "last-cell-xfd1048576.xlsx": "rows-capped",
    "column-beyond-xfd.xlsx": "file-corrupt",
    "huge-dimension-claim.xlsx": "ok",
    "300k-empty-rows.xlsx": "rows-capped",
    "many-rows-of-tiny-cells.xlsx": "cells-capped",
    "deep-nesting.xlsx": "ok",
    "absurd-numbers.xlsx": "ok",
    "quotes.csv": "cells-capped",
    "xls-numfmt-bomb.xls": "ok",
    "long-texts-at-budget.xlsx": "ok",
    "long-texts-over-budget.xlsx": "file-too-complex",
    "zip-name-not-utf8.xlsx": "file-corrupt",
    "a-directory.xlsx": "not-a-file",
    "missing.xlsx": "file-not-found",
}


def test_corpus_matches_the_expectations_here(corpus: list[HostileCase]) -> None:
    assert {case.name: case.expect for case in corpus} == CASES


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file(corpus: list[HostileCase], name: str) -> None:
    case = next(c for c in corpus if c.name == name)
    before = _fingerprint(case.path)
    # CPU time, not wall time: the bound is the work a file costs, whatever else the machine runs.
    started = time.process_time()
    _check_outcome(case)
    elapsed = time.process_time() - started
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


def test_absurd_numbers_are_kept_as_the_file_holds_them(corpus: list[HostileCase]) -> None:
    case = next(c for c in corpus if c.name == "absurd-numbers.xlsx")
    row = open_workbook(case.path).sheets[0].rows[0]
    assert row[0].value == float("inf") and row[1].value == "9" * 309 and row[2].value == "9" * 6000
    assert row[3].value != row[3].value  # NaN: lsplan.numbers refuses each of them on its cell


_CORPUS_RUNNER = """
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
from lsplan.catalog import load_catalog
from lsplan.checks import check_file
catalog = load_catalog()
for path in sys.argv[1:]:
    started = time.process_time()
    result = check_file(path, catalog)
    seconds = time.process_time() - started
    json.dumps(result.to_dict(), allow_nan=False)
    codes = [f.code for f in result.findings]
    print(json.dumps({{"path": path, "seconds": seconds, "status": result.status, "codes": codes}}))
print(json.dumps({{"maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}}))
"""


@pytest.mark.slow
def test_whole_corpus_checks_within_the_bounds_under_a_hard_memory_limit(corpus: list[HostileCase]) -> None:
    """`check_file` over every file in one process whose address space is capped (RLIMIT_AS):
    a file that needed more memory would die with MemoryError, not pass unnoticed."""
    import json
    import subprocess
    import sys

    pytest.importorskip("resource")
    paths = [str(c.path) for c in corpus]
    script = _CORPUS_RUNNER.format(limit=MAX_ADDRESS_SPACE)
    done = subprocess.run(
        [sys.executable, "-c", script, *paths], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    by_path = {line["path"]: line for line in lines if "path" in line}
    assert set(by_path) == set(paths)
    slow = {
        Path(p).name: round(line["seconds"], 2)
        for p, line in by_path.items()
        if line["seconds"] > MAX_SECONDS
    }
    assert not slow, slow
    for case in corpus:
        line = by_path[str(case.path)]
        if case.kind == "error":
            assert line["status"] == "unreadable" and line["codes"] == [case.expect], line
    assert lines[-1]["maxrss_kb"] * 1024 < MAX_ADDRESS_SPACE
