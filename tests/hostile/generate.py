"""The hostile corpus, generated: each case is built from code (no binary blobs in the
repository) and carries the outcome it must have.

    python -m tests.hostile.generate OUT_DIR     # write every case to OUT_DIR, with a manifest
    python -m tests.hostile.generate --measure   # read each through the sandbox; print costs

A case is either accepted (`code` is None) or refused with an ingest error code and a phrase the
message must contain.
"""

from __future__ import annotations

import io
import json
import stat
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

LETTER = (
    "United Nations S/2025/999\n\nSecurity Council Distr.: General\n5 June 2025\n\n"
    "Original: English\n\n"
    "Letter dated 4 June 2025 from the Permanent Representative of Ukraine to the United "
    "Nations addressed to the President of the Security Council\n\n"
    "On 3 June 2025, the armed forces of the Russian Federation shelled the city of Kharkiv, "
    "killing four civilians and damaging a hospital.\n\n"
    "I should be grateful if the present letter could be circulated as a document of the "
    "Security Council.\n"
)


@dataclass(frozen=True)
class Case:
    name: str  # what the case is, for test ids
    filename: str  # the name it is uploaded under
    build: Callable[[], bytes]
    code: str | None  # None: accepted; else the ingest error code of the refusal
    message: str = ""  # a phrase the refusal message contains


# --- PDF --------------------------------------------------------------------------------------


def pdf_from_objects(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF with a correct cross-reference table; objects[i] is object number i + 1."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\n" % (len(objects) + 1, root))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def _stream(content: bytes, compress: bool = False) -> bytes:
    if compress:
        content = zlib.compress(content, 9)
        return (
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
            + content
            + (b"\nendstream")
        )
    return b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _text_ops(lines: list[str]) -> bytes:
    ops = [b"BT /F1 10 Tf 50 800 Td 12 TL"]
    ops += [b"(" + line.encode("latin-1") + b") '" for line in lines]
    return b"\n".join([*ops, b"ET"])


def page_bomb_pdf(levels: int = 6, fan_out: int = 10) -> bytes:
    """About 2 KB declaring fan_out ** levels pages: every level's /Kids lists the same node
    `fan_out` times, so the tree is tiny and the page count enormous."""
    # 1 catalog, 2 font, 3 content, 4.. the page tree from the root down, last: the page.
    objects = [b"<< /Type /Catalog /Pages 4 0 R >>", _FONT, _stream(_text_ops([LETTER[:60]]))]
    for level in range(levels):
        number = 4 + level
        kids = b" ".join([b"%d 0 R" % (number + 1)] * fan_out)
        parent = b" /Parent %d 0 R" % (number - 1) if level else b""
        count = fan_out ** (levels - level)
        objects.append(b"<< /Type /Pages /Kids [%s] /Count %d%s >>" % (kids, count, parent))
    objects.append(
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
        b"/Resources << /Font << /F1 2 0 R >> >> >>" % (3 + levels)
    )
    return pdf_from_objects(objects)


def many_pages_pdf(pages: int = 1_500, lines: int = 60) -> bytes:
    """Many pages sharing one content stream of dense text: small file, millions of characters."""
    text = _text_ops(["The quick brown fox jumps over the lazy dog again and again. " * 2] * lines)
    objects = [b"<< /Type /Catalog /Pages 4 0 R >>", _FONT, _stream(text, compress=True)]
    first_page = 5
    kids = b" ".join(b"%d 0 R" % (first_page + index) for index in range(pages))
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages))
    page = (
        b"<< /Type /Page /Parent 4 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
        b"/Resources << /Font << /F1 2 0 R >> >> >>"
    )
    objects.extend([page] * pages)
    return pdf_from_objects(objects)


def compressed_stream_pdf(megabytes: int = 400) -> bytes:
    """One page whose content stream is about 400 KB compressed and `megabytes` inflated.

    Built fast: one megabyte of spaces is deflated once after a full flush (so the block does
    not depend on what came before) and repeated, inside a zlib wrapper with the right
    checksum."""
    prefix = b"BT /F1 10 Tf 50 800 Td (Letter) Tj "
    spaces = b" " * (1024 * 1024)
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = raw.compress(prefix) + raw.flush(zlib.Z_FULL_FLUSH)
    block = raw.compress(spaces) + raw.flush(zlib.Z_FULL_FLUSH)
    tail = raw.compress(b" ET") + raw.flush()
    checksum = zlib.adler32(prefix)
    for _ in range(megabytes):
        checksum = zlib.adler32(spaces, checksum)
    checksum = zlib.adler32(b" ET", checksum)
    body = b"\x78\xda" + head + block * megabytes + tail + checksum.to_bytes(4, "big")
    objects = [
        b"<< /Type /Catalog /Pages 4 0 R >>",
        _FONT,
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream",
        b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 4 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
        b"/Resources << /Font << /F1 2 0 R >> >> >>",
    ]
    return pdf_from_objects(objects)


