"""A corpus of broken and hostile spreadsheet files, generated in a directory.

Used by tests/test_hostile.py and by the benchmark. Every file is made by code (no binary
blobs in the repository): `build_corpus(directory)` returns one `HostileCase` per file with
the ReadError code, or the Workbook finding code, the reader must give for it.
"""

from __future__ import annotations

import random
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lsplan.readers import DEFAULT_LIMITS, Limits, cell_ref

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>{calc}</workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    + ']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>'
)


def sheet_xml(rows: list[list[object]], dimension: str | None = None, extra: str = "") -> str:
    """Worksheet XML with inline strings and numbers; a (formula, cached) tuple is a formula cell."""
    from lsplan.readers import cell_ref

    body = [SHEET_HEAD]
    if dimension:
        body.append(f'<dimension ref="{dimension}"/>')
    body.append("<sheetData>")
    for r, values in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(values, start=1):
            ref = cell_ref(r, c)
            if value is None:
                continue
            if isinstance(value, tuple):
                formula, cached = value
                v = "" if cached is None else f"<v>{cached}</v>"
                cells.append(f'<c r="{ref}"><f>{formula}</f>{v}</c>')
            elif isinstance(value, str):
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>')
            else:
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
        body.append(f'<row r="{r}">{"".join(cells)}</row>')
    body.append(f"</sheetData>{extra}</worksheet>")
    return "".join(body)


def minimal_xlsx(
    path: Path,
    sheet: str,
    extra: dict[str, bytes | str] | None = None,
    calc: str = "",
    content_types: str = CONTENT_TYPES,
) -> Path:
    """A hand-built .xlsx package around one worksheet's XML (no styles part)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK.format(calc=calc))
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def _patch_declared_size(path: Path, member: str, size: int) -> None:
    """Rewrite the uncompressed size a zip declares for `member` (local and central headers)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    struct.pack_into("<I", data, info.header_offset + 22, size)
    name = member.encode()
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46 : pos + 46 + name_len] == name:
            struct.pack_into("<I", data, pos + 24, size)
            break
        pos = data.find(b"PK\x01\x02", pos + 4)
    path.write_bytes(bytes(data))


def _xls(path: Path, rows: list[list[object]]) -> bytes:
    import xlwt  # type: ignore[import-untyped]

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            sheet.write(r, c, value)
    book.save(str(path))
    return path.read_bytes()


def _many_sheets(path: Path, count: int) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "Biểu 1"
    for index in range(2, count + 1):
        book.create_sheet(f"Biểu {index}")["A1"] = index
    book.save(path)


@dataclass(frozen=True, slots=True)
class HostileCase:
    name: str
    path: Path
    expect: str  # the ReadError code, or the Workbook finding code when kind == "finding"
    kind: str = "error"  # "error" | "finding" | "ok"


