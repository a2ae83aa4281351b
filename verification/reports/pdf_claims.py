"""The PDF report's flowables for one claim: heading, facts table, rating badge, rationale and
evidence (pdf_writer.py lays them out and streams the document). Plain text goes through
pdf_lines.PlainText (pdf_styles.text); Paragraph only where shaping, the CJK font, links in
running text or inline formatting need it.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from verification.reports.content import (
    claim_facts,
    claim_heading,
    evidence_lines,
    letter_citation,
    provenance_text,
)
from verification.reports.formatting import rating_text, safe_colour, safe_url
from verification.reports.markup import Block, markdown_blocks
from verification.reports.pdf_lines import PlainText
from verification.reports.pdf_styles import STYLES, paragraph, text
from verification.reports.pdf_text import markup
from verification.reports.types import ReportClaim, ReportEvidence

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#d0d7de")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f6f8fa")),
    ]
)


def claim_key(number: int) -> str:
    """Bookmark name of the `number`-th claim (1-based) in the report."""
    return f"claim-{number}"


class ClaimHeading(Paragraph):
    """A claim's heading; the document records on which page each one lands."""

    def __init__(self, claim: ReportClaim) -> None:
        self.heading_text = claim_heading(claim)
        super().__init__(markup(self.heading_text), STYLES["h2"])


class PlainClaimHeading(PlainText):
    """The same, for a heading in plain text (the usual case: cheaper to lay out)."""

    def __init__(self, heading: str) -> None:
        self.heading_text = heading
        super().__init__(heading, STYLES["h2"])


def claim_heading_flowable(claim: ReportClaim) -> Flowable:
    heading = text(claim_heading(claim), "h2")
    if isinstance(heading, PlainText):
        return PlainClaimHeading(claim_heading(claim))
    return ClaimHeading(claim)


def claim_flowables(claim: ReportClaim) -> list[Flowable]:
    flowables: list[Flowable] = [
        claim_heading_flowable(claim),
        text(claim.quote, "quote"),
        text(letter_citation(claim), "small", url=safe_url(claim.letter_url)),
        _facts_table(claim),
        text("Rating", "h3"),
        _rating_badge(claim),
        text("Rationale", "h3"),
        *(_block_paragraph(block) for block in markdown_blocks(claim.rationale_markdown)),
        text(f"Evidence ({len(claim.evidence)})", "h3"),
    ]
    for number, item in enumerate(claim.evidence, start=1):
        flowables += _evidence_paragraphs(number, item)
    if not claim.evidence:
        flowables.append(text("No evidence recorded.", "body"))
    flowables.append(text(provenance_text(claim), "small"))
    if safe_url(claim.url):
        flowables.append(text(f"Workbench page: {claim.url}", "small", url=claim.url))
    flowables.append(Spacer(1, 8 * mm))
    return flowables


def link(url: str | None, label_markup: str) -> str:
    href = safe_url(url)
    if href is None:
        return label_markup
    return f'<a href={quoteattr(href)} color="#0969da">{label_markup}</a>'


def _facts_table(claim: ReportClaim) -> Table:
    rows = [[text(label, "label"), text(value, "body")] for label, value in claim_facts(claim)]
    return Table(rows, colWidths=[40 * mm, FRAME_WIDTH - 40 * mm], style=GRID)


def _rating_badge(claim: ReportClaim) -> Paragraph:
    colour = safe_colour(claim.rating.colour if claim.rating else None)
    label = markup(rating_text(claim))
    return paragraph(f'<font backColor="{colour}" color="#ffffff"> <b>{label}</b> </font>', "body")


def _block_paragraph(block: Block) -> Paragraph:
    text = "".join(
        _run_markup(run.text, run.bold, run.italic, run.code, run.href) for run in block.runs
    )
    if block.kind == "bullet":
        return paragraph(text, "bullet", bullet="•")
    if block.kind == "number":
        return paragraph(text, "bullet", bullet=f"{block.number}.")
    return paragraph(
        text, {"quote": "quote", "heading": "label", "code": "mono"}.get(block.kind, "body")
    )


def _run_markup(text: str, bold: bool, italic: bool, code: bool, href: str | None) -> str:
    result = markup(text)
    if code:
        result = f'<font face="DejaVuSansMono">{result}</font>'
    if bold:
        result = f"<b>{result}</b>"
    if italic:
        result = f"<i>{result}</i>"
    return link(href, result) if href else result


def _evidence_paragraphs(number: int, item: ReportEvidence) -> list[Flowable]:
    # One flowable per line, plain text where it can be (see pdf_lines).
    title, stance, details = evidence_lines(item)
    lines = [text(title, "evidence-title", bullet=f"{number}."), text(stance, "evidence-title")]
    for line in details[:-1]:
        if line.startswith("Link: ") and safe_url(item.url):
            lines.append(text(line, "evidence-mono", url=safe_url(item.url)))
        else:
            lines.append(text(line, "evidence-mono" if line.startswith("SHA-256") else "evidence"))
    lines.append(text(details[-1], "evidence-last"))
    return lines
