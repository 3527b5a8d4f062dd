"""Regenerate (or check) the example output blocks in README.md.

A block is a command in an HTML comment followed by a fenced block holding its output:

    <!-- example: lsplan gaps --quarter Q1 --year 2025 --as-of 2025-04-20 -->
    ```text
    ...output...
    ```

`python scripts/readme_examples.py` runs every command and rewrites the blocks;
`python scripts/readme_examples.py --check` exits 1 when a block differs from what the command
prints now (the test suite runs it, so README examples cannot drift from the real output).
Commands run with `python -m lsplan`, a fixed terminal width, no colour, and a throw-away
data folder and cache, so the output does not depend on the machine.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(
    r"(?P<head><!-- example: (?P<cmd>.+?) -->\n```(?P<lang>[a-z]*)\n)(?P<body>.*?)(?P<tail>```)",
    re.DOTALL,
)
WIDTH = "100"  # the width a README shows without scrolling; the tables fit it (lsplan.render)


def run(command: str, workdir: Path) -> str:
    args = shlex.split(command)
    if args[0] == "lsplan":
        args = [sys.executable, "-m", "lsplan", *args[1:]]
    elif args[0] == "python":
        args = [sys.executable, *args[1:]]
    env = {
        **os.environ,
        "COLUMNS": WIDTH,
        "LINES": "200",
        "NO_COLOR": "1",
        "TERM": "dumb",
        # No store of the user's: the commands fall back to the shipped demo store.
        "XDG_DATA_HOME": str(workdir / "data-home"),
        "LOCALAPPDATA": str(workdir / "data-home"),
        "LSPLAN_CACHE_DIR": str(workdir / "cache"),
        "PYTHONIOENCODING": "utf-8",
        "PYTHONUNBUFFERED": "1",  # stdout and stderr interleaved in the order they were written
    }
    for name in ("LSPLAN_LANG", "LSPLAN_STORE", "LSPLAN_DATA"):
        env.pop(name, None)
    done = subprocess.run(
        args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        encoding="utf-8", timeout=120, check=False,
    )
    # The throw-away data folder stands for the user's default one.
    text = done.stdout.replace(str(workdir / "data-home"), "~/.local/share")
    lines = [line.rstrip() for line in text.splitlines()]
    if done.returncode:
        lines.append(f"(exit code {done.returncode})")
    return "\n".join(lines).strip("\n") + "\n"


def render(readme: str, workdir: Path) -> str:
    def replace(match: re.Match[str]) -> str:
        return match.group("head") + run(match.group("cmd"), workdir) + match.group("tail")

    return BLOCK.sub(replace, readme)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    current = README.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        fresh = render(current, Path(tmp))
    if check:
        if fresh != current:
            import difflib

            diff = difflib.unified_diff(
                current.splitlines(), fresh.splitlines(), "README.md", "README.md (regenerated)", lineterm=""
            )
            print("\n".join(list(diff)[:80]))
            print("README examples are out of date: run `python scripts/readme_examples.py`.",
                  file=sys.stderr)
            return 1
        return 0
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
