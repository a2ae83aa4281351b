"""The report's content as plain strings, shared by the HTML, DOCX and PDF layouts."""

from __future__ import annotations

from verification.reports.formatting import (
    format_count,
    format_date,
    format_range,
    letter_reference,
)
from verification.reports.types import ReportClaim, ReportEvidence


def claim_heading(claim: ReportClaim) -> str:
    return f"Claim {claim.id} · {letter_reference(claim)}"


def letter_citation(claim: ReportClaim) -> str:
    dated = f", {format_date(claim.letter_date)}" if claim.letter_date else ""
    return f"{letter_reference(claim)}{dated}, sent by {claim.letter_sender}"


def claim_facts(claim: ReportClaim) -> list[tuple[str, str]]:
    """(label, value) rows of the facts table; places and actors joined with "; "."""
    return [
        ("Restatement", claim.restatement),
        ("Kind / type", f"{claim.kind} / {claim.claim_type}"),
        ("Event date", format_date(claim.event_date)),
        ("Places", "; ".join(claim.places)),
        ("Actors", "; ".join(claim.actors)),
        ("Claimed killed / injured", _pair(claim.claimed_killed, claim.claimed_injured)),
        ("Assessed killed / injured", _assessed(claim)),
        ("State", claim.state),
    ]


def _pair(killed: int | None, injured: int | None) -> str:
    return f"{format_count(killed) or '–'} / {format_count(injured) or '–'}"


def _assessed(claim: ReportClaim) -> str:
    killed = format_range(claim.assessed_killed) or "–"
    injured = format_range(claim.assessed_injured) or "–"
    return f"{killed} / {injured}"


def evidence_lines(item: ReportEvidence) -> tuple[str, str, list[str]]:
    """(title line, stance and grade, detail lines) for one evidence item."""
    publisher = f", {item.publisher}" if item.publisher else ""
    title = f"{item.source_title}{publisher} ({item.source_kind})"
    stance = f"{item.stance} · grade {item.grade}"
    details = [
        f"Location: {item.location}",
        f"Link: {item.url or 'none'}",
        f"Captured: {format_date(item.captured_at) or 'not captured'}",
        f"SHA-256: {item.sha256 or 'none'}",
        f"Added by: {item.added_by}",
        f"Excerpt: “{item.excerpt}”",
    ]
    return title, stance, details


def provenance_text(claim: ReportClaim) -> str:
    text = f"Researched by {claim.researched_by or 'unknown'}"
    if claim.proposed_at:
        text += f", proposed {format_date(claim.proposed_at)}"
    if not claim.approved_by:
        return text + "; not approved."
    text += f"; approved by {claim.approved_by}"
    if claim.approved_at:
        text += f" on {format_date(claim.approved_at)}"
    return text + "."
