"""Vietnamese output survives a console or pipe whose encoding cannot hold it (Windows cp1252)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

from lsplan.cli.streams import can_encode_vietnamese, make_safe

TEXT = "Sở Công Thương — Đạt 9.937,8"


class _Terminal(io.TextIOWrapper):
    def isatty(self) -> bool:
        return True


def test_probe_knows_which_encodings_hold_vietnamese() -> None:
    assert can_encode_vietnamese("utf-8") and can_encode_vietnamese("UTF-16")
    assert not can_encode_vietnamese("cp1252") and not can_encode_vietnamese("ascii")
    assert not can_encode_vietnamese(None) and not can_encode_vietnamese("no-such-codec")


def test_redirected_cp1252_stream_becomes_utf8_and_keeps_every_character() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1252")
    make_safe(stream)
    stream.write(TEXT)
    stream.flush()
    assert stream.encoding == "utf-8"
    assert raw.getvalue().decode("utf-8") == TEXT


def test_cp1252_terminal_replaces_what_it_cannot_show_instead_of_crashing() -> None:
    raw = io.BytesIO()
    stream = _Terminal(raw, encoding="cp1252")
    make_safe(stream)
    stream.write(TEXT)
    stream.flush()
    assert stream.encoding == "cp1252"
    assert raw.getvalue().decode("cp1252") == "S? Công Th??ng — ??t 9.937,8"


def test_utf8_stream_keeps_its_encoding_and_writes_a_non_utf8_file_name_as_its_bytes() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8", errors="strict")
    make_safe(stream)
    assert (stream.encoding, stream.errors) == ("utf-8", "surrogateescape")
    stream.write(TEXT + " " + os.fsdecode("B\u00e1o.xlsx".encode("cp1258")))
    stream.flush()
    assert raw.getvalue() == (TEXT + " ").encode("utf-8") + "Báo.xlsx".encode("cp1258")


def test_check_of_a_cp1258_file_name_on_a_strict_utf8_pipe_does_not_crash(tmp_path) -> None:
    from pathlib import Path

    example = sorted((Path(__file__).resolve().parent.parent / "lsplan" / "examples_data").glob("*/*.xlsx"))[
        0
    ]
    name = tmp_path / os.fsdecode("B\u00e1o c\u00e1o.xlsx".encode("cp1258"))
    name.write_bytes(example.read_bytes())
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict", "LSPLAN_LANG": "vi"}
    done = subprocess.run(
        [sys.executable, "-m", "lsplan", "check", os.fsencode(name), "--format", "json"],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr
    assert "Báo cáo.xlsx".encode("cp1258") in done.stdout  # the name's own bytes


def test_whole_command_on_a_cp1252_pipe_writes_utf8_without_traceback() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "LSPLAN_LANG": "vi"}
    done = subprocess.run(
        [sys.executable, "-m", "lsplan", "plans", "--format", "json"],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in done.stderr
    plans = json.loads(done.stdout.decode("utf-8"))
    assert any("Chương trình hành động" in plan.get("title", "") for plan in plans)
