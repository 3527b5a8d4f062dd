"""Run every benchmark and print their Markdown tables (pasted into the README's "Speed" section).

    .venv/bin/python bench/run.py

Each script runs the real `lsplan` commands in fresh processes on generated data; see
bench/bench_check.py (one interleaved run of `python -c pass`, `lsplan --version`, `--help`,
`check` of a small report, of a 5,000-row report and of 200 files, with ratios to the bare
interpreter start), bench/bench_store.py (ingest, gaps, agency) and bench/bench_names.py
(indicator matching of 5,000 report rows).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    status = 0
    for script in ("bench_check.py", "bench_store.py", "bench_names.py"):
        print(f"<!-- {script} -->", flush=True)
        status |= subprocess.run([sys.executable, str(HERE / script)], check=False).returncode
        print(flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
