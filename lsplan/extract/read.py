"""Stage 1: a plan file -> raw lines. Tables come out as "| cell | cell |" rows, as in markdown.

python-docx and pypdf are imported here only, inside the functions that need them, so that no
other command pays for them. Each reader keeps the text as the document holds it; joining lines
and dropping page furniture is the next stage's work.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from lsplan.extract.model import ExtractError

MAX_BYTES = 50 * 1024 * 1024
SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".docx": "docx", ".pdf": "pdf"}
# Below this many letters per page a PDF is taken to be a scan: its text layer is empty or noise.
MIN_LETTERS_PER_PAGE = 20
# A PDF whose font places Vietnamese marks as glyphs of their own gives text such as "chính sách
# u đãi, th  t c pháp lý … ư ủ ụ ả": the letters are parted from their marks, which land as
# one-letter "words". Vietnamese prose has few of those ("ở"; 0.06 % of the words of the shipped
# plans); such a text layer has a quarter or more. Above this share the file is refused: what it
# yields would be read wrong, not merely less.
MAX_LONE_MARKS = 0.03


def read_plan(path: Path) -> tuple[list[str], str]:
    """The file's lines and its kind ("txt", "md", "docx", "pdf"); ExtractError when unreadable."""
    if not path.exists():
        raise ExtractError("file-not-found", path=str(path))
    if not path.is_file():
        raise ExtractError("not-a-file", path=str(path))
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise ExtractError("format-unsupported", detail=f"{path.name} (.txt, .md, .docx or .pdf expected)")
    size = path.stat().st_size
    if size == 0:
        raise ExtractError("file-empty")
    if size > MAX_BYTES:
        raise ExtractError("file-too-large", detail=f"{size} bytes")
    if kind in ("txt", "md"):
        lines = _text_lines(path)
    elif kind == "docx":
        lines = _docx_lines(path)
    else:
        lines = _pdf_lines(path)
    lines = [unicodedata.normalize("NFC", line) for line in lines]
    if not any(line.strip() for line in lines):
        raise ExtractError("file-empty")
    return lines, kind


def _text_lines(path: Path) -> list[str]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ExtractError("file-unreadable", detail="not UTF-8 text")
    # A form feed is a page break in text taken from PDFs: keep it as a line of its own.
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\f\n").split("\n")


def row_line(cells: list[str]) -> str:
    """A table row as one line: "| a | b |" (a pipe inside a cell becomes "/")."""
    return "| " + " | ".join(" ".join(c.replace("|", "/").split()) for c in cells) + " |"


def _docx_lines(path: Path) -> list[str]:
    import zipfile

    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as exc:  # pragma: no cover - a dependency of lsplan
        raise ExtractError("format-unsupported", detail=f"python-docx is not installed ({exc})") from None
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise ExtractError("file-corrupt", detail=str(exc)[:200]) from None
    from lsplan.extract.docx_numbering import Numbering

    numbering = Numbering(document)
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            # Each Word paragraph is a paragraph: a blank line after it marks the end. Its
            # automatic number ("II.", "1.", "a)") is not in its text: it is put back in front.
            text = Paragraph(child, document).text
            label = numbering.label(child)
            lines += [f"{label} {text}" if label and text.strip() else text, ""]
        elif tag == "tbl":
            table = Table(child, document)
            for row in table.rows:
                cells: list[str] = []
                seen: list[object] = []
                for cell in row.cells:
                    if any(cell._tc is s for s in seen):
                        # A cell merged across columns repeats itself: it is written once, and
                        # the columns it spans stay, empty, so that every row keeps the grid.
                        cells.append("")
                        continue
                    seen.append(cell._tc)
                    cells.append(cell.text)
                lines.append(row_line(cells))
            lines.append("")
    return lines


def _pdf_lines(path: Path) -> list[str]:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover - a dependency of lsplan
        raise ExtractError("format-unsupported", detail=f"pypdf is not installed ({exc})") from None
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise ExtractError("file-unreadable", detail="the PDF is encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ExtractError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ExtractError("file-corrupt", detail=str(exc)[:200]) from None
    letters = sum(ch.isalpha() for page in pages for ch in page)
    if not pages or letters < MIN_LETTERS_PER_PAGE * len(pages):
        raise ExtractError("plan-no-text", pages=str(len(pages)))
    share = _lone_marks_share(pages)
    if share > MAX_LONE_MARKS:
        raise ExtractError("plan-text-garbled", share=f"{share:.0%}")
    lines: list[str] = []
    for number, page in enumerate(pages):
        # Layout mode costs as much again as the plain text: only for a page that may hold a table.
        table = _pdf_table_lines(reader.pages[number]) if _MAY_HOLD_TABLE.search(page) else None
        lines += table or page.split("\n")
        lines.append("\f")
    return lines


# A table's header as the plain text gives it: a line that opens with "STT" or "TT".
_MAY_HOLD_TABLE = re.compile(r"(?m)^\s*(?:STT|TT|Số TT)\b")


def _lone_marks_share(pages: list[str]) -> float:
    words = [word for page in pages for word in page.split()]
    if len(words) < 50:
        return 0.0  # too little text to judge
    lone = sum(1 for word in words if len(word) == 1 and word.isalpha() and not word.isascii())
    return lone / len(words)


def _pdf_table_lines(page) -> list[str] | None:
    """The page read with its layout when it holds a table (lsplan.extract.pdf_tables), else None."""
    from lsplan.extract.pdf_tables import layout_rows

    try:
        text = page.extract_text(extraction_mode="layout") or ""
    except Exception:  # pypdf's layout mode fails on some pages; the plain text still reads them
        return None
    return layout_rows(text, row_line)
