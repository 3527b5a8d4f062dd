"""Stage 3: numbering labels -> section paths ("II.1.a", "V.2(3)").

Plans number their parts in styles: Roman "I.", Arabic "1." (or "1.2."), letters "a)", and
parenthesised "(1)" or "1)". The first style met is the top level, the next one met below it the
second, and so on; a label of a style already in use closes every deeper level. Paragraphs
without a label belong to the last section opened. Table rows keep the section they are in.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lsplan.extract.model import Document, Paragraph

_LABELS = (
    ("article", re.compile(r"^(Điều\s+\d{1,3})[.:]\s*(?=\S)")),  # the articles of a resolution
    ("roman", re.compile(r"^([IVXLC]{1,6})\.\s*(?=\S)")),
    ("arabic", re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.(?!\d)\s*(?=\S)")),
    ("letter", re.compile(r"^([a-zđ])\)\s*(?=\S)")),
    ("paren", re.compile(r"^\((\d{1,2})\)\s*(?=\S)|^(\d{1,2})\)\s*(?=\S)")),
)


def label_of(text: str) -> tuple[str, str, str] | None:
    """(style, value, label as written) of a paragraph's leading label, or None."""
    for style, pattern in _LABELS:
        match = pattern.match(text)
        if match:
            value = next(g for g in match.groups() if g)
            return style, value, match.group(0).strip()
    return None


def _join(path: list[tuple[str, str]]) -> str:
    out = ""
    for style, value in path:
        if style == "paren":
            out += f"({value})"
        else:
            out += ("." if out else "") + value
    return out


def assign_sections(document: Document) -> tuple[Document, list[tuple[str, Paragraph]]]:
    """The document with each paragraph's `label` and `section`; and the paths used twice."""
    styles: list[str] = []  # style of each level, outermost first
    path: list[tuple[str, str]] = []
    seen: dict[str, Paragraph] = {}
    repeated: list[tuple[str, Paragraph]] = []
    out: list[Paragraph] = []
    for paragraph in document.paragraphs:
        found = label_of(paragraph.text) if paragraph.kind == "text" else None
        if found is None:
            out.append(replace(paragraph, section=_join(path)))
            continue
        style, value, written = found
        if style == "arabic" and "." in value and styles[:1] == ["roman"]:
            path = path[:1] + [("arabic", v) for v in value.split(".")]
        else:
            if style in styles:
                level = styles.index(style)
                styles = styles[: level + 1]
            else:
                level = len(path)
                styles = styles[:level] + [style]
            path = path[:level] + [(style, value)]
        section = _join(path)
        if section in seen:
            repeated.append((section, paragraph))
        seen[section] = paragraph
        out.append(replace(paragraph, label=written, section=section))
    return replace(document, paragraphs=tuple(out)), repeated
