"""The one exception the ingest layer raises, with a machine code and a user-facing message."""

from __future__ import annotations

ERROR_CODES = frozenset(
    {
        "empty",
        "too_large",
        "unsupported_type",
        "binary",
        "encrypted_pdf",
        "corrupt_pdf",
        "corrupt_docx",
        "zip_bomb",
        "xml_entities",
        "path_traversal",
        "corrupt_zip",
        "nested_too_deep",
    }
)


class IngestError(Exception):
    """An upload that cannot be read; `code` is for programs, `message` is for people."""

    def __init__(self, code: str, message: str) -> None:
        if code not in ERROR_CODES:
            raise ValueError(f"unknown ingest error code: {code!r}")
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


def check_size(data: bytes, max_bytes: int, name: str = "") -> None:
    """Refuse empty and oversized inputs before any parser sees them."""
    label = f"The file “{name}”" if name else "The file"
    if not data:
        raise IngestError("empty", f"{label} is empty.")
    if len(data) > max_bytes:
        raise IngestError(
            "too_large",
            f"{label} is {len(data):,} bytes; the limit is {max_bytes:,} bytes.",
        )
