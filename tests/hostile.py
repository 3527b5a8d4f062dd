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


SHARED_STRINGS_TYPE = (
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
MAIN_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def styles_xml(formats: list[str], xfs: int, fonts: int = 1) -> str:
    """styles.xml with custom number formats (ids from 164) and `xfs` cell formats using them."""
    from xml.sax.saxutils import quoteattr

    fmts = "".join(
        f"<numFmt numFmtId={quoteattr(str(164 + i))} formatCode={quoteattr(code)}/>"
        for i, code in enumerate(formats)
    )
    # Attributes the reader ignores, with varied values: the parts stay below the zip ratio limit.
    rng = random.Random(xfs + fonts)
    font_xml = "".join(
        f'<font><sz val="{rng.randrange(10**6)}"/><name val="Times New Roman"/></font>' for _ in range(fonts)
    )
    ids = [164 + i % len(formats) if formats else 0 for i in range(xfs)]
    xf_xml = "".join(f'<xf numFmtId="{i}" fontId="0" xfId="{rng.randrange(10**6)}"/>' for i in ids)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<styleSheet {MAIN_NS}><numFmts>{fmts}</numFmts>'
        f"<fonts>{font_xml}</fonts><cellXfs>{xf_xml}</cellXfs></styleSheet>"
    )


def shared_strings_xml(strings: list[str]) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<sst {MAIN_NS}>'
        + "".join(f"<si><t>{text}</t></si>" for text in strings)
        + "</sst>"
    )


def shared_formula_sheet(master: str, dependants: int) -> str:
    """A1 holds `master` as a shared formula; A2.. are its dependants, each with a cached value."""
    rows = [
        f'<row r="1"><c r="A1"><f t="shared" ref="A1:A{dependants + 1}" si="0">{master}</f><v>1</v></c></row>'
    ]
    rows += [
        f'<row r="{r}"><c r="A{r}"><f t="shared" si="0"/><v>1</v></c></row>' for r in range(2, dependants + 2)
    ]
    return SHEET_HEAD + "<sheetData>" + "".join(rows) + "</sheetData></worksheet>"


def _xls(path: Path, rows: list[list[object]]) -> bytes:
    import xlwt  # type: ignore[import-untyped]

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            sheet.write(r, c, value)
    book.save(str(path))
    return path.read_bytes()


def _xls_formats(path: Path, formats: list[str]) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    for row, code in enumerate(formats):
        style = xlwt.XFStyle()
        style.num_format_str = code
        sheet.write(row, 0, 1.5, style)
    book.save(str(path))


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
    _work_multipliers(d, add, good, limits)
    add("a-directory.xlsx", "not-a-file").mkdir()
    cases.append(HostileCase("missing.xlsx", d / "missing.xlsx", "file-not-found"))
    (d / "whole.tmp").unlink()
    (d / "real.tmp").unlink()
    return cases


