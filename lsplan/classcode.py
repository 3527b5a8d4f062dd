"""Compiled dataclass methods, kept between runs of the `lsplan` command.

On Python 3.11 and 3.12, `@dataclass` writes each generated method (__init__, __repr__, __eq__,
and for a frozen class __hash__, __setattr__ and __delattr__) as source text and compiles it with
exec() while the class is being defined: about 0.6 ms for a frozen class, some 35 ms of the 80-odd
classes a `check` defines, the largest single cost of its start (README, "Speed"). That text
depends only on the class's fields and options, and compiling the same text with the same
interpreter gives the same code object. So the command keeps the code compiled from each text in
the user's cache (lsplan.datacache: marshal data under a digest, one file per interpreter), and
the next run executes the stored code instead of compiling the text again.

How: the dataclasses module calls the name `exec`, which it finds among the builtins. `install`
gives that module a global `exec` of its own (`_exec`), which looks the text up first. Nothing
else changes: the text, the namespaces it runs in and the functions it makes are the ones
dataclasses itself chose; only the compile step is skipped. Python 3.13 compiles one text per
class instead of one per method, through the same call, so the cache serves it too.

Only the command installs it (lsplan.cli.main), for its own short-lived process: importing lsplan
as a library leaves the interpreter as it was. LSPLAN_NO_CACHE=1 turns it off with the other
memos. Stored code is run, not just read, so a file that someone else could have written (not
owned by this user, or writable by others, or in such a folder) is not used (datacache
`private`). Failing to read or write the file is never an error: the classes are then compiled as
usual.
"""

from __future__ import annotations

import builtins
import sys
from types import CodeType
from typing import Any

KIND = "classcode"
LIMIT = 2000  # texts kept (~2.5 MB); beyond it, only the ones this run used: a bounded file and load
_VERSION = b"lsplan-classcode-1"

_compiled: dict[str, CodeType] = {}
_new: set[str] = set()
_used: set[str] = set()
stats = {"compiled": 0, "reused": 0}  # for tests and the benchmark's curiosity


def _exec(source: Any, globals: Any = None, locals: Any = None, /, **kwargs: Any) -> Any:
    """exec(), compiling a text only the first time this interpreter meets it."""
    if isinstance(source, str):
        code = _compiled.get(source)
        if code is None:
            # What exec() of a text does: file "<string>", and the caller's future flags, which
            # for the dataclasses module are none (dont_inherit keeps this module's own out).
            code = compile(source, "<string>", "exec", dont_inherit=True)
            _compiled[source] = code
            _new.add(source)
            stats["compiled"] += 1
        else:
            stats["reused"] += 1
        _used.add(source)
        source = code
    return builtins.exec(source, globals, locals, **kwargs)


def cache_key() -> str:
    """The stored code is valid for one interpreter build and optimisation level."""
    from lsplan import datacache

    parts = (sys.version, sys.implementation.cache_tag or "", str(sys.flags.optimize))
    return datacache.digest(_VERSION, *(part.encode() for part in parts))


def install() -> bool:
    """Route the dataclasses module's exec() through the cache; False when it is turned off."""
    from lsplan import datacache

    if not datacache.enabled():
        return False
    import dataclasses

    if vars(dataclasses).get("exec") is _exec:
        return True
    stored = datacache.get(cache_key(), KIND, private=True)
    if isinstance(stored, dict):
        _compiled.update((text, code) for text, code in stored.items() if isinstance(code, CodeType))
    dataclasses.exec = _exec  # type: ignore[attr-defined]  # a module global shadows the builtin
    import atexit

    atexit.register(save)
    return True


def save() -> None:
    """Store what was compiled, when this run compiled anything new."""
    if not _new:
        return
    from lsplan import datacache

    keep = _compiled if len(_compiled) <= LIMIT else {text: _compiled[text] for text in _used}
    datacache.put(cache_key(), dict(keep), KIND)
    _new.clear()
