"""Recognise UN page furniture: what the printer adds to every page, not what the author wrote.

Furniture is judged line by line: a line is furniture when every token on it is a furniture
token (the document's own symbols, job numbers like "25-00430 (E)", date codes like "160125",
barcodes like "*2500430*", page numbers like "2/3"), or when it is one of a few fixed phrases.
On the first page, the masthead and distribution block above the title are furniture too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.ingest import lang

# Invisible direction marks that Arabic-origin documents wrap around header fields.
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# "S/2025/27", "A/ES-10/1027", "S/14938", "S/2025/71/Rev.1": what follows "A/" or "S/".
SYMBOL_BODY = r"(?:[A-Z][A-Za-z0-9.]*(?:-\d+)?/)*\d+(?:/\d+)*(?:/(?:Rev|Add|Corr|Amend)\.\d+)*"
SYMBOL = re.compile(r"\b[AS]/" + SYMBOL_BODY)
JOB_NUMBER = re.compile(r"\d{2}-\d{5}\*?")  # "*" marks a reissue
JOB_NUMBER_ANYWHERE = re.compile(r"(?<![\w-])\d{2}-\d{5}(?![\w-])")
BARCODE = re.compile(r"\*\d{7,8}\*")
PAGE_NUMBER = re.compile(r"(\d{1,3})/(\d{1,3})")
PAGE_TOTAL = re.compile(r"/\d{1,3}")  # "4\n/5 25-04000": the page number split from its total
LONE_PAGE = re.compile(r"\d{1,3}")
CONTINUED = re.compile(r"/\s?\.(?:\s?\.){0,2}")  # "/..." at the foot of older prints
DATE_CODE = re.compile(r"(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d\d")
FIXED_FURNITURE = re.compile(
    r"(please\s+recycle\s*♲?|♲\s*please\s+recycle|/\s?\.\s?\.\s?\.|-{3,}|_{10,})",
    re.IGNORECASE,
)
OLD_STYLE_PAGE_HEADER = re.compile(r"(English|Page\s+\d{1,3}|English\s+Page\s+\d{1,3})")
# Title and masthead lines in every language of claims/ingest/lang.
TITLE = lang.title_start()
MASTHEAD_MARKER = lang.masthead_marker()
_MAX_MASTHEAD_LINES = 60


@dataclass(frozen=True)
class PageLine:
    page: int  # 0-based page number
    text: str  # the line without direction marks or surrounding whitespace
    furniture: bool


def strip_marks(line: str) -> str:
    return BIDI_MARKS.sub("", line).strip()


def classify_lines(raw: str) -> list[PageLine]:
    """Every line of `raw`, page by page, marked as furniture or content."""
    pages = [[strip_marks(line) for line in page.split("\n")] for page in raw.split("\f")]
    symbols = document_symbols(pages)
    has_job_number = bool(JOB_NUMBER_ANYWHERE.search(raw))
    masthead_end = _masthead_end(pages[0]) if pages else 0
    classified = []
    for page_number, lines in enumerate(pages):
        for index, line in enumerate(lines):
            in_masthead = page_number == 0 and index < masthead_end
            furniture = bool(line) and (
                in_masthead
                or is_furniture_line(line, symbols, has_job_number)
                or (index < 6 and page_number > 0 and OLD_STYLE_PAGE_HEADER.fullmatch(line))
            )
            classified.append(PageLine(page_number, line, bool(furniture)))
    return _attach_split_page_numbers(classified)


def _attach_split_page_numbers(lines: list[PageLine]) -> list[PageLine]:
    """A lone "4" on a page whose furniture holds "/5" is the first half of "4/5"."""
    totals: dict[int, int] = {}
    for line in lines:
        total = PAGE_TOTAL.match(line.text)
        if line.furniture and total:
            totals[line.page] = int(total.group(0)[1:])
    for line in lines:  # a page whose number is printed whole has no split half to find
        if line.furniture and any(PAGE_NUMBER.fullmatch(token) for token in line.text.split()):
            totals.pop(line.page, None)
    return [
        PageLine(line.page, line.text, furniture=True)
        if LONE_PAGE.fullmatch(line.text) and 0 < int(line.text) <= totals.get(line.page, 0)
        else line
        for line in lines
    ]


def document_symbols(pages: list[list[str]]) -> frozenset[str]:
    """The document's own symbols: those in the first-page header and the page-top headers."""
    found: set[str] = set()
    if pages:
        header = pages[0][: _masthead_end(pages[0]) or 12]
        found.update(SYMBOL.findall(" ".join(header)))
    for lines in pages[1:]:
        top = [line for line in lines if line][:3]
        for line in top:
            if SYMBOL.sub("", line).strip(" -") == "":
                found.update(SYMBOL.findall(line))
    return frozenset(found)


def is_furniture_line(line: str, symbols: frozenset[str], has_job_number: bool) -> bool:
    if FIXED_FURNITURE.fullmatch(line):
        return True
    tokens = line.split()
    if not tokens:
        return False
    if not tokens[0][0].isdigit() and tokens[0][0] not in "*/(AS":
        return False  # cheap exit for prose lines
    kinds = []
    for token in tokens:
        kind = _furniture_kind(token, symbols)
        if kind is None:
            return False
        kinds.append(kind)
    if kinds == ["date_code"] * len(kinds):
        return has_job_number  # a bare six-digit line is only a date code in a UN print
    return True


def _furniture_kind(token: str, symbols: frozenset[str]) -> str | None:
    if JOB_NUMBER.fullmatch(token):
        return "job"
    if token == "(E)":
        return "language_mark"
    if BARCODE.fullmatch(token):
        return "barcode"
    if DATE_CODE.fullmatch(token):
        return "date_code"
    page = PAGE_NUMBER.fullmatch(token)
    if page and 0 < int(page.group(1)) <= int(page.group(2)):
        return "page"
    if PAGE_TOTAL.fullmatch(token):
        return "page_total"
    if CONTINUED.fullmatch(token):
        return "continued"
    if symbols and _is_own_symbol_group(token, symbols):
        return "symbol"
    return None


def _is_own_symbol_group(token: str, symbols: frozenset[str]) -> bool:
    """ "A/79/722-S/2025/27" or "S/2025/27", made only of this document's symbols."""
    found = SYMBOL.findall(token)
    return (
        bool(found) and all(s in symbols for s in found) and SYMBOL.sub("", token).strip("-*") == ""
    )


def _masthead_end(first_page: list[str]) -> int:
    """Index of the title line on the first page (everything above it is masthead), else 0.

    Only a block that carries a UN masthead marker counts, so a plain letter that happens to
    mention "Letter dated ..." near its top keeps its opening lines.
    """
    for index, line in enumerate(first_page[:_MAX_MASTHEAD_LINES]):
        if TITLE.match(line):
            above = first_page[:index]
            return index if any(MASTHEAD_MARKER.match(text) for text in above) else 0
    return 0
