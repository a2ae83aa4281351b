"""The claims side of matching: one stored vector per claim, and similar claims ranked.

`claims_embed` stores vectors (ClaimEmbedding) and then asks for the matching task by name
(`verification.tasks.claims_match_task`), which records suggestions, links and
incidents. `claims` never imports `verification`: docs/decisions/0002-matching-dependency.md.

Each process keeps one VectorIndex per embedding model, built lazily from the stored rows and
brought up to date incrementally (rows with a higher id than the last one seen) on every use.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
from celery import current_app
from django.conf import settings
from django.db import transaction
from django.db.models import Max

from claims import matching
from claims.models import Claim, ClaimEmbedding, ClaimKind

MATCH_TASK = "verification.tasks.claims_match_task"
CANDIDATES = 50  # nearest neighbours re-scored per claim
DATED_CANDIDATES = 200  # claims dated within a day, re-scored even when worded differently


@dataclass(frozen=True)
class SimilarClaim:
    claim_id: int
    score: float
    lexical: float
    semantic: float
    structured: float
    reasons: tuple[str, ...]


def embedder() -> matching.Embedder:
    """The packaged sentence model when the `semantic` extra is installed, else the fallback."""
    return matching.default_embedder()


def thresholds() -> matching.Thresholds:
    """WORKBENCH_MATCH_SUGGEST / _LINK when set, else the measured ones for the embedder."""
    measured = matching.thresholds_for(embedder())
    suggest = settings.WORKBENCH_MATCH_SUGGEST
    link = settings.WORKBENCH_MATCH_LINK
    return matching.Thresholds(
        suggest=measured.suggest if suggest is None else suggest,
        link=measured.link if link is None else link,
    )


def claim_features(claim: Claim) -> matching.ClaimFeatures:
    """What the matcher compares; `claim.letter` should be loaded with the claim."""
    return matching.ClaimFeatures(
        claim_id=claim.pk,
        letter_id=claim.letter_id,
        text=claim.quote or claim.restatement,
        event_date=claim.event_date,
        places=tuple(claim.places or ()),
        actors=tuple(claim.actors or ()),
        claim_type=claim.claim_type,
        kind=claim.kind,
        sender=claim.letter.sender or None,
    )


FEATURE_FIELDS = (
    "id",
    "letter_id",
    "quote",
    "restatement",
    "event_date",
    "places",
    "actors",
    "claim_type",
    "kind",
    "letter__sender",
)


def live_claims():
    return Claim.objects.live()


def claims_with_features():
    """Live claims with just what `claim_features` reads (never the letters' full texts)."""
    return live_claims().select_related("letter").only(*FEATURE_FIELDS)


# ---- Embeddings ------------------------------------------------------------------------------


def claims_embed(*, claim_ids: list[int], request_matching: bool = True) -> list[int]:
    """Embed and store the claims not yet embedded with the current model; then ask for matching
    (unless the caller runs it itself).

    Idempotent: a redelivered task finds the vectors stored and does nothing. Returns the ids
    embedded now."""
    model = embedder()
    done = set(
        ClaimEmbedding.objects.filter(claim_id__in=claim_ids, model_name=model.name).values_list(
            "claim_id", flat=True
        )
    )
    claims = list(
        live_claims()
        .filter(pk__in=claim_ids)
        .exclude(pk__in=done)
        .only("id", "quote", "restatement")
        .order_by("id")
    )
    if not claims:
        return []
    vectors = model.embed([claim.quote or claim.restatement for claim in claims])
    with transaction.atomic():
        # A vector from another model is replaced by a new row, so the id watermark of every
        # process's index sees it.
        ClaimEmbedding.objects.filter(claim__in=claims).delete()
        ClaimEmbedding.objects.bulk_create(
            ClaimEmbedding(claim=claim, model_name=model.name, vector=_to_bytes(vector))
            for claim, vector in zip(claims, vectors, strict=True)
        )
        embedded = [claim.pk for claim in claims]
        if request_matching:
            transaction.on_commit(lambda: _request_matching(embedded))
    return embedded


def _request_matching(claim_ids: list[int]) -> None:
    """Run the verification app's matching task by name: inline when it is registered here and
    Celery runs eagerly, through the broker otherwise."""
    current_app.signature(MATCH_TASK, args=[claim_ids]).delay()


def _to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def _from_bytes(data: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype="<f4")


# ---- The process-wide index ------------------------------------------------------------------


class _IndexCache:
    """One VectorIndex per model name and the highest ClaimEmbedding id already added to it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.indexes: dict[str, tuple[matching.VectorIndex, int]] = {}


_CACHE = _IndexCache()


def matching_index(model: matching.Embedder | None = None) -> matching.VectorIndex:
    """The index of every stored vector of `model`, updated with rows stored since last use."""
    model = model or embedder()
    with _CACHE.lock:
        index, seen = _CACHE.indexes.get(model.name, (matching.VectorIndex(model.dim), 0))
        stored = ClaimEmbedding.objects.filter(model_name=model.name)
        if seen and (stored.aggregate(last=Max("pk"))["last"] or 0) < seen:
            index, seen = matching.VectorIndex(model.dim), 0  # the table went back: rebuild
        rows = stored.filter(pk__gt=seen).order_by("pk").values_list("pk", "claim_id", "vector")
        for chunk in _chunks(rows.iterator(chunk_size=2000), 2000):
            index.add([claim_id for _, claim_id, _ in chunk], _matrix(chunk, model.dim))
            seen = chunk[-1][0]
        _CACHE.indexes[model.name] = (index, seen)
        return index


def matching_index_forget(claim_ids: Iterable[int]) -> None:
    """Drop vectors of claims that are gone (deleted, or soft-deleted) from every cached index."""
    ids = list(claim_ids)
    with _CACHE.lock:
        for index, _ in _CACHE.indexes.values():
            index.remove(ids)


def matching_index_reset() -> None:
    """Forget the cached indexes (tests; after restoring a database)."""
    with _CACHE.lock:
        _CACHE.indexes.clear()


def _chunks(rows, size: int):
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _matrix(chunk: list, dim: int) -> np.ndarray:
    matrix = np.zeros((len(chunk), dim), dtype=np.float32)
    for row, (_, _, data) in enumerate(chunk):
        matrix[row] = _from_bytes(data)
    return matrix


# ---- Similar claims --------------------------------------------------------------------------


def claim_similar(*, claim_id: int, k: int = 10) -> list[SimilarClaim]:
    """Claims of other letters like this one, best first, with the reasons; [] if not embedded."""
    index = matching_index()
    if claim_id not in index:
        return []
    vector = index.vector(claim_id)
    proposed = [other for other, _ in index.search(vector, CANDIDATES, {claim_id})]
    target = claims_with_features().filter(pk=claim_id).first()
    if target is None:
        return []
    dated = [other for other in _dated_near(target) if other in index]
    features = {
        claim.pk: claim_features(claim)
        for claim in claims_with_features().filter(pk__in={*proposed, *dated})
    }
    features[claim_id] = claim_features(target)
    matching_index_forget(set(proposed) - set(features))
    ranked = matching.find_similar(
        features[claim_id],
        vector,
        index,
        features,
        k=k,
        candidates=CANDIDATES,
        min_score=thresholds().suggest,
        extra_candidates=dated,
    )
    return [
        SimilarClaim(other, m.score, m.lexical, m.semantic, m.structured, m.reasons)
        for other, m in ranked
    ]


def _dated_near(claim: Claim) -> list[int]:
    """Specific claims of other letters dated within a day: a reply about the same incident may
    share its date and place but few words."""
    if claim.event_date is None or claim.kind != ClaimKind.SPECIFIC:
        return []
    day = timedelta(days=1)
    return list(
        live_claims()
        .filter(
            kind=ClaimKind.SPECIFIC,
            event_date__range=(claim.event_date - day, claim.event_date + day),
        )
        .exclude(letter_id=claim.letter_id)
        .order_by("-id")
        .values_list("pk", flat=True)[:DATED_CANDIDATES]
    )
