"""Stage 2: raw lines -> a Document of paragraphs, with hard line breaks joined.

Text taken from a PDF breaks every line (often with a blank line after each), carries page
numbers and repeated headers, and interrupts a sentence with the page's footnotes. A portal's
conversion wraps numbering in **bold** and writes tables as "| a | b |". This stage undoes the
layout and nothing else: every character of a paragraph is a character of the source, in the
source's order, so that a quote cut from the normalised text is found in the source once the
white space is ignored (the way `lsplan data validate` compares quotes).
"""

from __future__ import annotations

import re
from collections import Counter

from lsplan.extract.model import Document, Paragraph

# The start of a numbered or bulleted item: "II.", "1.", "1.2.", "a)", "(1)", "1)", "-", "+", "•".
LIST_MARKER = re.compile(
    r"^(?:Điều\s+\d{1,3}[.:]|[IVXLC]{1,6}\.|\d{1,2}(?:\.\d{1,2})*\.(?!\d)|[a-zđ]\)|\(\d{1,2}\)|\d{1,2}\)|[-–•+*])\s*"
)
_PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*)?\d{1,3}(?:\s*[-–—])?$|^(?:trang|page)\s+\d+(?:\s*/\s*\d+)?$", re.I)
_TABLE_RULE = re.compile(r"^\|[\s:\-|]+\|$")
_FOOTNOTE_RULE = re.compile(r"^(?:_{5,}|-{10,})$")  # or a line of 15 spaces or more
_FOOTNOTE_START = re.compile(r"^(\d{1,2})\s+\S")
# A note written out where a portal or a word processor puts it: "[1] …", "[^1]: …".
_NOTE_DEFINITION = re.compile(r"^\[\^?(\d{1,2})\]:?\s+\S")
_SENTENCE_END = re.compile(r"(?:[.:;!?…]|\./\.)[\"”’)]*$")
_BOLD = re.compile(r"\*\*|__")
# "Điều 1. Đánh giá tình hình thực hiện năm 2025": an article's or part's heading is a line of
# its own, so the next line that opens with a capital starts the article's first paragraph.
# "… cơ quan phối hợp:" at a line's end: the label's value is on the next line, whatever its case.
_LABEL_AT_END = re.compile(
    r"(?:chủ trì|phối hợp|thực hiện|hoàn thành|thời gian|thời hạn|sản phẩm|kinh phí|nguồn vốn)\s*:$", re.I
)
_ARTICLE_HEADING = re.compile(r"^(?:Điều|Chương|Phần|Mục)\s+(?:\d+|[IVXLC]+)\s*[.:]", re.I)


def _is_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters)


def _blank_lines_break(lines: list[str]) -> bool:
    """True unless the text puts a blank line after nearly every line (a PDF's text layer)."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if len(filled) < 2:
        return True
    followed = sum(1 for i in filled if i + 1 < len(lines) and not lines[i + 1].strip())
    return followed / len(filled) < 0.7


def _lines_are_paragraphs(lines: list[str]) -> bool:
    """True when each line is a paragraph (a portal's or a word processor's text, one line per
    paragraph, many far longer than a printed line), not a page's text broken at its width."""
    filled = [line for line in lines if line.strip() and not line.lstrip().startswith("|")]
    if len(filled) < 5:
        return False
    long = sum(1 for line in filled if len(line.strip()) > 110)
    if long / len(filled) < 0.15:
        return False
    # A page broken at a wide width has long lines too, but most of them stop mid-sentence.
    ended = sum(1 for line in filled if _SENTENCE_END.search(line.strip()) or _is_caps(line))
    return ended / len(filled) >= 0.6


def _furniture(lines: list[str]) -> set[str]:
    """Short lines repeated next to page breaks: running headers and footers."""
    near: Counter[str] = Counter()
    pages: list[list[str]] = [[]]
    for line in lines:
        if line == "\f":
            pages.append([])
        elif line.strip():
            pages[-1].append(line.strip())
    for page in pages:
        for text in {*page[:2], *page[-2:]}:
            if len(text) <= 80:
                near[text] += 1
    return {text for text, count in near.items() if count >= 2 and not _SENTENCE_END.search(text)}


