"""A ReportLab canvas whose memory does not grow with the number of pages.

ReportLab keeps every finished page's drawing operators in memory until `save()`, then formats
the whole file into one bytes object before writing it. This canvas compresses each page's
content as soon as the page is finished, formats the page and its link annotations there and
then, and keeps only the bytes, in a temporary file; on save it writes the PDF objects to the
output one at a time. A spooled link annotation or content stream leaves ReportLab's object
registry (three dictionary entries and a name, ~300 bytes each, ~18 per claim: 4 KiB a claim
before this) and keeps only its offset and length in two arrays (16 bytes); a spooled page
keeps its name, which the page tree and the bookmarks refer to.

The save path follows `PDFDocument.GetPDFData()` and `PDFDocument.format()` (ReportLab 4.x and
5.x); the output is the same apart from page streams being Flate only, not ASCII85 + Flate.
"""

from __future__ import annotations

import bisect
import tempfile
import zlib
from array import array
from collections.abc import Callable
from typing import Any, BinaryIO, cast

from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas


class SpooledPageStream(pdfdoc.PDFObject):
    """A page's compressed content stream, read back from the spool when the file is written."""

    __RefOnly__ = 1

    def __init__(self, spool: BinaryIO, offset: int, length: int) -> None:
        self.spool = spool
        self.offset = offset
        self.length = length

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        self.spool.seek(self.offset)
        content = document.encrypt.encode(self.spool.read(self.length))
        dictionary = pdfdoc.PDFDictionary(
            {"Filter": pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")]), "Length": len(content)}
        )
        return pdfdoc.format(dictionary, document) + b"\nstream\n" + content + b"endstream\n"


class SpooledObject(pdfdoc.PDFObject):
    """An indirect object formatted as soon as its page was finished ("n 0 obj ... endobj")."""

    __slots__ = ("length", "offset", "spool")

    def __init__(self, spool: BinaryIO, offset: int, length: int) -> None:
        self.spool = spool
        self.offset = offset
        self.length = length

    def read(self) -> bytes:
        self.spool.seek(self.offset)
        return self.spool.read(self.length)


class ReferenceRun(pdfdoc.PDFObject):
    """`count` consecutive indirect references ("12 0 R 13 0 R ...") as one array element."""

    __slots__ = ("count", "first")

    def __init__(self, first: int, count: int) -> None:
        self.first, self.count = first, count

    def format(self, document: pdfdoc.PDFDocument) -> bytes:
        return b" ".join(b"%d 0 R" % n for n in range(self.first, self.first + self.count))


class SpoolingCanvas(Canvas):
    """Canvas that spools finished pages to disk and streams the file out on save."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed in save()
        self.before_save: Callable[[Canvas], None] | None = None
        # Spool offset and length by object number of the objects that left the registry.
        self.spooled_offsets = array("q")
        self.spooled_lengths = array("q")
        # Object numbers reserved without registry entries: (first, count, make(index) -> body).
        self.reserved: list[tuple[int, int, Callable[[int], bytes]]] = []

    def reserve(self, count: int, make: Callable[[int], bytes]) -> ReferenceRun:
        """Reserve `count` object numbers whose bodies `make(i)` gives when the file is written
        (each costs nothing until then); the returned references go in an array such as a
        page's /Annots."""
        document = self._doc
        first = document.objectcounter + 1
        document.objectcounter += count
        self.reserved.append((first, count, make))
        return ReferenceRun(first, count)

    def reserved_object(self, number: int) -> bytes | None:
        index = bisect.bisect_right(self.reserved, number, key=lambda item: item[0]) - 1
        if index < 0:
            return None
        first, count, make = self.reserved[index]
        if number >= first + count:
            return None
        return b"%d 0 obj\n" % number + make(number - first) + b"\nendobj\n"

    def showPage(self) -> None:
        super().showPage()
        page = self._doc.Pages.pages[-1]
        stream = page.stream
        if stream:
            data = zlib.compress(stream.encode("utf8") if isinstance(stream, str) else stream)
            offset = self._spool.seek(0, 2)
            self._spool.write(data)
            page.Contents = SpooledPageStream(self._spool, offset, len(data))
            page.stream = None
        self._spool_page(page)

    def _spool_page(self, page: pdfdoc.PDFPage) -> None:
        """Format the page, its links and its content stream now, and keep only the bytes.

        A page that uses a form XObject defined later (the deferred summary), or a link to a
        destination not bound yet, cannot be formatted yet: it stays for the final pass.
        """
        document = self._doc
        if page.XObjects:
            return
        names = [
            ref.name for ref in page.Annots or () if isinstance(ref, pdfdoc.PDFObjectReference)
        ]
        names.append(page.__InternalName__)
        formatted: list[tuple[str, bytes]] = []
        first_new = document.objectcounter + 1
        try:
            for name in names:
                formatted.append((name, self._format_object(name)))
            number = first_new
            while number <= document.objectcounter:  # registered while formatting
                name = document.numberToId[number]
                if isinstance(document.idToObject[name], SpooledPageStream):  # not /Pages
                    formatted.append((name, self._format_object(name)))
                number += 1
        except (KeyError, ValueError):
            return
        for name, data in formatted:
            offset = self._spool.seek(0, 2)
            self._spool.write(data)
            if name == page.__InternalName__:  # the page tree and bookmarks refer to it by name
                document.idToObject[name] = SpooledObject(self._spool, offset, len(data))
            else:
                self._forget(name, offset, len(data))
        document.Pages.pages[-1] = pdfdoc.PDFObjectReference(page.__InternalName__)

    def _forget(self, name: str, offset: int, length: int) -> None:
        """Drop a formatted object from the registry; only its number and bytes remain."""
        document = self._doc
        number, _ = document.idToObjectNumberAndVersion.pop(name)
        del document.numberToId[number]
        del document.idToObject[name]
        missing = number + 1 - len(self.spooled_offsets)
        if missing > 0:
            self.spooled_offsets.extend([-1] * missing)
            self.spooled_lengths.extend([0] * missing)
        self.spooled_offsets[number] = offset
        self.spooled_lengths[number] = length

    def spooled(self, number: int) -> bytes | None:
        """The formatted object with this number if it left the registry, else None."""
        if number >= len(self.spooled_offsets) or self.spooled_offsets[number] < 0:
            return None
        self._spool.seek(self.spooled_offsets[number])
        return self._spool.read(self.spooled_lengths[number])

    def _format_object(self, name: str) -> bytes:
        return pdfdoc.PDFIndirectObject(name, self._doc.idToObject[name]).format(self._doc)

    def save(self) -> None:
        if len(self._code):
            self.showPage()
        if self.before_save is not None:
            self.before_save(self)
        try:
            _write_document(self._doc, self, self._filename)
        finally:
            self._spool.close()


def _write_document(document: pdfdoc.PDFDocument, canvas: SpoolingCanvas, out: BinaryIO) -> None:
    """`GetPDFData()` + `format()`, writing each object to `out` instead of joining them."""
    for font in document.delayedFonts:
        font.addObjects(document)
    document.info.invariant = document.invariant
    document.info.digest(document.signature)
    document.Reference(document.Catalog)
    document.Reference(document.info)
    document.Outlines.prepare(document, canvas)
    if document.Outlines.ready < 0:
        document.Catalog.Outlines = None

    document.encrypt.prepare(document)
    catalog_ref = document.Reference(document.Catalog)
    info_ref = document.Reference(document.info)
    encrypt_info = document.encrypt.info()
    encrypt_ref = document.Reference(encrypt_info) if encrypt_info else None
    written = _Output(out, document._pdfVersion)
    offsets = array("q")
    number = 0
    while number < document.objectcounter:  # objects may register objects while formatted
        number += 1
        data = canvas.spooled(number) or canvas.reserved_object(number)
        if data is None:
            oid = document.numberToId[number]
            obj = document.idToObject[oid]
            if isinstance(obj, SpooledObject):
                data = obj.read()
            else:
                data = pdfdoc.PDFIndirectObject(oid, obj).format(document)
        offsets.append(written.add(data))
    xref_offset = written.offset
    written.add(f"xref\n0 {number + 1}\n0000000000 65535 f \n")
    for start in range(0, len(offsets), 4096):  # entries are 20 bytes each
        written.add(
            "".join(f"{offset:010d} 00000 n \n" for offset in offsets[start : start + 4096])
        )
    trailer = pdfdoc.PDFTrailer(
        startxref=xref_offset,
        Size=number + 1,
        Root=catalog_ref,
        Info=info_ref,
        Encrypt=encrypt_ref,
        ID=document.ID(),
    )
    written.add(trailer.format(document))


class _Output:
    def __init__(self, out: BinaryIO, pdf_version: tuple[int, int]) -> None:
        self.out = out
        self.offset = 0
        self.add(pdfdoc.PDFFile(pdf_version).strings[0])  # ReportLab's header

    def add(self, data: bytes | str) -> int:
        data = cast(bytes, pdfdoc.pdfdocEnc(data))
        offset = self.offset
        self.out.write(data)
        self.offset += len(data)
        return offset
