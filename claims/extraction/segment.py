"""Sentence segmentation tuned for UN letters.

The splitter returns character spans into the text it was given, so every later stage can
quote the letter exactly. Headings that carry no claims (the masthead and title, annex
headings, signature blocks) are cut out first, because cleaned text often runs the title
into the first sentence of the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extraction.nonclaims import heading_end


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def text(self, source: str) -> str:
        return source[self.start : self.end]


ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr st no nos p pp para paras art arts vol vols e.g i.e a.i etc u.s u.n gen lt
    col maj brig capt sgt prof h.e jr sr vs cf fig approx inc ltd co corp amb rev sect ch op
    cit ibid al nr est dept govt jan feb mar apr jun jul aug sep sept oct nov dec mt ft km
    kg
    """.split()  # noqa: SIM905 (a word block reads better than 70 quoted items)
)

# Organs named exactly, so the match cannot run on into the first words of the body.
_ORGAN = (
    r"(?:Security\s+Council|General\s+Assembly|Economic\s+and\s+Social\s+Council"
    r"|Human\s+Rights\s+Council|International\s+Court\s+of\s+Justice"
    r"|(?:[A-Z][\w-]*\s+){0,6}?(?:Committee|Commission|Working\s+Group)"
    r"(?:\s+established\s+pursuant\s+to\s+resolution\s+\d+\s+\(\d{4}\)(?:\s+concerning\s+(?:[A-Z][\w-]*\s*)+)?)?)"
)
_ADDRESSEE = (
    r"(?:the\s+)?(?:Secretary-General|(?:President|Chair(?:man|person)?)\s+of\s+the\s+"
    + _ORGAN
    + r"|High\s+Commissioner\s+for\s+Human\s+Rights)"
)
TITLE_PATTERN = re.compile(
    r"(?:(?:Identical\s+)?(?:[Ll]etters?|[Nn]otes?\s+verbales?)|Annex(?:\s+[IVX\d]+)?\s+to\s+the\s+"
    r"(?:identical\s+)?(?:letter|note\s+verbale))\s+dated\s+(?:a\.i\.|[^.]){0,500}?addressed\s+to\s+"
    + _ADDRESSEE
    + r"(?:\s*(?:,|and)\s*"
    + _ADDRESSEE
    + r")*"
)
SIGNATURE_PATTERN = re.compile(r"\(Signed\)[^\n]*(?:\n(?!\n)[^\n.]{0,80}(?=\n|$))*")
# A lone "Annex", "Annex II", "Enclosure" line.
ANNEX_LINE_PATTERN = re.compile(r"^\s*(?:Annex|Enclosure|Appendix)(?:\s+[IVX\d]+)?\s*$", re.M)

_CLOSERS = "\"'”’)]»*"
_OPENERS = "\"'“‘(["
# A sentence ends at ., ! or ? (plus closing quotes/brackets) before whitespace and a
# capital, digit, opening quote or bullet.
BOUNDARY_PATTERN = re.compile(
    r"[.!?][" + re.escape(_CLOSERS) + r"]*(?=\s+[A-Z\d" + re.escape(_OPENERS) + r"•●▪\-–])"
)
# Hard breaks: blank lines, and line starts that open a list item.
HARD_BREAK_PATTERN = re.compile(
    r"\n\s*\n|\n(?=\s*(?:[•●▪\-–]\s|\(?[a-z\d]{1,3}[.)]\s|[A-Z]\.\s))|(?=[•●▪]\s)"
)
# "(a)", "1." or a bullet opening a list item; kept out of the sentence span.
ITEM_MARKER_PATTERN = re.compile(r"(?:[•●▪\-–]|\(?[a-z\d]{1,3}[.)]|[A-Z]\.)\s+")


