"""Extraction speed: median ms per 6,000 characters against the old rules-only extractor,
and time per character on hostile input of 10 KB, 100 KB and 1 MB.

    .venv/bin/python bench/extraction_speed_bench.py [--limit N] [--baseline REV]

The baseline is the extractor as it was at REV (default: the last commit before the learned
and gazetteer mechanisms), exported with `git archive` into a temporary folder as the package
claims_baseline.extraction; each letter is timed with both, one right after the other (best of
three), so the ratio holds on a machine whose load changes. Letters of the frozen test split (data/eval/SPLITS.md) are never read. One core.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
LETTERS = REPO_ROOT / ".." / "shared" / "corpus" / "letters"
SPLITS = REPO_ROOT / "data" / "eval" / "SPLITS.md"
BASELINE_REV = "ee2f8b2"
HOSTILE_SIZES = (10_000, 100_000, 1_000_000)


def frozen_letters() -> set[str]:
    """Symbols of the test split ("S_2025_110"), which no benchmark may read."""
    if not SPLITS.is_file():
        return set()
    rows = (line for line in SPLITS.read_text("utf-8").splitlines() if line.startswith("| test"))
    return {name for row in rows for name in re.findall(r"S_\d{4}_\d+", row)}


def cleaned_letters(limit: int | None) -> list[str]:
    sys.path.insert(0, str(REPO_ROOT / "scripts"))
    from eval_claims import clean_letter

    frozen = frozen_letters()
    paths = [p for p in sorted(LETTERS.glob("*.txt")) if p.stem not in frozen][:limit]
    return [clean_letter(path)[0] for path in paths]


def hostile_texts(size: int) -> dict[str, str]:
    """Shapes that make naive regular expressions super-linear."""
    clause = "and the forces of the regime attacked the town of Northbridge on 4 May, "
    return {
        "one line, no punctuation": ("word " * (size // 5 + 1))[:size],
        "thousands of numbers": ("12 345 6,789 " * (size // 13 + 1))[:size],
        "repeated clauses": (clause * (size // len(clause) + 1))[:size],
        "capitals, no stops": ("Alpha Beta Gamma of the Delta " * (size // 30 + 1))[:size],
    }


def export_baseline(rev: str, into: Path) -> None:
    """The extractor at `rev` as the package `claims_baseline.extraction` under `into`."""
    archive = subprocess.run(
        ["git", "-C", str(REPO_ROOT), "archive", rev, "claims/__init__.py", "claims/extraction"],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into / "export", filter="data")
    (into / "export" / "claims").rename(into / "claims_baseline")
    for module in (into / "claims_baseline").rglob("*.py"):
        source = module.read_text("utf-8")
        module.write_text(
            source.replace("claims.extraction", "claims_baseline.extraction"), "utf-8"
        )


def alternate(texts: list[str], current, baseline) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    """ms per 6,000 characters of each extractor on each letter, the two timed one after the
    other on the same letter, best of three, so a change in the machine's load hits both."""
    ours, theirs = [], []
    for text in texts:
        for extract, into in ((current, ours), (baseline, theirs)):
            best = float("inf")
            for _ in range(3):
                start = time.perf_counter()
                extract(text)
                best = min(best, time.perf_counter() - start)
            into.append(best * 1000 * 6000 / max(len(text), 1))
    return ours, theirs


def hostile_report() -> None:
    sys.path.insert(0, str(REPO_ROOT))
    from claims.extraction import extract_claims

    for shape in hostile_texts(HOSTILE_SIZES[0]):
        cells = []
        for size in HOSTILE_SIZES:
            text = hostile_texts(size)[shape]
            start = time.perf_counter()
            extract_claims(text)
            cells.append((time.perf_counter() - start) * 1e6 / size)
        growth = cells[-1] / cells[0] if cells[0] else float("nan")
        row = "  ".join(f"{c:7.2f}" for c in cells)
        print(f"  {shape:26} {row}   (1 MB / 10 KB per-char ratio {growth:.2f})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=60, help="letters to time (default 60)")
    parser.add_argument("--baseline", default=BASELINE_REV, help="git revision of the baseline")
    parser.add_argument("--no-hostile", action="store_true", help="skip the 10 KB-1 MB inputs")
    args = parser.parse_args(argv)
    if not LETTERS.is_dir():
        print(f"no letters at {LETTERS}", file=sys.stderr)
        return 2
    texts = cleaned_letters(args.limit)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    sys.path.insert(0, str(REPO_ROOT))
    from claims.extraction import extract_claims

    with tempfile.TemporaryDirectory() as folder:
        export_baseline(args.baseline, Path(folder))
        sys.path.insert(0, folder)
        from claims_baseline.extraction import extract_claims as baseline_extract

        start = time.perf_counter()
        extract_claims(texts[0])  # loads the gazetteer and the models once per process
        cold = time.perf_counter() - start
        baseline_extract(texts[0])
        ours, theirs = alternate(texts, extract_claims, baseline_extract)
    current, baseline = statistics.median(ours), statistics.median(theirs)
    print(f"letters            {len(texts)} (test split left out)")
    print(f"first call         {cold * 1000:.0f} ms (gazetteer and models loaded once per process)")
    print(
        f"median per 6,000 ch  current {current:.1f} ms, baseline {baseline:.1f} ms "
        f"({args.baseline}); ratio {current / baseline:.2f}"
    )
    if not args.no_hostile:
        print("hostile input, microseconds per character at 10 KB, 100 KB, 1 MB:")
        hostile_report()
    return 0


if __name__ == "__main__":
    sys.exit(main())
