"""Benchmark the store: `gaps` and `agency` over ten years of history, and `ingest` of 200 files.

    .venv/bin/python bench/bench_store.py [--years 10] [--agencies 60] [--files 200]

1. Fills a fresh store, through the store API (not files), with quarterly submissions from 60
   agencies over ten years (the catalogue's agencies plus generated ones up to 60; each sends
   figures for its share of the catalogue's indicators, cumulative, mixed maturity).
2. Times `gaps` (lagging only and `--all`) for the last year's Q2, and `agency` for one department.
3. Writes 200 conventional report workbooks (four departments × many periods, generated) and
   times one `ingest` call over them into a fresh store.
Prints a Markdown table (the README's "Speed" section). Aim: gaps under one second.
"""

from __future__ import annotations

import argparse
import importlib.util
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lsplan.catalog import load_catalog  # noqa: E402
from lsplan.gaps import agency_view, gaps  # noqa: E402
from lsplan.ingest import ingest  # noqa: E402
from lsplan.model import Observation  # noqa: E402
from lsplan.store import PERIODS, Store  # noqa: E402

MATURITIES = ("estimate", "preliminary", "official")


def timed(function, repeat: int = 3):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def fill_store(store: Store, catalog, years: int, agencies: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    ids = [a.id for a in catalog.agencies.values() if a.active][:agencies]
    ids += [f"bench-agency-{i:02d}" for i in range(agencies - len(ids))]
    indicators = [i for i in catalog.indicators.values() if str(i.measure) != "qualitative"]
    per_agency = min(15, len(indicators))  # overlapping: several agencies report some indicators
    share = {
        agency: [indicators[(n * 7 + k) % len(indicators)] for k in range(per_agency)]
        for n, agency in enumerate(ids)
    }
    last = 2025
    count = 0
    for year in range(last - years + 1, last + 1):
        for q, period in enumerate(PERIODS, start=1):
            for agency in ids:
                observations = [
                    Observation(
                        indicator=i.id,
                        value=round(rng.uniform(50, 150) * (q if str(i.measure) == "flow" else 1), 2),
                        unit=i.unit,
                        year=year,
                        period=period,
                        agency=agency,
                        sheet="Báo cáo",
                        cell=f"E{7 + n}",
                        maturity=rng.choice(MATURITIES),
                    )
                    for n, i in enumerate(share[agency])
                ]
                store.add_submission(
                    file_name=f"{agency}-{year}-{period}.xlsx",
                    sha256=f"{agency}{year}{period}",
                    agency=agency,
                    year=year,
                    period=period,
                    observations=observations,
                )
                count += 1
    return count


def write_files(folder: Path, count: int) -> list[Path]:
    spec = importlib.util.spec_from_file_location("make_examples", ROOT / "examples" / "make_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    quarter_words = {"Q1": "QUÝ I", "Q2": "6 THÁNG", "Q3": "9 THÁNG", "Q4": "NĂM"}
    paths = []
    for n in range(count):
        name, agency_line, title, rows = module.REPORTS[n % len(module.REPORTS)]
        year = 2025 - (n // 16) % 10
        period = PERIODS[(n // 4) % 4]
        title = title.replace("QUÝ I NĂM 2025", f"{quarter_words[period]} NĂM {year}")
        bumped = [(*r[:4], None if r[4] is None else r[4] * (1 + n / 1000), *r[5:]) for r in rows]
        book = module.conventional(agency_line, title, bumped)
        sheet = book.active
        sheet.cell(6, 4, f"Kế hoạch năm {year}")
        sheet.cell(6, 5, f"Ước thực hiện {quarter_words[period].lower()} năm {year}")
        path = folder / f"{n:03d}-{name}"
        book.save(path)
        paths.append(path)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--agencies", type=int, default=60)
    parser.add_argument("--files", type=int, default=200)
    args = parser.parse_args()
    catalog = load_catalog()
    rows = []
    with tempfile.TemporaryDirectory(prefix="lsplan-bench-") as folder:
        with Store(Path(folder) / "history.sqlite3") as store:
            start = time.perf_counter()
            submissions = fill_store(store, catalog, args.years, args.agencies)
            fill = time.perf_counter() - start
            subs, obs = store.count()
            rows.append((f"fill: {submissions} submissions, {obs} observations (store API)", fill))
            seconds, result = timed(lambda: gaps(catalog, store, year=2025, quarter="Q2"))
            rows.append(
                (f"gaps --quarter Q2 ({len(result.rows)} lagging, {len(result.missing)} missing)", seconds)
            )
            seconds, result = timed(lambda: gaps(catalog, store, year=2025, quarter="Q2", include_all=True))
            rows.append((f"gaps --quarter Q2 --all ({len(result.rows)} rows)", seconds))
            seconds, _ = timed(lambda: agency_view(catalog, store, "Sở Công Thương", year=2025, quarter="Q2"))
            rows.append(('agency "Sở Công Thương" --quarter Q2', seconds))
        files_dir = Path(folder) / "files"
        files_dir.mkdir()
        paths = write_files(files_dir, args.files)
        with Store(Path(folder) / "ingest.sqlite3") as store:
            start = time.perf_counter()
            report = ingest(store, paths, catalog)
            seconds = time.perf_counter() - start
            added = sum(f.status == "added" for f in report.files)
            refused = sum(f.status in ("refused", "unreadable") for f in report.files)
            rows.append(
                (f"ingest {len(paths)} files in one call ({added} stored, {refused} refused)", seconds)
            )
    command = [
        str(Path(sys.executable).parent / "lsplan"),
        "gaps",
        "--quarter",
        "Q1",
        "--year",
        "2025",
        "--demo",
    ]
    seconds, _ = timed(lambda: subprocess.run(command, capture_output=True, check=True))
    rows.append(
        ("`lsplan gaps --quarter Q1 --year 2025 --demo` (whole CLI run: start-up, data, demo store)", seconds)
    )
    print(
        f"Machine: {platform.machine()}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}\n"
    )
    print("| operation | seconds |")
    print("|---|---:|")
    for label, seconds in rows:
        print(f"| {label} | {seconds:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
