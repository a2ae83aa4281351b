"""Complete, versioned JSON export written incrementally.

Its JSON Schema is schemas/report-v2.json (served at /api/schemas/report-v2.json and named by
the document's "$schema"); SCHEMA.md explains the fields.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from verification.reports.types import ReportClaim, ReportEvidence, ReportMeta, ReportRating

SCHEMA_DIRECTORY = Path(__file__).parent / "schemas"
SCHEMA_FILE = SCHEMA_DIRECTORY / "report-v2.json"


def report_schema() -> dict[str, Any]:
    """The JSON Schema every JSON export validates against."""
    schema: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return schema


def iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def range_json(value: tuple[int, int] | None) -> dict[str, int] | None:
    return None if value is None else {"min": value[0], "max": value[1]}


def rating_json(rating: ReportRating | None) -> dict[str, Any] | None:
    if rating is None:
        return None
    return {
        "label": rating.label,
        "value": rating.value,
        "best": rating.best,
        "worst": rating.worst,
        "colour": rating.colour,
    }


def evidence_json(item: ReportEvidence) -> dict[str, Any]:
    return {
        "source": {
            "title": item.source_title,
            "kind": item.source_kind,
            "url": item.url,
            "publisher": item.publisher,
        },
        "stance": item.stance,
        "reliability": item.reliability,
        "credibility": item.credibility,
        "grade": item.grade,
        "excerpt": item.excerpt,
        "location": item.location,
        "captured_at": iso(item.captured_at),
        "sha256": item.sha256,
        "added_by": item.added_by,
    }


def claim_json(claim: ReportClaim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "url": claim.url,
        "letter": {
            "symbol": claim.letter_symbol,
            "date": iso(claim.letter_date),
            "sender": claim.letter_sender,
            "sender_same_as": claim.sender_same_as,
            "url": claim.letter_url,
        },
        "paragraph": claim.paragraph,
        "quote": claim.quote,
        "restatement": claim.restatement,
        "kind": claim.kind,
        "type": claim.claim_type,
        "event_date": iso(claim.event_date),
        "places": list(claim.places),
        "actors": list(claim.actors),
        "casualties": {
            "killed": claim.claimed_killed,
            "killed_at_least": claim.claimed_killed_at_least,
            "injured": claim.claimed_injured,
            "injured_at_least": claim.claimed_injured_at_least,
        },
        "state": claim.state,
        "verdict": {
            "rating": rating_json(claim.rating),
            "rationale": claim.rationale_markdown,
            "assessed": {
                "killed": range_json(claim.assessed_killed),
                "injured": range_json(claim.assessed_injured),
            },
            "researched_by": claim.researched_by,
            "proposed_at": iso(claim.proposed_at),
            "approved_by": claim.approved_by,
            "approved_at": iso(claim.approved_at),
        },
        "evidence": [evidence_json(item) for item in claim.evidence],
    }


def meta_json(meta: ReportMeta) -> dict[str, Any]:
    return {
        "title": meta.title,
        "scope": meta.scope,
        "generated_at": iso(meta.generated_at),
        "generated_by": meta.generated_by,
        "organisation": {"name": meta.organisation, "url": meta.organisation_url},
        "summary": [{"rating": label, "count": count} for label, count in meta.summary],
    }


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ": "))


class JsonWriter:
    media_type = "application/json"
    extension = "json"

    def write(self, meta: ReportMeta, claims: Iterable[ReportClaim], out: BinaryIO) -> None:
        header = "{\n"
        if meta.schema_url:
            header += f'"$schema": {dumps(meta.schema_url)},\n'
        header += f'"schema_version": {dumps(meta.schema_version)},\n'
        out.write(f'{header}"report": {dumps(meta_json(meta))},\n"claims": ['.encode())
        count = 0
        for claim in claims:
            separator = "\n" if count == 0 else ",\n"
            out.write((separator + dumps(claim_json(claim))).encode())
            count += 1
        out.write(f'\n],\n"claim_count": {count}\n}}\n'.encode())
