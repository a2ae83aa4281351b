"""Raw extracted text -> paragraphs: furniture removed, wrapped lines and split words rejoined.

Paragraph boundaries are inferred the way a reader sees them in justified print: a blank line,
a line that stops well short of the right margin, or a numbered or lettered item after a
sentence end. Lines that fill the measure are wrapped sentences and are joined with a space.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from claims.ingest import lang
from claims.ingest.furniture import TITLE, PageLine, classify_lines

# A line shorter than this share of the document's usual line length ends its paragraph.
SHORT_LINE_RATIO = 0.72
LIST_ITEM_START = re.compile(
    r"^(?:[•●▪■◦‣∙·–—-]\s|\(?[a-zA-Z]{1,4}\)\s|\(?\d{1,2}\)\s|\d{1,3}\.(?:\d{1,3}\.?)*\s"
    r"|[IVXLC]{1,6}\.\s)"
)
MARKER_ONLY = re.compile(
    r"^(?:\(?[a-zA-Z]{1,4}\)|\(?\d{1,2}\)|\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]{1,6}\.)$"
)
SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]*\d]{0,3}$")
SPLIT_WORD = re.compile(r"([A-Za-z]+(?:-[A-Za-z]+)*)-$")
NEXT_WORD = re.compile(r"^([a-z]+)")
ANNEX_HEADING = re.compile(
    r"^(?:Annex(?:es)?|ANNEX(?:ES)?)(?:\s+[IVXLC\d]{1,5})?(?:$|\s+to\s+the\b|\s*\n)"
)
ENCLOSURE_HEADING = re.compile(r"^(?:Enclosure|ENCLOSURE)(?:\s+[IVXLC\d]{1,5})?$")
# Compound prefixes whose hyphen is real even when the break falls right after it.
COMPOUND_PREFIXES = frozenset((
    "so", "well", "self", "non", "co", "ex", "all", "half", "ill", "cross", "long", "short",
    "full", "high", "low", "large", "small", "far", "first", "second", "third", "one", "two",
    "three", "four", "five", "ten", "counter", "mid", "post", "pre",
))  # fmt: skip
# A line ending in a comma, an open bracket or a function word always runs on.
RUN_ON_CHARACTERS = tuple(",([“‘")
FUNCTION_WORDS = frozenset((
    "the", "of", "and", "or", "to", "in", "on", "at", "by", "for", "from", "with", "a", "an",
    "as", "that", "which", "its", "their", "his", "her", "our", "is", "are", "was", "were",
    "be", "been", "has", "have", "had", "not", "no", "into", "under", "between", "against",
    "including", "such", "this", "these", "those", "than", "upon", "within", "without",
    "toward", "towards",
))  # fmt: skip
GLUED_DASH = re.compile(r"[^\s][–—/]$")
URL_TAIL = re.compile(r"(?:https?://|www\.)\S*[-/_.=?&#]$")
# Title lines may start with an addressee's title word, still inside the title.
ADDRESSEE_CONTINUATIONS = ("Secretary-General", "President", "Security Council", "General Assembly")
_MAX_TITLE_LINES = 8
LINE_END_HYPHEN = re.compile(r"[A-Za-z]-[ \t]*\n")
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


@dataclass(frozen=True)
class CleanText:
    text: str
    annex_start: int | None  # offset in `text` where the annex begins, None if there is none


def clean_text(raw: str) -> CleanText:
    """Drop page furniture and rebuild paragraphs separated by blank lines."""
    lines = classify_lines(raw)
    width = _typical_line_length(line.text for line in lines if not line.furniture)
    vocabulary = _hyphen_vocabulary(raw) if LINE_END_HYPHEN.search(raw) else set()
    paragraphs = _merge_marker_paragraphs(list(_paragraphs(lines, width, vocabulary)))
    text = "\n\n".join(paragraphs)
    return CleanText(text=text, annex_start=_annex_start(paragraphs))


def _paragraphs(lines: list[PageLine], width: int, vocabulary: set[str]) -> Iterator[str]:
    current: list[str] = []
    blank_seen = furniture_seen = False
    for line in lines:
        if line.furniture:
            furniture_seen = True
            continue
        if not line.text:
            blank_seen = True
            continue
        # Blank lines around removed furniture (page foot, page head) say nothing about
        # paragraphs; a blank line between two content lines does.
        hard_break = blank_seen and not furniture_seen
        blank_seen = furniture_seen = False
        if current and (hard_break or _ends_paragraph(current, line.text, width)):
            yield _join_lines(current, vocabulary)
            current = []
        current.append(line.text)
    if current:
        yield _join_lines(current, vocabulary)


def _ends_paragraph(paragraph: list[str], next_line: str, width: int) -> bool:
    previous = paragraph[-1]
    if previous.endswith("-") and NEXT_WORD.match(next_line):
        return False
    if _runs_on(previous) or _ends_with_url(previous):
        return False
    if TITLE.match(paragraph[0]) and len(paragraph) < _MAX_TITLE_LINES:
        return _title_ends(paragraph, next_line)
    sentence_ended = bool(SENTENCE_END.search(previous[-8:]))
    if sentence_ended and LIST_ITEM_START.match(next_line):
        return True
    is_short = len(previous) < SHORT_LINE_RATIO * width
    return is_short and (sentence_ended or not next_line[0].islower())


def _runs_on(line: str) -> bool:
    return line.endswith(RUN_ON_CHARACTERS) or line.rsplit(None, 1)[-1].lower() in FUNCTION_WORDS


def _ends_with_url(line: str) -> bool:
    return ("://" in line or "www." in line) and bool(URL_TAIL.search(line))


def _title_ends(title: list[str], next_line: str) -> bool:
    """A title ("Letter dated ... from ... addressed to ...") is set in a narrow measure, so
    its short lines are no paragraph ends; it ends once the addressees are complete."""
    if not lang.title_complete().search(" ".join(title)):
        return False
    return next_line[0].isupper() and not next_line.startswith(ADDRESSEE_CONTINUATIONS)


def _join_lines(lines: list[str], vocabulary: set[str]) -> str:
    pieces = [lines[0]]
    for previous, line in itertools.pairwise(lines):
        if _is_split_word(previous, line, vocabulary):
            pieces[-1] = pieces[-1][:-1]  # "Secu-" + "rity": drop the hyphenation hyphen
            pieces.append(line)
        elif previous.endswith("-") or _ends_with_url(previous) or GLUED_DASH.search(previous[-2:]):
            pieces.append(line)  # "so-" + "called", a web address, a range "2020–" + "2024"
        else:
            pieces.append(" " + line)
    return "".join(pieces)


def _is_split_word(previous: str, line: str, vocabulary: set[str]) -> bool:
    split = SPLIT_WORD.search(previous[-80:]) if previous.endswith("-") else None
    following = NEXT_WORD.match(line)
    if not (split and following) or _ends_with_url(previous):
        return False
    return _is_hyphenation(split.group(1), following.group(1), vocabulary)


def _is_hyphenation(left: str, right: str, vocabulary: set[str]) -> bool:
    """True when "left-" + "right" is one word split by the typesetter, False when the
    hyphen is a real compound's ("so-called"): the document's own spelling decides first."""
    left_piece = left.rsplit("-", 1)[-1]
    if f"{left_piece}-{right}".lower() in vocabulary:
        return False
    if f"{left_piece}{right}".lower() in vocabulary:
        return True
    return left_piece.lower() not in COMPOUND_PREFIXES and left_piece[-1].islower()


def _hyphen_vocabulary(raw: str) -> set[str]:
    """Words of the document as printed within lines (line-end splits are not words)."""
    return {word.lower() for word in _WORD.findall(raw)}


def _typical_line_length(texts: Iterator[str]) -> int:
    lengths = sorted(len(text) for text in texts if len(text) >= 20)
    if not lengths:
        return 80
    return lengths[int(0.9 * (len(lengths) - 1))]


def _merge_marker_paragraphs(paragraphs: list[str]) -> list[str]:
    """Put a lone "1." or "(a)" back in front of the paragraph it numbers."""
    merged: list[str] = []
    for paragraph in paragraphs:
        if merged and MARKER_ONLY.match(merged[-1]):
            merged[-1] = f"{merged[-1]} {paragraph}"
        else:
            merged.append(paragraph)
    return merged


def _annex_start(paragraphs: list[str]) -> int | None:
    for heading in (ANNEX_HEADING, ENCLOSURE_HEADING):
        offset = 0
        for index, paragraph in enumerate(paragraphs):
            if index > 0 and heading.match(paragraph):
                return offset
            offset += len(paragraph) + 2
    return None
