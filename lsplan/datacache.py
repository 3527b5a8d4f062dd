"""A small on-disk memo of work that depends only on some files' bytes: plan data that has already
passed every check (lsplan.catalog_load) and compiled message catalogues (lsplan.i18n); also, by
kind, tables derived from them or from code alone: the indicator names' forms ("names") and the
indicator index ("index", lsplan.indicator_match), the agency index ("agencies", lsplan.names)
and the unit spellings ("units", lsplan.units), each keyed by the code that builds it.

Loading the catalogue parses ~190 kB of YAML and validates it against JSON Schema; that costs
more than the whole of a short command. Both results depend only on the bytes of the data and
schema files, the source texts and this program's checking code, so a clean result is stored
under a digest of all of them (`key`). The next load with the same bytes reads the parsed data back
and skips the parse, schema and quote steps. Any change to any of those files changes the key.

One file per key (`catalog-<key>.bin`), so two checkouts or two data folders on one account each
keep their own memo instead of evicting each other; the newest KEEP files of a kind are kept and
older ones pruned. Each file holds the full key it was built for and a digest of its own payload:
an entry whose key does not match, or whose bytes were edited, truncated or corrupted, is
ignored (and then rebuilt by the caller), never trusted. The payload is marshal data (plain dicts,
lists and strings; marshal never runs code on load), read only after its digest matched. The
digest is no signature: whoever can write the cache folder can also write the program.

`lsplan data validate` never uses the memo. Set LSPLAN_NO_CACHE=1 to disable it; the folder is
$LSPLAN_CACHE_DIR, else $XDG_CACHE_HOME/lsplan, else ~/.cache/lsplan. Failing to read or write
the memo is never an error: the work is then simply done in full.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

try:  # the BLAKE2 built into CPython: importing hashlib would also load OpenSSL (~2 ms a start)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python implementations
    from hashlib import blake2b

# The code whose results the catalogue memo stands for: the checks that passed, and (the memo's
# integrity-clean mark) integrity() and the lead check, which also go through the records of
# model.py and the successions of names.py.
_CODE = (
    "catalog.py",
    "catalog_load.py",
    "catalog_build.py",
    "integrity.py",
    "yamlsource.py",
    "datacache.py",
    "model.py",
    "names.py",
)
MAGIC = b"lsplan-memo-1\n"
DIGEST_SIZE = 32
KEEP = 8  # memo files kept per kind (e.g. eight checkouts or data folders in use at once)


def enabled() -> bool:
    return os.environ.get("LSPLAN_NO_CACHE", "") in ("", "0")


def cache_dir() -> Path:
    explicit = os.environ.get("LSPLAN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "lsplan"


def digest(*blobs: bytes) -> str:
    """Hex digest of the blobs, each length-prefixed so that ("ab", "c") differs from ("a", "bc")."""
    hasher = blake2b(digest_size=DIGEST_SIZE)
    for blob in blobs:
        hasher.update(len(blob).to_bytes(8, "big"))
        hasher.update(blob)
    return hasher.hexdigest()


def key(contents: Iterable[bytes], extra: Iterable[str]) -> str:
    """The digest of file contents, extra strings and the checking code itself."""
    here = Path(__file__).resolve().parent
    blobs: list[bytes] = []
    for name in _CODE:
        try:
            blobs.append((here / name).read_bytes())
        except OSError:
            blobs.append(name.encode())
    blobs += contents
    blobs += [text.encode("utf-8", "surrogatepass") for text in extra]
    return digest(*blobs)


def _path(kind: str, cache_key: str) -> Path:
    return cache_dir() / f"{kind}-{cache_key[:32]}.bin"


def get(cache_key: str, kind: str = "catalog", *, private: bool = False) -> Any | None:
    """The value stored under `cache_key`, or None when there is none or it cannot be trusted.

    `private`: only from a file that no other user could have written (`_private`), for a value
    that is run rather than read (lsplan.classcode keeps compiled code)."""
    if not enabled():
        return None
    path = _path(kind, cache_key)
    try:
        if private and not _private(path):
            return None
        raw = path.read_bytes()
    except OSError:
        return None
    return decode(raw, cache_key)


def _private(path: Path) -> bool:
    """The file and its folder belong to this user and nobody else may write them (POSIX). On
    Windows there are no such mode bits to read; the folder is in the user's own profile."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:
        return True
    for item in (path, path.parent):
        status = item.stat()
        if status.st_uid != getuid() or status.st_mode & 0o022:
            return False
    return True


def raw(cache_key: str, kind: str = "catalog") -> bytes | None:
    """The bytes of the memo file for `cache_key` as they are (unchecked), or None when there is
    none or the memo is off: for keys that must change whenever that file changes."""
    if not enabled():
        return None
    try:
        return _path(kind, cache_key).read_bytes()
    except OSError:
        return None


def put(cache_key: str, value: Any, kind: str = "catalog") -> None:
    """Store `value` (plain data) under `cache_key`; prune all but the newest KEEP of `kind`."""
    if not enabled():
        return
    folder = cache_dir()
    target = _path(kind, cache_key)
    tmp = folder / f".{target.name}.{os.getpid()}.tmp"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # the user's alone (see `_private`)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(encode(value, cache_key))
        os.replace(tmp, target)  # readers see the old file or the new one, never half of one
        _prune(folder, kind, keep=target)
    except (OSError, ValueError):
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


def encode(value: Any, cache_key: str) -> bytes:
    """MAGIC, the digest of (key, payload), the key, then the marshal payload."""
    payload = marshal.dumps(value)
    header = cache_key.encode("ascii")
    check = digest(header, payload).encode("ascii")
    return MAGIC + check + b"\n" + header + b"\n" + payload


def decode(raw: bytes, cache_key: str) -> Any | None:
    """The value of an `encode`d entry, or None unless it was built for `cache_key` and is intact."""
    if not raw.startswith(MAGIC):
        return None
    check, _, rest = raw[len(MAGIC) :].partition(b"\n")
    header, _, payload = rest.partition(b"\n")
    if header != cache_key.encode("ascii") or check != digest(header, payload).encode("ascii"):
        return None
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None


def _prune(folder: Path, kind: str, keep: Path) -> None:
    entries = []
    for path in folder.glob(f"{kind}-*.bin"):
        try:
            entries.append((path.stat().st_mtime_ns, path))
        except OSError:
            continue
    entries.sort(reverse=True)
    for _, path in entries[KEEP:]:
        if path != keep:
            path.unlink(missing_ok=True)
