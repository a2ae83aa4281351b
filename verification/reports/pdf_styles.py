"""Paragraph styles for the PDF report, and a helper that switches on glyph shaping."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from verification.reports.pdf_lines import PlainText
from verification.reports.pdf_text import (
    BODY_FONT,
    BOLD_FONT,
    MONO_FONT,
    has_cjk,
    markup,
    needs_shaping,
)

_BASE = ParagraphStyle("body", fontName=BODY_FONT, fontSize=9, leading=12, spaceAfter=2)
STYLES: dict[str, ParagraphStyle] = {
    "body": _BASE,
    "small": ParagraphStyle("small", _BASE, fontSize=8, leading=10, textColor=colors.HexColor("#57606a")),
    "label": ParagraphStyle("label", _BASE, fontName=BOLD_FONT),
    "mono": ParagraphStyle("mono", _BASE, fontName=MONO_FONT, fontSize=8),
    "title": ParagraphStyle("title", _BASE, fontName=BOLD_FONT, fontSize=22, leading=28, spaceAfter=12),
    "h1": ParagraphStyle("h1", _BASE, fontName=BOLD_FONT, fontSize=15, leading=19, spaceBefore=6, spaceAfter=6, keepWithNext=1),
    "h2": ParagraphStyle("h2", _BASE, fontName=BOLD_FONT, fontSize=12.5, leading=16, spaceBefore=4, spaceAfter=4, keepWithNext=1),
    "h3": ParagraphStyle("h3", _BASE, fontName=BOLD_FONT, fontSize=10, leading=13, spaceBefore=5, keepWithNext=1),
    "quote": ParagraphStyle(
        "quote", _BASE, fontName="DejaVuSans-Oblique", leftIndent=8, borderPadding=(3, 4, 3, 4),
        backColor=colors.HexColor("#f6f8fa"), spaceBefore=3, spaceAfter=6,
    ),
    "bullet": ParagraphStyle("bullet", _BASE, leftIndent=14, bulletIndent=3),
    "evidence": ParagraphStyle("evidence", _BASE, fontSize=8.5, leading=11, leftIndent=16, spaceAfter=0),
}  # fmt: skip
STYLES["evidence-title"] = ParagraphStyle(
    "evidence-title", STYLES["evidence"], fontName=BOLD_FONT, bulletFontName=BOLD_FONT
)
STYLES["evidence-mono"] = ParagraphStyle(
    "evidence-mono", STYLES["evidence"], fontName=MONO_FONT, fontSize=7
)
STYLES["evidence-last"] = ParagraphStyle("evidence-last", STYLES["evidence"], spaceAfter=5)
_SHAPED: dict[str, ParagraphStyle] = {
    name: ParagraphStyle(f"{name}-shaped", style, shaping=1) for name, style in STYLES.items()
}


def paragraph(text_markup: str, style_name: str, *, bullet: str | None = None) -> Paragraph:
    """A Paragraph in the named style; harfbuzz shaping only where a script needs it (slower)."""
    styles = _SHAPED if needs_shaping(text_markup) else STYLES
    return Paragraph(text_markup, styles[style_name], bulletText=bullet)


def text(
    plain: str, style_name: str, *, bullet: str | None = None, url: str | None = None
) -> Flowable:
    """Plain text in the named style, all of it a link to `url` if given (a checked http(s) or
    mailto URL): the fast PlainText unless a script needs shaping or the CJK fallback font,
    which only a Paragraph does."""
    if needs_shaping(plain) or has_cjk(plain):
        label = markup(plain)
        if url:
            label = f'<a href={quoteattr(url)} color="#0969da">{label}</a>'
        return paragraph(label, style_name, bullet=bullet)
    return PlainText(plain, STYLES[style_name], bullet, url=url)
