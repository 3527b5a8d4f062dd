"""Safe open: decide what a file is by its bytes, and refuse what must not be parsed.

Every check here runs before any parser sees the file: existence, size, magic bytes (zip =>
xlsx, OLE2 => encrypted OOXML or legacy .xls, text => csv by extension), the zip's central
directory (entry count, declared sizes of the whole and of each parsed part, compression
ratios, zip encryption), the package's content types (macros), a scan for DTDs in the XML
parts, and a count of the structures in each worksheet (merged ranges, validations, ...).
The file is opened read-only.
"""

from __future__ import annotations

import os
import stat
import zipfile
import zlib
from pathlib import Path

from lsplan.readers.base import Limits, ReadError

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
# Stream names that mark an encrypted OOXML package inside an OLE2 container; directory
# entries are UTF-16LE, but scan both encodings.
_ENCRYPTION_MARKERS = tuple(
    name.encode(enc) for name in ("EncryptedPackage", "EncryptionInfo") for enc in ("utf-16-le", "ascii")
)
_ODS_MIMETYPES = (b"application/vnd.oasis.opendocument.spreadsheet",)
_MACRO_CONTENT_TYPES = (b"macroEnabled", b"vbaProject", b"ms-office.vbaProject")
# Parts read whole before the worksheets are streamed (see ooxml_parts.py).
_PARSED_WHOLE = {"[Content_Types].xml", "xl/workbook.xml", "xl/styles.xml", "xl/sharedStrings.xml"}
_TEXT_EXTENSIONS = {".csv", ".txt", ".tsv"}
_SCAN_BYTES = 64 * 1024  # how much of each XML part is scanned for a DTD
_SCAN_TOTAL = 4 * 1024 * 1024  # and in all, so that 10,000 parts cannot cost 640 MB of inflating
# Entries smaller than this are not judged by their ratio: small XML compresses very well.
_RATIO_FLOOR = 1024 * 1024


