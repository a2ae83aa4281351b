"""Nearest claims in PostgreSQL with pgvector, when the database has it.

Migration 0003 adds `claims_claimembedding.embedding vector(384)` with an HNSW index (cosine)
when the database is PostgreSQL and the extension is installed (scripts/build_pgvector.sh).
Rows of a 384-dimension model (the MiniLM) get it filled beside the float32 bytes; then the
nearest neighbours of a claim come from one SQL query and every process shares the index, with
nothing to load. Elsewhere (SQLite, PostgreSQL without the extension, the 512-dimension lexical
fallback, CLAIM_MATCHING_PGVECTOR=off) the in-process VectorIndex of matching_services is used.

The column is unknown to the Django model on purpose: SQLite has no such type, and the ORM
never needs to read it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

import numpy as np
from django.db import connection, transaction

from claims.models import ClaimEmbedding

DIM = 384
EF_SEARCH = 100  # HNSW candidate list per query; pgvector's default 40 is below our 50
_TABLE = ClaimEmbedding._meta.db_table
_available: dict[str, bool] = {}


def pgvector_enabled(dim: int) -> bool:
    """Is the `embedding` column there for vectors of `dim` on this connection's database?"""
    if dim != DIM or connection.vendor != "postgresql":
        return False
    if os.environ.get("CLAIM_MATCHING_PGVECTOR", "").strip().lower() in {"off", "0", "false"}:
        return False
    key = connection.settings_dict["NAME"]
    if key not in _available:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM information_schema.columns"
                " WHERE table_name = %s AND column_name = 'embedding'",
                [_TABLE],
            )
            _available[key] = cursor.fetchone() is not None
    return _available[key]


def pgvector_forget_availability() -> None:
    """Look for the column again (tests that add or drop it)."""
    _available.clear()


def as_literal(vector: np.ndarray) -> str:
    return "[" + ",".join(f"{float(x):.8g}" for x in np.asarray(vector).reshape(-1)) + "]"


def embeddings_store(rows: Iterable[tuple[int, np.ndarray]]) -> None:
    """Fill the pgvector column of ClaimEmbedding rows (primary key, vector)."""
    params = [(as_literal(vector), pk) for pk, vector in rows]
    if params:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {_TABLE} SET embedding = %s::vector WHERE id = %s",
                params,
            )


class PgVectorIndex:
    """What claim_similar asks of an index (contains, vector, search), answered by PostgreSQL."""

    def __init__(self, model_name: str) -> None:
        self.model_name = model_name

    def __contains__(self, claim_id: object) -> bool:
        return self.vectors([claim_id]) != {}  # type: ignore[list-item]

    def vector(self, claim_id: int) -> np.ndarray:
        return self.vectors([claim_id])[claim_id]

    def vectors(self, claim_ids: Sequence[int]) -> dict[int, np.ndarray]:
        rows = ClaimEmbedding.objects.filter(
            model_name=self.model_name, claim_id__in=list(claim_ids)
        ).values_list("claim_id", "vector")
        return {claim_id: np.frombuffer(bytes(data), dtype="<f4") for claim_id, data in rows}

    def search(
        self, vector: np.ndarray, k: int = 10, exclude: set[int] | None = None
    ) -> list[tuple[int, float]]:
        """The `k` nearest claims by cosine, best first, through the HNSW index."""
        excluded = sorted(exclude or ())
        sql = (
            f"SELECT claim_id, 1 - (embedding <=> %s::vector) FROM {_TABLE}"
            " WHERE model_name = %s AND embedding IS NOT NULL AND NOT (claim_id = ANY(%s))"
            " ORDER BY embedding <=> %s::vector LIMIT %s"
        )
        literal = as_literal(vector)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL hnsw.ef_search = {max(EF_SEARCH, k)}")
            cursor.execute("SET LOCAL hnsw.iterative_scan = relaxed_order")
            cursor.execute(sql, [literal, self.model_name, excluded, literal, k])
            found = [(int(claim_id), float(score)) for claim_id, score in cursor.fetchall()]
        found.sort(key=lambda item: (-item[1], item[0]))  # relaxed order: sort the few found
        return found
