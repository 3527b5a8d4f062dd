"""Benchmark indicator matching: 5,000 report rows whose names match nothing in the catalogue.

    .venv/bin/python bench/bench_names.py [--rows 5000] [--repeat 3]

1. The matcher alone (lsplan.indicator_match): 5,000 distinct unmatched names resolved with a
   fresh index (no memo), under a three-level heading context, best of `--repeat` runs; and the
   same with the names repeated (a real sheet repeats its names and headings: memoised).
2. The real `lsplan check` of one generated workbook holding 5,000 such rows after the usual
   report rows, in a fresh process, catalogue loading included (median of `--repeat` runs).
Aim (issue 10): a 5,000-row sheet in at most 1 s. Before rapidfuzz and the memo, each unmatched
row ran difflib.get_close_matches against ~490 names: 3,000 rows took 4.5-7 s.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from bench_check import machine  # noqa: E402

CONTEXT = ("II. CÁC CHỈ TIÊU KINH TẾ", "Hoạt động thương mại, dịch vụ", "Trong đó:")
WORDS = (
    "Sản lượng",
    "hàng hóa",
    "thông qua",
    "cửa khẩu",
    "Số lượt",
    "phương tiện",
    "xuất nhập cảnh",
    "lưu trú",
)


def names(count: int) -> list[str]:
    """Distinct names that read like report rows and match no catalogue indicator."""
    return [f"{WORDS[i % 8]} {WORDS[(i * 3 + 1) % 8]} loại {i}" for i in range(count)]


def matcher(rows: int, repeat: int) -> tuple[float, float, float, int]:
    from lsplan.catalog import load_catalog
    from lsplan.indicator_match import IndicatorIndex

    catalog = load_catalog()
    distinct = names(rows)
    best_distinct, best_cpu, best_repeated, matched = float("inf"), float("inf"), float("inf"), 0
    for _ in range(repeat):
        index = IndicatorIndex(catalog.indicators)
        start, start_cpu = time.perf_counter(), time.process_time()
        matched = sum(index.resolve(name, CONTEXT).indicator is not None for name in distinct)
        best_distinct = min(best_distinct, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
        index = IndicatorIndex(catalog.indicators)
        repeated = [distinct[i % 50] for i in range(rows)]
        start = time.perf_counter()
        for name in repeated:
            index.resolve(name, CONTEXT)
        best_repeated = min(best_repeated, time.perf_counter() - start)
    return best_distinct, best_cpu, best_repeated, matched


def check_run(rows: int, repeat: int) -> tuple[float, float, int]:
    from workbooks import ROWS, save_report

    # The sheet holds `rows` rows in all (title, header and the usual rows included): the
    # readers stop at 5,000 rows a sheet (rows-capped).
    count = rows - len(ROWS) - 10
    extra = tuple((10 + i, name, "tấn", None, i + 1, None, None, None) for i, name in enumerate(names(count)))
    with tempfile.TemporaryDirectory() as tmp:
        path = save_report(Path(tmp) / "report-5000.xlsx", ROWS + extra)
        times, cpu, code = [], [], 0
        for _ in range(repeat):
            start = time.perf_counter()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            done = subprocess.run(
                [sys.executable, "-m", "lsplan", "check", str(path), "--format", "json"],
                cwd=ROOT,
                capture_output=True,
            )
            times.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            code = done.returncode
    return statistics.median(times), statistics.median(cpu), code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    distinct, distinct_cpu, repeated, matched = matcher(options.rows, options.repeat)
    check_seconds, check_cpu, code = check_run(options.rows, options.repeat)
    print(f"Machine: {machine()}\n")
    # CPU time beside wall time: on a shared machine the wall time also counts waiting for a CPU.
    print("| measurement | wall time | CPU time | aim |")
    print("|---|---:|---:|---|")
    print(
        f"| matcher: {options.rows:,} distinct unmatched names ({matched} matched) "
        f"| {distinct:.3f} s | {distinct_cpu:.3f} s | ≤ 1 s |"
    )
    print(f"| matcher: {options.rows:,} rows repeating 50 names | {repeated:.3f} s | — | ≪ 1 s |")
    print(
        f"| `lsplan check` of a {options.rows:,}-row report, start-up included (exit {code}) "
        f"| {check_seconds:.3f} s | {check_cpu:.3f} s | ≤ 1 s |"
    )


if __name__ == "__main__":
    main()
