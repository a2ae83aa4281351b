"""Writers stream: the memory a report needs does not grow with the number of claims."""

import tempfile
import tracemalloc

import pytest

from verification.reports import get_writer
from verification.reports.synthetic import synthetic_claims


def traced_peak(fmt: str, meta, count: int) -> int:
    """Peak Python allocation while writing `count` claims to a file (not to memory)."""
    writer = get_writer(fmt)
    with tempfile.TemporaryFile() as out:
        writer.write(meta, synthetic_claims(2), out)  # lazy imports and caches first
    tracemalloc.start()
    try:
        with tempfile.TemporaryFile() as out:
            writer.write(meta, synthetic_claims(count), out)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("fmt", ["docx"])
def test_writer_memory_stays_flat_as_the_report_grows(meta, fmt):
    small, large = traced_peak(fmt, meta, 100), traced_peak(fmt, meta, 400)
    assert large < 1.5 * small, f"{fmt}: {small / 2**20:.1f} MiB -> {large / 2**20:.1f} MiB"


@pytest.mark.slow
def test_pdf_memory_per_claim_stays_small_as_the_report_grows(meta):
    """What the PDF keeps per claim until the file is written (bookmarks, object numbers and
    offsets, contents rows on disk) stays under 2 KiB (measured 1.5-1.7 KiB): under 20 MiB at
    10,000 claims. ReportLab's own registry and destinations kept about 4 KiB per claim."""
    import dataclasses

    def peak(count: int) -> int:
        sized = dataclasses.replace(meta, claim_count=count)
        writer = get_writer("pdf")
        with tempfile.TemporaryFile() as out:
            writer.write(sized, synthetic_claims(2, 1), out)
        tracemalloc.start()
        try:
            with tempfile.TemporaryFile() as out:
                writer.write(sized, synthetic_claims(count, 1), out)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = peak(40), peak(200)
    per_claim = (large - small) / 160
    assert per_claim < 2048, f"{per_claim:.0f} bytes per claim ({small} -> {large})"
