"""User-facing text in Vietnamese or English, through gettext catalogs.

Catalogs are shipped as text (`lsplan/locale/<lang>/LC_MESSAGES/lsplan.po`, English msgids), the
one source of truth — no binary blobs in the repository. On first use the .po is parsed
(`parse_po`, the msgfmt rules) and the messages are kept in the user cache (lsplan.datacache),
keyed by a digest of the .po's bytes and of this module: parsing costs ~10 ms, about half of a
bare Python start, and every command needs the catalogue for its help texts. An edited .po, or
a new lsplan, gets a new key; a cache that cannot be read or trusted is simply parsed again.
`compile_po` writes the GNU .mo layout (for tools that want a .mo). Use:

    from lsplan.i18n import translator, resolve_lang
    _ = translator(resolve_lang(option_value)).gettext
    _("Achieved")  # -> "Đạt" in Vietnamese

`resolve_lang` is the one place that decides the language: a command's own `--lang`, else the
process language (`lsplan --lang`, set once by the root callback through `set_lang`), else env
LSPLAN_LANG, else the default (Vietnamese). Library code that writes for people (finding
messages, CLI tables) calls `_()`, which follows the process language.
"""

from __future__ import annotations

import gettext
import os
from functools import cache
from pathlib import Path

LANGUAGES = ("vi", "en")
DEFAULT_LANG = "vi"
DOMAIN = "lsplan"
LOCALE_DIR = Path(__file__).parent / "locale"


class UnknownLanguage(ValueError):
    """A language code that lsplan has no catalog for."""


def normalise_lang(code: str) -> str:
    """ "vi_VN.UTF-8", "VI", "en-GB" -> "vi" / "en"; raises UnknownLanguage otherwise."""
    base = code.strip().replace("-", "_").split(".")[0].split("_")[0].lower()
    if base not in LANGUAGES:
        raise UnknownLanguage(f"unknown language {code!r}; use one of: {', '.join(LANGUAGES)}")
    return base


# The language of this process, set once by `lsplan --lang` (the root callback) or by
# `lang_from_argv` before the commands' help texts are built. None: $LSPLAN_LANG, else the default.
_process_lang: str | None = None


def set_lang(lang: str | None) -> str:
    """Make `lang` the language of the whole process (None: back to $LSPLAN_LANG / the default).

    Raises UnknownLanguage for a code lsplan has no catalog for. Returns the language now in use.
    """
    global _process_lang
    _process_lang = normalise_lang(lang) if lang else None
    return resolve_lang()


def resolve_lang(option: str | None = None, default: str = DEFAULT_LANG) -> str:
    """The one place that decides the language: the explicit option (a command's own --lang),
    else the process language (`lsplan --lang`, `set_lang`), else $LSPLAN_LANG, else `default`.

    An unusable $LSPLAN_LANG ("fr") falls back to `default` rather than stopping every command;
    an explicit option that is not a known language raises UnknownLanguage.
    """
    if option:
        return normalise_lang(option)
    if _process_lang:
        return _process_lang
    env = os.environ.get("LSPLAN_LANG")
    if env:
        try:
            return normalise_lang(env)
        except UnknownLanguage:
            return default
    return default


def lang_from_argv(argv: list[str]) -> str | None:
    """The value of a `--lang X` / `--lang=X` / `-l X` on a command line, before any "--".

    Read before the commands are defined, so that their help texts are built in that language.
    """
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg.startswith("--lang="):
            return arg.partition("=")[2] or None
        if arg in ("--lang", "-l") and index + 1 < len(argv):
            return argv[index + 1]
    return None


