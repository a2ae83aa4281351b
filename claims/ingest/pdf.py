"""PDF: the text layer through pdfium, page breaks kept as form feeds; OCR only when asked for."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from claims.ingest.errors import IngestError

_PDFIUM_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD
# Fewer visible characters than this per page means there is no real text layer.
_MIN_CHARS_PER_PAGE = 16
_OCR_DPI = 300
_OCR_TIMEOUT_SECONDS = 120
_OCR_MAX_PAGES = 40
_STREAM_START = re.compile(rb"(?<!end)stream\r?\n")
_INFLATE_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class PdfText:
    text: str
    page_count: int
    needs_ocr: bool
    ocr_used: bool


def read_pdf(
    data: bytes,
    *,
    max_pages: int = 2_000,
    max_chars: int = 5_000_000,
    max_inflated_bytes: int = 256 * 1024 * 1024,
) -> PdfText:
    """Read the text layer; pages are separated by "\\f" like pdftotext output.

    Before pdfium sees the file, its compressed streams are inflated and counted, never kept
    (400 KB of Flate can inflate to 400 MB, which pdfium holds in memory). The declared page
    count is checked before any page is opened (a 2 KB file can declare a million pages
    through a shared page tree), and text stops at `max_chars`."""
    check_inflated_size(data, max_inflated_bytes)
    document = _open(data)
    try:
        _check_page_count(len(document), max_pages)
        pages = _pages_text(document, max_chars)
        page_count = len(pages)
        visible = sum(len("".join(page.split())) for page in pages)
        if visible >= _MIN_CHARS_PER_PAGE * max(page_count, 1):
            return PdfText("\f".join(pages), page_count, needs_ocr=False, ocr_used=False)
        ocr_pages = _ocr(document) if tesseract_available() else None
    finally:
        document.close()
    if ocr_pages is None:
        return PdfText("", page_count, needs_ocr=True, ocr_used=False)
    return PdfText("\f".join(ocr_pages), page_count, needs_ocr=True, ocr_used=True)


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == _PDFIUM_PASSWORD_ERROR:
            raise IngestError(
                "encrypted_pdf",
                "The PDF is password-protected; upload an unprotected copy.",
            ) from error
        raise IngestError(
            "corrupt_pdf",
            "The PDF is damaged or incomplete (it may have been truncated during download).",
        ) from error


def check_inflated_size(data: bytes, limit: int) -> None:
    """Refuse a PDF whose Flate streams together inflate past `limit` bytes.

    Streams are found by their keyword and inflated in 1 MB steps with nothing kept; a stream
    that is not zlib data fails on its first bytes and costs nothing."""
    total = 0
    position = 0
    while match := _STREAM_START.search(data, position):
        inflated, consumed = _inflated_length(data, match.end(), limit - total)
        total += inflated
        if total > limit:
            raise IngestError(
                "too_complex",
                f"This PDF's compressed streams inflate to more than {limit // 2**20:,} MiB; "
                f"the limit is {limit // 2**20:,} MiB.",
            )
        position = match.end() + max(consumed, 0)


def _inflated_length(data: bytes, start: int, budget: int) -> tuple[int, int]:
    """(bytes the zlib stream at `start` inflates to, stopping past `budget`; bytes consumed)."""
    inflater = zlib.decompressobj()
    produced = 0
    pending: bytes | memoryview = memoryview(data)[start:]
    try:
        while pending and not inflater.eof and produced <= budget:
            produced += len(inflater.decompress(pending, _INFLATE_CHUNK))
            pending = inflater.unconsumed_tail
            if not pending and not inflater.eof:
                break  # truncated: the rest of the file was all stream
    except zlib.error:
        return produced, 0
    return produced, len(data) - start - len(inflater.unused_data) - len(pending)


def _check_page_count(declared: int, max_pages: int) -> None:
    if declared > max_pages:
        raise IngestError(
            "too_many_pages",
            f"This PDF declares {declared:,} pages; the limit is {max_pages:,}.",
        )


def _pages_text(document: pdfium.PdfDocument, max_chars: int) -> list[str]:
    pages: list[str] = []
    total = 0
    for index in range(len(document)):
        pages.append(_page_text(document, index))
        total += len(pages[-1])
        if total > max_chars:
            raise IngestError(
                "too_much_text",
                f"This PDF holds more than {max_chars:,} characters of text (by page "
                f"{index + 1}); the limit is {max_chars:,}.",
            )
    return pages


def _page_text(document: pdfium.PdfDocument, index: int) -> str:
    try:
        page = document[index]
        text = page.get_textpage().get_text_range()
    except pdfium.PdfiumError as error:
        raise IngestError("corrupt_pdf", f"Page {index + 1} of the PDF is damaged.") from error
    return _normalise_pdfium_text(text)


def _normalise_pdfium_text(text: str) -> str:
    # pdfium ends lines with "\r\n", marks hyphens at line ends with U+0002/U+FFFE and
    # sometimes emits NULs; bring it to pdftotext's shape.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\x02", "-").replace("\ufffe", "-").replace("\x00", "")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _ocr(document: pdfium.PdfDocument) -> list[str] | None:
    """Render each page and run the tesseract CLI on it; None if OCR fails."""
    pages: list[str] = []
    with tempfile.TemporaryDirectory(prefix="ingest-ocr-") as workdir:
        for index in range(min(len(document), _OCR_MAX_PAGES)):
            image_path = Path(workdir) / f"page-{index}.png"
            bitmap = document[index].render(scale=_OCR_DPI / 72, grayscale=True)
            bitmap.to_pil().save(image_path)
            try:
                result = subprocess.run(
                    ["tesseract", str(image_path), "stdout"],
                    capture_output=True,
                    timeout=_OCR_TIMEOUT_SECONDS,
                    check=True,
                )
            except (subprocess.SubprocessError, OSError):
                return None
            pages.append(result.stdout.decode("utf-8", errors="replace"))
    return pages
