"""Benchmark `lsplan check`: start-up, one form, one conventional report, 200 files in one call.

    .venv/bin/python bench/bench_check.py [--files 200] [--repeat 5]

Prints a Markdown table (median wall time of `--repeat` runs of the real command in a fresh
process, catalogue loading included) with the machine it ran on. Files are generated in a
temporary folder by the same code the tests use (tests/workbooks.py). Aims (issue 3): one file
well under 0.5 s wall, 200 files under 10 s.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or cpu
    import os

    return f"{cpu}, {os.cpu_count()} logical CPUs; Python {platform.python_version()} on {platform.system()}"


def lsplan_command() -> list[str]:
    return [sys.executable, "-m", "lsplan"]


def timed(args: list[str], repeat: int) -> tuple[float, int]:
    times, code = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(args, cwd=ROOT, capture_output=True)
        times.append(time.perf_counter() - start)
        code = done.returncode
    return statistics.median(times), code


def catalog():
    from lsplan.catalog import CatalogError, load_catalog

    try:
        return load_catalog(), True
    except CatalogError as exc:
        print(f"note: shipped data invalid ({exc}); files made with the test catalogue", file=sys.stderr)
        from workbooks import FakeCatalog

        return FakeCatalog(), False


def make_files(folder: Path, count: int) -> tuple[Path, Path, list[Path]]:
    from workbooks import ROWS, fill_form, save_report

    from lsplan.template import write_template

    cat, _ = catalog()
    form = write_template(folder / "form.xlsx", cat, "Sở Công Thương", 2025, "Q2")
    fill_form(form.path, {row.indicator.id: 1 for row in form.rows})  # valid for every measure
    extra = tuple((10 + i, f"Chỉ tiêu khác {i}", "tấn", None, i, None, None, None) for i in range(20))
    report = save_report(folder / "report.xlsx", ROWS + extra)  # 25 rows, extra rows as real reports have
    many = folder / "many"
    many.mkdir()
    files = []
    for i in range(count):
        source = form.path if i % 2 else report
        target = many / f"{i:03d}-{source.name}"
        target.write_bytes(source.read_bytes())
        files.append(target)
    return form.path, report, files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    command = lsplan_command()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        form, report, files = make_files(Path(tmp), options.files)
        cases = [
            ("`lsplan --help` (start-up)", [*command, "--help"], options.repeat, "≪ 0.5 s"),
            (
                "`lsplan check` one form",
                [*command, "check", str(form), "--format", "json"],
                options.repeat,
                "< 0.5 s",
            ),
            (
                "`lsplan check` one conventional report",
                [*command, "check", str(report), "--format", "json"],
                options.repeat,
                "< 0.5 s",
            ),
            (
                f"`lsplan check` {len(files)} files in one call",
                [*command, "check", str(files[0].parent / "*.xlsx"), "--format", "json"],
                max(1, options.repeat // 2),
                "< 10 s",
            ),
        ]
        for label, args, repeat, aim in cases:
            seconds, code = timed(args, repeat)
            rows.append(f"| {label} | {seconds:.3f} s | {aim} | {code} |")
    print(f"Machine: {machine()}\n")
    print("| measurement | median wall time | aim | exit code |")
    print("|---|---:|---|---:|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
