"""Stored files that must not outlive a failed write: the upload, capture and export services
save files before their transaction commits, and remove them if it does not."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.files.storage import default_storage


@contextmanager
def files_removed_on_failure() -> Iterator[list[str]]:
    """Collect stored file names; delete them if the surrounding work fails."""
    written: list[str] = []
    try:
        yield written
    except BaseException:
        for stored in written:
            default_storage.delete(stored)
        raise
