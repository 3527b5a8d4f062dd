"""Fuzzing `check_file` with mutated workbooks: byte flips, truncations, zip members swapped,
dropped or duplicated, and hostile XML spliced into the parts. Every outcome is a CheckResult
(read, or refused with a catalogued code), never an exception, within the corpus's bounds."""

from __future__ import annotations

import io
import json
import random
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from test_hostile import MAX_PEAK_BYTES, MAX_SECONDS
from workbooks import ROWS, FakeCatalog, save_report

from lsplan.checks import CheckResult, check_file
from lsplan.findings import CODES

ROUNDS = 240
# Fragments that reach the caps and the odd corners of the reader when spliced into XML.
SPLICES = [
    b' s="99999"', b' t="s"', b' t="e"', b' t="d"', b' t="inlineStr"', b"<v>1e400</v>", b"<v>NaN</v>",
    b"<v>" + b"9" * 400 + b"</v>", b'<f t="shared" si="0"/>', b'<f t="shared" si="0" ref="A1:A9">A1+B1</f>',
    b' r="XFD1048576"', b' r="0"', b' r="-1"', b' r="1.5"', b' r="AAAA1"', b"<row/>" * 50,
    b'<numFmt numFmtId="164" formatCode="' + b"[" * 600 + b'"/>', b'<xf numFmtId="164" fontId="9"/>',
    b"<x>" * 200 + b"</x>" * 200, b"&amp;", b"&#0;", b"\xff\xfe", b"<!DOCTYPE x>", b"]]>",
    b'<mergeCell ref="A1:XFD1048576"/>', b'<sheet name="x" sheetId="9" r:id="rId9"/>',
]  # fmt: skip


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """A real conventional report (merged title, header, figures, a formula), part by part."""
    path = save_report(
        tmp_path_factory.mktemp("fuzz") / "base.xlsx",
        ROWS,
        number_formats={"E6": "#,##0.0", "F6": "0.0%"},
        formulas={"H6": "=E6/D6*100"},
    )
    with zipfile.ZipFile(path) as archive:
        found = {name: archive.read(name) for name in archive.namelist()}
    # The same bytes on every run (openpyxl stamps the time of saving), so that the seeded
    # mutations, and any failure they find, repeat.
    found["docProps/core.xml"] = _CORE
    return found


_CORE = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<cp:coreProperties '
    b'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"/>'
)


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            stamp = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            archive.writestr(stamp, data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def mutate(rng: random.Random, parts: dict[str, bytes]) -> tuple[str, bytes]:
    """One mutated workbook (its bytes) and the kind of mutation, for messages."""
    whole = _zip(parts)
    names = sorted(parts)
    xml_names = [n for n in names if n.endswith((".xml", ".rels"))]
    kind = rng.choice(["flip", "truncate", "swap", "drop", "duplicate", "splice", "cut-xml"])
    if kind == "flip":
        data = bytearray(whole)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return kind, bytes(data)
    if kind == "truncate":
        return kind, whole[: rng.randrange(len(whole))]
    changed = dict(parts)
    if kind == "swap":
        first, second = rng.sample(names, 2)
        changed[first], changed[second] = parts[second], parts[first]
    elif kind == "drop":
        del changed[rng.choice(names)]
    elif kind == "duplicate":
        source = rng.choice(xml_names)
        changed[rng.choice(xml_names)] = parts[source] * rng.randint(1, 3)
    else:
        target = rng.choice(xml_names)
        damaged = bytearray(parts[target])
        for _ in range(rng.randint(1, 3)):
            pos = rng.randrange(len(damaged) + 1)
            if kind == "splice":
                damaged[pos:pos] = rng.choice(SPLICES)
            else:
                del damaged[pos : pos + rng.randint(1, 40)]
        changed[target] = bytes(damaged)
    return kind, _zip(changed)


def test_mutated_workbooks_give_a_check_result_within_the_bounds(
    tmp_path: Path, parts: dict[str, bytes]
) -> None:
    rng = random.Random(20261201)
    catalog = FakeCatalog()
    path = tmp_path / "fuzz.xlsx"
    statuses: dict[str, int] = {}
    for round_ in range(ROUNDS):
        kind, data = mutate(rng, parts)
        path.write_bytes(data)
        started = time.process_time()
        measure = round_ % 8 == 0  # tracemalloc slows Python down several times: every 8th file
        if measure:
            tracemalloc.start()
        try:
            result = check_file(path, catalog)  # an exception here fails the test: never allowed
            peak = tracemalloc.get_traced_memory()[1] if measure else 0
        finally:
            if measure:
                tracemalloc.stop()
        elapsed = time.process_time() - started
        where = f"round {round_} ({kind})"
        assert isinstance(result, CheckResult), where
        assert elapsed < MAX_SECONDS * (3 if measure else 1), f"{where} took {elapsed:.2f} s"
        assert peak < MAX_PEAK_BYTES, f"{where} peaked at {peak / 1e6:.0f} MB"
        assert all(f.code in CODES for f in result.findings), (where, result.findings)
        if result.status == "unreadable":
            assert [f.severity for f in result.findings] == ["error"], (where, result.findings)
        json.dumps(result.to_dict(), allow_nan=False)  # no Infinity, NaN or unserialisable value
        statuses[result.status] = statuses.get(result.status, 0) + 1
    # The mutations reach past the zip layer: some files are still read, some refused.
    assert statuses.get("unreadable", 0) > ROUNDS // 10, statuses
    assert ROUNDS - statuses.get("unreadable", 0) > ROUNDS // 10, statuses
