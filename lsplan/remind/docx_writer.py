"""A `LetterText` laid out as a công văn under Nghị định 30/2020/NĐ-CP, Phụ lục I, in .docx.

A4 portrait; margins 20 / 20 / 30 / 15 mm (top, bottom, left, right); Times New Roman
throughout. The header is a borderless two-column table: cơ quan chủ quản (13, upright) and
ban hành (13, bold) over a short rule, then "Số:      /STC-TH" (13) and the trích yếu "V/v …"
(12, upright) on the left; Quốc hiệu (12, bold, upper case) and Tiêu ngữ (13, bold) over a rule as
long as it, then place and date (14, italic) on the right, level with the number. Body at 14,
justified, first-line indent 1 cm, 6 pt between paragraphs, 1.2 lines. Signer block (14, bold) on
the right, level with "Nơi nhận:" (12, bold italic; the list 11, upright). Page numbers (14,
centred in the top margin) from page 2 only: a different first-page header, with a PAGE field in
the default header, written as raw XML since python-docx has no field API.

python-docx is imported only here, and only `lsplan remind` imports this module.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from lsplan.remind.compose import LetterText

FONT = "Times New Roman"
TEXT_WIDTH_CM = 21.0 - 3.0 - 1.5  # A4 less the left and right margins
LEFT_COLUMN_CM = 6.6
RIGHT_COLUMN_CM = TEXT_WIDTH_CM - LEFT_COLUMN_CM
# Average advance of Times New Roman, in ems, to size the rules from their text (bold capitals
# run wider than mixed case). An estimate: the rules need only be about right (NĐ 30 gives ranges).
_EM_CAPS_BOLD, _EM_MIXED_BOLD = 0.70, 0.50


def _text_width_cm(text: str, size_pt: float, em: float) -> float:
    return len(text) * em * size_pt * 2.54 / 72


def _font(run: Any, size: float, *, bold: bool = False, italic: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)


def _line(
    container: Any,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    align: str = "center",
    first: bool = False,
    before: float = 0,
    after: float = 0,
) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = container.paragraphs[0] if first and container.paragraphs else container.add_paragraph()
    paragraph.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(before), Pt(after), 1.0
    if text:
        _font(paragraph.add_run(text), size, bold=bold, italic=italic)
    return paragraph


def _rule(cell: Any, length_cm: float, column_cm: float) -> Any:
    """A centred solid rule `length_cm` long: an empty paragraph with a top border, indented."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    paragraph = _line(cell, "", 2)
    side = max((column_cm - length_cm) / 2 - 0.2, 0)  # 0.2: the cell's own margin
    paragraph.paragraph_format.left_indent = Cm(side)
    paragraph.paragraph_format.right_indent = Cm(side)
    paragraph.paragraph_format.space_before = Pt(1)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    paragraph._p.get_or_add_pPr().append(borders)
    return paragraph


def _borderless(table: Any, widths_cm: tuple[float, ...]) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table.autofit = False
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.append(borders)
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)  # the grid (w:gridCol), which LibreOffice and Word lay out by
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def _page_number_header(section: Any) -> None:
    """No number on page 1; a centred PAGE field (14) on the others."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    _line(section.header, "", 14, first=True)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        run = paragraph.add_run()
        _font(run, 14)
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text  # the cached result, replaced by the field on opening
    _line(section.first_page_header, "", 14, first=True)  # an empty first-page header


def _header(document: Any, text: LetterText) -> None:
    table = document.add_table(rows=2, cols=2)
    _borderless(table, (LEFT_COLUMN_CM, RIGHT_COLUMN_CM))
    left, right = table.rows[0].cells
    if text.parent:
        _line(left, text.parent, 13, first=True)
        _line(left, text.issuer, 13, bold=True)
    else:  # UBND tỉnh itself: its name on two lines, both bold
        words = text.issuer.split(" ")
        split = 3 if len(words) > 4 else len(words)
        _line(left, " ".join(words[:split]), 13, bold=True, first=True)
        if words[split:]:
            _line(left, " ".join(words[split:]), 13, bold=True)
    issuer_cm = _text_width_cm(text.issuer, 13, _EM_CAPS_BOLD)
    _rule(left, min(issuer_cm, LEFT_COLUMN_CM) * 0.4, LEFT_COLUMN_CM)
    _line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True, first=True)
    motto = "Độc lập - Tự do - Hạnh phúc"
    _line(right, motto, 13, bold=True)
    _rule(right, _text_width_cm(motto, 13, _EM_MIXED_BOLD), RIGHT_COLUMN_CM)
    left, right = table.rows[1].cells
    _line(left, text.number, 13, first=True)
    _line(left, text.subject, 12, before=6)
    _line(right, text.place_date, 14, italic=True, first=True)


def _a4(document: Any) -> Any:
    """A4 portrait, margins 20 / 20 / 30 / 15 mm (NĐ 30, Phụ lục I): the page of every letter."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    return section


