"""Letters in: bytes of an upload -> clean text and letter metadata. Pure Python, no Django.

documents = expand_upload(name, data)          # a .zip yields its members
ingested = ingest_document(doc.data, name=doc.name)
ingested.clean.text, ingested.metadata.symbol, ingested.read.needs_ocr
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from claims.ingest import sniff
from claims.ingest.archive import DocumentFile, expand_upload
from claims.ingest.clean import CleanText, clean_text
from claims.ingest.docx import read_docx
from claims.ingest.errors import IngestError, check_size
from claims.ingest.html import read_html
from claims.ingest.limits import DEFAULT_LIMITS, Limits
from claims.ingest.metadata import LetterMetadata, parse_metadata
from claims.ingest.pdf import read_pdf
from claims.ingest.sniff import sniff_media_type
from claims.ingest.text import read_text, storable

DEFAULT_MAX_BYTES = DEFAULT_LIMITS.max_bytes

__all__ = [
    "CleanText",
    "DocumentFile",
    "IngestError",
    "IngestedDocument",
    "LetterMetadata",
    "Limits",
    "ReadResult",
    "clean_text",
    "expand_upload",
    "ingest_document",
    "limits_from",
    "parse_metadata",
    "read_document",
    "read_document_bounded",
    "sniff_media_type",
]


@dataclass(frozen=True)
class ReadResult:
    raw_text: str
    media_type: str
    needs_ocr: bool  # a PDF without a text layer
    ocr_used: bool  # raw_text came from OCR (tesseract was available)
    page_count: int | None
    encoding: str | None  # for text and HTML


@dataclass(frozen=True)
class IngestedDocument:
    read: ReadResult
    clean: CleanText
    metadata: LetterMetadata


def read_document(
    data: bytes, *, name: str = "", max_bytes: int | None = None, limits: Limits = DEFAULT_LIMITS
) -> ReadResult:
    """Extract raw text from one document within `limits`; raises IngestError with a specific
    code. This runs the parsers in the calling process: untrusted uploads go through
    `read_document_bounded`, which runs it in a sandboxed subprocess."""
    if max_bytes is not None:
        limits = replace(limits, max_bytes=max_bytes)
    check_size(data, limits.max_bytes, name, limits.min_bytes)
    read = _read(data, name, limits)
    text = storable(read.raw_text)
    if len(text) > limits.max_chars:
        raise IngestError(
            "too_much_text",
            f"{_label(name)} holds {len(text):,} characters of text; "
            f"the limit is {limits.max_chars:,}.",
        )
    return replace(read, raw_text=text)


def _read(data: bytes, name: str, limits: Limits) -> ReadResult:
    media_type = sniff_media_type(data, name)
    if media_type == sniff.PDF:
        pdf = read_pdf(
            data,
            max_pages=limits.max_pages,
            max_chars=limits.max_chars,
            max_inflated_bytes=limits.max_expanded_bytes,
        )
        return ReadResult(pdf.text, media_type, pdf.needs_ocr, pdf.ocr_used, pdf.page_count, None)
    if media_type == sniff.DOCX:
        text = read_docx(
            data, max_bytes=limits.max_bytes, max_expanded_bytes=limits.max_expanded_bytes
        )
        return ReadResult(text, media_type, False, False, None, None)
    if media_type == sniff.HTML:
        text, encoding = read_html(data, max_depth=limits.max_depth)
        return ReadResult(text, media_type, False, False, None, encoding)
    if media_type == sniff.TEXT:
        text, encoding = read_text(data)
        return ReadResult(text, media_type, False, False, None, encoding)
    raise IngestError(
        "unsupported_type",
        f"{_label(name)} is a ZIP archive; expand it into its documents first.",
    )


def read_document_bounded(
    data: bytes, name: str = "", limits: Limits = DEFAULT_LIMITS
) -> ReadResult:
    """read_document for untrusted bytes: PDF, Word and HTML are parsed in a subprocess capped
    in memory, CPU and wall time (claims.ingest.sandbox). Plain text is decoded here: decoding
    is linear in the (already bounded) size, and a child per file would cost ~0.6 s of CPU
    each, a minute for a zip of a hundred text letters."""
    check_size(data, limits.max_bytes, name, limits.min_bytes)
    if sniff_media_type(data, name) == sniff.TEXT:
        return read_document(data, name=name, limits=limits)
    from claims.ingest.sandbox import read_in_sandbox

    return read_in_sandbox(data, name, limits)


def limits_from(settings: object) -> Limits:
    """Limits from a settings object's WORKBENCH_INGEST_LIMITS dict (defaults where absent)."""
    return Limits(**getattr(settings, "WORKBENCH_INGEST_LIMITS", {}))


def _label(name: str) -> str:
    return f"The file “{name}”" if name else "The file"


def ingest_document(
    data: bytes, *, name: str = "", max_bytes: int | None = None, limits: Limits = DEFAULT_LIMITS
) -> IngestedDocument:
    """Read, clean and parse one document."""
    read = read_document(data, name=name, max_bytes=max_bytes, limits=limits)
    clean = clean_text(read.raw_text)
    metadata = parse_metadata(read.raw_text, cleaned=clean)
    return IngestedDocument(read=read, clean=clean, metadata=metadata)