def skipped_regions(text: str) -> list[Span]:
    """Masthead and titles, annex headings and signature blocks: no claims there."""
    regions: list[Span] = []
    title = TITLE_PATTERN.search(text, 0, min(len(text), 4000))
    if title:
        regions.append(Span(0, title.end()))
    # Later titles head annexes (a transmitted letter); one that starts a line is a heading,
    # one inside a sentence is a reference to other correspondence.
    for match in TITLE_PATTERN.finditer(text, title.end() if title else 0):
        line_start = _line_start(text, match.start())
        after_heading = regions and not text[regions[-1].end : match.start()].strip()
        if after_heading or not text[line_start : match.start()].strip():
            regions.append(Span(line_start if not after_heading else match.start(), match.end()))
    for pattern in (SIGNATURE_PATTERN, ANNEX_LINE_PATTERN):
        regions.extend(Span(m.start(), m.end()) for m in pattern.finditer(text))
    return sorted(regions, key=lambda span: span.start)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _is_abbreviation(text: str, period: int) -> bool:
    """Whether the period at `period` closes an abbreviation or an initial."""
    word_start = period
    while word_start > 0 and (text[word_start - 1].isalnum() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:period]
    if word.lower() in ABBREVIATIONS:
        return True
    # "J. Smith", "A. B. Name": a lone capital is an initial, not a sentence end.
    return len(word) == 1 and word.isupper()


def _boundaries(text: str, start: int, end: int) -> list[int]:
    cuts: set[int] = set()
    for match in HARD_BREAK_PATTERN.finditer(text, start, end):
        cuts.add(match.start())
    # A list item often has no full stop: its line end closes it.
    for match in re.finditer(r"\n", text[start:end]):
        line_start = text.rfind("\n", 0, start + match.start()) + 1
        if ITEM_MARKER_PATTERN.match(text, line_start):
            cuts.add(start + match.start())
    for match in BOUNDARY_PATTERN.finditer(text, start, end):
        if text[match.start()] == "." and _is_abbreviation(text, match.start()):
            continue
        cuts.add(match.end())
    return sorted(cuts)


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    marker = ITEM_MARKER_PATTERN.match(text, start, end)
    if marker:
        start = marker.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start < 3 or not any(ch.isalpha() for ch in text[start:end]):
        return None
    return Span(start, end)


def _open_ranges(text: str) -> list[tuple[int, int]]:
    """The parts of the text outside the skipped regions."""
    ranges, cursor = [], 0
    for region in skipped_regions(text):
        if region.start > cursor:
            ranges.append((cursor, region.start))
        cursor = max(cursor, region.end)
    ranges.append((cursor, len(text)))
    return ranges


# The longest annotated claim passage is ~450 characters. A "sentence" past this length is a
# run with no usable punctuation (a table flattened by the cleaner, hostile input): it is cut
# into pieces of at most this many characters, so every later stage works on bounded pieces
# and extraction stays linear in the length of the text.
MAX_SENTENCE_CHARS = 1000
_SOFT_CUT = re.compile(r"[,;:]\s|\s")


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of `text`, leaving out the masthead, headings and signatures; none is
    longer than MAX_SENTENCE_CHARS."""
    sentences: list[Span] = []
    for range_start, range_end in _open_ranges(text):
        cursor = range_start
        for cut in [*_boundaries(text, range_start, range_end), range_end]:
            for piece in _capped(text, cursor, cut):
                span = _trimmed(text, piece.start, piece.end)
                if span:
                    sentences.extend(_without_run_in_heading(text, span))
            cursor = cut
    return sentences


def _capped(text: str, start: int, end: int) -> list[Span]:
    """[start, end) in pieces of at most MAX_SENTENCE_CHARS, cut after the last punctuation
    mark or space of each window (the window's end when it has neither)."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        window_start = limit - MAX_SENTENCE_CHARS // 4
        cuts = [m.end() for m in _SOFT_CUT.finditer(text, window_start, limit)]
        punctuated = [c for c in cuts if text[c - 2] in ",;:"]
        cut = (punctuated or cuts or [limit])[-1]
        pieces.append(Span(start, cut))
        start = cut
    pieces.append(Span(start, end))
    return pieces


def _without_run_in_heading(text: str, span: Span) -> list[Span]:
    """A heading line that the cleaner joined to the paragraph under it ("Principle 8:
    Oversight mechanism States should establish ...") becomes a span of its own."""
    if span.start and text[span.start - 1] not in "\n":
        return [span]
    cut = heading_end(span.text(text))
    if cut is None:
        return [span]
    head = _trimmed(text, span.start, span.start + cut)
    body = _trimmed(text, span.start + cut, span.end)
    return [s for s in (head, body) if s]


def paragraph_starts(text: str) -> list[int]:
    """Offsets where paragraphs begin (after a blank line or at a line start)."""
    return [0, *(m.end() for m in re.finditer(r"\n\s*", text))]