def write_docx(text: LetterText, target: Any, *, created: datetime | None = None) -> None:
    """Write one letter to `target`, a path or a binary file (the caller writes atomically)."""
    from docx import Document
    from docx.shared import Cm, Pt

    document = Document()
    section = _a4(document)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    _page_number_header(section)
    if text.draft:
        _line(document, "DỰ THẢO", 13, bold=True, align="right", first=True, after=6)
    _header(document, text)
    recipients = list(text.recipients)
    if len(recipients) == 1:
        _line(document, f"Kính gửi: {recipients[0]}.", 14, before=12, after=12)
    else:
        _line(document, "Kính gửi:", 14, before=12)
        for i, name in enumerate(recipients):
            end = "." if i == len(recipients) - 1 else ";"
            para = _line(document, f"- {name}{end}", 14, align="left")
            para.paragraph_format.left_indent = Cm(5.5)
        document.paragraphs[-1].paragraph_format.space_after = Pt(12)
    for _kind, body in text.paragraphs:  # items and body paragraphs are laid out alike
        paragraph = _line(document, body, 14, align="justify", after=6)
        paragraph.paragraph_format.first_line_indent = Cm(1)
        paragraph.paragraph_format.line_spacing = 1.2
    _signature(document, text)
    # A document cannot end in a table: Word and LibreOffice add a paragraph after it, which at
    # full size can spill alone onto an empty last page. Ours is 1 pt with no spacing.
    _tiny_last_paragraph(_line(document, "", 1))
    core = document.core_properties
    core.title, core.subject, core.author = text.subject, text.subject, text.issuer.title()
    if created is not None:
        core.created = core.modified = created
        core.last_modified_by = core.author
    document.save(target)


def _tiny_last_paragraph(paragraph: Any) -> None:
    """1 pt, exact line height, no spacing: its paragraph mark too (the mark takes the Normal
    style's 14 pt otherwise, and that line is what lands alone on a new page)."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(1)
    mark = OxmlElement("w:rPr")
    for tag in ("w:sz", "w:szCs"):
        size = OxmlElement(tag)
        size.set(qn("w:val"), "2")  # half-points
        mark.append(size)
    paragraph._p.get_or_add_pPr().append(mark)


def _signature(document: Any, text: LetterText) -> None:
    from docx.oxml import OxmlElement

    if document.paragraphs:  # the closing "./." line goes with the signer, never alone
        document.paragraphs[-1].paragraph_format.keep_with_next = True
    table = document.add_table(rows=1, cols=2)
    _borderless(table, (TEXT_WIDTH_CM / 2, TEXT_WIDTH_CM / 2))
    # The signer block is one row that never splits across pages: a signature space cut in two
    # would leave the name alone on the next page.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = table.rows[0].cells
    _line(left, "Nơi nhận:", 12, bold=True, italic=True, align="left", first=True, before=6)
    for line in text.copies:
        _line(left, line, 11, align="left")
    first = True
    for line in (*text.authority, text.signer_title):
        _line(right, line, 14, bold=True, first=first, before=6 if first else 0)
        first = False
    for _ in range(4):  # the space for the signature and seal
        _line(right, "", 14)
    _line(right, text.signer_name, 14, bold=True)


def created_at(as_of: Any) -> datetime:
    """A fixed creation time (the as-of day, 08:00) so that the same inputs give the same file."""
    return datetime.combine(as_of, time(8, 0))


def write_summary_docx(
    title: str, rows: list[list[str]], notes: list[str], target: Any, *, created: datetime | None = None
) -> None:
    """The one-page list of who was written to and why (same page set-up as the letters)."""
    from docx import Document
    from docx.shared import Cm

    document = Document()
    _a4(document)
    _line(document, title, 14, bold=True, first=True, after=12)
    table = document.add_table(rows=1, cols=len(rows[0]))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, rows[0], strict=True):
        _line(cell, header, 12, bold=True, first=True)
    for row in rows[1:]:
        cells = table.add_row().cells
        for i, (cell, value) in enumerate(zip(cells, row, strict=True)):
            _line(cell, value, 12, first=True, align="center" if i != 1 else "left")
    widths = (1.2, 5.0, 4.0, 2.1, 2.1, 2.1)[: len(rows[0])]
    for column, width in zip(table.columns, widths, strict=False):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Cm(width)
    for note in notes:
        paragraph = _line(document, note, 13, align="justify", before=6)
        paragraph.paragraph_format.first_line_indent = Cm(1)
    document.core_properties.title = title
    if created is not None:
        document.core_properties.created = document.core_properties.modified = created
    document.save(target)
