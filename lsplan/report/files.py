"""Atomic output: write to a temporary file beside the target, then rename over it.

The one implementation is lsplan.outputs.atomic_write (one file mode, no temporary file left
behind on errors or signals, OS errors as OutputRefused); this name stays for the report modules.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any


def atomic_write(path: Path, write: Callable[[Any], None]) -> None:
    """Call `write(binary_handle)` on a temporary file and move it to `path` only on success."""
    from lsplan.outputs import atomic_write as write_atomically

    write_atomically(Path(path), write, binary=True)
