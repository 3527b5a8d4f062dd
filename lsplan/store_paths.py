"""Where the store lives: `--store`, else $LSPLAN_STORE, else the user data folder.

Apart from lsplan.store so that a command that only needs the path (`check` looks for the learned
aliases beside the store) does not import sqlite3 and the store's records (README, "Speed").
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def default_store_path() -> Path:
    """The documented default location of the store for this user and platform."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "lsplan" / "store.sqlite3"


def resolve_store_path(explicit: Path | str | None = None) -> Path:
    """`--store`, else `$LSPLAN_STORE`, else the default."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("LSPLAN_STORE")
    return Path(env) if env else default_store_path()
