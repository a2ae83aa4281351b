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
        "too_small",
        "too_many_pages",
        "too_much_text",
        "too_complex",
        "macro_enabled",
        "unsafe_member",
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


def check_size(data: bytes, max_bytes: int, name: str = "", min_bytes: int = 1) -> None:
    """Refuse empty, tiny and oversized inputs before any parser sees them."""
    label = f"The file “{name}”" if name else "The file"
    if not data:
        raise IngestError("empty", f"{label} is empty.")
    if len(data) < min_bytes:
        raise IngestError(
            "too_small",
            f"{label} is {len(data):,} byte{'s' if len(data) != 1 else ''}; "
            f"a letter takes at least {min_bytes:,} bytes.",
        )
    if len(data) > max_bytes:
        raise IngestError(
            "too_large",
            f"{label} is {len(data):,} bytes; the limit is {max_bytes:,} bytes.",
        )
