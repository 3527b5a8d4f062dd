"""Every number in the plan source texts, with the words around it, and which are quoted.

Numbers are read the Vietnamese way, as the quote check (check_quotes.py) reads them
("9.937,8" is 9937.8, "4,4" is 4.4, "500.000" is 500000). The sources break lines inside
sentences and even inside numbers ("19-\\n20%"), so each text is first joined into one line of
single spaces. A number is *covered* where its occurrence lies inside a span of the source that
some `quote:` of data/*.yaml reproduces (quotes are matched as check_quotes.py matches them:
NFC, white space ignored), or inside a phrase the caller excludes on purpose.

The texts are the plans' own (`plans[].source_file` of data/targets.yaml), read from
data/sources/, which ships with the project. The other text there, the figures published before
2025, holds baselines rather than targets and is not part of this coverage.

    python tests/source_numbers.py              # every number, with its context
    python tests/source_numbers.py --uncovered  # only those no quote holds
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"
DATA = Path(__file__).resolve().parent.parent / "data"
VN_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")


@dataclass(frozen=True)
class SourceNumber:
    """One occurrence of a number in one source, with the words around it."""

    document: str
    token: str  # as written, e.g. "9.937,8"
    value: float  # read the Vietnamese way, e.g. 9937.8
    start: int  # offset in the one-line text of the document
    end: int
    context: str  # the surrounding words, on one line

    def __str__(self) -> str:
        return f"{self.document}: {self.token!r} … {self.context} …"


def vn_value(token: str) -> float:
    """'9.937,8' -> 9937.8; '4,4' -> 4.4; '500.000' -> 500000."""
    return float(token.replace(".", "").replace(",", "."))


def one_line(text: str) -> str:
    """NFC, soft hyphens gone, every run of white space made one space."""
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).strip()


def plan_source_files() -> list[str]:
    """The file names of the plans' own texts, as data/targets.yaml names them."""
    plans = yaml.safe_load((DATA / "targets.yaml").read_text(encoding="utf-8"))["plans"]
    return sorted(plan["source_file"] for plan in plans)


def read_sources(directory: Path = SOURCES) -> dict[str, str]:
    """{file name: one-line text} of every plan's source text."""
    return {name: one_line((directory / name).read_text(encoding="utf-8")) for name in plan_source_files()}


def numbers_in(document: str, text: str, width: int = 60) -> list[SourceNumber]:
    """Every number of one one-line text, in reading order."""
    found = []
    for match in VN_NUMBER.finditer(text):
        start, end = match.span()
        context = text[max(0, start - width) : min(len(text), end + width)]
        found.append(SourceNumber(document, match.group(), vn_value(match.group()), start, end, context))
    return found


@lru_cache(maxsize=8)
def _squashed(text: str) -> tuple[tuple[int, ...], str]:
    """The text without white space, and where each kept character stood (computed once a text)."""
    keep = tuple(i for i, c in enumerate(text) if not c.isspace())
    return keep, "".join(text[i] for i in keep)


@lru_cache(maxsize=4096)
def spans(text: str, phrase: str) -> tuple[tuple[int, int], ...]:
    """(start, end) in `text` of every occurrence of `phrase`, white space ignored."""
    keep, squashed = _squashed(text)
    needle = re.sub(r"\s+", "", one_line(phrase))
    found: list[tuple[int, int]] = []
    if not needle:
        return ()
    at = squashed.find(needle)
    while at >= 0:
        found.append((keep[at], keep[at + len(needle) - 1] + 1))
        at = squashed.find(needle, at + 1)
    return tuple(found)


def quotes(node: object) -> Iterator[str]:
    """Every `quote:` string of a loaded YAML document."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "quote" and isinstance(value, str):
                yield value
            else:
                yield from quotes(value)
    elif isinstance(node, list):
        for value in node:
            yield from quotes(value)


def data_quotes(files: Iterable[Path] = (DATA / "targets.yaml", DATA / "assignments.yaml")) -> list[str]:
    out: list[str] = []
    for path in files:
        out.extend(quotes(yaml.safe_load(path.read_text(encoding="utf-8"))))
    return out


def inside(number: SourceNumber, regions: Iterable[tuple[int, int]]) -> bool:
    return any(start <= number.start and number.end <= end for start, end in regions)


def uncovered(texts: dict[str, str], phrases: Iterable[str]) -> list[SourceNumber]:
    """The numbers of `texts` that lie inside no occurrence of any of `phrases`."""
    phrases = list(phrases)
    missing = []
    for document, text in texts.items():
        regions = [span for phrase in phrases for span in spans(text, phrase)]
        missing.extend(n for n in numbers_in(document, text) if not inside(n, regions))
    return missing


def main(argv: list[str]) -> int:
    texts = read_sources()
    if "--uncovered" in argv:
        rows = uncovered(texts, data_quotes())
    else:
        rows = [n for document, text in texts.items() for n in numbers_in(document, text)]
    for number in rows:
        print(number)
    print(f"{len(rows)} numbers", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
