"""Each input shape end to end (.docx, text PDF, markdown, a scan-like PDF), and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from extract_fixtures import image_only_pdf, text_pdf, write_docx
from typer.testing import CliRunner

from lsplan.catalog import load_catalog
from lsplan.cli import app
from lsplan.extract import extract_plan
from lsplan.extract.draft import to_record
from lsplan.yamlsource import squash

runner = CliRunner()


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


PARAGRAPHS = [
    "KẾ HOẠCH",
    "Phát triển kinh tế - xã hội năm 2026 tỉnh Cao Bằng",
    "II. MỤC TIÊU",
    "1. Tốc độ tăng trưởng kinh tế (GRDP) đạt 8 - 8,5%.",
    "2. Tỷ lệ che phủ rừng đạt trên 56%.",
    "III. NHIỆM VỤ CỤ THỂ",
]
TABLE = [
    ["STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian"],
    ["1", "Trồng rừng thay thế", "Sở Nông nghiệp và Môi trường", "UBND các xã, phường", "Năm 2026"],
]


def test_a_word_plan_with_paragraphs_and_a_table(tmp_path: Path, catalog) -> None:
    path = write_docx(tmp_path / "plan.docx", PARAGRAPHS, TABLE)
    extraction = extract_plan(path, catalog, "kh-2026")
    assert [(t.indicator_id, t.comparison, t.low, t.high) for t in extraction.targets] == [
        ("grdp-growth", "range", 8, 8.5),
        ("forest-cover", "at_least", 56, None),
    ]
    (task,) = extraction.tasks
    assert (task.number, task.lead[0].id, task.support[0].id) == (
        "1",
        "so-nong-nghiep-va-moi-truong",
        "ubnd-cap-xa",
    )


def test_a_pdf_with_a_text_layer_across_pages(tmp_path: Path, catalog) -> None:
    pages = [
        [
            "Kế hoạch số 12/KH-UBND",
            "KẾ HOẠCH",
            "Phát triển kinh tế - xã hội năm 2026",
            "II. MỤC TIÊU",
            "1. Tốc độ tăng trưởng kinh tế (GRDP) đạt",
            "1",
        ],
        ["Kế hoạch số 12/KH-UBND", "8 - 8,5%.", "2. Tỷ lệ che phủ rừng đạt trên 56%.", "2"],
    ]
    path = tmp_path / "plan.pdf"
    path.write_bytes(text_pdf(pages))
    extraction = extract_plan(path, catalog, "kh-2026")
    growth = extraction.targets[0]
    assert (growth.indicator_id, growth.low, growth.high) == ("grdp-growth", 8, 8.5)
    # The sentence runs across a page break, where the page number and running head stay in the
    # PDF's text: the quote is cut to the side of the break that holds the figure, so that it is
    # verbatim in the text as the PDF gives it, and the proposal says so.
    assert growth.quote == "8 - 8,5%"
    assert any("page break" in note for note in growth.notes)
    assert "Kế hoạch số" not in extraction.document.text


def test_a_portal_conversion_in_markdown(tmp_path: Path, catalog) -> None:
    path = tmp_path / "plan.md"
    path.write_text(
        "# KẾ HOẠCH\n\nPhát triển kinh tế - xã hội năm 2026\n\n## **II. MỤC TIÊU**\n\n"
        "**1.** Tổng thu ngân sách nhà nước trên địa bàn đạt **4.500 tỷ đồng**.\n\n"
        "| STT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp |\n|---|---|---|---|\n"
        "| 1 | Quản lý thu ngân sách | Sở Tài chính | Các sở, ban, ngành |\n",
        encoding="utf-8",
    )
    extraction = extract_plan(path, catalog, "kh-2026")
    (target,) = extraction.targets
    assert (target.indicator_id, target.low, target.section) == ("budget-revenue", 4500, "II.1")
    assert target.quote == "Tổng thu ngân sách nhà nước trên địa bàn đạt 4.500 tỷ đồng"
    assert [r.id for r in extraction.tasks[0].support] == ["cac-so-ban-nganh"]


def test_cli_json_equals_the_library_result(tmp_path: Path, catalog) -> None:
    path = write_docx(tmp_path / "plan.docx", PARAGRAPHS, TABLE)
    result = runner.invoke(app, ["extract", str(path), "--plan-id", "kh-2026", "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload == json.loads(json.dumps(to_record(extract_plan(path, catalog, "kh-2026"))))
    assert set(payload) == {"plan", "targets", "tasks", "responsibilities", "anomalies"}
    assert {
        "indicator",
        "indicator_id",
        "comparison",
        "low",
        "high",
        "unit",
        "period",
        "stretch",
        "qualifier",
        "section",
        "quote",
    } <= set(payload["targets"][0])
    assert {"number", "title", "lead", "support", "timeframe", "section", "quote"} <= set(payload["tasks"][0])


def test_cli_writes_a_draft_that_the_schemas_accept(tmp_path: Path) -> None:
    from jsonschema import Draft202012Validator

    source = tmp_path / "kh-2026.txt"
    source.write_text(
        "\n".join(PARAGRAPHS[:5]) + "\n\nIII. NHIỆM VỤ\n\n1. Trồng rừng.\n\n"
        "- Cơ quan chủ trì: Sở Nông nghiệp và Môi trường.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["extract", str(source), "--plan-id", "kh-2026", "-f", "yaml"])
    assert result.exit_code == 0, result.output
    draft = yaml.safe_load(result.stdout)
    root = Path(__file__).resolve().parent.parent / "schemas"
    for name in ("targets", "assignments"):
        schema = json.loads((root / f"{name}.schema.json").read_text(encoding="utf-8"))
        part = {"targets": "target", "assignments": "task"}[name]
        items = draft["targets"] if name == "targets" else draft["tasks"]
        assert items
        validator = Draft202012Validator({"$defs": schema["$defs"], "$ref": f"#/$defs/{part}"})
        for item in items:
            assert not list(validator.iter_errors(item)), item
            assert squash(item["source"]["quote"]) in squash(source.read_text(encoding="utf-8"))
    one_file = tmp_path / "draft.yaml"
    result = runner.invoke(app, ["extract", str(source), "--plan-id", "kh-2026", "-o", str(one_file)])
    assert result.exit_code == 0
    draft = yaml.safe_load(one_file.read_text(encoding="utf-8"))
    assert draft["targets"][0]["indicator"] == "grdp-growth" and draft["tasks"][0]["lead"] == [
        "so-nong-nghiep-va-moi-truong"
    ]
    assert "# PROPOSED" in one_file.read_text(encoding="utf-8")


def test_a_scan_without_text_is_refused_with_a_code(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(image_only_pdf(3))
    result = runner.invoke(app, ["--lang", "en", "extract", str(path)])
    assert result.exit_code == 2
    assert "[plan-no-text]" in result.stderr and "3 page(s)" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("missing.txt", None, "file-not-found"),
        ("plan.odt", b"x", "format-unsupported"),
        ("empty.txt", b"", "file-empty"),
        ("broken.docx", b"not a zip", "file-corrupt"),
        ("broken.pdf", b"%PDF-1.4 garbage", "file-corrupt"),
    ],
)
def test_unreadable_plans_exit_2_with_a_code(
    tmp_path: Path, name: str, content: bytes | None, code: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 2, result.output
    assert f"[{code}]" in result.stderr


def test_table_output_and_the_normalised_text(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text("\n".join(PARAGRAPHS[:5]), encoding="utf-8")
    text = tmp_path / "normalised.txt"
    result = runner.invoke(app, ["extract", str(source), "--text", str(text)])
    assert result.exit_code == 0
    assert "grdp-growth" in result.stdout and "Chỉ tiêu đề xuất" in result.stdout
    assert "2 chỉ tiêu" in result.stderr
    assert "1. Tốc độ tăng trưởng kinh tế (GRDP) đạt 8 - 8,5%." in text.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "plan", ["generated", "kh-thuc-hien-ctr-98-ctr-tu.txt", "ctr-52-ctr-tu-nq-11-nq-tw.txt"]
)
def test_a_draft_folder_passes_data_validate_as_it_is(tmp_path: Path, plan: str) -> None:
    from lsplan.catalog_load import default_sources_dir

    if plan == "generated":
        source = write_docx(tmp_path / "plan.docx", PARAGRAPHS, TABLE)
    else:
        source = Path(str(default_sources_dir())) / plan
    out = tmp_path / "draft"
    out.mkdir()
    result = runner.invoke(app, ["extract", str(source), "--plan-id", "kh-2026", "-o", str(out)])
    assert result.exit_code == 0, result.output
    checked = runner.invoke(app, ["data", "validate", "--data", str(out), "--sources", str(out / "sources")])
    assert checked.exit_code == 0, checked.output
    data = yaml.safe_load((out / "targets.yaml").read_text(encoding="utf-8"))
    assert any(t["plan"] == "kh-2026" for t in data["targets"])
    assert (out / "sources" / "kh-2026.txt").is_file()
