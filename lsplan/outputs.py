"""Output files (`--output`): what may be written, and writing it atomically.

Rules, checked by `check_output` before a command does any work (so that `lsplan ingest ... -o X`
stores nothing when X is refused):
- the output is never the store (nor its `-wal`/`-shm` files), whether named directly, through a
  symbolic link or a hard link (same device and inode), or before the store exists (same resolved
  path);
- the output is never an input of the same run (a submission, a plan data file);
- an existing output must be a regular file: /dev/null, a FIFO, a device or a folder is refused
  (replacing it would destroy it, or writing to it would block or vanish);
- its folder must exist (a typing error in a folder name is not silently created) and be writable.

`atomic_write` writes through a temporary file in the same folder, then renames it over the
target, so a reader never sees a half-written file. A symbolic link is written through (the file
it points to is replaced, the link stays). The file gets the mode a new file gets (0666 less the
umask: 0644 with the usual umask 022); a file being replaced keeps its permission bits. The
temporary file is removed on every path out: an error, Ctrl-C (SIGINT), SIGTERM or SIGHUP (after
which the signal is delivered again, so the process still ends as the signal asks). Only a
SIGKILL, which no process can catch, can leave a `.NAME.*.tmp` file behind.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from lsplan.i18n import _

# Signals after which the temporary file must not stay behind (SIGINT raises KeyboardInterrupt).
_CLEANUP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class OutputRefused(Exception):
    """An output path that must not be written, or a write the system refused (exit 2)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    """The mode of every output file lsplan creates: that of a new file, 0666 less the umask."""
    return 0o666 & ~_umask()


def _same_file(a: Path, b: Path) -> bool:
    """Same file on disk (hard link, symbolic link, other spelling), or the same resolved path."""
    try:
        if os.path.samefile(a, b):
            return True
    except OSError:
        pass  # one of them does not exist (yet): compare where they would be
    try:
        left, right = os.path.realpath(a), os.path.realpath(b)
    except (OSError, ValueError):
        return False
    return os.path.normcase(left) == os.path.normcase(right)


def store_files(store: Path) -> list[Path]:
    """The store and the files SQLite keeps beside it."""
    return [store, *(store.with_name(store.name + suffix) for suffix in ("-wal", "-shm", "-journal"))]


def _strerror(exc: OSError) -> str:
    return exc.strerror or str(exc)


def check_output(path: Path, *, store: Path | None = None, inputs: Iterable[Path] = ()) -> None:
    """Raise OutputRefused unless `path` may be written by this run (see the module docstring)."""
    path = Path(path)
    shown = os.fsdecode(path)
    if store is not None and any(_same_file(path, f) for f in store_files(Path(store))):
        raise OutputRefused(
            "output-is-store",
            _("{path} is the store ({store}): writing there would destroy every stored submission").format(
                path=shown, store=os.fsdecode(store)
            ),
        )
    for source in inputs:
        if _same_file(path, Path(source)):
            raise OutputRefused(
                "output-is-input",
                _("{path} is an input of this command: it is never overwritten").format(path=shown),
            )
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:  # too long a name, a file used as a folder, no permission
        raise OutputRefused(
            "output-unwritable", _("cannot write {path}: {error}").format(path=shown, error=_strerror(exc))
        ) from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        kind = (
            _("a folder")
            if stat.S_ISDIR(info.st_mode)
            else _("a device, FIFO or socket, not a regular file")
        )
        raise OutputRefused(
            "output-not-a-file",
            _("{path} is {kind}: give the name of a file to write").format(path=shown, kind=kind),
        )
    folder = Path(os.path.realpath(path)).parent
    if not folder.is_dir():
        raise OutputRefused(
            "output-folder-missing",
            _("the folder {folder} does not exist (lsplan does not create it): create it first").format(
                folder=os.fsdecode(path.parent)
            ),
        )
    try:  # the only sure test of writability (root, ACLs, read-only mounts): make a file there
        fd, probe = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputRefused(
            "output-unwritable",
            _("cannot write in {folder}: {error}").format(folder=os.fsdecode(folder), error=_strerror(exc)),
        ) from None


class _Signalled(BaseException):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_signalled(signum: int, _frame: Any) -> None:
    raise _Signalled(signum)


def atomic_write(path: Path, write: Callable[[Any], None], *, binary: bool = True) -> None:
    """Call `write(handle)` on a temporary file beside `path`, then rename it over `path`.

    OS errors (a full disk, a folder that vanished) raise OutputRefused("output-unwritable"); the
    temporary file never stays behind (see the module docstring for signals).
    """
    path = Path(path)
    target = Path(os.path.realpath(path))  # through a symbolic link: replace what it points to
    handlers: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for signum in _CLEANUP_SIGNALS:
            handlers[signum] = signal.signal(signum, _raise_signalled)
    tmp: str | None = None
    delivered: int | None = None
    try:
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except FileNotFoundError:
            mode = new_file_mode()
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        if binary:
            with os.fdopen(fd, "wb") as handle:
                write(handle)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as text_handle:
                write(text_handle)
        os.chmod(tmp, mode)  # mkstemp makes 0600
        os.replace(tmp, target)
        tmp = None
    except _Signalled as exc:
        delivered = exc.signum
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            raise
        raise OutputRefused(
            "output-unwritable",
            _("cannot write {path}: {error}").format(path=os.fsdecode(path), error=_strerror(exc)),
        ) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        for signum, previous in handlers.items():
            signal.signal(signum, previous)
    if delivered is not None:  # end the way the signal asked, now that nothing is left behind
        os.kill(os.getpid(), delivered)
        raise SystemExit(128 + delivered)  # a handler that chose to return: stop the command anyway
