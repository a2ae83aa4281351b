"""Print-ready PDF with ReportLab: title page, summary, contents, then one section per claim.

Engine chosen by measurement (bench/reports_bench.py --weasyprint 50): WeasyPrint needs about
0.1 s of CPU per claim to lay out the HTML report, this ReportLab layout a fraction of that.

One streaming pass, so memory stays flat as the report grows: claims are turned into flowables
only as the layout needs them, finished pages are spooled to disk and the file is written object
by object (pdf_canvas.SpoolingCanvas).

The contents come at the front although page numbers are only known at the end: the writer
knows how many claims will come (ReportMeta.claim_count, or by spooling the claims to a
temporary file first), so it reserves the contents pages (a fixed number of rows each) after
the summary. Each reserved page draws a form XObject and carries its rows' link annotations;
the forms are filled in once the last claim is placed, from (page, heading) rows spooled to a
temporary file rather than kept in memory. The same goes for the rating summary when the
caller gives none.
"""

from __future__ import annotations

import pickle
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from verification.reports.formatting import format_date
from verification.reports.pdf_canvas import SpoolingCanvas
from verification.reports.pdf_claims import (
    FRAME_WIDTH,
    GRID,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    ClaimHeading,
    PlainClaimHeading,
    claim_flowables,
    claim_key,
    link,
)
from verification.reports.pdf_styles import paragraph
from verification.reports.pdf_text import BODY_FONT, font_runs, markup, register_fonts
from verification.reports.types import ReportClaim, ReportMeta

CONTENTS_RULES = TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#d0d7de"))])
NOT_RATED = "Not rated"
SUMMARY_FORM = "rating-summary"
CONTENTS_KEY = "contents"
CONTENTS_ROW_HEIGHT = 13.0
CONTENTS_HEADING_HEIGHT = 30.0
CONTENTS_FONT_SIZE = 8.5
CONTENTS_PAGE_COLUMN = 16 * mm
PRODUCER_NAME = "Claim verification workbench"


class Anchor(Flowable):
    """Zero-size flowable: a named destination on its page and, optionally, outline entries."""

    def __init__(self, key: str, outline: tuple[tuple[str, str], ...] = ()) -> None:
        super().__init__()
        self.key = key
        self.outline = outline  # (title, destination key), top level

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        for title, key in self.outline:
            self.canv.addOutlineEntry(title, key, level=0)


class DeferredForm(Flowable):
    """The rest of the frame, filled by a form XObject defined after the last claim is placed."""

    form_name = ""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, available_height
        return self.width, self.height

    def draw(self) -> None:
        self.canv.doForm(self.form_name)


class DeferredSummary(DeferredForm):
    form_name = SUMMARY_FORM

    def define(self, canvas: Canvas, rows: list[tuple[str, int]]) -> None:
        table = _summary_table(rows)
        width, height = table.wrapOn(canvas, self.width, self.height)
        scale = min(1.0, self.height / height, self.width / width)  # many ratings: shrink to fit
        canvas.beginForm(SUMMARY_FORM)
        canvas.translate(0, self.height - height * scale)
        canvas.scale(scale, scale)
        table.drawOn(canvas, 0, 0)
        canvas.endForm()


class ContentsPage(DeferredForm):
    """One reserved contents page: `rows` claims from claim number `first`, each row a link."""

    def __init__(self, index: int, first: int, rows: int) -> None:
        super().__init__()
        self.index, self.first, self.rows = index, first, rows
        self.form_name = f"contents-{index}"

    def top(self) -> float:
        return self.height - (CONTENTS_HEADING_HEIGHT if self.index == 0 else 0)

    def draw(self) -> None:
        """Draw the form and reserve one link annotation per row; the links are written with
        the file (ReportLab's LinkAnnotation and registry entries: ~700 bytes per claim)."""
        super().draw()
        canvas = self.canv
        left, _bottom, right, top = canvas._absRect((0, 0, self.width, self.top()), 1)
        destinations = canvas._destinations

        def link(row: int) -> bytes:
            high = top - row * CONTENTS_ROW_HEIGHT - 3
            rect = f"{left:.2f} {high - CONTENTS_ROW_HEIGHT:.2f} {right:.2f} {high:.2f}"
            body = f"<< /Type /Annot /Subtype /Link /Border [0 0 0] /Rect [{rect}]".encode()
            destination = destinations.get(claim_key(self.first + row))
            if destination is None:  # fewer claims came than the caller counted: an empty row
                return body + b" >>"
            return body + b" /Dest " + pdfdoc.format(destination, canvas._doc) + b" >>"

        canvas._annotationrefs.append(canvas.reserve(self.rows, link))

    def define(self, canvas: Canvas, rows: Iterator[tuple[int, str]]) -> None:
        canvas.beginForm(self.form_name)
        if self.index == 0:
            canvas.setFont("DejaVuSans-Bold", 15)
            canvas.drawString(0, self.height - 19, "Contents")
        canvas.setFillColor(colors.HexColor("#1f2328"))
        text_width = self.width - CONTENTS_PAGE_COLUMN
        for row, (page_index, heading) in enumerate(rows):
            y = self.top() - (row + 1) * CONTENTS_ROW_HEIGHT
            _draw_runs(canvas, 0, y, _fit(heading, text_width), CONTENTS_FONT_SIZE)
            canvas.setFont(BODY_FONT, CONTENTS_FONT_SIZE)
            canvas.drawRightString(self.width, y, str(page_index + 1))
            canvas.setStrokeColor(colors.HexColor("#d0d7de"))
            canvas.setLineWidth(0.25)
            canvas.line(0, y - 3, self.width, y - 3)
        canvas.endForm()


