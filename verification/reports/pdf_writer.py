"""Print-ready PDF with ReportLab: title page, summary, one section per claim, then contents.

Engine chosen by measurement (bench/reports_bench.py --weasyprint 50): WeasyPrint needs about
0.1 s of CPU per claim to lay out the HTML report (1,000 claims: ~110 s, over the 60 s budget),
this ReportLab layout about 0.017 s (~17 s).

One streaming pass, so memory stays flat as the report grows: claims are turned into flowables
only as the layout needs them, finished pages are spooled to disk and the file is written object
by object (pdf_canvas.SpoolingCanvas). The contents table, which needs every claim's page
number, comes at the end; each row links to its claim and every claim has a bookmark. When the
caller gives no rating summary, page ii holds a form XObject that is drawn once the last claim
has been counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
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
    claim_flowables,
    claim_key,
    link,
)
from verification.reports.pdf_styles import paragraph
from verification.reports.pdf_text import markup, register_fonts
from verification.reports.types import ReportClaim, ReportMeta

CONTENTS_RULES = TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#d0d7de"))])


NOT_RATED = "Not rated"


SUMMARY_FORM = "rating-summary"


CONTENTS_KEY = "contents"


CONTENTS_ROWS_PER_TABLE = 20


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


class DeferredSummary(Flowable):
    """The rest of the page, filled by a form XObject drawn after the last claim is counted."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, available_height
        return self.width, self.height

    def draw(self) -> None:
        self.canv.doForm(SUMMARY_FORM)

    def define(self, canvas: Canvas, rows: list[tuple[str, int]]) -> None:
        table = _summary_table(rows)
        width, height = table.wrapOn(canvas, self.width, self.height)
        scale = min(1.0, self.height / height, self.width / width)  # many ratings: shrink to fit
        canvas.beginForm(SUMMARY_FORM)
        canvas.translate(0, self.height - height * scale)
        canvas.scale(scale, scale)
        table.drawOn(canvas, 0, 0)
        canvas.endForm()


@dataclass
class BodyLayout:
    """What the layout learns for the contents, the summary and the running headers."""

    title: str
    # (heading, body page index); entry i is claim number i + 1, bookmark claim_key(i + 1)
    contents: list[tuple[str, int]] = field(default_factory=list)
    ratings: Counter[str] = field(default_factory=Counter)


class _ReportDocument(BaseDocTemplate):
    def __init__(self, out: BinaryIO, meta: ReportMeta, layout: BodyLayout) -> None:
        super().__init__(out, pagesize=A4, invariant=1, title=meta.title)
        self.meta = meta
        self.layout = layout
        self.deferred_summary: DeferredSummary | None = None
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
                PageTemplate("contents", [body], onPageEnd=self._end_contents_page),
            ]
        )

    def handle_documentBegin(self) -> None:
        super().handle_documentBegin()
        self.canv.before_save = self._before_save

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, ClaimHeading):
            heading = flowable.heading_text
            contents = self.layout.contents
            key = claim_key(len(contents) + 1)
            contents.append((heading, self.page - self._body_start()))
            self.canv.bookmarkPage(key)
            if len(contents) == 1:  # an outline entry's key is its identity: a key of its own
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
        draw_page_furniture(canvas, self.meta.title, "Contents", self._body_page_label())

    def _body_page_label(self) -> str:
        return f"Page {self.page - self._body_start() + 1}"

    def _before_save(self, canvas: Canvas) -> None:
        if self.deferred_summary is not None:
            self.deferred_summary.define(canvas, summary_rows(self.meta, self.layout))


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


_END: list[Flowable] = []  # the batches are exhausted


class StreamingStory(list[Flowable]):
    """A story that fetches the next claims' flowables only when the layout runs low.

    ReportLab's build loop calls len() before taking each flowable, so topping up there keeps
    a few claims in memory instead of the whole report. After the last claim the story waits
    until the layout has placed everything (every page number is known), then continues with
    `tail()`, the contents.
    """

    LOW_WATER = 40

    def __init__(
        self,
        claims: Iterable[ReportClaim],
        layout: BodyLayout,
        lead: Iterable[Flowable] = (),
        tail: Callable[[], Iterable[list[Flowable]]] | None = None,
    ) -> None:
        super().__init__(lead)
        self.layout = layout
        self.batches: Iterator[list[Flowable] | None] = self._batches(claims, tail)
        self.waiting = False

    def _batches(
        self, claims: Iterable[ReportClaim], tail: Callable[[], Iterable[list[Flowable]]] | None
    ) -> Iterator[list[Flowable] | None]:
        for claim in claims:
            self.layout.ratings[claim.rating.label if claim.rating else NOT_RATED] += 1
            yield claim_flowables(claim)
        if tail is not None:
            yield None  # wait until the layout has caught up
            yield from tail()

    def __len__(self) -> int:
        while True:
            size = super().__len__()
            if self.waiting and size:
                return size
            self.waiting = False
            if size >= self.LOW_WATER:
                return size
            batch = next(self.batches, _END)
            if batch is _END:
                return size
            if batch is None:
                self.waiting = True
            else:
                self.extend(batch)


def _lead_flowables(meta: ReportMeta, document: _ReportDocument) -> list[Flowable]:
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
    story += [NextPageTemplate("body"), PageBreak()]
    return story


def _contents_batches(layout: BodyLayout) -> Iterator[list[Flowable]]:
    yield [
        NextPageTemplate("contents"),
        PageBreak(),
        Anchor(CONTENTS_KEY),
        paragraph("Contents", "h1"),
    ]
    contents = layout.contents
    if not contents:
        yield [paragraph("No claims in this report.", "body")]
    for start in range(0, len(contents), CONTENTS_ROWS_PER_TABLE):
        rows = contents[start : start + CONTENTS_ROWS_PER_TABLE]
        yield [_contents_table(rows, first_number=start + 1)]


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


def _contents_table(rows: list[tuple[str, int]], first_number: int) -> Table:
    data = [
        [
            paragraph(f'<a href="#{claim_key(number)}">{markup(heading)}</a>', "small"),
            paragraph(str(page_index + 1), "small"),
        ]
        for number, (heading, page_index) in enumerate(rows, start=first_number)
    ]
    return Table(data, colWidths=[FRAME_WIDTH - 20 * mm, 20 * mm], style=CONTENTS_RULES)


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
        layout = BodyLayout(title=meta.title)
        document = _ReportDocument(out, meta, layout)
        story = StreamingStory(
            claims,
            layout,
            lead=_lead_flowables(meta, document),
            tail=lambda: _contents_batches(layout),
        )
        document.build(story, canvasmaker=SpoolingCanvas)
