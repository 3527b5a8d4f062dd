"""Fixtures for the report tests, built in code: a small catalogue and `gaps`-shaped results.

The results follow `lsplan.gaps.GapsResult.to_dict()` exactly (nested `source` with file, sheet,
cell, maturity, received_at; `lead` as names), so the report is tested against the real contract
without needing a store.
"""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

from lsplan.model import Agency, Comparison, Indicator, Measure, Plan, SourceRef, Target

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def catalog() -> SimpleNamespace:
    plans = {
        "kb-2025": Plan(
            id="kb-2025",
            number="/KH-UBND",
            title="Thực hiện kịch bản tăng trưởng kinh tế năm 2025",
            issuer="UBND tỉnh Lạng Sơn",
            source_file="kh.txt",
            horizon_start=2025,
            horizon_end=2025,
            title_en="2025 growth scenario plan",
        ),
        "ctr-98": Plan(
            id="ctr-98",
            number="98/CTr",
            title="Chương trình hành động 98",
            issuer="UBND",
            source_file="ctr.txt",
            horizon_start=2021,
            horizon_end=2030,
        ),
    }
    indicators = {
        "grdp-growth": Indicator(
            "grdp-growth",
            "Tốc độ tăng trưởng GRDP",
            "GRDP growth rate",
            "%",
            Measure.GROWTH_RATE,
            sector="Kinh tế",
        ),
        "tourists": Indicator(
            "tourists", "Khách du lịch", "Tourists", "triệu lượt", Measure.FLOW, sector="Kinh tế"
        ),
        "budget-revenue": Indicator(
            "budget-revenue",
            "Thu ngân sách nhà nước",
            "State budget revenue",
            "tỷ đồng",
            Measure.FLOW,
            sector="Ngân sách",
        ),
        "retail-sales": Indicator(
            "retail-sales",
            "Tổng mức bán lẻ hàng hóa",
            "Retail sales",
            "tỷ đồng",
            Measure.FLOW,
            sector="Kinh tế",
        ),
        "forest-cover": Indicator(
            "forest-cover", "Tỷ lệ che phủ rừng", "Forest cover", "%", Measure.SHARE, sector="Môi trường"
        ),
        "poverty": Indicator(
            "poverty", "Tỷ lệ hộ nghèo", "Poverty rate", "%", Measure.SHARE, sector="Xã hội"
        ),
    }

    def target(
        tid: str, plan: str, ind: str, low: float | None, high: float | None, statement: str, quote: str
    ) -> Target:
        return Target(
            id=tid,
            plan=plan,
            indicator=ind,
            comparison=Comparison.RANGE if high else Comparison.AT_LEAST,
            year_start=2025,
            year_end=2025,
            low=low,
            high=high,
            statement=statement,
            source=SourceRef(document="kh.txt", section="II.1", quote=quote),
        )

    targets = {
        "kb-2025.grdp-growth": target(
            "kb-2025.grdp-growth",
            "kb-2025",
            "grdp-growth",
            8,
            9,
            "GRDP tăng 8 - 9%",
            "Tốc độ tăng trưởng kinh tế (GRDP) 8 - 9%",
        ),
        "kb-2025.tourists": target(
            "kb-2025.tourists",
            "kb-2025",
            "tourists",
            5.5,
            None,
            "Đón 5,5 triệu lượt khách",
            "thu hút trên 5,5 triệu lượt khách",
        ),
        "kb-2025.budget-revenue": target(
            "kb-2025.budget-revenue",
            "kb-2025",
            "budget-revenue",
            9937.8,
            9937.8,
            "Thu ngân sách 9.937,8 tỷ đồng",
            "thu ngân sách <b>9.937,8</b> tỷ đồng",
        ),
        "kb-2025.retail-sales": target(
            "kb-2025.retail-sales",
            "kb-2025",
            "retail-sales",
            44000,
            None,
            "Bán lẻ trên 44.000 tỷ đồng",
            "tổng mức bán lẻ trên 44.000 tỷ đồng",
        ),
        "kb-2025.forest-cover": target(
            "kb-2025.forest-cover",
            "kb-2025",
            "forest-cover",
            65,
            None,
            "Che phủ rừng 65%",
            "tỷ lệ che phủ rừng đạt 65%",
        ),
        "ctr-98.poverty": target(
            "ctr-98.poverty", "ctr-98", "poverty", None, 3.0, "Hộ nghèo giảm", "giảm tỷ lệ hộ nghèo"
        ),
    }
    agencies = {
        "so-tai-chinh": Agency("so-tai-chinh", "STC", "Sở Tài chính", "so"),
        "so-vhttdl": Agency("so-vhttdl", "SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "so"),
    }
    return SimpleNamespace(plans=plans, indicators=indicators, targets=targets, agencies=agencies, groups={})


def _source(file: str, cell: str, maturity: str = "estimate") -> dict:
    return {
        "file": file,
        "sheet": "Biểu 01",
        "cell": cell,
        "submission": 1,
        "agency": "so-tai-chinh",
        "maturity": maturity,
        "received_at": "2025-04-15T09:30:12.000001+00:00",
        "cumulative_derived": False,
    }


def _row(
    target: str,
    indicator: str,
    name: str,
    plan: str,
    status: str,
    expected,
    actual,
    attainment,
    unit: str,
    lead: list[str],
    source: dict | None,
    indicative: bool = False,
) -> dict:
    return {
        "target": target,
        "indicator": indicator,
        "indicator_name": name,
        "plan": plan,
        "status": status,
        "expected": expected,
        "expected_high": None,
        "actual": actual,
        "attainment": attainment,
        "gap": None if actual is None or expected is None else actual - expected,
        "unit": unit,
        "lead": lead,
        "lead_ids": [],
        "statement": "",
        "indicative": indicative,
        "stretch_status": None,
        "needed_rate": None,
        "note": "",
        "source": source,
    }


def results() -> dict[str, dict]:
    """{quarter: gaps dict} for Q1 and Q2 2025, worst first as gaps sorts them."""
    q2_rows = [
        _row(
            "kb-2025.tourists",
            "tourists",
            "Khách du lịch",
            "kb-2025",
            "off_track",
            2.75,
            2.1,
            76.36363636,
            "triệu lượt",
            ["Sở Văn hóa, Thể thao và Du lịch"],
            _source("vh.xlsx", "D7"),
        ),
        _row(
            "kb-2025.budget-revenue",
            "budget-revenue",
            "Thu ngân sách nhà nước",
            "kb-2025",
            "at_risk",
            4968.9,
            4500.25,
            90.567,
            "tỷ đồng",
            ["Sở Tài chính"],
            _source("=cmd|' /C calc'!A0", "E9", "official"),
        ),
        _row(
            "kb-2025.retail-sales",
            "retail-sales",
            "Tổng mức bán lẻ hàng hóa",
            "kb-2025",
            "on_track",
            22000.0,
            21783.1,
            99.0141,
            "tỷ đồng",
            ["Sở Công Thương"],
            _source("sct.xlsx", "C5", "preliminary"),
        ),
        _row(
            "kb-2025.grdp-growth",
            "grdp-growth",
            "Tốc độ tăng trưởng GRDP",
            "kb-2025",
            "achieved",
            8.0,
            9.3,
            116.25,
            "%",
            ["Cục Thống kê"],
            _source("tk.xlsx", "C4"),
        ),
        _row(
            "kb-2025.forest-cover",
            "forest-cover",
            "Tỷ lệ che phủ rừng",
            "kb-2025",
            "no_data",
            65.0,
            None,
            None,
            "%",
            ["Sở Nông nghiệp và Môi trường"],
            None,
        ),
        _row(
            "ctr-98.poverty",
            "poverty",
            "Tỷ lệ hộ nghèo",
            "ctr-98",
            "not_assessed",
            None,
            2.5,
            None,
            "%",
            ["Sở Y tế"],
            _source("yt.xlsx", "B3"),
            indicative=True,
        ),
    ]
    q1_rows = [
        _row(
            "kb-2025.tourists",
            "tourists",
            "Khách du lịch",
            "kb-2025",
            "on_track",
            1.375,
            1.92,
            139.6363,
            "triệu lượt",
            ["Sở Văn hóa, Thể thao và Du lịch"],
            _source("vh.xlsx", "D7"),
        ),
        _row(
            "kb-2025.budget-revenue",
            "budget-revenue",
            "Thu ngân sách nhà nước",
            "kb-2025",
            "achieved",
            2484.45,
            2666.0,
            107.3074,
            "tỷ đồng",
            ["Sở Tài chính"],
            _source("tc.xlsx", "E9"),
        ),
    ]
    missing = [
        {
            "target": "kb-2025.forest-cover",
            "indicator": "forest-cover",
            "indicator_name": "Tỷ lệ che phủ rừng",
            "plan": "kb-2025",
            "lead": ["Sở Nông nghiệp và Môi trường"],
            "lead_ids": [],
            "chase": [],
            "reporting": "admin",
            "deadline": "2025-06-14",
            "overdue": True,
        }
    ]
    return {
        "Q1": {
            "year": 2025,
            "quarter": "Q1",
            "as_of": "2025-04-20",
            "plan": None,
            "agency": None,
            "counts": {},
            "rows": q1_rows,
            "missing": [],
        },
        "Q2": {
            "year": 2025,
            "quarter": "Q2",
            "as_of": "2025-07-20",
            "plan": None,
            "agency": None,
            "counts": {},
            "rows": q2_rows,
            "missing": missing,
        },
    }


def dump_dom(html_path: Path, tmp_path: Path, width: int = 1280) -> str:
    """The DOM after headless Chromium has rendered the page (skips when Chromium is absent)."""
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium; .ci/run installs it when it can)")
    profile = tmp_path / "chromium-profile"
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        f"--window-size={width},900",
        "--dump-dom",
        html_path.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


