"""Nearest claims from PostgreSQL's HNSW index (pgvector), when the database has it."""

from __future__ import annotations

import numpy as np
import pytest
from django.db import connection

from claims import matching, matching_pgvector, matching_services
from claims.models import ClaimEmbedding
from tests.matching.test_index_sync import TOPICS, make_claims

pytestmark = pytest.mark.django_db

_EMBEDDER = matching.LexicalEmbedder(dim=matching_pgvector.DIM)  # a 384-dimension stand-in


@pytest.fixture(autouse=True)
def pgvector_embedder(monkeypatch, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    monkeypatch.setattr(matching_services, "embedder", lambda: _EMBEDDER)
    matching_pgvector.pgvector_forget_availability()
    matching_services.matching_index_reset()
    if not matching_pgvector.pgvector_enabled(_EMBEDDER.dim):
        pytest.skip("needs PostgreSQL with pgvector (scripts/build_pgvector.sh)")
    yield
    matching_services.matching_index_reset()


def test_the_column_and_its_hnsw_index_exist():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'claims_claimembedding_embedding_hnsw'"
        )
        assert "hnsw (embedding vector_cosine_ops)" in cursor.fetchone()[0]


def test_embedding_fills_the_column_and_sql_finds_the_same_neighbours_as_memory():
    claims = make_claims(len(TOPICS))
    matching_services.claims_embed(claim_ids=[c.pk for c in claims], request_matching=False)
    assert not ClaimEmbedding.objects.extra(where=["embedding IS NULL"]).exists()

    in_sql = matching_pgvector.PgVectorIndex(_EMBEDDER.name)
    in_memory = matching_services.matching_index()
    for claim in claims:
        query = in_memory.vector(claim.pk)
        expected = in_memory.search(query, k=3, exclude={claim.pk})
        found = in_sql.search(query, k=3, exclude={claim.pk})
        assert [i for i, _ in found] == [i for i, _ in expected]
        np.testing.assert_allclose([s for _, s in found], [s for _, s in expected], atol=1e-5)
    assert claims[0].pk in in_sql and 10**9 not in in_sql


def test_similar_claims_come_from_the_database(monkeypatch):
    claims = make_claims(2)
    claims[1].quote = TOPICS[0] + " again"
    claims[1].save()
    matching_services.claims_embed(claim_ids=[c.pk for c in claims], request_matching=False)
    monkeypatch.setattr(
        matching_services, "matching_index", lambda *a: pytest.fail("in-process index used")
    )
    monkeypatch.setattr(matching_services, "_dated_near", lambda claim: [])
    other_letter = make_claims(1)[0].letter
    claims[1].letter = other_letter
    claims[1].save()

    similar = matching_services.claim_similar(claim_id=claims[0].pk)

    assert [item.claim_id for item in similar] == [claims[1].pk]
