"""Per-language vocabulary for reading a letter's title and masthead, behind a small registry:
a new language is one new module here that defines VOCABULARY.

    vocabulary("fr").months["juin"]        # 6
    detect_language(text)                  # "fr", or None when unsure
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

UN_LANGUAGES = ("ar", "zh", "en", "fr", "es", "ru")
_LANGUAGE_NAMES = {
    "ar": "Arabic",
    "zh": "Chinese",
    "en": "English",
    "fr": "French",
    "es": "Spanish",
    "ru": "Russian",
}
_MIN_LETTERS = 40  # fewer letters than this: too little to say
_MIN_PROBABILITY = 0.6
_SAMPLE_LETTERS = 400


@dataclass(frozen=True)
class Vocabulary:
    code: str  # ISO 639-1
    title_start: str  # regex: the start of a title line, up to the first digit of its date
    title_dated: str  # a word every title has ("dated", "datée", "de fecha")
    title_complete: str  # regex found once a title has its sender (en) or its addressees
    title_parts: re.Pattern[str]  # groups "sender" and "addressees"
    masthead_marker: str  # regex matching masthead lines ("United Nations", "Distr.")
    months: dict[str, int]
    date: re.Pattern[str]  # groups: day, month name, year
    role_of_state: re.Pattern[str]  # groups "role" and "states"
    role_titles: dict[str, str]  # key(role) -> English role title
    role_words: re.Pattern[str]  # role words left over when checking a phrase is only States
    filler: str  # regex of the words that join States in a list
    office_tail: re.Pattern[str]
    article: re.Pattern[str]  # a leading article or preposition on an addressee or office
    addressee_split: str
    doc_types: tuple[tuple[re.Pattern[str], str], ...]
    original_language: re.Pattern[str]  # group 1: the language's name in this language
    language_names: dict[str, str] = field(default_factory=dict)  # local name -> English


def registry() -> dict[str, Vocabulary]:
    from claims.ingest.lang import en, es, fr

    return {module.VOCABULARY.code: module.VOCABULARY for module in (en, fr, es)}


@cache
def vocabulary(code: str | None) -> Vocabulary:
    """The vocabulary for `code`; English for languages without one (and for None)."""
    table = registry()
    return table.get(code or "en", table["en"])


@cache
def title_start() -> re.Pattern[str]:
    """A title line in any registered language."""
    starts = "|".join(f"(?:{vocab.title_start})" for vocab in registry().values())
    return re.compile(
        rf"^(?:{starts})|^Note\s+by\s+the\s+(?:Secretary-General|President)", re.IGNORECASE
    )


@cache
def title_complete() -> re.Pattern[str]:
    parts = "|".join(f"(?:{vocab.title_complete})" for vocab in registry().values())
    return re.compile(parts, re.IGNORECASE)


@cache
def masthead_marker() -> re.Pattern[str]:
    markers = "|".join(f"(?:{vocab.masthead_marker})" for vocab in registry().values())
    return re.compile(rf"^(?:{markers})", re.IGNORECASE)


def detect_language(text: str) -> str | None:
    """The UN language `text` is written in (ISO 639-1), or None if there is too little text
    or the detector is unsure. py3langid, restricted to the six UN languages: offline, a
    packaged model, ~1 ms a letter once loaded."""
    sample = _opening(text)
    if sum(char.isalpha() for char in sample) < _MIN_LETTERS:
        return None
    code, probability = _identifier().classify(sample)
    return code if probability >= _MIN_PROBABILITY else None


def _opening(text: str) -> str:
    """The first paragraphs, up to about _SAMPLE_LETTERS letters: the cover letter decides,
    since an annex is often in another language ("Circulated in Arabic only")."""
    taken: list[str] = []
    letters = 0
    for paragraph in text.split("\n"):
        taken.append(paragraph)
        letters += sum(char.isalpha() for char in paragraph)
        if letters >= _SAMPLE_LETTERS:
            break
    return "\n".join(taken)[: _SAMPLE_LETTERS * 8]


@cache
def _identifier():  # -> py3langid.langid.LanguageIdentifier
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(UN_LANGUAGES))
    return identifier


def language_name(code: str | None) -> str:
    """The English name of an ISO 639-1 code ("fr" -> "French"); the code itself if unknown."""
    return _LANGUAGE_NAMES.get((code or "").lower(), code or "This language")
