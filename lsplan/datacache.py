"""A small on-disk memo of plan data that has already passed every check.

Loading the catalogue parses ~150 kB of YAML and validates it against JSON Schema; that costs
more than the whole of a short command. Both results depend only on the bytes of the data and
schema files, the source texts and this program's checking code, so a clean result is stored
under a SHA-256 of all of them. The next load with the same bytes reads the parsed data back
(marshal: plain dicts and lists, no code is run on load), re-runs referential integrity and
skips the parse, schema and quote steps. Any change to any of those files changes the key.

`lsplan data validate` never uses the memo. Set LSPLAN_NO_CACHE=1 to disable it; the folder is
$LSPLAN_CACHE_DIR, else $XDG_CACHE_HOME/lsplan, else ~/.cache/lsplan. Failing to read or write
the memo is never an error: the data is then simply checked in full.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

_CODE = ("catalog.py", "catalog_load.py", "catalog_build.py", "integrity.py", "yamlsource.py", "datacache.py")


def enabled() -> bool:
    return os.environ.get("LSPLAN_NO_CACHE", "") in ("", "0")


def cache_dir() -> Path:
    explicit = os.environ.get("LSPLAN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "lsplan"


def key(contents: Iterable[bytes], extra: Iterable[str]) -> str:
    """SHA-256 over file contents, extra strings and the checking code itself."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in _CODE:
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(name.encode())
    for blob in contents:
        digest.update(len(blob).to_bytes(8, "big"))
        digest.update(blob)
    for text in extra:
        digest.update(b"\0" + text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def get(cache_key: str) -> Any | None:
    if not enabled():
        return None
    try:
        return marshal.loads((cache_dir() / f"catalog-{cache_key[:32]}.bin").read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def put(cache_key: str, value: Any) -> None:
    if not enabled():
        return
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("catalog-*.bin"):  # keep one memo: the data rarely changes
            old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".catalog-", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(marshal.dumps(value))
        os.replace(tmp, folder / f"catalog-{cache_key[:32]}.bin")
    except (OSError, ValueError):
        return
