"""How much one file may cost to read. The pure package takes these as an argument; Django
settings build them from the environment (config/settings.py, WORKBENCH_INGEST_*).

Defaults are sized from the corpus: the longest real letter with annexes is about 120 pages and
400,000 characters, so each limit leaves a wide margin for real letters and none for bombs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 50 * MIB  # the upload itself
    min_bytes: int = 16  # below this a file cannot hold a letter
    max_pages: int = 2_000  # pages a PDF may declare
    max_chars: int = 5_000_000  # characters of text extracted from one file
    max_depth: int = 256  # element nesting in HTML
    max_expanded_bytes: int = 200 * MIB  # what a .docx or .zip may expand to
    max_seconds: float = 60.0  # wall clock for reading one file, in the sandbox
    max_cpu_seconds: int = 30  # CPU time for reading one file, in the sandbox
    max_memory_bytes: int = 1024 * MIB  # address space of the sandbox process

    def as_dict(self) -> dict[str, int | float]:
        return asdict(self)


DEFAULT_LIMITS = Limits()
