"""The parts of an .xlsx package around its worksheets: where they are, their styles and strings.

Every part is parsed by `safe_parser()`: expat (the C parser in the standard library) with
DTDs, entity declarations and external entities refused with defusedxml's exceptions, so the
refusal does not depend on the pre-scan in safety.py. Parts are read through zipfile, which
stops at each entry's declared size and checks its CRC; sizes are checked against `Limits`
again here, since a worksheet may live outside xl/worksheets/.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from xml.parsers import expat

from lsplan.readers.base import Limits, ReadError
from lsplan.readers.ooxml_values import (
    BUILTIN_FORMATS,
    CUSTOM_FORMAT_FLOOR,
    MAC_EPOCH,
    WINDOWS_EPOCH,
    is_date_format,
    is_timedelta_format,
)

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_WORKBOOK_TYPES = tuple(
    f"application/vnd.{kind}.main+xml"
    for kind in (
        "ms-excel.template.macroEnabled",
        "openxmlformats-officedocument.spreadsheetml.template",
        "ms-excel.sheet.macroEnabled",
        "openxmlformats-officedocument.spreadsheetml.sheet",
    )
)
_SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
DEFAULT_FONT = "Calibri"  # what openpyxl assumed for a package without styles


def _forbid_dtd(name: str, sysid: str | None, pubid: str | None, _subset: bool) -> None:
    from defusedxml.common import DTDForbidden  # type: ignore[import-untyped]

    raise DTDForbidden(name, sysid, pubid)


def _forbid_entity(name: str, *args: Any) -> None:
    from defusedxml.common import EntitiesForbidden

    raise EntitiesForbidden(name, None, None, None, None, None)


def _forbid_external(context: str, base: str | None, sysid: str | None, pubid: str | None) -> None:
    from defusedxml.common import ExternalReferenceForbidden

    raise ExternalReferenceForbidden(context, base, sysid, pubid)


def safe_parser() -> Any:
    """An expat parser reporting names as "namespace}local", refusing DTDs and entities."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _forbid_dtd
    parser.EntityDeclHandler = _forbid_entity
    parser.UnparsedEntityDeclHandler = _forbid_entity
    parser.ExternalEntityRefHandler = _forbid_external  # type: ignore[assignment]
    parser.buffer_text = True
    return parser


def too_complex(name: str, what: str, limit: int) -> ReadError:
    """The refusal for a file that would multiply work beyond a cap of `Limits`."""
    return ReadError.of(
        "file-too-complex",
        f"The workbook holds {what} beyond the limit of {limit:,}; refused as damaged or hostile.",
        name,
    )


def open_part(archive: zipfile.ZipFile, member: str, limit: int, name: str) -> Any:
    """A stream of one part, refused (file-too-large) when it declares more than `limit` bytes."""
    info = archive.getinfo(member)
    if info.file_size > limit:
        raise ReadError.of(
            "file-too-large",
            f"Part {member!r} unpacks to {info.file_size:,} bytes; the limit is {limit:,} bytes.",
            name,
        )
    return archive.open(info)


def parse_part(
    archive: zipfile.ZipFile,
    member: str,
    limits: Limits,
    name: str,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None] | None = None,
    text: Callable[[str], None] | None = None,
) -> None:
    parser = safe_parser()
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    with open_part(archive, member, limits.max_part_bytes, name) as stream:
        parser.ParseFile(stream)


@dataclass(frozen=True, slots=True)
class Style:
    number_format: str
    font: str | None
    is_date: bool = False
    is_duration: bool = False
    broken: bool = False  # names a font that does not exist: the file is damaged if a cell uses it


@dataclass(slots=True)
class SheetEntry:
    name: str
    state: str
    target: str


