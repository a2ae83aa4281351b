"""Plain single-style text for the PDF report, wrapped by word widths and drawn line by line.

A ReportLab Paragraph parses its markup with an HTML parser, builds fragments and wraps them
through a general algorithm; for a line of plain text in one font that is most of the cost of
the report (measured: about 60% of the CPU of a claim). `PlainText` keeps the same style
(font, size, leading, indents, spacing, keep-with-next, background) and does the plain case
directly. Text that needs glyph shaping (Arabic, Hebrew), a fallback font (CJK), links or
inline formatting still goes through a Paragraph (pdf_styles.text).
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

LINK_COLOUR = colors.HexColor("#0969da")


def wrap_words(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy line breaking at spaces and newlines; a word wider than the line is cut."""
    lines: list[str] = []
    for source_line in text.split("\n"):
        if stringWidth(source_line, font, size) <= width:
            lines.append(source_line)
            continue
        space = stringWidth(" ", font, size)
        current, current_width = "", 0.0
        for word in source_line.split(" "):
            word_width = stringWidth(word, font, size)
            if current and current_width + space + word_width <= width:
                current, current_width = f"{current} {word}", current_width + space + word_width
                continue
            if current:
                lines.append(current)
            while word_width > width:  # a long URL or hash: cut where it fills the line
                cut = _longest_prefix(word, font, size, width)
                lines.append(word[:cut])
                word = word[cut:]
                word_width = stringWidth(word, font, size)
            current, current_width = word, word_width
        lines.append(current)
    return lines


def _longest_prefix(word: str, font: str, size: float, width: float) -> int:
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(word[:middle], font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return low


class PlainText(Flowable):  # type: ignore[misc]  # ReportLab ships no types
    """A paragraph of plain text in one style (no markup: `<` and `&` print as themselves)."""

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        bullet: str | None = None,
        lines: list[str] | None = None,
        url: str | None = None,
    ) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self.bullet = bullet
        self.lines = lines
        self.url = url  # the whole text links there (the caller checked the scheme)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        style = self.style
        if self.lines is None or getattr(self, "_wrapped_width", None) != available_width:
            text_width = available_width - style.leftIndent - style.rightIndent
            self.lines = wrap_words(self.text, style.fontName, style.fontSize, text_width)
            self._wrapped_width = available_width
        self.width = available_width
        self.height = len(self.lines) * style.leading
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, available_height)
        lines = self.lines or []
        fits = int(available_height // self.style.leading)
        if fits <= 0 or fits >= len(lines):
            return [] if fits <= 0 else [self]
        first = PlainText(self.text, self.style, self.bullet, lines[:fits], self.url)
        rest = PlainText(self.text, self.style, None, lines[fits:], self.url)
        first._wrapped_width = rest._wrapped_width = available_width
        return [first, rest]

    def draw(self) -> None:
        style, canvas = self.style, self.canv
        if style.backColor:
            canvas.saveState()
            canvas.setFillColor(style.backColor)
            canvas.rect(style.leftIndent, 0, self.width - style.leftIndent, self.height, 0, 1)
            canvas.restoreState()
        text = canvas.beginText()
        text.setFont(style.fontName, style.fontSize, style.leading)
        text.setFillColor(LINK_COLOUR if self.url else style.textColor)
        text.setTextOrigin(style.leftIndent, self.height - style.fontSize)
        for line in self.lines or ():
            text.textLine(line)
        canvas.drawText(text)
        if self.url:
            self._link_lines()
        if self.bullet:
            canvas.setFont(style.bulletFontName, style.bulletFontSize)
            canvas.setFillColor(style.textColor)
            canvas.drawString(style.bulletIndent, self.height - style.fontSize, self.bullet)

    def _link_lines(self) -> None:
        style = self.style
        top = self.height
        for line in self.lines or ():
            width = stringWidth(line, style.fontName, style.fontSize)
            rect = (style.leftIndent, top - style.leading, style.leftIndent + width, top)
            self.canv.linkURL(self.url, rect, relative=1, thickness=0)
            top -= style.leading
