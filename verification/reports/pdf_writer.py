"""Print-ready PDF with ReportLab: title page, summary, contents, then one section per claim.

Engine chosen by measurement (bench/reports_bench.py --weasyprint 50): WeasyPrint needs about
0.1 s of CPU per claim to lay out the HTML report (1,000 claims: ~110 s, over the 60 s budget),
this ReportLab layout about 0.017 s (~17 s). The body is built in one streaming pass (claims are turned into flowables only as
the layout needs them); the front matter, which needs the page numbers and rating counts, is
built afterwards with roman page numbers and put in front with pypdf.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO
from xml.sax.saxutils import quoteattr

from pypdf import PdfReader, PdfWriter
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from verification.reports.content import (
    claim_facts,
    claim_heading,
    evidence_lines,
    letter_citation,
    provenance_text,
)
from verification.reports.formatting import format_date, rating_text, safe_colour, safe_url
from verification.reports.markup import Block, markdown_blocks
from verification.reports.pdf_styles import STYLES, paragraph
from verification.reports.pdf_text import markup, register_fonts
from verification.reports.types import ReportClaim, ReportEvidence, ReportMeta

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
NOT_RATED = "Not rated"


class ClaimHeading(Paragraph):
    """A claim's heading; the document records on which page each one lands."""

    def __init__(self, claim: ReportClaim) -> None:
        self.heading_text = claim_heading(claim)
        super().__init__(markup(self.heading_text), STYLES["h2"])


@dataclass
class BodyLayout:
    """What the body pass learns for the front matter and the running headers."""

    title: str
    contents: list[tuple[str, int]] = field(default_factory=list)  # (heading, page index)
    ratings: Counter[str] = field(default_factory=Counter)


class _BodyDocument(BaseDocTemplate):
    def __init__(self, out: BinaryIO, layout: BodyLayout) -> None:
        super().__init__(out, pagesize=A4, invariant=1, title=layout.title)
        self.layout = layout
        # Running header: the first claim that starts on the page, else the one continuing.
        self.first_heading_on_page: str | None = None
        self.latest_heading = ""
        self.heading_at_page_start = ""
        frame = Frame(MARGIN, MARGIN, FRAME_WIDTH, PAGE_HEIGHT - 2 * MARGIN - 4 * mm, id="body")
        self.addPageTemplates(
            PageTemplate("body", [frame], onPage=self._start_page, onPageEnd=self._end_page)
        )

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, ClaimHeading):
            heading = flowable.heading_text
            self.layout.contents.append((heading, self.page - 1))
            self.first_heading_on_page = self.first_heading_on_page or heading
            self.latest_heading = heading

    def _start_page(self, canvas: Canvas, document: BaseDocTemplate) -> None:
        self.first_heading_on_page = None
        self.heading_at_page_start = self.latest_heading

    def _end_page(self, canvas: Canvas, document: BaseDocTemplate) -> None:
        heading = self.first_heading_on_page or self.heading_at_page_start
        draw_page_furniture(canvas, self.layout.title, heading, f"Page {document.page}")


def draw_page_furniture(canvas: Canvas, left: str, right: str, footer: str) -> None:
    canvas.saveState()
    canvas.setFont("DejaVuSans", 7.5)
    canvas.setFillColor(colors.HexColor("#57606a"))
    top = PAGE_HEIGHT - MARGIN + 3 * mm
    canvas.drawString(MARGIN, top, _clip(left, 70))
    canvas.drawRightString(PAGE_WIDTH - MARGIN, top, _clip(right, 60))
    canvas.drawRightString(PAGE_WIDTH - MARGIN, MARGIN - 8 * mm, footer)
    canvas.restoreState()


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class StreamingStory(list[Flowable]):
    """A story that fetches the next claims' flowables only when the layout runs low.

    ReportLab's build loop calls len() before taking each flowable, so topping up there keeps
    a few claims in memory instead of the whole report.
    """

    LOW_WATER = 40

    def __init__(self, claims: Iterable[ReportClaim], layout: BodyLayout) -> None:
        super().__init__()
        self.claims: Iterator[ReportClaim] = iter(claims)
        self.layout = layout

    def __len__(self) -> int:
        while super().__len__() < self.LOW_WATER:
            claim = next(self.claims, None)
            if claim is None:
                break
            self.layout.ratings[claim.rating.label if claim.rating else NOT_RATED] += 1
            self.extend(claim_flowables(claim))
        return super().__len__()


def claim_flowables(claim: ReportClaim) -> list[Flowable]:
    flowables: list[Flowable] = [
        ClaimHeading(claim),
        paragraph(markup(claim.quote), "quote"),
        paragraph(_link(claim.letter_url, markup(letter_citation(claim))), "small"),
        _facts_table(claim),
        paragraph("Rating", "h3"),
        _rating_badge(claim),
        paragraph("Rationale", "h3"),
        *(_block_paragraph(block) for block in markdown_blocks(claim.rationale_markdown)),
        paragraph(f"Evidence ({len(claim.evidence)})", "h3"),
    ]
    for number, item in enumerate(claim.evidence, start=1):
        flowables += _evidence_paragraphs(number, item)
    if not claim.evidence:
        flowables.append(paragraph("No evidence recorded.", "body"))
    flowables += [paragraph(markup(provenance_text(claim)), "small"), Spacer(1, 8 * mm)]
    return flowables


def _link(url: str | None, label_markup: str) -> str:
    href = safe_url(url)
    if href is None:
        return label_markup
    return f'<a href={quoteattr(href)} color="#0969da">{label_markup}</a>'


