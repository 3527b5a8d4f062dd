"""Stage "open": a submitted file read safely (`lsplan.readers`), and the sheets that are read.

The readers refuse hostile files and report what the file holds; this stage decides which of
it is the submission.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lsplan.model import Finding
    from lsplan.readers import Sheet, Workbook


def open_submission(path: str | Path, limits: Any = None) -> Workbook:
    """The workbook at `path`; raises `lsplan.readers.ReadError` (with a stable code) when it
    cannot be read."""
    from lsplan.readers import DEFAULT_LIMITS, open_workbook

    return open_workbook(path, limits or DEFAULT_LIMITS)


def sheets_to_read(workbook: Workbook) -> tuple[tuple[Sheet, ...], list[Finding]]:
    """The sheets whose tables are read, and findings about what was left out."""
    return workbook.sheets, []
