"""Broken, hostile and oversized uploads are refused quickly, in bounded memory, with a code a
program can branch on and a message a person can act on."""

from __future__ import annotations

import random
import time
import tracemalloc
from collections.abc import Callable

import pytest

from claims.ingest import IngestError, expand_upload, read_document, sniff_media_type
from tests.ingest.builders import (
    docx_bytes,
    pdf_bytes,
    with_extra_member,
    zeros_member_zip,
    zip_bytes,
)

LETTER_TEXT = "Letter dated 8 January 2025 from the Permanent Representative of Ukraine."
# A deadline against runaway work (a zip bomb expanding for minutes), not a speed target: it
# holds on a loaded machine. The memory bound is what catches a bomb early.
MAX_SECONDS = 60.0
MAX_PEAK_BYTES = 60 * 1024 * 1024


def refused(call: Callable[[], object]) -> IngestError:
    """Run `call`, expect an IngestError, and check it came fast and without a memory spike."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(IngestError) as caught:
            call()
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert time.perf_counter() - started < MAX_SECONDS
    assert peak < MAX_PEAK_BYTES, f"peak memory {peak:,} bytes"
    error = caught.value
    assert len(error.message) > 20 and error.message[0].isupper() and error.message.endswith(".")
    return error


def test_empty_file_is_refused_as_empty() -> None:
    assert refused(lambda: read_document(b"", name="letter.pdf")).code == "empty"


def test_random_binary_junk_is_refused_as_binary() -> None:
    junk = random.Random(7).randbytes(20_000)
    assert refused(lambda: read_document(junk, name="letter.txt")).code == "binary"


def test_text_with_nul_bytes_is_refused_as_binary() -> None:
    assert refused(lambda: read_document(b"Hello\x00world" * 100)).code == "binary"


def test_legacy_word_file_is_refused_as_unsupported_type() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000)
    error = refused(lambda: read_document(ole, name="letter.doc"))
    assert error.code == "unsupported_type"
    assert ".doc" in error.message


def test_encrypted_pdf_is_refused_with_its_own_code() -> None:
    locked = pdf_bytes([LETTER_TEXT], password="secret")
    error = refused(lambda: read_document(locked, name="letter.pdf"))
    assert error.code == "encrypted_pdf"
    assert "password" in error.message


def test_truncated_pdf_is_refused_as_corrupt() -> None:
    whole = pdf_bytes([LETTER_TEXT, LETTER_TEXT])
    assert refused(lambda: read_document(whole[: len(whole) // 2])).code == "corrupt_pdf"


def test_docx_zip_bomb_is_refused_before_parsing() -> None:
    bomb = zeros_member_zip(docx_bytes([LETTER_TEXT]), "word/media/image1.png", 200 * 1024 * 1024)
    assert len(bomb) < 1024 * 1024  # 200 MB of zeros squeezed into a small upload
    error = refused(lambda: read_document(bomb, name="letter.docx"))
    assert error.code == "zip_bomb"


def test_docx_with_xml_entity_declaration_is_refused() -> None:
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
    )
    hostile = with_extra_member(docx_bytes([LETTER_TEXT]), "word/document.xml", xxe)
    error = refused(lambda: read_document(hostile, name="letter.docx"))
    assert error.code == "xml_entities"


def test_docx_whose_document_part_is_garbage_is_refused_as_corrupt() -> None:
    broken = with_extra_member(docx_bytes([LETTER_TEXT]), "word/document.xml", b"<w:document")
    assert refused(lambda: read_document(broken)).code == "corrupt_docx"


def test_oversized_input_is_refused_before_reading() -> None:
    error = refused(lambda: read_document(LETTER_TEXT.encode() * 100, max_bytes=1000))
    assert error.code == "too_large"
    assert "1,000" in error.message


def test_zip_member_climbing_out_with_dotdot_is_refused() -> None:
    upload = zip_bytes({"letters/ok.txt": LETTER_TEXT.encode(), "../evil.txt": b"owned"})
    error = refused(lambda: expand_upload("upload.zip", upload))
    assert error.code == "path_traversal"
    assert "../evil.txt" in error.message


def test_zip_member_with_absolute_path_is_refused() -> None:
    upload = zip_bytes({"/etc/cron.d/evil": b"owned"})
    assert refused(lambda: expand_upload("upload.zip", upload)).code == "path_traversal"


def test_zip_member_with_windows_drive_path_is_refused() -> None:
    upload = zip_bytes({"C:\\Windows\\evil.txt": b"owned"})
    assert refused(lambda: expand_upload("upload.zip", upload)).code == "path_traversal"


def test_zip_bomb_upload_is_refused_by_compression_ratio() -> None:
    bomb = zeros_member_zip(zip_bytes({"a.txt": b"x"}), "big.txt", 200 * 1024 * 1024)
    assert refused(lambda: expand_upload("upload.zip", bomb)).code == "zip_bomb"


def test_zip_whose_members_together_expand_past_the_limit_is_refused() -> None:
    # Each member compresses only ~3x, so no single ratio is suspicious; the running byte
    # count across members is what stops it.
    words = [f"word{index}" for index in range(3000)]
    rng = random.Random(1)
    members = {
        f"letter{n}.txt": " ".join(rng.choice(words) for _ in range(40_000)).encode()
        for n in range(4)
    }
    upload = zip_bytes(members)
    limit = len(upload) + 1000
    assert sum(map(len, members.values())) > limit
    assert refused(lambda: expand_upload("upload.zip", upload, max_bytes=limit)).code == "zip_bomb"


def test_zip_inside_zip_inside_zip_is_refused() -> None:
    innermost = zip_bytes({"letter.txt": LETTER_TEXT.encode()})
    nested = zip_bytes({"level2.zip": zip_bytes({"level3.zip": innermost})})
    assert refused(lambda: expand_upload("upload.zip", nested)).code == "nested_too_deep"


def test_damaged_zip_is_refused_as_corrupt() -> None:
    upload = zip_bytes({"letter.txt": LETTER_TEXT.encode() * 50})
    damaged = upload[:30] + bytes(len(upload) - 60) + upload[-30:]
    assert refused(lambda: expand_upload("upload.zip", damaged)).code == "corrupt_zip"


def test_zip_given_to_read_document_asks_for_expansion() -> None:
    upload = zip_bytes({"letter.txt": LETTER_TEXT.encode()})
    assert sniff_media_type(upload) == "application/zip"
    assert refused(lambda: read_document(upload, name="upload.zip")).code == "unsupported_type"
