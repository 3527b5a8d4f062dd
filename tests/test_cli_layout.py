"""Terminal tables that fit: at 80 and 120 columns, no line too long, no word cut inside, the
reader's columns first, a typical row in at most 3 lines at 120; `check` one line per file.

The cell texts a table must show come from `--format md` of the same command (every column, one
row per line, the same display text); the terminal table is read back column by column, and each
cell, its fragments joined with spaces, must equal the text: a word cut inside ("Thươn" / "g")
reads "Thươn g" and fails.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tables import box_tables, joined, md_tables, normal, read_rows
from typer.testing import CliRunner

from lsplan.cli import app

ROOT = Path(__file__).resolve().parent.parent
SUBMISSIONS = ROOT / "examples" / "submissions" / "2025-Q1"
runner = CliRunner()

GAPS = ["gaps", "--quarter", "Q1", "--year", "2025", "--as-of", "2025-04-20", "--all"]
AGENCY = ["agency", "Sở Công Thương", "--quarter", "Q1", "--year", "2025", "--as-of", "2025-04-20"]
TARGETS = ["targets"]
COMMANDS = {"gaps": GAPS, "agency": AGENCY, "targets": TARGETS}
# What a reader needs first, at any width (headers in Vietnamese, the default language).
READER_COLUMNS = {
    "gaps": ["Chỉ tiêu", "Dự kiến đến quý", "Thực hiện", "Đạt (%)", "Đánh giá", "Cơ quan chủ trì"],
    "agency": ["Chỉ tiêu", "Dự kiến đến quý", "Thực hiện", "Đạt (%)", "Đánh giá"],
    "targets": ["Chỉ tiêu", "Từ", "Đến", "Cơ quan chủ trì"],
}


@pytest.fixture(autouse=True)
def _demo_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No store of the user's: gaps and agency read the demo store of the shipped examples."""
    monkeypatch.delenv("LSPLAN_STORE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path))


def run(args: list[str], width: int, **env: str):
    result = runner.invoke(app, args, env={"COLUMNS": str(width), "LINES": "50", **env})
    assert result.exit_code in (0, 1), result.output
    return result


def check_tables(args: list[str], width: int, wide: bool = False) -> list[tuple[list[str], list[int]]]:
    """Render `args` at `width`; assert no line is wider and no word cut; return for each table
    its headers and the height of each row."""
    shown = run([*args, "--wide"] if wide else args, width).stdout
    if not wide:
        assert all(len(line) <= width for line in shown.splitlines()), max(shown.splitlines(), key=len)
    full = [t for t in md_tables(run([*args, "--format", "md"], width).stdout) if t[1]]
    boxes = box_tables(shown)
    assert len(boxes) == len(full)
    out = []
    for (header_lines, body), (md_headers, md_rows) in zip(boxes, full, strict=True):
        headers = [normal(joined([line[c] for line in header_lines])) for c in range(len(header_lines[0]))]
        assert set(headers) <= set(md_headers), (headers, md_headers)  # headers not cut either
        picks = [md_headers.index(h) for h in headers]
        heights = read_rows(body, [[row[i] for i in picks] for row in md_rows])
        out.append((headers, heights))
    return out


# ---------------------------------------------------------------------------------- tables


@pytest.mark.parametrize("width", [80, 100, 120])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_tables_fit_the_width_and_never_cut_a_word(command: str, width: int) -> None:
    tables = check_tables(COMMANDS[command], width)
    headers = tables[0][0]
    assert headers[: len(READER_COLUMNS[command])] == READER_COLUMNS[command] or all(
        h in headers for h in READER_COLUMNS[command]
    ), headers
    assert "Mục tiêu" not in headers and "Nguồn số liệu" not in headers  # long columns: --wide


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_typical_row_takes_at_most_three_lines_at_120(command: str) -> None:
    for headers, heights in check_tables(COMMANDS[command], 120)[:1]:  # the command's main table
        typical = sorted(heights)[len(heights) // 2]
        assert typical <= 3, (headers, sorted(heights))
        assert sum(h <= 3 for h in heights) >= 0.8 * len(heights), sorted(heights)


def test_reader_columns_come_first_in_order_at_80() -> None:
    headers = check_tables(GAPS, 80)[0][0]
    positions = [headers.index(h) for h in READER_COLUMNS["gaps"]]
    assert positions == sorted(positions)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_wide_shows_the_goal_and_the_source_without_cutting_a_word(command: str) -> None:
    tables = check_tables(COMMANDS[command], 80, wide=True)
    assert "Mục tiêu" in tables[0][0]
    if command != "targets":
        assert "Nguồn số liệu" in tables[0][0]
    else:
        assert "Mã mục tiêu" in tables[0][0]  # the id `lsplan show` takes


def test_left_out_columns_are_named_on_stderr() -> None:
    result = run(GAPS, 80)
    assert "Các cột không hiện:" in result.stderr and "Mục tiêu" in result.stderr
    assert "--wide" in result.stderr
    assert "Các cột không hiện" not in run([*GAPS, "--wide"], 80).stderr


def test_exports_keep_every_column_whatever_the_width() -> None:
    narrow = run([*GAPS, "--format", "csv"], 80).stdout
    assert narrow == run([*GAPS, "--format", "csv"], 200).stdout
    header = narrow.splitlines()[0].split(",")
    assert "statement" in header and "where" in header
    md = md_tables(run([*GAPS, "--format", "md"], 80).stdout)[0][0]
    assert "Mục tiêu" in md and "Nguồn số liệu" in md
    payload = json.loads(run([*GAPS, "--format", "json"], 80).stdout)
    assert "statement" in payload["rows"][0] and "source" in payload["rows"][0]


# ----------------------------------------------------------------------------------- check


def outline_blocks(text: str) -> dict[str, list[str]]:
    """check's terminal output: each file's line and the lines indented beneath it."""
    blocks: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines()[2:]:  # the title and the header line
        if not line.startswith(" "):
            current = line.split()[0]
            blocks[current] = [line]
        elif current is not None:
            blocks[current].append(line)
    return blocks


def message_column(line: str, message: str) -> int:
    """Where the message starts on a finding's first line: the longest start of it found there."""
    words = message.split()
    for count in range(len(words), 0, -1):
        at = line.find(" ".join(words[:count]))
        if at >= 0:
            return at
    raise AssertionError(f"{message!r} not on {line!r}")


@pytest.mark.parametrize("width", [80, 120])
def test_check_shows_one_line_per_clean_file_and_findings_beneath(width: int) -> None:
    result = run(["check", str(SUBMISSIONS)], width)
    lines = result.stdout.splitlines()
    assert all(len(line) <= width for line in lines)
    blocks = outline_blocks(result.stdout)
    report = json.loads(run(["check", str(SUBMISSIONS), "--format", "json"], width).stdout)
    assert sorted(blocks) == sorted(Path(f["path"]).name for f in report["files"])
    for file in report["files"]:
        block = blocks[Path(file["path"]).name]
        shown = [f for f in file["findings"] if f["severity"] != "info"]
        if not shown:
            assert len(block) == 1, block  # a clean file is exactly one line
        assert str(len(file["observations"])) in block[0].split()
        assert "Hợp lệ" in block[0]
        # each finding beneath: its cell first, its message whole (lines break between words)
        starts = [i for i, line in enumerate(block) if i and line[4] != " "]
        assert len(starts) == len(shown)
        ends = [*starts[1:], len(block)][: len(starts)]
        for finding, start, end in zip(shown, starts, ends, strict=True):
            assert block[start][4:].startswith(f"{finding['sheet']}!{finding['cell']} ")
            column = message_column(block[start], finding["message"])
            message = normal(" ".join(line[column:] for line in block[start:end]))
            assert message == normal(finding["message"]), message
    if width == 120:  # agency and period fit beside the file name
        assert "Sở Công Thương" in blocks["so-cong-thuong-2025-Q1.xlsx"][0]
        assert "Quý I năm 2025" in blocks["so-cong-thuong-2025-Q1.xlsx"][0]


def test_check_of_one_file_shows_its_values_and_of_many_only_with_wide() -> None:
    one = run(["check", str(SUBMISSIONS / "so-tai-chinh-2025-Q1.xlsx")], 120).stdout
    assert "Số liệu đã đọc" in one and "2.666" in one
    many = run(["check", str(SUBMISSIONS)], 120).stdout
    assert "Số liệu đã đọc" not in many
    wide = run(["check", str(SUBMISSIONS), "--wide"], 120).stdout
    assert "Số liệu đã đọc" in wide and "2.666" in wide


def test_check_table_with_a_broken_file_names_it_on_its_own_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    result = runner.invoke(app, ["check", str(broken)], env={"COLUMNS": "80"})
    assert result.exit_code == 2
    block = outline_blocks(result.stdout)["broken.xlsx"]
    assert "Không đọc được" in block[0] and len(block) >= 2 and block[1].startswith("    ")


# ---------------------------------------------------------------------------------- colour

COLOUR = re.compile(r"\x1b\[[0-9;]*(3[0-9]|4[0-9]|9[0-7])[0-9;]*m")


def test_colour_only_on_a_terminal_and_never_under_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    args = ["check", str(SUBMISSIONS)]
    piped = runner.invoke(app, args, env={"COLUMNS": "120", "TERM": "xterm-256color"})
    assert "\x1b[" not in piped.stdout  # not a terminal: plain text
    forced = runner.invoke(app, args, env={"COLUMNS": "120", "TERM": "xterm-256color", "FORCE_COLOR": "1"})
    assert COLOUR.search(forced.stdout), "a terminal gets the status in colour"
    no_color = runner.invoke(
        app, args, env={"COLUMNS": "120", "TERM": "xterm-256color", "FORCE_COLOR": "1", "NO_COLOR": "1"}
    )
    assert not COLOUR.search(no_color.stdout)


def test_columns_sets_the_width() -> None:
    for width in (80, 120):
        longest = max(len(line) for line in run(GAPS, width).stdout.splitlines())
        assert width - 10 <= longest <= width


# -------------------------------------------------------------------------------- progress


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    import shutil

    for n in range(6):
        shutil.copy(SUBMISSIONS / "so-tai-chinh-2025-Q1.xlsx", tmp_path / f"r{n}.xlsx")
    result = runner.invoke(app, ["check", str(tmp_path / "*.xlsx")], env={"FORCE_COLOR": "1"})
    assert result.exit_code == 0, result.output
    assert "Đang kiểm tra" not in result.stderr and "\x1b" not in result.stderr
    assert result.stderr.strip().endswith("0 lỗi, 0 cảnh báo")


def test_progress_bar_on_a_terminal_for_many_files_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from lsplan import render

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    steps = []
    for total, shown in ((6, True), (4, False)):
        terminal = Terminal()
        monkeypatch.setattr("sys.stderr", terminal)
        monkeypatch.setenv("TERM", "xterm-256color")
        with render.progress("Đang kiểm tra", total=total) as advance:
            for step in range(total):
                advance(step)
                steps.append(step)
        assert ("Đang kiểm tra" in terminal.getvalue()) is shown, terminal.getvalue()
    monkeypatch.setattr("sys.stderr", io.StringIO())  # not a terminal: nothing, however many
    with render.progress("Đang kiểm tra", total=50) as advance:
        advance(0)
    assert len(steps) == 10