class Dom(HTMLParser):
    """Just enough of the rendered DOM: element ids in order, report rows and their cells, links."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.rows: dict[str, dict[str, dict]] = {}  # target -> data-key/label -> {"value", "text"}
        self.tags: list[str] = []
        self.blockquotes: list[str] = []
        self.body_attrs: dict[str, str] = {}
        self._row: str | None = None
        self._cell: dict | None = None
        self._quote: list[str] | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attr = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        if tag == "body":
            self.body_attrs = attr
        if "id" in attr:
            self.ids.append(attr["id"])
        if tag == "a" and "href" in attr:
            self.hrefs.append(attr["href"])
        if tag == "tr" and "data-target" in attr and attr.get("data-overdue") is None:
            self._row = attr["data-target"]
            self.rows.setdefault(self._row, {})
        if tag == "td" and self._row is not None:
            key = attr.get("data-key") or attr.get("data-label", "")
            self._cell = {"value": attr.get("data-value"), "text": "", "status": attr.get("data-status")}
            self.rows[self._row][key] = self._cell
        if tag == "blockquote":
            self._quote = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._cell = None
        if tag == "tr":
            self._row = None
        if tag == "blockquote" and self._quote is not None:
            self.blockquotes.append("".join(self._quote))
            self._quote = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell["text"] += data
        if self._quote is not None:
            self._quote.append(data)
