"""One row per claim, for spreadsheets: UTF-8 with BOM, formula injection neutralised."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterable
from typing import BinaryIO

from verification.reports.formatting import format_date, format_range, stance_counts
from verification.reports.types import STANCES, ReportClaim, ReportMeta

HEADER: tuple[str, ...] = (
    "id", "letter_symbol", "letter_date", "letter_sender", "paragraph", "quote", "restatement",
    "kind", "type", "event_date", "places", "actors",
    "claimed_killed", "claimed_killed_at_least", "claimed_injured", "claimed_injured_at_least",
    "assessed_killed", "assessed_killed_min", "assessed_killed_max",
    "assessed_injured", "assessed_injured_min", "assessed_injured_max", "state", "rating", "rating_value", "rationale",
    "evidence_total", *(f"evidence_{stance}" for stance in STANCES),
    "researched_by", "approved_by", "approved_at", "url",
)  # fmt: skip
# A spreadsheet treats a cell starting with one of these as a formula (or strips and then
# evaluates it), so an attacker-controlled quote could run "=HYPERLINK(...)" on an editor's PC.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _bounds(value: tuple[int, int] | None) -> tuple[object, object]:
    return (None, None) if value is None else value


def claim_row(claim: ReportClaim) -> list[str]:
    counts = stance_counts(claim.evidence)
    values: list[object] = [
        claim.id, claim.letter_symbol, format_date(claim.letter_date), claim.letter_sender,
        claim.paragraph, claim.quote, claim.restatement, claim.kind, claim.claim_type,
        format_date(claim.event_date), "; ".join(claim.places), "; ".join(claim.actors),
        claim.claimed_killed, _flag(claim.claimed_killed_at_least),
        claim.claimed_injured, _flag(claim.claimed_injured_at_least),
        format_range(claim.assessed_killed), *_bounds(claim.assessed_killed),
        format_range(claim.assessed_injured), *_bounds(claim.assessed_injured), claim.state,
        claim.rating.label if claim.rating else "", claim.rating.value if claim.rating else "",
        claim.rationale_markdown, len(claim.evidence), *(counts[stance] for stance in STANCES),
        claim.researched_by, claim.approved_by, format_date(claim.approved_at), claim.url,
    ]  # fmt: skip
    return [neutralise(value) for value in values]


class CsvWriter:
    media_type = "text/csv; charset=utf-8"
    extension = "csv"

    def write(self, meta: ReportMeta, claims: Iterable[ReportClaim], out: BinaryIO) -> None:
        out.write(codecs.BOM_UTF8)
        text_out = codecs.getwriter("utf-8")(out)
        rows = csv.writer(text_out, lineterminator="\r\n")
        rows.writerow(HEADER)
        for claim in claims:
            rows.writerow(claim_row(claim))
