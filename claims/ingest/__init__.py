"""Letters in: bytes of an upload -> clean text and letter metadata. Pure Python, no Django.

documents = expand_upload(name, data)          # a .zip yields its members
ingested = ingest_document(doc.data, name=doc.name)
ingested.clean.text, ingested.metadata.symbol, ingested.read.needs_ocr
"""

from __future__ import annotations

from dataclasses import dataclass

from claims.ingest import sniff
from claims.ingest.archive import DocumentFile, expand_upload
from claims.ingest.clean import CleanText, clean_text
from claims.ingest.docx import read_docx
from claims.ingest.errors import IngestError, check_size
from claims.ingest.html import read_html
from claims.ingest.metadata import LetterMetadata, parse_metadata
from claims.ingest.pdf import read_pdf
from claims.ingest.sniff import sniff_media_type
from claims.ingest.text import read_text

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

__all__ = [
    "CleanText",
    "DocumentFile",
    "IngestError",
    "IngestedDocument",
    "LetterMetadata",
    "ReadResult",
    "clean_text",
    "expand_upload",
    "ingest_document",
    "parse_metadata",
    "read_document",
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


def read_document(data: bytes, *, name: str = "", max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Extract raw text from one document; raises IngestError with a specific code."""
    check_size(data, max_bytes, name)
    media_type = sniff_media_type(data, name)
    if media_type == sniff.PDF:
        pdf = read_pdf(data)
        return ReadResult(pdf.text, media_type, pdf.needs_ocr, pdf.ocr_used, pdf.page_count, None)
    if media_type == sniff.DOCX:
        return ReadResult(
            read_docx(data, max_bytes=max_bytes), media_type, False, False, None, None
        )
    if media_type == sniff.HTML:
        text, encoding = read_html(data)
        return ReadResult(text, media_type, False, False, None, encoding)
    if media_type == sniff.TEXT:
        text, encoding = read_text(data)
        return ReadResult(text, media_type, False, False, None, encoding)
    raise IngestError(
        "unsupported_type",
        f"{f'The file “{name}”' if name else 'The file'} is a ZIP archive; expand it into its documents first.",
    )


def ingest_document(
    data: bytes, *, name: str = "", max_bytes: int = DEFAULT_MAX_BYTES
) -> IngestedDocument:
    """Read, clean and parse one document."""
    read = read_document(data, name=name, max_bytes=max_bytes)
    clean = clean_text(read.raw_text)
    metadata = parse_metadata(read.raw_text, cleaned=clean)
    return IngestedDocument(read=read, clean=clean, metadata=metadata)
