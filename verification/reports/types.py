"""Plain, frozen records the Django layer fills from the database for the report writers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import BinaryIO, Protocol

STANCES: tuple[str, ...] = ("corroborates", "contradicts", "context", "mixed")


@dataclass(frozen=True)
class ReportEvidence:
    source_title: str
    source_kind: str
    url: str | None
    publisher: str | None
    stance: str  # one of STANCES
    reliability: str  # "A" (reliable) .. "F" (cannot be judged)
    credibility: int  # 1 (confirmed) .. 6 (cannot be judged)
    excerpt: str
    location: str
    captured_at: datetime | None
    sha256: str | None
    added_by: str

    @property
    def grade(self) -> str:
        """Admiralty-code grade, for example "B2"."""
        return f"{self.reliability}{self.credibility}"


@dataclass(frozen=True)
class ReportRating:
    label: str
    value: int
    colour: str  # hex, for example "#1a7f37"
    best: int
    worst: int


@dataclass(frozen=True)
class ReportClaim:
    id: int
    letter_symbol: str
    letter_date: date | None
    letter_sender: str
    letter_url: str | None
    paragraph: int | None
    quote: str
    restatement: str
    kind: str
    claim_type: str
    event_date: date | None
    places: tuple[str, ...]
    actors: tuple[str, ...]
    claimed_killed: int | None
    claimed_injured: int | None
    assessed_killed: tuple[int, int] | None
    assessed_injured: tuple[int, int] | None
    state: str
    rating: ReportRating | None
    rationale_markdown: str
    evidence: tuple[ReportEvidence, ...]
    researched_by: str | None
    approved_by: str | None
    approved_at: datetime | None
    proposed_at: datetime | None
    url: str | None  # the claim's page in the workbench
    sender_same_as: str | None  # for example the sending State's Wikidata URL
    # The letter said "at least" (a lower bound, not an exact count): reports must say so too.
    claimed_killed_at_least: bool = False
    claimed_injured_at_least: bool = False

    @property
    def is_approved(self) -> bool:
        return self.rating is not None and bool(self.approved_by)


@dataclass(frozen=True)
class ReportMeta:
    title: str
    scope: str  # human description of the filter, for example "Approved claims, 2024"
    generated_at: datetime
    generated_by: str
    organisation: str
    organisation_url: str
    schema_version: str = "2.0"
    # Where the JSON Schema of the JSON export is published (JSON's "$schema"); None: omitted.
    schema_url: str | None = None
    language: str = "en"  # BCP 47 tag of the report's own text (PDF /Lang, HTML lang)
    # Number of claims the iterable will yield, when the caller knows it: the PDF reserves its
    # contents pages at the front from it. None: the PDF counts and puts the contents last.
    claim_count: int | None = None
    # (rating label, number of claims), in display order; writers that stream cannot count
    # before they write, so the caller computes this with one aggregate query.
    summary: tuple[tuple[str, int], ...] = ()


class Writer(Protocol):
    media_type: str
    extension: str

    def write(self, meta: ReportMeta, claims: Iterable[ReportClaim], out: BinaryIO) -> None: ...
