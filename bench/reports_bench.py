"""Report export speed and memory: 1,000 synthetic claims with 3,000 evidence items.

    .venv/bin/python bench/reports_bench.py [--claims N] [--evidence K] [--formats pdf,json]
                                            [--tracemalloc] [--weasyprint N]

Each format runs in a fresh process, streaming claims from a generator into a file, so the
numbers do not leak into each other: wall seconds, CPU seconds (the fair figure when other
work shares the cores; the 1-minute load average is printed), peak RSS growth over the
process after imports (ru_maxrss delta), output size, and with --tracemalloc the Python
allocation peak (tracemalloc slows the run, so its seconds are not comparable).
The PDF requirement is < 60 s for 1,000 claims on 2 cores; the verdict is printed.
--weasyprint N lays out the HTML report of N claims with WeasyPrint, the engine the PDF writer
did not choose, and scales its time to --claims for comparison.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from verification.reports import WRITERS, ReportMeta, get_writer  # noqa: E402
from verification.reports.synthetic import synthetic_claims  # noqa: E402

PDF_BUDGET_SECONDS = 60.0
META = ReportMeta(
    title="Benchmark report",
    scope="Synthetic claims",
    generated_at=datetime(2026, 1, 1, tzinfo=UTC),
    generated_by="bench",
    organisation="Bench Org",
    organisation_url="https://bench.example.org",
)


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def export_once(fmt: str, claims: int, evidence: int, trace: bool) -> dict[str, float]:
    """Runs in a child process: one export to a temporary file."""
    writer = get_writer(fmt)
    writer.write(META, synthetic_claims(2, evidence), io.BytesIO())  # warm up lazy imports
    rss_before = peak_rss_mib()
    if trace:
        tracemalloc.start()
    with tempfile.TemporaryFile() as out:
        started, cpu_started = time.perf_counter(), time.process_time()
        writer.write(META, synthetic_claims(claims, evidence), out)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        size = out.tell()
    traced_peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else float("nan")
    return {
        "seconds": seconds,
        "cpu": cpu,
        "rss_delta": peak_rss_mib() - rss_before,
        "traced_peak": traced_peak,
        "size": size / 2**20,
    }


def weasyprint_seconds(claims: int, evidence: int) -> float:
    import weasyprint

    html = io.BytesIO()
    get_writer("html").write(META, synthetic_claims(claims, evidence), html)
    started = time.perf_counter()
    weasyprint.HTML(string=html.getvalue().decode()).write_pdf(io.BytesIO())
    return time.perf_counter() - started


def run_isolated(function, *args):
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(function, *args).result()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--evidence", type=int, default=3, help="evidence items per claim")
    parser.add_argument("--formats", default=",".join(WRITERS))
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--weasyprint", type=int, default=0, metavar="N")
    args = parser.parse_args()

    load = os.getloadavg()[0]
    print(f"{args.claims} claims, {args.claims * args.evidence} evidence items; load {load:.1f}")
    print(
        f"{'format':<12}{'seconds':>9}{'cpu s':>8}{'RSS +MiB':>10}{'traced MiB':>12}{'out MiB':>9}"
    )
    results = {}
    for fmt in args.formats.split(","):
        result = run_isolated(export_once, fmt, args.claims, args.evidence, args.tracemalloc)
        results[fmt] = result
        print(
            f"{fmt:<12}{result['seconds']:>9.2f}{result['cpu']:>8.2f}{result['rss_delta']:>10.1f}"
            f"{result['traced_peak']:>12.1f}{result['size']:>9.2f}"
        )
    if "pdf" in results:
        pdf_seconds = results["pdf"]["seconds"]
        verdict = "meets" if pdf_seconds < PDF_BUDGET_SECONDS else "MISSES"
        print(
            f"PDF {pdf_seconds:.1f} s {verdict} the {PDF_BUDGET_SECONDS:.0f} s budget "
            f"({results['pdf']['cpu']:.1f} s of CPU; wall time grows with other load on the machine)"
        )
    if args.weasyprint:
        seconds = run_isolated(weasyprint_seconds, args.weasyprint, args.evidence)
        scaled = seconds * args.claims / args.weasyprint
        line = f"WeasyPrint: {args.weasyprint} claims in {seconds:.1f} s, ~{scaled:.0f} s for {args.claims}"
        if "pdf" in results:
            line += f" ({scaled / results['pdf']['seconds']:.1f}x the chosen ReportLab writer)"
        print(line)


if __name__ == "__main__":
    main()
