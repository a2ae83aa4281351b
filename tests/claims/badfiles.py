"""Generated bad inputs, one per way a letter upload can go wrong."""

import io
import os
import zipfile

from pypdf import PdfWriter

from tests.conftest import REPO

SAMPLE_PDF = REPO / "sample_data" / "letters" / "S_2025_245.pdf"


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="secret", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def truncated_pdf() -> bytes:
    data = SAMPLE_PDF.read_bytes()
    return data[: len(data) // 3]


def docx_zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(300):  # 300 MB uncompressed, about 300 kB compressed
                member.write(chunk)
    return out.getvalue()


def docx_with_xxe() -> bytes:
    document = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        archive.writestr("word/document.xml", document)
    return out.getvalue()


def zip_with_traversal() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "../evil.txt", "Letter dated 1 January 2025 from the Permanent Representative"
        )
    return out.getvalue()


def binary_junk() -> bytes:
    return os.urandom(64 * 1024)