def normalise(lines: list[str], source_kind: str) -> Document:
    """Join hard line breaks into paragraphs; drop page numbers, running heads and bold marks."""
    blank_breaks = _blank_lines_break(lines)
    line_breaks = _lines_are_paragraphs(lines)
    furniture = _furniture(lines)
    paragraphs: list[tuple[str, str, tuple[str, ...], tuple[int, ...]]] = []  # (kind, text, cells, seams)
    current: list[str] = []
    current_seams: list[int] = []  # lines of `current` that follow dropped lines (furniture)
    dropped = False  # a line was dropped since the last line kept
    current_kind = "text"
    previous_blank = False
    in_footnotes = False
    footnotes: list[str] = []
    resume = False  # the page's footnotes are over: the main text may go on mid-sentence
    inherited: tuple[int, ...] = ()  # seams of a paragraph taken up again after footnotes
    deferred: list[tuple[str, str, tuple[str, ...], tuple[int, ...]]] = []  # its footnotes, after it

    def flush() -> None:
        nonlocal current, current_seams, inherited
        if current:
            # A seam inside the paragraph, where a line follows dropped ones; or at its start (0),
            # so that a quote running on from the paragraph before does not cross them either.
            seams = tuple(len(" ".join(current[:k])) if k else 0 for k in current_seams if k < len(current))
            paragraphs.append((current_kind, " ".join(current), (), inherited + seams))
        paragraphs.extend(deferred)
        deferred.clear()
        current, current_seams, inherited = [], [], ()

    def take_up(line: str) -> bool:
        """The sentence a page's footnotes interrupted goes on: "… đạt không" [footnotes, page
        break] "dưới 82%; …". The paragraph before the footnotes is taken up again, the footnotes
        follow it; the seam keeps quotes from crossing what lies between."""
        nonlocal current, current_kind, inherited, dropped
        if not (line[:1].islower() or line[:1].isdigit() and not LIST_MARKER.match(line)):
            return False  # a capital or a number of an item: something new begins
        j = len(paragraphs) - 1
        while j >= 0 and paragraphs[j][0] == "footnote":
            j -= 1
        if j < 0 or j == len(paragraphs) - 1 or paragraphs[j][0] != "text":
            return False
        if _SENTENCE_END.search(paragraphs[j][1]):
            return False
        deferred.extend(paragraphs[j + 1 :])
        kind, text, _, seams = paragraphs[j]
        del paragraphs[j:]
        current, current_kind, inherited = [text], kind, seams
        dropped = True
        append(line)
        return True

    def append(line: str) -> None:
        nonlocal dropped
        if dropped:
            current_seams.append(len(current))  # 0: the paragraph begins after dropped lines
        dropped = False
        current.append(line)

    for index, raw in enumerate(lines):
        if raw == "\f":
            if current_kind == "footnote":
                flush()  # footnotes end with their page
                current_kind, resume = "text", True
            in_footnotes = False
            dropped = True
            continue
        stripped = raw.strip()
        if (not stripped and len(raw) >= 15) or (stripped and _FOOTNOTE_RULE.match(stripped)):
            flush()
            in_footnotes = True
            continue
        line = " ".join(raw.replace("\u00a0", " ").split())
        if source_kind == "md":
            line = _BOLD.sub("", line)
            line = re.sub(r"^#{1,6}\s+", "", line)
            line = re.sub(r"\\([.\-*_()\[\]#|])", r"\1", line)
            line = line.strip()
        if not line:
            previous_blank = True
            continue
        was_blank, previous_blank = previous_blank, False
        if line in furniture or _PAGE_NUMBER.match(line):
            dropped = True
            continue
        if resume and not in_footnotes:
            if take_up(line):
                resume = False
                continue
            if _running_head(line, lines, index, paragraphs):
                dropped = True  # a head seen once, between a page's cut sentence and its rest
                continue
            resume = False
        if line.startswith("|") and line.endswith("|") and line.count("|") >= 3:
            flush()
            if not _TABLE_RULE.match(line):
                cells = tuple(cell.strip() for cell in line[1:-1].split("|"))
                paragraphs.append(("row", line, cells, ()))
            continue
        footnote = _FOOTNOTE_START.match(line) if in_footnotes else _NOTE_DEFINITION.match(line)
        if footnote:
            flush()
            current_kind = "footnote"
            footnotes.append(footnote.group(1))
            current, dropped = [line], False
            continue
        if (
            in_footnotes
            and current_kind == "footnote"
            and line[:1].islower()
            and _SENTENCE_END.search(current[-1])
        ):
            # The page's main text resumes mid-sentence after its footnotes.
            in_footnotes = False
            flush()
            current_kind = "text"
            if not take_up(line):
                current, dropped = [line], False
            continue
        if current_kind == "footnote" and line[:1].islower():
            append(line)  # the footnote goes on
            continue
        if line_breaks or _starts_paragraph(current, line, blank_breaks and was_blank):
            flush()
            current_kind = "text"
        append(line)
    flush()

    out: list[Paragraph] = []
    offset = 0
    all_seams: list[int] = []
    for kind, text, cells, seams in paragraphs:
        out.append(Paragraph(text=text, start=offset, kind=kind, cells=cells))
        all_seams += [offset + seam for seam in seams]
        offset += len(text) + 1
    return Document(
        text="\n".join(p.text for p in out),
        paragraphs=tuple(out),
        source_kind=source_kind,
        footnotes=tuple(dict.fromkeys(footnotes)),
        seams=tuple(all_seams),
    )


