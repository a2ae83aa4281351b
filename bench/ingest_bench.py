"""Ingest throughput against a bare read, over the shared corpus (218 txt + 36 PDFs).

Run: .venv/bin/python bench/ingest_bench.py [--repeat N]

Baseline: for text, read the bytes and decode UTF-8; for PDFs, open with pypdfium2 and call
get_text_range() on every page. The ingest pipeline adds sniffing, cleaning and metadata.
"""

from __future__ import annotations

import argparse
import contextlib
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


from claims.ingest import IngestError, ingest_document  # noqa: E402

CORPUS = REPO / ".." / "shared" / "corpus"


def bare_text(data: bytes) -> str:
    return data.decode("utf-8")


def bare_pdf(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    try:
        return "\f".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()


def timed(files: list[tuple[str, bytes]], read: Callable[[bytes], object], repeat: int) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        for _, data in files:
            read(data)
    return (time.perf_counter() - started) / repeat


def run_ingest(files: list[tuple[str, bytes]], repeat: int) -> tuple[float, int, int, int]:
    """Seconds per pass, crashes (non-IngestError exceptions), refusals, needs_ocr count."""
    crashes = refusals = needs_ocr = 0
    started = time.perf_counter()
    for _ in range(repeat):
        crashes = refusals = needs_ocr = 0
        for name, data in files:
            try:
                needs_ocr += ingest_document(data, name=name).read.needs_ocr
            except IngestError:
                refusals += 1
            except Exception as error:  # the benchmark counts crashes instead of stopping
                crashes += 1
                if crashes <= 5:
                    print(f"CRASH {name}: {error!r}")
    return (time.perf_counter() - started) / repeat, crashes, refusals, needs_ocr


def peak_ingest_memory(files: list[tuple[str, bytes]]) -> int:
    tracemalloc.start()
    for name, data in files:
        with contextlib.suppress(IngestError):
            ingest_document(data, name=name)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} not found")
        return 0
    texts = [(p.name, p.read_bytes()) for p in sorted((CORPUS / "letters").glob("*.txt"))]
    pdfs = [(p.name, p.read_bytes()) for p in sorted(CORPUS.glob("pdf*/*.pdf"))]
    print(f"{'set':<6} {'files':>5} {'bare s':>8} {'ingest s':>9} {'letters/s':>10} {'x bare':>7} "
          f"{'crashes':>7} {'refused':>7} {'needs_ocr':>9} {'peak MiB':>8}")  # fmt: skip
    total_crashes = 0
    for label, files, bare in (("txt", texts, bare_text), ("pdf", pdfs, bare_pdf)):
        bare_seconds = timed(files, bare, args.repeat)
        seconds, crashes, refusals, needs_ocr = run_ingest(files, args.repeat)
        peak = peak_ingest_memory(files) / 2**20
        total_crashes += crashes
        print(f"{label:<6} {len(files):>5} {bare_seconds:>8.3f} {seconds:>9.3f} {len(files) / seconds:>10.1f} "
              f"{seconds / bare_seconds:>7.1f} {crashes:>7} {refusals:>7} {needs_ocr:>9} {peak:>8.1f}")  # fmt: skip
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"process max RSS {max_rss:.0f} MiB (repeat={args.repeat}; tracemalloc peak is per pass, Python heap only)"
    )
    return 1 if total_crashes else 0


if __name__ == "__main__":
    raise SystemExit(main())
