"""Plan files built in code for the extract tests: a text PDF, a PDF of images only, a .docx."""

from __future__ import annotations

from pathlib import Path


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(data: bytes, extra: str = "") -> bytes:
    return f"<< /Length {len(data)} {extra}>>\nstream\n".encode() + data + b"\nendstream"


def one_byte_font(characters: set[str]) -> tuple[dict[str, int], bytes]:
    """A one-byte code for each character and the ToUnicode CMap that gives the characters back,
    the way real PDFs carry text in fonts that are not Latin-1."""
    chars = sorted(characters)
    assert len(chars) < 255, "one simple font holds 254 characters"
    code = {ch: i + 1 for i, ch in enumerate(chars)}
    cmap_lines = "\n".join(f"<{code[ch]:02X}> <{ord(ch):04X}>" for ch in chars)
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CMapName /Extract-Test def /CMapType 2 def\n"
        "1 begincodespacerange <01> <FF> endcodespacerange\n"
        f"{len(chars)} beginbfchar\n{cmap_lines}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()
    return code, cmap


def text_pdf(pages: list[list[str]]) -> bytes:
    """A PDF whose text layer holds `pages` (lines of Unicode text, Vietnamese included).

    Each character gets a one-byte code of a simple font, and the font's ToUnicode map gives
    the character back: the way real PDFs carry text in fonts that are not Latin-1.
    """
    code, cmap = one_byte_font({ch for page in pages for line in page for ch in line})
    n_pages = len(pages)
    # objects: 1 catalog, 2 pages, 3 font, 4 cmap, then (page, content) per page
    kids = " ".join(f"{5 + 2 * i} 0 R" for i in range(n_pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 1 /LastChar 255 /ToUnicode 4 0 R >>",
        _stream(cmap),
    ]
    for i, page in enumerate(pages):
        ops = [b"BT /F1 11 Tf 14 TL 50 800 Td"]
        for line in page:
            encoded = bytes(code[ch] for ch in line)
            escaped = encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            ops.append(b"(" + escaped + b") Tj T*")
        ops.append(b"ET")
        content = b"\n".join(ops)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {6 + 2 * i} 0 R >>".encode()
        )
        objects.append(_stream(content))
    return _pdf(objects)


def image_only_pdf(n_pages: int = 2) -> bytes:
    """A PDF like a scan: each page paints a picture (here grey boxes), no text at all."""
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n_pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode(),
    ]
    for i in range(n_pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R >>".encode()
        )
        objects.append(_stream(b"0.5 g 50 50 495 742 re f"))
    return _pdf(objects)


def write_docx(
    path: Path, paragraphs: list[str], table: list[list[str]] | None = None, after: list[str] = ()
) -> Path:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    for text in after:
        document.add_paragraph(text)
    document.save(str(path))
    return path
