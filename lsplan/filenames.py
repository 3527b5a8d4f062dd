"""File names in any encoding: kept exactly, shown readably.

On Linux and macOS a file name is bytes. Names unzipped from Windows archives are often in the
Windows Vietnamese code page (cp1258), not UTF-8; Python hands them over as text with "surrogate
escapes" (os.fsdecode), which neither SQLite, JSON nor a terminal can take. lsplan keeps such a
name's exact bytes (`raw_name`, stored in `submissions.file_name_bytes`) and shows it decoded:
UTF-8 when it is UTF-8, else cp1258, else UTF-8 with each undecodable byte written as \\xNN.
"""

from __future__ import annotations

import os
from pathlib import Path


def raw_name(path: Path | str) -> bytes:
    """The name's bytes exactly as the file system holds them."""
    return os.fsencode(Path(path).name)


def is_utf8(path: Path | str) -> bool:
    try:
        os.fsencode(os.fspath(path)).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def readable(path: Path | str) -> str:
    """`path` as text any output can carry: "Báo cáo.xlsx" for its cp1258 bytes (each folder
    and the name decoded on its own: a cp1258 name in a UTF-8 folder reads right)."""
    data = os.fsencode(os.fspath(path))
    return "/".join(_decode(part) for part in data.split(b"/"))


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError:
        return data.decode("utf-8", "backslashreplace")
