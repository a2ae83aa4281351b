"""The sandbox turns whatever ends the child (a refusal, the CPU cap, the memory cap, the
wall-clock kill) into an IngestError that names the limit; a good file comes back read."""

from __future__ import annotations

import pytest

from claims.ingest import IngestError, Limits, read_document_bounded
from tests.hostile import generate
from tests.ingest.builders import pdf_bytes


def test_a_good_file_is_read_in_the_child_and_plain_text_in_the_caller() -> None:
    pdf = pdf_bytes(["Letter dated 8 January 2025 from the Permanent Representative of Ukraine"])
    read = read_document_bounded(pdf, "letter.pdf")
    assert read.media_type == "application/pdf" and "8 January 2025" in read.raw_text
    read = read_document_bounded(generate.LETTER.encode(), "letter.txt")
    assert read.media_type == "text/plain" and read.raw_text == generate.LETTER


def test_a_refusal_in_the_child_keeps_its_code_and_message() -> None:
    with pytest.raises(IngestError) as caught:
        read_document_bounded(generate.page_bomb_pdf(), "bomb.pdf")
    assert caught.value.code == "too_many_pages"
    assert caught.value.message == "This PDF declares 1,000,000 pages; the limit is 2,000."


def test_the_cpu_cap_ends_a_long_parse() -> None:
    limits = Limits(max_cpu_seconds=1, max_chars=10**9)  # many pages would take ~5 s of CPU
    with pytest.raises(IngestError) as caught:
        read_document_bounded(generate.many_pages_pdf(), "many.pdf", limits)
    assert caught.value.code == "too_complex"
    assert "more than 1 second of processing" in caught.value.message


def test_the_wall_clock_kills_a_child_that_takes_too_long() -> None:
    with pytest.raises(IngestError) as caught:
        read_document_bounded(generate.many_pages_pdf(), "many.pdf", Limits(max_seconds=0.2))
    assert caught.value.code == "too_complex" and "longer than 0.2 seconds" in caught.value.message


def test_the_memory_cap_refuses_instead_of_growing() -> None:
    limits = Limits(max_memory_bytes=300 * 2**20, max_expanded_bytes=2**40)  # no inflate check
    with pytest.raises(IngestError) as caught:
        read_document_bounded(generate.compressed_stream_pdf(), "inflate.pdf", limits)
    assert caught.value.code == "too_complex" and "300 MiB" in caught.value.message
