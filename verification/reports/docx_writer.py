"""Editable Word report: real Heading styles, tables for facts and evidence (python-docx).

A .docx is a zip written at the end, so the document is held in memory; claims still arrive
one at a time and are not kept once added.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from docx import Document
from docx.blkcntnr import BlockItemContainer
from docx.document import Document as DocxDocument
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from verification.reports.content import (
    claim_facts,
    claim_heading,
    evidence_lines,
    letter_citation,
    provenance_text,
)
from verification.reports.formatting import format_date, rating_text, safe_colour
from verification.reports.markup import markdown_blocks
from verification.reports.types import ReportClaim, ReportEvidence, ReportMeta

# Style ids of python-docx's default template ("Heading 2" is "Heading2").
BLOCK_STYLE_IDS = {"bullet": "ListBullet", "number": "ListNumber", "quote": "Quote"}


class DocxWriter:
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    extension = "docx"

    def write(self, meta: ReportMeta, claims: Iterable[ReportClaim], out: BinaryIO) -> None:
        document = Document()
        _set_base_font(document)
        blocks = _Blocks(document)
        _write_title(blocks, meta)
        _write_summary(blocks, meta)
        _write_contents_field(blocks)
        blocks.paragraph("Claims", "Heading1")
        for claim in claims:
            _write_claim(blocks, claim)
            blocks.flush()
        blocks.flush()
        _set_core_properties(document, meta)
        document.save(out)


class _Blocks:
    """Adds paragraphs and tables in small detached batches, moved into the body per claim.

    Going through Document.add_paragraph / add_table made a 1,000-claim report quadratic:
    each new block is inserted before the body's final sectPr by scanning all the body's
    children, add_table looks the text width up with an XPath over the whole document, and
    a style set by name scans the styles part. Here the batch stays small, the width is read
    once and styles are set by id.
    """

    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        self.width = document._block_width
        self.batch = BlockItemContainer(OxmlElement("w:body"), document._body)

    def paragraph(self, text: str = "", style_id: str | None = None) -> Paragraph:
        paragraph = self.batch.add_paragraph(text)
        if style_id:
            paragraph._p.style = style_id
        return paragraph

    def table(self, rows: int, cols: int) -> Table:
        table = self.batch.add_table(rows, cols, self.width)
        table._tbl.tblStyle_val = "TableGrid"
        return table

    def flush(self) -> None:
        section_properties = self.document.element.body.sectPr
        for block in list(self.batch._element):
            section_properties.addprevious(block)  # lxml moves the element


def _set_base_font(document: DocxDocument) -> None:
    normal = document.styles["Normal"]
    normal.font.name = "DejaVu Sans"
    normal.font.size = Pt(10)


def _set_core_properties(document: DocxDocument, meta: ReportMeta) -> None:
    # Fixed values (not "now") keep two exports of the same data identical.
    properties = document.core_properties
    properties.title = meta.title
    properties.author = meta.generated_by
    properties.last_modified_by = meta.generated_by
    properties.created = meta.generated_at
    properties.modified = meta.generated_at
    properties.revision = 1


def _write_title(blocks: _Blocks, meta: ReportMeta) -> None:
    blocks.paragraph(meta.title, "Title")
    blocks.paragraph(f"Scope: {meta.scope}")
    blocks.paragraph(
        f"Generated {format_date(meta.generated_at)} by {meta.generated_by} "
        f"for {meta.organisation} ({meta.organisation_url})",
    )
    blocks.paragraph(f"Schema version {meta.schema_version}")


def _write_summary(blocks: _Blocks, meta: ReportMeta) -> None:
    if not meta.summary:
        return
    blocks.paragraph("Summary", "Heading1")
    rows = [("Rating", "Claims"), *((label, str(count)) for label, count in meta.summary)]
    rows.append(("Total", str(sum(count for _, count in meta.summary))))
    _add_table(blocks, rows, header=True)
    blocks.paragraph().add_run().add_break(WD_BREAK.PAGE)


def _write_contents_field(blocks: _Blocks) -> None:
    """A Word table-of-contents field over the claim headings. Word fills it in when the
    reader updates fields (asking on open via settings.xml would need schema-ordered edits)."""
    blocks.paragraph("Contents", "Heading1")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), 'TOC \\o "2-2" \\h \\z')
    placeholder = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = (
        "Right-click and choose Update Field (or press F9) to list the claims with page numbers."
    )
    placeholder.append(text)
    field.append(placeholder)
    blocks.paragraph()._p.append(field)


def _write_claim(blocks: _Blocks, claim: ReportClaim) -> None:
    blocks.paragraph(claim_heading(claim), "Heading2")
    blocks.paragraph(claim.quote, "Quote")
    link = f" – {claim.letter_url}" if claim.letter_url else ""
    blocks.paragraph(letter_citation(claim) + link)
    _add_table(blocks, claim_facts(claim), header=False)
    blocks.paragraph("Rating", "Heading3")
    rating_run = blocks.paragraph().add_run(rating_text(claim))
    rating_run.bold = True
    if claim.rating is not None:
        rating_run.font.color.rgb = RGBColor.from_string(
            safe_colour(claim.rating.colour)[1:].upper()
        )
    blocks.paragraph("Rationale", "Heading3")
    _write_rationale(blocks, claim.rationale_markdown)
    blocks.paragraph(f"Evidence ({len(claim.evidence)})", "Heading3")
    _write_evidence(blocks, claim.evidence)
    blocks.paragraph(provenance_text(claim))


def _write_rationale(blocks: _Blocks, markdown_text: str) -> None:
    for block in markdown_blocks(markdown_text):
        paragraph = blocks.paragraph(style_id=BLOCK_STYLE_IDS.get(block.kind))
        for run in block.runs:
            text = f"{run.text} ({run.href})" if run.href and run.href != run.text else run.text
            styled = paragraph.add_run(text)
            styled.bold = run.bold or block.kind == "heading" or None
            styled.italic = run.italic or None
            if run.code:
                styled.font.name = "DejaVu Sans Mono"


def _write_evidence(blocks: _Blocks, evidence: tuple[ReportEvidence, ...]) -> None:
    if not evidence:
        blocks.paragraph("No evidence recorded.")
        return
    rows = [("#", "Source", "Stance / grade", "Details")]
    for number, item in enumerate(evidence, start=1):
        title, stance_line, detail_lines = evidence_lines(item)
        rows.append((str(number), title, stance_line, "\n".join(detail_lines)))
    _add_table(blocks, rows, header=True)


def _add_table(blocks: _Blocks, rows: list[tuple[str, ...]], *, header: bool) -> Table:
    table = blocks.table(len(rows), len(rows[0]))
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    if header:
        for cell in table.rows[0].cells:
            for run in cell.paragraphs[0].runs:
                run.bold = True
    return table
