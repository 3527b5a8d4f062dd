"""Pictures of the example report for the README: docs/img/report-html.png, report-html-phone.png
and report-xlsx-summary.png.

    python scripts/screenshots.py [--out docs/img]

The report is `lsplan report --quarter Q1 --year 2025` on the demo store (the shipped Q1 2025
example submissions: real published figures). The HTML page is photographed by headless Chromium.
The XLSX summary sheet is converted by LibreOffice (headless) to PDF and rasterised by pdftoppm
when both are installed (Debian: libreoffice-calc-nogui, poppler-utils); otherwise the summary
sheet's cells are laid out as an HTML table and photographed by Chromium, and the script says so.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2025, 4, 20)
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars"]


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if found is None:
        sys.exit("error: Chromium is needed (apt-get install chromium)")
    return found


def screenshot(page: Path, png: Path, width: int, height: int, work: Path) -> None:
    subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={work / 'chromium'}",
                    f"--window-size={width},{height}", f"--screenshot={png}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)


def build_example(work: Path) -> tuple[Path, Path]:
    """The Q1 2025 report on the demo store, as HTML and XLSX in `work`."""
    from lsplan.catalog import load_catalog
    from lsplan.demo import DEMO_QUARTER, DEMO_YEAR, build_demo_store
    from lsplan.report import build_report, report_results, write_report
    from lsplan.store import Store

    catalog = load_catalog()
    with Store(work / "demo.sqlite3") as store:
        build_demo_store(store, catalog)
        # Judged as of the quarterly review's day (20/04/2025), as in the README's gaps example.
        results = report_results(catalog, store, year=DEMO_YEAR, quarter=DEMO_QUARTER, today=AS_OF)
    report = build_report(results, DEMO_QUARTER, catalog=catalog)
    html, xlsx = work / "report.html", work / "report.xlsx"
    write_report(report, html, "vi")
    write_report(report, xlsx, "vi")
    return html, xlsx


def summary_only(xlsx: Path, work: Path) -> Path:
    """A copy of the workbook holding only the summary sheet (so the PDF's first page is it)."""
    from openpyxl import load_workbook

    book = load_workbook(xlsx)
    summary = book.worksheets[1]
    for sheet in list(book.worksheets):
        if sheet is not summary:
            book.remove(sheet)
    path = work / "summary.xlsx"
    book.save(path)
    return path


def xlsx_by_libreoffice(xlsx: Path, png: Path, work: Path) -> bool:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftoppm = shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        return False
    source = summary_only(xlsx, work)
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={(work / 'lo').as_uri()}", "--convert-to",
                    "pdf", "--outdir", str(work), str(source)], check=True, capture_output=True, timeout=180)
    pdf = work / "summary.pdf"
    subprocess.run([pdftoppm, "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(png.with_suffix(""))], check=True, capture_output=True, timeout=120)
    return png.exists()


def xlsx_by_html(xlsx: Path, png: Path, work: Path) -> None:
    """Fallback: the summary sheet's cells (values and fills) as an HTML table, photographed."""
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx).worksheets[1]
    rows = []
    for row in sheet.iter_rows(max_col=7):
        cells = []
        for cell in row:
            fill = cell.fill.fgColor.rgb if cell.fill and cell.fill.fill_type == "solid" else None
            style = f' style="background:#{str(fill)[-6:]}"' if isinstance(fill, str) else ""
            bold = "font-weight:bold;" if cell.font and cell.font.b else ""
            value = "" if cell.value is None else escape(str(cell.value))
            cells.append(f'<td{style}><span style="{bold}">{value}</span></td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    page = work / "summary.html"
    page.write_text(
        '<!DOCTYPE html><html lang="vi"><meta charset="utf-8"><style>body{font-family:sans-serif;margin:8px}'
        "table{border-collapse:collapse;font-size:13px}td{border:1px solid #d0d0d0;padding:2px 6px}</style>"
        f"<body><p><em>{escape(sheet.title)}</em> (XLSX summary sheet, drawn from its cells)</p>"
        f"<table>{''.join(rows)}</table></body></html>", encoding="utf-8")
    screenshot(page, png, 1100, 900, work)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lsplan-shots-") as folder:
        work = Path(folder)
        html, xlsx = build_example(work)
        screenshot(html, args.out / "report-html.png", 1280, 1600, work)
        screenshot(html, args.out / "report-html-phone.png", 500, 1100, work)
        summary = args.out / "report-xlsx-summary.png"
        if xlsx_by_libreoffice(xlsx, summary, work):
            print(f"{summary}: LibreOffice (PDF) + pdftoppm", file=sys.stderr)
        else:
            xlsx_by_html(xlsx, summary, work)
            print(f"{summary}: LibreOffice or pdftoppm not installed; drew the summary sheet's cells as HTML "
                  "(charts not shown)", file=sys.stderr)
    for name in ("report-html.png", "report-html-phone.png", "report-xlsx-summary.png"):
        print(args.out / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
