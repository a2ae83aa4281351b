"""PDF: the text layer through pdfium, page breaks kept as form feeds; OCR only when asked for."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
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


@dataclass(frozen=True)
class PdfText:
    text: str
    page_count: int
    needs_ocr: bool
    ocr_used: bool


def read_pdf(data: bytes) -> PdfText:
    """Read the text layer; pages are separated by "\\f" like pdftotext output."""
    document = _open(data)
    try:
        pages = [_page_text(document, index) for index in range(len(document))]
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
