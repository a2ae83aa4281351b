"""Report formats by name: the Django layer looks a writer up here and streams claims to it."""

from __future__ import annotations

from verification.reports.claimreview import ClaimReviewWriter
from verification.reports.csv_writer import CsvWriter
from verification.reports.docx_writer import DocxWriter
from verification.reports.html_writer import HtmlWriter
from verification.reports.json_writer import JsonWriter
from verification.reports.pdf_writer import PdfReportWriter
from verification.reports.types import Writer

WRITERS: dict[str, Writer] = {
    "pdf": PdfReportWriter(),
    "docx": DocxWriter(),
    "html": HtmlWriter(),
    "csv": CsvWriter(),
    "json": JsonWriter(),
    "claimreview": ClaimReviewWriter(),
}


class UnknownFormat(KeyError):
    pass


def get_writer(fmt: str) -> Writer:
    try:
        return WRITERS[fmt]
    except KeyError:
        raise UnknownFormat(f"unknown report format {fmt!r}; known: {', '.join(WRITERS)}") from None
