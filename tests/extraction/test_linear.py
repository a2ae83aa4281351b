"""Extraction stays linear in the length of its input: no sentence or clause grows past a
fixed length whatever the text looks like, so no later stage can go quadratic on it."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction import extract_claims
from claims.extraction.clauses import split_clauses
from claims.extraction.segment import MAX_SENTENCE_CHARS, split_sentences

CLAUSE = "and the troops of the regime shelled the town of Eastmoor on 4 May, "
UNIT = st.sampled_from(
    [
        "word ",  # one long line without punctuation
        "12 345 6,789 ",  # thousands of numbers
        CLAUSE,  # deeply repeated clauses
        "Alpha Beta of the Gamma ",  # capitalised names without a full stop
        "killed 4 and injured 7, ",  # figures that the casualty grammar reads
    ]
)


@settings(max_examples=25, deadline=None)
@given(unit=UNIT, repeats=st.integers(min_value=50, max_value=600))
def test_sentences_and_clauses_are_capped_in_length(unit: str, repeats: int) -> None:
    text = unit * repeats
    for sentence in split_sentences(text):
        assert sentence.end - sentence.start <= MAX_SENTENCE_CHARS
        for clause in split_clauses(text, sentence):
            assert clause.end - clause.start <= MAX_SENTENCE_CHARS


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        extract_claims(text)
        best = min(best, time.perf_counter() - start)
    return best


def test_ten_times_the_text_takes_about_ten_times_as_long() -> None:
    small, large = CLAUSE * 60, CLAUSE * 600  # ~4 KB and ~40 KB
    extract_claims(small)  # warm the caches
    # Linear work gives a ratio near 10, quadratic near 100; the bound is loose because the
    # machine is shared.
    assert _seconds(large) / _seconds(small) < 30