class ClaimDestination(pdfdoc.PDFObject):
    """A claim's bookmark: the whole page ("/Fit") by the page's name, in two slots. ReportLab's
    bookmarkPage() keeps a Destination, a PDFDestinationFit and a page reference per claim
    (about 600 bytes; 6 MiB at 10,000 claims, until the file is written)."""

    __slots__ = ("name", "page_name")

    def __init__(self, name: str, page_name: str) -> None:
        self.name = name
        self.page_name = page_name

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        page = pdfdoc.PDFObjectReference(self.page_name)
        return b"[" + pdfdoc.format(page, document) + b" /Fit]"


def bookmark_claim(canvas: Canvas, key: str) -> None:
    """Bookmark this page as the claim's destination (what the contents and outline link to)."""
    document = canvas._doc
    document.inPage()
    canvas._destinations[key] = ClaimDestination(key, document.thisPageName())


def _fit(text: str, width: float) -> str:
    """`text` cut with "…" to fit `width` at the contents font size."""
    if stringWidth(text, BODY_FONT, CONTENTS_FONT_SIZE) <= width:
        return text
    while text and stringWidth(text + "…", BODY_FONT, CONTENTS_FONT_SIZE) > width:
        text = text[:-1]
    return text + "…"


def _draw_runs(canvas: Canvas, x: float, y: float, text: str, size: float) -> None:
    """drawString with the CJK fallback font for the runs DejaVu has no glyphs for."""
    for piece, font in font_runs(text, BODY_FONT):
        canvas.setFont(font, size)
        canvas.drawString(x, y, piece)
        x += stringWidth(piece, font, size)


def contents_pages(claim_count: int, first_rows: int, rows_per_page: int) -> list[tuple[int, int]]:
    """(first claim number, rows) of each reserved contents page; one page when there are none."""
    pages = [(1, min(claim_count, first_rows))]
    number = first_rows + 1
    while number <= claim_count:
        pages.append((number, min(rows_per_page, claim_count - number + 1)))
        number += rows_per_page
    return pages


class ContentsSpool:
    """(body page index, heading) per claim, in a temporary file until the contents are drawn."""

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 - closed()
        self.count = 0

    def append(self, heading: str, page_index: int) -> None:
        self.file.write(f"{page_index}\t{heading.replace(chr(10), ' ')}\n")
        self.count += 1

    def rows(self) -> Iterator[tuple[int, str]]:
        self.file.seek(0)
        for line in self.file:
            page, heading = line.rstrip("\n").split("\t", 1)
            yield int(page), heading

    def close(self) -> None:
        self.file.close()


@dataclass
class BodyLayout:
    """What the layout learns for the contents, the summary and the running headers."""

    title: str
    # (heading, body page index) of claim number n + 1 is the n-th row; bookmark claim_key(n + 1)
    contents: ContentsSpool = field(default_factory=ContentsSpool)
    ratings: Counter[str] = field(default_factory=Counter)


