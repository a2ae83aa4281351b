"""How alike two claims are, and why: wording, meaning and the structured attributes."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np

from claims.matching.countries import is_country
from claims.matching.embedders import Embedder
from claims.matching.features import (
    ClaimFeatures,
    normalise_name,
    normalised_names,
    numbers,
    text_ngrams,
)
from claims.matching.index import VectorIndex

SAME_WORDING = 0.8  # lexical cosine above which two texts say the same thing in the same words
SAME_MEANING = 0.75
TEMPLATE_WORDING = 0.5  # lexical cosine above which differing figures mean a reused template  # sentence-model cosine above which two texts read as the same statement

# Families of claim types that can describe one event ("strike" and "casualties" can).
TYPE_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"strike", "attack", "casualties", "damage", "clash"}),
    frozenset({"detention", "displacement"}),
    frozenset({"violation", "allegation", "documentary", "motive"}),
)
_WILDCARD_TYPES = frozenset({"", "other"})


@dataclass(frozen=True)
class MatchScore:
    score: float
    lexical: float
    semantic: float
    structured: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Weights:
    """How the components add up to `MatchScore.score`; chosen on data/pairs (docs/matching.md)."""

    lexical: float
    semantic: float
    structured: float
    date_conflict_penalty: float  # subtracted when both dates are known and more than a day apart
    figure_conflict_penalty: float = (
        0.0  # subtracted when each text states a figure the other lacks
    )


@dataclass(frozen=True)
class Thresholds:
    suggest: float  # same claim or same incident: show it to the fact-checker
    link: float  # same claim: safe to propose linking the two


# Measured on data/pairs/pairs.jsonl by `bench/matching_bench.py pairs` (docs/matching.md).
DEFAULT_WEIGHTS = Weights(
    lexical=0.1,
    semantic=0.6,
    structured=0.3,
    date_conflict_penalty=0.4,
    figure_conflict_penalty=0.5,
)
DEFAULT_THRESHOLDS = Thresholds(suggest=0.30, link=0.67)
# With the lexical fallback the "semantic" cosine only repeats the wording signal.
LEXICAL_FALLBACK_THRESHOLDS = Thresholds(suggest=0.2, link=0.58)


def thresholds_for(embedder: Embedder) -> Thresholds:
    return DEFAULT_THRESHOLDS if embedder.semantic else LEXICAL_FALLBACK_THRESHOLDS


def lexical_similarity(a: str, b: str) -> float:
    """Cosine of word, word-bigram and character-4-gram counts (exact, not hashed)."""
    counts_a, counts_b = _gram_counts(a), _gram_counts(b)
    dot = sum(weight * counts_b[gram] for gram, weight in counts_a.items() if gram in counts_b)
    norm = math.sqrt(_squared_norm(counts_a) * _squared_norm(counts_b))
    return dot / norm if norm else 0.0


def _gram_counts(text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for gram, weight in text_ngrams(text):
        counts[gram] += weight
    return counts


def _squared_norm(counts: Counter[str]) -> float:
    return sum(value * value for value in counts.values())


def figures_conflict(a: str, b: str) -> bool:
    """Each text states a figure the other lacks: "killed 100" vs "killed 115", or two reports
    covering different periods. A restatement that only adds the year does not conflict."""
    figures_a, figures_b = numbers(a), numbers(b)
    return bool(figures_a - figures_b) and bool(figures_b - figures_a)


def dates_agree(a: date | None, b: date | None, *, tolerance_days: int = 1) -> bool | None:
    """True within the tolerance, False when both are known and further apart, None if unknown."""
    if a is None or b is None:
        return None
    return abs((a - b).days) <= tolerance_days


def names_overlap(a: tuple[str, ...], b: tuple[str, ...]) -> bool | None:
    """Whether any normalised name is shared ("Kharkiv" matches "Kharkiv region"); None if unknown."""
    keys_a, keys_b = normalised_names(a), normalised_names(b)
    if not keys_a or not keys_b:
        return None
    return any(_name_contains(x, y) or _name_contains(y, x) for x in keys_a for y in keys_b)


def places_overlap(a: tuple[str, ...], b: tuple[str, ...]) -> bool | None:
    """Like `names_overlap`, but when both claims name a town or region, a shared country is not
    enough: strikes on Kyiv and on Kharkiv are two incidents though both are "in Ukraine"."""
    local_a = tuple(name for name in a if not is_country(normalise_name(name)))
    local_b = tuple(name for name in b if not is_country(normalise_name(name)))
    if local_a and local_b:
        return names_overlap(local_a, local_b)
    return names_overlap(a, b)


def _name_contains(longer: str, shorter: str) -> bool:
    return set(shorter.split()) <= set(longer.split())


def types_compatible(a: str, b: str) -> bool:
    a, b = a.strip().lower(), b.strip().lower()
    if a == b or a in _WILDCARD_TYPES or b in _WILDCARD_TYPES:
        return True
    return any(a in family and b in family for family in TYPE_FAMILIES)


def structured_similarity(a: ClaimFeatures, b: ClaimFeatures) -> tuple[float, tuple[str, ...]]:
    """Agreement on date, place, actor and type; an attribute either claim lacks counts as no
    agreement, so one shared country alone is weak evidence."""
    checks: list[tuple[float, bool | None, str]] = [
        (0.4, dates_agree(a.event_date, b.event_date), "same date"),
        (0.3, places_overlap(a.places, b.places), "same place"),
        (0.2, names_overlap(a.actors, b.actors), "same actor"),
        (0.1, _known_type_agreement(a.claim_type, b.claim_type), "same type"),
    ]
    value = sum(weight for weight, agrees, _ in checks if agrees)
    reasons = tuple(reason for _, agrees, reason in checks if agrees and reason != "same type")
    if reasons[:1] == ("same date",) and a.event_date != b.event_date:
        reasons = ("dates a day apart", *reasons[1:])
    return value, reasons


def _known_type_agreement(a: str, b: str) -> bool | None:
    if a.strip().lower() in _WILDCARD_TYPES or b.strip().lower() in _WILDCARD_TYPES:
        return None
    return types_compatible(a, b)


def score_pair(
    a: ClaimFeatures,
    b: ClaimFeatures,
    a_vec: np.ndarray,
    b_vec: np.ndarray,
    *,
    weights: Weights = DEFAULT_WEIGHTS,
) -> MatchScore:
    lexical = lexical_similarity(a.text, b.text)
    semantic = max(0.0, float(np.dot(_unit(a_vec), _unit(b_vec))))
    structured, structured_reasons = structured_similarity(a, b)
    score = (
        weights.lexical * lexical + weights.semantic * semantic + weights.structured * structured
    )
    date_conflict = dates_agree(a.event_date, b.event_date) is False
    # Different figures in different words are normal (a strike and its dead); in the same words
    # they mark a template reused for another fact ("our 860 letters" vs "our 872 letters").
    figure_conflict = lexical >= TEMPLATE_WORDING and figures_conflict(a.text, b.text)
    if date_conflict:
        score -= weights.date_conflict_penalty
    if figure_conflict:
        score -= weights.figure_conflict_penalty
    reasons = _text_reasons(lexical, semantic) + structured_reasons
    if date_conflict:
        reasons += ("different date",)
    if figure_conflict:
        reasons += ("different figures",)
    return MatchScore(
        score=round(min(max(score, 0.0), 1.0), 4),
        lexical=round(lexical, 4),
        semantic=round(semantic, 4),
        structured=round(structured, 4),
        reasons=reasons,
    )


def _text_reasons(lexical: float, semantic: float) -> tuple[str, ...]:
    if lexical >= SAME_WORDING:
        return ("same wording",)
    if semantic >= SAME_MEANING:
        return ("same meaning",)
    return ()


def _unit(vector: np.ndarray) -> np.ndarray:
    vector = np.asarray(vector, dtype=np.float32).reshape(-1)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


VectorSource = Mapping[int, np.ndarray] | Callable[[int], np.ndarray] | None


def find_similar(
    target: ClaimFeatures,
    target_vec: np.ndarray,
    index: VectorIndex,
    features: Mapping[int, ClaimFeatures],
    vectors: VectorSource = None,
    *,
    k: int = 10,
    candidates: int = 50,
    min_score: float | None = None,
    extra_candidates: Iterable[int] = (),
    exclude_same_letter: bool = True,
    weights: Weights = DEFAULT_WEIGHTS,
) -> list[tuple[int, MatchScore]]:
    """Claims like `target`, best first, each with its score and reasons.

    The index proposes `candidates` nearest neighbours; `extra_candidates` adds ids found another
    way (for example claims dated within a day of the target), since a reply about the same
    incident may share the date and place but little wording. Every candidate is then re-scored
    with `score_pair`; those below `min_score` (default: the suggest threshold) are dropped.
    `vectors` maps id -> vector, or is a callable; by default vectors are read from the index.
    """
    floor = DEFAULT_THRESHOLDS.suggest if min_score is None else min_score
    proposed = [claim_id for claim_id, _ in index.search(target_vec, candidates, {target.claim_id})]
    ranked: list[tuple[int, MatchScore]] = []
    for claim_id in dict.fromkeys([*proposed, *extra_candidates]):
        other = features.get(claim_id)
        if other is None or claim_id == target.claim_id:
            continue
        if exclude_same_letter and other.letter_id == target.letter_id:
            continue
        match = score_pair(
            target, other, target_vec, _vector_of(claim_id, vectors, index), weights=weights
        )
        if match.score >= floor:
            ranked.append((claim_id, match))
    ranked.sort(key=lambda item: (-item[1].score, item[0]))
    return ranked[:k]


def _vector_of(claim_id: int, vectors: VectorSource, index: VectorIndex) -> np.ndarray:
    if vectors is None:
        return index.vector(claim_id)
    if callable(vectors):
        return vectors(claim_id)
    return vectors[claim_id]
