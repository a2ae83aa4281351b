"""Claim matching: similar claims across letters, ranked with reasons, and incident groups.

Pure Python and numpy: no Django. The Django layer stores vectors (VectorIndex.to_bytes or one
row per claim) and rebuilds the index at start-up.
"""

from claims.matching.embedders import (
    Embedder,
    LexicalEmbedder,
    OnnxSentenceEmbedder,
    SentenceModelEmbedder,
    default_embedder,
    semantic_model_installed,
)
from claims.matching.features import ClaimFeatures
from claims.matching.incidents import group_incidents, same_incident
from claims.matching.index import VectorIndex
from claims.matching.scoring import (
    DEFAULT_THRESHOLDS,
    DEFAULT_WEIGHTS,
    LEXICAL_FALLBACK_THRESHOLDS,
    MatchScore,
    Thresholds,
    Weights,
    find_similar,
    lexical_similarity,
    score_pair,
    thresholds_for,
)

__all__ = [
    "DEFAULT_THRESHOLDS",
    "DEFAULT_WEIGHTS",
    "LEXICAL_FALLBACK_THRESHOLDS",
    "ClaimFeatures",
    "Embedder",
    "LexicalEmbedder",
    "MatchScore",
    "OnnxSentenceEmbedder",
    "SentenceModelEmbedder",
    "Thresholds",
    "VectorIndex",
    "Weights",
    "default_embedder",
    "find_similar",
    "group_incidents",
    "lexical_similarity",
    "same_incident",
    "score_pair",
    "semantic_model_installed",
    "thresholds_for",
]