def _running_head(line: str, lines: list[str], index: int, paragraphs: list) -> bool:  # noqa: ANN001
    """A short line opening a page, between a sentence the page break cut ("… đạt 48.500") and
    the rest of it ("tỷ đồng."): the page's running head, though the text shows it only once."""
    if len(line) > 80 or _SENTENCE_END.search(line) or LIST_MARKER.match(line):
        return False
    text = next((p[1] for p in reversed(paragraphs) if p[0] == "text"), "")
    if not text or _SENTENCE_END.search(text):
        return False
    following = next(
        (n.strip() for n in lines[index + 1 :] if n.strip() and not _PAGE_NUMBER.match(n.strip())), ""
    )
    return following[:1].islower()


def _starts_paragraph(current: list[str], line: str, after_blank: bool) -> bool:
    if not current or after_blank:
        return True
    previous = current[-1]
    if _LABEL_AT_END.search(previous.rstrip()) and not LIST_MARKER.match(line):
        return False
    ended = bool(_SENTENCE_END.search(previous)) or _is_caps(previous) and not _is_caps(line)
    marker = LIST_MARKER.match(line)
    rest = line[marker.end() :] if marker else line
    if marker and marker.group(0).strip() in ("-", "–") and rest[:1].isdigit() and previous[-1:].isdigit():
        return False  # "… đạt từ 4" / "- 4,5%.": a range broken at its dash, not a new item
    capital = rest[:1].isupper() or rest[:1].isdigit() and bool(marker)
    if marker and marker.group(0).strip() and (ended or capital):
        return True
    if ended and line[:1].isupper():
        return True
    if len(current) == 1 and _ARTICLE_HEADING.match(previous) and len(previous) < 160 and line[:1].isupper():
        return True
    return _is_caps(line) and not _is_caps(" ".join(current))


def clip_to_seams(document: Document, offset: int, quote: str, keep: str) -> tuple[int, str]:
    """A quote that spans a page break cut to one side of it. The page number and running head
    dropped there are still in the source, so a quote across them would not be found by the
    quote check; the side kept is the one holding `keep` (the figure, the lead's name), else the
    longer one."""
    inside = [s - offset for s in document.seams if offset < s < offset + len(quote)]
    if not inside:
        return offset, quote
    bounds = [0, *inside, len(quote)]
    pieces = [(bounds[i], quote[bounds[i] : bounds[i + 1]]) for i in range(len(bounds) - 1)]
    holding = [p for p in pieces if keep and keep in p[1]]
    start, piece = (holding or sorted(pieces, key=lambda p: -len(p[1].strip())))[0]
    stripped = piece.strip()
    return offset + start + piece.find(stripped), stripped
