"""Decide what a file is from its bytes, never from its name."""

from __future__ import annotations

import io
import re
import zipfile

from claims.ingest.errors import IngestError
from claims.ingest.text import bomless_unicode

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HTML = "text/html"
TEXT = "text/plain"
ZIP = "application/zip"

# Formats people upload by mistake; named so the message can say what the file was.
_KNOWN_UNSUPPORTED = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Microsoft Office file (.doc/.xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
# The PDF header: "%PDF-1.7". Readers accept it after up to 1,024 bytes of junk, so it may sit
# there too, but only at the start of a line and with the PDF's objects following it: a text
# that merely mentions "%PDF-" is text.
_PDF_HEADER = re.compile(rb"%PDF-\d\.\d")
_PDF_LATE_HEADER = re.compile(rb"(?:^|[\r\n])%PDF-\d\.\d[^\r\n]{0,64}[\r\n]")
_PDF_OBJECT = re.compile(rb"\b\d{1,10}\s+\d{1,5}\s+obj\b")
# Macro-enabled Office packages: their content type says so, and the macros are a VBA part.
_MACRO_CONTENT_TYPE = re.compile(rb"macroEnabled", re.IGNORECASE)
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAGS = re.compile(rb"<(p|div|br|table|h[1-6]|span|a)\b[^>]*>", re.I)
_TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# Control bytes that never occur in text (tab, newline, form feed, CR and ESC are allowed).
_CONTROL_BYTES = bytes(byte for byte in range(32) if byte not in (9, 10, 12, 13, 27))
SUPPORTED_SUMMARY = "PDF, Word (.docx), HTML, plain text or a ZIP of those"


def sniff_media_type(data: bytes, name: str = "") -> str:
    """Return the media type of `data`, judged by content; raise IngestError if unusable."""
    if not data:
        raise IngestError("empty", _label(name) + " is empty.")
    if _is_pdf(data):
        return PDF
    if data.startswith(_ZIP_MAGICS):
        return _zip_kind(data, name)
    for magic, description in _KNOWN_UNSUPPORTED:
        if data.startswith(magic):
            raise IngestError(
                "unsupported_type",
                f"{_label(name)} looks like {description}; upload {SUPPORTED_SUMMARY}.",
            )
    if looks_binary(data):
        raise IngestError(
            "binary",
            f"{_label(name)} contains binary data, not text; upload {SUPPORTED_SUMMARY}.",
        )
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head) or len(_HTML_TAGS.findall(head)) >= 3:
        return HTML
    return TEXT


def looks_binary(data: bytes, sample_size: int = 65536) -> bool:
    """True for bytes that no text encoding we accept would produce (NULs, control codes)."""
    if data.startswith(_TEXT_BOMS[1:]) or bomless_unicode(data):
        return False  # UTF-16 and UTF-32 text is full of NULs by design
    sample = data[:sample_size]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > max(2, len(sample) // 100)


def _is_pdf(data: bytes) -> bool:
    if _PDF_HEADER.match(data):
        return True
    header = _PDF_LATE_HEADER.search(data, 0, 1024 + 80)
    return bool(header and header.start() < 1024 and _PDF_OBJECT.search(data, header.end(), 65536))


def _zip_kind(data: bytes, name: str) -> str:
    """DOCX for a Word package, ZIP for any other archive; macro-enabled packages refused."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            content_types = _small_member(archive, "[Content_Types].xml")
    except (zipfile.BadZipFile, OSError, ValueError):
        return ZIP  # expand_upload reports the damage
    if any(member.endswith("vbaProject.bin") for member in names) or (
        _MACRO_CONTENT_TYPE.search(content_types)
    ):
        raise IngestError(
            "macro_enabled",
            f"{_label(name)} is a macro-enabled Office document; macro-enabled documents are "
            "not accepted. Save it as a Word document (.docx) without macros.",
        )
    return DOCX if "word/document.xml" in names else ZIP


def _small_member(archive: zipfile.ZipFile, member: str, limit: int = 1024 * 1024) -> bytes:
    try:
        with archive.open(member) as stream:
            return stream.read(limit)
    except (KeyError, zipfile.BadZipFile, OSError, RuntimeError, EOFError):
        return b""


def _label(name: str) -> str:
    return f"The file “{name}”" if name else "The file"
