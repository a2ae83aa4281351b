"""What the matcher knows about a claim, and the normalisation that makes two claims comparable."""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ClaimFeatures:
    claim_id: int
    letter_id: int
    text: str  # the quote, or the restatement when there is no quote
    event_date: date | None
    places: tuple[str, ...]
    actors: tuple[str, ...]
    claim_type: str
    kind: str  # "specific" (one event) or "general"
    sender: str | None


_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_LEADING_ARTICLE = re.compile(r"^(the|city of|town of|village of|region of|province of)\s+")

# Words too common in these letters to say anything about whether two claims match.
_STOPWORD_TEXT = """
a an the and or of to in on at by for from with as is are was were be been being has have had
that this these those it its their there which who whom whose what when where while than then
also not no nor but if so such into onto over under about against between during after before
he she they them his her we our us you your i my me all any each other some more most very
would should could can may might will shall must do does did done said says stated
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def fold(text: str) -> str:
    """Lower-case and strip accents, so "Türkiye" and "Turkiye" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def content_words(text: str) -> set[str]:
    return {word for word in words(text) if word not in STOPWORDS and len(word) > 1}


def normalise_name(name: str) -> str:
    """A place or actor name reduced to a comparable key: "the City of Kharkiv" -> "kharkiv"."""
    key = " ".join(words(name))
    return _LEADING_ARTICLE.sub("", key).strip()


def normalised_names(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(key for key in map(normalise_name, names) if key)


def text_ngrams(text: str) -> list[tuple[str, float]]:
    """Weighted content words, their bigrams and character 4-grams: what lexical similarity counts.

    Stopwords are dropped first: with them, any two long sentences share "the ", " of " and
    "tion" and look 60% alike."""
    tokens = [word for word in words(text) if word not in STOPWORDS and len(word) > 1]
    grams: list[tuple[str, float]] = [(f"w:{token}", 1.0) for token in tokens]
    grams += [(f"b:{a} {b}", 1.0) for a, b in itertools.pairwise(tokens)]
    for token in tokens:
        padded = f" {token} "
        grams += [(f"c:{padded[i : i + 4]}", 0.5) for i in range(max(len(padded) - 3, 1))]
    return grams


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# pdftotext leaves the number of the next paragraph at the end of a sentence ("... at large. 30.").
_TRAILING_PARAGRAPH_NUMBER = re.compile(r"\s\d{1,3}\.\s*$")


def numbers(text: str) -> frozenset[str]:
    """The figures a claim states (counts, days, years), without thousands separators."""
    text = _TRAILING_PARAGRAPH_NUMBER.sub("", text)
    return frozenset(match.replace(",", "") for match in _NUMBER.findall(text))