def parse_po(text: str) -> dict[str, str]:
    """Messages of a .po file as {msgid: msgstr}; msgctxt is joined to msgid with "\\x04" as gettext does.

    Untranslated entries (empty msgstr) and fuzzy entries are left out, as msgfmt does.
    """
    messages: dict[str, str] = {}
    entry: dict[str, str] = {}
    current: str | None = None
    fuzzy = False

    def flush() -> None:
        nonlocal entry, current, fuzzy
        if "msgid" in entry and entry.get("msgstr") and not fuzzy:
            key = entry["msgid"]
            if "msgctxt" in entry:
                key = entry["msgctxt"] + "\x04" + key
            messages[key] = entry["msgstr"]
        elif entry.get("msgid") == "" and "msgstr" in entry:  # the header
            messages[""] = entry["msgstr"]
        entry, current, fuzzy = {}, None, False

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("#"):
            if current is not None and "msgstr" in entry:
                flush()
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            continue
        keyword, _, rest = line.partition(" ")
        if keyword in ("msgctxt", "msgid", "msgstr"):
            if keyword in entry or (keyword != "msgstr" and "msgstr" in entry):
                flush()
            current = keyword
            entry[current] = _po_string(rest, number)
        elif line.startswith('"') and current is not None:
            entry[current] += _po_string(line, number)
        else:
            raise ValueError(f"line {number}: cannot read {raw!r}")
    flush()
    return messages


def _po_string(token: str, number: int) -> str:
    import ast  # only when a .po is parsed (the cache holds the result): ~1.5 ms of imports

    token = token.strip()
    if not (token.startswith('"') and token.endswith('"')):
        raise ValueError(f"line {number}: expected a quoted string, got {token!r}")
    return ast.literal_eval(token)  # the escapes of .po strings are those of Python literals


def compile_mo(messages: dict[str, str]) -> bytes:
    """The GNU .mo layout (little-endian, no hash table) for {msgid: msgstr}."""
    import struct

    keys = sorted(messages)
    ids = [k.encode("utf-8") for k in keys]
    strs = [messages[k].encode("utf-8") for k in keys]
    header_size = 7 * 4
    table_size = len(keys) * 8
    ids_start = header_size + 2 * table_size
    id_table, str_table, blob = [], [], b""
    for data in ids:
        id_table.append((len(data), ids_start + len(blob)))
        blob += data + b"\0"
    strs_start = ids_start + len(blob)
    blob_strs = b""
    for data in strs:
        str_table.append((len(data), strs_start + len(blob_strs)))
        blob_strs += data + b"\0"
    out = struct.pack("<7I", 0x950412DE, 0, len(keys), header_size, header_size + table_size, 0, 0)
    out += b"".join(struct.pack("<2I", *pair) for pair in id_table)
    out += b"".join(struct.pack("<2I", *pair) for pair in str_table)
    return out + blob + blob_strs


def compile_po(text: str) -> bytes:
    """msgfmt: .po text -> .mo bytes."""
    return compile_mo(parse_po(text))


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


class Messages(gettext.NullTranslations):
    """gettext translations over a {msgid: msgstr} dictionary (what GNUTranslations builds from
    a .mo file, without decoding one); a message without a translation is returned as it is."""

    _fallback: gettext.NullTranslations | None

    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__()
        self._messages = messages

    def gettext(self, message: str) -> str:
        translated = self._messages.get(message)
        if translated is None:
            return self._fallback.gettext(message) if self._fallback else message
        return translated

    def pgettext(self, context: str, message: str) -> str:
        translated = self._messages.get(f"{context}\x04{message}")
        if translated is None:
            return self._fallback.pgettext(context, message) if self._fallback else message
        return translated


def messages_of(raw: bytes, lang: str) -> dict[str, str]:
    """{msgid: msgstr} of a .po file's bytes, from the user cache when the same bytes were parsed
    before by this version of this module."""
    from lsplan import datacache

    key = datacache.digest(raw, Path(__file__).read_bytes())
    kind = f"messages-{lang}"
    cached = datacache.get(key, kind)
    if isinstance(cached, dict):
        return cached
    messages = parse_po(raw.decode("utf-8"))
    datacache.put(key, messages, kind)
    return messages


@cache
def translator(lang: str = DEFAULT_LANG) -> gettext.NullTranslations:
    """The gettext translations for `lang`; English falls back to the msgids themselves."""
    lang = normalise_lang(lang)
    try:
        raw = po_path(lang).read_bytes()
    except FileNotFoundError:
        return gettext.NullTranslations()
    return Messages(messages_of(raw, lang))


