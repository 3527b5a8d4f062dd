"""Cell text as a person reads it: NFC, one line per typed line, legacy encodings converted.

Shared by the stages that read text (tables, header, rows): headers typed in .VnTime are
recognised like Unicode ones, and each converted cell is remembered once, so that the findings
stage can say "3 cells typed in TCVN3".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lsplan.text import nfc

if TYPE_CHECKING:
    from lsplan.readers import Cell


@dataclass(frozen=True, slots=True)
class LegacyText:
    ref: str
    encoding: str
    original: str
    converted: str


class CellText:
    """Callable: a cell (or None) -> its text; remembers the cells typed in a legacy encoding."""

    def __init__(self) -> None:
        self.legacy: list[LegacyText] = []
        self._seen: set[str] = set()

    def __call__(self, cell: Cell | None) -> str:
        if cell is None or cell.value is None:
            return ""
        value = cell.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if not isinstance(value, str):
            return nfc(str(value))
        text = nfc_lines(value)
        if text:
            # Detect on the raw text: TCVN3 uses bytes (such as U+00AD for "ư") that NFC clean-up drops.
            encoding = _legacy().detect_legacy(value, cell.font)
            if encoding:
                converted = nfc_lines(_legacy().to_unicode(value, encoding, cell.font))
                if cell.ref not in self._seen:
                    self._seen.add(cell.ref)
                    self.legacy.append(LegacyText(cell.ref, encoding, text, converted))
                text = converted
        return text


def _legacy():
    import lsplan.legacy

    return lsplan.legacy


def nfc_lines(text: str) -> str:
    lines = (nfc(line) for line in text.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)
