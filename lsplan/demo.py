"""The demo store: the shipped Q1 2025 example submissions (real published figures), ingested.

`examples/make_examples.py` writes the example workbooks into both `examples/submissions/` (for
people reading the repository) and `lsplan/examples_data/` (package data, so that an installed
lsplan can show `lsplan gaps` on real figures out of the box).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lsplan.ingest import IngestReport, ingest
from lsplan.store import Store

EXAMPLES_DATA = Path(__file__).resolve().parent / "examples_data"
DEMO_YEAR = 2025
DEMO_QUARTER = "Q1"


def example_files() -> list[Path]:
    """The shipped example submissions, in a stable order."""
    return sorted(EXAMPLES_DATA.glob("*/*.xlsx"))


def build_demo_store(store: Store, catalog: Any) -> IngestReport:
    """Ingest every shipped example into `store` (normally a fresh temporary one)."""
    return ingest(store, example_files(), catalog)
