"""Plain text: find the encoding, refuse binary junk, keep only what a database can store."""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer

from claims.ingest.errors import IngestError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: the UTF-32 LE BOM starts like UTF-16's
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 and C1 control characters other than tab, newline, carriage return and form feed.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# PostgreSQL text refuses NUL, and UTF-8 cannot encode a lone surrogate.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_BOMLESS_CANDIDATES = ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be")
_BOMLESS_SAMPLE = 8192
_BOMLESS_MIN_TEXTUAL = 0.97
_WHITESPACE = frozenset(" \n\r\t\f\u3000")


def storable(text: str) -> str:
    """`text` without the characters PostgreSQL refuses (NUL) or UTF-8 cannot hold (lone
    surrogates), wherever they sit."""
    return _UNSTORABLE.sub("", text)


def bomless_unicode(data: bytes) -> str | None:
    """The encoding of UTF-32 or UTF-16 text written without a byte-order mark, or None.

    Judged by structure: NULs make up a real share of the sample (every ASCII character
    carries one or three), and the sample decodes strictly (no lone surrogates) to text that
    is nearly all letters, digits, punctuation and spaces, with real spaces or line breaks
    among them. Random binary fails at once: one pair of bytes in ~30 is half a surrogate."""
    sample = data[:_BOMLESS_SAMPLE]
    if sample.count(0) < len(sample) // 100 + 1:
        return None  # UTF-8 or a legacy 8-bit encoding: nothing to find here
    for encoding in _BOMLESS_CANDIDATES:
        unit = 4 if "32" in encoding else 2
        try:
            decoded = sample[: len(sample) - len(sample) % unit].decode(encoding)
        except UnicodeDecodeError:
            continue
        if decoded and _looks_like_text(decoded):
            return encoding
    return None


def _looks_like_text(text: str) -> bool:
    textual = sum(1 for char in text if char in _WHITESPACE or _category(char) in "LNPZSM")
    spaces = sum(1 for char in text if char in _WHITESPACE)
    return textual >= _BOMLESS_MIN_TEXTUAL * len(text) and spaces * 100 >= len(text)


def _category(char: str) -> str:
    return unicodedata.category(char)[0]


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode `data` and return (text, encoding name): BOM first, then BOM-less UTF-16/32,
    then strict UTF-8, then a guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    bomless = bomless_unicode(data)
    if bomless:
        return data.decode(bomless, errors="replace"), bomless
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
