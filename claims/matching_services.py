"""The claims side of matching: one stored vector per claim, and similar claims ranked.

`claims_embed` stores vectors (ClaimEmbedding) and then asks for the matching task by name
(`verification.tasks.claims_match_task`), which records suggestions, links and
incidents. `claims` never imports `verification`: docs/decisions/0002-matching-dependency.md.

Each process keeps one VectorIndex per embedding model, loaded from a snapshot under VAR_DIR or
built from the stored rows, and brought up to date incrementally on every use (see
"The process-wide index" below).
"""

from __future__ import annotations

import hashlib
import shutil
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import numpy as np
from celery import current_app
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max, Q

from claims import matching, matching_pgvector
from claims.matching.watermark import Watermark
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
        # A vector from another model is replaced by a new row, so every process's index
        # (which fetches rows by key, claims.matching.watermark) sees it.
        ClaimEmbedding.objects.filter(claim__in=claims).delete()
        stored = ClaimEmbedding.objects.bulk_create(
            ClaimEmbedding(claim=claim, model_name=model.name, vector=_to_bytes(vector))
            for claim, vector in zip(claims, vectors, strict=True)
        )
        if matching_pgvector.pgvector_enabled(model.dim):
            matching_pgvector.embeddings_store(
                (row.pk, vector) for row, vector in zip(stored, vectors, strict=True)
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
#
# Each process keeps one VectorIndex per model, brought up to date on every use with the rows
# stored since (claims.matching.watermark: rows that commit out of key order are fetched too).
# A cold process loads the index from a snapshot under VAR_DIR/matching/ (rows, inverted lists
# and watermark, mapped from .npy files; under a second at 100,000 claims) and catches up from the table;
# building it from the table alone took 16.9 s at 100,000. Snapshots are written by whichever
# process has taken in SNAPSHOT_EVERY rows since the last one.

SNAPSHOT_EVERY = 5000  # rows taken in from the table since the last snapshot
GAP_QUERY_CHUNK = 900  # keys per `pk IN (...)` (SQLite's default limit is 999 parameters)


@dataclass
class _Cached:
    index: matching.VectorIndex
    mark: Watermark
    unsaved: int = 0  # rows taken in from the table since the snapshot


class _IndexCache:
    """One index per model name, with what it has taken in from the table."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.indexes: dict[str, _Cached] = {}


_CACHE = _IndexCache()


def matching_index(model: matching.Embedder | None = None) -> matching.VectorIndex:
    """The index of every stored vector of `model`, updated with rows stored since last use."""
    model = model or embedder()
    with _CACHE.lock:
        cached = _CACHE.indexes.get(model.name) or _index_load(model)
        stored = ClaimEmbedding.objects.filter(model_name=model.name)
        if cached.mark.high and (stored.aggregate(last=Max("pk"))["last"] or 0) < cached.mark.high:
            cached = _Cached(matching.VectorIndex(model.dim), Watermark())  # the table went back
        cached.unsaved += _index_catch_up(cached, stored, model.dim)
        _CACHE.indexes[model.name] = cached
        if cached.unsaved >= SNAPSHOT_EVERY:
            _index_save(cached, model)
        return cached.index


def _index_catch_up(cached: _Cached, stored, dim: int) -> int:
    """Add the rows above the watermark and the gaps committed since; returns how many."""
    mark = cached.mark
    gaps = sorted(mark.gaps)
    wanted = [Q(pk__gt=mark.high)] + [
        Q(pk__in=gaps[start : start + GAP_QUERY_CHUNK])
        for start in range(0, len(gaps), GAP_QUERY_CHUNK)
    ]
    taken = 0
    for condition in wanted:
        rows = stored.filter(condition).order_by("pk").values_list("pk", "claim_id", "vector")
        for chunk in _chunks(rows.iterator(chunk_size=2000), 2000):
            cached.index.add([claim_id for _, claim_id, _ in chunk], _matrix(chunk, dim))
            mark.observe([pk for pk, _, _ in chunk], stamp=_snapshot_stamp(), now=time.time())
            taken += len(chunk)
    if mark.gaps:
        horizon = _settled_horizon()  # one query, however many gaps
        mark.settle(lambda stamp: stamp <= horizon, now=time.time())
    return taken


def _snapshot_stamp() -> int:
    """PostgreSQL: the first transaction id not yet started; other databases: 0."""
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint")
        return int(cursor.fetchone()[0])


def _settled_horizon() -> int:
    """Stamps up to this one are settled: every transaction running then has ended.

    PostgreSQL: the oldest transaction still running. SQLite runs one writer at a time and
    assigns keys inside it, so its keys commit in order: every stamp (0) is settled, and a gap
    is dropped once the grace period has passed."""
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
        return int(cursor.fetchone()[0])


def _snapshot_path(model: matching.Embedder) -> Path:
    database = settings.DATABASES["default"]
    where = f"{connection.vendor}|{database.get('HOST')}|{database.get('PORT')}|{database['NAME']}"
    key = hashlib.sha256(where.encode()).hexdigest()[:16]
    return Path(settings.VAR_DIR) / "matching" / f"{key}-{model.name}"


def _index_load(model: matching.Embedder) -> _Cached:
    """The index saved by any process for this database and model, if it still matches the
    table (its last row is there, unchanged); else an empty one to fill from the table."""
    path = _snapshot_path(model)
    try:
        index, meta = matching.VectorIndex.load(path)
    except (OSError, ValueError, KeyError):
        return _Cached(matching.VectorIndex(model.dim), Watermark())
    mark = Watermark.from_json(meta["watermark"])
    last = ClaimEmbedding.objects.filter(pk=meta["last_pk"], model_name=model.name).first()
    if (
        index.dim != model.dim
        or last is None
        or last.claim_id not in index
        or not np.allclose(index.vector(last.claim_id), _from_bytes(last.vector), atol=1e-6)
    ):
        return _Cached(matching.VectorIndex(model.dim), Watermark())
    return _Cached(index, mark)


def _index_save(cached: _Cached, model: matching.Embedder) -> None:
    """Snapshot the index for the other processes (and this one's next start)."""
    last = ClaimEmbedding.objects.filter(model_name=model.name, pk__lte=cached.mark.high)
    last_pk = last.aggregate(last=Max("pk"))["last"]
    if last_pk is None:
        return
    meta = {"watermark": cached.mark.to_json(), "last_pk": last_pk}
    cached.index.save(_snapshot_path(model), meta)
    cached.unsaved = 0


def matching_index_forget(claim_ids: Iterable[int]) -> None:
    """Drop vectors of claims that are gone (deleted, or soft-deleted) from every cached index."""
    ids = list(claim_ids)
    with _CACHE.lock:
        for cached in _CACHE.indexes.values():
            cached.index.remove(ids)


def matching_index_reset() -> None:
    """Forget the cached indexes and their snapshots (tests; after restoring a database)."""
    with _CACHE.lock:
        _CACHE.indexes.clear()
        shutil.rmtree(Path(settings.VAR_DIR) / "matching", ignore_errors=True)


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
    index = _nearest_source()
    if claim_id not in index:
        return []
    vector = index.vector(claim_id)
    proposed = [other for other, _ in index.search(vector, CANDIDATES, {claim_id})]
    target = claims_with_features().filter(pk=claim_id).first()
    if target is None:
        return []
    near = _dated_near(target)
    vectors = _candidate_vectors(index, [claim_id, *proposed, *near])
    dated = [other for other in near if other in vectors]
    features = {
        claim.pk: claim_features(claim)
        for claim in claims_with_features().filter(pk__in={*proposed, *dated})
    }
    features[claim_id] = claim_features(target)
    matching_index_forget(set(proposed) - set(features))
    ranked = matching.find_similar(
        features[claim_id],
        vector,
        index,  # type: ignore[arg-type]  # PgVectorIndex answers search() alike
        features,
        vectors,
        k=k,
        candidates=CANDIDATES,
        min_score=thresholds().suggest,
        extra_candidates=dated,
    )
    return [
        SimilarClaim(other, m.score, m.lexical, m.semantic, m.structured, m.reasons)
        for other, m in ranked
    ]


def _nearest_source() -> matching.VectorIndex | matching_pgvector.PgVectorIndex:
    """PostgreSQL's HNSW index when the pgvector column is there, else this process's index."""
    model = embedder()
    if matching_pgvector.pgvector_enabled(model.dim):
        return matching_pgvector.PgVectorIndex(model.name)
    return matching_index(model)


def _candidate_vectors(index, claim_ids: list[int]) -> dict[int, np.ndarray]:
    """The vectors of the candidates that have one: one query for pgvector, memory otherwise."""
    if isinstance(index, matching_pgvector.PgVectorIndex):
        return index.vectors(claim_ids)
    return {claim_id: index.vector(claim_id) for claim_id in claim_ids if claim_id in index}


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
