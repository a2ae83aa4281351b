"""Sniffing decides by structure: a header where the format puts it, not a magic string
anywhere in the first kilobyte."""

from __future__ import annotations

import random

import pytest

from claims.ingest import IngestError, expand_upload, read_document, sniff_media_type
from claims.ingest.sniff import DOCX, PDF, TEXT
from tests.hostile import generate
from tests.ingest.builders import docx_bytes, pdf_bytes


def test_a_pdf_header_after_junk_within_the_first_kilobyte_is_still_a_pdf() -> None:
    data = b"\x00junk from a mail gateway\r\n" * 10 + pdf_bytes(["Letter dated 8 January 2025"])
    assert sniff_media_type(data) == PDF


def test_text_that_mentions_the_pdf_magic_is_text() -> None:
    assert sniff_media_type(generate.mentions_pdf_magic()) == TEXT


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_unicode_without_a_byte_order_mark_is_read_as_text(encoding: str) -> None:
    text = "Lettre datée du 4 juin 2025, adressée au Président du Conseil de sécurité\n" * 3
    read = read_document(text.encode(encoding), name="lettre.txt")
    assert read.media_type == TEXT and read.raw_text == text and read.encoding == encoding


def test_random_bytes_are_still_binary() -> None:
    with pytest.raises(IngestError) as caught:
        read_document(random.Random(3).randbytes(30_000), name="x.txt")
    assert caught.value.code == "binary"


def test_a_plain_word_document_is_docx_and_a_macro_enabled_one_is_refused_by_name() -> None:
    assert sniff_media_type(docx_bytes(["Letter"])) == DOCX
    with pytest.raises(IngestError) as caught:
        sniff_media_type(generate.macro_docm_renamed(), "letter.docx")
    assert caught.value.code == "macro_enabled"
    assert "macro-enabled documents are not accepted" in caught.value.message


def test_a_symbolic_link_in_a_zip_refuses_the_archive() -> None:
    with pytest.raises(IngestError) as caught:
        expand_upload("letters.zip", generate.symlink_member_zip())
    assert caught.value.code == "unsafe_member" and "passwd.txt" in caught.value.message


def test_a_file_too_small_to_be_a_letter_is_refused_with_its_size() -> None:
    with pytest.raises(IngestError) as caught:
        read_document(b"%", name="tiny.pdf")
    assert caught.value.code == "too_small" and "1 byte;" in caught.value.message
