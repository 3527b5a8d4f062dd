"""The picture of a reminder letter for the README: docs/img/remind-letter.png.

    python scripts/letter_picture.py [--out docs/img]

Runs `lsplan remind --quarter Q1 --year 2025 --as-of 2025-04-20 --agency "Sở Công Thương"` on
the demo store (the shipped Q1 2025 example submissions), converts the .docx to PDF with
LibreOffice (Debian: libreoffice-writer-nogui) and rasterises page 1 with pdftoppm
(poppler-utils). LibreOffice draws Times New Roman with its metric twin, Liberation Serif, when
the Microsoft font is not installed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args(argv)
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            sys.exit(f"error: {tool} is needed (apt-get install libreoffice-writer-nogui poppler-utils)")
    with tempfile.TemporaryDirectory(prefix="lsplan-letter-") as folder:
        work = Path(folder)
        env = {**os.environ, "XDG_DATA_HOME": str(work / "data"), "LSPLAN_CACHE_DIR": str(work / "cache")}
        env.pop("LSPLAN_STORE", None)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "lsplan",
                "remind",
                "-q",
                "Q1",
                "--year",
                "2025",
                "--as-of",
                "2025-04-20",
                "--agency",
                "Sở Công Thương",
                "-o",
                str(work / "letters"),
            ],
            check=True,
            env=env,
            cwd=ROOT,
        )
        docx = work / "letters" / "cong-van-so-cong-thuong-2025-Q1.docx"
        subprocess.run(
            [
                "soffice",
                "--headless",
                f"-env:UserInstallation=file://{work}/lo",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(work / f"{docx.stem}.pdf"),
                str(work / "page"),
            ],
            check=True,
        )
        args.out.mkdir(parents=True, exist_ok=True)
        shutil.copy(work / "page.png", args.out / "remind-letter.png")
    print(f"wrote {args.out / 'remind-letter.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
