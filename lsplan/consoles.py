"""What about this process's consoles only rich itself can know, asked without importing rich.

lsplan draws the terminal without rich where rich's output is predictable (lsplan.render.plain)
and keeps `lsplan --help` as drawn (lsplan.cli.root_help). Both step aside in the same places:
on Windows rich detects the legacy console and may draw through the Win32 API instead of
writing to the stream; in Jupyter it renders HTML; under IDLE it turns colour off although the
shell claims to be a terminal. This module is a leaf, so that `--help` can ask it cheaply.
"""

from __future__ import annotations

import builtins
import sys


def rich_alone_knows() -> bool:
    """True on Windows, in Jupyter (an IPython shell) and under IDLE."""
    if sys.platform == "win32" or hasattr(builtins, "get_ipython"):
        return True
    return (getattr(sys.stdin, "__module__", "") or "").startswith("idlelib")
