"""An in-memory cosine index over claim vectors: exact when small, inverted lists when large."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

import numpy as np

from claims.matching.embedders import l2_normalise

EXACT_BELOW = 20_000  # rows; below this a full matrix-vector product is fast enough (~5 ms)
PROBES = 16  # inverted lists scanned per query; bench/matching_bench.py measures the recall
_TRAINING_SAMPLE = 20_000
_KMEANS_ROUNDS = 8


class VectorIndex:
    """Cosine search over L2-normalised float32 rows, keyed by claim id.

    Rows live in one contiguous matrix that grows by doubling; removing an id moves the last row
    into its slot, so add and remove cost O(dim). Below `exact_below` rows a search is one
    matrix-vector product over all rows (exact). Above it, the index clusters the rows
    (spherical k-means, about sqrt(n) lists) and a search scans only the `probes` lists whose
    centres are nearest the query: an IVF index, approximate, about 20x less memory traffic at
    100,000 rows. The lists are retrained when the index has doubled since the last training.
    """

    def __init__(self, dim: int, *, exact_below: int = EXACT_BELOW, probes: int = PROBES) -> None:
        self.dim = dim
        self.exact_below = exact_below
        self.probes = probes
        self._matrix = np.zeros((0, dim), dtype=np.float32)
        self._ids = np.zeros(0, dtype=np.int64)
        self._lists = np.zeros(0, dtype=np.int32)  # inverted list of each row, once trained
        self._centroids: np.ndarray | None = None
        self._trained_at = 0
        self._size = 0
        self._row_of: dict[int, int] = {}

    def __len__(self) -> int:
        return self._size

    def __contains__(self, claim_id: object) -> bool:
        return claim_id in self._row_of

    @property
    def ids(self) -> list[int]:
        return self._ids[: self._size].tolist()

    def vector(self, claim_id: int) -> np.ndarray:
        return self._matrix[self._row_of[claim_id]].copy()

    def add(self, ids: Sequence[int], vectors: np.ndarray) -> None:
        """Insert or replace the vectors of `ids` (rows are normalised here)."""
        vectors = np.atleast_2d(np.asarray(vectors, dtype=np.float32))
        if vectors.shape != (len(ids), self.dim):
            raise ValueError(f"expected {(len(ids), self.dim)} vectors, got {vectors.shape}")
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate ids in one add() call")
        self._store([int(claim_id) for claim_id in ids], l2_normalise(vectors))

    def remove(self, ids: Iterable[int]) -> None:
        """Drop `ids`; unknown ids are ignored so a retried delete is harmless."""
        for claim_id in ids:
            row = self._row_of.pop(claim_id, None)
            if row is None:
                continue
            last = self._size - 1
            if row != last:
                moved_id = int(self._ids[last])
                self._matrix[row] = self._matrix[last]
                self._ids[row] = moved_id
                self._lists[row] = self._lists[last]
                self._row_of[moved_id] = row
            self._size = last

    def search(
        self, vector: np.ndarray, k: int = 10, exclude: set[int] | None = None
    ) -> list[tuple[int, float]]:
        """The `k` nearest ids by cosine similarity, best first, skipping `exclude`."""
        if self._size == 0 or k <= 0:
            return []
        query = l2_normalise(np.asarray(vector, dtype=np.float32).reshape(-1))
        rows = self._rows_to_scan(query)
        candidates = self._matrix[: self._size] if rows is None else self._matrix[rows]
        # einsum runs single-threaded: on a busy 2-core machine multi-threaded BLAS spends more
        # time waking its threads than multiplying (0.1 ms vs 20+ ms p50 for 5,000 rows).
        scores = np.einsum("ij,j->i", candidates, query)
        row_ids = self._ids[: self._size] if rows is None else self._ids[rows]
        if exclude:
            scores[np.isin(row_ids, np.fromiter(exclude, dtype=np.int64))] = -np.inf
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(row_ids[i]), float(scores[i])) for i in top if np.isfinite(scores[i])]

    def to_bytes(self) -> bytes:
        """Ids and vectors as two .npy arrays; the inverted lists are retrained after loading."""
        buffer = io.BytesIO()
        np.save(buffer, self._ids[: self._size], allow_pickle=False)
        np.save(buffer, self._matrix[: self._size], allow_pickle=False)
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes, **options: int) -> VectorIndex:
        buffer = io.BytesIO(data)
        ids = np.load(buffer, allow_pickle=False)
        matrix = np.load(buffer, allow_pickle=False)
        index = cls(dim=int(matrix.shape[1]), **options)
        # Rows were normalised when added; normalising again would shift the stored floats.
        index._store(ids.tolist(), np.ascontiguousarray(matrix, dtype=np.float32))
        return index

    def _store(self, ids: list[int], unit_rows: np.ndarray) -> None:
        new_ids = [claim_id for claim_id in ids if claim_id not in self._row_of]
        self._reserve(self._size + len(new_ids))
        for claim_id in new_ids:
            self._row_of[claim_id] = self._size
            self._ids[self._size] = claim_id
            self._size += 1
        rows = np.fromiter((self._row_of[claim_id] for claim_id in ids), dtype=np.int64)
        self._matrix[rows] = unit_rows
        if self._centroids is not None and self._size < 2 * self._trained_at:
            self._lists[rows] = np.argmax(unit_rows @ self._centroids.T, axis=1)
        elif self._size >= self.exact_below:
            self._train()

    def _rows_to_scan(self, query: np.ndarray) -> np.ndarray | None:
        """Rows in the inverted lists nearest the query, or None to scan every row."""
        if self._centroids is None or self._size < self.exact_below:
            return None
        probes = min(self.probes, len(self._centroids))
        centre_scores = np.einsum("ij,j->i", self._centroids, query)
        nearest_lists = np.argpartition(-centre_scores, probes - 1)[:probes]
        return np.flatnonzero(np.isin(self._lists[: self._size], nearest_lists))

    def _train(self) -> None:
        """Spherical k-means on a sample, then assign every row to its nearest centre."""
        rows = self._matrix[: self._size]
        rng = np.random.default_rng(0)  # deterministic lists for a given content
        sample = rows[rng.choice(self._size, min(self._size, _TRAINING_SAMPLE), replace=False)]
        centroids = sample[rng.choice(len(sample), int(np.sqrt(self._size)), replace=False)]
        for _ in range(_KMEANS_ROUNDS):
            assignment = np.argmax(sample @ centroids.T, axis=1)
            sums = np.zeros_like(centroids)
            np.add.at(sums, assignment, sample)
            empty = ~sums.any(axis=1)
            sums[empty] = centroids[empty]  # keep a centre that lost all its rows
            centroids = l2_normalise(sums)
        self._centroids = centroids
        self._lists[: self._size] = self._assign(rows)
        self._trained_at = self._size

    def _assign(self, rows: np.ndarray, batch: int = 8192) -> np.ndarray:
        assert self._centroids is not None
        return np.concatenate([
            np.argmax(rows[start : start + batch] @ self._centroids.T, axis=1)
            for start in range(0, len(rows), batch)
        ]).astype(np.int32)  # fmt: skip

    def _reserve(self, needed: int) -> None:
        capacity = self._matrix.shape[0]
        if needed <= capacity:
            return
        new_capacity = max(needed, 2 * capacity, 64)
        matrix = np.zeros((new_capacity, self.dim), dtype=np.float32)
        matrix[: self._size] = self._matrix[: self._size]
        ids = np.zeros(new_capacity, dtype=np.int64)
        ids[: self._size] = self._ids[: self._size]
        lists = np.zeros(new_capacity, dtype=np.int32)
        lists[: self._size] = self._lists[: self._size]
        self._matrix, self._ids, self._lists = matrix, ids, lists