@dataclass(slots=True)
class Package:
    sheets: list[SheetEntry] = field(default_factory=list)
    epoch: datetime = WINDOWS_EPOCH
    full_calc_on_load: bool = False
    has_calc_chain: bool = False  # xlsxwriter writes none, and caches 0 for every formula
    shared_strings: list[str] = field(default_factory=list)
    styles: list[Style] = field(default_factory=lambda: [Style("General", DEFAULT_FONT)])


def local(tag: str) -> str:
    """The element's name without its namespace (package parts are read whatever it is)."""
    return tag[tag.rfind("}") + 1 :]


def _flag(value: str | None) -> bool:
    """openpyxl's reading of a boolean attribute: absent, "false", "f" or "0" is False."""
    return value is not None and value not in ("false", "f", "0")


def read_package(archive: zipfile.ZipFile, limits: Limits, name: str) -> Package:
    """The workbook's worksheets (in order, with their state), epoch, calc flags, strings, styles."""
    names = set(archive.namelist())
    overrides: dict[str, str] = {}
    defaults: set[str] = set()

    def on_type(tag: str, attrs: dict[str, str]) -> None:
        tag = local(tag)
        if tag == "Override":
            overrides.setdefault(attrs.get("ContentType", ""), attrs.get("PartName", ""))
        elif tag == "Default":
            defaults.add(attrs.get("ContentType", ""))

    parse_part(archive, "[Content_Types].xml", limits, name, on_type)
    workbook_part = next((overrides[t][1:] for t in _WORKBOOK_TYPES if overrides.get(t)), None)
    if workbook_part is None:
        if not defaults.intersection(_WORKBOOK_TYPES):
            raise ReadError.of("file-corrupt", "The file is damaged (no workbook part is declared).", name)
        workbook_part = "xl/workbook.xml"
    package = Package(has_calc_chain="xl/calcChain.xml" in names)
    listed: list[tuple[str, str, str]] = []

    def on_workbook(tag: str, attrs: dict[str, str]) -> None:
        tag = local(tag)
        if tag == "sheet":
            rel_id = next((v for k, v in attrs.items() if k.endswith("}id")), None)
            if rel_id:
                listed.append((attrs.get("name", ""), attrs.get("state") or "visible", rel_id))
                if len(listed) > limits.max_sheet_entries:
                    raise too_complex(name, "sheets", limits.max_sheet_entries)
        elif tag == "workbookPr":
            package.epoch = MAC_EPOCH if _flag(attrs.get("date1904")) else WINDOWS_EPOCH
        elif tag == "calcPr":
            package.full_calc_on_load = _flag(attrs.get("fullCalcOnLoad"))

    parse_part(archive, workbook_part, limits, name, on_workbook)
    folder, base = posixpath.split(workbook_part)
    rels = read_rels(archive, posixpath.join(folder, "_rels", base + ".rels"), limits, name)
    for sheet_name, state, rel_id in listed:
        if rel_id not in rels:
            raise ReadError.of(
                "file-corrupt", f"The file is damaged (sheet {sheet_name!r} has no part).", name
            )
        kind, target = rels[rel_id]
        if target in names and "chartsheet" not in kind:
            package.sheets.append(SheetEntry(sheet_name, state, target))
    strings = overrides.get(_SHARED_STRINGS_TYPE)
    if strings:
        package.shared_strings = read_shared_strings(archive, strings[1:], limits, name)
    if "xl/styles.xml" in names:
        styles = read_styles(archive, "xl/styles.xml", limits, name)
        if styles:
            package.styles = styles
    return package


