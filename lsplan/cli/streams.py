"""Standard streams that can carry Vietnamese, whatever the console's code page.

On Windows, output redirected to a file or a pipe (`lsplan gaps --format csv > gaps.csv`) is
encoded in the ANSI code page (cp1252 on most machines), which has no "ạ", "ế" or "đ": Python
then stops with a UnicodeEncodeError traceback half-way through the output. The same happens
anywhere PYTHONIOENCODING names such a code page.

The rule, applied once when the command starts:
- a stream that can already encode Vietnamese is left alone (a UTF-8 terminal, the Windows
  console, which Python writes to in UTF-16);
- a redirected stream (file or pipe) is switched to UTF-8: the data reaches the file whole;
- a terminal that cannot show Vietnamese keeps its encoding, and characters it lacks are
  replaced with "?" rather than crashing;
- a UTF-8 stream writes a file name that is not UTF-8 (bytes that Python holds as "surrogate
  escapes", e.g. a cp1258 name from a Windows archive) as the bytes it was, as `ls` does, instead
  of stopping with a UnicodeEncodeError ("surrogateescape").
"""

from __future__ import annotations

import sys
from typing import Any

# Characters a Vietnamese text is sure to need: precomposed vowels with tone marks and "đ".
_PROBE = "ạếđĐữ"


def can_encode_vietnamese(encoding: str | None) -> bool:
    if not encoding:
        return False
    try:
        _PROBE.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _is_utf8(encoding: str | None) -> bool:
    import codecs

    try:
        return codecs.lookup(encoding or "").name == "utf-8"
    except LookupError:
        return False


def make_safe(stream: Any) -> None:
    """Apply the rule above to one text stream (in place, through `reconfigure`)."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None:
        return
    encoding = getattr(stream, "encoding", None)
    if can_encode_vietnamese(encoding):
        if _is_utf8(encoding) and getattr(stream, "errors", None) == "strict":
            try:
                reconfigure(errors="surrogateescape")
            except (ValueError, OSError):
                pass
        return
    try:
        interactive = stream.isatty()
    except (AttributeError, ValueError, OSError):
        interactive = False
    try:
        if interactive:
            reconfigure(errors="replace")
        else:
            reconfigure(encoding="utf-8", errors="surrogateescape")
    except (ValueError, OSError):  # a closed or already-written stream: leave it as it is
        pass


def make_standard_streams_safe() -> None:
    make_safe(sys.stdout)
    make_safe(sys.stderr)
