from __future__ import annotations

import itertools

import numpy as np
import pytest

from claims.matching import VectorIndex


def unit_rows(count: int, dim: int = 16, seed: int = 0) -> np.ndarray:
    rows = np.random.default_rng(seed).standard_normal((count, dim)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def brute_force(ids: list[int], rows: np.ndarray, query: np.ndarray, k: int) -> list[int]:
    order = np.argsort(-(rows @ (query / np.linalg.norm(query))), kind="stable")
    return [ids[i] for i in order[:k]]


def test_search_returns_the_same_neighbours_as_brute_force():
    rows = unit_rows(500)
    ids = list(range(1000, 1500))
    index = VectorIndex(dim=16)
    index.add(ids, rows)

    for query in unit_rows(20, seed=1):
        found = index.search(query, k=10)
        assert [claim_id for claim_id, _ in found] == brute_force(ids, rows, query, 10)
        assert all(a[1] >= b[1] for a, b in itertools.pairwise(found))


def test_removed_claims_are_never_returned_and_the_rest_still_are():
    rows = unit_rows(300)
    index = VectorIndex(dim=16)
    index.add(list(range(300)), rows)
    removed = set(range(0, 300, 3))

    index.remove(sorted(removed))
    index.remove([0, 99_999])  # already gone or never there: no error

    kept = [i for i in range(300) if i not in removed]
    assert len(index) == len(kept)
    for query in unit_rows(10, seed=2):
        found = [claim_id for claim_id, _ in index.search(query, k=15)]
        assert not removed & set(found)
        assert found == brute_force(kept, rows[kept], query, 15)


def test_adding_an_existing_id_replaces_its_vector():
    rows = unit_rows(3)
    index = VectorIndex(dim=16)
    index.add([1, 2, 3], rows)

    index.add([2], -rows[0:1])

    assert len(index) == 3
    assert index.search(-rows[0], k=1)[0][0] == 2


def test_exclude_and_small_indexes():
    rows = unit_rows(3)
    index = VectorIndex(dim=16)
    assert index.search(rows[0]) == []
    index.add([7, 8, 9], rows)

    found = index.search(rows[0], k=10, exclude={7})

    assert [claim_id for claim_id, _ in found] == brute_force([8, 9], rows[1:], rows[0], 2)


def test_persisted_index_round_trips_through_bytes():
    rows = unit_rows(200)
    index = VectorIndex(dim=16)
    index.add(list(range(200)), rows)
    index.remove([5, 6, 7])

    restored = VectorIndex.from_bytes(index.to_bytes())

    assert restored.dim == 16
    assert sorted(restored.ids) == sorted(index.ids)
    query = unit_rows(1, seed=3)[0]
    assert restored.search(query, k=20) == index.search(query, k=20)


def test_wrong_shapes_are_refused():
    index = VectorIndex(dim=16)
    with pytest.raises(ValueError, match="expected"):
        index.add([1, 2], unit_rows(3))
    with pytest.raises(ValueError, match="duplicate"):
        index.add([1, 1], unit_rows(2))


def clustered_rows(count: int, dim: int = 32, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((count // 40, dim)).astype(np.float32)
    rows = centres[rng.integers(0, len(centres), count)]
    rows = rows + 0.5 * rng.standard_normal((count, dim)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_large_index_finds_nearly_all_true_neighbours_through_inverted_lists():
    rows = clustered_rows(6000)
    index = VectorIndex(dim=32, exact_below=1000, background_training=False)
    index.add(list(range(6000)), rows)
    queries = rows[::300] + 0.05

    overlap = sum(
        len(
            {i for i, _ in index.search(q, k=10)} & set(brute_force(list(range(6000)), rows, q, 10))
        )
        for q in queries
    )

    assert overlap / (10 * len(queries)) >= 0.9


def test_large_index_keeps_removals_and_later_additions_searchable():
    rows = clustered_rows(3000)
    index = VectorIndex(dim=32, exact_below=1000, background_training=False)
    index.add(list(range(2000)), rows[:2000])
    index.remove(range(0, 2000, 2))
    index.add(list(range(2000, 3000)), rows[2000:])  # assigned to the trained lists

    for claim_id in (1, 1001, 2500, 2999):
        assert index.search(rows[claim_id], k=1)[0][0] == claim_id
    assert all(claim_id % 2 or claim_id >= 2000 for claim_id in index.ids)
    assert not {0, 2, 1000} & {i for i, _ in index.search(rows[0], k=50)}


def test_training_runs_in_the_background_and_rows_changed_meanwhile_are_reassigned():
    rows = clustered_rows(3000)
    index = VectorIndex(dim=32, exact_below=1000)
    index.add(list(range(1200)), rows[:1200])  # crosses exact_below: training starts
    assert index._trainer is not None
    index.remove(range(0, 100))  # moves rows while the trainer may still read them
    index.add(list(range(1200, 1500)), rows[1200:1500])

    index._trainer.join()  # trained, not installed yet: the next call installs it

    for claim_id in (100, 1199, 1200, 1499):  # rows still unassigned are scanned: found at once
        assert index.search(rows[claim_id], k=1)[0][0] == claim_id
    assert index._trainer is None and index._centroids is not None
    index.wait_for_training()  # assigns the rest
    expected = np.argmax(index._matrix[: len(index)] @ index._centroids.T, axis=1)
    np.testing.assert_array_equal(index._lists[: len(index)], expected)  # assigned by now


def test_a_saved_index_loads_with_its_lists_and_trains_nothing(tmp_path):
    rows = clustered_rows(3000)
    index = VectorIndex(dim=32, exact_below=1000, background_training=False)
    index.add(list(range(3000)), rows)
    index.remove([7, 8])
    index.save(tmp_path / "index", {"note": "old"})
    index.save(tmp_path / "index", {"note": "kept"})  # replaces the first

    restored, meta = VectorIndex.load(tmp_path / "index", exact_below=1000)

    assert meta == {"note": "kept"}
    assert restored._trainer is None
    np.testing.assert_array_equal(restored._centroids, index._centroids)
    assert sorted(restored.ids) == sorted(index.ids)
    for query in rows[::250] + 0.05:
        assert restored.search(query, k=10) == index.search(query, k=10)
    restored.add([5000], rows[:1])  # room was saved with it: adding copies nothing
    assert restored.search(rows[0], k=2)[0][0] in {0, 5000}
    assert isinstance(restored._matrix, np.memmap)
    assert VectorIndex.load(tmp_path / "index")[0].search(rows[0], k=1)[0][0] == 0  # unchanged
