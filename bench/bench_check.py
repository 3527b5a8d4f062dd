"""Benchmark start-up and `lsplan check` against a bare Python start, in one run.

    .venv/bin/python bench/bench_check.py [--repeat 9] [--files 200] [--big-rows 5000]

Every measurement runs the real command in a fresh process. The cases run interleaved (round 1:
each case once, round 2: each case again, ...), so a busy moment of a shared machine slows all of
them alike; the table gives each case's median wall time and its ratio to the median of
`python -c pass` on the same interpreter, and the same ratio for CPU time (user + system time
of the child process: less sensitive than wall time to other work on a shared machine). Files
are generated in a temporary folder by the same code the tests use (tests/workbooks.py); the
small report is the shipped example examples/submissions/2025-Q1/thong-ke-2025-Q1.xlsx, checked
once to a pipe (as scripts and the other cases run) and once on a pseudo-terminal of 120 columns,
in colour, as an officer at a terminal sees it.

Runs are warm, as every run after the first one of a normal install: a warm-up run of each case
first writes the bytecode caches (PYTHONDONTWRITEBYTECODE is removed for the child processes)
and fills a private plan-data memo and message cache (LSPLAN_CACHE_DIR in the temporary folder).
Peak memory is measured in one more run of each case, apart from the timed ones (the resident
set of that command alone). Aims (issue 8): `--version` <= 3x, `--help` <= 4x, `check` of one
small report <= 6x, a 5,000-row report <= 1 s with memory flat.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
SMALL_REPORT = ROOT / "examples" / "submissions" / "2025-Q1" / "thong-ke-2025-Q1.xlsx"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or cpu
    return f"{cpu}, {os.cpu_count()} logical CPUs; Python {platform.python_version()} on {platform.system()}"


def lsplan_command() -> list[str]:
    """The installed `lsplan` script beside this interpreter (what a user runs), else -m."""
    script = Path(sys.executable).parent / "lsplan"
    if script.exists():
        return [str(script)]
    found = shutil.which("lsplan")
    return [found] if found else [sys.executable, "-m", "lsplan"]


@dataclass
class Case:
    label: str
    args: list[str]
    aim: str = ""
    times: list[float] | None = None
    cpu: list[float] | None = None
    code: int = 0
    peak_mb: float = 0.0
    tty: bool = False  # stdout and stderr on a pseudo-terminal (what an officer at a terminal sees)

    def run(self, env: dict[str, str]) -> None:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        if self.tty:
            self.code = run_on_a_terminal(self.args, env)
        else:
            self.code = subprocess.run(self.args, cwd=ROOT, capture_output=True, env=env).returncode
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if self.times is not None and self.cpu is not None:
            self.times.append(elapsed)
            self.cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)


def run_on_a_terminal(args: list[str], env: dict[str, str], columns: int = 120) -> int:
    """Run `args` with stdout and stderr on a new pseudo-terminal of `columns` columns (POSIX),
    reading what it writes; its exit code."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    env = {k: v for k, v in env.items() if k not in ("COLUMNS", "NO_COLOR", "FORCE_COLOR")}
    child = subprocess.Popen(args, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    try:
        while os.read(master, 65536):
            pass
    except OSError:  # EIO: the child closed its end
        pass
    finally:
        os.close(master)
    return child.wait()


# Runs one command in a fresh interpreter and prints the peak resident memory of that command
# alone (RUSAGE_CHILDREN of a process whose only child it is; kilobytes on Linux).
_PEAK = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], capture_output=True)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def peak_memory_mb(args: list[str], env: dict[str, str]) -> float:
    command = [sys.executable, "-c", _PEAK, *args]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, env=env, text=True)
    kilobytes = int(done.stdout.strip() or 0)
    return kilobytes / (1024 * 1024) if sys.platform == "darwin" else kilobytes / 1024  # macOS: bytes


def catalog():
    from lsplan.catalog import CatalogError, load_catalog

    try:
        return load_catalog()
    except CatalogError as exc:
        print(f"note: shipped data invalid ({exc}); files made with the test catalogue", file=sys.stderr)
        from workbooks import FakeCatalog

        return FakeCatalog()


def big_data_rows(sheet_rows: int) -> int:
    """Data rows of a report sheet `sheet_rows` long: the title block and the header come first."""
    from workbooks import TITLE

    return sheet_rows - (len(TITLE) + 2)  # title lines, one blank row, the header


