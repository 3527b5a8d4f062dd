"""Build hook: ship the repository's data/ (with its source texts) and schemas/ inside the package as lsplan/_data.

The plan data lives at the repository root (data/, schemas/), where people edit and review it.
An installed lsplan must still find it, so building the package copies both folders into
lsplan/_data/ (lsplan.catalog.default_data_dir looks there first). Editable installs skip the
copy: they run from the checkout and read data/ and schemas/ directly.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "lsplan" / "_data"
        (target / "schemas").mkdir(parents=True, exist_ok=True)
        for path in sorted((ROOT / "data").glob("*.yaml")):
            shutil.copy2(path, target / path.name)
        (target / "sources").mkdir(exist_ok=True)
        for path in sorted((ROOT / "data" / "sources").glob("*")):
            shutil.copy2(path, target / "sources" / path.name)
        for path in sorted((ROOT / "schemas").glob("*.schema.json")):
            shutil.copy2(path, target / "schemas" / path.name)


setup(cmdclass={"build_py": BuildPyWithData})
