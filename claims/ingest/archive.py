"""ZIP archives, read defensively: no path tricks, bounded sizes, bounded nesting.

Used twice: to expand an uploaded .zip into its documents, and to vet a .docx (itself a ZIP)
before python-docx opens it.
"""

from __future__ import annotations

import io
import posixpath
import re
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from claims.ingest.errors import IngestError, check_size
from claims.ingest.sniff import ZIP, sniff_media_type

MAX_MEMBERS = 1000
MAX_COMPRESSION_RATIO = 100  # text compresses ~5-10x; a 100x member is a bomb, not a letter
RATIO_CHECK_FLOOR = 1024 * 1024  # small members may compress well without harm
MAX_NESTING = 1  # a zip inside the upload is fine, a zip inside that is not
_CHUNK = 64 * 1024
_IGNORED = re.compile(r"(^|/)(__MACOSX/|\.DS_Store$|Thumbs\.db$|desktop\.ini$)")
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class DocumentFile:
    name: str
    data: bytes


def expand_upload(
    name: str, data: bytes, *, max_bytes: int = 50 * 1024 * 1024
) -> list[DocumentFile]:
    """The documents in an upload: a ZIP (judged by content) yields its members, anything
    else yields itself. Raises IngestError for unsafe or unreadable archives."""
    check_size(data, max_bytes, name)
    if sniff_media_type(data, name) != ZIP:
        return [DocumentFile(name, data)]
    documents = list(_expand(name, data, max_bytes, depth=0))
    if not documents:
        raise IngestError("empty", f"The archive “{name}” contains no documents.")
    return documents


def _expand(name: str, data: bytes, max_bytes: int, depth: int) -> Iterator[DocumentFile]:
    budget = ByteBudget(max_bytes)
    for member_name, member_data in read_members(
        data, budget, archive_label=f"the archive “{name}”"
    ):
        if member_data[:4] == b"PK\x03\x04" and sniff_media_type(member_data) == ZIP:
            if depth >= MAX_NESTING:
                raise IngestError(
                    "nested_too_deep",
                    f"The file “{member_name}” is an archive inside an archive inside “{name}”; "
                    "unpack it and upload the documents.",
                )
            yield from _expand(f"{name}/{member_name}", member_data, max_bytes, depth + 1)
        else:
            yield DocumentFile(member_name, member_data)


class ByteBudget:
    """Uncompressed bytes still allowed across all members of one archive."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.remaining = limit

    def spend(self, amount: int, member: str) -> None:
        self.remaining -= amount
        if self.remaining < 0:
            raise IngestError(
                "zip_bomb",
                f"The archive expands past {self.limit:,} bytes (at “{member}”); "
                "it is refused as a possible zip bomb.",
            )


def read_members(
    data: bytes,
    budget: ByteBudget,
    *,
    archive_label: str = "the archive",
    skip_directories: bool = True,
) -> Iterator[tuple[str, bytes]]:
    """Yield (safe name, bytes) for each file member, streaming each with a byte counter."""
    archive = open_zip(data, archive_label)
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise IngestError(
                "zip_bomb",
                f"{_capital(archive_label)} holds {len(members):,} files; the limit is {MAX_MEMBERS:,}.",
            )
        for info in members:
            safe_name = safe_member_name(info.filename, archive_label)
            if (skip_directories and info.is_dir()) or _IGNORED.search(safe_name):
                continue
            _refuse_link(info, archive_label)
            _check_ratio(info, archive_label)
            yield safe_name, _read_bounded(archive, info, budget, archive_label)


def open_zip(data: bytes, archive_label: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise IngestError(
            "corrupt_zip", f"{_capital(archive_label)} is not a readable ZIP archive."
        ) from error


def safe_member_name(filename: str, archive_label: str) -> str:
    """Refuse absolute paths and ".." components; return the name with forward slashes."""
    name = filename.replace("\\", "/")
    parts = name.split("/")
    if name.startswith("/") or _WINDOWS_DRIVE.match(name) or ".." in parts:
        raise IngestError(
            "path_traversal",
            f"{_capital(archive_label)} contains a file with an unsafe path ({filename!r}); "
            "the archive is refused.",
        )
    return posixpath.normpath(name)


def _refuse_link(info: zipfile.ZipInfo, archive_label: str) -> None:
    """A Unix symbolic link is stored as a member whose bytes are the target path; read as a
    letter it would be a path, and unpacked it could point anywhere."""
    if stat.S_ISLNK(info.external_attr >> 16):
        raise IngestError(
            "unsafe_member",
            f"{_capital(archive_label)} contains a symbolic link (“{info.filename}”), not a "
            "document; links are not accepted.",
        )


def _capital(label: str) -> str:
    return label[:1].upper() + label[1:]


def _check_ratio(info: zipfile.ZipInfo, archive_label: str) -> None:
    if info.flag_bits & 0x1:
        raise IngestError(
            "unsupported_type",
            f"The file “{info.filename}” in {archive_label} is encrypted; upload it unprotected.",
        )
    if info.file_size > RATIO_CHECK_FLOOR and info.file_size > MAX_COMPRESSION_RATIO * max(
        info.compress_size, 1
    ):
        raise IngestError(
            "zip_bomb",
            f"The file “{info.filename}” in {archive_label} expands {info.file_size // max(info.compress_size, 1):,} "
            "times its compressed size; it is refused as a possible zip bomb.",
        )


def _read_bounded(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: ByteBudget, archive_label: str
) -> bytes:
    """Read one member in chunks, stopping as soon as the budget is spent (sizes in the
    header can lie; the counter cannot)."""
    chunks = []
    read = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                budget.spend(len(chunk), info.filename)
                read += len(chunk)
                if read > RATIO_CHECK_FLOOR and read > MAX_COMPRESSION_RATIO * max(
                    info.compress_size, 1
                ):
                    _check_ratio_exceeded(info, archive_label)
                chunks.append(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, zipfile.LargeZipFile) as error:
        raise IngestError(
            "corrupt_zip", f"The file “{info.filename}” in {archive_label} is damaged."
        ) from error
    except RuntimeError as error:  # zipfile raises this for encrypted members
        raise IngestError(
            "corrupt_zip", f"The file “{info.filename}” in {archive_label} cannot be read."
        ) from error
    return b"".join(chunks)


def _check_ratio_exceeded(info: zipfile.ZipInfo, archive_label: str) -> None:
    raise IngestError(
        "zip_bomb",
        f"The file “{info.filename}” in {archive_label} expands over {MAX_COMPRESSION_RATIO} times its "
        "compressed size; it is refused as a possible zip bomb.",
    )
