"""gettext catalogs: compiled from .po in memory, complete for the report, statuses as officials say."""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from lsplan import i18n
from lsplan.i18n import (
    UnknownLanguage,
    compile_po,
    gettext_for,
    parse_po,
    po_path,
    resolve_lang,
    status_label,
    translator,
)

PACKAGE = Path(i18n.__file__).parent
# Calls whose first argument is a literal message: _("..."), labels._("..."), text("...") in i18n.
_CALL = re.compile(r"""(?:\b_|\.\_|\btext)\((["'])((?:\\.|(?!\1).)*)\1\)""")


def _used_messages() -> set[str]:
    files = [
        *sorted((PACKAGE / "report").glob("*.py")),
        PACKAGE / "i18n.py",
        PACKAGE / "cli" / "report_cmds.py",
    ]
    found = set()
    for file in files:
        for match in _CALL.finditer(file.read_text(encoding="utf-8")):
            found.add(match.group(2).encode().decode("unicode_escape").encode("latin-1").decode("utf-8"))
    return found


def test_every_report_message_has_a_vietnamese_translation() -> None:
    catalog = parse_po(po_path("vi").read_text(encoding="utf-8"))
    used = _used_messages() | {"On track", "At risk", "No data", "Not assessed"}
    assert len(used) > 50
    missing = sorted(m for m in used if m not in catalog)
    assert missing == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_placeholders_survive_translation(lang: str) -> None:
    """Every msgid of both catalogs (report, findings, commands, help): the same placeholders,
    number formats included ("{value:g}", "{ours:.1f}"), as often in the translation."""
    catalog = parse_po(po_path(lang).read_text(encoding="utf-8"))
    placeholder = re.compile(r"\{\w+(?::[^}]*)?\}")
    assert len(catalog) > 300
    for msgid, msgstr in catalog.items():
        if msgid:
            assert sorted(placeholder.findall(msgid)) == sorted(placeholder.findall(msgstr)), msgid


def test_statuses_read_as_officials_write_them() -> None:
    assert status_label("achieved", "vi") == "Đạt"
    assert status_label("achieved", "vi", attainment=109.9) == "Đạt"
    assert status_label("achieved", "vi", attainment=110.0) == "Vượt"
    assert status_label("on_track", "vi") == "Đúng tiến độ"
    assert status_label("at_risk", "vi") == "Có nguy cơ chậm"
    assert status_label("off_track", "vi", quarter="Q2") == "Chậm tiến độ"
    # a Q4 row that is not final (a level due later) keeps the in-year word; final labels:
    assert status_label("off_track", "vi", quarter="Q4") == "Chậm tiến độ"
    assert status_label("not_met", "vi") == "Không đạt"
    assert status_label("nearly_met", "vi") == "Cơ bản đạt"
    assert status_label("exceeded", "vi") == "Vượt"
    assert status_label("info", "vi") == "Thông tin"
    assert status_label("nearly_met", "en") == "Nearly met"
    assert status_label("no_data", "vi") == "Chưa có số liệu"
    assert status_label("not_assessed", "vi") == "Không đánh giá"
    assert status_label("at_risk", "en") == "At risk"
    assert status_label("off_track", "en", quarter="Q1") == "Behind schedule"
    assert status_label("achieved", "en", attainment=150) == "Exceeded"


def test_resolve_lang_option_then_env_then_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LSPLAN_LANG", raising=False)
    assert resolve_lang(None) == "vi"
    monkeypatch.setenv("LSPLAN_LANG", "en_GB.UTF-8")
    assert resolve_lang(None) == "en"
    assert resolve_lang("VI") == "vi"
    assert resolve_lang("vi-VN") == "vi"
    with pytest.raises(UnknownLanguage):
        resolve_lang("fr")
    monkeypatch.setenv("LSPLAN_LANG", "en")
    assert i18n._("Achieved") == "Achieved"
    monkeypatch.setenv("LSPLAN_LANG", "vi")
    assert i18n._("Achieved") == "Đạt"


def test_english_translates_sector_names_from_the_data() -> None:
    assert gettext_for("en")("Kinh tế") == "Economy"
    assert gettext_for("vi")("Kinh tế") == "Kinh tế"
    assert translator("en").gettext("Unknown message") == "Unknown message"


PO = r"""# comment
msgid ""
msgstr ""
"Language: vi\n"
"Content-Type: text/plain; charset=UTF-8\n"

msgid "Simple"
msgstr "Đơn giản"

msgid ""
"Two "
"lines"
msgstr "Hai "
"dòng"

#, fuzzy
msgid "Fuzzy"
msgstr "Không dùng"

msgid "Empty"
msgstr ""

msgctxt "status"
msgid "Open"
msgstr "Mở"

msgid "Quote \"x\"\tand tab"
msgstr "Trích \"x\"\tvà tab"
"""


def test_parse_po_handles_continuations_fuzzy_context_and_escapes() -> None:
    messages = parse_po(PO)
    assert messages["Simple"] == "Đơn giản"
    assert messages["Two lines"] == "Hai dòng"
    assert "Fuzzy" not in messages and "Empty" not in messages
    assert messages["status\x04Open"] == "Mở"
    assert messages['Quote "x"\tand tab'] == 'Trích "x"\tvà tab'
    translations = gettext.GNUTranslations(__import__("io").BytesIO(compile_po(PO)))
    assert translations.gettext("Two lines") == "Hai dòng"
    assert translations.pgettext("status", "Open") == "Mở"
    assert translations.gettext("Fuzzy") == "Fuzzy"


def test_parse_po_rejects_garbage() -> None:
    with pytest.raises(ValueError, match="line 2"):
        parse_po('msgid "a"\nnonsense\n')


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU msgfmt not installed (gettext package)")
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_our_compiler_agrees_with_gnu_msgfmt(lang: str, tmp_path: Path) -> None:
    mo = tmp_path / "gnu.mo"
    subprocess.run(["msgfmt", "-o", str(mo), str(po_path(lang))], check=True)
    with mo.open("rb") as handle:
        gnu = gettext.GNUTranslations(handle)
    ours = gettext.GNUTranslations(
        __import__("io").BytesIO(compile_po(po_path(lang).read_text(encoding="utf-8")))
    )
    assert ours._catalog == gnu._catalog  # type: ignore[attr-defined]
