from __future__ import annotations

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