def read_rels(archive: zipfile.ZipFile, member: str, limits: Limits, name: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, target as a path in the zip); relative and absolute targets."""
    found: dict[str, tuple[str, str]] = {}
    if member not in set(archive.namelist()):
        raise ReadError.of("file-corrupt", f"The file is damaged ({member!r} is missing).", name)
    parent = posixpath.dirname(posixpath.dirname(member))

    def on_rel(tag: str, attrs: dict[str, str]) -> None:
        if local(tag) != "Relationship" or "Id" not in attrs:
            return
        target = attrs.get("Target", "")
        if attrs.get("TargetMode") != "External":
            target = (
                target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(parent, target))
            )
        found[attrs["Id"]] = (attrs.get("Type", ""), target)

    parse_part(archive, member, limits, name, on_rel)
    return found


def read_shared_strings(archive: zipfile.ZipFile, member: str, limits: Limits, name: str) -> list[str]:
    """Each <si>: its plain text then its rich-text runs' text, phonetic runs left out."""
    strings: list[str] = []
    path: list[str] = []
    chunks: list[str] = []
    collecting = False

    def start(tag: str, _attrs: dict[str, str]) -> None:
        nonlocal collecting
        path.append(tag)
        if tag == MAIN + "si":
            chunks.clear()
        elif tag == MAIN + "t" and len(path) >= 2:
            parent = path[-2]
            collecting = parent == MAIN + "si" or (
                parent == MAIN + "r" and len(path) >= 3 and path[-3] == MAIN + "si"
            )

    def end(tag: str) -> None:
        nonlocal collecting
        path.pop()
        if tag == MAIN + "t":
            collecting = False
        elif tag == MAIN + "si":
            text = "".join(chunks).replace("x005F_", "")
            if len(text) > limits.max_text_chars:
                raise too_complex(name, "a text of more characters", limits.max_text_chars)
            strings.append(text)
            if len(strings) > limits.max_strings:
                raise too_complex(name, "shared strings", limits.max_strings)

    def text(data: str) -> None:
        if collecting:
            chunks.append(data)

    parse_part(archive, member, limits, name, start, end, text)
    return strings


def read_styles(archive: zipfile.ZipFile, member: str, limits: Limits, name: str) -> list[Style]:
    """cellXfs as (number format, font name): numFmtId -> custom numFmts or built-in; fontId -> fonts."""
    custom: dict[int, str] = {}
    fonts: list[str | None] = []
    xfs: list[tuple[int, int]] = []
    path: list[str] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        tag = local(tag)
        parent = path[-1] if path else ""
        path.append(tag)
        if tag == "numFmt" and parent == "numFmts":
            code = attrs.get("formatCode", "")
            if len(code) > limits.max_format_chars:
                raise too_complex(name, "a number format of more characters", limits.max_format_chars)
            custom[int(attrs["numFmtId"])] = code
            if len(custom) > limits.max_number_formats:
                raise too_complex(name, "number formats", limits.max_number_formats)
        elif tag == "font" and parent == "fonts":
            fonts.append(None)
            if len(fonts) > limits.max_fonts:
                raise too_complex(name, "fonts", limits.max_fonts)
        elif tag == "name" and parent == "font" and path[-3] == "fonts":
            fonts[-1] = attrs.get("val")
        elif tag == "xf" and parent == "cellXfs":
            xfs.append((int(attrs.get("numFmtId") or 0), int(attrs.get("fontId") or 0)))
            if len(xfs) > limits.max_styles:
                raise too_complex(name, "cell formats", limits.max_styles)

    def end(_tag: str) -> None:
        path.pop()

    parse_part(archive, member, limits, name, start, end)
    styles = []
    # Judged once per format code, not once per cell format that uses it.
    kinds: dict[str | None, tuple[bool, bool]] = {}
    for format_id, font_id in xfs:
        if format_id in custom:
            code: str | None = custom[format_id]
        else:
            code = BUILTIN_FORMATS.get(format_id)
        shown = code or "General"
        if format_id >= CUSTOM_FORMAT_FLOOR and format_id not in custom:
            shown = "General"  # a reference to no format: Excel shows General
        broken = not 0 <= font_id < len(fonts)
        font = None if broken else fonts[font_id]
        kind = kinds.get(code)
        if kind is None:
            kind = kinds[code] = (is_date_format(code), is_timedelta_format(code))
        styles.append(Style(shown, font, kind[0], kind[1], broken))
    return styles
