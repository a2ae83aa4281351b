"""Claim extraction throughput on the letters of ../shared/corpus/letters, less the frozen
test split of data/eval/SPLITS.md.

    .venv/bin/python bench/extraction_bench.py [--limit N] [--no-pysbd]

Cleans every letter first (claims.ingest when importable), then times extract_claims alone on
one core: claims/s, letters/s, mean ms per 6,000 characters, peak memory. The baseline is
pysbd, the sentence splitter STACK-NOTES measured on UN prose: the custom splitter's speed is
printed as a ratio to it, with the share of pysbd's sentence boundaries it reproduces.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
LETTERS = REPO_ROOT / ".." / "shared" / "corpus" / "letters"
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from claims.extraction import extract_claims  # noqa: E402
from claims.extraction.segment import skipped_regions, split_sentences  # noqa: E402


def cleaned_letters(limit: int | None) -> list[tuple[str, str]]:
    try:
        from claims.ingest import clean_text

        def clean(raw: str) -> str:
            return clean_text(raw).text
    except ImportError:
        sys.path.insert(0, str(REPO_ROOT / "scripts"))
        from eval_claims import simple_clean as clean
    from extraction_speed_bench import frozen_letters  # the frozen test split is never read

    frozen = frozen_letters()
    paths = [p for p in sorted(LETTERS.glob("*.txt")) if p.stem not in frozen][:limit]
    return [(p.name, clean(p.read_text("utf-8"))) for p in paths]


def time_extraction(letters: list[tuple[str, str]]) -> tuple[float, int, list[float]]:
    """Total seconds, claims found, and ms per 6,000 characters for each letter."""
    total, claims, per_6k = 0.0, 0, []
    for _, text in letters:
        start = time.perf_counter()
        claims += len(extract_claims(text))
        elapsed = time.perf_counter() - start
        total += elapsed
        per_6k.append(elapsed * 1000 * 6000 / max(len(text), 1))
    return total, claims, per_6k


def peak_traced_memory(letters: list[tuple[str, str]]) -> int:
    tracemalloc.start()
    for _, text in letters:
        extract_claims(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def pysbd_ends(sentences: list[str], text: str) -> set[int]:
    """Where pysbd's sentences end, as offsets into the text."""
    ends, cursor = set(), 0
    for sentence in sentences:
        found = text.find(sentence.strip(), cursor)
        if found >= 0:
            cursor = found + len(sentence.strip())
            ends.add(cursor)
    return ends


def compare_with_pysbd(letters: list[tuple[str, str]]) -> None:
    """Speed ratio, and the share of pysbd's sentence ends (outside the headings and
    signatures the custom splitter skips on purpose) that the custom splitter also makes."""
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    ours_s = theirs_s = 0.0
    agreed = compared = 0
    for _, text in letters:
        start = time.perf_counter()
        ours = {span.end for span in split_sentences(text)}
        ours_s += time.perf_counter() - start
        start = time.perf_counter()
        theirs = pysbd_ends(segmenter.segment(text), text)
        theirs_s += time.perf_counter() - start
        skipped = skipped_regions(text)
        kept = {e for e in theirs if not any(r.start < e <= r.end for r in skipped)}
        agreed += len(kept & ours)
        compared += len(kept)
    print(
        f"segmentation  custom {ours_s * 1000:.0f} ms, pysbd {theirs_s * 1000:.0f} ms "
        f"(custom {theirs_s / ours_s:.0f}x faster); custom makes {agreed / max(compared, 1):.1%} "
        "of pysbd's sentence ends outside skipped headings"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N letters")
    parser.add_argument("--no-pysbd", action="store_true", help="skip the pysbd comparison")
    args = parser.parse_args(argv)
    if not LETTERS.is_dir():
        print(f"no letters at {LETTERS}", file=sys.stderr)
        return 2
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    letters = cleaned_letters(args.limit)
    characters = sum(len(text) for _, text in letters)
    extract_claims(letters[0][1])  # warm the regular expression caches
    seconds, claims, per_6k = time_extraction(letters)
    peak = peak_traced_memory(letters)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"letters       {len(letters)} ({characters / 1e6:.2f} M characters)")
    print(f"claims        {claims} ({claims / len(letters):.1f} per letter)")
    print(f"throughput    {claims / seconds:.0f} claims/s, {len(letters) / seconds:.1f} letters/s")
    print(f"per 6,000 ch  mean {statistics.mean(per_6k):.1f} ms, max {max(per_6k):.1f} ms")
    print(f"memory        peak traced {peak / 1e6:.1f} MB, process max RSS {rss_mb:.0f} MB")
    if not args.no_pysbd:
        compare_with_pysbd(letters)
    return 0


if __name__ == "__main__":
    sys.exit(main())
