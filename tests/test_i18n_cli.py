"""Every command speaks Vietnamese by default and English with `lsplan --lang en`; JSON does not
change with the language; findings read in both; every message used in code is in both catalogs."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lsplan import i18n
from lsplan.cli import app
from lsplan.findings import CODES, catalogue_markdown, make_finding, title
from lsplan.i18n import lang_from_argv, parse_po, po_path, resolve_lang, set_lang

runner = CliRunner()
PACKAGE = Path(i18n.__file__).parent
EXAMPLES = PACKAGE / "examples_data" / "2025-Q1"


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def no_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No store anywhere: store commands fall back to the demo store of the shipped examples."""
    monkeypatch.delenv("LSPLAN_STORE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path))
    return tmp_path


# (command, words a Vietnamese reader sees, the same places in English)
COMMANDS = [
    (
        ("plans",),
        ["Số hiệu", "Loại văn bản", "Giai đoạn"],
        ["Document number", "Kind of document", "Horizon"],
    ),
    (
        ("targets", "--plan", "kb-2025"),
        ["Mã mục tiêu", "So sánh", "Trong khoảng", "Cơ quan chủ trì"],
        ["Target id", "Comparison", "Range", "Lead agency"],
    ),
    (
        ("show", "kb-2025.grdp-growth"),
        ["Loại chỉ tiêu", "Trích dẫn", "Phối hợp, nêu trong văn bản", "Chủ trì, suy ra"],
        ["Kind of indicator", "Growth rate", "Quote", "Support, stated in the text", "Lead, inferred"],
    ),
    (("data", "validate"), ["hợp lệ: 3 kế hoạch"], ["ok: 3 plans"]),
    (
        ("gaps", "-q", "Q1", "--year", "2025", "--demo", "--all"),
        ["Tất cả chỉ tiêu — Quý I năm 2025", "Dự kiến đến quý", "Đúng tiến độ"],
        ["All targets — Quarter I of 2025", "Attainment (%)", "On track"],
    ),
    (
        ("agency", "SCT", "-q", "Q1", "--year", "2025", "--demo"),
        ["chỉ tiêu phụ trách", "Vai trò", "Chủ trì", "Nhiệm vụ chủ trì"],
        ["indicators in its charge", "Role", "Lead", "Tasks it leads"],
    ),
]


@pytest.mark.parametrize(("args", "vietnamese", "english"), COMMANDS, ids=lambda v: " ".join(v)[:30])
def test_commands_read_vietnamese_by_default_and_english_with_lang_en(
    no_store: Path, args: tuple[str, ...], vietnamese: list[str], english: list[str]
) -> None:
    vi = run(*args)
    en = run("--lang", "en", *args)
    assert vi.exit_code == 0 and en.exit_code == 0, vi.output + en.output

    def shown(text: str, output: str) -> bool:
        """`text` in the output, also where a table header wraps it between words."""
        return text in output or all(word in output for word in text.split())

    for word in vietnamese:
        assert shown(word, vi.stdout), word
        assert word not in en.stdout, word
    for word in english:
        assert shown(word, en.stdout), word
    assert run("--lang", "vi", *args).stdout == vi.stdout


def test_env_variable_chooses_the_language_and_the_option_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LSPLAN_LANG", "en")
    assert "Document number" in run("plans").stdout
    assert "Số hiệu" in run("--lang", "vi", "plans").stdout
    assert run("--lang", "fr", "plans").exit_code == 2


def test_check_ingest_and_history_in_both_languages(tmp_path: Path) -> None:
    example = EXAMPLES / "so-cong-thuong-2025-Q1.xlsx"
    vi = run("check", str(example))
    en = run("--lang", "en", "check", str(example))
    assert vi.exit_code == en.exit_code == 0, vi.output
    assert "Số liệu đã đọc" in vi.stdout and "Mức độ" in vi.stdout and "Ước" in vi.stdout
    assert "Values read" in en.stdout and "Maturity" in en.stdout and "Estimate" in en.stdout
    assert "1 tệp: 1 hợp lệ" in vi.stderr and "1 file(s): 1 ok" in en.stderr
    # JSON: the same structure and codes whatever the language
    vi_json = json.loads(run("check", str(example), "-f", "json").stdout)
    en_json = json.loads(run("--lang", "en", "check", str(example), "-f", "json").stdout)
    assert _shape(vi_json) == _shape(en_json)
    assert [f["code"] for f in vi_json["files"][0]["findings"]] == [
        f["code"] for f in en_json["files"][0]["findings"]
    ]
    store = tmp_path / "s.sqlite3"
    copy = tmp_path / example.name
    shutil.copy(example, copy)
    ingested = run("ingest", str(copy), "--store", str(store))
    assert ingested.exit_code == 0, ingested.output
    assert "Đã lưu" in ingested.stdout and "đã lưu 1 tệp" in ingested.stderr
    again = run("--lang", "en", "ingest", str(copy), "--store", str(store))
    assert "Already stored, unchanged" in again.stdout and "1 unchanged" in again.stderr
    indicator = json.loads(run("check", str(example), "-f", "json").stdout)["files"][0]["observations"][0]
    vi_history = run("history", indicator["indicator"], "--store", str(store))
    en_history = run("--lang", "en", "history", indicator["indicator"], "--store", str(store))
    assert "Nhận lúc" in vi_history.stdout and "Quý I năm 2025" in vi_history.stdout
    assert "Received at" in en_history.stdout and "Quarter I of 2025" in en_history.stdout


def _shape(value: object) -> object:
    """The structure of a JSON value: keys and types, not the text."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(item) for item in value]
    return type(value).__name__


def test_template_reports_in_the_chosen_language(tmp_path: Path) -> None:
    form = tmp_path / "form.xlsx"
    args = ("template", "--agency", "SCT", "--year", "2025", "--quarter", "Q2", "-o", str(form))
    assert "chỉ tiêu của Sở Công Thương, Q2 năm 2025" in run(*args).stderr
    assert "indicator(s) for Sở Công Thương, Q2 2025" in run("--lang", "en", *args).stderr
    missing = run("template", "--agency", "SCT")
    assert missing.exit_code == 2 and "cần ghi rõ --agency, --year và --quarter" in missing.stderr


def test_a_finding_reads_in_both_languages() -> None:
    assert make_finding("not-a-number", raw="khoảng 180").message == "'khoảng 180' không phải là số."
    unmatched = make_finding("indicator-unmatched", name="Chỉ số sản xuất công nghiệp (IIP)")
    assert unmatched.message == (
        "Dòng 'Chỉ số sản xuất công nghiệp (IIP)' không khớp với chỉ tiêu nào trong kế hoạch; "
        "dòng này không được đọc."
    )
    ratio = make_finding("sender-ratio-mismatch", theirs=60, value=9937.8, plan=20000, ours=49.689)
    assert ratio.message == "Bảng ghi đạt 60% kế hoạch; 9.937,8 ÷ 20.000 là 49,7%."
    set_lang("en")
    assert make_finding("not-a-number", raw="about 180").message == "'about 180' is not a number."
    ratio = make_finding("sender-ratio-mismatch", theirs=60, value=9937.8, plan=20000, ours=49.689)
    assert ratio.message == "The sheet says 60% of plan; 9,937.8 ÷ 20,000 is 49.7%."
    assert (ratio.code, ratio.severity.value) == ("sender-ratio-mismatch", "warning")  # codes never change
    assert ratio.as_dict() == {
        "code": "sender-ratio-mismatch",
        "severity": "warning",
        "sheet": None,
        "cell": None,
        "indicator": None,
        "message": ratio.message,
    }


def test_a_check_finding_reaches_json_in_the_chosen_language(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere.xlsx")
    vi = json.loads(run("check", missing, "-f", "json").stdout)["files"][0]["findings"][0]
    en = json.loads(run("--lang", "en", "check", missing, "-f", "json").stdout)["files"][0]["findings"][0]
    assert vi["code"] == en["code"] == "file-not-found"
    assert vi["message"] == "Không có tệp này." and en["message"] == "No such file."
    assert set(vi) == set(en) == {"code", "severity", "sheet", "cell", "indicator", "message"}


def test_every_code_has_a_vietnamese_title_and_message_with_its_placeholders() -> None:
    vi = parse_po(po_path("vi").read_text(encoding="utf-8"))
    for entry in CODES.values():
        assert entry.title in vi and entry.message in vi, entry.code
        assert vi[entry.title] != entry.title, entry.code
        if entry.message != "{detail}" and entry.message != "{note}":
            assert vi[entry.message] != entry.message, entry.code
    assert title("not-a-number", "vi") == "Không phải là số" and title("not-a-number", "en") == "Not a number"
    table = catalogue_markdown()
    assert "| `not-a-number` | error | Not a number | Không phải là số |" in table


# _("..."), i18n._("..."), text("...") with one literal (implicit concatenation across lines too).
_CALL = re.compile(r"""(?:\b_|\.\_|\btext)\(\s*((?:(?:"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')\s*)+)\)""")
_LITERAL = re.compile(r""""((?:\\.|[^"\\])*)"|'((?:\\.|[^'\\])*)'""")


def used_msgids() -> set[str]:
    found: set[str] = set()
    for file in sorted(PACKAGE.rglob("*.py")):
        if "readers" in file.parts:
            continue
        for call in _CALL.finditer(file.read_text(encoding="utf-8")):
            parts = [a if a else b for a, b in _LITERAL.findall(call.group(1))]
            found.add("".join(parts).encode("latin-1", "backslashreplace").decode("unicode_escape"))
    return found


def test_every_message_used_in_code_is_in_both_catalogs() -> None:
    used = used_msgids() | {c.title for c in CODES.values()} | {c.message for c in CODES.values()}
    assert len(used) > 250
    assert "Lagging targets" in used and "Values read" in used  # the extraction finds the CLI's calls
    for lang in ("vi", "en"):
        catalog = parse_po(po_path(lang).read_text(encoding="utf-8"))
        missing = sorted(m for m in used if m not in catalog)
        assert missing == [], (lang, missing)


def test_one_place_decides_the_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LSPLAN_LANG", "en")
    assert resolve_lang() == "en"
    set_lang("vi")  # `lsplan --lang vi` beats the environment
    assert resolve_lang() == "vi" and i18n._("Achieved") == "Đạt"
    assert resolve_lang("en") == "en"  # a command's own --lang beats both
    set_lang(None)
    assert resolve_lang() == "en"
    monkeypatch.setenv("LSPLAN_LANG", "klingon")  # an unusable environment falls back to the default
    assert resolve_lang() == "vi"
    assert lang_from_argv(["--lang", "en", "plans"]) == "en"
    assert lang_from_argv(["report", "--lang=vi"]) == "vi"
    assert lang_from_argv(["check", "--", "--lang", "en"]) is None
    assert lang_from_argv(["plans"]) is None


def test_every_command_help_has_a_vietnamese_translation() -> None:
    import inspect

    vi = parse_po(po_path("vi").read_text(encoding="utf-8"))
    groups = [g.typer_instance for g in app.registered_groups if g.typer_instance is not None]
    commands = [*app.registered_commands, *(c for group in groups for c in group.registered_commands)]
    assert len(commands) >= 11
    for command in commands:
        doc = inspect.getdoc(command.callback)
        assert doc in vi, command.callback
        assert vi[doc].count("lsplan ") == doc.count("lsplan "), doc  # the examples are kept


def test_help_is_in_the_language_asked_for_before_the_commands_are_defined(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "LSPLAN_LANG"}

    def help_text(*args: str) -> str:
        command = [sys.executable, "-m", "lsplan", *args, "--help"]
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=30, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        return done.stdout

    vietnamese, english = help_text("check"), help_text("--lang", "en", "check")
    assert "Kiểm tra từng ô" in vietnamese and "Năm kế hoạch" in vietnamese
    assert "Check submitted spreadsheets" in english and "Plan year, e.g. 2025." in english
