"""Word's automatic numbering, rebuilt: the "II.", "1.", "a)" that Word shows but does not store.

A Word paragraph numbered by a list (its own w:numPr, or its style's) holds no number in its
text: Word draws it from the numbering definitions (numbering.xml: each w:num points to a
w:abstractNum whose levels give the format, "upperRoman" + "%1.", "decimal" + "%1.%2.", and the
start). Without it every paragraph of such a plan would lose its section path. The counters run
per list (w:num) as Word runs them: a level counts on, and the levels below it start again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class _Level:
    fmt: str  # "decimal", "upperRoman", "lowerLetter", "bullet", …
    text: str  # "%1.", "%1.%2.", "%3)"
    start: int


def _val(element: Any, tag: str) -> str | None:
    child = element.find(f"{_W}{tag}") if element is not None else None
    return child.get(f"{_W}val") if child is not None else None


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letter(n: int) -> str:
    # Vietnamese plans letter their items a, b, c, d, đ, e, …: Word writes a, b, c, d, e; keep Word's.
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format(fmt: str, n: int) -> str:
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "upperLetter":
        return _letter(n).upper()
    return str(n)


class Numbering:
    """The labels of a document's numbered paragraphs, in reading order."""

    def __init__(self, document: Any) -> None:
        self._lists: dict[str, dict[int, _Level]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._styles: dict[str, tuple[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, AttributeError, NotImplementedError):
            return
        abstract: dict[str, dict[int, _Level]] = {}
        for node in root.findall(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.findall(f"{_W}lvl"):
                ilvl = int(lvl.get(f"{_W}ilvl", "0"))
                levels[ilvl] = _Level(
                    fmt=_val(lvl, "numFmt") or "decimal",
                    text=_val(lvl, "lvlText") or "",
                    start=int(_val(lvl, "start") or 1),
                )
            abstract[node.get(f"{_W}abstractNumId", "")] = levels
        for node in root.findall(f"{_W}num"):
            levels = dict(abstract.get(_val(node, "abstractNumId") or "", {}))
            for override in node.findall(f"{_W}lvlOverride"):
                ilvl = int(override.get(f"{_W}ilvl", "0"))
                start = _val(override, "startOverride")
                if start is not None and ilvl in levels:
                    level = levels[ilvl]
                    levels[ilvl] = _Level(level.fmt, level.text, int(start))
            self._lists[node.get(f"{_W}numId", "")] = levels
        for style in document.styles.element.findall(f"{_W}style"):
            ppr = style.find(f"{_W}pPr")
            numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
            if numpr is not None and _val(numpr, "numId"):
                self._styles[style.get(f"{_W}styleId", "")] = (
                    _val(numpr, "numId") or "",
                    int(_val(numpr, "ilvl") or 0),
                )

    def label(self, paragraph: Any) -> str:
        """The number Word shows before `paragraph` ("II.", "1.2.", "a)"), or "" (none, a bullet)."""
        if not self._lists:
            return ""
        ppr = paragraph.find(f"{_W}pPr")
        numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
        num_id, ilvl = None, 0
        if numpr is not None:
            num_id, ilvl = _val(numpr, "numId"), int(_val(numpr, "ilvl") or 0)
        elif ppr is not None and _val(ppr, "pStyle") in self._styles:
            num_id, ilvl = self._styles[_val(ppr, "pStyle") or ""]
        if not num_id or num_id == "0" or num_id not in self._lists:
            return ""
        levels = self._lists[num_id]
        if ilvl not in levels:
            return ""
        counters = self._counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # the levels below start again
        level = levels[ilvl]
        if level.fmt in ("bullet", "none") or not level.text:
            return "-" if level.fmt == "bullet" else ""
        text = level.text
        for k in range(9, -1, -1):
            if f"%{k + 1}" in text:
                below = levels.get(k)
                n = counters.get(k, below.start if below else 1)
                text = text.replace(f"%{k + 1}", _format(below.fmt if below else "decimal", n))
        return text.strip()
