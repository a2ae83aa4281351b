"""Extraction speed: median ms per 6,000 characters against the old rules-only extractor,
and time per character on hostile input of 10 KB, 100 KB and 1 MB.

    .venv/bin/python bench/extraction_speed_bench.py [--limit N] [--baseline REV]

The baseline is the extractor as it was at REV (default: the last commit before the learned
and gazetteer mechanisms), exported with `git archive` into a temporary folder and timed in a
child process on the same letters, so the ratio is measured on the same machine at the same
moment. Letters of the frozen test split (data/eval/SPLITS.md) are never read. One core.
"""

from __future__ import annotations

import argparse
import json
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


def worker(code_root: str, payload_path: str) -> None:
    """Child process: time extract_claims from code_root on the payload's texts."""
    sys.path.insert(0, code_root)
    from claims.extraction import extract_claims

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    texts = json.loads(Path(payload_path).read_text("utf-8"))
    extract_claims(texts[0])  # load models and compile the regular expressions
    per_6k = []
    for text in texts:
        start = time.perf_counter()
        extract_claims(text)
        per_6k.append((time.perf_counter() - start) * 1000 * 6000 / max(len(text), 1))
    print(json.dumps(per_6k))


def timed_in_child(code_root: Path, texts: list[str]) -> list[float]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(texts, handle)
    result = subprocess.run(
        [sys.executable, __file__, "--worker", str(code_root), handle.name],
        capture_output=True,
        text=True,
        check=True,
    )
    os.unlink(handle.name)
    return json.loads(result.stdout)


def export_baseline(rev: str, into: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(REPO_ROOT), "archive", rev, "claims/__init__.py", "claims/extraction"],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


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
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(*args.worker)
        return 0
    if not LETTERS.is_dir():
        print(f"no letters at {LETTERS}", file=sys.stderr)
        return 2
    texts = cleaned_letters(args.limit)
    current = statistics.median(timed_in_child(REPO_ROOT, texts))
    with tempfile.TemporaryDirectory() as folder:
        baseline = statistics.median(
            timed_in_child(export_baseline(args.baseline, Path(folder)), texts)
        )
    print(f"letters            {len(texts)} (test split left out)")
    print(
        f"median per 6,000 ch  current {current:.1f} ms, baseline {baseline:.1f} ms "
        f"({args.baseline}); ratio {current / baseline:.2f}"
    )
    print("hostile input, microseconds per character at 10 KB, 100 KB, 1 MB:")
    hostile_report()
    return 0


if __name__ == "__main__":
    sys.exit(main())
