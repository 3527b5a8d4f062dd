"""Reading tables back from the output: Rich box tables line by line, Markdown tables row by row,
and cells rebuilt from their fragments (tests/test_cli_layout.py, tests/test_render_fit.py)."""

from __future__ import annotations

import re


def md_tables(text: str) -> list[tuple[list[str], list[list[str]]]]:
    """The (headers, rows) of each table in `--format md` output."""
    tables, current = [], None
    for line in text.splitlines():
        if not line.startswith("|"):
            current = None
            continue
        cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if current is None:
            current = (cells, [])
            tables.append(current)
        elif not all(set(c) <= set("-:") for c in cells):
            current[1].append(cells)
    return tables


def box_tables(text: str) -> list[tuple[list[list[str]], list[list[str]]]]:
    """Each Rich table in the output as (header lines, body lines), each line its cell fragments."""
    tables: list[tuple[list[list[str]], list[list[str]]]] = []
    for line in text.splitlines():
        if line.startswith("┏"):
            tables.append(([], []))
        elif line.startswith("┃"):
            tables[-1][0].append([c.strip() for c in line.split("┃")[1:-1]])
        elif line.startswith("│"):
            tables[-1][1].append([c.strip() for c in line.split("│")[1:-1]])
    return tables


def joined(fragments: list[str]) -> str:
    return " ".join(f for f in fragments if f)


def normal(text: str) -> str:
    return " ".join(text.split())


def read_rows(body: list[list[str]], expected: list[list[str]]) -> list[int]:
    """Walk the body lines row by row; each cell's fragments, joined with spaces, must equal the
    expected text (a word is never cut). Returns the number of lines of each row."""
    heights, line = [], 0
    for row_number, row in enumerate(expected):
        start, end = line, line
        for column, text in enumerate(row):
            want, got, at = normal(text), [], start
            while normal(joined(got)) != want:
                assert at < len(body) and len(normal(joined(got))) < len(want), (
                    f"row {row_number}, column {column}: {joined(got)!r} is not {want!r}"
                )
                got.append(body[at][column])
                at += 1
            end = max(end, at)
        heights.append(max(end - start, 1))
        line = start + heights[-1]
    assert line == len(body), "lines left over after the last row"
    return heights