def _facts_table(claim: ReportClaim) -> Table:
    rows = [
        [paragraph(label, "label"), paragraph(markup(value), "body")]
        for label, value in claim_facts(claim)
    ]
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
    return _link(href, result) if href else result


def _evidence_paragraphs(number: int, item: ReportEvidence) -> list[Paragraph]:
    # One plain paragraph per line rather than one with <br/> and inline fonts: ReportLab
    # wraps single-style paragraphs on a fast path (about 30% less CPU for the whole report).
    title, stance, details = evidence_lines(item)
    lines = [paragraph(markup(title), "evidence-title", bullet=f"{number}.")]
    lines.append(paragraph(markup(stance), "evidence-title"))
    for line in details:
        if line.startswith("Link: ") and item.url:
            lines.append(paragraph(f"Link: {_link(item.url, markup(item.url))}", "evidence-mono"))
        else:
            style = "evidence-mono" if line.startswith("SHA-256") else "evidence"
            lines.append(paragraph(markup(line), style))
    lines[-1] = paragraph(markup(details[-1]), "evidence-last")
    return lines


def build_body(meta: ReportMeta, claims: Iterable[ReportClaim]) -> tuple[bytes, BodyLayout]:
    layout = BodyLayout(title=meta.title)
    buffer = io.BytesIO()
    story = StreamingStory(claims, layout)
    _BodyDocument(buffer, layout).build(story)
    return buffer.getvalue(), layout


def build_front_matter(meta: ReportMeta, layout: BodyLayout) -> bytes:
    buffer = io.BytesIO()
    document = BaseDocTemplate(buffer, pagesize=A4, invariant=1, title=meta.title)
    frame = Frame(MARGIN, MARGIN, FRAME_WIDTH, PAGE_HEIGHT - 2 * MARGIN, id="front")

    def footer(canvas: Canvas, doc: BaseDocTemplate) -> None:
        if doc.page > 1:
            draw_page_furniture(canvas, meta.title, "", f"Page {_roman(doc.page)}")

    document.addPageTemplates(PageTemplate("front", [frame], onPageEnd=footer))
    document.build(_front_story(meta, layout))
    return buffer.getvalue()


def _front_story(meta: ReportMeta, layout: BodyLayout) -> list[Flowable]:
    story: list[Flowable] = [
        Spacer(1, 60 * mm),
        paragraph(markup(meta.title), "title"),
        paragraph(f"Scope: {markup(meta.scope)}", "body"),
        paragraph(
            f"Generated {markup(format_date(meta.generated_at))} by {markup(meta.generated_by)}",
            "body",
        ),
        paragraph(_link(meta.organisation_url, markup(meta.organisation)), "body"),
        paragraph(f"Schema version {markup(meta.schema_version)}", "small"),
        PageBreak(),
        paragraph("Summary", "h1"),
        _summary_table(summary_rows(meta, layout)),
    ]
    if layout.contents:
        story += [paragraph("Contents", "h1"), _contents_table(layout.contents)]
    return story


def summary_rows(meta: ReportMeta, layout: BodyLayout) -> list[tuple[str, int]]:
    """The caller's summary when given, otherwise the counts seen while writing the body."""
    if meta.summary:
        return list(meta.summary)
    return sorted(
        layout.ratings.items(), key=lambda item: (item[0] == NOT_RATED, -item[1], item[0])
    )


def _summary_table(rows: list[tuple[str, int]]) -> Table:
    total = sum(count for _, count in rows)
    cells = [["Rating", "Claims"], *([markup(label), str(count)] for label, count in rows)]
    cells.append(["Total", str(total)])
    data = [[paragraph(label, "body"), paragraph(count, "body")] for label, count in cells]
    return Table(data, colWidths=[100 * mm, 30 * mm], style=GRID, hAlign="LEFT", repeatRows=1)


def _contents_table(contents: list[tuple[str, int]]) -> Table:
    data = [
        [paragraph(markup(heading), "small"), paragraph(str(page_index + 1), "small")]
        for heading, page_index in contents
    ]
    return Table(
        data,
        colWidths=[FRAME_WIDTH - 20 * mm, 20 * mm],
        style=TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#d0d7de"))]),
    )


def _roman(number: int) -> str:
    numerals = (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    )  # fmt: skip
    result = ""
    for value, numeral in numerals:
        count, number = divmod(number, value)
        result += numeral * count
    return result


def assemble(front: bytes, body: bytes, layout: BodyLayout, out: BinaryIO) -> None:
    """Front matter then body in one file, with a bookmark for every claim."""
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(front)), import_outline=False)
    front_pages = len(writer.pages)
    writer.append(PdfReader(io.BytesIO(body)), import_outline=False)
    writer.add_outline_item(title="Summary", page_number=1)
    claims_outline = writer.add_outline_item(title="Claims", page_number=front_pages)
    for heading, page_index in layout.contents:
        writer.add_outline_item(
            title=heading, page_number=front_pages + page_index, parent=claims_outline
        )
    writer.add_metadata({"/Title": layout.title})
    writer.write(out)


class PdfReportWriter:
    media_type = "application/pdf"
    extension = "pdf"

    def write(self, meta: ReportMeta, claims: Iterable[ReportClaim], out: BinaryIO) -> None:
        register_fonts()
        body, layout = build_body(meta, claims)
        front = build_front_matter(meta, layout)
        assemble(front, body, layout, out)