def gettext_for(lang: str | None = None):
    """A `_()` function for `lang` (resolved with `resolve_lang`)."""
    return translator(resolve_lang(lang)).gettext


def _(message: str) -> str:
    """Translate with the language from $LSPLAN_LANG (default Vietnamese), for modules without a lang."""
    return translator(resolve_lang()).gettext(message)


# Attainment (percent of what was expected by the quarter) from which "achieved" reads "Vượt".
EXCEEDED_FROM = 110.0


def status_label(
    status: str, lang: str | None = None, *, attainment: float | None = None, quarter: str | None = None
) -> str:
    """A status as officials write it, in `lang`.

    Final labels, once a target's period is over: exceeded -> "Vượt"; achieved -> "Đạt" (or
    "Vượt" when attainment is at least EXCEEDED_FROM, 110 %, in-year); nearly_met -> "Cơ bản
    đạt"; not_met -> "Không đạt". In-year: on_track -> "Đúng tiến độ"; at_risk (by default
    85-95 % of the expected progress) -> "Có nguy cơ chậm"; off_track (below that) -> "Chậm tiến
    độ" (a Q4 row that is not final: a level due later, a flow that runs into January).
    no_data -> "Chưa có số liệu"; not_assessed -> "Không đánh giá"; info -> "Thông tin" (not a
    goal). The words match those of `lsplan gaps`.
    """
    text = gettext_for(lang)
    if status == "achieved":
        exceeded = attainment is not None and attainment >= EXCEEDED_FROM
        return text("Exceeded") if exceeded else text("Achieved")
    labels = {
        "exceeded": "Exceeded",
        "nearly_met": "Nearly met",
        "not_met": "Not achieved",
        "off_track": "Behind schedule",
        "info": "For information",
        "on_track": "On track",
        "at_risk": "At risk",
        "no_data": "No data",
        "not_assessed": "Not assessed",
    }
    return text(labels[status]) if status in labels else status


def period_label(quarter: str, year: int | str | None = None, lang: str | None = None) -> str:
    """A cumulative period as reports name it, in `lang`: Q1 -> "Quý I năm 2025", Q2 -> "6 tháng
    đầu năm 2025", Q3 -> "9 tháng năm 2025", Q4 -> "Năm 2025" (the whole year); in English
    "Quarter I of 2025", "First half of 2025", "Nine months of 2025", "Year 2025". Without a
    year: "Quý I", "6 tháng đầu năm", "9 tháng", "Cả năm". Anything else is returned as it is."""
    from lsplan.periods import QUARTERS, ROMAN_OF

    text = gettext_for(lang)
    if year is None or year == "":
        words = {
            "Q1": "Quarter I",
            "Q2": "First half of the year",
            "Q3": "Nine months",
            "Q4": "Whole year",
        }
        return text(words[quarter]) if quarter in words else str(quarter)
    if quarter == "Q2":
        return text("First half of {year}").format(year=year)
    if quarter == "Q3":
        return text("Nine months of {year}").format(year=year)
    if quarter == "Q4":
        return text("Year {year}").format(year=year)
    if quarter not in QUARTERS:
        return f"{quarter} {year}"
    return text("Quarter {roman} of {year}").format(roman=ROMAN_OF[int(quarter[1])], year=year)


def local_stamp(iso: str) -> str:
    """A stored UTC time stamp as "YYYY-MM-DD HH:MM" in Vietnam time (UTC+7, no daylight saving).

    The store keeps UTC; the officers who read the output are in Lạng Sơn, so a submission that
    arrived at 15:00 there must not read 08:00. Text that is not an ISO time stamp, or one
    without a zone, is returned as it was (trimmed to minutes).
    """
    from datetime import datetime, timedelta, timezone

    try:
        stamp = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(timezone(timedelta(hours=7)))
    return stamp.strftime("%Y-%m-%d %H:%M")
