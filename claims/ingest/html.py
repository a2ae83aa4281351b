"""HTML: keep the words and the paragraph structure, never the markup or scripts."""

from __future__ import annotations

import re

import lxml.etree
import lxml.html
from bs4 import BeautifulSoup, Comment, Tag

from claims.ingest.errors import IngestError

_DROPPED_TAGS = ("script", "style", "noscript", "template", "head", "iframe", "object", "svg")
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "caption",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
    ]
)
_CELL_TAGS = frozenset({"td", "th"})
# Markers that whitespace collapsing leaves alone, turned into newlines at the end.
_PARAGRAPH_BREAK = "\u2029"
_LINE_BREAK = "\u2028"
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0]+")


def read_html(data: bytes, *, max_depth: int = 256) -> tuple[str, str | None]:
    """Return (text with paragraphs separated by blank lines, detected encoding).

    Nesting is measured first with lxml alone (linear, in C): BeautifulSoup's tree walks grow
    faster than linearly with depth (88 KB nested a few thousand levels took 13.6 s)."""
    _check_depth(data, max_depth)
    soup = BeautifulSoup(data, "lxml")
    for tag in soup.find_all(_DROPPED_TAGS):
        tag.decompose()
    for comment in soup.find_all(string=lambda node: isinstance(node, Comment)):
        comment.extract()
    _mark_blocks(soup)
    text = soup.get_text()
    paragraphs = (_normalise_paragraph(part) for part in text.split(_PARAGRAPH_BREAK))
    return "\n\n".join(p for p in paragraphs if p), soup.original_encoding


def _check_depth(data: bytes, max_depth: int) -> None:
    try:
        root = lxml.html.document_fromstring(data, parser=_DEPTH_PARSER)
    except (lxml.etree.ParserError, ValueError):
        return  # nothing parseable; BeautifulSoup will find no text
    depth = deepest = 0
    for event, _element in lxml.etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
        if deepest > max_depth:
            raise IngestError(
                "too_complex",
                f"This HTML file nests elements more than {max_depth:,} levels deep; "
                f"the limit is {max_depth:,}.",
            )


_DEPTH_PARSER = lxml.html.HTMLParser(huge_tree=True, recover=True)


def _normalise_paragraph(part: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in part.split(_LINE_BREAK))
    return "\n".join(line for line in lines if line)


def _mark_blocks(soup: BeautifulSoup) -> None:
    for tag in soup.find_all(True):
        if not isinstance(tag, Tag):
            continue
        if tag.name == "br":
            tag.replace_with(_LINE_BREAK)
        elif tag.name in _CELL_TAGS:
            tag.insert_after(" ")
        elif tag.name in _BLOCK_TAGS:
            tag.insert_before(_PARAGRAPH_BREAK)
            tag.insert_after(_PARAGRAPH_BREAK)
