"""The process-wide index against the table: out-of-order commits, snapshots, catching up."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from claims import matching, matching_services
from claims.models import Claim, ClaimEmbedding, Letter

pytestmark = pytest.mark.django_db

_LEXICAL = matching.LexicalEmbedder()
TOPICS = [
    "Missiles struck the central hospital in Kharkiv",
    "The Lachin corridor was blocked to food deliveries",
    "Drones attacked the port of Odesa overnight",
    "Shelling damaged a school in Donetsk",
    "The Council adopted its annual budget",
]


@pytest.fixture(autouse=True)
def lexical_index(monkeypatch, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    monkeypatch.setattr(matching_services, "embedder", lambda: _LEXICAL)
    matching_services.matching_index_reset()
    yield
    matching_services.matching_index_reset()


def make_claims(count: int) -> list[Claim]:
    letter = Letter.objects.create(
        symbol="S/2024/1", symbols=["S/2024/1"], sender="Ukraine", letter_date=date(2024, 3, 7),
        text="x", status="ready",
    )  # fmt: skip
    return [
        Claim.objects.create(letter=letter, start=0, end=1, quote=TOPICS[i]) for i in range(count)
    ]


def store(claim: Claim, pk: int | None = None) -> ClaimEmbedding:
    vector = _LEXICAL.embed([claim.quote])[0]
    return ClaimEmbedding.objects.create(
        pk=pk, claim=claim, model_name=_LEXICAL.name, vector=vector.astype("<f4").tobytes()
    )


def test_a_vector_committed_with_a_lower_id_after_a_higher_one_is_still_indexed():
    early, late = make_claims(2)
    store(late, pk=6)  # another worker took id 5 but has not committed yet
    index = matching_services.matching_index()
    assert late.pk in index and early.pk not in index

    store(early, pk=5)  # ... and now it commits

    assert early.pk in matching_services.matching_index()
    found = matching_services.matching_index().search(_LEXICAL.embed([early.quote])[0], k=1)
    assert found[0][0] == early.pk


def test_a_new_process_loads_the_snapshot_and_catches_up_from_the_table(monkeypatch):
    monkeypatch.setattr(matching_services, "SNAPSHOT_EVERY", 3)
    claims = make_claims(5)
    for claim in claims[:3]:
        store(claim)
    first = matching_services.matching_index()  # takes in 3 rows: writes the snapshot
    assert matching_services._snapshot_path(_LEXICAL).is_symlink()
    for claim in claims[3:]:
        store(claim)

    matching_services._CACHE.indexes.clear()  # a new process, same var/ directory
    built_from_table = []
    monkeypatch.setattr(
        matching_services, "_index_catch_up",
        _spy(matching_services._index_catch_up, built_from_table),
    )  # fmt: skip
    second = matching_services.matching_index()

    assert second is not first
    assert sorted(second.ids) == sorted(claim.pk for claim in claims)
    assert built_from_table == [2]  # only the two rows stored after the snapshot
    np.testing.assert_array_equal(second.vector(claims[0].pk), first.vector(claims[0].pk))


def test_a_snapshot_of_another_database_state_is_ignored(monkeypatch):
    monkeypatch.setattr(matching_services, "SNAPSHOT_EVERY", 1)
    claims = make_claims(3)
    for claim in claims:
        store(claim)
    matching_services.matching_index()
    ClaimEmbedding.objects.filter(claim=claims[-1]).update(vector=np.zeros(512, "<f4").tobytes())

    matching_services._CACHE.indexes.clear()
    index = matching_services.matching_index()

    assert not index.vector(claims[-1].pk).any()  # rebuilt from the table, not the snapshot


def _spy(function, calls: list):
    def wrapper(*args, **kwargs):
        taken = function(*args, **kwargs)
        calls.append(taken)
        return taken

    return wrapper
