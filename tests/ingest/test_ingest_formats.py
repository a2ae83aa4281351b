"""Each accepted format comes out as text a reader would recognise; uploads expand safely."""

from __future__ import annotations

from claims.ingest import expand_upload, ingest_document, read_document, sniff_media_type
from tests.ingest.builders import docx_bytes, pdf_bytes, zip_bytes

PARAGRAPH = "On 1 February 2025, a guided aerial bomb struck a boarding school in Sudzha."


def test_media_type_is_judged_by_content_not_by_name() -> None:
    assert sniff_media_type(pdf_bytes([PARAGRAPH]), name="letter.txt") == "application/pdf"
    assert sniff_media_type(docx_bytes([PARAGRAPH]), name="letter.zip").endswith("document")
    assert sniff_media_type(b"<!DOCTYPE html><p>x</p>", name="a.pdf") == "text/html"
    assert sniff_media_type(PARAGRAPH.encode(), name="a.docx") == "text/plain"


def test_pdf_pages_are_separated_by_form_feeds() -> None:
    result = read_document(pdf_bytes([PARAGRAPH, "The attack destroyed the building entirely."]))
    assert result.raw_text.split("\f") == [PARAGRAPH, "The attack destroyed the building entirely."]
    assert result.page_count == 2
    assert not result.needs_ocr


def test_pdf_without_text_layer_needs_ocr_and_yields_no_text(monkeypatch) -> None:
    monkeypatch.setattr("claims.ingest.pdf.tesseract_available", lambda: False)
    result = read_document(pdf_bytes(["", ""]))
    assert result.needs_ocr and not result.ocr_used
    assert result.raw_text == ""


def test_utf8_text_keeps_typographic_characters() -> None:
    text = "Chargé d’affaires a.i. — Türkiye “quoted”"
    result = read_document(text.encode("utf-8"))
    assert result.raw_text == text
    assert result.encoding == "utf-8"


def test_utf8_bom_and_windows_line_ends_are_normalised() -> None:
    result = read_document("\ufeffFirst line\r\nSecond line\r\n".encode("utf-8"))
    assert result.raw_text == "First line\nSecond line\n"


def test_utf16_with_bom_is_decoded() -> None:
    result = read_document("Letter dated 8 January 2025 from Türkiye".encode("utf-16"))
    assert result.raw_text == "Letter dated 8 January 2025 from Türkiye"


def test_windows_1252_text_is_decoded_by_guessing() -> None:
    text = (
        "Letter from the Chargé d’affaires a.i. of Côte d’Ivoire about the “crisis” in the région."
    )
    result = read_document((text + "\n").encode("cp1252") * 5)
    assert result.raw_text.startswith(text)


def test_html_keeps_paragraphs_and_drops_scripts_and_styles() -> None:
    page = (
        b"<html><head><style>p {color: red}</style><script>var stolen = 1;</script></head>"
        b"<body><h1>Letter dated 8 January 2025</h1><p>First <b>paragraph</b>\n continues.</p>"
        b"<p>Second paragraph.<script>alert('x')</script></p><ul><li>one</li><li>two</li></ul>"
        b"<table><tr><td>Date</td><td>Event</td></tr></table></body></html>"
    )
    result = read_document(page)
    assert result.media_type == "text/html"
    assert result.raw_text.split("\n\n") == [
        "Letter dated 8 January 2025",
        "First paragraph continues.",
        "Second paragraph.",
        "one",
        "two",
        "Date Event",
    ]
    assert "alert" not in result.raw_text and "stolen" not in result.raw_text


def test_docx_yields_paragraphs_and_table_rows_in_order() -> None:
    data = docx_bytes(
        ["Letter dated 8 January 2025", PARAGRAPH], table=[["Date", "Event"], ["1 Feb", "Strike"]]
    )
    result = read_document(data)
    assert result.raw_text.split("\n\n") == [
        "Letter dated 8 January 2025",
        PARAGRAPH,
        "Date | Event",
        "1 Feb | Strike",
    ]


def test_plain_file_upload_yields_itself() -> None:
    documents = expand_upload("letter.txt", PARAGRAPH.encode())
    assert [(d.name, d.data) for d in documents] == [("letter.txt", PARAGRAPH.encode())]


def test_docx_upload_is_not_mistaken_for_an_archive() -> None:
    data = docx_bytes([PARAGRAPH])
    assert [d.name for d in expand_upload("letter.docx", data)] == ["letter.docx"]


def test_zip_upload_yields_its_documents_and_skips_folders_and_system_files() -> None:
    upload = zip_bytes(
        {
            "letters/": b"",
            "letters/a.txt": b"First letter.",
            "letters/b.pdf": pdf_bytes([PARAGRAPH]),
            "__MACOSX/letters/._a.txt": b"\x00\x05junk",
            "letters/.DS_Store": b"\x00junk",
        }
    )
    documents = expand_upload("batch.zip", upload)
    assert [d.name for d in documents] == ["letters/a.txt", "letters/b.pdf"]
    assert documents[0].data == b"First letter."


def test_zip_inside_a_zip_is_expanded_once() -> None:
    inner = zip_bytes({"inner.txt": b"Inner letter."})
    documents = expand_upload("batch.zip", zip_bytes({"outer.txt": b"Outer.", "more.zip": inner}))
    assert {d.name: d.data for d in documents} == {
        "outer.txt": b"Outer.",
        "inner.txt": b"Inner letter.",
    }


def test_ingest_document_reads_cleans_and_parses_in_one_call() -> None:
    text = (
        "S/2025/99\n\nUnited Nations\n\nSecurity Council\n\nDistr.: General\n3 March 2025\n\n"
        "Original: French\n\nLetter dated 2 March 2025 from the Permanent Representative of\n"
        "France to the United Nations addressed to the Secretary-General\n"
        "I have the honour to inform you of the following events.\n"
    )
    document = ingest_document(text.encode())
    assert document.metadata.symbol == "S/2025/99"
    assert document.metadata.sender == "France"
    assert document.metadata.original_language == "French"
    assert (
        document.clean.text.split("\n\n")[1]
        == "I have the honour to inform you of the following events."
    )


def test_pdf_without_text_layer_is_ocred_when_tesseract_is_on_path(tmp_path, monkeypatch) -> None:
    # A stand-in for the tesseract CLI: it checks it was given a rendered page image.
    fake = tmp_path / "tesseract"
    fake.write_text(
        "#!/bin/sh\n"
        'test -s "$1" || exit 3\n'
        'head -c 8 "$1" | grep -q PNG || exit 4\n'
        "echo 'Recognised text of a scanned page.'\n"
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    result = read_document(pdf_bytes(["", ""]))
    assert result.needs_ocr and result.ocr_used
    assert result.raw_text.split("\f") == ["Recognised text of a scanned page.\n"] * 2


def test_failing_ocr_leaves_the_pdf_marked_as_needing_ocr(tmp_path, monkeypatch) -> None:
    fake = tmp_path / "tesseract"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    result = read_document(pdf_bytes(["", ""]))
    assert result.needs_ocr and not result.ocr_used and result.raw_text == ""