def sniff(path: str | Path, limits: Limits) -> str:
    """Return "xlsx", "xls" or "csv" for a file that may be parsed, or raise ReadError."""
    name = str(path)
    size = _regular_file_size(name)
    if size == 0:
        raise ReadError.of("file-empty", "The file is empty (0 bytes).", name)
    if size > limits.max_file_bytes:
        raise ReadError.of(
            "file-too-large",
            f"The file is {size:,} bytes; the limit is {limits.max_file_bytes:,} bytes.",
            name,
        )
    try:
        with open(name, "rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise ReadError.of("file-unreadable", f"The file cannot be opened: {exc.strerror}.", name) from None
    if head.startswith(OLE2_MAGIC):
        return _ole2(name)
    if head.startswith(ZIP_MAGICS):
        check_zip(name, limits)
        return "xlsx"
    if Path(name).suffix.lower() in _TEXT_EXTENSIONS:
        with open(name, "rb") as handle:
            sample = handle.read(8192)
        if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise ReadError.of("not-a-spreadsheet", "The file is binary, not a CSV text file.", name)
        return "csv"
    raise ReadError.of(
        "not-a-spreadsheet",
        "The file is neither an Excel workbook (.xlsx, .xls) nor a CSV file; save it as .xlsx.",
        name,
    )


def _regular_file_size(name: str) -> int:
    try:
        info = os.stat(name)
    except FileNotFoundError:
        raise ReadError.of("file-not-found", "No such file.", name) from None
    except OSError as exc:
        raise ReadError.of("file-unreadable", f"The file cannot be opened: {exc.strerror}.", name) from None
    if stat.S_ISDIR(info.st_mode):
        raise ReadError.of("not-a-file", "This is a directory, not a file.", name)
    if not stat.S_ISREG(info.st_mode):
        raise ReadError.of("not-a-file", "This is not a regular file.", name)
    if not os.access(name, os.R_OK):
        raise ReadError.of("file-unreadable", "The file cannot be opened: permission denied.", name)
    return info.st_size


def _ole2(name: str) -> str:
    # Bounded by max_file_bytes, already checked.
    with open(name, "rb") as handle:
        data = handle.read()
    if any(marker in data for marker in _ENCRYPTION_MARKERS):
        raise ReadError.of(
            "file-encrypted",
            "The workbook is password-protected (encrypted); save it again without a password.",
            name,
        )
    return "xls"  # a legacy Excel 97-2003 workbook, or another Office document: xls.py decides


def check_zip(name: str, limits: Limits) -> None:
    """Check a zip's directory before parsing: OOXML, no macros, sizes, entries and ratios."""
    try:
        with zipfile.ZipFile(name) as archive:
            infos = archive.infolist()
            _check_sizes(name, infos, limits)
            names = {info.filename for info in infos}
            if "mimetype" in names and _head(archive, "mimetype", 256).strip() in _ODS_MIMETYPES:
                raise ReadError.of(
                    "format-unsupported",
                    "This is an OpenDocument spreadsheet (.ods); save it as .xlsx.",
                    name,
                )
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                raise ReadError.of(
                    "not-a-spreadsheet", "The file is a zip archive but not an Excel workbook.", name
                )
            content_types = _head(archive, "[Content_Types].xml", _SCAN_BYTES * 16)
            if any(n.lower().endswith("vbaproject.bin") for n in names) or any(
                m in content_types for m in _MACRO_CONTENT_TYPES
            ):
                raise ReadError.of(
                    "file-macro-enabled",
                    "The workbook contains macros (.xlsm); save it as a plain .xlsx workbook.",
                    name,
                )
            _scan_for_dtd(name, archive, infos)
            for info in infos:
                if _is_worksheet_part(info.filename):
                    _count_structures(name, archive, info, limits)
    except zipfile.BadZipFile as exc:
        raise ReadError.of("file-corrupt", f"The file is damaged (broken zip: {exc}).", name) from None
    # ValueError: a member name flagged UTF-8 that is not (UnicodeDecodeError), found by fuzzing.
    except (OSError, EOFError, zlib.error, zipfile.LargeZipFile, NotImplementedError, ValueError) as exc:
        message = f"The file is damaged ({type(exc).__name__}: {exc})."
        raise ReadError.of("file-corrupt", message, name) from None


def _check_sizes(name: str, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.max_entries:
        raise ReadError.of(
            "zip-bomb",
            f"The archive holds {len(infos):,} entries; the limit is {limits.max_entries:,}.",
            name,
        )
    total = sum(info.file_size for info in infos)
    if total > limits.max_uncompressed:
        raise ReadError.of(
            "file-too-large",
            f"The workbook unpacks to {total:,} bytes; the limit is {limits.max_uncompressed:,} bytes.",
            name,
        )
    for info in infos:
        limit = _part_limit(info.filename, limits)
        if limit is not None and info.file_size > limit:
            raise ReadError.of(
                "file-too-large",
                f"Part {info.filename!r} unpacks to {info.file_size:,} bytes; the limit is {limit:,} bytes.",
                name,
            )
    if any(info.flag_bits & 0x1 for info in infos):
        raise ReadError.of(
            "file-encrypted", "The workbook's parts are encrypted (zip password); save it without one.", name
        )
    for info in infos:
        if info.file_size >= _RATIO_FLOOR and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise ReadError.of(
                "zip-bomb",
                f"Part {info.filename!r} expands {info.file_size / max(info.compress_size, 1):,.0f} times "
                f"(limit {limits.max_ratio:g}); refused as a possible zip bomb.",
                name,
            )


def _is_worksheet_part(member: str) -> bool:
    return member.startswith("xl/worksheets/") and member.endswith(".xml")


def _part_limit(member: str, limits: Limits) -> int | None:
    """The size limit for a part that may be parsed, or None for parts never parsed (media, charts)."""
    if _is_worksheet_part(member):
        return limits.max_sheet_part_bytes
    if member in _PARSED_WHOLE or member.startswith(("xl/theme/", "docProps/")) or member.endswith(".rels"):
        return limits.max_part_bytes
    return None


_STRUCTURES = (b"mergeCell ", b"dataValidation ", b"hyperlink ", b"cfRule ")
_CHUNK = 1024 * 1024


def _count_structures(name: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> None:
    """Stream one worksheet part (bounded by max_sheet_part_bytes) and count its structures."""
    count = 0
    tail = b""
    with archive.open(info) as part:
        while chunk := part.read(_CHUNK):
            window = tail + chunk
            # Count only matches that start in this chunk: the tail is shorter than any token.
            count += sum(window.count(token) for token in _STRUCTURES)
            count -= sum(tail.count(token) for token in _STRUCTURES)
            tail = window[-16:]
            if count > limits.max_sheet_structures:
                raise ReadError.of(
                    "file-too-large",
                    f"Part {info.filename!r} holds more than {limits.max_sheet_structures:,} merged ranges, "
                    "validations, hyperlinks and formatting rules; refused.",
                    name,
                )


def _head(archive: zipfile.ZipFile, member: str, size: int) -> bytes:
    """At most `size` bytes from the start of a member: never a whole part into memory."""
    with archive.open(member) as part:
        return part.read(size)


def _scan_for_dtd(name: str, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse XML parts that declare a DTD: entity expansion and external entities live there.

    The reader's parser (ooxml_parts.safe_parser) refuses them too while parsing; this scan
    refuses them before any parsing, whichever part holds them.
    """
    budget = _SCAN_TOTAL
    for info in infos:
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        if budget <= 0:
            return  # beyond this, the reader's parser still refuses DTDs
        head = _head(archive, info.filename, min(_SCAN_BYTES, budget))
        budget -= len(head)
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head or "<!DOCTYPE".encode("utf-16-le") in head:
            raise ReadError.of(
                "xml-unsafe",
                f"Part {info.filename!r} declares a DTD (entity expansion or external entities); refused.",
                name,
            )