def _work_multipliers(d: Path, add, good: str, limits: Limits) -> None:
    """Small files that multiply the reader's work: each is refused (file-too-complex), capped
    with a finding, or read, within the time and memory bound of tests/test_hostile.py."""
    with_strings = CONTENT_TYPES.replace("</Types>", SHARED_STRINGS_TYPE)
    # A number format of 40,000 "[" (560 s once: a quadratic regex ran once per style).
    minimal_xlsx(
        add("numfmt-bomb.xlsx", "file-too-complex"),
        good,
        extra={"xl/styles.xml": styles_xml(["[" * 40_000], 1_000)},
    )
    # At the caps: the longest formats allowed, as many as allowed, used by 20,000 cell formats.
    at_cap = ["[" * limits.max_format_chars, '"' * limits.max_format_chars, "[$-42A" * 80 + "]dd/mm"]
    at_cap += [
        f'0.{"0" * (i % 30)}"{i}"[Red]' + "[" * (limits.max_format_chars - 50)
        for i in range(limits.max_number_formats - 3)
    ]
    minimal_xlsx(
        add("numfmt-at-cap.xlsx", "ok", "ok"), good, extra={"xl/styles.xml": styles_xml(at_cap, 20_000)}
    )
    minimal_xlsx(
        add("too-many-numfmts.xlsx", "file-too-complex"),
        good,
        extra={"xl/styles.xml": styles_xml([f'0.0"{i}"' for i in range(limits.max_number_formats + 1)], 1)},
    )
    minimal_xlsx(
        add("too-many-styles.xlsx", "file-too-complex"),
        good,
        extra={"xl/styles.xml": styles_xml(["0.0"], limits.max_styles + 1)},
    )
    minimal_xlsx(
        add("too-many-fonts.xlsx", "file-too-complex"),
        good,
        extra={"xl/styles.xml": styles_xml(["0.0"], 1, fonts=limits.max_fonts + 1)},
    )
    # Shared formulas: 90 KB copied to 3,600 cells cost 184 s and 536 MB once.
    master = "+".join(f"B{i}" for i in range(1, 15_000))  # 90 KB
    refs, size = [], 0
    while size < limits.max_formula_chars - 10:
        refs.append(f"B{len(refs) + 1}")
        size += len(refs[-1]) + 1
    minimal_xlsx(add("shared-formula-bomb.xlsx", "file-too-complex"), shared_formula_sheet(master, 3_600))
    # Each copy within the cap, but 3,600 copies beyond what the reader translates in all.
    minimal_xlsx(
        add("shared-formula-budget.xlsx", "file-too-complex"), shared_formula_sheet("+".join(refs), 3_600)
    )
    minimal_xlsx(add("shared-formula-small.xlsx", "ok", "ok"), shared_formula_sheet("SUM(B1:B9)*$C$1", 3_000))
    # Strings: too many, one too long, or too much text in all (one long string used everywhere).
    minimal_xlsx(
        add("too-many-strings.xlsx", "file-too-complex"),
        good,
        content_types=with_strings,
        extra={
            "xl/sharedStrings.xml": shared_strings_xml([str(i * 7919) for i in range(limits.max_strings + 1)])
        },
    )
    minimal_xlsx(
        add("string-too-long.xlsx", "file-too-complex"),
        good,
        content_types=with_strings,
        extra={"xl/sharedStrings.xml": shared_strings_xml(["x" * (limits.max_text_chars + 1)])},
    )
    cells = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(1, 200))
    minimal_xlsx(
        add("one-long-string-everywhere.xlsx", "file-too-complex"),
        SHEET_HEAD + f"<sheetData>{cells}</sheetData></worksheet>",
        content_types=with_strings,
        extra={"xl/sharedStrings.xml": shared_strings_xml(["x" * limits.max_text_chars])},
    )
    minimal_xlsx(add("inline-string-too-long.xlsx", "file-too-complex"), sheet_xml([["y" * 40_000]]))
    # Sheets: thousands listed in the workbook, each naming the one part.
    listed = "".join(f'<sheet name="S{i}" sheetId="{i}" r:id="rId1"/>' for i in range(1, 5_002))
    with zipfile.ZipFile(
        add("too-many-sheet-entries.xlsx", "file-too-complex"), "w", zipfile.ZIP_DEFLATED
    ) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr(
            "xl/workbook.xml",
            WORKBOOK.format(calc="").replace('<sheet name="Sheet1" sheetId="1" r:id="rId1"/>', listed),
        )
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", good)
    # Structures: conditional formats and validations beyond the cap, merges just under it.
    rules = "".join(
        f'<conditionalFormatting sqref="A{i}"><cfRule type="expression" priority="{i}">'
        f"<formula>A{i}&gt;1</formula></cfRule></conditionalFormatting>"
        for i in range(1, limits.max_sheet_structures + 2)
    )
    minimal_xlsx(add("many-conditional-formats.xlsx", "file-too-large"), sheet_xml([["a"]], extra=rules))
    checks = "".join(
        f'<dataValidation type="whole" sqref="A{i}"><formula1>0</formula1></dataValidation>'
        for i in range(1, limits.max_sheet_structures + 2)
    )
    minimal_xlsx(
        add("many-data-validations.xlsx", "file-too-large"),
        sheet_xml([["a"]], extra=f"<dataValidations>{checks}</dataValidations>"),
    )
    merges = "".join(f'<mergeCell ref="A{i}:B{i}"/>' for i in range(1, limits.max_sheet_structures - 10))
    minimal_xlsx(
        add("many-merges-under-cap.xlsx", "ok", "ok"),
        sheet_xml([["a"]], extra=f"<mergeCells>{merges}</mergeCells>"),
    )
    # Coordinates: the last cell of Excel's grid, a column beyond it, a claimed huge dimension.
    far = (
        SHEET_HEAD + '<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="1048576">'
        '<c r="XFD1048576"><v>2</v></c></row></sheetData></worksheet>'
    )
    minimal_xlsx(add("last-cell-xfd1048576.xlsx", "rows-capped", "finding"), far)
    minimal_xlsx(
        add("column-beyond-xfd.xlsx", "file-corrupt"),
        SHEET_HEAD + '<sheetData><row r="1"><c r="AAAA1"><v>1</v></c></row></sheetData></worksheet>',
    )
    minimal_xlsx(
        add("huge-dimension-claim.xlsx", "ok", "ok"), sheet_xml([["Chỉ tiêu", 1]], dimension="A1:XFD1048576")
    )
    empty_rows = "".join(f'<row r="{r}"/>' for r in range(1, 300_000))
    minimal_xlsx(
        add("300k-empty-rows.xlsx", "rows-capped", "finding"),
        SHEET_HEAD + f"<sheetData>{empty_rows}</sheetData></worksheet>",
    )
    tiny = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{cell_ref(r, c)}"><v>1</v></c>' for c in range(1, 9)) + "</row>"
        for r in range(1, 4_900)
    )
    minimal_xlsx(
        add("many-rows-of-tiny-cells.xlsx", "cells-capped", "finding"),
        SHEET_HEAD + f"<sheetData>{tiny}</sheetData></worksheet>",
    )
    # Deep XML nesting inside a cell and around the sheet data.
    deep = "<x>" * 100_000 + "</x>" * 100_000
    minimal_xlsx(
        add("deep-nesting.xlsx", "ok", "ok"),
        SHEET_HEAD + f'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t>{deep}</is></c>'
        "</row></sheetData></worksheet>",
    )
    # Absurd numbers in numeric cells: the reader keeps them; the checks refuse them per cell.
    minimal_xlsx(
        add("absurd-numbers.xlsx", "ok", "ok"),
        SHEET_HEAD + '<sheetData><row r="1">'
        f'<c r="A1"><v>1e400</v></c><c r="B1"><v>{"9" * 309}</v></c><c r="C1"><v>{"9" * 6000}</v></c>'
        '<c r="D1"><v>NaN</v></c></row></sheetData></worksheet>',
    )
    # Long texts where the checks read every character (title block, legacy-font detection):
    # 30 cells of 24,000 characters fit the workbook's text budget; 32 do not.
    rng = random.Random(9)
    words = "Tæng møc b¸n lÎ hµng hãa Tổng mức bán lẻ Quý 6 tháng đầu năm 2025 1.234,5 % ( ) Së C«ng".split()

    def long_text() -> str:
        return " ".join(rng.choice(words) + str(rng.randrange(1000)) for _ in range(4_500))[:24_000]

    table = [["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2025", "Ước thực hiện 6 tháng năm 2025"],
             [1, "Sản lượng điện", "triệu kWh", 700, 350]]  # fmt: skip
    texts = [long_text() for _ in range(32)]
    minimal_xlsx(add("long-texts-at-budget.xlsx", "ok", "ok"), sheet_xml([[t] for t in texts[:30]] + table))
    minimal_xlsx(
        add("long-texts-over-budget.xlsx", "file-too-complex"), sheet_xml([[t] for t in texts] + table)
    )
    # .xls: xlrd's own date-format test was quadratic on unmatched "[" (readers/xls.py).
    _xls_formats(add("xls-numfmt-bomb.xls", "ok", "ok"), ["[" * 4_000 + str(i) for i in range(200)])
    # A zip member name flagged UTF-8 that is not: zipfile raises UnicodeDecodeError.
    named = bytearray(minimal_xlsx(d / "named.tmp", good, extra={"xl/media/\u00e9.bin": b"x"}).read_bytes())
    for pos in range(len(named) - 1):
        if named[pos : pos + 2] == "\u00e9".encode():
            named[pos] = 0xB1
    add("zip-name-not-utf8.xlsx", "file-corrupt").write_bytes(bytes(named))
    (d / "named.tmp").unlink()
    # CSV: the delimiter sniffer's regular expressions are quadratic; they see a capped head.
    add("quotes.csv", "cells-capped", "finding").write_text('"a,' * 200_000 + "\n", encoding="utf-8")
