"""Decide what a file is from its bytes, never from its name."""

from __future__ import annotations

import io
import re
import zipfile

from claims.ingest.errors import IngestError

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
    if b"%PDF-" in data[:1024]:
        return PDF
    if data.startswith(_ZIP_MAGICS):
        return DOCX if _is_docx(data) else ZIP
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
    if data.startswith(_TEXT_BOMS[1:]):  # UTF-16 text is full of NULs by design
        return False
    sample = data[:sample_size]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > max(2, len(sample) // 100)


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return "word/document.xml" in names


def _label(name: str) -> str:
    return f"The file “{name}”" if name else "The file"
