"""`lsplan remind`: one letter per agency that owes figures or lags, agreeing with `gaps`, laid out
as Nghị định 30/2020/NĐ-CP asks (checked by reopening every .docx), recalled letters, settings."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from typer.testing import CliRunner

from lsplan.catalog import load_catalog
from lsplan.cli import app
from lsplan.demo import build_demo_store
from lsplan.gaps import gaps
from lsplan.remind import LetterKind, LetterSettings, draft_letters, load_settings
from lsplan.remind.compose import cite_brief, cite_full, compose
from lsplan.remind.letters import plan_letters
from lsplan.remind.settings import SettingsError
from lsplan.store import Store

runner = CliRunner()
AS_OF = "2025-04-20"
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory, catalog):
    path = tmp_path_factory.mktemp("remind") / "store.sqlite3"
    with Store(path) as store:
        build_demo_store(store, catalog)
    return path


@pytest.fixture(scope="module")
def letters(tmp_path_factory, demo_store):
    folder = tmp_path_factory.mktemp("letters") / "cong-van"
    result = runner.invoke(
        app,
        [
            "remind",
            "-q",
            "Q1",
            "--year",
            "2025",
            "--as-of",
            AS_OF,
            "--store",
            str(demo_store),
            "-o",
            str(folder),
        ],
    )
    assert result.exit_code == 0, result.output
    return folder


def invoke(*args: str):
    return runner.invoke(app, list(args))


# ------------------------------------------------------------------------- who gets a letter


def test_one_letter_per_agency_that_owes_or_lags_agreeing_with_gaps(letters, demo_store, catalog):
    with Store(demo_store) as store:
        result = gaps(catalog, store, year=2025, quarter="Q1", today=date.fromisoformat(AS_OF))
    by_name = {a.name: a.id for a in catalog.agencies.values()}
    owed = {by_name[c] for m in result.missing if m["overdue"] for c in m["chase"]}
    lagging = {
        a
        for r in result.rows
        if r["status"] in ("off_track", "at_risk") and not r["indicative"]
        for a in r["lead_ids"]
    }
    issuer = catalog.resolve_agency("Sở Tài chính").agency.id
    expected = (owed | lagging) - {issuer}
    written = {
        p.stem.removeprefix("cong-van-").removesuffix("-2025-Q1") for p in letters.glob("cong-van-*.docx")
    }
    assert written == expected and written
    assert (letters / "tong-hop-don-doc-2025-Q1.docx").exists()
    # each letter names exactly the figures gaps says that agency owes or lags on
    for agency_id in expected:
        text = "\n".join(p.text for p in Document(letters / f"cong-van-{agency_id}-2025-Q1.docx").paragraphs)
        for m in result.missing:
            if m["overdue"] and agency_id in {by_name[c] for c in m["chase"]}:
                assert m["indicator_name"] in text
        for r in result.rows:
            if agency_id in r["lead_ids"] and r["status"] in ("off_track", "at_risk") and not r["indicative"]:
                assert r["indicator_name"] in text


def test_json_summary_lists_the_letters_and_the_issuer_is_not_written_to(demo_store):
    result = invoke(
        "remind", "-q", "Q1", "--year", "2025", "--as-of", AS_OF, "--store", str(demo_store), "-f", "json"
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    agencies = [letter["agency"] for letter in payload["letters"]]
    assert "so-tai-chinh" not in agencies
    assert [s["agency"] for s in payload["skipped"]] == ["so-tai-chinh"]
    assert all(letter["file"].endswith(".docx") for letter in payload["letters"])


def test_figures_not_yet_due_are_not_chased(catalog, demo_store):
    """Statistics figures are due on the 5th of the next month: on 3 April nobody is late with them."""
    with Store(demo_store) as store:
        early = draft_letters(catalog, store, year=2025, quarter="Q1", today=date(2025, 4, 3))
    late_targets = {i.target for letter, _ in early.letters for i in letter.late}
    statistics = {m["target"] for m in early.plan.not_yet_due}
    assert statistics and not late_targets & statistics
    assert all(m["reporting"] == "statistics" for m in early.plan.not_yet_due)


class _Result:
    """A gaps result with one overdue figure and one lagging target for one agency."""

    year, quarter, as_of = 2025, "Q1", "2025-04-20"
    missing = [
        {
            "target": "kb-2025.export-growth",
            "indicator_name": "Tốc độ tăng kim ngạch xuất khẩu",
            "plan": "kb-2025",
            "chase": ["Sở Công Thương"],
            "lead_ids": ["so-cong-thuong"],
            "deadline": "2025-03-14",
            "overdue": True,
            "reporting": "admin",
        },
        {
            "target": "kb-2025.cpi",
            "indicator_name": "Chỉ số giá tiêu dùng (CPI)",
            "plan": "kb-2025",
            "chase": ["Cục Thống kê tỉnh"],
            "lead_ids": ["so-tai-chinh"],
            "deadline": "2025-04-25",
            "overdue": False,
            "reporting": "statistics",
        },
    ]
    rows = [
        {
            "target": "kb-2025.retail-sales",
            "indicator": "retail-sales",
            "indicator_name": "Tổng mức bán lẻ",
            "plan": "kb-2025",
            "status": "off_track",
            "actual": 5000.0,
            "unit": "tỷ đồng",
            "expected": 10791.75,
            "expected_high": None,
            "attainment": 46.3,
            "needed_rate": None,
            "indicative": False,
            "lead_ids": ["so-cong-thuong"],
            "statement": "",
            "source": {"agency": "so-cong-thuong"},
        },
        {
            "target": "kb-2025.grdp-share-services",
            "indicator": "grdp-share-services",
            "indicator_name": "Dịch vụ",
            "plan": "kb-2025",
            "status": "at_risk",
            "actual": 47.0,
            "unit": "%",
            "expected": 50.0,
            "expected_high": 51.0,
            "attainment": 94.0,
            "needed_rate": None,
            "indicative": True,
            "lead_ids": ["so-cong-thuong"],
            "statement": "",
            "source": None,
        },
    ]


def test_kind_lagging_writes_only_about_lagging_targets(catalog):
    both = plan_letters(_Result(), catalog)
    assert [(letter.agency_id, len(letter.late), len(letter.lagging)) for letter in both.letters] == [
        ("so-cong-thuong", 1, 1)  # the indicative share is shown in gaps, never chased
    ]
    assert [m["target"] for m in both.not_yet_due] == ["kb-2025.cpi"]  # due on the 25th: not late yet
    lagging = plan_letters(_Result(), catalog, kind=LetterKind.LAGGING)
    assert [(len(letter.late), len(letter.lagging)) for letter in lagging.letters] == [(0, 1)]
    late = plan_letters(_Result(), catalog, kind=LetterKind.LATE)
    assert [(len(letter.late), len(letter.lagging)) for letter in late.letters] == [(1, 0)]
    text = compose(lagging.letters[0], LetterSettings(), catalog)
    words = " ".join(p for _, p in text.paragraphs)
    target = catalog.targets["kb-2025.retail-sales"]
    assert "bằng 46,3% mức cần đạt đến hết quý I năm 2025" in words
    if target.low is not None and target.year_start == target.year_end:  # a yearly flow: pace per quarter
        assert "/quý" in words
    assert text.subject == "V/v đôn đốc đẩy nhanh tiến độ thực hiện các chỉ tiêu quý I năm 2025"


def test_agency_option_keeps_one_letter_and_former_names_resolve(catalog, demo_store):
    with Store(demo_store) as store:
        run = draft_letters(
            catalog, store, year=2025, quarter="Q1", today=date.fromisoformat(AS_OF), agency="So Cong Thuong"
        )
    assert [letter.agency_id for letter, _ in run.letters] == ["so-cong-thuong"]
    result = invoke(
        "remind", "-q", "Q1", "--year", "2025", "--store", str(demo_store), "--agency", "Sở Không Có"
    )
    assert result.exit_code == 1


# ------------------------------------------------------------------------- the words


def test_plans_are_cited_in_full_once_then_briefly(catalog, demo_store):
    with Store(demo_store) as store:
        run = draft_letters(
            catalog, store, year=2025, quarter="Q1", today=date.fromisoformat(AS_OF), agency="Sở Công Thương"
        )
    _, text = run.letters[0]
    body = [p for _, p in text.paragraphs]
    kb = catalog.plans["kb-2025"]
    assert cite_full(kb) in body[0] and "của UBND tỉnh Lạng Sơn" in cite_full(kb)
    assert all(cite_full(kb) not in p for p in body[1:])
    assert any(f"theo {cite_brief(kb)}" in p for p in body[1:])
    c52 = catalog.plans["ctr-52"]
    assert cite_full(c52).startswith("Chương trình hành động số 52-CTr/TU ngày 27/10/2022 của Ban Chấp hành")
    assert body[-1].endswith("./.")


def test_a_sở_asks_and_ubnd_instructs_only_its_own_bodies(catalog, demo_store):
    with Store(demo_store) as store:
        as_so = draft_letters(catalog, store, year=2025, quarter="Q1", today=date.fromisoformat(AS_OF))
        as_ubnd = draft_letters(
            catalog,
            store,
            year=2025,
            quarter="Q1",
            today=date.fromisoformat(AS_OF),
            settings=load_settings(None, signer="ubnd"),
        )
    for _, text in as_so.letters:
        assert "yêu cầu" not in " ".join(p for _, p in text.paragraphs)
    words = {letter.agency_kind: " ".join(p for _, p in text.paragraphs) for letter, text in as_ubnd.letters}
    assert "Ủy ban nhân dân tỉnh Lạng Sơn yêu cầu" in words["so"]
    assert "yêu cầu" not in words["cuc"]  # the statistics office answers to its ministry: asked
    assert all(text.draft for _, text in as_ubnd.letters)
    # UBND tỉnh writes to Sở Tài chính too, and signs as a collective
    assert "so-tai-chinh" in {letter.agency_id for letter, _ in as_ubnd.letters}
    assert as_ubnd.letters[0][1].authority == ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH")


def test_the_letter_never_invents_a_number_or_a_day(letters):
    for path in letters.glob("cong-van-*.docx"):
        text = "\n".join(
            cell.text for table in Document(path).tables for row in table.rows for cell in row.cells
        )
        assert re.search(r"Số:\s{4,}/STC-TH", text)
        assert not re.search(r"Số:\s*\d", text)
        assert re.search(r"Lạng Sơn, ngày\s{4,}tháng\s{4,}năm 2025", text)


def test_pace_needed_for_a_lagging_flow(catalog):
    class Result:
        year, quarter, as_of = 2025, "Q1", "2025-04-20"
        missing: list = []
        rows = [
            {
                "target": "kb-2025.public-investment-disbursement",
                "indicator": "public-investment-disbursement",
                "indicator_name": "Tỷ lệ giải ngân vốn đầu tư công",
                "plan": "kb-2025",
                "status": "off_track",
                "actual": 13.4,
                "unit": "%",
                "expected": 23.75,
                "expected_high": None,
                "attainment": 56.4,
                "needed_rate": None,
                "indicative": False,
                "lead_ids": ["so-tai-chinh"],
                "statement": "",
                "source": {"agency": "so-tai-chinh", "file": "f.xlsx", "cell": "E9"},
            }
        ]

    plan = plan_letters(Result(), catalog)
    item = plan.letters[0].lagging[0]
    target = catalog.targets["kb-2025.public-investment-disbursement"]
    assert item.needed_basis == "per_quarter"
    assert item.needed == pytest.approx((target.low - 13.4) / 3)
    text = compose(plan.letters[0], LetterSettings(issuer="UBND tỉnh"), catalog)
    assert "điểm phần trăm/quý" in " ".join(p for _, p in text.paragraphs)


# ------------------------------------------------------------------------- NĐ 30 layout


def _runs(paragraph):
    return [r for r in paragraph.runs if r.text.strip()]


def _find(document, text):
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    if paragraph.text.strip() == text:
                        return paragraph
    for paragraph in document.paragraphs:
        if paragraph.text.strip() == text:
            return paragraph
    raise AssertionError(f"{text!r} not found")


def _size(paragraph):
    sizes = {r.font.size for r in _runs(paragraph)}
    assert len(sizes) == 1, sizes
    return sizes.pop()


def _style(paragraph):
    runs = _runs(paragraph)
    return {bool(r.font.bold) for r in runs}, {bool(r.font.italic) for r in runs}


def test_every_letter_follows_the_nd30_checklist(letters):
    paths = sorted(letters.glob("cong-van-*.docx"))
    assert paths
    for path in paths:
        document = Document(path)
        section = document.sections[0]

        def mm(length):  # Word stores twips: compare to a tenth of a millimetre
            return round(length / Mm(1), 1)

        assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
        assert [
            mm(m)
            for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
        ] == [20, 20, 30, 15]
        # Times New Roman on every run, in every script slot
        for element in document.element.body.iter(f"{W_NS}rFonts"):
            assert {element.get(f"{W_NS}{k}") for k in ("ascii", "hAnsi", "eastAsia", "cs")} == {
                "Times New Roman"
            }
        checks = {
            "UBND TỈNH LẠNG SƠN": (13, False, False),
            "SỞ TÀI CHÍNH": (13, True, False),
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": (12, True, False),
            "Độc lập - Tự do - Hạnh phúc": (13, True, False),
            "Số:      /STC-TH": (13, False, False),
            "Nơi nhận:": (12, True, True),
            "KT. GIÁM ĐỐC": (14, True, False),
            "PHÓ GIÁM ĐỐC": (14, True, False),
            "- Như trên;": (11, False, False),
            "- Lưu: VT, TH.": (11, False, False),
        }
        for text, (size, bold, italic) in checks.items():
            paragraph = _find(document, text)
            assert _size(paragraph) == Pt(size), text
            assert _style(paragraph) == ({bold}, {italic}), text
        date_line = next(
            p
            for t in document.tables
            for c in t.rows[1].cells
            for p in c.paragraphs
            if p.text.startswith("Lạng Sơn, ngày")
        )
        assert _size(date_line) == Pt(14) and _style(date_line) == ({False}, {True})
        subject = next(
            p
            for t in document.tables
            for c in t.rows[1].cells
            for p in c.paragraphs
            if p.text.startswith("V/v đôn đốc")
        )
        assert _size(subject) == Pt(12) and _style(subject) == ({False}, {False})
        # rules: one under the issuer (shorter than its column), one under the motto
        rules = [
            p
            for t in document.tables[:1]
            for c in t.rows[0].cells
            for p in c.paragraphs
            if p._p.pPr is not None and p._p.pPr.find(f"{W_NS}pBdr") is not None
        ]
        assert len(rules) == 2
        body = [
            p
            for p in document.paragraphs
            if p.text.strip() and not p.text.startswith(("Kính gửi", "DỰ THẢO"))
        ]
        for paragraph in body:
            assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
            assert mm(paragraph.paragraph_format.first_line_indent) == 10  # 1 cm
            assert paragraph.paragraph_format.space_after >= Pt(6)
            assert 1.0 <= paragraph.paragraph_format.line_spacing <= 1.5
            assert _size(paragraph) == Pt(14)
        assert body[-1].text.endswith("./.")
        kinh_gui = next(p for p in document.paragraphs if p.text.startswith("Kính gửi:"))
        assert kinh_gui.text.endswith(".") and _size(kinh_gui) == Pt(14)
        # page numbers from page 2 only: a different (empty) first-page header, PAGE in the other
        assert section.different_first_page_header_footer
        default_header = section.header._element.xml
        assert "PAGE" in default_header and "fldChar" in default_header
        assert "PAGE" not in section.first_page_header._element.xml


def test_markdown_preview_says_what_the_docx_says(letters, demo_store):
    result = invoke(
        "remind",
        "-q",
        "Q1",
        "--year",
        "2025",
        "--as-of",
        AS_OF,
        "--store",
        str(demo_store),
        "--agency",
        "Sở Công Thương",
        "-f",
        "md",
    )
    assert result.exit_code == 0, result.output
    document = Document(letters / "cong-van-so-cong-thuong-2025-Q1.docx")
    for paragraph in document.paragraphs:
        if paragraph.text.strip():
            assert paragraph.text.strip() in result.stdout


def _writer_installed() -> bool:
    """soffice, its Writer component (Calc alone cannot open a .docx) and pdftotext."""
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdftotext") is None:
        return False
    return any(Path(soffice).resolve().parent.glob("libswlo.so*"))


@pytest.mark.skipif(
    not _writer_installed(),
    reason="LibreOffice Writer or poppler-utils not installed "
    "(apt-get install libreoffice-writer-nogui poppler-utils; .ci/run installs them)",
)
def test_libreoffice_renders_the_letter_with_no_number_on_page_one(letters, tmp_path):
    source = letters / "cong-van-so-cong-thuong-2025-Q1.docx"
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "cong-van-so-cong-thuong-2025-Q1.pdf"
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    assert "Kính gửi: Sở Công Thương." in pages[0] and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pages[0]
    assert not re.match(r"\s*1\s*\n", pages[0])  # no page number on page 1
    if len(pages) > 1:
        assert re.match(r"\s*2\s*\n", pages[1])  # centred "2" at the top of page 2
    assert "./." in pages[-1] and "PHÓ GIÁM ĐỐC" in pages[-1]
    for page in pages[1:]:  # no page holds only its number (a spilled empty paragraph)
        assert len(page.split()) > 1, pages


# ------------------------------------------------------------------------- history and settings


def test_a_recorded_letter_is_recalled_by_the_next_reminder(tmp_path, catalog, demo_store):
    store_path = tmp_path / "store.sqlite3"
    shutil.copy(demo_store, store_path)
    result = invoke(
        "remind",
        "-q",
        "Q1",
        "--year",
        "2025",
        "--as-of",
        AS_OF,
        "--store",
        str(store_path),
        "--record",
        "Sở Công Thương",
        "--number",
        "125/STC-TH",
        "--date",
        "2025-04-21",
    )
    assert result.exit_code == 0, result.output
    with Store(store_path) as store:
        recorded = store.letters(year=2025, period="Q1")
        assert [r["number"] for r in recorded] == ["125/STC-TH"]
        run = draft_letters(
            catalog, store, year=2025, quarter="Q1", today=date(2025, 5, 5), agency="Sở Công Thương"
        )
    opening = run.letters[0][1].paragraphs[0][1]
    assert opening.startswith(
        "Tiếp theo Công văn số 125/STC-TH ngày 21/04/2025 của Sở Tài chính về việc đôn đốc"
    )
    # another agency's letter does not recall it
    with Store(store_path) as store:
        other = draft_letters(
            catalog, store, year=2025, quarter="Q1", today=date(2025, 5, 5), agency="Sở Xây dựng"
        )
    assert not other.letters[0][1].paragraphs[0][1].startswith("Tiếp theo")


def test_record_needs_a_number_a_date_and_a_real_store(tmp_path, demo_store):
    missing = invoke(
        "remind", "-q", "Q1", "--year", "2025", "--store", str(demo_store), "--record", "Sở Công Thương"
    )
    assert missing.exit_code == 2 and "--number" in missing.output
    absent = invoke(
        "remind",
        "-q",
        "Q1",
        "--year",
        "2025",
        "--store",
        str(tmp_path / "none.sqlite3"),
        "--record",
        "Sở Công Thương",
        "--number",
        "1/STC-TH",
        "--date",
        "2025-04-21",
    )
    assert absent.exit_code == 2


def test_settings_file_beside_the_store_sets_the_signer(tmp_path, demo_store):
    store_path = tmp_path / "store.sqlite3"
    shutil.copy(demo_store, store_path)
    (tmp_path / "remind.yaml").write_text(
        "signer_name: Nguyễn Văn A\ncontact: Trần Thị B, phòng Tổng hợp, ĐT 0205 3812 345\n", encoding="utf-8"
    )
    folder = tmp_path / "out"
    result = invoke(
        "remind",
        "-q",
        "Q1",
        "--year",
        "2025",
        "--as-of",
        AS_OF,
        "--store",
        str(store_path),
        "--agency",
        "Sở Công Thương",
        "-o",
        str(folder),
    )
    assert result.exit_code == 0, result.output
    document = Document(folder / "cong-van-so-cong-thuong-2025-Q1.docx")
    name = _find(document, "Nguyễn Văn A")
    assert _size(name) == Pt(14) and _style(name) == ({True}, {False})
    assert any("Trần Thị B, phòng Tổng hợp" in p.text for p in document.paragraphs)


def test_bad_settings_and_bad_options_are_clear_errors(tmp_path, demo_store):
    bad = tmp_path / "remind.yaml"
    bad.write_text("signer: x\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="unknown key"):
        load_settings(bad)
    result = invoke(
        "remind", "-q", "Q1", "--year", "2025", "--store", str(demo_store), "--settings", str(bad)
    )
    assert result.exit_code == 2 and "unknown key" in result.output
    for args in (("--kind", "soon"), ("--deadline", "30/4/2025"), ("-f", "csv"), ("--signer", "chairman")):
        result = invoke("remind", "-q", "Q1", "--year", "2025", "--store", str(demo_store), *args)
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output


def test_output_must_be_a_folder_in_an_existing_place(tmp_path, demo_store):
    file = tmp_path / "letters.docx"
    file.write_bytes(b"keep me")
    result = invoke("remind", "-q", "Q1", "--year", "2025", "--store", str(demo_store), "-o", str(file))
    assert result.exit_code == 2 and file.read_bytes() == b"keep me"
    result = invoke(
        "remind",
        "-q",
        "Q1",
        "--year",
        "2025",
        "--store",
        str(demo_store),
        "-o",
        str(tmp_path / "no" / "such" / "dir"),
    )
    assert result.exit_code == 2 and not (tmp_path / "no").exists()


def test_deadline_is_written_in_the_request(catalog, demo_store):
    with Store(demo_store) as store:
        run = draft_letters(
            catalog,
            store,
            year=2025,
            quarter="Q1",
            today=date.fromisoformat(AS_OF),
            agency="Sở Công Thương",
            deadline=date(2025, 4, 30),
        )
    assert "trước ngày 30/04/2025" in " ".join(p for _, p in run.letters[0][1].paragraphs)
