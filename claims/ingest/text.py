"""Plain text: find the encoding, refuse binary junk."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from claims.ingest.errors import IngestError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 and C1 control characters other than tab, newline, carriage return and form feed.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode `data` and return (text, encoding name); BOM first, then strict UTF-8, then guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best), best.encoding
    return data.decode("cp1252", errors="replace"), "cp1252"


def read_text(data: bytes) -> tuple[str, str]:
    """Decode a plain-text upload into text with "\\n" line ends, or raise IngestError("binary")."""
    text, encoding = decode_text(data)
    if _control_ratio(text) > 0.01:
        raise IngestError("binary", "The file contains binary data, not readable text.")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:65536]
    return len(_CONTROL_CHARACTERS.findall(sample)) / len(sample)
