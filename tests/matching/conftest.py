from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from claims.matching import (
    ClaimFeatures,
    LexicalEmbedder,
    OnnxSentenceEmbedder,
    SentenceModelEmbedder,
)
from claims.matching.embedders import onnx_model_installed, torch_model_installed


@pytest.fixture
def make_claim() -> Callable[..., ClaimFeatures]:
    counter = iter(range(1, 10_000))

    def make(text: str, **overrides: object) -> ClaimFeatures:
        claim_id = next(counter)
        fields: dict[str, object] = {
            "claim_id": claim_id,
            "letter_id": claim_id,
            "text": text,
            "event_date": None,
            "places": (),
            "actors": (),
            "claim_type": "other",
            "kind": "general",
            "sender": None,
        }
        fields.update(overrides)
        return ClaimFeatures(**fields)  # type: ignore[arg-type]

    return make


@pytest.fixture(scope="session")
def lexical_embedder() -> LexicalEmbedder:
    return LexicalEmbedder()


@pytest.fixture(scope="session")
def sentence_embedder() -> OnnxSentenceEmbedder:
    if not onnx_model_installed():
        pytest.skip("the `semantic` extra (onnxruntime, tokenizers) is not installed")
    return OnnxSentenceEmbedder()


@pytest.fixture(scope="session")
def torch_embedder() -> SentenceModelEmbedder:
    if not torch_model_installed():
        pytest.skip("the `convert` extra (torch, sentence-transformers) is not installed")
    return SentenceModelEmbedder()


def day(text: str) -> date:
    return date.fromisoformat(text)