def one_byte_pdf() -> bytes:
    return b"%"


# --- text and HTML ----------------------------------------------------------------------------


def deep_html(levels: int = 5_000) -> bytes:
    return (
        b"<!DOCTYPE html><html><body><p>Letter</p>"
        + b"<div><span>" * levels
        + b"x"
        + b"</span></div>" * levels
        + b"</body></html>"
    )


def nul_after_64k() -> bytes:
    body = (LETTER + "\n" + "The shelling continued through the night. " * 1800).encode()
    assert len(body) > 65536
    return body + b"\x00\x00 and after the NULs the letter goes on.\n"


def utf16_without_bom() -> bytes:
    return LETTER.encode("utf-16-le")


def mentions_pdf_magic() -> bytes:
    return (
        "Note on file formats: a PDF file starts with %PDF-1.7 and ends with %%EOF.\n\n" + LETTER
    ).encode()


def long_sender_letter() -> bytes:
    sender = "the " + "Special Envoy for the Coordination of Humanitarian Affairs " * 5
    return LETTER.replace(
        "the Permanent Representative of Ukraine to the United Nations", sender.strip()
    ).encode()


# --- Office and ZIP ---------------------------------------------------------------------------


def macro_docm_renamed() -> bytes:
    """A .docm (its content type says macroEnabled, it holds vbaProject.bin) named .docx."""
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="'
        'application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats'
        '.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Letter</w:t></w:r></w:p>'
        "</w:body></w:document>"
    )
    return _zip(
        {
            "[Content_Types].xml": content_types.encode(),
            "word/document.xml": document.encode(),
            "word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + bytes(512),
        }
    )


def symlink_member_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("letter.txt", LETTER)
        link = zipfile.ZipInfo("passwd.txt")
        link.create_system = 3  # Unix
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    return buffer.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


CASES: tuple[Case, ...] = (
    Case("page_bomb_pdf", "bomb.pdf", page_bomb_pdf, "too_many_pages", "declares 1,000,000 pages"),
    Case("many_pages_pdf", "many.pdf", many_pages_pdf, "too_much_text", "characters"),
    Case(
        "compressed_stream_pdf",
        "inflate.pdf",
        compressed_stream_pdf,
        "too_complex",
        "inflate to more than",
    ),
    Case("deep_html", "deep.html", deep_html, "too_complex", "levels deep"),
    Case("one_byte_pdf", "tiny.pdf", one_byte_pdf, "too_small", "1 byte"),
    Case(
        "macro_docm_renamed",
        "macro.docx",
        macro_docm_renamed,
        "macro_enabled",
        "macro-enabled documents are not accepted",
    ),
    Case("symlink_member_zip", "letters.zip", symlink_member_zip, "unsafe_member", "symbolic link"),
    Case("nul_after_64k", "nul.txt", nul_after_64k, None),
    Case("utf16_without_bom", "utf16.txt", utf16_without_bom, None),
    Case("mentions_pdf_magic", "formats.txt", mentions_pdf_magic, None),
    Case("long_sender_letter", "sender.txt", long_sender_letter, None),
)


def main(out_dir: str) -> None:
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    manifest = []
    for case in CASES:
        data = case.build()
        (folder / case.filename).write_bytes(data)
        manifest.append({"file": case.filename, "bytes": len(data), "code": case.code})
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2))


def measure() -> None:
    """Each case read as an upload is (expand_upload, then the sandbox), one child per case so
    the child's peak memory is its own."""
    import multiprocessing

    print(
        f"{'case':24} {'bytes':>9} {'wall s':>7} {'child cpu s':>11} {'child rss MiB':>13}  outcome"
    )
    for case in CASES:
        data = case.build()
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            wall, cpu, rss, outcome = pool.apply(_measure_one, (case.filename, data))
        print(f"{case.name:24} {len(data):>9,} {wall:>7.2f} {cpu:>11.2f} {rss:>13.0f}  {outcome}")


def _measure_one(name: str, data: bytes) -> tuple[float, float, float, str]:
    import resource
    import time

    from claims.ingest import IngestError, expand_upload, read_document_bounded

    started = time.perf_counter()
    try:
        for document in expand_upload(name, data):
            read_document_bounded(document.data, document.name)
        outcome = "accepted"
    except IngestError as error:
        outcome = f"refused {error.code}"
    wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, outcome


if __name__ == "__main__":
    measure() if sys.argv[1:] == ["--measure"] else main(sys.argv[1])
