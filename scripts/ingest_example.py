"""Show the store at work for the README: ingest the example submissions, again, then history.

    python scripts/ingest_example.py

Runs the real commands against a store in a temporary folder: the first `lsplan ingest` stores
the five Q1 2025 example submissions, the second changes nothing (same files, same SHA-256), and
`lsplan history` shows where a figure came from. Paths are printed relative to the repository.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = (
    ["ingest", "examples/submissions/2025-Q1"],
    ["ingest", "examples/submissions/2025-Q1"],
    ["history", "retail-sales"],
)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        store = str(Path(folder) / "store.sqlite3")
        # 15/04/2025 08:00 (UTC): the day the files arrive, pinned so the output is the same every run.
        env = {**os.environ, "LSPLAN_STORE": store, "SOURCE_DATE_EPOCH": "1744704000"}
        for args in COMMANDS:
            print(f"$ lsplan {' '.join(args)}")
            done = subprocess.run(
                [sys.executable, "-m", "lsplan", *args], cwd=ROOT, env=env, check=False,
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
            )
            print(done.stdout.replace(store, "~/.local/share/lsplan/store.sqlite3").rstrip())
            if done.returncode:
                print(f"(exit code {done.returncode})")
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
