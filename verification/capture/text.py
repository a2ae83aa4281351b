"""Plain text from a captured document, for reading and for matching claims."""

import re
import unicodedata

import charset_normalizer
import pypdfium2
from bs4 import BeautifulSoup, NavigableString, Tag

_INVISIBLE_TAGS = ["head", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas"]  # fmt: skip
_BLOCK_TAGS = ["address", "article", "aside", "blockquote", "caption", "dd", "div", "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"]  # fmt: skip
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HTML_WHITESPACE = re.compile(r"[ \t\r\n\f]+")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def readable_text(data: bytes, media_type: str, *, charset: str | None = None) -> str:
    """The text a reader would see in ``data``: one line per block, blank lines dropped.

    ``media_type`` may carry parameters ("text/plain; charset=koi8-r"); an explicit
    ``charset`` wins over them. Raises ValueError for other media types and for PDFs
    that cannot be opened.
    """
    essence, _, parameters = media_type.partition(";")
    essence = essence.strip().lower()
    charset = charset or _charset_parameter(parameters)
    if essence in _HTML_TYPES:
        return _html_text(data, charset)
    if essence == "application/pdf":
        return _pdf_text(data)
    if essence == "text/plain":
        return _tidy_lines(_decode_plain_text(data, charset))
    raise ValueError(f"no readable text for media type {essence!r}")


def _charset_parameter(parameters: str) -> str | None:
    match = re.search(r"""charset\s*=\s*["']?([^"';\s]+)""", parameters, re.IGNORECASE)
    return match.group(1) if match else None


def _html_text(data: bytes, charset: str | None) -> str:
    soup = BeautifulSoup(data, "lxml", from_encoding=charset)
    for element in [*soup.find_all(_INVISIBLE_TAGS), *soup.find_all(_is_hidden)]:
        if not element.decomposed:
            element.decompose()
    # Source line breaks inside a paragraph are spaces; only blocks start new lines.
    for node in soup.find_all(string=True):
        if type(node) is NavigableString and node.find_parent("pre") is None:
            node.replace_with(_HTML_WHITESPACE.sub(" ", node))
    for element in soup.find_all(_BLOCK_TAGS):
        element.insert_before("\n")
        element.insert_after("\n")
    for line_break in soup.find_all("br"):
        line_break.replace_with("\n")
    return _tidy_lines(soup.get_text())


def _is_hidden(tag: Tag) -> bool:
    return tag.has_attr("hidden") or bool(_HIDDEN_STYLE.search(str(tag.get("style") or "")))


def _pdf_text(data: bytes) -> str:
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        raise ValueError(f"unreadable PDF: {error}") from error
    try:
        pages = [_pdf_page_text(document[index]) for index in range(len(document))]
    finally:
        document.close()
    return "\n\n".join(page for page in pages if page)


def _pdf_page_text(page: pypdfium2.PdfPage) -> str:
    try:
        text_page = page.get_textpage()
        try:
            return _tidy_lines(text_page.get_text_bounded())
        finally:
            text_page.close()
    finally:
        page.close()


def _decode_plain_text(data: bytes, charset: str | None) -> str:
    if charset:
        try:
            return data.decode(charset, errors="replace")
        except LookupError:
            pass  # an unknown charset name: guess as if none had been given
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        best = charset_normalizer.from_bytes(data).best()
        return str(best) if best else data.decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(data).best()
        return str(best) if best else data.decode("cp1252", errors="replace")


def _tidy_lines(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
