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


def test_utf8_stream_is_left_alone() -> None:
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    make_safe(stream)
    assert (stream.encoding, stream.errors) == ("utf-8", "strict")


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
