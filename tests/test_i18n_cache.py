"""The parsed message catalogue is kept in the user cache, keyed by the .po's bytes: the same
bytes are not parsed again, other bytes are, and a damaged cache entry is parsed again."""

from __future__ import annotations

from pathlib import Path

import pytest

from lsplan import i18n
from lsplan.i18n import messages_of, parse_po, po_path


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("LSPLAN_CACHE_DIR", str(folder))
    monkeypatch.delenv("LSPLAN_NO_CACHE", raising=False)
    return folder


def _counting_parser(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []

    def parse(text: str) -> dict[str, str]:
        calls.append(1)
        return parse_po(text)

    monkeypatch.setattr(i18n, "parse_po", parse)
    return calls


def test_same_bytes_are_parsed_once(monkeypatch: pytest.MonkeyPatch, _own_cache: Path) -> None:
    calls = _counting_parser(monkeypatch)
    raw = po_path("vi").read_bytes()
    first = messages_of(raw, "vi")
    second = messages_of(raw, "vi")
    assert calls == [1] and first == second == parse_po(raw.decode("utf-8"))
    assert first["Achieved"] == "Đạt"
    assert len(list(_own_cache.glob("messages-vi-*.bin"))) == 1


def test_an_edited_po_is_parsed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting_parser(monkeypatch)
    raw = po_path("vi").read_bytes()
    messages_of(raw, "vi")
    edited = raw + '\nmsgid "Brand new"\nmsgstr "Mới tinh"\n'.encode()
    assert messages_of(edited, "vi")["Brand new"] == "Mới tinh" and calls == [1, 1]


def test_a_damaged_cache_entry_is_parsed_again(monkeypatch: pytest.MonkeyPatch, _own_cache: Path) -> None:
    calls = _counting_parser(monkeypatch)
    raw = po_path("en").read_bytes()
    messages_of(raw, "en")
    (entry,) = _own_cache.glob("messages-en-*.bin")
    entry.write_bytes(entry.read_bytes().replace(b"Achieved", b"Achieveq"))
    assert messages_of(raw, "en") == parse_po(raw.decode("utf-8")) and calls == [1, 1]


def test_translations_over_the_messages() -> None:
    messages = i18n.Messages({"Achieved": "Đạt", "ctx\x04Year": "Năm"})
    assert messages.gettext("Achieved") == "Đạt" and messages.gettext("Other") == "Other"
    assert messages.pgettext("ctx", "Year") == "Năm" and messages.pgettext("ctx", "Day") == "Day"
