"""Word .docx: vetted as a ZIP and for XML entity tricks before python-docx parses it."""

from __future__ import annotations

import io
import re

import docx
from docx.oxml.ns import qn

from claims.ingest.archive import ByteBudget, read_members
from claims.ingest.errors import IngestError

# A .docx expands: its XML compresses about 10x. Allow that much over the upload limit.
EXPANSION_ALLOWANCE = 4
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def read_docx(data: bytes, *, max_bytes: int, max_expanded_bytes: int | None = None) -> str:
    """Body paragraphs and table rows, paragraphs separated by blank lines."""
    parts = _vetted_parts(data, max_expanded_bytes or max_bytes * EXPANSION_ALLOWANCE)
    for name, content in parts.items():
        if name.endswith(_XML_SUFFIXES) and _declares_dtd(content):
            raise IngestError(
                "xml_entities",
                f"The Word document declares XML entities or a DTD (in {name}); "
                "it is refused because such declarations can be used to attack the reader.",
            )
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many types for a broken package
        raise IngestError(
            "corrupt_docx", "The Word document is damaged and cannot be read."
        ) from error
    return "\n\n".join(text for text in _body_texts(document) if text.strip())


def _vetted_parts(data: bytes, max_expanded_bytes: int) -> dict[str, bytes]:
    budget = ByteBudget(max_expanded_bytes)
    try:
        return dict(read_members(data, budget, archive_label="the Word document"))
    except IngestError as error:
        if error.code == "corrupt_zip":
            raise IngestError("corrupt_docx", error.message) from error
        raise


def _declares_dtd(content: bytes) -> bool:
    if content.startswith(_UTF16_BOMS):
        content = content.decode("utf-16", errors="ignore").encode("utf-8")
    return bool(_DTD.search(content))


def _body_texts(document: docx.document.Document) -> list[str]:
    texts: list[str] = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            texts.append(docx.text.paragraph.Paragraph(element, document).text)
        elif element.tag == qn("w:tbl"):
            texts.extend(_table_rows(docx.table.Table(element, document)))
    return texts


def _table_rows(table: docx.table.Table) -> list[str]:
    rows = []
    for row in table.rows:
        cells = [" ".join(p.text for p in cell.paragraphs).strip() for cell in row.cells]
        rows.append(
            " | ".join(dict.fromkeys(cell for cell in cells if cell))
        )  # merged cells repeat
    return rows
