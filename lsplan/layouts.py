"""Layout detection moved to `lsplan.reading` (stages "tables", "header" and "rows"); these
names stay importable from here (lsplan.check_meta and lsplan.template use them)."""

from lsplan.reading.celltext import LegacyText
from lsplan.reading.header import ValueColumn, classify_header
from lsplan.reading.rows import TableRow
from lsplan.reading.tables import (
    HEADER_SCAN_ROWS,
    MARKER,
    MARKER_SHEET,
    Table,
    find_table,
    find_tables,
    form_metadata,
)

__all__ = [
    "HEADER_SCAN_ROWS",
    "MARKER",
    "MARKER_SHEET",
    "LegacyText",
    "Table",
    "TableRow",
    "ValueColumn",
    "classify_header",
    "find_table",
    "find_tables",
    "form_metadata",
]