def make_files(folder: Path, count: int, big_rows: int) -> tuple[Path, Path, Path, list[Path]]:
    from workbooks import ROWS, fill_form, save_report

    from lsplan.template import write_template

    form = write_template(folder / "form.xlsx", catalog(), "Sở Công Thương", 2025, "Q2")
    fill_form(form.path, {row.indicator.id: 1 for row in form.rows})  # valid for every measure
    extra = tuple((10 + i, f"Chỉ tiêu khác {i}", "tấn", None, i, None, None, None) for i in range(20))
    report = save_report(folder / "report.xlsx", ROWS + extra)  # 25 rows, extra rows as real reports have
    # The worst case for matching: every row names something that is no indicator of the plan.
    # A sheet of `big_rows` rows in all, four cells a row: within the reader's caps (5,000 rows
    # a sheet, 30,000 cells a workbook), so that every row is read and matched.
    name = "Sản phẩm thủ công mỹ nghệ loại {} xuất khẩu qua cửa khẩu"
    unmatched = tuple(
        (i, name.format(i), "chiếc", None, 500 + i, None, None, None)
        for i in range(1, big_data_rows(big_rows) + 1)
    )
    big = save_report(folder / "big-report.xlsx", unmatched)
    many = folder / "many"
    many.mkdir()
    files = []
    for i in range(count):
        source = form.path if i % 2 else report
        target = many / f"{i:03d}-{source.name}"
        target.write_bytes(source.read_bytes())
        files.append(target)
    return form.path, report, big, files


def child_env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "LSPLAN_NO_CACHE")}
    env["LSPLAN_CACHE_DIR"] = str(cache)
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9, help="rounds of interleaved runs")
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--big-rows", type=int, default=5000)
    options = parser.parse_args()
    command = lsplan_command()
    with tempfile.TemporaryDirectory() as tmp:
        form, report, big, files = make_files(Path(tmp), options.files, options.big_rows)
        env = child_env(Path(tmp) / "cache")
        baseline = Case("`python -c pass` (bare interpreter start)", [sys.executable, "-c", "pass"], "1×")
        small = SMALL_REPORT if SMALL_REPORT.exists() else report
        cases = [
            baseline,
            Case("`lsplan --version`", [*command, "--version"], "≤ 3×"),
            Case("`lsplan --help`", [*command, "--help"], "≤ 4×"),
            Case(f"`lsplan check` one small report ({small.name})", [*command, "check", str(small)], "≤ 6×"),
            Case(
                "`lsplan check` the same report on a terminal (a pseudo-terminal, 120 columns, in colour)",
                [*command, "check", str(small)],
                "≤ 6×",
                tty=True,
            ),
            Case(
                "`lsplan check` the same report, JSON (no terminal table, no rich)",
                [*command, "check", str(small), "--format", "json"],
            ),
            Case("`lsplan check` one lsplan form, JSON", [*command, "check", str(form), "--format", "json"]),
            Case(
                "`lsplan check` one conventional report (25 rows), JSON",
                [*command, "check", str(report), "--format", "json"],
            ),
            Case(
                f"`lsplan check` a {options.big_rows:,}-row report sheet "
                f"({big_data_rows(options.big_rows):,} rows naming no indicator), JSON",
                [*command, "check", str(big), "--format", "json"],
                "≤ 1 s",
            ),
            Case(
                f"`lsplan check` {len(files)} files in one call, JSON",
                [*command, "check", str(files[0].parent / "*.xlsx"), "--format", "json"],
                "< 10 s",
            ),
        ]
        for case in cases:  # warm-up: bytecode caches, plan-data memo, message cache
            case.run(env)
            case.times, case.cpu = [], []
        for _round in range(options.repeat):
            for case in cases:
                case.run(env)
        for case in cases:  # apart from the timed runs: memory flat from 25 rows to 5,000
            case.peak_mb = 0.0 if case.tty else peak_memory_mb(case.args, env)
    base = statistics.median(baseline.times or [1.0])
    base_cpu = statistics.median(baseline.cpu or [1.0])
    print(f"Machine: {machine()}; {datetime.date.today().isoformat()}; {options.repeat} interleaved rounds\n")
    print(
        "| measurement | median wall time | ratio to `python -c pass` | CPU time ratio | peak memory "
        "| aim | exit code |"
    )
    print("|---|---:|---:|---:|---:|---|---:|")
    for case in cases:
        seconds = statistics.median(case.times or [0.0])
        cpu = statistics.median(case.cpu or [0.0])
        print(
            f"| {case.label} | {seconds:.3f} s | {seconds / base:.1f}× | {cpu / base_cpu:.1f}× "
            f"| {f'{case.peak_mb:.0f} MB' if case.peak_mb else '—'} | {case.aim} | {case.code} |"
        )


if __name__ == "__main__":
    main()