class _ReportDocument(BaseDocTemplate):
    def __init__(self, out: BinaryIO, meta: ReportMeta, layout: BodyLayout) -> None:
        super().__init__(
            out, pagesize=A4, invariant=1, title=meta.title, author=meta.generated_by,
            subject=meta.scope, creator=PRODUCER_NAME, lang=meta.language,
        )  # fmt: skip
        self.meta = meta
        self.layout = layout
        self.deferred_summary: DeferredSummary | None = None
        self.contents_pages: list[ContentsPage] = []
        self.body_start: int | None = None  # document page number of body page 1
        # Running header: the first claim that starts on the page, else the one continuing.
        self.first_heading_on_page: str | None = None
        self.latest_heading = ""
        self.heading_at_page_start = ""
        front = Frame(MARGIN, MARGIN, FRAME_WIDTH, PAGE_HEIGHT - 2 * MARGIN, id="front")
        body = Frame(MARGIN, MARGIN, FRAME_WIDTH, PAGE_HEIGHT - 2 * MARGIN - 4 * mm, id="body")
        self.addPageTemplates(
            [
                PageTemplate("title", [front]),
                PageTemplate("front", [front], onPageEnd=self._end_front_page),
                PageTemplate("body", [body], onPage=self._start_page, onPageEnd=self._end_page),
                PageTemplate("contents", [front], onPageEnd=self._end_contents_page),
            ]
        )

    def handle_documentBegin(self) -> None:
        super().handle_documentBegin()
        self.canv.before_save = self._before_save
        # Reproducible bytes (invariant) but the report's real date, not ReportLab's 2000-01-01.
        self.canv._doc._timeStamp = pdf_timestamp(self.meta.generated_at)

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, ClaimHeading | PlainClaimHeading):
            heading = flowable.heading_text
            contents = self.layout.contents
            key = claim_key(contents.count + 1)
            contents.append(heading, self.page - self._body_start())
            bookmark_claim(self.canv, key)
            if contents.count == 1:  # an outline entry's key is its identity: a key of its own
                self.canv.bookmarkPage("claims")
                self.canv.addOutlineEntry("Claims", "claims", level=0)
            self.canv.addOutlineEntry(heading, key, level=1)
            self.first_heading_on_page = self.first_heading_on_page or heading
            self.latest_heading = heading

    def _body_start(self) -> int:
        if self.body_start is None:
            self.body_start = self.page
        return self.body_start

    def _start_page(self, canvas: Canvas, document: BaseDocTemplate) -> None:
        self._body_start()
        self.first_heading_on_page = None
        self.heading_at_page_start = self.latest_heading

    def _end_front_page(self, canvas: Canvas, document: BaseDocTemplate) -> None:
        draw_page_furniture(canvas, self.meta.title, "", f"Page {_roman(self.page)}")

    def _end_page(self, canvas: Canvas, document: BaseDocTemplate) -> None:
        heading = self.first_heading_on_page or self.heading_at_page_start
        draw_page_furniture(canvas, self.meta.title, heading, self._body_page_label())

    def _end_contents_page(self, canvas: Canvas, document: BaseDocTemplate) -> None:
        draw_page_furniture(canvas, self.meta.title, "Contents", f"Page {_roman(self.page)}")

    def _body_page_label(self) -> str:
        return f"Page {self.page - self._body_start() + 1}"

    def _before_save(self, canvas: Canvas) -> None:
        if self.deferred_summary is not None:
            self.deferred_summary.define(canvas, summary_rows(self.meta, self.layout))
        rows = self.layout.contents.rows()
        for page in self.contents_pages:
            page.define(canvas, _take(rows, page.rows))
        self.layout.contents.close()


def _take(rows: Iterator[tuple[int, str]], count: int) -> Iterator[tuple[int, str]]:
    for _ in range(count):
        row = next(rows, None)
        if row is None:
            return
        yield row


def pdf_timestamp(when: datetime) -> TimeStamp:
    """ReportLab's timestamp for the document information's CreationDate and ModDate."""
    stamp = TimeStamp(invariant=1)
    when = when.astimezone(UTC) if when.tzinfo else when
    stamp.t, stamp.YMDhms = when.timestamp(), tuple(when.timetuple())[:6]
    stamp.dhh = stamp.dmm = 0
    return stamp


def draw_page_furniture(canvas: Canvas, left: str, right: str, footer: str) -> None:
    canvas.saveState()
    canvas.setFont("DejaVuSans", 7.5)
    canvas.setFillColor(colors.HexColor("#57606a"))
    top = PAGE_HEIGHT - MARGIN + 3 * mm
    _draw_runs(canvas, MARGIN, top, _clip(left, 70), 7.5)
    canvas.setFont("DejaVuSans", 7.5)
    canvas.drawRightString(PAGE_WIDTH - MARGIN, top, _clip(right, 60))
    canvas.drawRightString(PAGE_WIDTH - MARGIN, MARGIN - 8 * mm, footer)
    canvas.restoreState()


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


