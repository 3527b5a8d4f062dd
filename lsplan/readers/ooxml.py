"""Read an .xlsx workbook with the standard library: zipfile and expat, nothing else.

    book = read_xlsx("report.xlsx", DEFAULT_LIMITS)   # after safety.sniff() said "xlsx"

It gives exactly the records the openpyxl reader gave (tests/test_readers_ooxml.py compares
them cell by cell with openpyxl's own reading) in a tenth of the time, and without importing
openpyxl (and numpy with it), which cost more than half of `lsplan check` on one file.
Each worksheet is streamed once; `<dimension>` is never read; DTDs and entities are refused.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from xml.parsers.expat import ExpatError

from lsplan.model import Finding, Severity
from lsplan.readers.base import Limits, ReadError, Sheet, Workbook
from lsplan.readers.ooxml_parts import read_package
from lsplan.readers.ooxml_sheet import Budget, read_sheet

# What a damaged package raises while it is read: zip and inflate errors, XML syntax errors,
# missing parts (KeyError), bad numbers or references (ValueError), indexes out of range.
_DAMAGED = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ExpatError,
    KeyError,
    ValueError,
    IndexError,
    OverflowError,
    NotImplementedError,
)


def read_xlsx(path: str | Path, limits: Limits) -> Workbook:
    """Read every worksheet; raise ReadError (file-corrupt, xml-unsafe, ...) when the read fails."""
    name = str(path)
    try:
        # Opened read-only; the input is never written.
        with zipfile.ZipFile(name) as archive:
            package = read_package(archive, limits, name)
            findings: list[Finding] = []
            budget = Budget()
            sheets: list[Sheet] = []
            for index, entry in enumerate(package.sheets):
                if index >= limits.max_sheets or budget.exhausted:
                    findings.append(_sheets_capped(name, index, len(package.sheets)))
                    break
                sheets.append(read_sheet(archive, entry, package, limits, budget, findings, name))
    except ReadError:
        raise
    except _DAMAGED as exc:
        raise _read_error(exc, name) from None
    if not sheets:
        raise ReadError.of("not-a-spreadsheet", "The workbook holds no worksheet.", name)
    return Workbook(path=name, format="xlsx", sheets=tuple(sheets), findings=tuple(findings))


def _sheets_capped(name: str, read: int, total: int) -> Finding:
    return Finding(
        code="sheets-capped",
        severity=Severity.WARNING,
        message=f"Only the first {read} of {total} sheets were read; the rest were ignored.",
        file=name,
    )


def _read_error(exc: BaseException, name: str) -> ReadError:
    """xml-unsafe when a DTD or entity was refused, else file-corrupt."""
    from defusedxml.common import DefusedXmlException  # type: ignore[import-untyped]

    if isinstance(exc, DefusedXmlException):
        return ReadError.of("xml-unsafe", f"The workbook's XML is unsafe ({type(exc).__name__}).", name)
    first_line = str(exc).splitlines()[0] if str(exc) else ""
    return ReadError.of(
        "file-corrupt", f"The file is damaged ({type(exc).__name__}: {first_line[:120]}).", name
    )
