"""Read a CSV submission: UTF-8 (with or without BOM), comma or semicolon, values as text.

When the bytes are not UTF-8, cp1258 (Vietnamese Windows) and then cp1252 are tried, with a
`csv-encoding-guessed` warning: the officer should know that accents may be wrong.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from lsplan.model import Finding, Severity
from lsplan.readers.base import Cell, Limits, ReadError, Sheet, Workbook, cell_ref

_FALLBACK_ENCODINGS = ("cp1258", "cp1252")


def read_csv(path: str | Path, limits: Limits) -> Workbook:
    """Read a CSV file into one sheet named after the file; every value is a str."""
    name = str(path)
    with open(name, "rb") as handle:
        data = handle.read(limits.max_file_bytes + 1)
    findings: list[Finding] = []
    text = _decode(name, data, findings)
    if not text.strip():
        raise ReadError.of("file-empty", "The CSV file holds no text.", name)
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[Cell | None, ...]] = []
    capped_cols = False
    kept = 0
    try:
        for row_idx, record in enumerate(reader, start=1):
            kept += len(record)
            if kept > limits.max_cells:
                findings.append(
                    Finding(
                        code="cells-capped",
                        severity=Severity.WARNING,
                        message=f"The file holds too many cells (limit {limits.max_cells:,}); "
                        f"only the first {row_idx - 1:,} rows were read.",
                        sheet=Path(name).stem,
                        file=name,
                    )
                )
                break
            if row_idx > limits.max_rows:
                findings.append(
                    Finding(
                        code="rows-capped",
                        severity=Severity.WARNING,
                        message=f"Only the first {limits.max_rows:,} rows were read; the rest was ignored.",
                        sheet=Path(name).stem,
                        file=name,
                    )
                )
                break
            if len(record) > limits.max_cols:
                capped_cols = capped_cols or any(v.strip() for v in record[limits.max_cols :])
                record = record[: limits.max_cols]
            rows.append(
                tuple(
                    Cell(row=row_idx, col=col, ref=cell_ref(row_idx, col), value=value)
                    if value.strip()
                    else None
                    for col, value in enumerate(record, start=1)
                )
            )
    except csv.Error as exc:
        raise ReadError.of("file-corrupt", f"The CSV file is malformed: {exc}.", name) from None
    if capped_cols:
        findings.append(
            Finding(
                code="cols-capped",
                severity=Severity.WARNING,
                message=f"Only the first {limits.max_cols:,} columns were read.",
                sheet=Path(name).stem,
                file=name,
            )
        )
    width = max((len(r) for r in rows), default=0)
    dense = tuple(r + (None,) * (width - len(r)) for r in rows)
    sheet = Sheet(name=Path(name).stem, rows=dense)
    return Workbook(path=name, format="csv", sheets=(sheet,), findings=tuple(findings))


def _decode(name: str, data: bytes, findings: list[Finding]) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ReadError.of("file-corrupt", "The UTF-16 text is damaged.", name) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for encoding in _FALLBACK_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        findings.append(
            Finding(
                code="csv-encoding-guessed",
                severity=Severity.WARNING,
                message=f"The file is not UTF-8; it was read as {encoding}. Check the accents, "
                "and save the file as 'CSV UTF-8' next time.",
                file=name,
            )
        )
        return text
    raise ReadError.of("file-corrupt", "The text encoding of the CSV file cannot be recognised.", name)


def _delimiter(text: str) -> str:
    """Comma or semicolon (or tab): the sniffer's choice, else the most frequent in the head."""
    sample = text[:8192]
    try:
        # The sniffer's regular expressions take quadratic time on quote-heavy text (0.45 s on
        # 8 KB of '",'): it sees the first 4 KB, the header rows; the counts below see 8 KB.
        return csv.Sniffer().sniff(sample[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in (";", ",", "\t")}
        return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