def build_corpus(directory: Path, limits: Limits = DEFAULT_LIMITS) -> list[HostileCase]:
    """Write every hostile file into `directory` and say what reading each must give."""
    d = Path(directory)
    rng = random.Random(3)
    cases: list[HostileCase] = []

    def add(name: str, expect: str, kind: str = "error") -> Path:
        path = d / name
        cases.append(HostileCase(name, path, expect, kind))
        return path

    good = sheet_xml([["Chỉ tiêu", "Thực hiện"], ["GRDP", 8.5]])

    add("random-bytes.xlsx", "not-a-spreadsheet").write_bytes(b"\x01\x02" + rng.randbytes(4096))
    whole = minimal_xlsx(d / "whole.tmp", good).read_bytes()
    add("truncated.xlsx", "file-corrupt").write_bytes(whole[: len(whole) // 2])
    add("empty.xlsx", "file-empty").write_bytes(b"")
    with open(add("too-large.xlsx", "file-too-large"), "wb") as handle:
        handle.truncate(limits.max_file_bytes + 1)  # sparse: costs no disk
    minimal_xlsx(add("zip-bomb-ratio.xlsx", "zip-bomb"), good, extra={"xl/media/pad.bin": b"\0" * (4 << 20)})
    lying = minimal_xlsx(
        add("zip-bomb-lying-size.xlsx", "file-corrupt"), sheet_xml([[f"hàng {i}", i] for i in range(3000)])
    )
    _patch_declared_size(lying, "xl/worksheets/sheet1.xml", 1000)
    huge = minimal_xlsx(add("declares-huge-size.xlsx", "file-too-large"), good)
    _patch_declared_size(huge, "xl/worksheets/sheet1.xml", limits.max_uncompressed + 1)
    minimal_xlsx(
        add("too-many-entries.xlsx", "zip-bomb"),
        good,
        extra={f"xl/media/x{i}.bin": b"" for i in range(limits.max_entries)},
    )
    minimal_xlsx(
        add("huge-shared-strings.xlsx", "file-too-large"),
        good,
        extra={
            "xl/sharedStrings.xml": "<sst>"
            + "<si><t>chuỗi số</t></si>" * (limits.max_part_bytes // 20)
            + "</sst>"
        },
    )
    merges = "".join(f'<mergeCell ref="A{i}:B{i}"/>' for i in range(1, limits.max_sheet_structures + 10))
    minimal_xlsx(
        add("too-many-merges.xlsx", "file-too-large"),
        sheet_xml(
            [["a"]], extra=f'<mergeCells count="{limits.max_sheet_structures + 9}">{merges}</mergeCells>'
        ),
    )
    minimal_xlsx(add("xml-bomb.xlsx", "xml-unsafe"), BILLION_LAUGHS)
    minimal_xlsx(add("external-entity.xlsx", "xml-unsafe"), EXTERNAL_ENTITY)
    minimal_xlsx(add("malformed-xml.xlsx", "file-corrupt"), good.replace("</sheetData>", "<row r="))
    minimal_xlsx(add("macro.xlsx", "file-macro-enabled"), good, extra={"xl/vbaProject.bin": b"\x00VBA"})
    minimal_xlsx(
        add("macro-content-type.xlsx", "file-macro-enabled"),
        good,
        content_types=CONTENT_TYPES.replace("sheet.main+xml", "sheet.macroEnabled.main+xml"),
    )
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    add("encrypted.xlsx", "file-encrypted").write_bytes(
        ole
        + "EncryptionInfo".encode("utf-16-le")
        + bytes(64)
        + "EncryptedPackage".encode("utf-16-le")
        + bytes(512)
    )
    add("broken-ole.xls", "file-corrupt").write_bytes(ole + "Workbook".encode("utf-16-le") + bytes(512))
    real_xls = _xls(d / "real.tmp", [[f"hàng {i}", i] for i in range(limits.max_rows + 5)])
    add("too-many-rows.xls", "rows-capped", "finding").write_bytes(real_xls)
    add("truncated.xls", "file-corrupt").write_bytes(real_xls[: len(real_xls) // 2])
    with open(add("too-large.xls", "file-too-large"), "wb") as handle:
        handle.write(ole)
        handle.truncate(limits.max_file_bytes // 4 + 1)  # within the xlsx limit, over the .xls one
    with zipfile.ZipFile(add("calc.ods", "format-unsupported"), "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    with zipfile.ZipFile(add("letter.docx.xlsx", "not-a-spreadsheet"), "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", "<w:document/>")
    add("html-table.xls", "not-a-spreadsheet").write_text("<html><table><tr><td>1</td></tr></table></html>")
    minimal_xlsx(
        add("too-many-rows.xlsx", "rows-capped", "finding"),
        sheet_xml([[f"r{i}", i] for i in range(limits.max_rows + 5)]),
    )
    minimal_xlsx(
        add("too-many-cells.xlsx", "cells-capped", "finding"),
        sheet_xml([list(range(150)) for _ in range(limits.max_cells // 150 + 50)]),
    )
    # Formatting applied to whole rows: a thousand empty cell elements a row, no values.
    letters = [cell_ref(1, c)[:-1] for c in range(1, 1001)]
    rows_xml = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{col}{r}" s="0"/>' for col in letters) + "</row>"
        for r in range(1, 81)
    )
    minimal_xlsx(
        add("many-empty-styled-cells.xlsx", "cells-capped", "finding"),
        sheet_xml([]).replace("<sheetData>", "<sheetData>" + rows_xml),
    )
    _many_sheets(add("too-many-sheets.xlsx", "sheets-capped", "finding"), limits.max_sheets + 5)
    minimal_xlsx(
        add("understated-dimension.xlsx", "ok", "ok"),
        sheet_xml([[f"r{i}", i, None, None, i * 2] for i in range(1, 51)], dimension="A1:B2"),
    )
    add("a-directory.xlsx", "not-a-file").mkdir()
    cases.append(HostileCase("missing.xlsx", d / "missing.xlsx", "file-not-found"))
    (d / "whole.tmp").unlink()
    (d / "real.tmp").unlink()
    return cases
