"""The shipped examples (examples/submissions/2025-Q1) read the same as before the reading
pipeline was split into stages: the same figures from the same cells, the same findings."""

from __future__ import annotations

import pytest

from lsplan.catalog import load_catalog
from lsplan.checks import check_file
from lsplan.demo import example_files

EXPECTED = {
    "so-cong-thuong-2025-Q1.xlsx": (
        [("retail-sales", 10783.1, "E7"), ("industrial-products-on-plan", 13.0, "E9")],
        [("indicator-unmatched", "B8")],
    ),
    "so-nong-nghiep-va-moi-truong-2025-Q1.xlsx": (
        [("annual-crop-area", 4.45507, "G18")],
        [("value-empty", f"G{r}") for r in (*range(12, 18), *range(19, 36))],
    ),
    "so-tai-chinh-2025-Q1.xlsx": (
        [("budget-revenue", 2666.0, "E7"), ("public-investment-disbursement", 13.4, "E8")],
        [],
    ),
    "so-vhttdl-2025-Q1.xlsx": ([("tourists", 1.92, "E7"), ("tourism-revenue", 1579.0, "E8")], []),
    "thong-ke-2025-Q1.xlsx": (
        [
            ("grdp-growth", 8.27, "E8"),
            ("grdp-growth-agri", 7.23, "E9"),
            ("grdp-growth-industry-construction", 10.89, "E10"),
            ("grdp-growth-services", 7.29, "E11"),
            ("grdp-growth-taxes", 8.5, "E12"),
            ("grdp-share-agri", 16.11, "E15"),
            ("grdp-share-industry-construction", 25.98, "E16"),
            ("grdp-share-services", 52.82, "E17"),
            ("grdp-share-taxes", 5.09, "E18"),
        ],
        [("indicator-unmatched", "B13")],
    ),
}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_example_reads_the_same(path, catalog) -> None:
    result = check_file(path, catalog)
    observations, findings = EXPECTED[path.name]
    assert result.status == "ok"
    assert [(o.indicator, o.value, o.cell) for o in result.observations] == observations
    assert [(f.code, f.cell) for f in result.findings] == findings
    assert all(o.method and o.column for o in result.observations)
