from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np

from claims.matching import LexicalEmbedder, default_embedder


def test_lexical_embedder_is_deterministic_and_normalised(lexical_embedder):
    texts = ["Shelling of Donetsk on 3 May", "Shelling of Donetsk on 3 May", ""]
    vectors = lexical_embedder.embed(texts)

    assert vectors.shape == (3, lexical_embedder.dim)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors[:2], axis=1), 1.0, rtol=1e-5)
    np.testing.assert_array_equal(vectors[0], LexicalEmbedder().embed(texts[:1])[0])
    assert not vectors[2].any()


def test_lexical_embedder_ranks_shared_wording_above_other_topics(lexical_embedder):
    query, near, far = lexical_embedder.embed([
        "Drone attack on Kharkiv damaged a school",
        "A school in Kharkiv was damaged by a drone attack",
        "The Council adopted its annual budget",
    ])  # fmt: skip

    assert query @ near > 0.5 > query @ far


def test_default_embedder_falls_back_to_lexical_when_asked(monkeypatch):
    monkeypatch.setenv("CLAIM_MATCHING_EMBEDDER", "lexical")
    default_embedder.cache_clear()
    try:
        embedder = default_embedder()
    finally:
        default_embedder.cache_clear()

    assert embedder.semantic is False
    assert embedder.embed(["x"]).shape == (1, embedder.dim)


def test_sentence_model_loads_offline_from_the_package(sentence_embedder, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    vectors = sentence_embedder.embed(["Missiles struck Kyiv.", "Rockets hit the capital, Kyiv."])

    assert vectors.shape == (2, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-4)
    assert float(vectors[0] @ vectors[1]) > 0.6


SENTENCES = [
    "Missiles struck Kyiv.",
    "On 5 March 2024 Russian missiles struck the central hospital in Kharkiv, killing 12.",
    "The Council adopted its annual budget.",
]


def test_the_onnx_model_gives_nearly_the_vectors_of_the_original(sentence_embedder, torch_embedder):
    quantised = sentence_embedder.embed(SENTENCES)
    original = torch_embedder.embed(SENTENCES)

    assert (quantised * original).sum(axis=1).min() > 0.97


def test_a_text_gets_the_same_vector_whatever_it_is_embedded_with(sentence_embedder):
    one_by_one = np.vstack([sentence_embedder.embed([text]) for text in SENTENCES])
    together = sentence_embedder.embed(list(reversed(SENTENCES)))[::-1]

    np.testing.assert_allclose(together, one_by_one, atol=1e-6)


def test_the_onnx_model_runs_without_importing_torch(sentence_embedder):
    check = (
        "import sys; from claims.matching import default_embedder; "
        "e = default_embedder(); v = e.embed(['Missiles struck Kyiv.']); "
        "assert e.name.endswith('onnx-int8') and v.shape == (1, 384), e.name; "
        "assert 'torch' not in sys.modules and 'sentence_transformers' not in sys.modules"
    )
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", check], cwd=root, check=True, timeout=120)
