"""The HTML report as a reader sees it: rendered by headless Chromium, asserted on the DOM."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_report_support import CHROMIUM, Dom, catalog, dump_dom, results

from lsplan.numfmt import format_number, format_percent
from lsplan.report import build_report, write_report
from lsplan.report.html import render_html


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Dom]:
    folder = tmp_path_factory.mktemp("html")
    path = folder / "bao-cao.html"
    write_report(build_report(results(), "Q2", catalog=catalog()), path, "vi")
    dom_text = dump_dom(path, folder)
    return path, dom_text, Dom(dom_text)


def test_every_figure_equals_the_gaps_result(page) -> None:
    _path, _text, dom = page
    rows = results()["Q2"]["rows"]
    assert set(dom.rows) == {row["target"] for row in rows}
    for row in rows:
        cells = dom.rows[row["target"]]
        for key in ("expected", "actual"):
            if row[key] is None:
                assert cells[key]["value"] is None and cells[key]["text"].strip() == "—"
            else:
                assert float(cells[key]["value"]) == row[key]
                assert cells[key]["text"].split("(")[0].strip() == format_number(row[key], "vi")
        if row["attainment"] is not None:
            assert float(cells["attainment"]["value"]) == row["attainment"]
            assert cells["attainment"]["text"].strip() == format_percent(row["attainment"], "vi")
        assert cells["Đánh giá"]["status"] == row["status"]


def test_vietnamese_numbers_statuses_and_estimates(page) -> None:
    _path, _text, dom = page
    revenue = dom.rows["kb-2025.budget-revenue"]
    assert revenue["actual"]["text"] == "4.500,3"  # large figures: one decimal, half rounds up
    assert revenue["annual"]["text"] == "9.937,8"
    assert revenue["Đánh giá"]["text"] == "Có nguy cơ chậm"
    tourists = dom.rows["kb-2025.tourists"]
    assert tourists["actual"]["text"] == "2,1 (ước)"  # an estimate is marked beside the figure
    assert tourists["Ghi chú"]["text"] == "số ước"
    assert dom.rows["kb-2025.grdp-growth"]["Đánh giá"]["text"] == "Vượt"


def test_missing_submissions_are_at_the_top(page) -> None:
    _path, text, dom = page
    assert "missing" in dom.ids
    assert dom.ids.index("missing") < dom.ids.index("summary") < dom.ids.index("details")
    assert 'role="alert"' in text
    assert "Có 1 chỉ tiêu chưa có số liệu kỳ này; 1 chỉ tiêu đã quá hạn báo cáo." in text
    assert re.search(r'data-target="kb-2025\.forest-cover" data-overdue="true">.*?Quá hạn', text)


def test_cutoff_and_period_stated(page) -> None:
    _path, text, _dom = page
    assert "Số liệu tính đến: 15/04/2025 16:30" in text
    assert "Quý II năm 2025 (lũy kế đến ngày 30/6/2025)" in text
    assert "Có 3 số liệu là số ước tính" in text
    note = re.search(r'<p class="note" id="estimates">(.*?)</p>', text)
    assert note is not None
    assert re.findall(r'href="#s-([^"]+)"[^>]*>([^<]+)</a>', note.group(1)) == [
        ("kb-2025-grdp-growth", "I.1"),
        ("kb-2025-tourists", "I.2"),
        ("ctr-98-poverty", "II.1"),
    ]


def test_every_link_lands_on_a_quote_or_a_submission(page) -> None:
    _path, _text, dom = page
    internal = [h for h in dom.hrefs if h.startswith("#")]
    assert internal and all(h[1:] in dom.ids for h in internal)
    for target in dom.rows:
        anchor = target.replace(".", "-")
        assert f"#q-{anchor}" in internal and f"#s-{anchor}" in internal
    assert "tệp vh.xlsx, trang Biểu 01, ô D7 — số ước" in _text


def test_text_is_escaped(page) -> None:
    _path, text, dom = page
    assert "thu ngân sách <b>9.937,8</b> tỷ đồng" in dom.blockquotes  # shown as typed, not as markup
    assert "<b>9.937,8</b>" not in text


def test_self_contained_no_network_no_scripts(page) -> None:
    path, _text, _dom = page
    raw = path.read_text(encoding="utf-8")
    assert "<script" not in raw and "<link" not in raw and "@import" not in raw and "url(" not in raw
    assert re.findall(r"https?://[^\"' )]+", raw) == ["http://www.w3.org/2000/svg"] * raw.count("<svg")
    assert raw.count("<svg") == 3  # attainment bars and two path charts (targets with two quarters)


def test_charts_drawn_inline(page) -> None:
    _path, text, _dom = page
    bars = re.findall(r'<g class="bar" data-target="([^"]+)" data-value="([^"]+)"', text)
    assert {t: float(v) for t, v in bars} == {
        r["target"]: r["attainment"] for r in results()["Q2"]["rows"] if r["attainment"] is not None
    }
    paths = re.findall(r'<svg class="path-chart"[^>]*data-target="([^"]+)"', text)
    assert sorted(paths) == ["kb-2025.budget-revenue", "kb-2025.tourists"]
    assert text.count('class="actual-point"') == 4


_PROBE = """<script>
const table = document.querySelector('table.report td');
document.body.dataset.scrollWidth = document.documentElement.scrollWidth;
document.body.dataset.viewWidth = document.documentElement.clientWidth;
document.body.dataset.cellDisplay = getComputedStyle(table).display;
</script></body>"""


@pytest.mark.parametrize(("width", "display"), [(390, "block"), (1280, "table-cell")])
def test_phone_layout_has_no_sideways_scroll(page, tmp_path: Path, width: int, display: str) -> None:
    path, _text, _dom = page
    probe = tmp_path / "probe.html"  # a copy with a measuring script: the report itself has none
    probe.write_text(path.read_text(encoding="utf-8").replace("</body>", _PROBE), encoding="utf-8")
    dom = Dom(dump_dom(probe, tmp_path, width=width))
    # Headless Chromium keeps windows at least 500 px wide: still a phone for the report's CSS (< 700 px).
    view = int(dom.body_attrs["data-view-width"])
    assert view <= max(width, 500)
    assert dom.body_attrs["data-cell-display"] == display
    assert int(dom.body_attrs["data-scroll-width"]) <= view  # nothing runs off the side of the screen


def test_prints_on_a4_landscape(page, tmp_path: Path) -> None:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed")
    path, _text, _dom = page
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            path.as_uri(),
        ],
        capture_output=True,
        timeout=60,
        check=True,
    )
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes())
    assert boxes
    width, height = (float(v) for v in boxes[0])
    assert (round(width), round(height)) == (842, 595)  # A4 landscape in points


def test_english_page(tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    write_report(build_report(results(), "Q2", catalog=catalog()), path, "en")
    text = dump_dom(path, tmp_path)
    dom = Dom(text)
    assert '<html lang="en">' in text
    assert "PEOPLE'S COMMITTEE OF LANG SON PROVINCE" in text
    assert dom.rows["kb-2025.budget-revenue"]["actual"]["text"] == "4,500.3"
    assert dom.rows["kb-2025.tourists"]["Assessment"]["text"] == "Behind schedule"
    assert dom.rows["kb-2025.tourists"]["actual"]["text"] == "2.1 (est.)"


@settings(max_examples=60, deadline=None)
@given(name=st.text(min_size=1, max_size=40), file=st.text(min_size=1, max_size=20))
def test_any_text_is_shown_as_typed_never_as_markup(name: str, file: str) -> None:
    data = results()
    row = data["Q1"]["rows"][0]
    row["indicator_name"] = name
    row["source"] = dict(row["source"], file=file)
    page = render_html(build_report(data, "Q1"), "vi")
    dom = Dom(page)
    cells = dom.rows[row["target"]]
    assert cells["Chỉ tiêu"]["text"] == name.replace("\r\n", "\n").replace("\r", "\n") or "\r" in name
    assert file.strip() in cells["Nguồn số liệu"]["text"] or "\r" in file
    assert dom.tags.count("script") == 0 and dom.tags.count("tr") == page.count("<tr")


def test_no_missing_submission_says_so_calmly() -> None:
    page = render_html(build_report(results(), "Q1", catalog=catalog()), "vi")
    assert 'id="missing"' not in page
    assert '<p class="ok" id="missing-none">Đã nhận đủ báo cáo của các cơ quan.</p>' in page
