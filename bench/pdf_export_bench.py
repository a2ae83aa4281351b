"""PDF export through the export job: seconds and memory per report size, with baselines.

    .venv/bin/python bench/pdf_export_bench.py                       # 100, 1,000, 5,000, 10,000
    .venv/bin/python bench/pdf_export_bench.py --sizes 100,1000      # a quicker look
    .venv/bin/python bench/pdf_export_bench.py --sizes 100,2000 --tracemalloc

Builds the largest size of claims (3 evidence items each, Arabic, Cyrillic and Latin places)
in a throwaway SQLite database, then for each size requests a PDF export the way the exports
page does (verification.services export_request -> on commit -> the Celery task, run eagerly
in the process) in a forked child, so its peak RSS is its own. Printed per size:

  job      seconds and CPU seconds of the whole job (query, ReportClaims, layout, file, hash),
           peak RSS growth over the child's RSS when the job starts
  writer   the baseline: the PDF writer alone on as many synthetic claims (no database)
  read     pdftotext reading the job's file back (a fixed-cost reference for the machine)
  load     the 1-minute load average before and after (the machine is shared: compare CPU
           seconds, and the job against the writer measured in the same run)

Goals (issue "Exports with flat memory through the job"): growth under 20 MiB from 100 to
10,000 claims, and a 10,000-claim PDF under 60 s. --tracemalloc adds the top allocation sites
of the job at the largest size (slower: its seconds are not comparable).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import exports_bench  # noqa: E402  (setup_django and build: the same data as that benchmark)

CLAIMS_PER_LETTER = 20  # exports_bench.build: letters of 20 claims, one letter a day
GROWTH_BUDGET_MIB = 20.0
TIME_BUDGET_SECONDS = 60.0


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scope_for(size: int) -> dict:
    last = date(2025, 1, 1) + timedelta(days=size // CLAIMS_PER_LETTER - 1)
    return {"filters": {"date_to": last.isoformat()}}


def _job_child(size: int, trace: bool, queue) -> None:
    import tracemalloc

    from django.contrib.auth import get_user_model
    from django.db import connections

    from verification.models import ExportJob
    from verification.services import exports

    connections.close_all()
    editor = get_user_model().objects.get(username="bench-editor")
    start_rss = rss_mib()
    top: list[str] = []
    if trace:
        _snapshot_before_save(top)
        tracemalloc.start(1)
    started, cpu = time.perf_counter(), time.process_time()
    job = exports.export_request(format="pdf", scope=scope_for(size), actor=editor)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    if trace:
        top.insert(0, f"tracemalloc peak {tracemalloc.get_traced_memory()[1] / 2**20:.1f} MiB")
    job = ExportJob.objects.get(pk=job.pk)
    queue.put(
        {
            "status": job.status, "error": job.error, "claims": job.claim_count,
            "seconds": seconds, "cpu": cpu, "growth": peak_mib() - start_rss,
            "size_kib": (job.size or 0) / 1024, "path": job.file.path if job.file else "",
            "top": top,
        }
    )  # fmt: skip


def _snapshot_before_save(top: list[str]) -> None:
    """Record the largest allocation sites when the layout is done and the file not yet
    written: what the report holds per claim until then."""
    import gc
    import tracemalloc

    from verification.reports import pdf_canvas

    save = pdf_canvas.SpoolingCanvas.save

    def traced_save(canvas) -> None:
        gc.collect()
        current = tracemalloc.get_traced_memory()[0] / 2**20
        top.append(f"live before the file is written: {current:.1f} MiB; largest sites:")
        top.extend(str(stat) for stat in tracemalloc.take_snapshot().statistics("lineno")[:15])
        save(canvas)

    pdf_canvas.SpoolingCanvas.save = traced_save


def _writer_child(size: int, queue) -> None:
    """The baseline: the same writer on synthetic claims, straight to a file."""
    from verification.reports import get_writer
    from verification.reports.synthetic import synthetic_claims

    meta = _bench_meta(size)
    writer = get_writer("pdf")
    start_rss = rss_mib()
    started, cpu = time.perf_counter(), time.process_time()
    with tempfile.TemporaryFile() as out:
        writer.write(meta, synthetic_claims(size), out)
    queue.put(
        {
            "seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu,
            "growth": peak_mib() - start_rss,
        }
    )  # fmt: skip


def in_child(target, *args) -> dict:
    from django.db import connections

    connections.close_all()
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=target, args=(*args, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def read_back_seconds(path: str) -> float | None:
    if not path or shutil.which("pdftotext") is None:
        return None
    started = time.perf_counter()
    subprocess.run(["pdftotext", "-q", path, os.devnull], check=False)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--sizes", default="100,1000,5000,10000")
    parser.add_argument("--writer-sizes", default="", help="writer baseline sizes [all sizes]")
    parser.add_argument("--tracemalloc", action="store_true")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    writer_sizes = {int(s) for s in args.writer_sizes.split(",") if s} or set(sizes)
    with tempfile.TemporaryDirectory(prefix="pdf-export-bench-") as var_dir:
        exports_bench.setup_django(var_dir)
        _warm_up()
        started = time.perf_counter()
        in_child(_build_child, sizes[-1])
        print(f"built {sizes[-1]} claims, {3 * sizes[-1]} evidence items in "
              f"{time.perf_counter() - started:.0f} s; {os.cpu_count()} CPUs")  # fmt: skip
        header = (
            f"{'claims':>7} | {'job s':>7} {'cpu s':>7} {'ms/claim':>8} {'growth MiB':>10} "
            f"{'file KiB':>9} | {'writer s':>8} {'cpu s':>7} {'growth MiB':>10} | "
            f"{'read s':>6} | load before/after"
        )
        print(header)
        results = {}
        for size in sizes:
            load_before = os.getloadavg()[0]
            job = in_child(_job_child, size, False)
            if job["status"] != "done":
                print(f"{size:>7} | FAILED: {job['error']}")
                return 1
            writer = in_child(_writer_child, size) if size in writer_sizes else None
            read = read_back_seconds(job["path"])
            results[size] = job
            writer_text = (
                f"{writer['seconds']:>8.1f} {writer['cpu']:>7.1f} {writer['growth']:>10.1f}"
                if writer else f"{'-':>8} {'-':>7} {'-':>10}"
            )  # fmt: skip
            print(
                f"{job['claims']:>7} | {job['seconds']:>7.1f} {job['cpu']:>7.1f} "
                f"{1000 * job['cpu'] / job['claims']:>8.1f} {job['growth']:>10.1f} "
                f"{job['size_kib']:>9.0f} | {writer_text} | "
                f"{read if read is not None else float('nan'):>6.2f} | "
                f"{load_before:.1f}/{os.getloadavg()[0]:.1f}",
                flush=True,
            )
        small, large = results[sizes[0]], results[sizes[-1]]
        growth = large["growth"] - small["growth"]
        print(f"growth {sizes[0]} -> {sizes[-1]} claims: {growth:+.1f} MiB "
              f"(goal < {GROWTH_BUDGET_MIB:.0f}); {sizes[-1]} claims in {large['seconds']:.1f} s "
              f"wall, {large['cpu']:.1f} s CPU (goal < {TIME_BUDGET_SECONDS:.0f} s)")  # fmt: skip
        if args.tracemalloc:
            traced = in_child(_job_child, sizes[-1], True)
            print("\n".join(traced["top"]))
    return 0


def _warm_up() -> None:
    """Load fonts, shaping and the writers the way a worker has them after its first export,
    so each child measures the report and not one-off imports."""
    import io

    from verification.reports.pdf_writer import PdfReportWriter
    from verification.reports.synthetic import synthetic_claims

    meta = _bench_meta(2)
    PdfReportWriter().write(meta, synthetic_claims(2), io.BytesIO())


def _bench_meta(size: int):
    from datetime import UTC, datetime

    from verification.reports import ReportMeta

    return ReportMeta(
        title="Benchmark", scope="synthetic", generated_at=datetime(2026, 1, 1, tzinfo=UTC),
        generated_by="bench", organisation="Bench", organisation_url="https://bench.example",
        claim_count=size,
    )  # fmt: skip


def _build_child(size: int, queue) -> None:
    """Build in a child, so the parent (and every measured child forked from it) stays small."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    exports_bench.build(size, 3)
    editor = get_user_model().objects.get(username="bench-editor")
    editor.groups.add(Group.objects.get_or_create(name="editor")[0])
    queue.put({})


if __name__ == "__main__":
    raise SystemExit(main())
