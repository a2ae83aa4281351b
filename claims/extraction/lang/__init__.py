"""Each language's vocabulary in a module of its own, behind a small registry (as spaCy's
spacy/lang/<code> and pySBD's pysbd/lang/<language>.py do): adding a language means adding
one module here and its code to SUPPORTED.

    vocabulary = for_language("en")   # the module claims.extraction.lang.en

A language module holds the words the stages read: member States and their adjectives,
event verbs, request, procedure and opinion cues, casualty verbs and the nouns that count
people, place nouns, and the reporting preambles.
"""

from __future__ import annotations

import importlib
from types import ModuleType

SUPPORTED = frozenset({"en"})


class UnsupportedLanguage(ValueError):
    """Extraction was asked for a language that has no vocabulary module."""

    def __init__(self, code: str) -> None:
        self.code = code
        supported = ", ".join(sorted(SUPPORTED))
        super().__init__(
            f"claim extraction does not support language {code!r} (supported: {supported})"
        )


def for_language(code: str) -> ModuleType:
    """The vocabulary module of a language ("en"), or UnsupportedLanguage."""
    normalised = (code or "").strip().lower().split("-")[0].split("_")[0]
    if normalised not in SUPPORTED:
        raise UnsupportedLanguage(code)
    return importlib.import_module(f"{__name__}.{normalised}")