_END: list[Flowable] = []  # the batches are exhausted


class StreamingStory(list[Flowable]):
    """A story that fetches the next claims' flowables only when the layout runs low.

    ReportLab's build loop calls len() before taking each flowable, so topping up there keeps
    a few claims in memory instead of the whole report.
    """

    LOW_WATER = 40

    def __init__(
        self, claims: Iterable[ReportClaim], layout: BodyLayout, lead: Iterable[Flowable] = ()
    ) -> None:
        super().__init__(lead)
        self.layout = layout
        self.batches: Iterator[list[Flowable]] = self._batches(claims)

    def _batches(self, claims: Iterable[ReportClaim]) -> Iterator[list[Flowable]]:
        for claim in claims:
            self.layout.ratings[claim.rating.label if claim.rating else NOT_RATED] += 1
            yield claim_flowables(claim)

    def __len__(self) -> int:
        size = super().__len__()
        while size < self.LOW_WATER:
            batch = next(self.batches, _END)
            if batch is _END:
                break
            self.extend(batch)
            size = super().__len__()
        return size


def _lead_flowables(
    meta: ReportMeta, document: _ReportDocument, claim_count: int
) -> list[Flowable]:
    story: list[Flowable] = [
        Spacer(1, 60 * mm),
        paragraph(markup(meta.title), "title"),
        paragraph(f"Scope: {markup(meta.scope)}", "body"),
        paragraph(
            f"Generated {markup(format_date(meta.generated_at))} by {markup(meta.generated_by)}",
            "body",
        ),
        paragraph(link(meta.organisation_url, markup(meta.organisation)), "body"),
        paragraph(f"Schema version {markup(meta.schema_version)}", "small"),
        NextPageTemplate("front"),
        PageBreak(),
        Anchor("summary", outline=(("Summary", "summary"), ("Contents", CONTENTS_KEY))),
        paragraph("Summary", "h1"),
    ]
    if meta.summary:
        story.append(_summary_table(list(meta.summary)))
    else:
        document.deferred_summary = DeferredSummary()
        story.append(document.deferred_summary)
    story += [NextPageTemplate("contents"), PageBreak(), Anchor(CONTENTS_KEY)]
    if claim_count == 0:
        story.append(paragraph("Contents", "h1"))
        story.append(paragraph("No claims in this report.", "body"))
    for index, (first, rows) in enumerate(contents_pages(claim_count, *_contents_capacity())):
        if index:
            story.append(PageBreak())
        page = ContentsPage(index, first, rows) if claim_count else None
        if page is not None:
            document.contents_pages.append(page)
            story.append(page)
    story += [NextPageTemplate("body"), PageBreak()]
    return story


def _contents_capacity() -> tuple[int, int]:
    """Rows on the first contents page (under its heading) and on each further page."""
    height = PAGE_HEIGHT - 2 * MARGIN - 12  # the frame's padding
    rows = int(height // CONTENTS_ROW_HEIGHT) - 1
    return rows - int(CONTENTS_HEADING_HEIGHT // CONTENTS_ROW_HEIGHT) - 1, rows


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


class PdfReportWriter:
    media_type = "application/pdf"
    extension = "pdf"

    def write(self, meta: ReportMeta, claims: Iterable[ReportClaim], out: BinaryIO) -> None:
        register_fonts()
        count, claims = _counted(meta, claims)
        layout = BodyLayout(title=meta.title)
        document = _ReportDocument(out, meta, layout)
        story = StreamingStory(claims, layout, lead=_lead_flowables(meta, document, count))
        try:
            document.build(story, canvasmaker=SpoolingCanvas)
        finally:
            layout.contents.close()


def _counted(meta: ReportMeta, claims: Iterable[ReportClaim]) -> tuple[int, Iterable[ReportClaim]]:
    """How many claims will come, to reserve the contents pages: the caller's count, or else
    the claims are spooled to a temporary file and read back (memory stays flat)."""
    if meta.claim_count is not None:
        return meta.claim_count, claims
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed by _replay
    count = 0
    for claim in claims:
        pickle.dump(claim, spool, protocol=pickle.HIGHEST_PROTOCOL)
        count += 1
    return count, _replay(spool, count)


def _replay(spool: BinaryIO, count: int) -> Iterator[ReportClaim]:
    with spool:
        spool.seek(0)
        for _ in range(count):
            yield pickle.load(spool)
